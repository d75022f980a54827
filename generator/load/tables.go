package load

import (
	"fmt"
	"strings"

	"elreport/generator/homelang"
	"elreport/generator/record"
)

// column is a column of an input's contract (docs/data-contract.md).
type column struct {
	name     string
	required bool
}

// table describes one input: its contract columns, in an order the row reader indexes by the
// constants below, and the function that validates a row and hands it to the Sink.
type table struct {
	input string
	// base marks schools and students: their files must exist, and the other files cannot be
	// checked without them.
	base    bool
	columns []column
	row     func(*loader, *fileReader)
}

// Every student-level file (students and the files that refer to it) starts with these three
// columns; cohort.csv's first column is cohort_year.
const (
	colYear = iota
	colStudent
	colSchool
	firstOwnColumn
)

func studentColumns(first string, own ...column) []column {
	return append([]column{{first, true}, {"student_id", true}, {"school_code", true}}, own...)
}

// Columns of schools.csv.
const (
	schDistrictCode = iota
	schDistrictName
	schSchoolCode
	schSchoolName
	schGradeSpan
	schLevel
)

// Own columns of students.csv.
const (
	stuGrade = firstOwnColumn + iota
	stuStatus
	stuLanguage
	stuProgram
	stuEnd
)

// Own columns of access.csv.
const (
	accGrade = firstOwnColumn + iota
	accOverall
	accTest
	accListening
	accSpeaking
	accReading
	accWriting
	accTarget
	accDifficulty
	accSGPA
	accProgress
	accYears
	accLiteracy
	accAlt
	accStatus
	accMetExit
	accExitYear
	accExited
	accSixYears
)

// Own columns of ewis.csv, courses.csv, mcas.csv, cohort.csv and plans.csv.
const (
	ewisGrade = firstOwnColumn + iota
	ewisRisk
)

const (
	coursesTaken = firstOwnColumn + iota
	coursesPassed
)

const (
	mcasGrade = firstOwnColumn + iota
	mcasSubject
	mcasAchievement
)

const (
	cohortELInCohort = firstOwnColumn + iota
	cohortOutcome
)

const plansPlan = firstOwnColumn

// tables lists the inputs in config.Inputs order, which is the order they are loaded and the
// order the Sink receives their rows.
var tables = []*table{
	{input: "schools", base: true, row: (*loader).schoolRow, columns: []column{
		{"district_code", true}, {"district_name", true}, {"school_code", true}, {"school_name", true},
		{"grade_span", false}, {"level", false},
	}},
	{input: "students", base: true, row: (*loader).studentRow, columns: studentColumns("year",
		column{"grade", true}, column{"el_status", true}, column{"home_language", false},
		column{"el_program", false}, column{"end_status", false},
	)},
	{input: "access", row: (*loader).accessRow, columns: studentColumns("year",
		column{"grade", true}, column{"overall_level", true}, column{"test", false},
		column{"listening", false}, column{"speaking", false}, column{"reading", false}, column{"writing", false},
		column{"future_target", false}, column{"difficulty_index", false}, column{"sgpa", false},
		column{"progress", false}, column{"years_in_program", false},
		column{"literacy", false}, column{"alt_level", false}, column{"test_status", false},
		column{"met_exit_criteria", false}, column{"exit_year", false},
		column{"exited_after_exit_criteria", false}, column{"not_proficient_six_years", false},
	)},
	{input: "ewis", row: (*loader).ewisRow, columns: studentColumns("year",
		column{"grade", true}, column{"risk_level", true},
	)},
	{input: "courses", row: (*loader).courseRow, columns: studentColumns("year",
		column{"courses_taken", true}, column{"courses_passed", true},
	)},
	{input: "mcas", row: (*loader).mcasRow, columns: studentColumns("year",
		column{"grade", true}, column{"subject", true}, column{"achievement_level", true},
	)},
	{input: "cohort", row: (*loader).cohortRow, columns: studentColumns("cohort_year",
		column{"el_in_cohort", true}, column{"outcome", true},
	)},
	{input: "plans", row: (*loader).planRow, columns: studentColumns("year",
		column{"plan", true},
	)},
}

// Parsers for the value domains that record parses with bounds.
func parseResultLevel(s string) (record.Level, error) { return record.ParseLevel(s, 10, 60) }
func parseTargetLevel(s string) (record.Level, error) { return record.ParseLevel(s, 10, 42) }
func parsePercentile(s string) (int, error)           { return record.ParseWhole(s, 1, 99) }
func parseYearsInProgram(s string) (int, error)       { return record.ParseWhole(s, 1, 30) }

// openYears reports whether the row's years_in_program is written "5+", as MCAS files write
// yrsinmass (and no [data.values] mapping turns it into something else): at least that many
// years, which is neither 5 nor 6+, so not known, like a blank; check lists such values.
func openYears(f *fileReader) bool {
	raw := f.value(accYears)
	n, ok := strings.CutSuffix(raw, "+")
	if !ok {
		return false
	}
	if fn := f.transform[accYears]; fn != nil {
		if v, err := fn(raw); err != nil || v != raw {
			return false
		}
	}
	if _, err := parseYearsInProgram(n); err != nil {
		return false
	}
	f.note(noteOpenYears, accYears, raw, "")
	return true
}

func parseCourseCount(s string) (int, error) { return record.ParseWhole(s, 0, 99) }

// The text columns are read with parseName, parseCode and parseID (text.go): valid UTF-8 (as
// a Windows-1252 file always is once decoded), no control characters, and a length limit. The
// parsers of the other domains accept only ASCII, so a value with bytes that are not UTF-8
// fails them, and field then gives the same reason.

// parseKey reads a student_id or school_code that is looked up in an index. It does not check
// the text: the keys of the indexes were checked when they were added, so a key that is found
// is valid, and notFound gives the text's problem for one that is not.
func parseKey(s string) (string, error) { return s, nil }

// notFound is the reason (and detail) for a key of kind k that is not in an index: reason,
// unless the key is not valid text of its kind (and so could never be found).
func notFound(key string, k *textKind, reason string) (string, string) {
	if r, detail := k.check(key); r != "" {
		return r, detail
	}
	return reason, ""
}

// parseYesNo reads el_in_cohort: Yes or No (case-insensitive).
func parseYesNo(s string) (bool, error) {
	switch {
	case strings.EqualFold(s, "yes"):
		return true, nil
	case strings.EqualFold(s, "no"):
		return false, nil
	}
	return false, valueError{value: s, reason: "is not Yes or No"}
}

func (l *loader) schoolRow(f *fileReader) {
	code, codeOK := field(f, schSchoolCode, parseCode)
	districtCode, _ := field(f, schDistrictCode, parseCode)
	districtName, _ := field(f, schDistrictName, parseName)
	name, _ := field(f, schSchoolName, parseName)
	span, _ := field(f, schGradeSpan, parseName)
	level, _ := field(f, schLevel, parseName)
	var i int32
	if codeOK {
		var added bool
		if i, added = l.schools.add(code, f.failed()); !added {
			f.fail(schSchoolCode, code, "is listed more than once")
		}
	}
	if f.failed() {
		return
	}
	f.accept(-1, 0)
	l.sink.School(record.School{
		DistrictCode: strings.Clone(districtCode), DistrictName: strings.Clone(districtName),
		SchoolCode: l.schools.schools[i].code, SchoolName: strings.Clone(name),
		GradeSpan: strings.Clone(span), Level: strings.Clone(level),
	})
}

func (l *loader) studentRow(f *fileReader) {
	year, yearOK := l.year(f)
	id, idOK := field(f, colStudent, parseID)
	school := l.school(f)
	grade, _ := field(f, stuGrade, record.ParseGrade)
	status, _ := field(f, stuStatus, record.ParseELStatus)
	language, _ := field(f, stuLanguage, parseName)
	program, _ := field(f, stuProgram, record.ParseProgram)
	end, _ := field(f, stuEnd, record.ParseEndStatus)
	if l.history { // readHistory: the first year of each EL, from the rows the load accepts
		if !f.failed() && yearOK && status == record.EL {
			if first, ok := l.simsFirstEL[id]; !ok || year < first {
				l.simsFirstEL[strings.Clone(id)] = year
			}
		}
		return
	}
	if !f.failed() && status == record.NonEL && l.simsFirstEL != nil {
		// SIMS says EL or not; a student who was an EL in an earlier year is a former EL.
		if first, ok := l.simsFirstEL[id]; ok && first < year {
			status = record.FormerEL
		}
	}
	// A row of a year too late is indexed (as rejected), so that the rows of other files for
	// that student and year say so rather than that the student has no row.
	if (yearOK || year > l.lastYear) && idOK {
		e := enrollment{school: school, year: int16(year), grade: grade, status: status, program: program}
		if f.failed() {
			e.flags = flagRejected
		}
		if !l.students.add(id, e) {
			f.fail(colStudent, id, duplicateYear)
		}
	}
	if f.failed() {
		return
	}
	f.accept(school, year)
	lang := l.intern(language)
	if lang.other {
		f.note(noteLanguage, stuLanguage, lang.s, "")
	}
	l.sink.Student(record.Student{
		Year: year, SchoolCode: l.schools.schools[school].code, Grade: grade, Status: status,
		HomeLanguage: lang.s, Program: program, EndStatus: end,
	})
}

func (l *loader) accessRow(f *fileReader) {
	year, e, school := l.studentYear(f, seenAccess, duplicateYear)
	f.resolveYear(year)
	a := record.Access{Year: year}
	a.Grade, _ = field(f, accGrade, record.ParseGrade)
	status, _ := field(f, accStatus, record.ParseTestStatus)
	a.Test, _ = field(f, accTest, record.ParseTest)
	a.Alt, _ = field(f, accAlt, record.ParseAltLevel)
	if a.Alt != record.NoAltLevel {
		a.Test = record.AltACCESS
	}
	// A student who did not test, and an Alternate ACCESS result given only as a P1-A3
	// level, have no 1.0-6.0 overall level.
	a.Overall, _ = fieldAs(f, accOverall, parseResultLevel, status == record.Tested && a.Alt == record.NoAltLevel)
	a.Literacy, _ = field(f, accLiteracy, parseResultLevel)
	a.MetExit, _ = field(f, accMetExit, record.ParseProgress)
	a.Exited, _ = field(f, accExited, record.ParseProgress)
	a.NotProficientSixYears, _ = field(f, accSixYears, record.ParseProgress)
	exitYear, _ := field(f, accExitYear, record.ParseYear)
	a.Listening, _ = field(f, accListening, parseResultLevel)
	a.Speaking, _ = field(f, accSpeaking, parseResultLevel)
	a.Reading, _ = field(f, accReading, parseResultLevel)
	a.Writing, _ = field(f, accWriting, parseResultLevel)
	a.FutureTarget, _ = field(f, accTarget, parseTargetLevel)
	a.Difficulty, _ = field(f, accDifficulty, parsePercentile)
	a.SGPA, _ = field(f, accSGPA, parsePercentile)
	a.Progress, _ = field(f, accProgress, record.ParseProgress)
	if openYears(f) {
		a.YearsInProgram = 0 // "5+": not known (see openYears)
	} else {
		a.YearsInProgram, _ = field(f, accYears, parseYearsInProgram)
	}
	// A student who exited EL status after testing (exit_year, DESE's FEL_Year, is the test
	// year) is FormerEL in an end-of-year students.csv, and was an EL when tested.
	if e != nil && e.status != record.EL && (e.status != record.FormerEL || exitYear != year) {
		f.fail(colStudent, f.value(colStudent), "is "+e.status.String()+", not EL, in students.csv that year")
	}
	if f.failed() {
		return
	}
	f.accept(school, year)
	if status == record.NotTested {
		// Passed on for participation_rate's denominator, and still reported: no other figure
		// counts the row.
		f.countUnused(fmt.Sprintf("students who did not test (%s %q)", f.header(accStatus), f.value(accStatus)))
		a.NotTested = true
	}
	a.SchoolCode, a.Program = l.schools.schools[school].code, e.program
	l.sink.Access(a)
}

func (l *loader) ewisRow(f *fileReader) {
	year, e, school := l.studentYear(f, seenEWIS, duplicateYear)
	grade, _ := field(f, ewisGrade, record.ParseGrade)
	risk, _ := field(f, ewisRisk, record.ParseRisk)
	if f.failed() {
		return
	}
	f.accept(school, year)
	l.sink.EWIS(record.EWIS{Year: year, SchoolCode: l.schools.schools[school].code, Grade: grade, Risk: risk, Status: e.status})
}

func (l *loader) courseRow(f *fileReader) {
	year, e, school := l.studentYear(f, seenCourses, duplicateYear)
	taken, takenOK := field(f, coursesTaken, parseCourseCount)
	passed, passedOK := field(f, coursesPassed, parseCourseCount)
	if takenOK && passedOK && passed > taken {
		f.fail(coursesPassed, f.value(coursesPassed), "is more than courses_taken")
	}
	if e != nil && e.grade != 9 {
		f.fail(colStudent, f.value(colStudent), "is in grade "+e.grade.String()+", not 9, in students.csv that year")
	}
	if f.failed() {
		return
	}
	f.accept(school, year)
	l.sink.Course(record.Course{Year: year, SchoolCode: l.schools.schools[school].code, Taken: taken, Passed: passed, Status: e.status})
}

func (l *loader) mcasRow(f *fileReader) {
	subject, subjectOK := field(f, mcasSubject, record.ParseSubject)
	var seen uint8
	if subjectOK {
		seen = seenMCASELA << subject
	}
	year, e, school := l.studentYear(f, seen, "is listed more than once for the same year and subject")
	grade, _ := field(f, mcasGrade, record.ParseGrade)
	achievement, _ := field(f, mcasAchievement, record.ParseAchievement)
	if f.failed() {
		return
	}
	f.accept(school, year)
	l.sink.MCAS(record.MCAS{Year: year, SchoolCode: l.schools.schools[school].code, Grade: grade,
		Subject: subject, Achievement: achievement, Status: e.status})
}

func (l *loader) cohortRow(f *fileReader) {
	year, yearOK := l.year(f)
	id, idOK := field(f, colStudent, parseKey)
	school := l.school(f)
	inCohort, inCohortOK := field(f, cohortELInCohort, parseYesNo)
	outcome, _ := field(f, cohortOutcome, record.ParseOutcome)
	status := record.NonEL
	if idOK {
		first, _ := l.students.find(id, 0)
		duplicate := false
		switch {
		case !yearOK:
		case first >= 0:
			duplicate = !l.students.addCohort(first, year)
		default:
			// Not in students.csv, so its id has not been checked.
			if reason, detail := idText.check(id); reason != "" {
				f.failWith(colStudent, id, reason, detail)
				break
			}
			key := outsiderKey{id, year}
			if _, duplicate = l.outsiders[key]; !duplicate {
				key.id = strings.Clone(id) // id points into the reused record
				l.outsiders[key] = struct{}{}
			}
		}
		if duplicate {
			f.fail(colStudent, id, "is listed more than once for the same cohort_year")
		}
		if inCohortOK && inCohort {
			status = record.EL
		} else if first >= 0 && inCohortOK {
			everEL, incomplete := l.students.history(first)
			switch {
			case incomplete:
				f.fail(colStudent, id, "has a rejected row in students.csv, so its EL history is unknown")
			case everEL:
				status = record.FormerEL
			}
		}
	}
	if f.failed() {
		return
	}
	f.accept(school, year)
	l.sink.Cohort(record.Cohort{CohortYear: year, SchoolCode: l.schools.schools[school].code,
		ELInCohort: inCohort, Outcome: outcome, Status: status})
}

func (l *loader) planRow(f *fileReader) {
	year, e, school := l.studentYear(f, seenPlans, duplicateYear)
	plan, _ := field(f, plansPlan, record.ParsePlan)
	if f.failed() {
		return
	}
	f.accept(school, year)
	l.sink.Plan(record.PlanRow{Year: year, SchoolCode: l.schools.schools[school].code, Plan: plan, Status: e.status})
}

// duplicateYear is the reason for a second row of a student in one year.
const duplicateYear = "is listed more than once for the same year"

// school reads the row's school_code and returns its index, or -1 with the error recorded.
func (l *loader) school(f *fileReader) int32 {
	code, ok := field(f, colSchool, parseKey)
	if !ok {
		return -1
	}
	i := l.schools.find(code)
	if i < 0 {
		// DESE's codes are numbers: "500012" (a spreadsheet dropped the zeros) is the school
		// schools.csv writes "00500012", when exactly one school's code is that number.
		if padded := l.schools.withZeros(code); padded != "" {
			i = l.schools.find(padded)
			f.note(noteZeros, colSchool, code, padded)
		}
	}
	switch {
	case i < 0:
		reason, detail := notFound(code, codeText, "is not in schools.csv")
		if same := l.schools.sameNumber(code); detail == "" && len(same) > 0 {
			detail = fmt.Sprintf("is not in schools.csv, which has %s: the same number, so which one is meant cannot be told; write the code as schools.csv does",
				joinAnd(quoteAll(same)))
		}
		f.failWith(colSchool, code, reason, detail)
	case l.schools.schools[i].rejected:
		f.fail(colSchool, code, "has a rejected row in schools.csv")
		return -1
	}
	return i
}

// studentYear reads the year, student_id and school_code of a row of a file that refers to
// students.csv, and finds the student's enrollment that year. It marks the enrollment as seen
// by the file (seen is the file's bit; 0 skips the duplicate check) and rejects the row for
// reason duplicate when the enrollment was already seen. The enrollment is nil when the row
// cannot be joined (and then an error is recorded).
func (l *loader) studentYear(f *fileReader, seen uint8, duplicate string) (year int, e *enrollment, school int32) {
	year, yearOK := l.year(f)
	id, idOK := field(f, colStudent, parseKey)
	school = l.school(f)
	if !yearOK || !idOK {
		return year, nil, school
	}
	_, i := l.students.find(id, year)
	if i < 0 {
		reason, detail := notFound(id, idText, "has no row in students.csv for that year")
		f.failWith(colStudent, id, reason, detail)
		return year, nil, school
	}
	e = &l.students.enrollments[i]
	if e.flags&seen != 0 {
		f.fail(colStudent, id, duplicate)
	}
	e.flags |= seen
	if e.flags&flagRejected != 0 {
		f.fail(colStudent, id, "has a rejected row in students.csv for that year")
		return year, nil, school
	}
	return year, e, school
}

// intern returns s, sharing one copy of each distinct value (home languages are few).
func (l *loader) intern(s string) internedText {
	if s == "" {
		return internedText{}
	}
	if v, ok := l.interned[s]; ok {
		return v
	}
	v := internedText{s: strings.Clone(s)}
	if !homelang.Blank(v.s) {
		_, known := homelang.Recognize(v.s)
		v.other = !known
	}
	l.interned[v.s] = v
	return v
}

// internedText is an interned home_language and whether it is one the site counts as Other
// (not blank, and naming no language homelang recognises).
type internedText struct {
	s     string
	other bool
}
