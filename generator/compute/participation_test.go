package compute

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// accessRows adds, to a school in 2025, tested ELs with an overall level (3.1, no years in
// program unless years says), Alternate ACCESS results without a level, and students who did
// not test.
func accessRows(a *Aggregator, school string, tested, alt, notTested int) {
	for i := 0; i < tested; i++ {
		r := access(31, record.ProgressYes, 0, 0, 2, 3, record.NoProgram)
		r.SchoolCode = school
		a.Access(r)
	}
	for i := 0; i < alt; i++ {
		r := access(0, record.ProgressNo, 0, 0, 2, 3, record.NoProgram)
		r.SchoolCode, r.Test, r.Alt = school, record.AltACCESS, record.AltP2
		a.Access(r)
	}
	for i := 0; i < notTested; i++ {
		r := access(0, record.NoIndicator, 0, 0, 2, 3, record.NoProgram)
		r.SchoolCode, r.NotTested = school, true
		a.Access(r)
	}
}

// participation_rate: the tested (with a level) and the alternate (without one) out of them and
// those who did not test; alt_tested the alternate. A student who did not test counts in no
// other figure.
func TestParticipation(t *testing.T) {
	part := func(e string) key { return key{e, 2025, metric.ParticipationRate, GroupEL, ""} }
	alt := func(e string) key { return key{e, 2025, metric.AltTested, GroupEL, ""} }
	tested := func(e string) key { return key{e, 2025, metric.Tested, GroupEL, ""} }
	progress := func(e string) key { return key{e, 2025, metric.MakingProgress, GroupEL, ""} }
	tests := []struct {
		name    string
		rows    map[string][3]int // school -> tested, alternate, not tested
		absent  []string          // access columns lacking in 2025
		want    []want            // published
		missing []key             // no figure
	}{
		{
			// 10 + 2 took the test, 2 did not: 12 of 14. Progress counts the 10 (Yes) and the
			// 2 alternate (No), not the 2 who did not test.
			name: "12 of 14",
			rows: map[string][3]int{"S1": {10, 2, 2}},
			want: []want{
				{part("S1"), 12, 14, 100 * 12.0 / 14},
				{alt("S1"), 2, 2, 2},
				{tested("S1"), 10, 10, 10},
				{progress("S1"), 10, 12, 100 * 10.0 / 12},
				{part("D1"), 12, 14, 100 * 12.0 / 14},
				{alt("D1"), 2, 2, 2},
			},
		},
		{
			name: "the district adds up its schools",
			rows: map[string][3]int{"S1": {10, 2, 2}, "S2": {5, 0, 1}},
			want: []want{
				{part("S2"), 5, 6, 100 * 5.0 / 6},
				{part("D1"), 17, 20, 85},
				{alt("D1"), 2, 2, 2},
				{tested("D1"), 15, 15, 15},
			},
			missing: []key{alt("S2")},
		},
		{
			name:    "nobody tested: 0 of 3",
			rows:    map[string][3]int{"S1": {0, 0, 3}},
			want:    []want{{part("S1"), 0, 3, 0}},
			missing: []key{tested("S1"), alt("S1"), progress("S1")},
		},
		{
			name:    "everyone tested: 100%",
			rows:    map[string][3]int{"S1": {4, 1, 0}},
			want:    []want{{part("S1"), 5, 5, 100}, {alt("S1"), 1, 1, 1}},
			missing: []key{},
		},
		{
			// Without test_status every row reads as tested: 100% would be invented.
			name:    "no test_status column",
			rows:    map[string][3]int{"S1": {10, 2, 0}},
			absent:  []string{"test_status"},
			want:    []want{{alt("S1"), 2, 2, 2}, {tested("S1"), 10, 10, 10}},
			missing: []key{part("S1"), part("D1")},
		},
		{
			// Without alt_level there is no result without a level: the tested are all who
			// took it.
			name:    "no alt_level column",
			rows:    map[string][3]int{"S1": {10, 0, 2}},
			absent:  []string{"alt_level"},
			want:    []want{{part("S1"), 10, 12, 100 * 10.0 / 12}},
			missing: []key{alt("S1")},
		},
		{
			// One file of the year lacks alt_level, another has alternate results: alt_tested
			// is not computed, and participation_rate, which would count them, is not either.
			name:    "alt_level lacking in part of the year",
			rows:    map[string][3]int{"S1": {10, 2, 2}},
			absent:  []string{"alt_level"},
			want:    []want{{tested("S1"), 10, 10, 10}},
			missing: []key{alt("S1"), part("S1"), part("D1")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fixture(Options{MinN: 1}, "S1", "S2")
			if len(tt.absent) > 0 {
				a.Absent("access", tt.absent, []int{2025})
			}
			for _, s := range []string{"S1", "S2"} {
				if n, ok := tt.rows[s]; ok {
					accessRows(a, s, n[0], n[1], n[2])
				}
			}
			r := a.Result()
			if r.AuditErr != nil {
				t.Fatal(r.AuditErr)
			}
			checkFigures(t, r, tt.want)
			checkAbsent(t, r, tt.missing...)
		})
	}
}

// A school with 30 tested and 2 Alternate ACCESS takers (min_n 10): alt_tested is hidden for
// size, and tested or participation_rate is hidden with it, since participation_rate's
// numerator minus tested would give the 2. The complement is participation_rate, one figure,
// rather than tested and the figures of the tested.
func TestParticipationHidesTheAlternate(t *testing.T) {
	for _, notTested := range []int{0, 12} {
		t.Run(fmt.Sprint(notTested, " not tested"), func(t *testing.T) {
			a := fixture(Options{MinN: 10}, "S1", "S2")
			accessRows(a, "S1", 30, 2, notTested)
			accessRows(a, "S2", 40, 0, 0)
			r := a.Result()
			if r.AuditErr != nil {
				t.Fatal(r.AuditErr)
			}
			for _, e := range []string{"S1", "D1"} {
				f, _ := key{e, 2025, metric.AltTested, GroupEL, ""}.lookup(r)
				if !f.Suppressed || f.SuppressedFor != ForSize {
					t.Errorf("%s alt_tested: %+v, want hidden for size", e, f)
				}
				tf, _ := key{e, 2025, metric.Tested, GroupEL, ""}.lookup(r)
				pf, _ := key{e, 2025, metric.ParticipationRate, GroupEL, ""}.lookup(r)
				if !tf.Suppressed && !pf.Suppressed {
					t.Errorf("%s: tested %d and participation %d of %d published: the alternate are %d", e,
						tf.Numerator, pf.Numerator, pf.Denominator, pf.Numerator-tf.Numerator)
				}
				for _, f := range []Figure{tf, pf} {
					if f.Suppressed && f.SuppressedFor != ForComplement {
						t.Errorf("%s %s: hidden %s, want as a complement", e, f.Metric, f.SuppressedFor)
					}
				}
			}
			checkSuppressed(t, r, false, key{"S1", 2025, metric.Tested, GroupEL, ""}, key{"S2", 2025, metric.Tested, GroupEL, ""},
				key{"D1", 2025, metric.Tested, GroupEL, ""})
		})
	}
}

// The students who did not test are a set like a breakdown's remainder: participation_rate,
// whose denominator minus numerator is their number, is hidden when they are 1 to min_n-1
// (as a complement: the ELs expected to test are at least min_n), and its denominator must
// not be derivable then. Its numerator, the tested, may stay known: tested is published.
func TestParticipationHidesFewNotTested(t *testing.T) {
	part := func(e string) key { return key{e, 2025, metric.ParticipationRate, GroupEL, ""} }
	a := fixture(Options{MinN: 10}, "S1", "S2", "S3")
	accessRows(a, "S1", 30, 0, 3)  // 3 did not test: hidden
	accessRows(a, "S2", 40, 0, 0)  // none
	accessRows(a, "S3", 40, 0, 12) // 12
	r := a.Result()
	if r.AuditErr != nil {
		t.Fatal(r.AuditErr)
	}
	f, _ := part("S1").lookup(r)
	if !f.Suppressed || f.SuppressedFor != ForComplement {
		t.Errorf("S1 participation_rate: %+v, want hidden as a complement", f)
	}
	// The district's 15 who did not test are S1's 3, S2's 0 and S3's 12: S1's must not be
	// the district's minus the others', nor S1's and S2's together the district's minus
	// S3's 12 (3 students); so every school's participation_rate is hidden, the district's
	// (15 of 125) published.
	checkSuppressed(t, r, true, part("S2"), part("S3"))
	checkFigures(t, r, []want{{part("D1"), 110, 125, 88}})
	checkSuppressed(t, r, false, key{"S1", 2025, metric.Tested, GroupEL, ""}, key{"S2", 2025, metric.Tested, GroupEL, ""},
		key{"S3", 2025, metric.Tested, GroupEL, ""}, key{"D1", 2025, metric.Tested, GroupEL, ""})
}

// TestSuppressionPropertyParticipation feeds random tables of the tested family (tested by
// years in program and by grade, alternate, not tested) through Result: the final audit passes, and, by
// this test's own model of the sums (exact integer arithmetic), no hidden cell and no remainder
// of 1 to min_n-1 students (ELs without years in program; those who did not test; the tested
// of PK, in no grade of level_band_by_grade) is
// determined by the published figures; and every published figure has min_n students.
func TestSuppressionPropertyParticipation(t *testing.T) {
	// Cells of entity e: 0 the tested, 1-6 by years (6+), 7 blank years (a remainder), 8 the
	// alternate, 9 participation_rate's numerator (tested + alternate), 10 those who did not
	// test (a remainder), 11 participation_rate's denominator, 12-13 the tested of grades 2 and
	// 3 (level_band_by_grade, the district's only), 14 those of PK (a remainder).
	const parts = 15
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 17))
		minN := 2 + rng.IntN(9)
		schools := 1 + rng.IntN(4)
		m := &model{size: make([]int, (schools+1)*parts)}
		a := New(Options{MinN: minN})
		for s := 1; s <= schools; s++ {
			code := fmt.Sprintf("S%d", s)
			a.School(record.School{DistrictCode: "D1", SchoolCode: code})
			add := func(p int) {
				for _, e := range []int{0, s} {
					if p >= 12 && e > 0 {
						continue // by grade: the district only
					}
					m.size[e*parts+p]++
				}
			}
			tested, alt, notTested := rng.IntN(3*minN+1), rng.IntN(minN+2), rng.IntN(minN+2)
			if rng.IntN(3) == 0 {
				alt = 0
			}
			if rng.IntN(3) == 0 {
				notTested = 0
			}
			for i := 0; i < tested; i++ {
				years := rng.IntN(8)
				if rng.IntN(4) > 0 {
					years = 1 + rng.IntN(2)
				}
				grade, gp := record.Grade(2+rng.IntN(2)), 0
				if rng.IntN(5) == 0 {
					grade, gp = record.GradePK, 14
				} else {
					gp = 12 + int(grade) - 2
				}
				a.Access(record.Access{Year: 2025, SchoolCode: code, Grade: grade, Overall: 30, YearsInProgram: years})
				add(gp)
				yp := 7
				if years > 0 {
					yp = min(years, 6)
				}
				add(0)
				add(yp)
				add(9)
				add(11)
			}
			for i := 0; i < alt; i++ {
				a.Access(record.Access{Year: 2025, SchoolCode: code, Grade: 3, Test: record.AltACCESS, Alt: record.AltP2})
				add(8)
				add(9)
				add(11)
			}
			for i := 0; i < notTested; i++ {
				a.Access(record.Access{Year: 2025, SchoolCode: code, Grade: 3, NotTested: true})
				add(10)
				add(11)
			}
		}
		for e := 0; e <= schools; e++ {
			c := func(p int) int { return e*parts + p }
			m.sums = append(m.sums,
				[]int{c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7)},
				[]int{c(9), c(0), c(8)},
				[]int{c(11), c(9), c(10)})
			if e == 0 {
				m.sums = append(m.sums, []int{c(0), c(12), c(13), c(14)})
			}
		}
		m.sums = append(m.sums, schoolSums(parts, schools, 12)...) // not by grade: the district only
		r := a.Result()
		if r.AuditErr != nil {
			t.Errorf("seed %d: %v", seed, r.AuditErr)
		}
		entity := testEntity
		name := func(i int) string { return fmt.Sprintf("seed %d: %s part %d", seed, entity(i/parts), i%parts) }
		m.published = make([]bool, len(m.size))
		m.protected = make([]bool, len(m.size))
		for i, n := range m.size {
			k := key{entity: entity(i / parts), year: 2025, group: GroupEL}
			den := n
			switch p := i % parts; {
			case p == 0:
				k.metric = metric.Tested
			case p <= 6:
				k.metric, k.cat = metric.ProficientByYears, yearsInProgram[p-1]
			case p == 8:
				k.metric = metric.AltTested
			case p == 9 || p == 11:
				k.metric = metric.ParticipationRate
				den = m.size[i-i%parts+11]
			case p == 12 || p == 13:
				k.metric, k.cat = metric.LevelBandByGrade, metric.GradeBand(fmt.Sprint(p-10), "3.0-3.9")
			default: // remainders
				m.protected[i] = n > 0 && n < minN
				continue
			}
			f, ok := k.lookup(r)
			if ok != (den > 0) {
				t.Errorf("%s: figure present %v for %d students", name(i), ok, den)
				continue
			}
			m.published[i] = ok && !f.Suppressed
			// The numerator may be known (tested + alt_tested) when its figure is hidden.
			m.protected[i] = ok && f.Suppressed && i%parts != 9
			if m.published[i] && (f.Denominator != den || den < minN) {
				t.Errorf("%s: published with denominator %d (true %d, min_n %d)", name(i), f.Denominator, den, minN)
			}
		}
		// Those who did not test are known where participation_rate is published (its
		// denominator minus its numerator), and not known to be none where it is hidden.
		m.unknownZero = make([]bool, len(m.size))
		for i, n := range m.size {
			if i%parts == 10 {
				m.published[i] = m.published[i+1]
				m.unknownZero[i] = m.size[i+1] > 0
				if m.published[i] && n > 0 && n < minN {
					t.Errorf("%s: participation_rate published with %d who did not test (min_n %d)", name(i), n, minN)
				}
			}
		}
		for _, j := range m.derivable(t) {
			t.Errorf("%s (%d students, min_n %d) is derivable from the published figures", name(j), m.size[j], minN)
		}
	}
}
