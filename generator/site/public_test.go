package site

import (
	"bytes"
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

// siteFiles is a render.Output that keeps every file, for a test to list them.
type siteFiles map[string][]byte

func (s siteFiles) WriteFile(name string, data []byte) error {
	s[name] = append([]byte(nil), data...)
	return nil
}

// writeDistrictReports copies into dir/public-data the district-level exports of
// generator/public/testdata that the tests of a site of several districts read.
func writeDistrictReports(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"plansofhsgrads_district_2017-18.csv", "gradrates_4yr_district_2021_notitle.csv",
		"dropout_district_notitle.csv", "mcas_nextgen_district_2023.csv", "accessreportingelements_district_2024.csv"} {
		writeFile(t, filepath.Join(dir, "public-data", name), readFile(t, filepath.Join("..", "public", "testdata", name)))
	}
}

// publicOnlyConfig returns the site.toml of a site from those exports alone, of district (a
// TOML value: a code, a list of them), with the line compare in [public_data] (or none).
func publicOnlyConfig(district, compare string) string {
	return "title = \"English Learner Reports\"\ndistrict = " + district + `

[data]
dir = ""

[public_data]
dir = "public-data"
` + compare + `

[public_data.files."gradrates_4yr_district_2021_notitle.csv"]
report = "graduation_4yr"
year = 2021
group = "All Students"

[public_data.files."dropout_district_notitle.csv"]
year = 2021
group = "All Students"
`
}

// TestPublicOnlyDistrictsAsAlone builds a site from DESE's public reports alone for three
// districts of the real fixtures of generator/public/testdata (with a made-up school-level
// plans export, so that schools have pages too), and a site of each district alone, and checks
// that each district's pages in the first are those of the second: the same figures, years,
// headline year, comparisons and statements of what the reports do not give. What differs is
// the layout of a site of several districts, which the normalisation below takes out: the
// addresses, the navigation, the headings that name the district, chart ids made from a page's
// address; and the data page, whose site-wide downloads are on the site's data page.
func TestPublicOnlyDistrictsAsAlone(t *testing.T) {
	dir := t.TempDir()
	writeDistrictReports(t, dir)
	writeFile(t, filepath.Join(dir, "public-data", "plans_school_2017-18.csv"),
		"2017-18 Plans of High School Graduates Report (School) ,,,,,,,,,,,,,,\n"+
			"District Name,District Code,School Name,School Code,4 Year Private College,4 Year Public College,2 Year Private College,2 Year Public College,Other Post Secondary,Apprenticeship,Work,Military,Other,Unknown,Total Count\n"+
			"Methuen,01810000,Methuen High,01810505,  22.0,  24.4,   0.4,  30.3,   3.4,   0.0,   7.6,   2.0,   0.2,   9.6,     446\n"+
			"Rockland,02510000,Rockland Senior High,02510505,  26.1,  40.3,   0.7,  13.4,   3.7,   2.2,   6.7,   2.2,   2.2,   2.2,     134\n")
	config := func(district string) string {
		return publicOnlyConfig(district, `compare_districts = ["01600000"]`)
	}
	build := func(district string) siteFiles {
		t.Helper()
		writeFile(t, filepath.Join(dir, "site.toml"), config(district))
		out := siteFiles{}
		if _, err := Build(context.Background(), Options{Config: filepath.Join(dir, "site.toml"), Output: out}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	several := build(`["02510000", "01810000", "00010000"]`)

	main := regexp.MustCompile(`(?s)<main.*</main>`)
	layout := []*regexp.Regexp{
		regexp.MustCompile(`(?s)<nav.*?</nav>`),
		regexp.MustCompile(` (href|src|data-option|id|aria-labelledby|aria-describedby|for)="[^"]*"`),
		regexp.MustCompile(`chart-[0-9a-z]+-`),
	}
	normal := func(page []byte, district string) string {
		s := main.FindString(string(page))
		for _, re := range layout {
			s = re.ReplaceAllString(s, "")
		}
		return strings.ReplaceAll(s, ": "+district+"<", "<") // "Benchmarks: Methuen"
	}
	pages := 0
	for _, d := range []struct{ code, name string }{{"00010000", "Abington"}, {"01810000", "Methuen"}, {"02510000", "Rockland"}} {
		alone := build(`"` + d.code + `"`)
		for name, page := range alone {
			rest, ok := strings.CutPrefix(name, "en/")
			if !ok || !strings.HasSuffix(name, ".html") || rest == "data.html" || rest == "glossary.html" {
				continue
			}
			other, ok := several["en/districts/"+d.code+"/"+rest]
			if !ok {
				t.Errorf("%s: the site of several districts has no en/districts/%s/%s", d.name, d.code, rest)
				continue
			}
			pages++
			if a, b := normal(page, d.name), normal(other, d.name); a != b {
				i := 0
				for i < min(len(a), len(b)) && a[i] == b[i] {
					i++
				}
				t.Errorf("%s's %s differs from the site of %s alone at byte %d:\n  alone:   %q\n  several: %q", d.name, rest, d.name, i, a[max(0, i-80):min(len(a), i+120)], b[max(0, i-80):min(len(b), i+120)])
			}
		}
	}
	// Home, four topics and three guides per district, and a school of Methuen and of Rockland.
	if pages != 3*9+2 {
		t.Errorf("compared %d pages, want %d", pages, 3*9+2)
	}
	// A list of one code is the site of that district alone, byte for byte.
	one, listed := build(`"01810000"`), build(`["1810000"]`)
	if len(one) != len(listed) {
		t.Errorf(`district = ["1810000"] wrote %d files, district = "01810000" %d`, len(listed), len(one))
	}
	for name, data := range one {
		if !bytes.Equal(data, listed[name]) {
			t.Errorf(`%s differs between district = "01810000" and district = ["1810000"]`, name)
		}
	}
}

// TestPublicOnlyDistrictsGoalsAsAlone checks that a goal of a district of a site from DESE's
// public reports alone with several districts is tracked as on the site of that district
// alone: in the district's own years and at its own headline year, not the site's. Abington's
// latest figures are of 2023 (MCAS) while the site's latest year is 2024 (Methuen's and
// Rockland's ACCESS rows): its goal on MCAS is on track in 2023, not "no figure yet" in 2024.
// Methuen has no figure of 2023, a year of the site (Abington's), so its goal has no 2023 row.
func TestPublicOnlyDistrictsGoalsAsAlone(t *testing.T) {
	dir := t.TempDir()
	writeDistrictReports(t, dir)
	for _, id := range []string{"abington-ela", "methuen-college"} {
		writeFile(t, filepath.Join(dir, "content", "goals", id+".en.md"), "+++\ntitle = \"Goal "+id+"\"\nsummary = \"A goal.\"\n+++\n\nWhat the plan does.\n")
	}
	config := func(district string, goals ...string) string {
		return publicOnlyConfig(district, "") + strings.Join(goals, "")
	}
	goal := map[string]string{
		"00010000": `
[[goals]]
id = "abington-ela"
metric = "mcas_meeting"
group = "All"
category = "ELA"
district = "00010000"
baseline_year = 2023
target = 60.0
target_year = 2027
`,
		"01810000": `
[[goals]]
id = "methuen-college"
metric = "any_college"
group = "All"
district = "01810000"
baseline_year = 2018
target = 80.0
target_year = 2026
`,
	}
	build := func(district string, goals ...string) siteFiles {
		t.Helper()
		writeFile(t, filepath.Join(dir, "site.toml"), config(district, goals...))
		out := siteFiles{}
		if _, err := Build(context.Background(), Options{Config: filepath.Join(dir, "site.toml"), Output: out}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// goalRows returns the rows of data/goals.csv of goal id.
	goalRows := func(s siteFiles, id string) []string {
		var out []string
		for _, line := range strings.Split(string(s["data/goals.csv"]), "\n") {
			if strings.HasPrefix(line, id+",") {
				out = append(out, line)
			}
		}
		return out
	}
	several := build(`["00010000", "01810000"]`, goal["00010000"], goal["01810000"])
	status := regexp.MustCompile(`<p class="status status-[a-z_]+">`)
	for _, d := range []struct{ code, goal, status string }{
		{"00010000", "abington-ela", "on_track"},
		{"01810000", "methuen-college", "no_data"}, // no plans figure in its headline year, 2024
	} {
		alone := build(`"`+d.code+`"`, goal[d.code])
		want, got := goalRows(alone, d.goal), goalRows(several, d.goal)
		if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("goal %s: data/goals.csv of the site of several districts has\n%s\nwant (the site of %s alone)\n%s",
				d.goal, strings.Join(got, "\n"), d.code, strings.Join(want, "\n"))
		}
		plan := string(several["en/districts/"+d.code+"/plan.html"])
		if w := `<p class="status status-` + d.status + `">`; !strings.Contains(string(alone["en/plan.html"]), w) || !strings.Contains(plan, w) {
			t.Errorf("goal %s: the plan page of the site of several districts says %q, want %q as the site of %s alone",
				d.goal, status.FindAllString(plan, -1), w, d.code)
		}
	}
}
