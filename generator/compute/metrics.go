package compute

import "elreport/generator/metric"

// The groups, in the order of metrics.csv (see package metric).
const (
	GroupEL       = metric.EL
	GroupFormerEL = metric.FormerEL
	GroupNonEL    = metric.NonEL
	GroupAll      = metric.AllStudents
)

// The entity types.
const (
	EntityDistrict = "district"
	EntitySchool   = "school"
)

// Kind says what a figure's value is (see package metric).
type Kind = metric.Kind

// The kinds of figure.
const (
	Share  = metric.Share  // percentage of Denominator, 0-100
	Count  = metric.Count  // Value == Numerator, out of the population Denominator
	Median = metric.Median // median of Denominator values
	Points = metric.Points // difference in percentage points
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

// categories returns the categories of a metric of the catalogue, in order.
func categories(id metric.ID) []string { return id.Info().Categories.Values }

// Category names, from the catalogue, in the order the counters below index them. The lists
// are read-only.
var (
	levelBands     = categories(metric.LevelBand)
	yearsInProgram = categories(metric.MakingProgressByYears)
	gradeSpans     = categories(metric.MakingProgressBySpan)
	programs       = categories(metric.MakingProgressByProgram)
	riskLevels     = categories(metric.EWISRisk)
	ewisAgeGroups  = categories(metric.EWISHighByAge)
	subjects       = categories(metric.MCASMeeting)
	planCategories = categories(metric.PlanShare)
	// domainMetrics are the level bands of the ACCESS domains, in the order of
	// accessCounts.domains.
	domainMetrics   = [4]metric.ID{metric.ListeningBand, metric.SpeakingBand, metric.ReadingBand, metric.WritingBand}
	programByRecord = [...]int{4, 0, 1, 2, 3} // record.Program (NoProgram, SEI, TBE, DualLanguage, Other) -> programs index
)

// categoryRank returns the place of a figure's category in its metric's order.
func categoryRank(id metric.ID, category string) int {
	_, r := metric.Ranks(id, category)
	return r
}
