// Package metric is the catalogue of every figure elreport publishes: one typed description
// per metric, which every other stage ranges over. Compute makes the figures it lists, in its
// order; render shows them, names them and defines them from its translation keys; the guides'
// figure shortcodes accept its ids; docs/metrics.md is generated from it.
//
// A metric is named by an ID, the metric column of metrics.csv. Use the ID constants rather
// than strings, so that a misspelled metric fails to compile instead of silently dropping a
// column. The catalogue is read-only: Catalogue returns a copy, Lookup a value.
package metric

import "strings"

// ID names a metric, as in the metric column of metrics.csv.
type ID string

// The metrics, by topic, in the order of metrics.csv.
const (
	// Benchmarks (ACCESS for ELLs, English learners only).
	Tested                  ID = "tested"
	LevelBand               ID = "level_band"
	ListeningBand           ID = "listening_band"
	SpeakingBand            ID = "speaking_band"
	ReadingBand             ID = "reading_band"
	WritingBand             ID = "writing_band"
	LevelBandByGrade        ID = "level_band_by_grade"
	Proficient              ID = "proficient"
	MetExitCriteria         ID = "met_exit_criteria"
	ExitedAfterExitCriteria ID = "exited_after_exit_criteria"
	NotProficientSixYears   ID = "not_proficient_six_years"
	MakingProgress          ID = "making_progress"
	HighDifficulty          ID = "high_difficulty"
	NotMeetingBenchmark     ID = "not_meeting_benchmark"
	LongTermEL              ID = "long_term_el"
	SGPAMedian              ID = "sgpa_median"
	GrowthBand              ID = "growth_band"
	MakingProgressByYears   ID = "making_progress_by_years"
	ProficientByYears       ID = "proficient_by_years"
	MakingProgressBySpan    ID = "making_progress_by_span"
	MakingProgressByProgram ID = "making_progress_by_program"
	ParticipationRate       ID = "participation_rate"
	AltTested               ID = "alt_tested"

	// Dropout risk.
	EWISRisk          ID = "ewis_risk"
	EWISHighByAge     ID = "ewis_high_by_age"
	AnnualDropoutRate ID = "annual_dropout_rate"
	GraduationRate    ID = "graduation_rate"
	CohortDropoutRate ID = "cohort_dropout_rate"
	Grade9CoursePass  ID = "grade9_course_pass"
	MCASMeeting       ID = "mcas_meeting"

	// Gaps: a group's figure minus the NonEL figure, and its change since the prior year.
	EWISHighGap                ID = "ewis_high_gap"
	EWISHighGapChange          ID = "ewis_high_gap_change"
	AnnualDropoutRateGap       ID = "annual_dropout_rate_gap"
	AnnualDropoutRateGapChange ID = "annual_dropout_rate_gap_change"
	GraduationRateGap          ID = "graduation_rate_gap"
	GraduationRateGapChange    ID = "graduation_rate_gap_change"
	CohortDropoutRateGap       ID = "cohort_dropout_rate_gap"
	CohortDropoutRateGapChange ID = "cohort_dropout_rate_gap_change"
	Grade9CoursePassGap        ID = "grade9_course_pass_gap"
	Grade9CoursePassGapChange  ID = "grade9_course_pass_gap_change"
	MCASMeetingGap             ID = "mcas_meeting_gap"
	MCASMeetingGapChange       ID = "mcas_meeting_gap_change"
	AnyCollegeGap              ID = "any_college_gap"
	AnyCollegeGapChange        ID = "any_college_gap_change"

	// Post-graduation plans.
	PlanShare       ID = "plan_share"
	AnyCollege      ID = "any_college"
	FourYearCollege ID = "four_year_college"
	Work            ID = "work"
	Military        ID = "military"
	Unknown         ID = "unknown"
)

// Topic is a topic of the site: a page per district and a section of every school page.
type Topic string

// The topics, in the order of metrics.csv and of the site's navigation.
const (
	Benchmarks     Topic = "benchmarks"
	DropoutRisk    Topic = "dropout_risk"
	Gaps           Topic = "gaps"
	PostGraduation Topic = "post_graduation"
)

// Topics returns the topics in order.
func Topics() []Topic { return []Topic{Benchmarks, DropoutRisk, Gaps, PostGraduation} }

// Slug returns the file name of a topic's pages ("dropout-risk").
func (t Topic) Slug() string { return strings.ReplaceAll(string(t), "_", "-") }

// The groups of students, in the order of metrics.csv and of the tables.
const (
	EL          = "EL"       // English learners this school year
	FormerEL    = "FormerEL" // exited English learner status
	NonEL       = "NonEL"    // never English learners
	AllStudents = "All"      // every student
)

// Groups returns the four groups in order.
func Groups() []string { return []string{EL, FormerEL, NonEL, AllStudents} }

// Kind says what a figure's value is.
type Kind uint8

// The kinds of figure.
const (
	Share  Kind = iota // percentage of the denominator, 0-100
	Count              // a number of students, out of the population in the denominator
	Median             // the median of the denominator's values
	Points             // a difference in percentage points
)

var kindNames = [...]string{"share", "count", "median", "points"}

func (k Kind) String() string { return kindNames[k] }

// Direction says which way a metric is better, for goals and comparisons.
type Direction uint8

// The directions.
const (
	// Neutral: neither way is better in itself (a count of students tested, a distribution, a
	// plan other than college).
	Neutral Direction = iota
	Higher
	Lower
	// TowardZero: closer to zero is better (a gap between groups).
	TowardZero
)

var directionNames = [...]string{"neutral", "higher", "lower", "toward zero"}

func (d Direction) String() string { return directionNames[d] }

// Column is an input column a metric reads.
type Column struct {
	File, Name string // "access", "overall_level"
}

func (c Column) String() string { return c.File + ".csv " + c.Name }

// Metric describes one metric.
type Metric struct {
	ID    ID
	Topic Topic
	Kind  Kind
	// Categories splits the metric into categories (nil when it has none).
	Categories *Categories
	// Groups lists the groups the metric is published for.
	Groups []string
	// Better is the direction that is better.
	Better Direction
	// Gap is set on gap metrics (<base>_gap and <base>_gap_change): what they compare.
	Gap *Gap
	// Inputs lists the input columns the metric reads (besides year, student_id and
	// school_code, which every student-level figure reads, and el_status, which gives the group).
	Inputs []Column
	// NameKey and DefinitionKey are the translation keys of the metric's name and its
	// plain-language definition. Gap metrics share the keys of "a gap" and "a gap's change";
	// their rows are named by the name of what they compare (Gap.NameKey).
	NameKey, DefinitionKey string
	// Definition is the precise rule, in English, for docs/metrics.md.
	Definition string
}

// Gap says what a gap metric compares.
type Gap struct {
	// Base and Category name the figure whose group values the gap compares: value(EL or
	// FormerEL) − value(NonEL). A blank Category compares each category of Base.
	Base     ID
	Category string
	// NameKey is the translation key naming what is compared (a row of the gaps table).
	NameKey string
	// Change is set on <base>_gap_change; Of is then the gap whose change it is.
	Change bool
	Of     ID
}

// Categories is a set of categories, in display order, and how a page words each one.
type Categories struct {
	// Name says what the categories are, for docs.
	Name   string
	Values []string
	// Label says how to word a category; see LabelStyle.
	Label LabelStyle
	// LabelKey is the translation key (or key prefix) of the wording.
	LabelKey string
	// LabelArg is the placeholder LabelKey's text fills with the category (LabelArgument).
	LabelArg string
	// LastKey words the open-ended last category of a LabelCount set ("6+").
	LastKey string
}

// LabelStyle is how a category is worded on a page.
type LabelStyle uint8

// The label styles.
const (
	// LabelPerValue: the translation LabelKey + "." + category, the category itself when
	// missing ("category.risk.High").
	LabelPerValue LabelStyle = iota
	// LabelArgument: the translation LabelKey with {LabelArg} = category ("Level {band}").
	LabelArgument
	// LabelCount: the category is a number of years, worded with LabelKey's plural forms; the
	// last, open-ended category uses LastKey.
	LabelCount
	// LabelGradeBand: the category is a grade and a level band separated by a space
	// ("3 4.0-4.9", see GradeBand), worded with the translation LabelKey with {grade} and {band}.
	LabelGradeBand
)

// Grades are the grades of level_band_by_grade, in order (PK and SP are in none).
var Grades = []string{"K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}

// LevelBands are the six bands of the overall ACCESS level, in order.
var LevelBands = []string{"1.0-1.9", "2.0-2.9", "3.0-3.9", "4.0-4.9", "5.0-5.9", "6.0"}

// GradeBand returns the category of level_band_by_grade for a grade and a level band: the
// two joined by a space ("3 4.0-4.9").
func GradeBand(grade, band string) string { return grade + " " + band }

// SplitGradeBand returns the grade and the band of a category of level_band_by_grade, and
// false when it is not one.
func SplitGradeBand(category string) (grade, band string, ok bool) {
	return strings.Cut(category, " ")
}

// Rank returns the place of a category in the set's order, and false when it is not one.
func (c *Categories) Rank(category string) (int, bool) {
	if c == nil {
		return 0, false
	}
	for i, v := range c.Values {
		if v == category {
			return i, true
		}
	}
	return 0, false
}

// The category sets.
var (
	levelBands = &Categories{Name: "ACCESS overall level band",
		Values: LevelBands,
		Label:  LabelArgument, LabelKey: "category.level", LabelArg: "band"}
	gradeLevelBands = &Categories{Name: "grade (K-12) and ACCESS overall level band, joined by a space: \"K 1.0-1.9\", ..., \"12 6.0\"",
		Values: gradeBandValues(), Label: LabelGradeBand, LabelKey: "category.grade_level"}
	domainBands = &Categories{Name: "ACCESS domain level band",
		Values: []string{"1.0-1.9", "2.0-2.9", "3.0-3.9", "4.0-4.9", "5.0-5.9", "6.0"},
		Label:  LabelArgument, LabelKey: "category.level", LabelArg: "band"}
	growthBands = &Categories{Name: "growth band (SGPA 1-39, 40-59, 60-99)",
		Values: []string{"low", "typical", "high"}, LabelKey: "category.growth"}
	yearsInProgram = &Categories{Name: "years in program",
		Values: []string{"1", "2", "3", "4", "5", "6+"},
		Label:  LabelCount, LabelKey: "category.years", LastKey: "category.years_6plus"}
	gradeSpans = &Categories{Name: "grade span (K-5 includes PK, 9-12 includes SP)",
		Values: []string{"K-5", "6-8", "9-12"},
		Label:  LabelArgument, LabelKey: "category.grades", LabelArg: "span"}
	programs = &Categories{Name: "EL program (None: blank el_program)",
		Values: []string{"SEI", "TBE", "DualLanguage", "Other", "None"}, LabelKey: "category.program"}
	riskLevels = &Categories{Name: "EWIS risk level",
		Values: []string{"Low", "Moderate", "High"}, LabelKey: "category.risk"}
	ewisAgeGroups = &Categories{Name: "grades",
		Values: []string{"1-3", "4-6", "7-9", "10-12"},
		Label:  LabelArgument, LabelKey: "category.grades", LabelArg: "span"}
	subjects = &Categories{Name: "MCAS subject",
		Values: []string{"ELA", "Math", "Science"}, LabelKey: "category.subject"}
	planCategories = &Categories{Name: "plan",
		Values: []string{"FourYearPrivate", "FourYearPublic", "TwoYearPrivate", "TwoYearPublic",
			"OtherPostSecondary", "Apprenticeship", "Work", "Military", "Other", "Unknown"},
		LabelKey: "category.plan"}
)

// Input columns.
var (
	colOverall    = Column{"access", "overall_level"}
	colListening  = Column{"access", "listening"}
	colSpeaking   = Column{"access", "speaking"}
	colReading    = Column{"access", "reading"}
	colWriting    = Column{"access", "writing"}
	colProgress   = Column{"access", "progress"}
	colYears      = Column{"access", "years_in_program"}
	colSGPA       = Column{"access", "sgpa"}
	colAlt        = Column{"access", "alt_level"}
	colRisk       = Column{"ewis", "risk_level"}
	colEndStatus  = Column{"students", "end_status"}
	colGrade      = Column{"students", "grade"}
	colInCohort   = Column{"cohort", "el_in_cohort"}
	colOutcome    = Column{"cohort", "outcome"}
	colPlan       = Column{"plans", "plan"}
	onlyEL        = []string{EL}
	everyGroup    = []string{EL, FormerEL, NonEL, AllStudents}
	comparedToNon = []string{EL, FormerEL}
)

// gradeBandValues returns the categories of level_band_by_grade: each grade's six bands.
func gradeBandValues() []string {
	var out []string
	for _, g := range Grades {
		for _, b := range LevelBands {
			out = append(out, GradeBand(g, b))
		}
	}
	return out
}
