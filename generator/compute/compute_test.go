package compute

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"elreport/generator/config"
	"elreport/generator/metric"
	"elreport/generator/record"
)

func TestOptionsFrom(t *testing.T) {
	cfg := config.Defaults()
	cfg.Years = []int{2024, 2025}
	got := OptionsFrom(&cfg)
	want := Options{MinN: 10, ProficientLevel: 42, GapThreshold: 10, Years: []int{2024, 2025}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// access is a shorthand for an ACCESS row of school S1 in 2025.
func access(overall record.Level, progress record.Progress, sgpa, difficulty, years int, grade record.Grade, program record.Program) record.Access {
	return record.Access{Year: 2025, SchoolCode: "S1", Grade: grade, Overall: overall, Progress: progress,
		SGPA: sgpa, Difficulty: difficulty, YearsInProgram: years, Program: program}
}

func TestBenchmarks(t *testing.T) {
	const yes, no, blank = record.ProgressYes, record.ProgressNo, record.NoIndicator
	rows := []record.Access{
		// overall, progress, sgpa, difficulty, years in program, grade, program
		access(42, yes, 50, 60, 2, 3, record.SEI),                                                         // r1: exactly 4.2; difficulty exactly 60
		access(41, no, 30, 61, 7, 7, record.TBE),                                                          // r2: long-term EL
		access(15, blank, 0, 0, 3, 10, record.NoProgram),                                                  // r3: blank progress, SGPA, difficulty
		access(60, yes, 70, 10, 7, record.GradeK, record.DualLanguage),                                    // r4: 7 years but proficient
		access(29, no, 45, 99, 1, 12, record.SEI),                                                         // r5
		{Year: 2025, SchoolCode: "S2", Grade: 4, Overall: 35, Progress: yes, SGPA: 20, YearsInProgram: 0}, // r6: other school, no years
	}
	a := fixture(Options{MinN: 1}, "S1", "S2")
	for _, r := range rows {
		a.Access(r)
	}
	r := a.Result()
	s1 := func(id metric.ID, cat string) key { return key{"S1", 2025, id, GroupEL, cat} }
	d1 := func(id metric.ID, cat string) key { return key{"D1", 2025, id, GroupEL, cat} }
	checkFigures(t, r, []want{
		// S1 tested: r1-r5 = 5.
		{s1("tested", ""), 5, 5, 5},
		// Bands: r3 1.5; r5 2.9; r1 4.2 and r2 4.1; r4 6.0.
		{s1("level_band", "1.0-1.9"), 1, 5, 20},
		{s1("level_band", "2.0-2.9"), 1, 5, 20},
		{s1("level_band", "3.0-3.9"), 0, 5, 0},
		{s1("level_band", "4.0-4.9"), 2, 5, 40},
		{s1("level_band", "5.0-5.9"), 0, 5, 0},
		{s1("level_band", "6.0"), 1, 5, 20},
		// Proficient (>= 4.2): r1 (exactly 4.2) and r4: 2/5.
		{s1("proficient", ""), 2, 5, 40},
		// Progress: Yes r1, r4; No r2, r5; r3 blank is left out: 2/4.
		{s1("making_progress", ""), 2, 4, 50},
		{s1("not_meeting_benchmark", ""), 2, 4, 2},
		// Long-term: more than 6 years and not proficient: r2 only (r4 is proficient).
		{s1("long_term_el", ""), 1, 5, 1},
		// SGPAs 50, 30, 70, 45 (r3 blank) sorted 30 45 50 70: median (45+50)/2.
		{s1("sgpa_median", ""), 0, 4, 47.5},
		{s1("growth_band", "low"), 1, 4, 25},     // 30
		{s1("growth_band", "typical"), 2, 4, 50}, // 45, 50
		{s1("growth_band", "high"), 1, 4, 25},    // 70
		// Difficulty 60, 61, 10, 99 (r3 blank): above 60 are 61 and 99; 60 is not high.
		{s1("high_difficulty", ""), 2, 4, 50},
		// By years: 1: r5; 2: r1; 3: r3; 6+: r2 and r4 (7 years each).
		{s1("proficient_by_years", "1"), 0, 1, 0},
		{s1("proficient_by_years", "2"), 1, 1, 100},
		{s1("proficient_by_years", "3"), 0, 1, 0},
		{s1("proficient_by_years", "6+"), 1, 2, 50},
		{s1("making_progress_by_years", "1"), 0, 1, 0},   // r5 No
		{s1("making_progress_by_years", "2"), 1, 1, 100}, // r1 Yes
		{s1("making_progress_by_years", "6+"), 1, 2, 50}, // r2 No, r4 Yes
		// Spans: r1 grade 3 Yes and r4 K Yes in K-5; r2 grade 7 No; r5 grade 12 No; r3 blank.
		{s1("making_progress_by_span", "K-5"), 2, 2, 100},
		{s1("making_progress_by_span", "6-8"), 0, 1, 0},
		{s1("making_progress_by_span", "9-12"), 0, 1, 0},
		// Programs: SEI r1 Yes, r5 No; TBE r2 No; DualLanguage r4 Yes; r3 (None) has no progress.
		{s1("making_progress_by_program", "SEI"), 1, 2, 50},
		{s1("making_progress_by_program", "TBE"), 0, 1, 0},
		{s1("making_progress_by_program", "DualLanguage"), 1, 1, 100},
		// District = S1 + S2 (r6: level 3.5, Yes, SGPA 20, no years, grade 4, no program).
		{d1("tested", ""), 6, 6, 6},
		{d1("level_band", "3.0-3.9"), 1, 6, 100.0 / 6},
		{d1("proficient", ""), 2, 6, 100.0 * 2 / 6},
		{d1("making_progress", ""), 3, 5, 60},
		// SGPAs 20 30 45 50 70: odd count, the middle one.
		{d1("sgpa_median", ""), 0, 5, 45},
		{d1("growth_band", "low"), 2, 5, 40},
		{d1("making_progress_by_span", "K-5"), 3, 3, 100},
		{d1("making_progress_by_program", "None"), 1, 1, 100},
		{d1("proficient_by_years", "6+"), 1, 2, 50},
	})
	checkAbsent(t, r,
		s1("making_progress_by_years", "3"),             // r3 has no progress indicator
		s1("making_progress_by_program", "None"),        // nor does the only ELs without a program
		s1("proficient_by_years", "4"),                  // nobody
		key{"S2", 2025, "high_difficulty", GroupEL, ""}, // no difficulty index in S2
		key{"S1", 2025, "tested", GroupAll, ""},         // benchmarks are for ELs only
		key{"S1", 2025, "tested", GroupNonEL, ""},
	)
}

func TestProficientLevelSetting(t *testing.T) {
	a := fixture(Options{MinN: 1, ProficientLevel: 45}, "S1")
	a.Access(access(42, 0, 0, 0, 7, 3, 0)) // 4.2 is below 4.5: not proficient, long-term
	a.Access(access(45, 0, 0, 0, 7, 3, 0)) // exactly 4.5: proficient
	r := a.Result()
	checkFigures(t, r, []want{
		{key{"S1", 2025, "proficient", GroupEL, ""}, 1, 2, 50},
		{key{"S1", 2025, "long_term_el", GroupEL, ""}, 1, 2, 1},
	})
}

func TestDropoutRiskAndGaps(t *testing.T) {
	a := fixture(Options{MinN: 1, GapThreshold: 10}, "S1")
	const el, fel, non = record.EL, record.FormerEL, record.NonEL
	ewis := []struct {
		grade  record.Grade
		risk   record.Risk
		status record.ELStatus
	}{
		{2, record.RiskHigh, el}, {5, record.RiskLow, el}, {11, record.RiskHigh, el},
		{8, record.RiskModerate, fel}, {8, record.RiskHigh, fel},
		{1, record.RiskLow, non}, {4, record.RiskLow, non}, {10, record.RiskModerate, non}, {record.GradeK, record.RiskHigh, non},
	}
	for _, e := range ewis {
		a.EWIS(record.EWIS{Year: 2025, SchoolCode: "S1", Grade: e.grade, Risk: e.risk, Status: e.status})
	}
	students := []struct {
		grade  record.Grade
		end    record.EndStatus
		status record.ELStatus
	}{
		{9, record.DroppedOut, el}, {10, record.Enrolled, el}, {12, record.Graduated, el}, {8, record.DroppedOut, el},
		{11, record.TransferredOut, fel}, {9, record.DroppedOut, fel},
		{9, record.Enrolled, non}, {10, record.Enrolled, non}, {11, record.Enrolled, non}, {12, record.Enrolled, non},
		{record.GradeSP, record.DroppedOut, non},
	}
	for _, s := range students {
		a.Student(record.Student{Year: 2025, SchoolCode: "S1", Grade: s.grade, Status: s.status, EndStatus: s.end})
	}
	cohort := []struct {
		outcome record.Outcome
		status  record.ELStatus
	}{
		{record.OutcomeGraduated, el}, {record.OutcomeDroppedOut, el}, {record.StillEnrolled, el}, {record.OutcomeGraduated, el},
		{record.OutcomeGraduated, fel},
		{record.OutcomeGraduated, non}, {record.OutcomeGraduated, non}, {record.OutcomeGraduated, non}, {record.HiSET, non},
	}
	for _, c := range cohort {
		a.Cohort(record.Cohort{CohortYear: 2025, SchoolCode: "S1", Outcome: c.outcome, Status: c.status})
	}
	courses := []struct {
		taken, passed int
		status        record.ELStatus
	}{
		{5, 5, el}, {6, 4, el}, {0, 0, el},
		{7, 7, non}, {6, 6, non}, {6, 5, non}, {5, 5, non},
	}
	for _, c := range courses {
		a.Course(record.Course{Year: 2025, SchoolCode: "S1", Taken: c.taken, Passed: c.passed, Status: c.status})
	}
	mcas := []struct {
		subject record.Subject
		level   record.Achievement
		status  record.ELStatus
	}{
		{record.ELA, record.Meeting, el}, {record.ELA, record.NotMeeting, el}, {record.ELA, record.PartiallyMeeting, el}, {record.ELA, record.Exceeding, el},
		{record.Math, record.NotMeeting, el},
		{record.ELA, record.Exceeding, non}, {record.ELA, record.Meeting, non}, {record.ELA, record.Meeting, non}, {record.ELA, record.NotMeeting, non}, {record.ELA, record.Meeting, non},
		{record.Math, record.Meeting, non},
	}
	for _, m := range mcas {
		a.MCAS(record.MCAS{Year: 2025, SchoolCode: "S1", Grade: 10, Subject: m.subject, Achievement: m.level, Status: m.status})
	}
	r := a.Result()
	k := func(id metric.ID, group, cat string) key { return key{"S1", 2025, id, group, cat} }
	checkFigures(t, r, []want{
		// EWIS: EL Low 1, High 2 of 3; FormerEL Moderate 1, High 1 of 2; NonEL Low 2, Moderate 1,
		// High 1 of 4; All Low 3, Moderate 2, High 4 of 9.
		{k("ewis_risk", GroupEL, "Low"), 1, 3, 100.0 / 3},
		{k("ewis_risk", GroupEL, "Moderate"), 0, 3, 0},
		{k("ewis_risk", GroupEL, "High"), 2, 3, 200.0 / 3},
		{k("ewis_risk", GroupFormerEL, "Moderate"), 1, 2, 50},
		{k("ewis_risk", GroupNonEL, "Low"), 2, 4, 50},
		{k("ewis_risk", GroupNonEL, "High"), 1, 4, 25},
		{k("ewis_risk", GroupAll, "Low"), 3, 9, 100.0 * 3 / 9},
		{k("ewis_risk", GroupAll, "Moderate"), 2, 9, 100.0 * 2 / 9},
		{k("ewis_risk", GroupAll, "High"), 4, 9, 100.0 * 4 / 9},
		// By age: EL grade 2 High, grade 5 Low, grade 11 High; FormerEL two in grade 8, one
		// High; NonEL grades 1, 4, 10 not High (grade K is in no age group).
		{k("ewis_high_by_age", GroupEL, "1-3"), 1, 1, 100},
		{k("ewis_high_by_age", GroupEL, "4-6"), 0, 1, 0},
		{k("ewis_high_by_age", GroupEL, "10-12"), 1, 1, 100},
		{k("ewis_high_by_age", GroupFormerEL, "7-9"), 1, 2, 50},
		{k("ewis_high_by_age", GroupNonEL, "1-3"), 0, 1, 0},
		{k("ewis_high_by_age", GroupAll, "1-3"), 1, 2, 50},
		{k("ewis_high_by_age", GroupAll, "7-9"), 1, 2, 50},
		{k("ewis_high_by_age", GroupAll, "10-12"), 1, 2, 50},
		// Annual dropout, grades 9-12: EL 1 of 3 (grade 8 left out); FormerEL 1 of 2; NonEL 0 of
		// 4 (SP left out); All 2 of 9.
		{k("annual_dropout_rate", GroupEL, ""), 1, 3, 100.0 / 3},
		{k("annual_dropout_rate", GroupFormerEL, ""), 1, 2, 50},
		{k("annual_dropout_rate", GroupNonEL, ""), 0, 4, 0},
		{k("annual_dropout_rate", GroupAll, ""), 2, 9, 100.0 * 2 / 9},
		// Cohort: EL 2 graduated, 1 dropped out of 4; FormerEL 1 of 1; NonEL 3 of 4 (HiSET is
		// not graduating); All 6 and 1 of 9.
		{k("graduation_rate", GroupEL, ""), 2, 4, 50},
		{k("cohort_dropout_rate", GroupEL, ""), 1, 4, 25},
		{k("graduation_rate", GroupFormerEL, ""), 1, 1, 100},
		{k("graduation_rate", GroupNonEL, ""), 3, 4, 75},
		{k("cohort_dropout_rate", GroupNonEL, ""), 0, 4, 0},
		{k("graduation_rate", GroupAll, ""), 6, 9, 100.0 * 6 / 9},
		{k("cohort_dropout_rate", GroupAll, ""), 1, 9, 100.0 / 9},
		// Courses: EL 5/5 passed all, 4/6 did not, 0 taken left out: 1 of 2; NonEL 3 of 4.
		{k("grade9_course_pass", GroupEL, ""), 1, 2, 50},
		{k("grade9_course_pass", GroupNonEL, ""), 3, 4, 75},
		{k("grade9_course_pass", GroupAll, ""), 4, 6, 100.0 * 4 / 6},
		// MCAS: EL ELA Meeting and Exceeding, 2 of 4; EL Math 0 of 1; NonEL ELA 4 of 5, Math 1 of 1.
		{k("mcas_meeting", GroupEL, "ELA"), 2, 4, 50},
		{k("mcas_meeting", GroupEL, "Math"), 0, 1, 0},
		{k("mcas_meeting", GroupNonEL, "ELA"), 4, 5, 80},
		{k("mcas_meeting", GroupAll, "ELA"), 6, 9, 100.0 * 6 / 9},
		// Gaps: value(group) - value(NonEL), in points.
		{k("ewis_high_gap", GroupEL, ""), 0, 0, 200.0/3 - 25},
		{k("ewis_high_gap", GroupFormerEL, ""), 0, 0, 50 - 25},
		{k("annual_dropout_rate_gap", GroupEL, ""), 0, 0, 100.0/3 - 0},
		{k("annual_dropout_rate_gap", GroupFormerEL, ""), 0, 0, 50 - 0},
		{k("graduation_rate_gap", GroupEL, ""), 0, 0, 50 - 75},
		{k("graduation_rate_gap", GroupFormerEL, ""), 0, 0, 100 - 75},
		{k("cohort_dropout_rate_gap", GroupEL, ""), 0, 0, 25 - 0},
		{k("grade9_course_pass_gap", GroupEL, ""), 0, 0, 50 - 75},
		{k("mcas_meeting_gap", GroupEL, "ELA"), 0, 0, 50 - 80},
		{k("mcas_meeting_gap", GroupEL, "Math"), 0, 0, 0 - 100},
		// The district has one school: the same figures.
		{key{"D1", 2025, "graduation_rate_gap", GroupEL, ""}, 0, 0, -25},
		{key{"D1", 2025, "ewis_risk", GroupAll, "High"}, 4, 9, 100.0 * 4 / 9},
	})
	checkAbsent(t, r,
		k("grade9_course_pass_gap", GroupFormerEL, ""), // no FormerEL took courses
		k("mcas_meeting_gap", GroupFormerEL, "ELA"),
		k("ewis_high_by_age", GroupNonEL, "7-9"), // nobody
		k("graduation_rate_gap", GroupNonEL, ""), // gaps are for EL and FormerEL
		k("graduation_rate_gap", GroupAll, ""),
		k("graduation_rate_gap_change", GroupEL, ""), // no prior year
	)
	gap, _ := k("graduation_rate_gap", GroupEL, "").lookup(r)
	if gap.Kind != Points || gap.Numerator != 0 || gap.Denominator != 0 || !gap.Wide || gap.Topic() != metric.Gaps {
		t.Errorf("graduation_rate_gap: got %+v, want a Wide Points figure in topic gaps without counts", gap)
	}
	if f, _ := k("graduation_rate", GroupEL, "").lookup(r); f.Topic() != metric.DropoutRisk || f.Kind != Share || f.EntityName() != "School S1" || f.District != "D1" {
		t.Errorf("graduation_rate: got %+v", f)
	}
}

func TestPostGraduation(t *testing.T) {
	a := fixture(Options{MinN: 1, GapThreshold: 40}, "S1")
	plans := []struct {
		plan   record.Plan
		status record.ELStatus
	}{
		{record.FourYearPublic, record.EL}, {record.TwoYearPublic, record.EL}, {record.Work, record.EL},
		{record.Military, record.EL}, {record.UnknownPlan, record.EL},
		{record.FourYearPrivate, record.NonEL}, {record.FourYearPrivate, record.NonEL}, {record.TwoYearPrivate, record.NonEL},
		{record.Apprenticeship, record.NonEL},
	}
	for _, p := range plans {
		a.Plan(record.PlanRow{Year: 2025, SchoolCode: "S1", Plan: p.plan, Status: p.status})
	}
	r := a.Result()
	k := func(id metric.ID, group, cat string) key { return key{"S1", 2025, id, group, cat} }
	checkFigures(t, r, []want{
		{k("plan_share", GroupEL, "FourYearPublic"), 1, 5, 20},
		{k("plan_share", GroupEL, "FourYearPrivate"), 0, 5, 0},
		{k("plan_share", GroupNonEL, "FourYearPrivate"), 2, 4, 50},
		{k("plan_share", GroupAll, "Apprenticeship"), 1, 9, 100.0 / 9},
		// EL: four-year 1 + two-year 1 of 5; NonEL: 2 + 1 of 4.
		{k("any_college", GroupEL, ""), 2, 5, 40},
		{k("four_year_college", GroupEL, ""), 1, 5, 20},
		{k("work", GroupEL, ""), 1, 5, 20},
		{k("military", GroupEL, ""), 1, 5, 20},
		{k("unknown", GroupEL, ""), 1, 5, 20},
		{k("any_college", GroupNonEL, ""), 3, 4, 75},
		{k("four_year_college", GroupNonEL, ""), 2, 4, 50},
		{k("any_college", GroupAll, ""), 5, 9, 100.0 * 5 / 9},
		{k("any_college_gap", GroupEL, ""), 0, 0, 40 - 75},
	})
	// |-35| is not above the threshold of 40.
	if f, _ := k("any_college_gap", GroupEL, "").lookup(r); f.Wide {
		t.Errorf("any_college_gap -35 with threshold 40: got Wide, want not")
	}
	checkAbsent(t, r, k("any_college_gap", GroupFormerEL, ""))
}

// cohortRows adds graduated and not-graduated cohort members of a group.
func cohortRows(a *Aggregator, year int, school string, status record.ELStatus, graduated, not int) {
	for i := 0; i < graduated+not; i++ {
		outcome := record.OutcomeGraduated
		if i >= graduated {
			outcome = record.StillEnrolled
		}
		a.Cohort(record.Cohort{CohortYear: year, SchoolCode: school, Outcome: outcome, Status: status})
	}
}

func TestTrendGapChangeAndThreshold(t *testing.T) {
	build := func(opts Options) *Result {
		a := fixture(opts, "S1")
		cohortRows(a, 2024, "S1", record.EL, 1, 3)    // 25%
		cohortRows(a, 2024, "S1", record.NonEL, 3, 1) // 75%: gap -50
		cohortRows(a, 2025, "S1", record.EL, 3, 1)    // 75%
		cohortRows(a, 2025, "S1", record.NonEL, 4, 1) // 80%: gap -5
		return a.Result()
	}
	gap := func(year int) key { return key{"S1", year, "graduation_rate_gap", GroupEL, ""} }
	change := func(year int) key { return key{"S1", year, "graduation_rate_gap_change", GroupEL, ""} }
	tests := []struct {
		name      string
		opts      Options
		years     []int
		wide2024  bool
		wide2025  bool
		published []want
		absent    []key
	}{
		{
			name:     "all years",
			opts:     Options{MinN: 1, GapThreshold: 10},
			years:    []int{2024, 2025},
			wide2024: true, // |-50| > 10
			wide2025: false,
			published: []want{
				{key{"S1", 2024, "graduation_rate", GroupEL, ""}, 1, 4, 25},
				{key{"S1", 2025, "graduation_rate", GroupEL, ""}, 3, 4, 75},
				{gap(2024), 0, 0, 25 - 75},
				{gap(2025), 0, 0, 75 - 80},
				// -5 - (-50)
				{change(2025), 0, 0, 45},
			},
			absent: []key{change(2024)},
		},
		{
			name:     "gap exactly at the threshold is not wide",
			opts:     Options{MinN: 1, GapThreshold: 5},
			years:    []int{2024, 2025},
			wide2024: true,
			wide2025: false, // |-5| is not above 5
		},
		{
			name:      "year filter keeps the change that needs the prior year",
			opts:      Options{MinN: 1, GapThreshold: 10, Years: []int{2025, 2030}},
			years:     []int{2025},
			wide2025:  false,
			published: []want{{change(2025), 0, 0, 45}},
			absent:    []key{gap(2024), {"S1", 2024, "graduation_rate", GroupEL, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := build(tt.opts)
			if !reflect.DeepEqual(r.Years, tt.years) {
				t.Errorf("Years: got %v, want %v", r.Years, tt.years)
			}
			checkFigures(t, r, tt.published)
			checkAbsent(t, r, tt.absent...)
			for year, wide := range map[int]bool{2024: tt.wide2024, 2025: tt.wide2025} {
				if f, ok := gap(year).lookup(r); ok && f.Wide != wide {
					t.Errorf("%d gap %v: got Wide %v, want %v", year, f.Value, f.Wide, wide)
				}
			}
			if f, ok := change(2025).lookup(r); ok && f.Wide {
				t.Errorf("gap change: got Wide, want Wide only on gaps")
			}
		})
	}
}

func TestGapChangeNeedsThePriorYearPresent(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	cohortRows(a, 2023, "S1", record.EL, 1, 1)
	cohortRows(a, 2023, "S1", record.NonEL, 1, 1)
	// 2024 is present (a plans row) but has no cohort: no gap to compare 2025 with.
	a.Plan(record.PlanRow{Year: 2024, SchoolCode: "S1", Plan: record.Work, Status: record.EL})
	cohortRows(a, 2025, "S1", record.EL, 1, 1)
	cohortRows(a, 2025, "S1", record.NonEL, 1, 1)
	r := a.Result()
	checkFigures(t, r, []want{{key{"S1", 2025, "graduation_rate_gap", GroupEL, ""}, 0, 0, 0}})
	checkAbsent(t, r, key{"S1", 2025, "graduation_rate_gap_change", GroupEL, ""})
}

func TestEntitiesAndOrder(t *testing.T) {
	a := New(Options{MinN: 1})
	// Schools arrive out of order, in two districts.
	for _, s := range []record.School{
		{DistrictCode: "D2", DistrictName: "Valley", SchoolCode: "S9", SchoolName: "Nine", GradeSpan: "9-12", Level: "High"},
		{DistrictCode: "D1", DistrictName: "Harbor", SchoolCode: "S2", SchoolName: "Two"},
		{DistrictCode: "D1", DistrictName: "Harbor", SchoolCode: "S1", SchoolName: "One"},
	} {
		a.School(s)
	}
	cohortRows(a, 2025, "S2", record.NonEL, 1, 0)
	cohortRows(a, 2025, "S1", record.EL, 1, 0)
	cohortRows(a, 2024, "S1", record.NonEL, 0, 1)
	cohortRows(a, 2025, "S9", record.EL, 1, 0)
	r := a.Result()
	wantDistricts := []District{
		{Code: "D1", Name: "Harbor", Schools: []School{{Code: "S1", Name: "One", DistrictCode: "D1"}, {Code: "S2", Name: "Two", DistrictCode: "D1"}}},
		{Code: "D2", Name: "Valley", Schools: []School{{Code: "S9", Name: "Nine", DistrictCode: "D2", GradeSpan: "9-12", Level: "High"}}},
	}
	if !reflect.DeepEqual(r.Districts, wantDistricts) {
		t.Errorf("Districts: got %+v, want %+v", r.Districts, wantDistricts)
	}
	type row struct {
		typ, code string
		year      int
		metric    metric.ID
		group     string
	}
	var got []row
	for _, f := range r.Figures {
		got = append(got, row{f.EntityType, f.EntityCode, f.Year, f.Metric, f.Group})
	}
	// D1 2024: S1 NonEL only. D1 2025: S1 EL and S2 NonEL, so a gap. D2 2025: EL only.
	wantRows := []row{
		{"district", "D1", 2024, "graduation_rate", "NonEL"},
		{"district", "D1", 2024, "graduation_rate", "All"},
		{"district", "D1", 2024, "cohort_dropout_rate", "NonEL"},
		{"district", "D1", 2024, "cohort_dropout_rate", "All"},
		{"district", "D1", 2025, "graduation_rate", "EL"},
		{"district", "D1", 2025, "graduation_rate", "NonEL"},
		{"district", "D1", 2025, "graduation_rate", "All"},
		{"district", "D1", 2025, "cohort_dropout_rate", "EL"},
		{"district", "D1", 2025, "cohort_dropout_rate", "NonEL"},
		{"district", "D1", 2025, "cohort_dropout_rate", "All"},
		{"district", "D1", 2025, "graduation_rate_gap", "EL"},
		{"district", "D1", 2025, "cohort_dropout_rate_gap", "EL"},
		{"district", "D2", 2025, "graduation_rate", "EL"},
		{"district", "D2", 2025, "graduation_rate", "All"},
		{"district", "D2", 2025, "cohort_dropout_rate", "EL"},
		{"district", "D2", 2025, "cohort_dropout_rate", "All"},
		{"school", "S1", 2024, "graduation_rate", "NonEL"},
		{"school", "S1", 2024, "graduation_rate", "All"},
		{"school", "S1", 2024, "cohort_dropout_rate", "NonEL"},
		{"school", "S1", 2024, "cohort_dropout_rate", "All"},
		{"school", "S1", 2025, "graduation_rate", "EL"},
		{"school", "S1", 2025, "graduation_rate", "All"},
		{"school", "S1", 2025, "cohort_dropout_rate", "EL"},
		{"school", "S1", 2025, "cohort_dropout_rate", "All"},
		{"school", "S2", 2025, "graduation_rate", "NonEL"},
		{"school", "S2", 2025, "graduation_rate", "All"},
		{"school", "S2", 2025, "cohort_dropout_rate", "NonEL"},
		{"school", "S2", 2025, "cohort_dropout_rate", "All"},
		{"school", "S9", 2025, "graduation_rate", "EL"},
		{"school", "S9", 2025, "graduation_rate", "All"},
		{"school", "S9", 2025, "cohort_dropout_rate", "EL"},
		{"school", "S9", 2025, "cohort_dropout_rate", "All"},
	}
	if !reflect.DeepEqual(got, wantRows) {
		t.Errorf("figure order:\n got %v\nwant %v", got, wantRows)
	}
}

func TestCategoryOrder(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	for _, risk := range []record.Risk{record.RiskHigh, record.RiskLow, record.RiskModerate} {
		a.EWIS(record.EWIS{Year: 2025, SchoolCode: "S1", Grade: 12, Risk: risk, Status: record.EL})
	}
	a.Access(access(60, 0, 0, 0, 1, 3, 0))
	var got []string
	for _, f := range a.Result().Figures {
		if f.EntityType == EntitySchool && (f.Metric == "level_band" || (f.Metric == "ewis_risk" && f.Group == GroupEL)) {
			got = append(got, f.Category)
		}
	}
	want := []string{"1.0-1.9", "2.0-2.9", "3.0-3.9", "4.0-4.9", "5.0-5.9", "6.0", "Low", "Moderate", "High"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestHomeLanguages(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	add := func(year int, status record.ELStatus, lang string) {
		a.Student(record.Student{Year: year, SchoolCode: "S1", Grade: 3, Status: status, HomeLanguage: lang})
	}
	for _, l := range []string{"Spanish", " spanish ", "es", "PT", "Portuguese", "cape  verdean", "Cape Verdean Creole", "kea", "", "NA",
		"dinka", "DINKA", "S832685265 Maria Lopez DOB 2011-03-04", "Maria"} {
		add(2025, record.EL, l)
	}
	add(2025, record.NonEL, "Spanish") // not an EL
	add(2024, record.EL, "Vietnamese") // not the latest year
	r := a.Result()
	want := []LanguageCount{
		{Language: "Cape Verdean Creole", Code: "kea", ELStudents: 3},
		{Language: "Spanish", Code: "es", ELStudents: 3},
		{Language: "Dinka", Code: "dik", ELStudents: 2},
		// Free text names no language: it is counted, never published as written.
		{Language: OtherLanguage, ELStudents: 2},
		{Language: "Portuguese", Code: "pt", ELStudents: 2},
		{Language: UnknownLanguage, ELStudents: 2}, // blank and NA
	}
	if !reflect.DeepEqual(r.HomeLanguages, want) {
		t.Errorf("got %+v, want %+v", r.HomeLanguages, want)
	}
	// A year filter picks the latest published year.
	a.opts.Years = []int{2024}
	if got := a.Result().HomeLanguages; !reflect.DeepEqual(got, []LanguageCount{{Language: "Vietnamese", Code: "vi", ELStudents: 1}}) {
		t.Errorf("2024: got %+v", got)
	}
}

func TestLookupAfterReindex(t *testing.T) {
	r := &Result{Figures: []Figure{{EntityType: EntitySchool, EntityCode: "S1", Year: 2025, Metric: "tested", Group: GroupEL, Value: 12}}}
	if f, ok := r.Lookup(EntitySchool, "S1", 2025, "tested", GroupEL, ""); !ok || f.Value != 12 {
		t.Errorf("without index: got %+v, %v", f, ok)
	}
	r.Reindex()
	if f, ok := r.Lookup(EntitySchool, "S1", 2025, "tested", GroupEL, ""); !ok || f.Value != 12 {
		t.Errorf("with index: got %+v, %v", f, ok)
	}
	if _, ok := r.Lookup(EntityDistrict, "S1", 2025, "tested", GroupEL, ""); ok {
		t.Errorf("district S1: found, want not found")
	}
}

func TestUnknownSchoolIsIgnored(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	a.Cohort(record.Cohort{CohortYear: 2025, SchoolCode: "S404", Status: record.EL})
	if r := a.Result(); len(r.Figures) != 0 || len(r.Years) != 0 {
		t.Errorf("got %d figures in years %v, want none", len(r.Figures), r.Years)
	}
}

func TestFiguresMatchTheCatalogue(t *testing.T) {
	a := New(Options{MinN: 1})
	newSynthetic(20_000).feed(a)
	seen := map[metric.ID]bool{}
	for _, f := range a.Result().Figures {
		m, ok := metric.Lookup(f.Metric)
		switch {
		case !ok:
			t.Fatalf("%s: not in the catalogue", f.Metric)
		case m.Kind != f.Kind:
			t.Fatalf("%s: kind %v, the catalogue says %v", f.Metric, f.Kind, m.Kind)
		case m.Categories == nil && f.Category != "":
			t.Fatalf("%s: category %q, want none", f.Metric, f.Category)
		case m.Categories != nil && !slices.Contains(m.Categories.Values, f.Category):
			t.Fatalf("%s: category %q not in %v", f.Metric, f.Category, m.Categories.Values)
		case !slices.Contains(m.Groups, f.Group):
			t.Fatalf("%s: group %s, the catalogue publishes it for %v", f.Metric, f.Group, m.Groups)
		}
		seen[f.Metric] = true
	}
	for _, m := range metric.Catalogue() {
		if !seen[m.ID] {
			t.Errorf("%s: no figure in a district with every kind of row", m.ID)
		}
	}
}

// A column the file lacks is not a blank column: the metrics that read it are not computed
// (before, no years_in_program column gave "long_term_el 0 of 3", no end_status column a 0%
// annual dropout rate, and no el_program column every EL in the "None" program). The same rows
// with the columns present but blank give those figures, since a blank is data.
func TestLackingColumnsGiveNoFigure(t *testing.T) {
	const yes, no = record.ProgressYes, record.ProgressNo
	load := func(a *Aggregator) {
		for _, r := range []record.Access{
			access(31, yes, 0, 0, 0, 3, record.NoProgram),
			access(45, no, 0, 0, 0, 4, record.NoProgram),
			access(22, yes, 0, 0, 0, 5, record.NoProgram),
		} {
			a.Access(r)
		}
		for _, g := range []record.Grade{9, 10, 11} {
			a.Student(record.Student{Year: 2025, SchoolCode: "S1", Grade: g, Status: record.EL})
		}
	}
	lacking := []key{
		{"S1", 2025, "long_term_el", GroupEL, ""},
		{"D1", 2025, "long_term_el", GroupEL, ""},
		{"S1", 2025, "making_progress_by_program", GroupEL, "None"},
		{"S1", 2025, "annual_dropout_rate", GroupEL, ""},
		{"S1", 2025, "annual_dropout_rate", GroupAll, ""},
	}

	blank := fixture(Options{MinN: 1}, "S1")
	load(blank)
	checkFigures(t, blank.Result(), []want{
		{lacking[0], 0, 3, 0},
		{lacking[2], 2, 3, 200.0 / 3},
		{lacking[3], 0, 3, 0},
	})

	a := fixture(Options{MinN: 1}, "S1")
	a.Absent("access", []string{"years_in_program"}, []int{2025})
	a.Absent("students", []string{"el_program", "end_status"}, []int{2025})
	load(a)
	r := a.Result()
	checkAbsent(t, r, lacking...)
	checkFigures(t, r, []want{ // what the present columns give is still computed
		{key{"S1", 2025, "tested", GroupEL, ""}, 3, 3, 3},
		{key{"S1", 2025, "proficient", GroupEL, ""}, 1, 3, 100.0 / 3},
		{key{"S1", 2025, "making_progress", GroupEL, ""}, 2, 3, 200.0 / 3},
		{key{"S1", 2025, "making_progress_by_span", GroupEL, "K-5"}, 2, 3, 200.0 / 3},
	})
}

// An Alternate ACCESS result given only as a P1-A3 level (Overall 0) has no 1.0-6.0 level:
// it counts in none of tested, the level bands, proficient or long-term ELs, and in the
// progress and growth figures as its row says.
func TestAlternateACCESSWithoutLevel(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	a.Access(access(31, record.ProgressYes, 40, 0, 2, 3, record.NoProgram))
	alt := access(0, record.ProgressNo, 60, 0, 8, 4, record.NoProgram)
	alt.Test, alt.Alt = record.AltACCESS, record.AltP2
	a.Access(alt)
	r := a.Result()
	checkFigures(t, r, []want{
		{key{"S1", 2025, "tested", GroupEL, ""}, 1, 1, 1},
		{key{"S1", 2025, "proficient", GroupEL, ""}, 0, 1, 0},
		{key{"S1", 2025, "level_band", GroupEL, "3.0-3.9"}, 1, 1, 100},
		{key{"S1", 2025, "long_term_el", GroupEL, ""}, 0, 1, 0},
		{key{"S1", 2025, "making_progress", GroupEL, ""}, 1, 2, 50},
		{key{"S1", 2025, "sgpa_median", GroupEL, ""}, 0, 2, 50},
	})
}

// met_exit_criteria is the file's RE2 flag among the tested: Yes counts, No and blank do not;
// a result without an overall level (Alternate ACCESS as P1-A3) is not among the tested.
func TestMetExitCriteria(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	for _, m := range []record.Progress{record.ProgressYes, record.ProgressNo, record.NoIndicator, record.ProgressYes} {
		r := access(45, record.ProgressYes, 0, 0, 2, 3, record.NoProgram)
		r.MetExit = m
		a.Access(r)
	}
	alt := access(0, record.NoIndicator, 0, 0, 2, 3, record.NoProgram)
	alt.MetExit = record.ProgressYes
	a.Access(alt)
	checkFigures(t, a.Result(), []want{{key{"S1", 2025, "met_exit_criteria", GroupEL, ""}, 2, 4, 50}})
}

// A year whose rows partly lack years_in_program (one file of the year without the column)
// publishes no by-years figure, and so registers none of its parts: tested and proficient
// are not hidden to protect parts nobody sees.
func TestSkippedBreakdownHidesNothing(t *testing.T) {
	a := fixture(Options{MinN: 10}, "S1", "S2")
	for i := 0; i < 43; i++ {
		years := 0
		if i < 3 {
			years = 1
		}
		a.Access(access(31, record.ProgressYes, 0, 0, years, 3, record.NoProgram))
	}
	for i := 0; i < 20; i++ {
		r := access(45, record.ProgressNo, 0, 0, 0, 4, record.NoProgram)
		r.SchoolCode = "S2"
		a.Access(r)
	}
	a.Absent("access", []string{"years_in_program"}, []int{2025})
	r := a.Result()
	checkSuppressed(t, r, false,
		key{"S1", 2025, "tested", GroupEL, ""}, key{"S1", 2025, "proficient", GroupEL, ""},
		key{"D1", 2025, "tested", GroupEL, ""})
	checkAbsent(t, r, key{"S1", 2025, "proficient_by_years", GroupEL, "1"})
}

// TestLookupSearchesResultOrder checks Lookup on the sample's Result, whose figures it
// searches by their order, against a scan: every figure is found as itself, a key next to
// each (another year, group or category) is found exactly when a figure has it, and a Result
// whose figures were shuffled and reindexed finds the same.
func TestLookupSearchesResultOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample")
	}
	r := loadSite(t, "../..").Result()
	if !r.ordered || r.index != nil {
		t.Fatalf("ordered %v, index of %d: want a Result in order, without an index", r.ordered, len(r.index))
	}
	all := make(map[figureKey]Figure, len(r.Figures))
	for _, f := range r.Figures {
		all[keyOf(&f)] = f
	}
	if len(all) != len(r.Figures) {
		t.Fatalf("%d figures, %d keys", len(r.Figures), len(all))
	}
	check := func(r *Result, what string) {
		t.Helper()
		misses := 0
		for i, f := range r.Figures {
			if i%7 != 0 && what != "in order" {
				continue // the map is checked on a part
			}
			got, ok := r.Lookup(f.EntityType, f.EntityCode, f.Year, f.Metric, f.Group, f.Category)
			if !ok || got != f {
				t.Errorf("%s: %v: got %+v, %v", what, keyOf(&f), got, ok)
			}
			for _, k := range []figureKey{
				{f.EntityType, f.EntityCode, f.Year + 1, f.Metric, f.Group, f.Category},
				{f.EntityType, f.EntityCode, f.Year, f.Metric, GroupAll, f.Category},
				{f.EntityType, f.EntityCode, f.Year, f.Metric, f.Group, "Other"},
				{EntitySchool, f.EntityCode + "0", f.Year, f.Metric, f.Group, f.Category},
			} {
				want, exists := all[k]
				got, ok := r.Lookup(k.entityType, k.entityCode, k.year, k.metric, k.group, k.cat)
				if ok != exists || got != want {
					t.Errorf("%s: %v: got %v, want %v", what, k, ok, exists)
				}
				if !exists {
					misses++
				}
			}
		}
		if misses == 0 {
			t.Errorf("%s: no key was missing: the test checks nothing of not found", what)
		}
	}
	check(r, "in order")
	shuffled := &Result{Figures: slices.Clone(r.Figures)}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled.Figures), func(i, j int) {
		shuffled.Figures[i], shuffled.Figures[j] = shuffled.Figures[j], shuffled.Figures[i]
	})
	shuffled.Reindex()
	if shuffled.ordered || shuffled.index == nil {
		t.Fatal("shuffled figures: want an index")
	}
	check(shuffled, "shuffled")
	again := &Result{Figures: slices.Clone(r.Figures)}
	if again.Reindex(); !again.ordered {
		t.Error("figures in Result's order, reindexed: not seen as in order")
	}
}

// TestEntityFind checks EntityFigures.Find against Lookup on the sample's Result, with its
// packed ranks and without them, for every figure and for keys next to each.
func TestEntityFind(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample")
	}
	r := loadSite(t, "../..").Result()
	if r.ranks == nil {
		t.Fatal("the sample's ranks do not pack")
	}
	unpacked := *r
	unpacked.ranks = nil
	for _, res := range []*Result{r, &unpacked} {
		entities := 0
		for i := 0; i < len(res.Figures); {
			f := res.Figures[i]
			e, ok := res.Entity(f.EntityType, f.EntityCode)
			if !ok || len(e.Figures) == 0 || &e.Figures[0] != &res.Figures[i] {
				t.Fatalf("Entity(%s %s): %d figures, ok %v, not the window at %d", f.EntityType, f.EntityCode, len(e.Figures), ok, i)
			}
			entities++
			for j := range e.Figures {
				g := &e.Figures[j]
				if got := e.Find(g.Year, g.Metric, g.Group, g.Category); got != g {
					t.Errorf("packed %v: Find %v: got %v", res.ranks != nil, keyOf(g), got)
				}
				for _, k := range []figureKey{
					{g.EntityType, g.EntityCode, g.Year - 1, g.Metric, g.Group, g.Category},
					{g.EntityType, g.EntityCode, g.Year, g.Metric, GroupNonEL, g.Category},
					{g.EntityType, g.EntityCode, g.Year, g.Metric, g.Group, "9-12"},
					{g.EntityType, g.EntityCode, g.Year, "no_such_metric", g.Group, ""},
				} {
					want, wok := res.Lookup(k.entityType, k.entityCode, k.year, k.metric, k.group, k.cat)
					got := e.Find(k.year, k.metric, k.group, k.cat)
					if wok != (got != nil) || (got != nil && *got != want) {
						t.Errorf("packed %v: Find %v: got %v, Lookup %v", res.ranks != nil, k, got, wok)
					}
				}
			}
			i += len(e.Figures)
		}
		if entities < 10 {
			t.Errorf("%d entities", entities)
		}
	}
	if e, ok := r.Entity(EntitySchool, "no such school"); !ok || len(e.Figures) != 0 || e.Find(2025, "tested", GroupEL, "") != nil {
		t.Errorf("an unknown school: %d figures, ok %v", len(e.Figures), ok)
	}
	if _, ok := (&Result{Figures: r.Figures}).Entity(EntitySchool, "x"); ok {
		t.Error("a Result made by hand: Entity says ok")
	}
}

// TestPackRankOrders checks that packed ranks order as compareRanked does, and that what
// they cannot order (an unknown group or metric, whose names break ties before the next
// rank) does not pack.
func TestPackRankOrders(t *testing.T) {
	keys := []figureKey{
		{EntitySchool, "S", 2024, metric.Tested, GroupEL, ""},
		{EntitySchool, "S", 2024, metric.Tested, GroupAll, ""},
		{EntitySchool, "S", 2024, metric.LevelBand, GroupEL, "1.0-1.9"},
		{EntitySchool, "S", 2024, metric.LevelBand, GroupEL, "2.0-2.9"},
		{EntitySchool, "S", 2025, metric.Tested, GroupEL, ""},
	}
	for i := range keys {
		for j := range keys {
			a, b := rankOf(keys[i]), rankOf(keys[j])
			pa, oka := packRank(a.year, a.metric, a.group, a.cat)
			pb, okb := packRank(b.year, b.metric, b.group, b.cat)
			if !oka || !okb {
				t.Fatalf("%v or %v does not pack", keys[i], keys[j])
			}
			if got, want := cmp.Compare(pa, pb), compareRanked(a, b); got != want {
				t.Errorf("%v vs %v: packed %d, ranked %d", keys[i], keys[j], got, want)
			}
		}
	}
	for _, k := range []figureKey{
		{EntitySchool, "S", 2024, metric.Tested, "Migrant", ""},
		{EntitySchool, "S", 2024, "no_such_metric", GroupEL, ""},
	} {
		r := rankOf(k)
		if _, ok := packRank(r.year, r.metric, r.group, r.cat); ok {
			t.Errorf("%v packs", k)
		}
	}
}
