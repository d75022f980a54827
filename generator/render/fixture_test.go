package render

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"elreport/content"
	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/goal"
	"elreport/generator/load"
	"elreport/generator/metric"
	"elreport/templates"
)

// hostileName is a school name that must stay inert text everywhere.
const hostileName = `A</script><script>alert(1)</script>`

// testAr is a partial Arabic translation for the tests (the real ar.toml is translated from
// en.toml by someone else); what it lacks falls back to English and is reported.
const testAr = `
[site]
skip = "انتقل إلى المحتوى الرئيسي"
languages = "اللغات"
[root]
open = "افتح التقرير بالعربية"
[notfound]
text = "هذه الصفحة غير موجودة."
[nav]
home = "الرئيسية"
[suppressed]
mark = "*"
text = "أقل من {n} طلاب: لا يظهر لحماية الخصوصية"
[unit]
points = { zero = "{n} نقطة مئوية", one = "نقطة مئوية واحدة", two = "نقطتان مئويتان", few = "{n} نقاط مئوية", many = "{n} نقطة مئوية", other = "{n} نقطة مئوية" }
[group.EL]
short = "متعلمو اللغة الإنجليزية"
[summary]
progress.more = "أحرز {pct} من متعلمي اللغة الإنجليزية تقدمًا في {year}، بزيادة {points} عن {prior}."
progress.fewer = "أحرز {pct} من متعلمي اللغة الإنجليزية تقدمًا في {year}، بانخفاض {points} عن {prior}."
[guides]
fallback = "هذا الدليل غير متوفر بلغتك بعد. وهو معروض باللغة {language}."
[plan]
title = "خطة التحسين"
status.met = "تحقق الهدف"
status.on_track = "على المسار الصحيح"
status.behind = "متأخر"
status.not_published = "غير معروض (الخصوصية)"
fallback = "نص هذا الهدف غير متوفر بلغتك بعد. وهو معروض باللغة {language}."
`

// testContent is the embedded content (the real en.toml and English glossary) with the test's
// Arabic file and two guides: one in both languages, one in English only.
func testContent(t testing.TB) fs.FS {
	en, err := fs.ReadFile(content.FS, "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	glossaryEn, err := fs.ReadFile(content.FS, "glossary/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		"i18n/en.toml": {Data: en},
		// Arabic has no glossary of its own: its pages use the English one.
		"glossary/en.toml": {Data: glossaryEn},
		"i18n/ar.toml":     {Data: []byte(testAr)},
		"guides/README.md": {Data: []byte("# not a guide\n")},
		"guides/access-test.en.md": {Data: []byte("+++\ntitle = \"The ACCESS test\"\nsummary = \"What the test is and what its results mean.\"\n+++\n\n" +
			"Every English learner takes the ACCESS test each year.\n\n" +
			"In our district, {{< figure \"district\" \"making_progress\" \"EL\" >}} of English learners made progress. " +
			"At one school, {{< figure \"school:0102\" \"tested\" \"EL\" >}} English learners were tested. <b>Bold</b> stays text.\n")},
		"guides/access-test.ar.md": {Data: []byte("+++\ntitle = \"اختبار ACCESS\"\nsummary = \"ما هو الاختبار.\"\n+++\n\n" +
			"أحرز {{< figure \"district\" \"making_progress\" \"EL\" >}} من متعلمي اللغة الإنجليزية تقدمًا.\n")},
		"goals/README.md": {Data: []byte("# not a goal\n")},
		"goals/progress.en.md": {Data: []byte("+++\ntitle = \"More English learners making progress\"\nsummary = \"Why progress matters.\"\n+++\n\n" +
			"## Why it matters {#why}\n\nThis year {{< figure \"district\" \"making_progress\" \"EL\" >}} made progress. See [below](#actions).\n\n" +
			"## What we will do {#actions}\n\n- ESL teachers: set individual goals.\n")},
		"goals/progress.ar.md": {Data: []byte("+++\ntitle = \"المزيد من متعلمي اللغة الإنجليزية يحرزون تقدمًا\"\n+++\n\n" +
			"## لماذا يهم {#why}\n\nأحرز {{< figure \"district\" \"making_progress\" \"EL\" >}} تقدمًا.\n")},
		"goals/dropout.en.md": {Data: []byte("+++\ntitle = \"Fewer English learners leaving school\"\n+++\n\n## Why it matters {#why}\n\nA diploma opens doors.\n")},
		"goals/gap.en.md":     {Data: []byte("+++\ntitle = \"Close the graduation gap\"\n+++\n\n## Why it matters {#why}\n\nEvery student.\n")},
		"goals/school.en.md":  {Data: []byte("+++\ntitle = \"Progress at <b>one</b> school\"\n+++\n\nText.\n")},
		"guides/graduation.en.md": {Data: []byte("+++\ntitle = \"Graduation\"\nsummary = \"Graduating in four years.\"\n+++\n\n" +
			"{{< figure \"district\" \"graduation_rate\" \"EL\" >}} of English learners graduated in four years " +
			"({{< figure \"district\" \"graduation_rate_gap\" \"EL\" >}} points from students who were never English learners).\n")},
	}
}

// testConfig returns a config for the given languages (en and ar by default).
func testConfig(langs ...config.Language) *config.Config {
	cfg := config.Defaults()
	cfg.Title = "English Learner Outcomes"
	cfg.BaseURL = "https://reports.example.org/el/"
	if len(langs) == 0 {
		langs = []config.Language{
			{Code: "en", Name: "English", Dir: "ltr", NumberFormat: "en"},
			{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar"},
		}
	}
	cfg.Languages = langs
	return &cfg
}

// testReport is a data-quality ledger with a rejected row.
func testReport() *load.Report {
	return &load.Report{AllowRejects: 5, Files: []load.FileReport{
		{Input: "schools", Path: "data/schools.csv", Name: "schools.csv", Read: 3, Accepted: 3},
		{Input: "access", Path: "data/access.csv", Name: "access.csv", Read: 120, Accepted: 118, Rejected: 2,
			Reasons: []load.ReasonCount{{Reason: `column "overall_level": not a proficiency level (1.0-6.0)`, Rows: 2}}},
	}}
}

// fixtureResult is the golden site's figures: one district, two schools (one with a hostile
// name), two years, suppressed figures.
func fixtureResult() *compute.Result {
	r := syntheticResult(1, 2, 2)
	r.Districts[0].Name = "Riverside Public Schools"
	r.Districts[0].Schools[1].Name = hostileName
	for i := range r.Figures {
		f := &r.Figures[i]
		switch f.EntityCode {
		case r.Districts[0].Code:
			f.About = &compute.About{EntityName: r.Districts[0].Name}
		case r.Districts[0].Schools[1].Code:
			f.About = &compute.About{EntityName: hostileName}
		}
	}
	return r
}

// syntheticResult makes a Result of districts × schools × years with figures for every metric
// of the catalogue (docs/metrics.md), deterministic pseudo-random values, and some suppressed figures (every
// FormerEL figure of the second school, and its EL making-progress figure in the latest year;
// those of the latest year as complements, the others for size).
func syntheticResult(districts, schoolsPer, years int) *compute.Result {
	r := &compute.Result{}
	for y := range years {
		r.Years = append(r.Years, 2025-years+1+y)
	}
	spans := []string{"K-5", "6-8", "9-12"}
	for d := range districts {
		dist := compute.District{Code: fmt.Sprintf("D%02d", d+1), Name: fmt.Sprintf("District %d", d+1)}
		for s := range schoolsPer {
			dist.Schools = append(dist.Schools, compute.School{
				Code:         fmt.Sprintf("%02d%02d", d+1, s+1),
				Name:         fmt.Sprintf("School %d-%d", d+1, s+1),
				DistrictCode: dist.Code,
				GradeSpan:    spans[s%len(spans)],
			})
		}
		r.Districts = append(r.Districts, dist)
	}
	for _, d := range r.Districts {
		for _, y := range r.Years {
			r.Figures = appendEntityFigures(r.Figures, "district", d.Code, d.Name, d.Code, "", y, false)
		}
		for i, s := range d.Schools {
			for _, y := range r.Years {
				r.Figures = appendEntityFigures(r.Figures, "school", s.Code, s.Name, d.Code, s.GradeSpan, y, i == 1)
			}
		}
	}
	latest := r.Years[len(r.Years)-1]
	for i := range r.Figures {
		f := &r.Figures[i]
		if f.EntityType == "school" && strings.HasSuffix(f.EntityCode, "02") &&
			(f.Group == "FormerEL" || f.Year == latest && f.Metric == "making_progress" && f.Group == "EL") {
			f.Suppressed, f.Numerator, f.Denominator, f.Value, f.Wide = true, 0, 0, 0, false
			// The latest year's as complements, the others for size: tables over the years
			// show both marks.
			f.SuppressedFor = compute.ForSize
			if f.Year == latest {
				f.SuppressedFor = compute.ForComplement
			}
		}
	}
	entityRank := func(f compute.Figure) int {
		if f.EntityType == "district" {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(r.Figures, func(a, b compute.Figure) int {
		return cmp.Or(cmp.Compare(entityRank(a), entityRank(b)), cmp.Compare(a.EntityCode, b.EntityCode),
			cmp.Compare(a.Year, b.Year), cmp.Compare(a.Topic(), b.Topic()), cmp.Compare(a.Metric, b.Metric),
			cmp.Compare(slices.Index(groups, a.Group), slices.Index(groups, b.Group)), cmp.Compare(a.Category, b.Category))
	})
	r.HomeLanguages = []compute.LanguageCount{{Language: "Spanish", Code: "es", ELStudents: 120},
		{Language: "Arabic", Code: "ar", ELStudents: 35}, {Language: "Portuguese", Code: "pt", ELStudents: 22},
		{Language: "Khmer", Code: "km", ELStudents: 4}, {Language: "Other", ELStudents: 12}}
	r.PublishedLanguages = compute.PublishLanguages(r.HomeLanguages, 10)
	return r
}

// pseudo returns a stable number in [lo, hi) for a key.
func pseudo(lo, hi float64, key ...any) float64 {
	h := fnv.New64a()
	fmt.Fprint(h, key...)
	return lo + float64(h.Sum64()%100000)/100000*(hi-lo)
}

// cats returns the categories of a metric in the catalogue's order.
func cats(id metric.ID) []string { return id.Info().Categories.Values }

func appendEntityFigures(figs []compute.Figure, typ, code, name, district, span string, year int, small bool) []compute.Figure {
	about := &compute.About{EntityName: name}
	add := func(id metric.ID, group, category string, kind compute.Kind, value float64, den int) {
		f := compute.Figure{EntityType: typ, EntityCode: code, About: about, District: district, Year: year,
			Metric: id, Group: group, Category: category, Kind: kind, Denominator: den, Value: value}
		switch kind {
		case compute.Share:
			f.Numerator = int(float64(den) * value / 100)
		case compute.Count:
			f.Numerator = int(value)
		}
		figs = append(figs, f)
	}
	share := func(id metric.ID, group, category string, lo, hi float64) {
		add(id, group, category, compute.Share, pseudo(lo, hi, code, year, string(id), group, category), 40+int(pseudo(0, 300, code, year, string(id))))
	}
	size := 1
	if small {
		size = 0
	}
	// Benchmarks (ELs only).
	add("tested", "EL", "", compute.Count, float64(30+int(pseudo(0, 400, code, year))*size), 0)
	for _, b := range cats("level_band") {
		share("level_band", "EL", b, 2, 30)
	}
	for _, m := range []metric.ID{"proficient", "making_progress", "high_difficulty"} {
		share(m, "EL", "", 10, 70)
	}
	add("not_meeting_benchmark", "EL", "", compute.Count, float64(int(pseudo(5, 90, code, year, "nm"))), 200)
	add("long_term_el", "EL", "", compute.Count, float64(int(pseudo(0, 30, code, year, "lt"))), 200)
	add("sgpa_median", "EL", "", compute.Median, float64(int(pseudo(30, 70, code, year, "sg")))+0.5, 150)
	for _, g := range cats("growth_band") {
		share("growth_band", "EL", g, 15, 45)
	}
	for _, c := range cats("making_progress_by_years") {
		share("making_progress_by_years", "EL", c, 20, 70)
		share("proficient_by_years", "EL", c, 5, 60)
	}
	for _, p := range []string{"SEI", "DualLanguage"} {
		share("making_progress_by_program", "EL", p, 20, 70)
	}
	if span != "" {
		share("making_progress_by_span", "EL", span, 20, 70)
	} else {
		for _, s := range []string{"K-5", "6-8", "9-12"} {
			share("making_progress_by_span", "EL", s, 20, 70)
		}
	}
	// Dropout risk, by group.
	for _, g := range groups {
		for _, lvl := range cats("ewis_risk") {
			share("ewis_risk", g, lvl, 5, 60)
		}
		for _, a := range cats("ewis_high_by_age") {
			share("ewis_high_by_age", g, a, 2, 40)
		}
		share("annual_dropout_rate", g, "", 0.5, 9)
		share("graduation_rate", g, "", 60, 98)
		share("cohort_dropout_rate", g, "", 1, 15)
		share("grade9_course_pass", g, "", 50, 95)
		for _, s := range cats("mcas_meeting") {
			share("mcas_meeting", g, s, 10, 70)
		}
	}
	// Gaps: the group's figure minus the figure of students never ELs, and its change.
	gapRanges := map[metric.ID][3]any{
		"graduation_rate_gap": {"graduation_rate", 60.0, 98.0}, "cohort_dropout_rate_gap": {"cohort_dropout_rate", 1.0, 15.0},
		"annual_dropout_rate_gap": {"annual_dropout_rate", 0.5, 9.0}, "grade9_course_pass_gap": {"grade9_course_pass", 50.0, 95.0},
		"mcas_meeting_gap": {"mcas_meeting", 10.0, 70.0}, "ewis_high_gap": {"ewis_risk", 5.0, 60.0},
		"any_college_gap": {"any_college", 2.0, 70.0},
	}
	gapValue := func(id metric.ID, group, category string, year int) float64 {
		r := gapRanges[id]
		base, lo, hi := r[0].(string), r[1].(float64), r[2].(float64)
		cat := category
		if id == "ewis_high_gap" {
			cat = "High"
		}
		return pseudo(lo, hi, code, year, base, group, cat) - pseudo(lo, hi, code, year, base, "NonEL", cat)
	}
	gap := func(id metric.ID, category string) {
		for _, g := range []string{"EL", "FormerEL"} {
			v := gapValue(id, g, category, year)
			f := compute.Figure{EntityType: typ, EntityCode: code, About: about, District: district, Year: year,
				Metric: id, Group: g, Category: category, Kind: compute.Points, Value: v, Wide: v < -10 || v > 10}
			figs = append(figs, f)
			c := f
			c.Metric, c.Value, c.Wide = id+"_change", v-gapValue(id, g, category, year-1), false
			figs = append(figs, c)
		}
	}
	for _, m := range []metric.ID{"graduation_rate_gap", "cohort_dropout_rate_gap", "annual_dropout_rate_gap", "grade9_course_pass_gap", "ewis_high_gap", "any_college_gap"} {
		gap(m, "")
	}
	for _, s := range cats("mcas_meeting") {
		gap("mcas_meeting_gap", s)
	}
	// Plans after graduation.
	for _, g := range groups {
		for _, p := range cats("plan_share") {
			share("plan_share", g, p, 1, 25)
		}
		for _, m := range []metric.ID{"any_college", "four_year_college", "work", "military", "unknown"} {
			share(m, g, "", 2, 70)
		}
	}
	return figs
}

// memOutput keeps the written files; writing a name twice is an error, as in the build.
type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemOutput() *memOutput { return &memOutput{files: map[string][]byte{}} }

func (m *memOutput) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("write %q: not a valid path", name)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("write %q: written twice", name)
	}
	m.files[name] = append([]byte(nil), data...)
	return nil
}

// testSite returns the golden site's inputs.
func testSite(t testing.TB) Site {
	res := fixtureResult()
	return Site{
		Config:    testConfig(),
		Result:    res,
		Report:    testReport(),
		Templates: templates.FS,
		Content:   testContent(t),
		Goals:     testGoals(t, res),
	}
}

// testGoals is the golden site's plan: a goal on a higher-is-better, a lower-is-better and
// a gap metric of the district, and one of the second school, whose latest figure is hidden.
func testGoals(t testing.TB, res *compute.Result) []goal.Progress {
	target := func(v float64) *float64 { return &v }
	goals := []config.Goal{
		{ID: "progress", Metric: "making_progress", Group: "EL", BaselineYear: 2024, Target: target(80), TargetYear: 2028, Line: 20},
		{ID: "dropout", Metric: "annual_dropout_rate", Group: "EL", BaselineYear: 2024, Target: target(2), TargetYear: 2027, Line: 28},
		{ID: "gap", Metric: "graduation_rate_gap", Group: "EL", BaselineYear: 2024, Target: target(-5), TargetYear: 2026, Line: 36},
		{ID: "school", Metric: "making_progress", Group: "EL", School: "0102", BaselineYear: 2024, Target: target(75), TargetYear: 2027, Line: 44},
	}
	ps, err := goal.Track(goals, res, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// renderSite renders a site into memory.
func renderSite(t testing.TB, s Site) (*memOutput, Stats) {
	t.Helper()
	out := newMemOutput()
	stats, err := Render(t.Context(), s, out)
	if err != nil {
		t.Fatal(err)
	}
	return out, stats
}
