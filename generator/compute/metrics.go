package compute

// MetricInfo describes one metric of SPEC.md section 2: its topic, identifier, the kind of its
// value and its categories in display order (nil for a metric without categories).
type MetricInfo struct {
	Topic      string
	Metric     string
	Kind       Kind
	Categories []string
}

// The topics, in the order of metrics.csv.
const (
	TopicBenchmarks     = "benchmarks"
	TopicDropoutRisk    = "dropout_risk"
	TopicGaps           = "gaps"
	TopicPostGraduation = "post_graduation"
)

// The groups, in the order of metrics.csv.
const (
	GroupEL       = "EL"
	GroupFormerEL = "FormerEL"
	GroupNonEL    = "NonEL"
	GroupAll      = "All"
)

// The entity types.
const (
	EntityDistrict = "district"
	EntitySchool   = "school"
)

// group is a reporting group; the first three have the values of record.ELStatus.
type group uint8

const (
	groupEL group = iota
	groupFormerEL
	groupNonEL
	groupAll
)

var groupNames = [...]string{GroupEL, GroupFormerEL, GroupNonEL, GroupAll}

func (g group) String() string { return groupNames[g] }

// Category names. The lists below are read-only.
var (
	levelBands       = []string{"1.0-1.9", "2.0-2.9", "3.0-3.9", "4.0-4.9", "5.0-5.9", "6.0"}
	growthBands      = []string{"low", "typical", "high"}
	yearsInProgram   = []string{"1", "2", "3", "4", "5", "6+"}
	gradeSpans       = []string{"K-5", "6-8", "9-12"}
	programs         = []string{"SEI", "TBE", "DualLanguage", "Other", "None"}
	riskLevels       = []string{"Low", "Moderate", "High"}
	ewisAgeGroups    = []string{"1-3", "4-6", "7-9", "10-12"}
	subjects         = []string{"ELA", "Math", "Science"}
	planCategories   = []string{"FourYearPrivate", "FourYearPublic", "TwoYearPrivate", "TwoYearPublic", "OtherPostSecondary", "Apprenticeship", "Work", "Military", "Other", "Unknown"}
	gapBases         = []string{"ewis_high", "annual_dropout_rate", "graduation_rate", "cohort_dropout_rate", "grade9_course_pass", "mcas_meeting", "any_college"}
	gapBaseSubjects  = map[string]bool{"mcas_meeting": true}
	programByRecord  = [...]int{4, 0, 1, 2, 3} // record.Program (NoProgram, SEI, TBE, DualLanguage, Other) -> programs index
	metricCatalogue  = buildCatalogue()
	metricRank       = rankMetrics(metricCatalogue)
	categoryRankOf   = rankCategories(metricCatalogue)
	metricInfoByName = indexMetrics(metricCatalogue)
)

// Metrics returns every metric in the order of metrics.csv (topic, then the order of SPEC.md's
// table), with gap metrics following their base metric's order: each <base>_gap before its
// <base>_gap_change. The slice is the caller's to keep.
func Metrics() []MetricInfo {
	out := make([]MetricInfo, len(metricCatalogue))
	for i, m := range metricCatalogue {
		m.Categories = append([]string(nil), m.Categories...)
		out[i] = m
	}
	return out
}

func buildCatalogue() []MetricInfo {
	ms := []MetricInfo{
		{TopicBenchmarks, "tested", Count, nil},
		{TopicBenchmarks, "level_band", Share, levelBands},
		{TopicBenchmarks, "proficient", Share, nil},
		{TopicBenchmarks, "making_progress", Share, nil},
		{TopicBenchmarks, "high_difficulty", Share, nil},
		{TopicBenchmarks, "not_meeting_benchmark", Count, nil},
		{TopicBenchmarks, "long_term_el", Count, nil},
		{TopicBenchmarks, "sgpa_median", Median, nil},
		{TopicBenchmarks, "growth_band", Share, growthBands},
		{TopicBenchmarks, "making_progress_by_years", Share, yearsInProgram},
		{TopicBenchmarks, "proficient_by_years", Share, yearsInProgram},
		{TopicBenchmarks, "making_progress_by_span", Share, gradeSpans},
		{TopicBenchmarks, "making_progress_by_program", Share, programs},
		{TopicDropoutRisk, "ewis_risk", Share, riskLevels},
		{TopicDropoutRisk, "ewis_high_by_age", Share, ewisAgeGroups},
		{TopicDropoutRisk, "annual_dropout_rate", Share, nil},
		{TopicDropoutRisk, "graduation_rate", Share, nil},
		{TopicDropoutRisk, "cohort_dropout_rate", Share, nil},
		{TopicDropoutRisk, "grade9_course_pass", Share, nil},
		{TopicDropoutRisk, "mcas_meeting", Share, subjects},
	}
	for _, base := range gapBases {
		var cats []string
		if gapBaseSubjects[base] {
			cats = subjects
		}
		ms = append(ms,
			MetricInfo{TopicGaps, base + "_gap", Points, cats},
			MetricInfo{TopicGaps, base + "_gap_change", Points, cats})
	}
	return append(ms,
		MetricInfo{TopicPostGraduation, "plan_share", Share, planCategories},
		MetricInfo{TopicPostGraduation, "any_college", Share, nil},
		MetricInfo{TopicPostGraduation, "four_year_college", Share, nil},
		MetricInfo{TopicPostGraduation, "work", Share, nil},
		MetricInfo{TopicPostGraduation, "military", Share, nil},
		MetricInfo{TopicPostGraduation, "unknown", Share, nil},
	)
}

func rankMetrics(ms []MetricInfo) map[string]int {
	rank := make(map[string]int, len(ms))
	for i, m := range ms {
		rank[m.Metric] = i
	}
	return rank
}

func rankCategories(ms []MetricInfo) map[string]map[string]int {
	rank := make(map[string]map[string]int, len(ms))
	for _, m := range ms {
		r := make(map[string]int, len(m.Categories))
		for i, c := range m.Categories {
			r[c] = i
		}
		rank[m.Metric] = r
	}
	return rank
}

func indexMetrics(ms []MetricInfo) map[string]MetricInfo {
	idx := make(map[string]MetricInfo, len(ms))
	for _, m := range ms {
		idx[m.Metric] = m
	}
	return idx
}
