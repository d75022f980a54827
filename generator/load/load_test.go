package load

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
	"elreport/generator/record"
)

// The base fixture: two schools and the students the other files refer to.
const (
	schoolsCSV = `district_code,district_name,school_code,school_name,grade_span,level
0001,Springfield,00010005,Lincoln Elementary,K-5,Elementary
0001,Springfield,00010505,Springfield High,9-12,High
`
	studentsCSV = `year,student_id,school_code,grade,el_status,home_language,el_program,end_status
2024,S4,00010505,8,EL,Arabic,TBE,
2024,S6,00010505,11,FormerEL,Spanish,,
2025,S1,00010005,3,EL,Spanish,SEI,
2025,S2,00010005,4,FormerEL,Portuguese,,
2025,S3,00010505,9,NonEL,English,,
2025,S4,00010505,9,EL,Arabic,TBE,
2025,S5,00010505,12,NonEL,,,Graduated
2025,S6,00010505,12,NonEL,Spanish,,Graduated
`
	accessHeader  = "year,student_id,school_code,grade,overall_level,test,listening,speaking,reading,writing,future_target,difficulty_index,sgpa,progress,years_in_program"
	ewisHeader    = "year,student_id,school_code,grade,risk_level"
	coursesHeader = "year,student_id,school_code,courses_taken,courses_passed"
	mcasHeader    = "year,student_id,school_code,grade,subject,achievement_level"
	cohortHeader  = "cohort_year,student_id,school_code,el_in_cohort,outcome"
	plansHeader   = "year,student_id,school_code,plan"
)

// csvFile joins a header and rows into a file, one line each.
func csvFile(header string, rows ...string) string {
	return header + "\n" + strings.Join(rows, "\n") + "\n"
}

// inputs returns a MapFS holding the base fixture and files (input name -> content), under
// data/ as the default config expects.
func inputs(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"data/schools.csv":  {Data: []byte(schoolsCSV)},
		"data/students.csv": {Data: []byte(studentsCSV)},
	}
	for name, content := range files {
		fsys["data/"+name+".csv"] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

func defaultConfig() *config.Config {
	cfg := config.Defaults()
	return &cfg
}

// collector is a Sink that keeps every row.
type collector struct {
	schools  []record.School
	students []record.Student
	access   []record.Access
	ewis     []record.EWIS
	courses  []record.Course
	mcas     []record.MCAS
	cohort   []record.Cohort
	plans    []record.PlanRow
}

func (c *collector) School(r record.School)   { c.schools = append(c.schools, r) }
func (c *collector) Student(r record.Student) { c.students = append(c.students, r) }
func (c *collector) Access(r record.Access)   { c.access = append(c.access, r) }
func (c *collector) EWIS(r record.EWIS)       { c.ewis = append(c.ewis, r) }
func (c *collector) Course(r record.Course)   { c.courses = append(c.courses, r) }
func (c *collector) MCAS(r record.MCAS)       { c.mcas = append(c.mcas, r) }
func (c *collector) Cohort(r record.Cohort)   { c.cohort = append(c.cohort, r) }
func (c *collector) Plan(r record.PlanRow)    { c.plans = append(c.plans, r) }

// run loads fsys with cfg, fails the test on a load error, and checks the ledger's invariants.
func run(t *testing.T, fsys fstest.MapFS, cfg *config.Config) (*Report, *collector) {
	t.Helper()
	var c collector
	report, err := Load(context.Background(), fsys, cfg, &c)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	checkLedger(t, report)
	return report, &c
}

// checkLedger checks what must hold of every report: Read == Accepted + Rejected, a rejected
// row has a reason, errors are bounded and in line order.
func checkLedger(t *testing.T, report *Report) {
	t.Helper()
	if got, want := len(report.Files), len(config.Inputs); got != want {
		t.Fatalf("got %d file reports, want %d", got, want)
	}
	for i, f := range report.Files {
		if f.Input != config.Inputs[i] {
			t.Errorf("file %d is %q, want %q", i, f.Input, config.Inputs[i])
		}
		if f.Read != f.Accepted+f.Rejected {
			t.Errorf("%s: Read %d != Accepted %d + Rejected %d", f.Path, f.Read, f.Accepted, f.Rejected)
		}
		if f.Err != nil && (f.Read != 0 || f.Accepted != 0) {
			t.Errorf("%s: file error %v, but Read %d, Accepted %d", f.Path, f.Err, f.Read, f.Accepted)
		}
		if len(f.Errors) > maxRowErrors {
			t.Errorf("%s: %d errors kept, want at most %d", f.Path, len(f.Errors), maxRowErrors)
		}
		if f.MoreErrors > 0 && len(f.Errors) != maxRowErrors {
			t.Errorf("%s: MoreErrors %d with only %d errors kept", f.Path, f.MoreErrors, len(f.Errors))
		}
		if f.Rejected > 0 && (len(f.Errors) == 0 || len(f.Reasons) == 0) {
			t.Errorf("%s: %d rows rejected without errors or reasons", f.Path, f.Rejected)
		}
		reasonRows := 0
		for _, r := range f.Reasons {
			reasonRows += r.Rows
		}
		if reasonRows < f.Rejected {
			t.Errorf("%s: reasons count %d rows, want at least Rejected %d", f.Path, reasonRows, f.Rejected)
		}
		for j := 1; j < len(f.Errors); j++ {
			if f.Errors[j].Line < f.Errors[j-1].Line {
				t.Errorf("%s: errors out of line order: %v before %v", f.Path, f.Errors[j-1], f.Errors[j])
			}
		}
		accepted := 0
		for _, c := range f.Counts {
			accepted += c.Rows
		}
		if f.Input != "schools" && accepted+f.Uncounted != f.Accepted {
			t.Errorf("%s: counts add up to %d (and %d uncounted), want Accepted %d", f.Path, accepted, f.Uncounted, f.Accepted)
		}
	}
}

func errorStrings(f FileReport) []string {
	var s []string
	for _, e := range f.Errors {
		s = append(s, e.Error())
	}
	return s
}

func fileReport(t *testing.T, report *Report, input string) FileReport {
	t.Helper()
	for _, f := range report.Files {
		if f.Input == input {
			return f
		}
	}
	t.Fatalf("no report for %s", input)
	return FileReport{}
}

func TestValidInputsJoined(t *testing.T) {
	fsys := inputs(map[string]string{
		"access": csvFile(accessHeader,
			"2025,S1,00010005,3,3.4,ACCESS,3.0,3.5,3.1,3.2,3.9,55,48,Yes,2",
			"2025,S4,00010505,09,4.2,alt,,,,,,,,,",
			"2024,S4,00010505,8,2.0,,,,,,2.5,70,,No,1"),
		"ewis":    csvFile(ewisHeader, "2025,S1,00010005,3,High", "2025,S3,00010505,9,low"),
		"courses": csvFile(coursesHeader, "2025,S3,00010505,6,6", "2025,S4,00010505,6,5"),
		"mcas": csvFile(mcasHeader,
			"2025,S1,00010005,3,ELA,PartiallyMeeting", "2025,S1,00010005,3,Math,Meeting",
			"2025,S2,00010005,4,ELA,Exceeding"),
		"cohort": csvFile(cohortHeader,
			"2025,S5,00010505,No,Graduated", "2025,S6,00010505,No,Graduated",
			"2026,S4,00010505,Yes,StillEnrolled"),
		"plans": csvFile(plansHeader, "2025,S5,00010505,4-Year Public College", "2025,S6,00010505,Work"),
	})
	report, c := run(t, fsys, defaultConfig())
	if err := report.Err(); err != nil {
		t.Fatalf("Err: %v", err)
	}
	for _, f := range report.Files {
		if f.Rejected != 0 || f.Err != nil || f.Missing {
			t.Errorf("%s: rejected %d, err %v, missing %v: %q", f.Path, f.Rejected, f.Err, f.Missing, errorStrings(f))
		}
	}
	want := &collector{
		schools: []record.School{
			{DistrictCode: "0001", DistrictName: "Springfield", SchoolCode: "00010005", SchoolName: "Lincoln Elementary", GradeSpan: "K-5", Level: "Elementary"},
			{DistrictCode: "0001", DistrictName: "Springfield", SchoolCode: "00010505", SchoolName: "Springfield High", GradeSpan: "9-12", Level: "High"},
		},
		students: []record.Student{
			{Year: 2024, SchoolCode: "00010505", Grade: 8, Status: record.EL, HomeLanguage: "Arabic", Program: record.TBE},
			{Year: 2024, SchoolCode: "00010505", Grade: 11, Status: record.FormerEL, HomeLanguage: "Spanish"},
			{Year: 2025, SchoolCode: "00010005", Grade: 3, Status: record.EL, HomeLanguage: "Spanish", Program: record.SEI},
			{Year: 2025, SchoolCode: "00010005", Grade: 4, Status: record.FormerEL, HomeLanguage: "Portuguese"},
			{Year: 2025, SchoolCode: "00010505", Grade: 9, Status: record.NonEL, HomeLanguage: "English"},
			{Year: 2025, SchoolCode: "00010505", Grade: 9, Status: record.EL, HomeLanguage: "Arabic", Program: record.TBE},
			{Year: 2025, SchoolCode: "00010505", Grade: 12, Status: record.NonEL, EndStatus: record.Graduated},
			{Year: 2025, SchoolCode: "00010505", Grade: 12, Status: record.NonEL, HomeLanguage: "Spanish", EndStatus: record.Graduated},
		},
		access: []record.Access{
			{Year: 2025, SchoolCode: "00010005", Grade: 3, Overall: 34, Listening: 30, Speaking: 35, Reading: 31, Writing: 32,
				FutureTarget: 39, Difficulty: 55, SGPA: 48, Progress: record.ProgressYes, YearsInProgram: 2, Program: record.SEI},
			{Year: 2025, SchoolCode: "00010505", Grade: 9, Overall: 42, Test: record.AltACCESS, Program: record.TBE},
			{Year: 2024, SchoolCode: "00010505", Grade: 8, Overall: 20, FutureTarget: 25, Difficulty: 70, Progress: record.ProgressNo, YearsInProgram: 1, Program: record.TBE},
		},
		ewis: []record.EWIS{
			{Year: 2025, SchoolCode: "00010005", Grade: 3, Risk: record.RiskHigh, Status: record.EL},
			{Year: 2025, SchoolCode: "00010505", Grade: 9, Risk: record.RiskLow, Status: record.NonEL},
		},
		courses: []record.Course{
			{Year: 2025, SchoolCode: "00010505", Taken: 6, Passed: 6, Status: record.NonEL},
			{Year: 2025, SchoolCode: "00010505", Taken: 6, Passed: 5, Status: record.EL},
		},
		mcas: []record.MCAS{
			{Year: 2025, SchoolCode: "00010005", Grade: 3, Subject: record.ELA, Achievement: record.PartiallyMeeting, Status: record.EL},
			{Year: 2025, SchoolCode: "00010005", Grade: 3, Subject: record.Math, Achievement: record.Meeting, Status: record.EL},
			{Year: 2025, SchoolCode: "00010005", Grade: 4, Subject: record.ELA, Achievement: record.Exceeding, Status: record.FormerEL},
		},
		cohort: []record.Cohort{
			{CohortYear: 2025, SchoolCode: "00010505", Outcome: record.OutcomeGraduated, Status: record.NonEL},
			{CohortYear: 2025, SchoolCode: "00010505", Outcome: record.OutcomeGraduated, Status: record.FormerEL},
			{CohortYear: 2026, SchoolCode: "00010505", ELInCohort: true, Outcome: record.StillEnrolled, Status: record.EL},
		},
		plans: []record.PlanRow{
			{Year: 2025, SchoolCode: "00010505", Plan: record.FourYearPublic, Status: record.NonEL},
			{Year: 2025, SchoolCode: "00010505", Plan: record.Work, Status: record.NonEL},
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("rows:\ngot  %+v\nwant %+v", c, want)
	}
	wantCounts := []SchoolYearCount{{"00010005", 2025, 2}, {"00010505", 2024, 2}, {"00010505", 2025, 4}}
	if got := fileReport(t, report, "students").Counts; !reflect.DeepEqual(got, wantCounts) {
		t.Errorf("students counts: got %v, want %v", got, wantCounts)
	}
}

// TestBadInput covers each class of bad input: one file of the base fixture replaced or
// added, and the exact errors and counts of that file.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		input string // the file the case is about
		files map[string]string
		want  []string
		// read and rejected rows of the input; read defaults to 1, rejected to len(want)
		read, rejected int
		cfg            func(*config.Config)
	}{
		// A bad value in every domain.
		{name: "year", input: "access",
			files: map[string]string{"access": csvFile(accessHeader, "20x5,S1,00010005,3,3.4,,,,,,,,,,")},
			want:  []string{`data/access.csv:2: column "year": "20x5" is not a school year (spring year, e.g. 2025)`}},
		{name: "cohort_year", input: "cohort",
			files: map[string]string{"cohort": csvFile(cohortHeader, "25,S5,00010505,No,Graduated")},
			want:  []string{`data/cohort.csv:2: column "cohort_year": "25" is not a school year (spring year, e.g. 2025)`}},
		{name: "grade", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,00010005,13,High")},
			want:  []string{`data/ewis.csv:2: column "grade": "13" is not a grade (PK, K, 1-12, SP)`}},
		{name: "el_status", input: "students",
			files: map[string]string{"students": csvFile(strings.Split(studentsCSV, "\n")[0], "2025,S1,00010005,3,ELL,,,")},
			want:  []string{`data/students.csv:2: column "el_status": "ELL" is not an EL status (EL, FormerEL, NonEL)`}},
		{name: "el_in_cohort", input: "cohort",
			files: map[string]string{"cohort": csvFile(cohortHeader, "2025,S5,00010505,Maybe,Graduated")},
			want:  []string{`data/cohort.csv:2: column "el_in_cohort": "Maybe" is not Yes or No`}},
		{name: "el_program", input: "students",
			files: map[string]string{"students": csvFile(strings.Split(studentsCSV, "\n")[0], "2025,S1,00010005,3,EL,,ESL,")},
			want:  []string{`data/students.csv:2: column "el_program": "ESL" is not an EL program (SEI, TBE, DualLanguage, Other or blank)`}},
		{name: "end_status", input: "students",
			files: map[string]string{"students": csvFile(strings.Split(studentsCSV, "\n")[0], "2025,S1,00010005,3,EL,,,Left")},
			want:  []string{`data/students.csv:2: column "end_status": "Left" is not an end status (Enrolled, Graduated, DroppedOut, TransferredOut or blank)`}},
		{name: "levels", input: "access",
			files: map[string]string{"access": csvFile(accessHeader, "2025,S1,00010005,3,7.4,,3.45,0.9,6,,4.5,,,,")},
			want: []string{
				`data/access.csv:2: column "overall_level": "7.4" is not a proficiency level (1.0-6.0)`,
				`data/access.csv:2: column "listening": "3.45" has more than one decimal: a proficiency level is written with one (1.0-6.0)`,
				`data/access.csv:2: column "speaking": "0.9" is not a proficiency level (1.0-6.0)`,
				`data/access.csv:2: column "future_target": "4.5" is not a proficiency level (1.0-4.2)`,
			}, rejected: 1},
		{name: "difficulty and sgpa", input: "access",
			files: map[string]string{"access": csvFile(accessHeader, "2025,S1,00010005,3,3.4,,,,,,,0,4x,,")},
			want: []string{
				`data/access.csv:2: column "difficulty_index": "0" is out of range (1-99)`,
				`data/access.csv:2: column "sgpa": "4x" is not a whole number (1-99)`,
			}, rejected: 1},
		{name: "test, progress, years_in_program", input: "access",
			files: map[string]string{"access": csvFile(accessHeader, "2025,S1,00010005,3,3.4,WIDA,,,,,,,,Maybe,0")},
			want: []string{
				`data/access.csv:2: column "test": "WIDA" is not a test (ACCESS, ALT)`,
				`data/access.csv:2: column "progress": "Maybe" is not a progress indicator (Yes, No or blank)`,
				`data/access.csv:2: column "years_in_program": "0" is out of range (1-30)`,
			}, rejected: 1},
		{name: "risk_level", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,00010005,3,Severe")},
			want:  []string{`data/ewis.csv:2: column "risk_level": "Severe" is not a risk level (Low, Moderate, High)`}},
		{name: "courses", input: "courses",
			files: map[string]string{"courses": csvFile(coursesHeader, "2025,S3,00010505,4,5", "2025,S4,00010505,-1,0")},
			want: []string{
				`data/courses.csv:2: column "courses_passed": "5" is more than courses_taken`,
				`data/courses.csv:3: column "courses_taken": "-1" is not a whole number (0-99)`,
			}, read: 2},
		{name: "subject and achievement_level", input: "mcas",
			files: map[string]string{"mcas": csvFile(mcasHeader, "2025,S1,00010005,3,History,Good")},
			want: []string{
				`data/mcas.csv:2: column "subject": "History" is not a subject (ELA, Math, Science)`,
				`data/mcas.csv:2: column "achievement_level": "Good" is not an achievement level (Exceeding, Meeting, PartiallyMeeting, NotMeeting)`,
			}, rejected: 1},
		{name: "outcome", input: "cohort",
			files: map[string]string{"cohort": csvFile(cohortHeader, "2025,S5,00010505,No,Left")},
			want:  []string{`data/cohort.csv:2: column "outcome": "Left" is not a cohort outcome (Graduated, StillEnrolled, NonGradCompleter, HiSET, DroppedOut, PermanentlyExcluded)`}},
		{name: "plan", input: "plans",
			files: map[string]string{"plans": csvFile(plansHeader, "2025,S5,00010505,College")},
			want:  []string{`data/plans.csv:2: column "plan": "College" is not a plan (FourYearPrivate, FourYearPublic, TwoYearPrivate, TwoYearPublic, OtherPostSecondary, Apprenticeship, Work, Military, Other, Unknown, or the report's labels)`}},
		{name: "required blank", input: "schools",
			files: map[string]string{"schools": csvFile("district_code,district_name,school_code,school_name", "0001,Springfield,00010005,  ")},
			want:  []string{`data/schools.csv:2: column "school_name": "" is missing; the column requires a value`}},

		// Integrity rules.
		{name: "duplicate school", input: "schools",
			files: map[string]string{"schools": schoolsCSV + "0001,Springfield,00010005,Lincoln Again,,\n"},
			want:  []string{`data/schools.csv:4: column "school_code": "00010005" is listed more than once`}, read: 3},
		{name: "duplicate student-year", input: "students",
			files: map[string]string{"students": studentsCSV + "2025,S1,00010505,3,EL,,,\n"},
			want:  []string{`data/students.csv:10: column "student_id": "S1" is listed more than once for the same year`}, read: 9},
		{name: "unknown school", input: "students",
			files: map[string]string{"students": studentsCSV + "2025,S9,99999999,3,EL,,,\n"},
			want:  []string{`data/students.csv:10: column "school_code": "99999999" is not in schools.csv`}, read: 9},
		{name: "unknown student", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S9,00010005,3,Low", "2023,S1,00010005,1,Low")},
			want: []string{
				`data/ewis.csv:2: column "student_id": "S9" has no row in students.csv for that year`,
				`data/ewis.csv:3: column "student_id": "S1" has no row in students.csv for that year`,
			}, read: 2},
		{name: "duplicate student-year in ewis", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,00010005,3,Low", "2025,S1,00010005,3,High")},
			want:  []string{`data/ewis.csv:3: column "student_id": "S1" is listed more than once for the same year`}, read: 2},
		{name: "duplicate subject in mcas", input: "mcas",
			files: map[string]string{"mcas": csvFile(mcasHeader,
				"2025,S1,00010005,3,ELA,Meeting", "2025,S1,00010005,3,Math,Meeting", "2025,S1,00010005,3,ela,Exceeding")},
			want: []string{`data/mcas.csv:4: column "student_id": "S1" is listed more than once for the same year and subject`}, read: 3},
		{name: "access for a non-EL", input: "access",
			files: map[string]string{"access": csvFile(accessHeader, "2025,S2,00010005,4,4.5,,,,,,,,,,", "2025,S3,00010505,9,4.5,,,,,,,,,,")},
			want: []string{
				`data/access.csv:2: column "student_id": "S2" is FormerEL, not EL, in students.csv that year`,
				`data/access.csv:3: column "student_id": "S3" is NonEL, not EL, in students.csv that year`,
			}, read: 2},
		{name: "courses for a student not in grade 9", input: "courses",
			files: map[string]string{"courses": csvFile(coursesHeader, "2025,S5,00010505,6,6")},
			want:  []string{`data/courses.csv:2: column "student_id": "S5" is in grade 12, not 9, in students.csv that year`}},
		{name: "cohort duplicates, known and not in students.csv", input: "cohort",
			files: map[string]string{"cohort": csvFile(cohortHeader,
				"2025,S9,00010505,No,DroppedOut", "2025,S5,00010505,No,Graduated", "2025,S5,00010505,No,Graduated",
				"2026,S5,00010505,No,Graduated", "2025,S9,00010505,Yes,DroppedOut", "2024,S9,00010505,No,DroppedOut")},
			want: []string{
				`data/cohort.csv:4: column "student_id": "S5" is listed more than once for the same cohort_year`,
				`data/cohort.csv:6: column "student_id": "S9" is listed more than once for the same cohort_year`,
			}, read: 6},
		{name: "rows of a rejected student-year", input: "ewis",
			files: map[string]string{
				"students": studentsCSV + "2023,S1,00010005,22,EL,,,\n",
				"ewis":     csvFile(ewisHeader, "2023,S1,00010005,2,Low"),
			},
			want: []string{`data/ewis.csv:2: column "student_id": "S1" has a rejected row in students.csv for that year`}},
		{name: "rows of a rejected school", input: "students",
			files: map[string]string{
				"schools":  schoolsCSV + "0001,Springfield,00010099,,,\n",
				"students": studentsCSV + "2025,S9,00010099,3,EL,,,\n",
			},
			want: []string{`data/students.csv:10: column "school_code": "00010099" has a rejected row in schools.csv`}, read: 9},

		// Problems of the file's text.
		{name: "wrong field count", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,00010005,3", "2025,S1,00010005,3,Low,extra")},
			want: []string{
				`data/ewis.csv:2: row has 4 fields, but the header has 5`,
				`data/ewis.csv:3: row has 6 fields, but the header has 5`,
			}, read: 2},
		{name: "invalid UTF-8", input: "schools",
			files: map[string]string{"schools": csvFile("district_code,district_name,school_code,school_name",
				"0001,Springfield,00010005,Lincoln Elementary", "0001,Springfield,00010505,Escola Concei\xe7\xe3o")},
			want: []string{`data/schools.csv:3: column "school_name": "Escola Concei\xe7\xe3o" is not valid UTF-8, but site.toml says the file is UTF-8; if the export is Windows-1252, remove that setting: elreport then detects the encoding of each file`},
			read: 2, cfg: func(c *config.Config) { c.Data.Encoding = config.Encodings{All: "utf-8"} }},
		{name: "invalid UTF-8 after UTF-8", input: "schools",
			files: map[string]string{"schools": csvFile("district_code,district_name,school_code,school_name",
				"0001,Springfield,00010005,Lincoln Elementary", "0001,Springfield,00010504,École Frédérick", "0001,Springfield,00010505,Escola Concei\xe7\xe3o")},
			want: []string{`data/schools.csv:4: column "school_name": "Escola Concei\xe7\xe3o" is not valid UTF-8, though the file's text before it is UTF-8; the file mixes two encodings: save the export again in one`},
			read: 3},
		{name: "invalid UTF-8 after a BOM", input: "schools",
			files: map[string]string{"schools": "\xef\xbb\xbf" + csvFile("district_code,district_name,school_code,school_name",
				"0001,Springfield,00010005,Lincoln Elementary", "0001,Springfield,00010505,Escola Concei\xe7\xe3o")},
			want: []string{`data/schools.csv:3: column "school_name": "Escola Concei\xe7\xe3o" is not valid UTF-8, though the file starts with a UTF-8 byte order mark; save the export again in one encoding`},
			read: 2},
		{name: "invalid UTF-8 in keys", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S\xe71,00010005,3,Low", "2025,S1,0001\xe70005,3,Low")},
			want: []string{
				`data/ewis.csv:2: column "student_id": "S\xe71" is not valid UTF-8, but site.toml says the file is UTF-8; if the export is Windows-1252, remove that setting: elreport then detects the encoding of each file`,
				`data/ewis.csv:3: column "school_code": "0001\xe70005" is not valid UTF-8, but site.toml says the file is UTF-8; if the export is Windows-1252, remove that setting: elreport then detects the encoding of each file`,
			}, read: 2, cfg: func(c *config.Config) { c.Data.Encoding = config.Encodings{All: "utf-8"} }},
		{name: "bare quote", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, `2025,S1,00010005,3,Lo"w`, "2025,S3,00010505,9,Low")},
			want:  []string{`data/ewis.csv:2: row is not valid CSV: bare " in non-quoted-field`}, read: 2},
		{name: "quoted multi-line field then error", input: "schools",
			files: map[string]string{"schools": csvFile("district_code,district_name,school_code,school_name,notes",
				"0001,Springfield,00010005,Lincoln Elementary,\"a note\nof two lines, \"\"quoted\"\"\"", "0001,Springfield,00010505,Springfield High,", "0001,,00010506,Other High,")},
			want: []string{`data/schools.csv:5: column "district_name": "" is missing; the column requires a value`}, read: 3},
		{name: "error after a multi-line field of its row", input: "schools",
			files: map[string]string{"schools": csvFile("district_code,district_name,school_code,school_name",
				"0001,\"Spring\nfield\",00010005,", "0001,Springfield,00010505,Springfield High")},
			want: []string{
				`data/schools.csv:2: column "district_name": "Spring\nfield" has byte 0x0A (a line break) at character 7`,
				`data/schools.csv:3: column "school_name": "" is missing; the column requires a value`,
			}, read: 2, rejected: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			report, _ := run(t, inputs(tt.files), cfg)
			f := fileReport(t, report, tt.input)
			if f.Err != nil {
				t.Fatalf("file error: %v", f.Err)
			}
			if got := errorStrings(f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, tt.want)
			}
			read, rejected := tt.read, tt.rejected
			if read == 0 {
				read = 1
			}
			if rejected == 0 {
				rejected = len(tt.want)
			}
			if f.Read != read || f.Rejected != rejected {
				t.Errorf("read %d, rejected %d; want %d, %d", f.Read, f.Rejected, read, rejected)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		cfg   func(*config.Config)
		input string
		want  string
	}{
		{name: "missing required columns", input: "access",
			files: map[string]string{"access": csvFile("Year,Student_ID,school_code,Level", "2025,S1,00010005,3.4")},
			want: `data/access.csv: missing required columns "grade", "overall_level"; the header has "Year", "Student_ID", "school_code", "Level"
if the file has them under other names, add to site.toml:
  [data.columns.access]
  # grade = "…"  (no header of the file looks like it: which one holds it?)
  overall_level = "Level"`},
		{name: "missing mapped column", input: "access",
			files: map[string]string{"access": csvFile("year,student_id,school_code,grade,overall_level", "2025,S1,00010005,3,3.4")},
			cfg: func(c *config.Config) {
				c.Data.Columns = map[string]map[string]string{"access": {"overall_level": "Overall Proficiency Level"}}
			},
			want: `data/access.csv: missing required column "overall_level" (header "Overall Proficiency Level"); the header has "year", "student_id", "school_code", "grade", "overall_level"
if the file has it under another name, under [data.columns.access] in site.toml, set:
  overall_level = "overall_level"`},
		{name: "duplicate column", input: "ewis",
			files: map[string]string{"ewis": csvFile("year,student_id,school_code,grade,risk_level, Risk_Level ", "2025,S1,00010005,3,Low,Low")},
			want:  `data/ewis.csv: header "Risk_Level" appears twice (fields 5 and 6)`},
		{name: "duplicate after mapping", input: "ewis",
			files: map[string]string{"ewis": csvFile("year,student_id,school_code,grade,risk,Risk", "2025,S1,00010005,3,Low,Low")},
			cfg: func(c *config.Config) {
				c.Data.Columns = map[string]map[string]string{"ewis": {"risk_level": "RISK"}}
			},
			want: `data/ewis.csv: header "Risk" appears twice (fields 5 and 6)`},
		{name: "mapping of an unknown column", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader)},
			cfg: func(c *config.Config) {
				c.Data.Columns = map[string]map[string]string{"ewis": {"risk": "Risk"}}
			},
			want: `data/ewis.csv: site.toml [data.columns.ewis] maps "risk", which is not a column of ewis (year, student_id, school_code, grade, risk_level)`},
		{name: "two columns mapped to one header", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader)},
			cfg: func(c *config.Config) {
				c.Data.Columns = map[string]map[string]string{"ewis": {"grade": "risk_level"}}
			},
			want: `data/ewis.csv: site.toml [data.columns.ewis] gives columns "grade" and "risk_level" the same header "risk_level"`},
		{name: "empty file", input: "plans",
			files: map[string]string{"plans": ""},
			want:  `data/plans.csv: the file is empty (no header row)`},
		{name: "header not CSV", input: "plans",
			files: map[string]string{"plans": "year,\"student_id\"x,school_code,plan\n"},
			want:  `data/plans.csv:1: the header is not valid CSV: extraneous or missing " in quoted-field`},
		{name: "UTF-16", input: "plans",
			files: map[string]string{"plans": "\xff\xfey\x00e\x00a\x00r\x00"},
			want:  `data/plans.csv: the file is UTF-16 text; export it as CSV (UTF-8 or Windows-1252)`},
		{name: "BOM with windows-1252", input: "plans",
			files: map[string]string{"plans": "\xef\xbb\xbf" + csvFile(plansHeader)},
			cfg:   func(c *config.Config) { c.Data.Encoding = config.Encodings{All: "windows-1252"} },
			want:  `data/plans.csv: the file starts with a UTF-8 byte order mark, but site.toml says [data] encoding = "windows-1252"; remove that line: elreport then detects the encoding of each file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			report, c := run(t, inputs(tt.files), cfg)
			f := fileReport(t, report, tt.input)
			if f.Err == nil || f.Err.Error() != tt.want {
				t.Fatalf("file error:\ngot  %v\nwant %s", f.Err, tt.want)
			}
			if len(c.access)+len(c.ewis)+len(c.plans) != 0 {
				t.Errorf("rows of a file with a file error reached the sink")
			}
			if err := report.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Report.Err: got %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestMissingFiles(t *testing.T) {
	t.Run("optional", func(t *testing.T) {
		report, _ := run(t, inputs(nil), defaultConfig())
		for _, f := range report.Files[2:] {
			if !f.Missing || f.Err != nil || f.Read != 0 {
				t.Errorf("%s: Missing %v, Err %v, Read %d; want true, nil, 0", f.Path, f.Missing, f.Err, f.Read)
			}
		}
		if err := report.Err(); err != nil {
			t.Errorf("Err: got %v, want nil", err)
		}
	})
	t.Run("required", func(t *testing.T) {
		fsys := inputs(map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,00010005,3,Low")})
		delete(fsys, "data/students.csv")
		report, c := run(t, fsys, defaultConfig())
		want := []string{
			"",
			"data/students.csv: file not found (the students file is required)",
			"", // missing, and optional
			"data/ewis.csv: header read, but no row checked, because data/students.csv could not be read",
		}
		for i, w := range want {
			f := report.Files[i]
			if got := fmt.Sprint(f.Err); (w == "" && f.Err != nil) || (w != "" && got != w) {
				t.Errorf("%s: got %v, want %q", f.Path, f.Err, w)
			}
		}
		if len(c.schools) != 2 || len(c.ewis) != 0 {
			t.Errorf("got %d schools and %d ewis rows, want 2 and 0", len(c.schools), len(c.ewis))
		}
		if err := report.Err(); err == nil || !strings.Contains(err.Error(), want[1]) {
			t.Errorf("Err: got %v, want it to name %q", err, want[1])
		}
	})
}

func TestEncodingsAndLineEndings(t *testing.T) {
	const header = "district_code,district_name,school_code,school_name"
	tests := []struct {
		name     string
		schools  string
		cfg      func(*config.Config)
		wantName string // the school name read; "Escola Conceição" when blank
	}{
		{name: "BOM", schools: "\xef\xbb\xbf" + header + "\n0001,Springfield,00010005,Escola Conceição\n"},
		{name: "CRLF", schools: header + "\r\n0001,Springfield,00010005,Escola Conceição\r\n\r\n"},
		{name: "windows-1252", schools: header + "\r\n0001,Springfield,00010005,Escola Concei\xe7\xe3o\r\n",
			cfg: func(c *config.Config) { c.Data.Encoding = config.Encodings{All: "windows-1252"} }},
		{name: "quoted and padded", schools: header + "\n 0001 ,\"Springfield, MA\",\" 00010005\",Escola Conceição  \n"},
		{name: "trailing blank lines", schools: header + "\n0001,Springfield,00010005,Escola Conceição\n,,,\n\n  ,  ,,\n\n"},
		{name: "quoted field", schools: header + "\r\n0001,Springfield,00010005,\"Escola \"\"Conceição\"\", Lowell\"\r\n",
			wantName: "Escola \"Conceição\", Lowell"},
		{name: "quoted multi-line field in another column", schools: header + ",notes\r\n0001,Springfield,00010005,Escola Conceição,\"a\r\nnote\"\r\n"},
		{name: "windows-1252 punctuation", schools: header + "\n0001,Springfield,00010005,Escola Concei\xe7\xe3o \x96 St. Mary\x92s\n",
			cfg: func(c *config.Config) { c.Data.Encoding = config.Encodings{All: "windows-1252"} }, wantName: "Escola Conceição – St. Mary’s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			report, c := run(t, inputs(map[string]string{"schools": tt.schools}), cfg)
			f := fileReport(t, report, "schools")
			if f.Err != nil || f.Read != 1 || f.Accepted != 1 {
				t.Fatalf("Err %v, Read %d, Accepted %d, errors %q; want nil, 1, 1", f.Err, f.Read, f.Accepted, errorStrings(f))
			}
			want := cmp.Or(tt.wantName, "Escola Conceição")
			if got := c.schools[0].SchoolName; got != want {
				t.Errorf("school name: got %q, want %q", got, want)
			}
			if got := c.schools[0].SchoolCode; got != "00010005" {
				t.Errorf("school code: got %q, want %q", got, "00010005")
			}
		})
	}
}

func TestColumnMapping(t *testing.T) {
	cfg := defaultConfig()
	cfg.Data.Columns = map[string]map[string]string{
		"access": {"overall_level": "Overall Proficiency Level", "Student_ID": "SASID"},
	}
	fsys := inputs(map[string]string{
		"access": csvFile(" sasid ,Year,School_Code,Grade,OVERALL proficiency LEVEL ,overall_level,Notes",
			"S1,2025,00010005,3,3.4,9.9,anything"),
	})
	report, c := run(t, fsys, cfg)
	if f := fileReport(t, report, "access"); f.Err != nil || f.Accepted != 1 {
		t.Fatalf("Err %v, Accepted %d, errors %q", f.Err, f.Accepted, errorStrings(f))
	}
	want := record.Access{Year: 2025, SchoolCode: "00010005", Grade: 3, Overall: 34, Program: record.SEI}
	if len(c.access) != 1 || c.access[0] != want {
		t.Errorf("got %+v, want [%+v]", c.access, want)
	}
}

// TestLine812 is the example of docs/data-contract.md: a bad level deep in a long file is reported with its
// file, physical line, column and value.
func TestLine812(t *testing.T) {
	var students, access strings.Builder
	students.WriteString(strings.Split(studentsCSV, "\n")[0] + "\n")
	access.WriteString(accessHeader + "\n")
	for i := 2; i <= 900; i++ {
		fmt.Fprintf(&students, "2025,T%d,00010005,3,EL,,,\n", i)
		level := "3.4"
		if i == 812 {
			level = "7.4"
		}
		fmt.Fprintf(&access, "2025,T%d,00010005,3,%s,,,,,,,,,,\n", i, level)
	}
	fsys := inputs(map[string]string{"students": students.String(), "access": access.String()})
	report, c := run(t, fsys, defaultConfig())
	f := fileReport(t, report, "access")
	want := []string{`data/access.csv:812: column "overall_level": "7.4" is not a proficiency level (1.0-6.0)`}
	if got := errorStrings(f); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if f.Read != 899 || f.Accepted != 898 || f.Rejected != 1 || len(c.access) != 898 {
		t.Errorf("read %d, accepted %d, rejected %d, rows %d; want 899, 898, 1, 898", f.Read, f.Accepted, f.Rejected, len(c.access))
	}
	wantReasons := []ReasonCount{{`column "overall_level": is not a proficiency level (1.0-6.0)`, 1}}
	if !reflect.DeepEqual(f.Reasons, wantReasons) {
		t.Errorf("reasons: got %v, want %v", f.Reasons, wantReasons)
	}
}

func TestErrorBound(t *testing.T) {
	var ewis strings.Builder
	ewis.WriteString(ewisHeader + "\n")
	for range 50 {
		ewis.WriteString("x,S1,00010005,3,Low\n")
	}
	ewis.WriteString("2025,S3,00010505,9,Low\n2025,S1,00010005,3,Low\n")
	report, _ := run(t, inputs(map[string]string{"ewis": ewis.String()}), defaultConfig())
	f := fileReport(t, report, "ewis")
	if len(f.Errors) != 20 || f.MoreErrors != 30 {
		t.Errorf("got %d errors and %d more, want 20 and 30", len(f.Errors), f.MoreErrors)
	}
	if f.Errors[0].Line != 2 || f.Errors[19].Line != 21 {
		t.Errorf("errors run from line %d to %d, want 2 to 21", f.Errors[0].Line, f.Errors[19].Line)
	}
	if f.Read != 52 || f.Accepted != 2 || f.Rejected != 50 {
		t.Errorf("read %d, accepted %d, rejected %d; want 52, 2, 50", f.Read, f.Accepted, f.Rejected)
	}
	wantReasons := []ReasonCount{{`column "year": is not a school year (spring year, e.g. 2025)`, 50}}
	if !reflect.DeepEqual(f.Reasons, wantReasons) {
		t.Errorf("reasons: got %v, want %v", f.Reasons, wantReasons)
	}
}

func TestReportErr(t *testing.T) {
	files := map[string]string{"ewis": csvFile(ewisHeader,
		"2025,S1,00010005,3,Severe", "2025,S2,00010005,4,Severe", "2025,S3,00010505,9,Severe")}
	for _, tt := range []struct {
		allow int
		want  string
	}{
		{0, "3 rows rejected, site.toml allows 0"},
		{2, "3 rows rejected, site.toml allows 2"},
		{3, ""},
		{10, ""},
	} {
		cfg := defaultConfig()
		cfg.Data.AllowRejects = tt.allow
		report, _ := run(t, inputs(files), cfg)
		if got := fmt.Sprint(report.Err()); (tt.want == "" && report.Err() != nil) || (tt.want != "" && got != tt.want) {
			t.Errorf("allow_rejects = %d: got %v, want %q", tt.allow, report.Err(), tt.want)
		}
	}
	one := (&Report{Files: []FileReport{{Rejected: 1}}}).Err()
	if got, want := fmt.Sprint(one), "1 row rejected, site.toml allows 0"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, inputs(nil), defaultConfig(), Discard)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestDESEAccess(t *testing.T) {
	cfg := defaultConfig()
	cfg.Data.AccessFormat = "dese"
	const header = "adminyear,SchoolNumber,SASID,grade,yrsinmass,ELP_prog,firstlanguage,overalllevel,ALT,madeprogress_RE1,SGPA," +
		"ProgressTarget2025,DifficultyIndex2025,ProgressTarget2026,DifficultyIndex2026"
	fsys := inputs(map[string]string{"access": csvFile(header,
		"2025,00010005,S1,03,2,SEI,Spanish,3.4,0,1,48,3.0,40,3.9,55",
		"2025,00010505,S4,09,6,TBE,Arabic,4.2,Y,NA,-1,2.0,20,NA,NA",
		"2024,00010505,S4,08,5,TBE,Arabic,2.0,,0,NA,3.0,40,2.5,70",
		"2025,00010505,S4,KG,x,TBE,Arabic,NA,2,5,,,,,",
	)})
	report, c := run(t, fsys, cfg)
	f := fileReport(t, report, "access")
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	wantErrors := []string{
		`data/access.csv:5: column "student_id": "S4" is listed more than once for the same year`,
		`data/access.csv:5: column "test": "2" is not an ALT flag (1/Y, 0/N or blank)`,
		`data/access.csv:5: column "overall_level": "NA" is missing; the column requires a value`,
		`data/access.csv:5: column "progress": "5" is not a progress flag (1, 0, NA or blank)`,
		`data/access.csv:5: column "years_in_program": "x" is not a whole number (1-30)`,
	}
	if got := errorStrings(f); !reflect.DeepEqual(got, wantErrors) {
		t.Errorf("errors:\ngot  %q\nwant %q", got, wantErrors)
	}
	want := []record.Access{
		{Year: 2025, SchoolCode: "00010005", Grade: 3, Overall: 34, FutureTarget: 39, Difficulty: 55, SGPA: 48,
			Progress: record.ProgressYes, YearsInProgram: 2, Program: record.SEI},
		{Year: 2025, SchoolCode: "00010505", Grade: 9, Overall: 42, Test: record.AltACCESS, YearsInProgram: 6, Program: record.TBE},
		{Year: 2024, SchoolCode: "00010505", Grade: 8, Overall: 20, FutureTarget: 30, Difficulty: 40,
			Progress: record.ProgressNo, YearsInProgram: 5, Program: record.TBE},
	}
	if !reflect.DeepEqual(c.access, want) {
		t.Errorf("rows:\ngot  %+v\nwant %+v", c.access, want)
	}
}

// A cohort member who left before the years of students.csv is accepted: its group comes
// from el_in_cohort alone (EL for Yes, NonEL for No, since its EL history is unknown).
func TestCohortMembersNotInStudents(t *testing.T) {
	report, got := run(t, inputs(map[string]string{"cohort": csvFile(cohortHeader,
		"2025,S90,00010505,Yes,DroppedOut",
		"2025,S91,00010505,No,HiSET",
		"2025,S6,00010505,No,Graduated")}), defaultConfig())
	if err := report.Err(); err != nil {
		t.Fatalf("load: %v", err)
	}
	want := []record.Cohort{
		{CohortYear: 2025, SchoolCode: "00010505", ELInCohort: true, Outcome: record.OutcomeDroppedOut, Status: record.EL},
		{CohortYear: 2025, SchoolCode: "00010505", Outcome: record.HiSET, Status: record.NonEL},
		// S6 is in students.csv, FormerEL in 2024: the FormerEL group.
		{CohortYear: 2025, SchoolCode: "00010505", Outcome: record.OutcomeGraduated, Status: record.FormerEL},
	}
	if !slices.Equal(got.cohort, want) {
		t.Errorf("cohort rows:\ngot  %+v\nwant %+v", got.cohort, want)
	}
}

// absentSink is a collector that records what Absent tells it.
type absentSink struct {
	collector
	absent map[string][]string
	years  []int
}

func (s *absentSink) Absent(input string, columns []string, years []int) {
	if s.absent == nil {
		s.absent = make(map[string][]string)
	}
	s.absent[input] = columns
	s.years = append(s.years, years...)
}

// The optional columns a header lacks are reported (FileReport.Absent, Report.Lacks) and told
// to a ColumnSink with the years of the file's rows, so that no figure is made from a column
// that is not there; a missing file lacks every column, a complete header none.
func TestAbsentColumns(t *testing.T) {
	fsys := inputs(map[string]string{
		"access": csvFile("year,student_id,school_code,grade,overall_level,progress", "2025,S1,00010005,3,3.4,Yes"),
		"ewis":   csvFile(ewisHeader, "2025,S1,00010005,3,Low"),
	})
	fsys["data/students.csv"] = &fstest.MapFile{Data: []byte(`year,student_id,school_code,grade,el_status
2025,S1,00010005,3,EL
`)}
	var sink absentSink
	report, err := Load(context.Background(), fsys, defaultConfig(), &sink)
	if err != nil {
		t.Fatal(err)
	}
	checkLedger(t, report)
	wantAbsent := map[string][]string{
		"students": {"home_language", "el_program", "end_status"},
		"access":   {"test", "listening", "speaking", "reading", "writing", "future_target", "difficulty_index", "sgpa", "years_in_program", "literacy", "alt_level", "test_status", "met_exit_criteria", "exit_year", "exited_after_exit_criteria", "not_proficient_six_years"},
	}
	if !reflect.DeepEqual(sink.absent, wantAbsent) {
		t.Errorf("Absent told %v, want %v", sink.absent, wantAbsent)
	}
	if want := []int{2025, 2025}; !reflect.DeepEqual(sink.years, want) {
		t.Errorf("Absent told years %v, want %v", sink.years, want)
	}
	for _, f := range report.Files {
		if !reflect.DeepEqual(f.Absent, wantAbsent[f.Input]) {
			t.Errorf("%s: Absent %v, want %v", f.Path, f.Absent, wantAbsent[f.Input])
		}
	}
	for _, c := range []struct {
		input, column string
		lacks         bool
	}{
		{"access", "years_in_program", true},
		{"access", "progress", false},
		{"access", "overall_level", false},
		{"students", "end_status", true},
		{"ewis", "risk_level", false},
		{"plans", "plan", true}, // no such file
		{"nosuch", "x", false},  // not an input: the report says nothing of it
	} {
		if got := report.Lacks(c.input, c.column); got != c.lacks {
			t.Errorf("Lacks(%s, %s) = %v, want %v", c.input, c.column, got, c.lacks)
		}
	}
}

// DESE's ACCESS file as districts receive it: an Alternate ACCESS result with only a P1-A3
// level is a result without a 1.0-6.0 level; a student who did not test (teststatus ABS) is
// read, counted apart (FileReport.Unused) and passed on marked NotTested, for
// participation_rate alone; one who exited EL status after testing
// (FEL_Year = adminyear) is accepted though students.csv says FormerEL; and access_school
// = "responsible" counts a result in sprp_sch rather than the testing school.
func TestDESEAccessRealRows(t *testing.T) {
	const header = "adminyear,sprp_sch,SchoolNumber,SASID,grade,yrsinmass,teststatus,overalllevel,literacylevel,ALT,overalllevel_alt," +
		"madeprogress_RE1,MadeExitCriteria_RE2,ExitedELInstruction_RE3,NotMeetingExitCriteria_RE5,FEL_Year"
	access := csvFile(header,
		"2025,10005,10505,S1,03,2,T,3.4,3.1,0,,1,0,NA,-1,",   // tested at the high school, responsible: Lincoln
		"2025,10505,10505,S4,09,6,ALT,,,1,P2,NA,0,NA,1,",     // Alternate ACCESS
		"2025,10005,10005,S2,04,3,T,4.6,4.1,0,,1,1,1,0,2025", // exited after testing: FormerEL in students.csv
		"2024,10505,10505,S4,08,5,ABS,NA,NA,0,,NA,NA,NA,1,",  // did not test
	)
	for _, tt := range []struct {
		school     string
		wantSchool string
	}{{"", "00010505"}, {"responsible", "00010005"}} {
		cfg := defaultConfig()
		cfg.Data.AccessFormat, cfg.Data.AccessSchool = "dese", tt.school
		report, c := run(t, inputs(map[string]string{"access": access}), cfg)
		f := fileReport(t, report, "access")
		if err := report.Err(); err != nil {
			t.Fatalf("access_school %q: %v", tt.school, err)
		}
		if f.Accepted != 4 || len(f.Unused) != 1 || f.Unused[0].Rows != 1 || len(c.access) != 4 {
			t.Fatalf("access_school %q: accepted %d, unused %v, rows %d; want 4, 1 not tested, 4", tt.school, f.Accepted, f.Unused, len(c.access))
		}
		for i, a := range c.access {
			if a.NotTested != (i == 3) {
				t.Errorf("access_school %q: row %d NotTested = %v", tt.school, i, a.NotTested)
			}
		}
		if c.access[0].SchoolCode != tt.wantSchool {
			t.Errorf("access_school %q: S1 counts in %s, want %s", tt.school, c.access[0].SchoolCode, tt.wantSchool)
		}
		alt := c.access[1]
		if alt.Test != record.AltACCESS || alt.Alt != record.AltP2 || alt.Overall != 0 || alt.Progress != record.NoIndicator {
			t.Errorf("the Alternate ACCESS row: %+v", alt)
		}
		exited := c.access[2]
		if exited.Overall != 46 || exited.Literacy != 41 || exited.MetExit != record.ProgressYes ||
			exited.Exited != record.ProgressYes || exited.NotProficientSixYears != record.ProgressNo {
			t.Errorf("the row of the student who exited after testing: %+v", exited)
		}
		// RE3 NA and RE5 -1 are no value; RE5 1 is Yes, on the Alternate ACCESS row too.
		if a := c.access[0]; a.Exited != record.NoIndicator || a.NotProficientSixYears != record.NoIndicator {
			t.Errorf("RE3 NA, RE5 -1: got %v, %v; want no indicator", a.Exited, a.NotProficientSixYears)
		}
		if alt.NotProficientSixYears != record.ProgressYes {
			t.Errorf("RE5 1: got %v, want Yes", alt.NotProficientSixYears)
		}
		want := `data/access.csv: students who did not test (teststatus "ABS"), 1 row: read and not rejected; no result to count: a student who did not test counts only in participation_rate's denominator`
		if !hasWarning(report, want) {
			t.Errorf("warnings %q lack %q", warningStrings(report), want)
		}
	}
}
