package load

import (
	"strings"

	"elreport/generator/record"
)

// schoolIndex interns the school codes of schools.csv. Every row of the other files refers to a
// school by its index, and rows handed to the Sink carry the interned code, so a row never keeps
// the line it was read from alive.
type schoolIndex struct {
	ids     map[string]int32
	schools []schoolEntry
	// last caches the most recent lookup: exports are usually sorted by school.
	lastCode  string
	lastIndex int32
}

type schoolEntry struct {
	code string
	// rejected marks a school whose schools.csv row was rejected: rows that refer to it are
	// rejected too, with a reason that says so rather than "not in schools.csv".
	rejected bool
}

// add interns code. It reports false when the code is already present.
func (x *schoolIndex) add(code string, rejected bool) (int32, bool) {
	if i, ok := x.ids[code]; ok {
		return i, false
	}
	if x.ids == nil {
		x.ids = make(map[string]int32)
	}
	i := int32(len(x.schools))
	code = strings.Clone(code)
	x.ids[code] = i
	x.schools = append(x.schools, schoolEntry{code: code, rejected: rejected})
	return i, true
}

// find returns the index of code, or -1.
func (x *schoolIndex) find(code string) int32 {
	if code == x.lastCode && x.lastCode != "" {
		return x.lastIndex
	}
	i, ok := x.ids[code]
	if !ok {
		return -1
	}
	x.lastCode, x.lastIndex = x.schools[i].code, i
	return i
}

// studentIndex holds what the loader needs to know about every student-year of students.csv:
// the only structure of a load that grows with the number of students. A student is one map
// entry (the id) pointing at a chain of 16-byte enrollments, one per year, in a shared slice;
// once students.csv is read, compact puts each chain in consecutive elements.
type studentIndex struct {
	ids         map[string]int32 // student id -> its first enrollment
	enrollments []enrollment
	// extraCohorts holds the cohort years of students seen in cohort.csv under more than one
	// cohort year (rare); the first is kept in the student's first enrollment.
	extraCohorts map[cohortKey]struct{}
}

// enrollment is a student's row of students.csv for one year.
type enrollment struct {
	next    int32 // the student's next enrollment, or -1
	school  int32 // index in schoolIndex
	year    int16
	grade   record.Grade
	status  record.ELStatus
	program record.Program
	// flags holds flagRejected and the seen* bits of the files with a row for this enrollment.
	flags uint8
	// cohortYear is the first cohort year of the student in cohort.csv (first enrollment only).
	cohortYear int16
}

// Enrollment flags: whether the students.csv row was rejected, and which student-level files
// already had a row for the student and year (to reject duplicates without a set per file).
const (
	flagRejected uint8 = 1 << iota
	seenAccess
	seenEWIS
	seenCourses
	seenPlans
	seenMCASELA // seenMCASELA << subject for each MCAS subject
)

type cohortKey struct {
	first int32
	year  int16
}

// add records a student-year. It reports false when the student already has that year.
func (x *studentIndex) add(id string, e enrollment) bool {
	e.next = -1
	first, ok := x.ids[id]
	if !ok {
		if x.ids == nil {
			x.ids = make(map[string]int32)
		}
		x.ids[strings.Clone(id)] = int32(len(x.enrollments))
		x.enrollments = append(x.enrollments, e)
		return true
	}
	last := first
	for i := first; i >= 0; i = x.enrollments[i].next {
		if x.enrollments[i].year == e.year {
			return false
		}
		last = i
	}
	x.enrollments[last].next = int32(len(x.enrollments))
	x.enrollments = append(x.enrollments, e)
	return true
}

// compact puts each student's enrollments next to each other, in the order of the students'
// first rows, so that finding a student-year reads one or two cache lines rather than a chain
// across the whole slice. students.csv is read in any order, so this is done once, after it.
func (x *studentIndex) compact() {
	old := x.enrollments
	moved := make([]int32, len(old)) // the new index of each student's first enrollment
	for i := range moved {
		moved[i] = -1
	}
	for _, first := range x.ids {
		moved[first] = 0
	}
	enrollments := make([]enrollment, 0, len(old))
	for first := range old {
		if moved[first] < 0 {
			continue // not a student's first enrollment
		}
		moved[first] = int32(len(enrollments))
		for i := int32(first); i >= 0; i = old[i].next {
			e := old[i]
			e.next = int32(len(enrollments)) + 1
			enrollments = append(enrollments, e)
		}
		enrollments[len(enrollments)-1].next = -1
	}
	for id, first := range x.ids {
		x.ids[id] = moved[first]
	}
	x.enrollments = enrollments
}

// find returns the student's first enrollment and the enrollment of the given year; -1 for
// either when there is none.
func (x *studentIndex) find(id string, year int) (first, inYear int32) {
	first, ok := x.ids[id]
	if !ok {
		return -1, -1
	}
	for i := first; i >= 0; i = x.enrollments[i].next {
		if int(x.enrollments[i].year) == year {
			return first, i
		}
	}
	return first, -1
}

// addCohort records that the student (by first enrollment) is in the cohort of year. It
// reports false when the student was already recorded in that cohort.
func (x *studentIndex) addCohort(first int32, year int) bool {
	e := &x.enrollments[first]
	switch {
	case e.cohortYear == 0:
		e.cohortYear = int16(year)
		return true
	case int(e.cohortYear) == year:
		return false
	}
	k := cohortKey{first, int16(year)}
	if _, ok := x.extraCohorts[k]; ok {
		return false
	}
	if x.extraCohorts == nil {
		x.extraCohorts = make(map[cohortKey]struct{})
	}
	x.extraCohorts[k] = struct{}{}
	return true
}

// history summarizes a student's enrollments for the cohort's reporting group: whether any
// year records the student as EL or FormerEL, and whether any of the student's rows in
// students.csv was rejected (so that the history is incomplete).
func (x *studentIndex) history(first int32) (everEL, incomplete bool) {
	for i := first; i >= 0; i = x.enrollments[i].next {
		e := x.enrollments[i]
		if e.flags&flagRejected != 0 {
			incomplete = true
		} else if e.status == record.EL || e.status == record.FormerEL {
			everEL = true
		}
	}
	return everEL, incomplete
}
