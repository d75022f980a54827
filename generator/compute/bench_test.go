package compute

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// synthetic holds rows of a made-up district: 100 schools, 5 years, rows in random school
// order within each file.
type synthetic struct {
	schools  []record.School
	students []record.Student
	access   []record.Access
	ewis     []record.EWIS
	courses  []record.Course
	mcas     []record.MCAS
	cohort   []record.Cohort
	plans    []record.PlanRow
}

func newSynthetic(rows int) *synthetic {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &synthetic{}
	const schools, firstYear, years = 100, 2021, 5
	for i := 0; i < schools; i++ {
		s.schools = append(s.schools, record.School{DistrictCode: "D1", DistrictName: "Harbor",
			SchoolCode: fmt.Sprintf("S%03d", i), SchoolName: fmt.Sprintf("School %d", i)})
	}
	languages := []string{"Spanish", "Portuguese", "ht", "Cape Verdean", "", "Arabic"}
	school := func() string { return s.schools[rng.IntN(schools)].SchoolCode }
	year := func() int { return firstYear + rng.IntN(years) }
	status := func() record.ELStatus { return record.ELStatus(rng.IntN(3)) }
	grade := func() record.Grade { return record.Grade(rng.IntN(15) - 1) }
	for i := 0; i < rows; i++ {
		switch n := rng.IntN(100); {
		case n < 40:
			s.students = append(s.students, record.Student{Year: year(), SchoolCode: school(), Grade: grade(), Status: status(),
				HomeLanguage: languages[rng.IntN(len(languages))], Program: record.Program(rng.IntN(5)), EndStatus: record.EndStatus(rng.IntN(4))})
		case n < 55:
			s.access = append(s.access, record.Access{Year: year(), SchoolCode: school(), Grade: grade(), Overall: record.Level(10 + rng.IntN(51)),
				Difficulty: rng.IntN(100), SGPA: rng.IntN(100), Progress: record.Progress(rng.IntN(3)), YearsInProgram: rng.IntN(9),
				Program: record.Program(rng.IntN(5))})
			// DESE's RE3 and RE5 flags, from values already drawn so that the stream of
			// random numbers (and every other figure) stays as it was.
			a := &s.access[len(s.access)-1]
			a.Exited, a.NotProficientSixYears = record.Progress(a.Difficulty%3), record.Progress(a.SGPA%3)
		case n < 75:
			s.ewis = append(s.ewis, record.EWIS{Year: year(), SchoolCode: school(), Grade: grade(), Risk: record.Risk(rng.IntN(3)), Status: status()})
		case n < 78:
			taken := rng.IntN(8)
			s.courses = append(s.courses, record.Course{Year: year(), SchoolCode: school(), Taken: taken, Passed: rng.IntN(taken + 1), Status: status()})
		case n < 93:
			s.mcas = append(s.mcas, record.MCAS{Year: year(), SchoolCode: school(), Grade: grade(), Subject: record.Subject(rng.IntN(3)),
				Achievement: record.Achievement(rng.IntN(4)), Status: status()})
		case n < 97:
			s.cohort = append(s.cohort, record.Cohort{CohortYear: year(), SchoolCode: school(), Outcome: record.Outcome(rng.IntN(6)), Status: status()})
		default:
			s.plans = append(s.plans, record.PlanRow{Year: year(), SchoolCode: school(), Plan: record.Plan(rng.IntN(10)), Status: status()})
		}
	}
	// Some Alternate ACCESS results without a level, and some students who did not test
	// (without drawing from rng, so that the other rows stay as they were).
	for i := range s.access {
		switch {
		case i%23 == 11:
			s.access[i].NotTested, s.access[i].Overall = true, 0
		case i%17 == 5:
			s.access[i].Overall = 0
		}
	}
	return s
}

func (s *synthetic) rows() int {
	return len(s.students) + len(s.access) + len(s.ewis) + len(s.courses) + len(s.mcas) + len(s.cohort) + len(s.plans)
}

// feed sends every row to a in the order of a load.
func (s *synthetic) feed(a *Aggregator) {
	for _, r := range s.schools {
		a.School(r)
	}
	s.feedRows(a)
}

// feedRows sends every row but the schools to a, in the order of a load.
func (s *synthetic) feedRows(a *Aggregator) {
	for _, r := range s.students {
		a.Student(r)
	}
	for _, r := range s.access {
		a.Access(r)
	}
	for _, r := range s.ewis {
		a.EWIS(r)
	}
	for _, r := range s.courses {
		a.Course(r)
	}
	for _, r := range s.mcas {
		a.MCAS(r)
	}
	for _, r := range s.cohort {
		a.Cohort(r)
	}
	for _, r := range s.plans {
		a.Plan(r)
	}
}

// BenchmarkAggregate feeds a million rows to an Aggregator (one op = the whole load).
func BenchmarkAggregate(b *testing.B) {
	s := newSynthetic(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s.feed(New(Options{MinN: 10}))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(s.rows()), "ns/row")
}

// BenchmarkResult computes, suppresses and sorts the figures of a loaded district of 100
// schools and 5 years.
func BenchmarkResult(b *testing.B) {
	s := newSynthetic(1_000_000)
	a := New(Options{MinN: 10})
	s.feed(a)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a.Result()
	}
}

func TestAddingARowDoesNotAllocate(t *testing.T) {
	s := newSynthetic(20_000)
	a := New(Options{MinN: 10})
	s.feed(a) // every school, year and language has been seen
	allocs := testing.AllocsPerRun(10, func() { s.feedRows(a) })
	if allocs != 0 {
		t.Errorf("got %v allocations for %d rows, want 0", allocs, s.rows())
	}
}

// BenchmarkResultSparse is BenchmarkResult with 50,000 rows: small cells, much suppression.
func BenchmarkResultSparse(b *testing.B) {
	s := newSynthetic(50_000)
	a := New(Options{MinN: 10})
	s.feed(a)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a.Result()
	}
}

// BenchmarkFind looks up every figure of a district of 100 schools and 5 years through its
// entity's EntityFigures, as the pages do (one op = every figure once).
func BenchmarkFind(b *testing.B) {
	s := newSynthetic(1_000_000)
	a := New(Options{MinN: 10})
	s.feed(a)
	r := a.Result()
	type lookup struct {
		ef              EntityFigures
		year            int
		id              metric.ID
		group, category string
	}
	var lookups []lookup
	for _, d := range r.Districts {
		for _, code := range append([]string{d.Code}, schoolCodes(d)...) {
			typ := EntitySchool
			if code == d.Code {
				typ = EntityDistrict
			}
			ef, _ := r.Entity(typ, code)
			for _, f := range ef.Figures {
				lookups = append(lookups, lookup{ef, f.Year, f.Metric, f.Group, f.Category})
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, l := range lookups {
			if l.ef.Find(l.year, l.id, l.group, l.category) == nil {
				b.Fatal("a figure not found")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(lookups)), "ns/find")
}

func schoolCodes(d District) []string {
	var codes []string
	for _, s := range d.Schools {
		codes = append(codes, s.Code)
	}
	return codes
}
