package metric

import "slices"

// catalogue lists every metric in the order of metrics.csv: by topic, then as the topic's
// pages introduce them, each gap metric followed by its change.
var catalogue = build()

// gapBases lists the figures gaps compare, in the order of metrics.csv. NameKey names the row.
var gapBases = []struct {
	gap, change ID
	base        ID
	category    string
	nameKey     string
}{
	{EWISHighGap, EWISHighGapChange, EWISRisk, "High", "metric.ewis_high.name"},
	{AnnualDropoutRateGap, AnnualDropoutRateGapChange, AnnualDropoutRate, "", "metric.annual_dropout_rate.name"},
	{GraduationRateGap, GraduationRateGapChange, GraduationRate, "", "metric.graduation_rate.name"},
	{CohortDropoutRateGap, CohortDropoutRateGapChange, CohortDropoutRate, "", "metric.cohort_dropout_rate.name"},
	{Grade9CoursePassGap, Grade9CoursePassGapChange, Grade9CoursePass, "", "metric.grade9_course_pass.name"},
	{MCASMeetingGap, MCASMeetingGapChange, MCASMeeting, "", "metric.mcas_meeting.name"},
	{AnyCollegeGap, AnyCollegeGapChange, AnyCollege, "", "metric.any_college.name"},
}

// gapDisplay is the order in which the gaps page lists the gaps: the graduation guidance's
// outcomes first, then the early signs.
var gapDisplay = []ID{GraduationRateGap, CohortDropoutRateGap, AnnualDropoutRateGap,
	Grade9CoursePassGap, MCASMeetingGap, EWISHighGap, AnyCollegeGap}

// gapSpans says which grades each gap concerns (see GapSpan); every gap of gapDisplay is in
// exactly one span (TestGapSpans).
var gapSpans = []struct {
	span GapSpan
	gaps []ID
}{
	{HighSchoolGaps, []ID{GraduationRateGap, CohortDropoutRateGap, AnnualDropoutRateGap, Grade9CoursePassGap, AnyCollegeGap}},
	{TestAndRiskGaps, []ID{MCASMeetingGap, EWISHighGap}},
}

// domainDef is the definition of the level bands of an ACCESS domain (a column of access.csv).
func domainDef(col string) string {
	return "Share of the tested (as in tested: the ELs with an overall_level) whose " + col +
		" level is in each band: 1.0-1.9, 2.0-2.9, 3.0-3.9, 4.0-4.9, 5.0-5.9 and 6.0. A tested EL with a blank " + col +
		" is in no band, so the bands add up to at most 100%; the students without a " + col +
		" level are not published, and a figure of a set of 1 to min_n-1 of them is protected like a suppressed cell (docs/privacy.md)."
}

func build() []Metric {
	share := func(id ID, topic Topic, cats *Categories, groups []string, better Direction, def string, inputs ...Column) Metric {
		return Metric{ID: id, Topic: topic, Kind: Share, Categories: cats, Groups: groups, Better: better,
			Inputs: inputs, Definition: def}
	}
	ms := []Metric{
		{ID: Tested, Topic: Benchmarks, Kind: Count, Groups: onlyEL, Better: Neutral, Inputs: []Column{colOverall},
			Definition: "ELs with an ACCESS result that has an overall_level (a count; its denominator is the same number). Students who did not test, and Alternate ACCESS results given only as P1-A3, are not counted."},
		share(LevelBand, Benchmarks, levelBands, onlyEL, Neutral,
			"Share of the tested in each band of overall_level: 1.0-1.9, 2.0-2.9, 3.0-3.9, 4.0-4.9, 5.0-5.9 and 6.0.",
			colOverall),
		share(ListeningBand, Benchmarks, domainBands, onlyEL, Neutral, domainDef("listening"), colOverall, colListening),
		share(SpeakingBand, Benchmarks, domainBands, onlyEL, Neutral, domainDef("speaking"), colOverall, colSpeaking),
		share(ReadingBand, Benchmarks, domainBands, onlyEL, Neutral, domainDef("reading"), colOverall, colReading),
		share(WritingBand, Benchmarks, domainBands, onlyEL, Neutral, domainDef("writing"), colOverall, colWriting),
		share(LevelBandByGrade, Benchmarks, gradeLevelBands, onlyEL, Neutral,
			"Share of the tested of each grade of the ACCESS row (K, 1, ..., 12) in each band of overall_level, as in level_band: WIDA's District Frequency Report, so for districts only (schools' grades are small sets). The category is the grade and the band joined by a space (\"3 4.0-4.9\"); the denominator is the tested of that grade. The tested of grades PK and SP are in no grade; they are not published, and a figure of a set of 1 to min_n-1 of them is protected like a suppressed cell (docs/privacy.md).",
			colOverall, Column{"access", "grade"}),
		share(Proficient, Benchmarks, nil, onlyEL, Higher,
			"Share of the tested whose overall_level is at least the proficient level (site.toml proficient_level, 4.2 by default; exactly 4.2 counts).",
			colOverall),
		share(MetExitCriteria, Benchmarks, nil, onlyEL, Higher,
			"Share of the tested whose met_exit_criteria is Yes: DESE's Reporting Element RE2, an overall level of 4.2 and a literacy level of 3.9, as the file says (a blank is not Yes). Unlike proficient it needs the literacy level too, and it does not follow proficient_level.",
			colOverall, Column{"access", "met_exit_criteria"}),
		share(ExitedAfterExitCriteria, Benchmarks, nil, onlyEL, Higher,
			"exited_after_exit_criteria Yes out of Yes and No: DESE's Reporting Element RE3, the ELs who exited EL status after meeting the exit criteria, out of the ELs whose row has the flag. DESE's files give it (1 or 0) to the students who met the exit criteria and NA to the others, so the denominator is, as DESE's, the ELs who met the criteria; a blank is in neither.",
			Column{"access", "exited_after_exit_criteria"}),
		share(NotProficientSixYears, Benchmarks, nil, onlyEL, Lower,
			"Share of the tested (as in tested: the ELs with an overall_level) whose not_proficient_six_years is Yes: DESE's Reporting Element RE5, did not attain English proficiency within six years of first being classified an EL, as the file says (a blank, and DESE's -1, is not Yes). DESE's denominator is every enrolled EL, those who did not test included, so the two shares differ when some ELs did not test. Unlike long_term_el (a count, from years_in_program above six and overall_level below proficient_level) it counts the six years from DESE's own record of the first classification and uses the exit criteria.",
			colOverall, Column{"access", "not_proficient_six_years"}),
		share(MakingProgress, Benchmarks, nil, onlyEL, Higher,
			"progress Yes out of Yes and No; a blank progress is in neither.",
			colProgress),
		share(HighDifficulty, Benchmarks, nil, onlyEL, Neutral,
			"Share of the non-blank difficulty indices above 60 (60 is not high). It describes how hard the students' targets are, not how well they did, so neither direction is better.",
			Column{"access", "difficulty_index"}),
		{ID: NotMeetingBenchmark, Topic: Benchmarks, Kind: Count, Groups: onlyEL, Better: Lower, Inputs: []Column{colProgress},
			Definition: "The number with progress No, out of Yes and No."},
		{ID: LongTermEL, Topic: Benchmarks, Kind: Count, Groups: onlyEL, Better: Lower, Inputs: []Column{colOverall, colYears},
			Definition: "The number of tested ELs with more than six years in program who are not proficient, out of the tested."},
		{ID: SGPAMedian, Topic: Benchmarks, Kind: Median, Groups: onlyEL, Better: Higher, Inputs: []Column{colSGPA},
			Definition: "The median of the non-blank SGPAs (the mean of the middle two when their number is even); its denominator is the number of SGPAs."},
		share(GrowthBand, Benchmarks, growthBands, onlyEL, Neutral,
			"Share of the non-blank SGPAs that are low (1-39), typical (40-59) and high (60-99).",
			colSGPA),
		share(MakingProgressByYears, Benchmarks, yearsInProgram, onlyEL, Higher,
			"making_progress among ELs with 1, 2, 3, 4, 5 and 6 or more (\"6+\") years in program; ELs without years_in_program are in no category.",
			colProgress, colYears),
		share(ProficientByYears, Benchmarks, yearsInProgram, onlyEL, Higher,
			"proficient among ELs with 1, 2, 3, 4, 5 and 6 or more (\"6+\") years in program; ELs without years_in_program are in no category.",
			colOverall, colYears),
		share(MakingProgressBySpan, Benchmarks, gradeSpans, onlyEL, Higher,
			"making_progress by the grade of the ACCESS row: K-5 (PK, K and 1-5), 6-8 and 9-12 (9-12 and SP).",
			colProgress, Column{"access", "grade"}),
		share(MakingProgressByProgram, Benchmarks, programs, onlyEL, Higher,
			"making_progress by the student's el_program that year (students.csv): SEI, TBE, DualLanguage, Other, and None for a blank program.",
			colProgress, Column{"students", "el_program"}),

		share(ParticipationRate, Benchmarks, nil, onlyEL, Higher,
			"ELs who took ACCESS (a result with an overall_level, or an Alternate ACCESS result given only as a P1-A3 alt_level) out of the ELs with an ACCESS row: those and the students who did not test (test_status). Without test_status every row counts as tested, so the figure is not computed.",
			Column{"access", "test_status"}),
		{ID: AltTested, Topic: Benchmarks, Kind: Count, Groups: onlyEL, Better: Neutral, Inputs: []Column{colAlt},
			Definition: "ELs with an Alternate ACCESS result given only as a P1-A3 alt_level, without an overall_level (a count; its denominator is the same number). They are in participation_rate, not in tested."},

		share(EWISRisk, DropoutRisk, riskLevels, everyGroup, Neutral,
			"Share of the students with an EWIS risk level that are Low, Moderate and High. The High share is compared by ewis_high_gap; lower is better for it.",
			colRisk),
		share(EWISHighByAge, DropoutRisk, ewisAgeGroups, everyGroup, Lower,
			"Share High among the students of grades 1-3, 4-6, 7-9 and 10-12 (PK, K and SP are in no category).",
			colRisk, Column{"ewis", "grade"}),
		share(AnnualDropoutRate, DropoutRisk, nil, everyGroup, Lower,
			"Students of students.csv in grades 9-12 (SP excluded) whose end_status is DroppedOut, out of all students of students.csv in grades 9-12 that year.",
			colGrade, colEndStatus),
		share(GraduationRate, DropoutRisk, nil, everyGroup, Higher,
			"Cohort members with outcome Graduated out of the four-year cohort (cohort.csv, by cohort_year). The group is the cohort's: EL when el_in_cohort is Yes (an EL at any time in high school).",
			colInCohort, colOutcome),
		share(CohortDropoutRate, DropoutRisk, nil, everyGroup, Lower,
			"Cohort members with outcome DroppedOut out of the four-year cohort, grouped as graduation_rate.",
			colInCohort, colOutcome),
		share(Grade9CoursePass, DropoutRisk, nil, everyGroup, Higher,
			"Grade-9 students who passed every course they took, out of those who took at least one; a row with courses_taken 0 counts in neither.",
			Column{"courses", "courses_taken"}, Column{"courses", "courses_passed"}),
		share(MCASMeeting, DropoutRisk, subjects, everyGroup, Higher,
			"Share of MCAS results Meeting or Exceeding expectations, by subject.",
			Column{"mcas", "subject"}, Column{"mcas", "achievement_level"}),
	}
	post := []Metric{
		share(PlanShare, PostGraduation, planCategories, everyGroup, Neutral,
			"Share of the graduates with a plan that stated each plan category.", colPlan),
		share(AnyCollege, PostGraduation, nil, everyGroup, Higher,
			"Share of the graduates with a plan going to a four-year or two-year college, public or private.", colPlan),
		share(FourYearCollege, PostGraduation, nil, everyGroup, Higher,
			"Share of the graduates with a plan going to a four-year college, public or private.", colPlan),
		share(Work, PostGraduation, nil, everyGroup, Neutral,
			"Share of the graduates with a plan whose plan is work.", colPlan),
		share(Military, PostGraduation, nil, everyGroup, Neutral,
			"Share of the graduates with a plan whose plan is the military.", colPlan),
		share(Unknown, PostGraduation, nil, everyGroup, Lower,
			"Share of the graduates with a plan whose plan is Unknown.", colPlan),
	}
	byID := func(id ID) Metric {
		for _, m := range append(ms, post...) {
			if m.ID == id {
				return m
			}
		}
		panic("metric: no base metric " + id)
	}
	gaps := make([]Metric, 0, 2*len(gapBases))
	for _, g := range gapBases {
		base := byID(g.base)
		cats := base.Categories
		if g.category != "" {
			cats = nil
		}
		gaps = append(gaps,
			Metric{ID: g.gap, Topic: Gaps, Kind: Points, Categories: cats, Groups: comparedToNon, Better: TowardZero,
				Gap: &Gap{Base: g.base, Category: g.category, NameKey: g.nameKey}, Inputs: base.Inputs,
				NameKey: "metric.gap.name", DefinitionKey: "metric.gap.definition",
				Definition: gapDefinition(g.base, g.category)},
			Metric{ID: g.change, Topic: Gaps, Kind: Points, Categories: cats, Groups: comparedToNon, Better: Neutral,
				Gap: &Gap{Base: g.base, Category: g.category, NameKey: g.nameKey, Change: true, Of: g.gap}, Inputs: base.Inputs,
				NameKey: "metric.gap_change.name", DefinitionKey: "metric.gap_change.definition",
				Definition: "The gap " + string(g.gap) + " minus the same gap in the prior year present in the data (the previous year with any row, published or not), where that gap exists. Whether a change is good depends on the gap's sign, so neither direction is better in itself."})
	}
	ms = append(append(ms, gaps...), post...)
	for i := range ms {
		if ms[i].NameKey == "" {
			ms[i].NameKey = "metric." + string(ms[i].ID) + ".name"
			ms[i].DefinitionKey = "metric." + string(ms[i].ID) + ".definition"
		}
	}
	return ms
}

func gapDefinition(base ID, category string) string {
	what := string(base)
	if category != "" {
		what += " " + category
	} else if base == MCASMeeting {
		what += ", by subject,"
	}
	return "The " + what + " share of the group (EL or FormerEL) minus that of NonEL, in percentage points, where both exist; a gap with a suppressed side is suppressed. It is marked wide when its absolute value exceeds site.toml's gap_threshold."
}

// Catalogue returns every metric in the order of metrics.csv. The slice is the caller's to keep;
// the Categories and Gap it points to are shared and must not be changed.
func Catalogue() []Metric { return append([]Metric(nil), catalogue...) }

// byID indexes the catalogue.
var byID = func() map[ID]int {
	idx := make(map[ID]int, len(catalogue))
	for i, m := range catalogue {
		idx[m.ID] = i
	}
	return idx
}()

// Lookup returns the metric with an id, and false when there is none.
func Lookup(id ID) (Metric, bool) {
	i, ok := byID[id]
	if !ok {
		return Metric{}, false
	}
	return catalogue[i], true
}

// Rank returns the place of a metric in the order of metrics.csv (len(Catalogue()) when unknown).
func Rank(id ID) int {
	if i, ok := byID[id]; ok {
		return i
	}
	return len(catalogue)
}

// Ranks returns Rank(id) and the place of category among the metric's categories (0 when the
// metric is unknown, has no categories or not that one): one map lookup, where Rank and
// Info(id).Categories.Rank took two and a copy of the Metric. Figures are sorted and found
// by these ranks, millions of times at state scale.
func Ranks(id ID, category string) (rank, categoryRank int) {
	i, ok := byID[id]
	if !ok {
		return len(catalogue), 0
	}
	c, _ := catalogue[i].Categories.Rank(category)
	return i, c
}

// Topic returns the topic of the metric an id names ("" when the id is unknown), without
// Info's copy of the whole Metric: a figure's topic is read for every row of every download.
func (id ID) Topic() Topic {
	if i, ok := byID[id]; ok {
		return catalogue[i].Topic
	}
	return ""
}

// Info returns the metric an id names; the zero Metric when the id is unknown.
func (id ID) Info() Metric {
	m, _ := Lookup(id)
	return m
}

// Known says whether an id names a metric of the catalogue.
func (id ID) Known() bool {
	_, ok := byID[id]
	return ok
}

// Lacking returns the inputs of m that lacks says are absent from the data, in m's order:
// the columns a district would add to have the metric. A metric lacking any input is not
// computed (a lacking column is not a blank one: counting it as blank would invent a figure,
// a 0 for long_term_el without years_in_program).
func (m Metric) Lacking(lacks func(Column) bool) []Column {
	var out []Column
	for _, c := range m.Inputs {
		if lacks(c) {
			out = append(out, c)
		}
	}
	return out
}

// OfTopic returns the metrics of a topic in order. The slice is shared: the caller must not
// modify it (render asks for a topic's metrics on every page, and a copy of the metrics each
// time was 4% of what rendering allocated).
func OfTopic(t Topic) []Metric { return ofTopic[t] }

// ofTopic holds OfTopic's answers, each clipped so that an append copies.
var ofTopic = func() map[Topic][]Metric {
	out := make(map[Topic][]Metric)
	for _, m := range catalogue {
		out[m.Topic] = append(out[m.Topic], m)
	}
	for t, ms := range out {
		out[t] = slices.Clip(ms)
	}
	return out
}()

// GapsForDisplay returns the gap metrics (<base>_gap, not their changes) in the order the
// gaps page lists them.
func GapsForDisplay() []ID { return append([]ID(nil), gapDisplay...) }

// GapSpan is a set of gaps that concern the same grades. Where a page sets every school's gaps
// side by side, it makes a table of each span, so that a school has a row only in the tables
// of the measures its grades can have, and no table is too wide for the page.
type GapSpan string

// The gap spans, in the order pages show them.
const (
	// HighSchoolGaps concern high school: graduation, dropping out (the cohort's and in grades
	// 9-12 during the year), passing every grade-9 course and going to college.
	HighSchoolGaps GapSpan = "high_school"
	// TestAndRiskGaps concern most grades: the MCAS state tests (grades 3-8 and 10) and the
	// early warning risk.
	TestAndRiskGaps GapSpan = "tests_and_risk"
)

// GapSpans returns the gap spans, in the order pages show them.
func GapSpans() []GapSpan {
	out := make([]GapSpan, len(gapSpans))
	for i, s := range gapSpans {
		out[i] = s.span
	}
	return out
}

// Span returns the span of a gap metric (<base>_gap or its change), and false when id is not
// a gap.
func (id ID) Span() (GapSpan, bool) {
	if g := id.Info().Gap; g != nil && g.Change {
		id = g.Of
	}
	for _, s := range gapSpans {
		if slices.Contains(s.gaps, id) {
			return s.span, true
		}
	}
	return "", false
}

// GapOf returns the gap metric comparing a figure of metric base and category, and false when
// no gap compares it. A gap over every category of its base (mcas_meeting by subject) keeps
// the figure's category; a gap of one category (the ewis_risk High share) has none.
func GapOf(base ID, category string) (gap ID, gapCategory string, ok bool) {
	for _, g := range gapBases {
		if g.base != base {
			continue
		}
		if g.category == "" {
			return g.gap, category, true
		}
		if g.category == category {
			return g.gap, "", true
		}
	}
	return "", "", false
}

// Change returns the <base>_gap_change metric of a gap, and false when id is not a gap.
func (id ID) Change() (ID, bool) {
	for _, g := range gapBases {
		if g.gap == id {
			return g.change, true
		}
	}
	return "", false
}
