package goal

import (
	"strconv"
	"strings"
	"testing"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/metric"
)

// TestExpected checks the straight line from the baseline to the target, worked by hand.
func TestExpected(t *testing.T) {
	for _, c := range []struct {
		baseline, target float64
		year             int
		want             float64
	}{
		{60, 70, 2023, 60},      // the baseline year
		{60, 70, 2024, 62.5},    // 60 + 10 × 1/4
		{60, 70, 2025, 65},      // 60 + 10 × 2/4
		{60, 70, 2027, 70},      // the target year
		{60, 70, 2029, 70},      // after it: the target
		{60, 70, 2021, 60},      // before the baseline: the baseline
		{5, 3, 2025, 4},         // 5 − 2 × 2/4
		{5, 3, 2024, 4.5},       // 5 − 2 × 1/4
		{-28, -10, 2025, -19},   // −28 + 18 × 2/4
		{-28, -10, 2024, -23.5}, // −28 + 18 × 1/4
		{64, 72, 2026, 70},      // 64 + 8 × 3/4
		{56, 40, 2025, 48},      // a count: 56 − 16 × 2/4
		{65.6, 80, 2025, 72.8},  // 65.6 + 14.4 × 2/4
		{63.4, 70, 2024, 65.1},  // 63.4 + 6.6 × 1/4 = 65.05, shown as 65.1
		{5, 5, 2025, 5},         // baseline equal to the target
	} {
		if got := Expected(c.baseline, c.target, 2023, 2027, c.year); got != c.want {
			t.Errorf("Expected(%g, %g, 2023, 2027, %d) = %g, want %g", c.baseline, c.target, c.year, got, c.want)
		}
	}
}

// TestStatusOf checks the rule for a higher-is-better, a lower-is-better and a gap metric,
// with the expected values of TestExpected.
func TestStatusOf(t *testing.T) {
	for _, c := range []struct {
		name                    string
		better                  metric.Direction
		value, expected, target float64
		want                    Status
	}{
		// Higher: making progress from 60 (2023) to 70 (2027); 2024 expects 62.5.
		{"higher: as expected", metric.Higher, 62.5, 62.5, 70, OnTrack},
		{"higher: 0.1 below expected", metric.Higher, 62.4, 62.5, 70, Behind},
		{"higher: above expected", metric.Higher, 66, 62.5, 70, OnTrack},
		{"higher: past the target early", metric.Higher, 71, 65, 70, Met},
		{"higher: target year, reached", metric.Higher, 70, 70, 70, Met},
		{"higher: target year, 0.1 short", metric.Higher, 69.9, 70, 70, Behind},
		{"higher: after the target year", metric.Higher, 69, 70, 70, Behind},
		{"higher: baseline year", metric.Higher, 60, 60, 70, OnTrack},
		{"higher: baseline equal to target", metric.Higher, 60, 60, 60, Met},
		{"higher: below a baseline equal to target", metric.Higher, 59.9, 60, 60, Behind},
		// Lower: annual dropout from 5.0 (2023) to 3.0 (2027); 2025 expects 4.0.
		{"lower: as expected", metric.Lower, 4, 4, 3, OnTrack},
		{"lower: above expected", metric.Lower, 4.1, 4, 3, Behind},
		{"lower: rose since the baseline", metric.Lower, 6, 4, 3, Behind},
		{"lower: at the target", metric.Lower, 3, 4, 3, Met},
		{"lower: target year, missed", metric.Lower, 3.1, 3, 3, Behind},
		{"lower: baseline equal to target, held", metric.Lower, 5, 5, 5, Met},
		{"lower: baseline equal to target, worse", metric.Lower, 5.1, 5, 5, Behind},
		{"lower: count of long-term ELs", metric.Lower, 65, 48, 40, Behind},
		// Toward zero: a graduation gap from −28 (2023) to −10 (2027); 2025 expects −19.
		{"gap: narrower than expected", metric.TowardZero, -15.1, -19, -10, OnTrack},
		{"gap: as expected", metric.TowardZero, -19, -19, -10, OnTrack},
		{"gap: wider than expected", metric.TowardZero, -19.1, -19, -10, Behind},
		{"gap: reversed but small", metric.TowardZero, 9.5, -19, -10, Met},
		{"gap: reversed, between target and expected", metric.TowardZero, 12, -19, -10, OnTrack},
		{"gap: reversed and wide", metric.TowardZero, 25, -19, -10, Behind},
		{"gap: target year, at the target", metric.TowardZero, -10, -10, -10, Met},
		{"gap: target year, 0.1 wide", metric.TowardZero, -10.1, -10, -10, Behind},
		{"gap: baseline equal to target", metric.TowardZero, -10, -10, -10, Met},
		{"gap: closed", metric.TowardZero, 0, -19, -10, Met},
	} {
		if got := StatusOf(c.better, c.value, c.expected, c.target); got != c.want {
			t.Errorf("%s: StatusOf(%s, %g, %g, %g) = %s, want %s", c.name, c.better, c.value, c.expected, c.target, got, c.want)
		}
	}
}

// fig is a published figure of the test district.
func fig(year int, id metric.ID, group, category string, v float64) compute.Figure {
	return compute.Figure{EntityType: "district", EntityCode: "01490000", About: &compute.About{EntityName: "Riverbend"}, District: "01490000",
		Year: year, Metric: id, Group: group, Category: category, Value: v}
}

// hidden is a suppressed figure (its value zero, as compute leaves it).
func hidden(f compute.Figure) compute.Figure {
	f.Value, f.Suppressed, f.SuppressedFor = 0, true, compute.ForSize
	return f
}

func testResult() *compute.Result {
	school := func(f compute.Figure) compute.Figure {
		f.EntityType, f.EntityCode, f.About = "school", "01490020", &compute.About{EntityName: "Clara Barton"}
		return f
	}
	return &compute.Result{
		Years: []int{2023, 2024, 2025},
		Districts: []compute.District{{Code: "01490000", Name: "Riverbend",
			Schools: []compute.School{{Code: "01490020", Name: "Clara Barton", DistrictCode: "01490000"}}}},
		Figures: []compute.Figure{
			fig(2023, metric.MakingProgress, "EL", "", 60.04),
			fig(2024, metric.MakingProgress, "EL", "", 62.46), // shown 62.5: as expected
			hidden(fig(2025, metric.MakingProgress, "EL", "", 0)),
			fig(2023, metric.AnnualDropoutRate, "EL", "", 5),
			fig(2024, metric.AnnualDropoutRate, "EL", "", 4.2),
			fig(2025, metric.AnnualDropoutRate, "EL", "", 6.02),
			fig(2023, metric.GraduationRateGap, "EL", "", -28),
			fig(2025, metric.GraduationRateGap, "EL", "", -15.13),
			hidden(fig(2023, metric.Grade9CoursePass, "EL", "", 0)),
			fig(2024, metric.Grade9CoursePass, "EL", "", 56.9),
			fig(2023, metric.MCASMeeting, "EL", "Math", 20),
			fig(2025, metric.MCASMeeting, "EL", "Math", 24),
			fig(2023, metric.Tested, "EL", "", 700),
			school(fig(2023, metric.MakingProgress, "EL", "", 63.38)),
			school(fig(2025, metric.MakingProgress, "EL", "", 72.5)),
		},
	}
}

func target(v float64) *float64 { return &v }

// TestTrack follows goals through the years of a small result, worked by hand.
func TestTrack(t *testing.T) {
	goals := []config.Goal{
		{ID: "progress", Metric: "making_progress", Group: "EL", BaselineYear: 2023, Target: target(70), TargetYear: 2027, Line: 10},
		{ID: "dropout", Metric: "annual_dropout_rate", Group: "EL", BaselineYear: 2023, Target: target(3), TargetYear: 2027},
		{ID: "gap", Metric: "graduation_rate_gap", Group: "EL", BaselineYear: 2023, Target: target(-10), TargetYear: 2027},
		{ID: "math", Metric: "mcas_meeting", Group: "EL", Category: "Math", BaselineYear: 2023, Target: target(30), TargetYear: 2025},
		{ID: "barton", Metric: "making_progress", Group: "EL", School: "1490020", BaselineYear: 2023, Target: target(70), TargetYear: 2027},
		{ID: "already", Metric: "annual_dropout_rate", Group: "EL", BaselineYear: 2023, Target: target(5), TargetYear: 2024},
	}
	ps, err := Track(goals, testResult(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	type year struct {
		year     int
		value    string // "" when not published
		expected float64
		status   Status
	}
	want := map[string]struct {
		baseline float64
		status   Status
		years    []year
	}{
		// 60.04 is shown 60; 2024 expects 62.5 and has 62.46, shown 62.5; 2025 is hidden.
		"progress": {60, NotPublished, []year{{2023, "60", 60, OnTrack}, {2024, "62.5", 62.5, OnTrack},
			{2025, "", 65, NotPublished}, {2026, "", 67.5, NoData}, {2027, "", 70, NoData}}},
		// 2024: 4.2 above the expected 4.5 is better (lower); 2025: 6.0 above 4.0 is behind.
		"dropout": {5, Behind, []year{{2023, "5", 5, OnTrack}, {2024, "4.2", 4.5, OnTrack},
			{2025, "6", 4, Behind}, {2026, "", 3.5, NoData}, {2027, "", 3, NoData}}},
		// No 2024 figure; 2025: −15.1 is closer to zero than the expected −19.
		"gap": {-28, OnTrack, []year{{2023, "-28", -28, OnTrack}, {2024, "", -23.5, NoData},
			{2025, "-15.1", -19, OnTrack}, {2026, "", -14.5, NoData}, {2027, "", -10, NoData}}},
		// The target year is the last year of the data: 24 is short of 30.
		"math": {20, Behind, []year{{2023, "20", 20, OnTrack}, {2024, "", 25, NoData}, {2025, "24", 30, Behind}}},
		// A school named without its zeros; 72.5 in 2025 is past the target.
		"barton": {63.4, Met, []year{{2023, "63.4", 63.4, OnTrack}, {2024, "", 65.1, NoData},
			{2025, "72.5", 66.7, Met}, {2026, "", 68.4, NoData}, {2027, "", 70, NoData}}},
		// A target at the baseline: met in 2023; a target year before the data's last year:
		// 2025 is judged against the target.
		"already": {5, Behind, []year{{2023, "5", 5, Met}, {2024, "4.2", 5, Met}, {2025, "6", 5, Behind}}},
	}
	if len(ps) != len(goals) {
		t.Fatalf("got %d goals, want %d", len(ps), len(goals))
	}
	for _, p := range ps {
		w := want[p.Goal.ID]
		if p.Baseline != w.baseline || p.Status != w.status || p.Year != 2025 {
			t.Errorf("%s: baseline %g, status %s in %d; want %g, %s in 2025", p.Goal.ID, p.Baseline, p.Status, p.Year, w.baseline, w.status)
		}
		if len(p.Years) != len(w.years) {
			t.Errorf("%s: %d years, want %d", p.Goal.ID, len(p.Years), len(w.years))
			continue
		}
		for i, pt := range p.Years {
			value := ""
			if pt.HasValue {
				value = strconv.FormatFloat(pt.Value, 'f', -1, 64)
			}
			wy := w.years[i]
			if pt.Year != wy.year || value != wy.value || pt.Expected != wy.expected || pt.Status != wy.status {
				t.Errorf("%s %d: value %q expected %g status %s; want %d: %q, %g, %s", p.Goal.ID, pt.Year, value, pt.Expected, pt.Status,
					wy.year, wy.value, wy.expected, wy.status)
			}
		}
	}
	if ps[4].EntityType != "school" || ps[4].EntityCode != "01490020" {
		t.Errorf("barton is %s %s, want school 01490020 (schools.csv's spelling)", ps[4].EntityType, ps[4].EntityCode)
	}
	// The headline year decides the status.
	ps, err = Track(goals[1:2], testResult(), "", 2024)
	if err != nil || ps[0].Status != OnTrack || ps[0].Year != 2024 {
		t.Errorf("headline 2024: %v, %v; want on_track in 2024", ps, err)
	}
}

// TestTrackErrors checks that every goal the catalogue or the data cannot track is refused,
// naming its line of site.toml.
func TestTrackErrors(t *testing.T) {
	g := func(edit func(*config.Goal)) config.Goal {
		goal := config.Goal{ID: "x", Metric: "making_progress", Group: "EL", BaselineYear: 2023, Target: target(70), TargetYear: 2027, Line: 7}
		edit(&goal)
		return goal
	}
	for _, c := range []struct {
		goal config.Goal
		want string
	}{
		{g(func(g *config.Goal) { g.Metric = "making_progres" }), `line 7: goal "x": metric "making_progres" is not in the catalogue (docs/metrics.md) (did you mean "making_progress"?)`},
		{g(func(g *config.Goal) { g.Metric = "tested" }), `metric "tested" has no better direction`},
		{g(func(g *config.Goal) { g.Group = "NonEL" }), `group "NonEL": metric "making_progress" is published for EL`},
		{g(func(g *config.Goal) { g.School = "01490099" }), `school "01490099" is not a school_code of schools.csv (01490020)`},
		{g(func(g *config.Goal) { g.District = "Elsewhere" }), `district "Elsewhere" is not a district_code or district_name`},
		{g(func(g *config.Goal) { g.Category = "Math" }), `category "Math": metric "making_progress" has no categories`},
		{g(func(g *config.Goal) { g.Metric, g.Target = "mcas_meeting", target(30) }), `metric "mcas_meeting" has categories (Math): say which`},
		{g(func(g *config.Goal) { g.Metric, g.Category = "mcas_meeting", "Science" }), `category "Science": Riverbend has no mcas_meeting figure in that category (Math)`},
		{g(func(g *config.Goal) { g.BaselineYear = 2022 }), `baseline_year 2022: the site has no figures of that year; its years are 2023, 2024, 2025 (those of the data that site.toml's years keeps); choose one of them`},
		{g(func(g *config.Goal) { g.BaselineYear = 2025 }), `baseline_year 2025: the making_progress figure of Riverbend for EL that year is not published (suppressed: size) (published in 2023, 2024)`},
		{g(func(g *config.Goal) { g.Metric = "grade9_course_pass" }), `baseline_year 2023: the grade9_course_pass figure of Riverbend for EL that year is not published`},
		{g(func(g *config.Goal) { g.Target = target(120) }), `target 120 is not a percentage (0-100), which metric "making_progress" is`},
		{g(func(g *config.Goal) { g.Metric, g.Target = "graduation_rate_gap", target(-101) }), `target -101 is not a difference in percentage points`},
	} {
		_, err := Track([]config.Goal{c.goal}, testResult(), "", 0)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one containing %q", c.goal, err, c.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), `line 7: goal "x": `) {
			t.Errorf("error %q does not name the goal's line", err)
		}
	}
}

// TestCSVRows checks the rows of data/goals.csv.
func TestCSVRows(t *testing.T) {
	goals := []config.Goal{{ID: "gap", Metric: "graduation_rate_gap", Group: "EL", BaselineYear: 2023, Target: target(-10), TargetYear: 2026}}
	ps, err := Track(goals, testResult(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ps[0].CSVRows() {
		got = append(got, strings.Join(r, ","))
	}
	want := []string{
		"gap,district,01490000,graduation_rate_gap,EL,,2023,-28,2026,-10,2023,-28,-28,on_track",
		"gap,district,01490000,graduation_rate_gap,EL,,2023,-28,2026,-10,2024,,-22,no_data",
		"gap,district,01490000,graduation_rate_gap,EL,,2023,-28,2026,-10,2025,-15.1,-16,on_track",
		"gap,district,01490000,graduation_rate_gap,EL,,2023,-28,2026,-10,2026,,-10,no_data",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEntityExactFirst checks that a goal's school or district written as schools.csv writes
// it is that one, even where another's code is the same number.
func TestEntityExactFirst(t *testing.T) {
	res := &compute.Result{Districts: []compute.District{
		{Code: "02190000", Name: "Birchfield", Schools: []compute.School{{Code: "02190010", Name: "Birch"}}},
		{Code: "2190000", Name: "Cranmoor", Schools: []compute.School{{Code: "2190010", Name: "Cran"}}},
	}}
	for _, c := range []struct {
		goal       config.Goal
		code, name string
	}{
		{config.Goal{School: "2190010"}, "2190010", "Cran"},
		{config.Goal{School: "02190010"}, "02190010", "Birch"},
		{config.Goal{School: "002190010"}, "02190010", "Birch"}, // a number: the first
		{config.Goal{District: "2190000"}, "2190000", "Cranmoor"},
		{config.Goal{District: "02190000"}, "02190000", "Birchfield"},
	} {
		p := Progress{Goal: c.goal}
		if err := p.entity(res, ""); err != nil || p.EntityCode != c.code || p.EntityName != c.name {
			t.Errorf("school %q district %q: %s %q, %v; want %s %q", c.goal.School, c.goal.District, p.EntityCode, p.EntityName, err, c.code, c.name)
		}
	}
}
