package site

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// samplePublicData are DESE public exports for the sample district's years, in DESE's layouts
// (generator/public/testdata/README.md), with values made up for the test: the sample district
// is synthetic and no real export of its years is at hand. Lowell is the comparison district.
var samplePublicData = map[string]string{
	// Benchmarks: the ACCESS for ELLs Reporting Elements of 2025.
	"accessreportingelements_2025.csv": "2025 ACCESS for ELLs Reporting Elements (District),,,,,,,,,\r\n" +
		"District Name,District Code,Grade,Enrolled #,Part. Rate %,RE1 - Made Progress (All Students) #,RE1 - Made Progress (All Students) %,RE2 - Met Exit Criteria #,RE2 - Met Exit Criteria %\r\n" +
		"Lowell,01600000,K-8,\"3,311\",99,\"2,402\",44,\"3,311\",13\r\n" +
		"Lowell,01600000,ALL,\"4,206\",98,\"3,061\",38,\"4,206\",11\r\n" +
		"State Totals,00000000,ALL,\"108,412\",97,\"77,530\",41,\"108,410\",12\r\n",
	// Dropout risk: four-year graduation rates of English learners, cohort 2025, without a title
	// row (site.toml names what it does not say).
	"gradrates_el_2025.csv": "District Name,District Code,# in Cohort,% Graduated,% Still in School,% Non-Grad Completers,% H.S. Equiv.,% Dropped Out,% Permanently Excluded\r\n" +
		"Lowell,01600000,       158,    66.5,    15.2,     1.3,     0.0,    17.1,     0.0\r\n" +
		"State Totals,00000000,\"     7,102\",    73.4,    12.0,     1.0,     0.2,    13.4,     0.0\r\n",
	// Post-graduation: the plans of the 2024-25 graduates.
	"plansofhsgrads_2024-25.csv": "2024-25 Plans of High School Graduates Report (District) ,,,,,,,,,,,,\r\n" +
		"District Name,District Code,4 Year Private College,4 Year Public College,2 Year Private College,2 Year Public College,Other Post Secondary,Apprenticeship,Work,Military,Other,Unknown,Total Count\r\n" +
		"Lowell,01600000,  14.9,  33.8,   0.2,  28.4,   1.6,   0.2,   7.1,   2.6,   4.8,   6.4,     731\r\n" +
		"State Totals,00000000,  28.8,  31.6,   0.4,  18.2,   2.1,   0.5,   9.6,   2.0,   1.7,   5.1,\"  68,402\"\r\n",
}

// tag matches an HTML tag, to read a page's text.
var tag = regexp.MustCompile(`<[^>]*>`)

// TestSamplePublicData builds the sample site (../../site.toml and ../../data, eight languages)
// with [public_data] and checks that the benchmarks, dropout-risk and post-graduation pages of
// every language set the district's figures beside the state's and the comparison district's,
// with the source, and say in the page's language why a pair is given no difference.
func TestSamplePublicData(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../data", filepath.Join(dir, "data"))
	copyDir(t, "../../content/goals", filepath.Join(dir, "content", "goals")) // the sample's plan
	for name, data := range samplePublicData {
		writeFile(t, filepath.Join(dir, "public-data", name), data)
	}
	cfg := readFile(t, "../../site.toml") + `
[public_data]
dir = "public-data"
compare_districts = ["1600000"]

[public_data.files."gradrates_el_2025.csv"]
report = "graduation_4yr"
year = 2025
group = "English Learners"
`
	writeFile(t, filepath.Join(dir, "site.toml"), cfg)
	mem := NewMemory()
	if _, err := Build(context.Background(), Options{Config: filepath.Join(dir, "site.toml"), Output: mem}); err != nil {
		t.Fatal(err)
	}

	// Each topic page: a public figure of the state and of Lowell (as data-sort writes them),
	// and its source.
	topics := []struct {
		page, state, lowell, source string
	}{
		{"benchmarks.html", "41", "38", "accessreportingelements_2025.csv"},
		{"dropout-risk.html", "73.4", "66.5", "gradrates_el_2025.csv"},
		{"post-graduation.html", "79", "77.3", "plansofhsgrads_2024-25.csv"}, // 28.8+31.6+0.4+18.2; 14.9+33.8+0.2+28.4
	}
	langs, err := filepath.Glob("../../content/i18n/*.toml")
	if err != nil || len(langs) != 8 {
		t.Fatalf("got translations %q (%v), want 8", langs, err)
	}
	for _, path := range langs {
		code := strings.TrimSuffix(filepath.Base(path), ".toml")
		var tr struct {
			Compare struct {
				Section string `toml:"section"`
				State   string `toml:"state"`
			} `toml:"compare"`
			Differs struct {
				MetExitCriteria string `toml:"met_exit_criteria"`
			} `toml:"compare_differs"`
		}
		if _, err := toml.DecodeFile(path, &tr); err != nil {
			t.Fatal(err)
		}
		for _, tp := range topics {
			name := code + "/" + tp.page
			b, ok := mem.File(name)
			if !ok {
				t.Errorf("no %s", name)
				continue
			}
			page := string(b)
			for _, want := range []string{
				`<h2 id="compare-h">` + html.EscapeString(tr.Compare.Section) + `</h2>`,
				`data-label="` + html.EscapeString(tr.Compare.State) + `" data-sort="` + tp.state + `"`,
				`data-label="Lowell" data-sort="` + tp.lowell + `"`,
				tp.source,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %q", name, want)
				}
			}
		}
		// DESE's RE2 counts out of the enrolled, the site's out of the tested: no difference,
		// and the page says why, in its language (as text: the glossary links some words).
		b, _ := mem.File(code + "/benchmarks.html")
		if text := html.UnescapeString(tag.ReplaceAllString(string(b), "")); !strings.Contains(text, tr.Differs.MetExitCriteria) {
			t.Errorf("%s/benchmarks.html does not say why met_exit_criteria has no difference: %q", code, tr.Differs.MetExitCriteria)
		}
	}
	csv, _ := mem.File("data/benchmarks/compare.csv")
	for _, want := range []string{
		"making_progress,EL,,2025,state,00000000,State Totals,41,77530,false,DESE ACCESS for ELLs Reporting Elements,2025,accessreportingelements_2025.csv",
		"making_progress,EL,,2025,comparison,01600000,Lowell,38,3061,false,DESE ACCESS for ELLs Reporting Elements,2025,accessreportingelements_2025.csv",
		"met_exit_criteria,EL,,2025,state,00000000,State Totals,12,108410,false,",
	} {
		if !strings.Contains(string(csv), want) {
			t.Errorf("data/benchmarks/compare.csv lacks %q:\n%s", want, csv)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a build into memory wrote %s", filepath.Join(dir, "public"))
	}
}
