package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/content"

	"elreport/generator/compute"
)

// The threshold is said as site.toml gives it: 7.5 is "7.5", not rounded to "8" (which would
// call a gap of 7.8 points "wider than 8 points").
func TestGapThresholdNotRounded(t *testing.T) {
	s := testSite(t)
	s.Config.GapThreshold = 7.5
	out, _ := renderSite(t, s)
	home := string(out.files["en/index.html"])
	if !strings.Contains(home, "wider than 7.5 points") || !strings.Contains(home, "Gaps wider than 7.5 points are flagged") {
		t.Errorf("home page does not give the threshold as 7.5")
	}
	for name, data := range out.files {
		if strings.HasPrefix(name, "en/") && (strings.Contains(string(data), "wider than 8 points") ||
			strings.Contains(string(data), "the 8-point mark")) {
			t.Errorf("%s rounds the threshold 7.5 to 8", name)
		}
	}
}

// The order of the home-language table must not rank the counts it suppresses: suppressed
// rows come after the shown ones, by name, whatever their hidden counts.
func TestCoverageSuppressedOrder(t *testing.T) {
	s := testSite(t)
	s.Result.HomeLanguages = []compute.LanguageCount{{Language: "Spanish", Code: "es", ELStudents: 120},
		{Language: "Nepali", Code: "ne", ELStudents: 9}, {Language: "Dari", Code: "prs", ELStudents: 8},
		{Language: "Albanian", Code: "sq", ELStudents: 6}}
	s.Result.PublishedLanguages = compute.PublishLanguages(s.Result.HomeLanguages, s.Config.MinN)
	out, _ := renderSite(t, s)
	var csv string
	for name, data := range out.files {
		if strings.HasSuffix(name, "/home-languages.csv") {
			csv = string(data)
		}
	}
	want := "home_language,el_students,suppressed,site_language,guides\n" +
		"Spanish,120,false,,\nAlbanian,,true,,\nDari,,true,,\nNepali,,true,,\n"
	if csv != want {
		t.Errorf("home-languages.csv:\ngot\n%s\nwant\n%s", csv, want)
	}
	page := string(out.files["en/data.html"])
	a, d, n := strings.Index(page, "Albanian"), strings.Index(page, "Dari"), strings.Index(page, "Nepali")
	if a < 0 || !(a < d && d < n) {
		t.Errorf("data page lists the suppressed languages in the order of their counts (Albanian %d, Dari %d, Nepali %d)", a, d, n)
	}
}

// The data-quality table gives the rows left out, not the rows read or accepted: a file's
// accepted rows add up published denominators (access.csv: the tested ELs of every district
// and year), so with them a suppressed one follows by subtraction.
func TestDataQualityNoTotals(t *testing.T) {
	s := testSite(t)
	s.Report.Files[1].Read, s.Report.Files[1].Accepted, s.Report.Files[1].Rejected = 9873, 9871, 2
	out, _ := renderSite(t, s)
	csv := string(out.files["data/data-quality.csv"])
	if strings.Contains(csv, "9873") || strings.Contains(csv, "9871") {
		t.Errorf("data-quality.csv gives rows read or accepted:\n%s", csv)
	}
	if !strings.Contains(csv, "access,access.csv,2,") {
		t.Errorf("data-quality.csv lacks the rows left out of access.csv:\n%s", csv)
	}
	for _, name := range []string{"en/data.html", "ar/data.html"} {
		page := string(out.files[name])
		if strings.Contains(page, "9,873") || strings.Contains(page, "9,871") || strings.Contains(page, "9873") ||
			strings.Contains(page, "٩٬٨٧٣") || strings.Contains(page, "٩٬٨٧١") {
			t.Errorf("%s gives rows read or accepted", name)
		}
	}
}

// Arabic counts change the word for points with the number: the data page's definition of a
// gap uses the real ar.toml and must say "نقطتين" for 2, "١٠ نقاط" for 10 and "١١ نقطة" for 11.
func TestThresholdPointsPluralArabic(t *testing.T) {
	for _, tc := range []struct {
		threshold float64
		want      string
	}{
		{2, "تزيد على نقطتين"},
		{10, "تزيد على ١٠ نقاط"},
		{11, "تزيد على ١١ نقطة"},
	} {
		s := testSite(t)
		ar, err := fs.ReadFile(content.FS, "i18n/ar.toml")
		if err != nil {
			t.Fatal(err)
		}
		s.Content.(fstest.MapFS)["i18n/ar.toml"] = &fstest.MapFile{Data: ar}
		s.Config.GapThreshold = tc.threshold
		out, _ := renderSite(t, s)
		if page := string(out.files["ar/data.html"]); !strings.Contains(page, tc.want) {
			t.Errorf("gap_threshold %g: ar/data.html lacks %q", tc.threshold, tc.want)
		}
	}
}
