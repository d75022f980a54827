package load

import (
	"encoding/binary"
	"hash/maphash"
	"math"
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
	// unpadded maps the codes without their leading zeros to their index (-1 when two share
	// one), for withZeros; nil until it is first needed.
	unpadded map[string]int32
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
// the only structure of a load that grows with the number of students. A student is one slot
// of a hash table (16 bytes, the table at most half full) and its id in a shared arena,
// pointing at a chain of 16-byte enrollments, one per year, in a shared slice; once
// students.csv is read, compact puts each chain in consecutive elements.
//
// The table is open addressing with linear probing on a 64-bit hash of the id (hash/maphash,
// seeded per index), and a lookup compares the id itself with the arena, so a match is exact.
// Its point, over a map, is warm: a pass over a batch's ids that touches the slots, ids and
// enrollments they need in a tight loop, so the cache misses of a batch overlap rather than
// come one lookup at a time.
type studentIndex struct {
	seed  maphash.Seed
	slots []studentSlot // len is 0 or a power of two
	used  int           // slots in use: the number of students
	ids   []byte        // every student's id, preceded by its length as a uvarint

	enrollments []enrollment
	// extraCohorts holds the cohort years of students seen in cohort.csv under more than one
	// cohort year (rare); the first is kept in the student's first enrollment.
	extraCohorts map[cohortKey]struct{}

	hashes  []uint64 // warm's scratch
	touched int      // what warm read, so that its loads are not optimized away
}

// studentSlot is a slot of the student table.
type studentSlot struct {
	hash  uint64 // of the id
	id    uint32 // offset of the id in ids
	first int32  // the student's first enrollment + 1; 0 marks an empty slot
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

// hash returns the table hash of id.
func (x *studentIndex) hash(id string) uint64 { return maphash.String(x.seed, id) }

// lookup returns the slot of id: where it is, or the empty slot where it would go. The table
// must have slots.
func (x *studentIndex) lookup(id string, h uint64) (slot int, found bool) {
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.first == 0 {
			return int(i), false
		}
		if s.hash == h && x.idIs(s.id, id) {
			return int(i), true
		}
	}
}

// idIs reports whether the id at offset off of ids is id.
func (x *studentIndex) idIs(off uint32, id string) bool {
	n, w := uint64(x.ids[off]), 1
	if n >= 0x80 {
		n, w = binary.Uvarint(x.ids[off:])
	}
	if n != uint64(len(id)) {
		return false
	}
	start := int(off) + w
	return string(x.ids[start:start+len(id)]) == id
}

// grow doubles the table (or makes its first one).
func (x *studentIndex) grow() {
	old := x.slots
	if old == nil {
		x.seed = maphash.MakeSeed()
	}
	x.slots = make([]studentSlot, max(2*len(old), 1024))
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s.first == 0 {
			continue
		}
		i := s.hash & mask
		for x.slots[i].first != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

// add records a student-year. It reports false when the student already has that year.
func (x *studentIndex) add(id string, e enrollment) bool {
	e.next = -1
	if 2*(x.used+1) > len(x.slots) {
		x.grow()
	}
	h := x.hash(id)
	slot, found := x.lookup(id, h)
	if !found {
		if len(x.ids) > math.MaxUint32-binary.MaxVarintLen64-len(id) {
			panic("load: the student ids of students.csv exceed 4 GiB")
		}
		off := uint32(len(x.ids))
		x.ids = binary.AppendUvarint(x.ids, uint64(len(id)))
		x.ids = append(x.ids, id...)
		x.slots[slot] = studentSlot{hash: h, id: off, first: int32(len(x.enrollments)) + 1}
		x.used++
		x.enrollments = append(x.enrollments, e)
		return true
	}
	first := x.slots[slot].first - 1
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
	for _, s := range x.slots {
		if s.first != 0 {
			moved[s.first-1] = 0
		}
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
	for i := range x.slots {
		if s := &x.slots[i]; s.first != 0 {
			s.first = moved[s.first-1] + 1
		}
	}
	x.enrollments = enrollments
}

// find returns the student's first enrollment and the enrollment of the given year; -1 for
// either when there is none.
func (x *studentIndex) find(id string, year int) (first, inYear int32) {
	if x.used == 0 {
		return -1, -1
	}
	slot, found := x.lookup(id, x.hash(id))
	if !found {
		return -1, -1
	}
	first = x.slots[slot].first - 1
	for i := first; i >= 0; i = x.enrollments[i].next {
		if int(x.enrollments[i].year) == year {
			return first, i
		}
	}
	return first, -1
}

// warm brings into the cache what finding the student of each record of b will read: the
// record's field col (trimmed) is the student id. It changes nothing; it makes the lookups
// that follow cheaper by doing their cache misses together: one tight loop of independent
// loads per level (slot, then id and enrollment), which the processor overlaps.
func (x *studentIndex) warm(b *batch, col int) {
	if x.used == 0 || col < 0 {
		return
	}
	hashes := x.hashes[:0]
	for i := range b.recs {
		if r := &b.recs[i]; col < int(r.n) {
			hashes = append(hashes, x.hash(trim(b.fields[int(r.start)+col])))
		}
	}
	mask := uint64(len(x.slots) - 1)
	var touched int32
	for _, h := range hashes {
		touched += x.slots[h&mask].first
	}
	for _, h := range hashes {
		if s := x.slots[h&mask]; s.first != 0 {
			touched += int32(x.ids[s.id]) + int32(x.enrollments[s.first-1].year)
		}
	}
	x.hashes, x.touched = hashes, x.touched+int(touched)
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
