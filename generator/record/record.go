// Package record defines the typed rows of the data contract (docs/data-contract.md) and the
// parsers for every value domain. It is shared by the load stage, which produces these rows,
// and the compute stage, which consumes them.
//
// The rows handed from load to compute carry no student identifier: the loader uses
// student_id only to check integrity and to join a student's EL status, program and grade onto
// the rows of the other files. Nothing downstream of load can leak an id because none reaches it.
package record

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Grade is a grade level: PK, K, 1..12 or SP (beyond grade 12).
type Grade int8

// The grades outside 1..12.
const (
	GradePK Grade = -1
	GradeK  Grade = 0
	GradeSP Grade = 13
)

// ParseGrade reads a grade as students.csv writes it. Leading zeros ("09") are decimal.
// Kindergarten is also written as DESE's files do: "KG", "00" (MCAS and ACCESS files), and the
// SIMS codes "KF" (full-day), "KP" (part-day) and "KT" (full-day, tuition).
func ParseGrade(s string) (Grade, error) {
	if n, ok := whole(s); ok && n >= 1 && n <= 12 {
		return Grade(n), nil
	}
	switch strings.ToUpper(s) {
	case "PK":
		return GradePK, nil
	case "K", "KG", "KF", "KP", "KT", "0", "00":
		return GradeK, nil
	case "SP":
		return GradeSP, nil
	}
	return 0, fmt.Errorf("%q is not a grade (PK, K, 1-12, SP)", s)
}

func (g Grade) String() string {
	switch g {
	case GradePK:
		return "PK"
	case GradeK:
		return "K"
	case GradeSP:
		return "SP"
	}
	return strconv.Itoa(int(g))
}

// ELStatus is a student's English learner status in a school year.
type ELStatus uint8

// The EL statuses, in the order groups are listed on pages.
const (
	EL ELStatus = iota
	FormerEL
	NonEL
)

// ELStatuses lists every status in display order.
var ELStatuses = [...]ELStatus{EL, FormerEL, NonEL}

var elStatusEnum = enum[ELStatus]{
	names:  []string{"EL", "FormerEL", "NonEL"},
	reason: "is not an EL status (EL, FormerEL, NonEL)",
}

// ParseELStatus reads an el_status value (case-insensitive).
func ParseELStatus(s string) (ELStatus, error) { return elStatusEnum.Parse(s) }

func (s ELStatus) String() string { return elStatusEnum.String(s) }

// Program is a student's English learner education program.
type Program uint8

// The programs; NoProgram stands for a blank el_program.
const (
	NoProgram Program = iota
	SEI
	TBE
	DualLanguage
	OtherProgram
)

var programEnum = enum[Program]{
	names:  []string{"", "SEI", "TBE", "DualLanguage", "Other"},
	reason: "is not an EL program (SEI, TBE, DualLanguage, Other or blank)",
}

// ParseProgram reads an el_program value; blank is NoProgram.
func ParseProgram(s string) (Program, error) { return programEnum.Parse(s) }

func (p Program) String() string { return programEnum.String(p) }

// EndStatus is how a student's enrollment in a year ended.
type EndStatus uint8

// The end statuses; a blank end_status is Enrolled.
const (
	Enrolled EndStatus = iota
	Graduated
	DroppedOut
	TransferredOut
)

var endStatusEnum = enum[EndStatus]{
	names:   []string{"Enrolled", "Graduated", "DroppedOut", "TransferredOut"},
	aliases: map[string]EndStatus{"": Enrolled},
	reason:  "is not an end status (Enrolled, Graduated, DroppedOut, TransferredOut or blank)",
}

// ParseEndStatus reads an end_status value; blank is Enrolled.
func ParseEndStatus(s string) (EndStatus, error) { return endStatusEnum.Parse(s) }

func (e EndStatus) String() string { return endStatusEnum.String(e) }

// Level is an ACCESS proficiency level in tenths: 42 is level 4.2. Zero means no value.
type Level int16

// ParseLevel reads a proficiency level from minLevel to maxLevel tenths (10-60 for a result,
// 10-42 for a future target), with at most one decimal.
func ParseLevel(s string, minLevel, maxLevel Level) (Level, error) {
	// The forms are d, dd, d.d and dd.d.
	units, tenths := s, 0
	if n := len(s); n >= 3 && s[n-2] == '.' && isDigit(s[n-1]) {
		units, tenths = s[:n-2], int(s[n-1]-'0')
	}
	n, ok := whole(units)
	l := Level(n*10 + tenths)
	if !ok || len(units) > 2 || l < minLevel || l > maxLevel {
		w, frac, dot := strings.Cut(s, ".")
		if n, ok := whole(w); dot && len(frac) > 1 && len(w) <= 2 && ok && strings.Trim(frac, "0123456789") == "" {
			if l := Level(n*10 + int(frac[0]-'0')); l >= minLevel && l <= maxLevel {
				// 4.20 or 4.25: a spreadsheet's format, or a value that is not a level.
				return 0, fmt.Errorf("%q has more than one decimal: a proficiency level is written with one (%s-%s)", s, minLevel, maxLevel)
			}
		}
		return 0, fmt.Errorf("%q is not a proficiency level (%s-%s)", s, minLevel, maxLevel)
	}
	return l, nil
}

func (l Level) String() string { return fmt.Sprintf("%d.%d", l/10, l%10) }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// whole reads a number of one to nine decimal digits (no sign).
func whole(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// ParseWhole reads a whole number from lo to hi in decimal ("010" is ten, not octal eight).
func ParseWhole(s string, lo, hi int) (int, error) {
	n, ok := whole(s)
	if !ok {
		return 0, fmt.Errorf("%q is not a whole number (%d-%d)", s, lo, hi)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("%q is out of range (%d-%d)", s, lo, hi)
	}
	return n, nil
}

// ParseYear reads a spring school year such as 2025 (for 2024-25).
func ParseYear(s string) (int, error) {
	n, err := ParseWhole(s, 1990, 2100)
	if err != nil {
		return 0, fmt.Errorf("%q is not a school year (spring year, e.g. 2025)", s)
	}
	return n, nil
}

// Test is the ACCESS test a result comes from.
type Test uint8

// The ACCESS tests; a blank test is ACCESS.
const (
	ACCESS Test = iota
	AltACCESS
)

var testEnum = enum[Test]{
	names:   []string{"ACCESS", "ALT"},
	aliases: map[string]Test{"": ACCESS},
	reason:  "is not a test (ACCESS, ALT)",
}

// ParseTest reads a test value (case-insensitive); blank is ACCESS.
func ParseTest(s string) (Test, error) { return testEnum.Parse(s) }

func (t Test) String() string {
	if t != AltACCESS {
		t = ACCESS // any value but AltACCESS prints as ACCESS, as it always has
	}
	return testEnum.String(t)
}

// AltLevel is an Alternate ACCESS overall proficiency level: P1, P2, P3 (pre-emerging) and A1,
// A2, A3 (emerging to reaching the Alternate ACCESS range); NoAltLevel is blank.
type AltLevel uint8

// The Alternate ACCESS levels, lowest first.
const (
	NoAltLevel AltLevel = iota
	AltP1
	AltP2
	AltP3
	AltA1
	AltA2
	AltA3
)

var altLevelEnum = enum[AltLevel]{
	names:  []string{"", "P1", "P2", "P3", "A1", "A2", "A3"},
	reason: "is not an Alternate ACCESS level (P1, P2, P3, A1, A2, A3)",
}

// ParseAltLevel reads an Alternate ACCESS level (case-insensitive); blank is NoAltLevel.
func ParseAltLevel(s string) (AltLevel, error) { return altLevelEnum.Parse(s) }

func (l AltLevel) String() string { return altLevelEnum.String(l) }

// TestStatus says whether a student took the test: DESE's files list every EL, with those
// who did not test (absent, exempt, ...) marked so.
type TestStatus uint8

// The test statuses; a blank status is Tested.
const (
	Tested TestStatus = iota
	NotTested
)

var testStatusEnum = enum[TestStatus]{
	names:   []string{"Tested", "NotTested"},
	aliases: map[string]TestStatus{"": Tested},
	reason:  "is not a test status (Tested, NotTested)",
}

// ParseTestStatus reads a test_status value (case-insensitive); blank is Tested.
func ParseTestStatus(s string) (TestStatus, error) { return testStatusEnum.Parse(s) }

func (t TestStatus) String() string { return testStatusEnum.String(t) }

// Progress is the progress indicator: whether a student met last year's future target.
type Progress uint8

// The progress values; NoIndicator stands for a blank (no indicator that year).
const (
	NoIndicator Progress = iota
	ProgressYes
	ProgressNo
)

var progressEnum = enum[Progress]{
	names:  []string{"", "Yes", "No"},
	reason: "is not a progress indicator (Yes, No or blank)",
}

// ParseProgress reads a progress value: Yes, No or blank.
func ParseProgress(s string) (Progress, error) { return progressEnum.Parse(s) }

func (p Progress) String() string { return progressEnum.String(p) }

// Risk is an EWIS risk level.
type Risk uint8

// The EWIS risk levels.
const (
	RiskLow Risk = iota
	RiskModerate
	RiskHigh
)

// Risks lists every risk level in display order.
var Risks = [...]Risk{RiskLow, RiskModerate, RiskHigh}

var riskEnum = enum[Risk]{
	names:  []string{"Low", "Moderate", "High"},
	reason: "is not a risk level (Low, Moderate, High)",
}

// ParseRisk reads a risk_level value.
func ParseRisk(s string) (Risk, error) { return riskEnum.Parse(s) }

func (r Risk) String() string { return riskEnum.String(r) }

// Subject is an MCAS subject.
type Subject uint8

// The MCAS subjects.
const (
	ELA Subject = iota
	Math
	Science
)

// Subjects lists every subject in display order.
var Subjects = [...]Subject{ELA, Math, Science}

var subjectEnum = enum[Subject]{
	names:  []string{"ELA", "Math", "Science"},
	reason: "is not a subject (ELA, Math, Science)",
}

// ParseSubject reads a subject value.
func ParseSubject(s string) (Subject, error) { return subjectEnum.Parse(s) }

func (s Subject) String() string { return subjectEnum.String(s) }

// Achievement is an MCAS achievement level.
type Achievement uint8

// The MCAS achievement levels, highest first.
const (
	Exceeding Achievement = iota
	Meeting
	PartiallyMeeting
	NotMeeting
)

var achievementEnum = enum[Achievement]{
	names:  []string{"Exceeding", "Meeting", "PartiallyMeeting", "NotMeeting"},
	reason: "is not an achievement level (Exceeding, Meeting, PartiallyMeeting, NotMeeting)",
}

// ParseAchievement reads an achievement_level value.
func ParseAchievement(s string) (Achievement, error) { return achievementEnum.Parse(s) }

func (a Achievement) String() string { return achievementEnum.String(a) }

// MeetingOrExceeding reports whether the level counts as meeting expectations.
func (a Achievement) MeetingOrExceeding() bool { return a == Exceeding || a == Meeting }

// Outcome is a cohort member's four-year outcome.
type Outcome uint8

// The cohort outcomes.
const (
	OutcomeGraduated Outcome = iota
	StillEnrolled
	NonGradCompleter
	HiSET
	OutcomeDroppedOut
	PermanentlyExcluded
)

var outcomeEnum = enum[Outcome]{
	names:  []string{"Graduated", "StillEnrolled", "NonGradCompleter", "HiSET", "DroppedOut", "PermanentlyExcluded"},
	reason: "is not a cohort outcome (Graduated, StillEnrolled, NonGradCompleter, HiSET, DroppedOut, PermanentlyExcluded)",
}

// ParseOutcome reads an outcome value.
func ParseOutcome(s string) (Outcome, error) { return outcomeEnum.Parse(s) }

func (o Outcome) String() string { return outcomeEnum.String(o) }

// Plan is a graduate's stated plan after high school.
type Plan uint8

// The plan categories of the Plans of High School Graduates report.
const (
	FourYearPrivate Plan = iota
	FourYearPublic
	TwoYearPrivate
	TwoYearPublic
	OtherPostSecondary
	Apprenticeship
	Work
	Military
	OtherPlan
	UnknownPlan
)

// Plans lists every plan category in display order.
var Plans = [...]Plan{FourYearPrivate, FourYearPublic, TwoYearPrivate, TwoYearPublic, OtherPostSecondary, Apprenticeship, Work, Military, OtherPlan, UnknownPlan}

// planEnum accepts, besides the category names, the labels of DESE's Plans of High School
// Graduates report, in any case and with any spacing and punctuation ("4-Year Private College",
// "4 Year Private College", "Other Post Secondary").
var planEnum = enum[Plan]{
	names:   []string{"FourYearPrivate", "FourYearPublic", "TwoYearPrivate", "TwoYearPublic", "OtherPostSecondary", "Apprenticeship", "Work", "Military", "Other", "Unknown"},
	aliases: planLabels,
	key:     labelKey,
	reason:  "is not a plan (FourYearPrivate, FourYearPublic, TwoYearPrivate, TwoYearPublic, OtherPostSecondary, Apprenticeship, Work, Military, Other, Unknown, or the report's labels)",
}

// labelKey is the key of a label: lower case, each run of characters other than letters and
// digits one space ("4-Year  Private" and "4 year private" are "4 year private").
func labelKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// planLabels are the labels of DESE's Plans of High School Graduates report and the spellings
// districts use for them, accepted as input (keyed by labelKey).
var planLabels = map[string]Plan{
	"4 year private college":    FourYearPrivate,
	"4 year public college":     FourYearPublic,
	"2 year private college":    TwoYearPrivate,
	"2 year public college":     TwoYearPublic,
	"other post secondary":      OtherPostSecondary,
	"other postsecondary":       OtherPostSecondary,
	"apprenticeship":            Apprenticeship,
	"work":                      Work,
	"military":                  Military,
	"other":                     OtherPlan,
	"unknown":                   UnknownPlan,
	"4 year private":            FourYearPrivate,
	"4 year public":             FourYearPublic,
	"2 year private":            TwoYearPrivate,
	"2 year public":             TwoYearPublic,
	"four year private college": FourYearPrivate,
	"four year public college":  FourYearPublic,
	"two year private college":  TwoYearPrivate,
	"two year public college":   TwoYearPublic,
}

// ParsePlan reads a plan value: a category name or the report's own label.
func ParsePlan(s string) (Plan, error) { return planEnum.Parse(s) }

func (p Plan) String() string { return planEnum.String(p) }

// AnyCollege reports whether the plan is a two- or four-year college.
func (p Plan) AnyCollege() bool { return p <= TwoYearPublic }

// FourYearCollege reports whether the plan is a four-year college.
func (p Plan) FourYearCollege() bool { return p == FourYearPrivate || p == FourYearPublic }

// School is a row of schools.csv.
type School struct {
	DistrictCode, DistrictName string
	SchoolCode, SchoolName     string
	GradeSpan, Level           string // optional; blank when absent
}

// Student is a row of students.csv: a student enrolled in a school in a school year.
type Student struct {
	Year         int
	SchoolCode   string
	Grade        Grade
	Status       ELStatus
	HomeLanguage string // as written; blank when absent
	Program      Program
	EndStatus    EndStatus
}

// Access is a row of access.csv, joined with the student's program that year: an EL's ACCESS
// result, or the row of a student who did not test (NotTested; the loader also counts these
// in FileReport.Unused). Overall is zero for an Alternate ACCESS result reported only as an
// AltLevel, and for a student who did not test. Domain levels, FutureTarget,
// Difficulty and SGPA are zero when blank.
type Access struct {
	Year                                  int
	SchoolCode                            string
	Grade                                 Grade
	Overall                               Level
	Test                                  Test
	Alt                                   AltLevel
	Listening, Speaking, Reading, Writing Level
	Literacy                              Level
	// MetExit is DESE's RE2 (met the exit criteria: overall 4.2 and literacy 3.9), Yes or
	// No; NoIndicator when the file does not say.
	MetExit Progress
	// Exited is DESE's RE3 (exited EL status after meeting the exit criteria), Yes or No, and
	// NotProficientSixYears its RE5 (did not attain English proficiency within six years of
	// first being classified an EL), Yes or No; NoIndicator when the file does not say.
	Exited, NotProficientSixYears Progress
	FutureTarget                  Level
	Difficulty                    int // 1-99, 0 = blank
	SGPA                          int // 1-99, 0 = blank
	Progress                      Progress
	YearsInProgram                int     // 1 or more, 0 = blank
	Program                       Program // joined from students.csv
	// NotTested marks the row of a student who did not test (test_status): it counts only in
	// the ELs expected to test (participation_rate's denominator).
	NotTested bool
}

// EWIS is a row of ewis.csv, joined with the student's EL status that year.
type EWIS struct {
	Year       int
	SchoolCode string
	Grade      Grade
	Risk       Risk
	Status     ELStatus
}

// Course is a row of courses.csv (a grade-9 student's course results), joined with EL status.
type Course struct {
	Year          int
	SchoolCode    string
	Taken, Passed int
	Status        ELStatus
}

// MCAS is a row of mcas.csv, joined with the student's EL status that year.
type MCAS struct {
	Year        int
	SchoolCode  string
	Grade       Grade
	Subject     Subject
	Achievement Achievement
	Status      ELStatus
}

// Cohort is a row of cohort.csv. Status is the reporting group: EL when el_in_cohort is Yes;
// otherwise FormerEL when students.csv ever records the student as EL or FormerEL, else NonEL.
type Cohort struct {
	CohortYear int
	SchoolCode string
	ELInCohort bool
	Outcome    Outcome
	Status     ELStatus
}

// PlanRow is a row of plans.csv, joined with the graduate's EL status that year.
type PlanRow struct {
	Year       int
	SchoolCode string
	Plan       Plan
	Status     ELStatus
}
