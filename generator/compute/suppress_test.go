package compute

import (
	"elreport/generator/metric"

	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"elreport/generator/record"
)

// cohortGroups adds, per school, cohort members of EL, FormerEL and NonEL (all graduated).
func cohortGroups(a *Aggregator, year int, sizes map[string][3]int) {
	for school, n := range sizes {
		for status, members := range n {
			cohortRows(a, year, school, record.ELStatus(status), members, 0)
		}
	}
}

func TestSuppression(t *testing.T) {
	gr := func(entity, group string) key { return key{entity, 2025, "graduation_rate", group, ""} }
	tests := []struct {
		name               string
		minN               int
		sizes              map[string][3]int // school -> EL, FormerEL, NonEL cohort members
		suppressed, shown  []key
		ignoreOtherFigures bool
	}{
		{
			name:  "a group of exactly min_n is published",
			minN:  10,
			sizes: map[string][3]int{"S1": {10, 12, 30}},
			shown: []key{gr("S1", GroupEL), gr("S1", GroupFormerEL), gr("S1", GroupNonEL), gr("S1", GroupAll), gr("D1", GroupEL)},
		},
		{
			// EL 9 < 10 is suppressed. All = EL + FormerEL + NonEL would give it away, so the
			// smallest other group (FormerEL 12) is suppressed too; the district, which is the
			// one school, follows.
			name:       "a group of min_n-1 is suppressed with a second cell",
			minN:       10,
			sizes:      map[string][3]int{"S1": {9, 12, 30}},
			suppressed: []key{gr("S1", GroupEL), gr("S1", GroupFormerEL), gr("D1", GroupEL), gr("D1", GroupFormerEL)},
			shown:      []key{gr("S1", GroupNonEL), gr("S1", GroupAll), gr("D1", GroupNonEL), gr("D1", GroupAll)},
		},
		{
			// S1 EL 9 is suppressed. S1 All = EL + NonEL: hide S1 NonEL. District EL = S1 EL +
			// S2 EL: hide S2 EL (a school before the district). District NonEL = S1 NonEL + S2
			// NonEL: hide S2 NonEL. The four hidden cells form a 2x2 table with published
			// margins, which has a free parameter: nothing is derivable.
			name:       "schools add up to the district",
			minN:       10,
			sizes:      map[string][3]int{"S1": {9, 0, 30}, "S2": {20, 0, 30}},
			suppressed: []key{gr("S1", GroupEL), gr("S1", GroupNonEL), gr("S2", GroupEL), gr("S2", GroupNonEL)},
			shown:      []key{gr("S1", GroupAll), gr("S2", GroupAll), gr("D1", GroupEL), gr("D1", GroupNonEL), gr("D1", GroupAll)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fixture(Options{MinN: tt.minN}, "S1", "S2")
			cohortGroups(a, 2025, tt.sizes)
			r := a.Result()
			checkSuppressed(t, r, true, tt.suppressed...)
			checkSuppressed(t, r, false, tt.shown...)
			// Both figures of a cell go together.
			for _, f := range r.Figures {
				if f.Metric != "cohort_dropout_rate" {
					continue
				}
				g, _ := key{f.EntityCode, f.Year, "graduation_rate", f.Group, ""}.lookup(r)
				if g.Suppressed != f.Suppressed {
					t.Errorf("%s %s: graduation_rate suppressed %v, cohort_dropout_rate %v", f.EntityCode, f.Group, g.Suppressed, f.Suppressed)
				}
			}
		})
	}
}

func TestSuppressionKeepsAPopulationTogether(t *testing.T) {
	a := fixture(Options{MinN: 5}, "S1")
	for i := 0; i < 3; i++ {
		a.Access(access(45, record.ProgressYes, 50, 70, 7, 3, record.SEI))
	}
	r := a.Result()
	var keys []key
	for _, e := range []string{"S1", "D1"} {
		for _, m := range []struct {
			metric metric.ID
			cat    string
		}{
			{"tested", ""}, {"level_band", "4.0-4.9"}, {"level_band", "1.0-1.9"}, {"proficient", ""}, {"long_term_el", ""},
			{"making_progress", ""}, {"not_meeting_benchmark", ""}, {"sgpa_median", ""}, {"growth_band", "typical"},
			{"high_difficulty", ""}, {"proficient_by_years", "6+"}, {"making_progress_by_program", "SEI"},
		} {
			keys = append(keys, key{e, 2025, m.metric, GroupEL, m.cat})
		}
	}
	checkSuppressed(t, r, true, keys...)
}

func TestSuppressionOfParts(t *testing.T) {
	// 12 ELs with a progress indicator: 10 in SEI, 2 in TBE; all grade 3, 1 year in program.
	a := fixture(Options{MinN: 5}, "S1")
	for i := 0; i < 12; i++ {
		program := record.SEI
		if i >= 10 {
			program = record.TBE
		}
		a.Access(access(30, record.ProgressYes, 0, 0, 1, 3, program))
	}
	r := a.Result()
	k := func(entity string, id metric.ID, cat string) key { return key{entity, 2025, id, GroupEL, cat} }
	// TBE 2 < 5. The programs add up to making_progress's 12, so SEI (a part, preferred to the
	// total) is suppressed too; in the district (the same school) likewise.
	checkSuppressed(t, r, true,
		k("S1", "making_progress_by_program", "TBE"), k("S1", "making_progress_by_program", "SEI"),
		k("D1", "making_progress_by_program", "TBE"), k("D1", "making_progress_by_program", "SEI"))
	checkSuppressed(t, r, false,
		k("S1", "making_progress", ""), k("S1", "making_progress_by_years", "1"), k("S1", "making_progress_by_span", "K-5"),
		k("D1", "making_progress", ""))
}

func TestSuppressedGaps(t *testing.T) {
	a := fixture(Options{MinN: 5}, "S1")
	cohortGroups(a, 2024, map[string][3]int{"S1": {3, 10, 10}})
	cohortGroups(a, 2025, map[string][3]int{"S1": {10, 10, 10}})
	r := a.Result()
	k := func(year int, id metric.ID, group string) key { return key{"S1", year, id, group, ""} }
	// 2024: EL 3 < 5, and FormerEL as its complement: both gaps are suppressed.
	checkSuppressed(t, r, true, k(2024, "graduation_rate_gap", GroupEL), k(2024, "graduation_rate_gap", GroupFormerEL))
	// 2025 gaps are published, but their changes need the suppressed 2024 gaps.
	checkSuppressed(t, r, false, k(2025, "graduation_rate_gap", GroupEL), k(2025, "graduation_rate_gap", GroupFormerEL))
	checkSuppressed(t, r, true, k(2025, "graduation_rate_gap_change", GroupEL), k(2025, "graduation_rate_gap_change", GroupFormerEL))
	if f, _ := k(2024, "graduation_rate_gap", GroupEL).lookup(r); f.Wide {
		t.Errorf("suppressed gap is Wide")
	}
}

// The property tests below feed random tables through the Aggregator and check, with their
// own model of the sums and exact integer arithmetic, that every published figure has at
// least min_n students and that no suppressed cell is determined by the published ones; and
// that Result's final audit passed (audit_test.go checks the audit itself against brute
// force).

// model is a test's own picture of a suppression table: cell sizes and the sums between them.
type model struct {
	size      []int
	published []bool // has a figure that is not suppressed
	protected []bool // must not be derivable: a suppressed figure, or a small remainder
	sums      [][]int
	// unknownZero marks cells of no students that a reader does not know to be empty (a
	// remainder of an unpublished total); nil when none.
	unknownZero []bool
}

// derivable returns the protected cells whose value the published cells and the sums
// determine: cell j is determined when dropping its column lowers the rank of the hidden
// cells' columns (its column is not in the span of the others).
func (m *model) derivable(t *testing.T) []int {
	t.Helper()
	var hidden []int
	for i, n := range m.size {
		if (n > 0 || m.unknownZero != nil && m.unknownZero[i]) && !m.published[i] {
			hidden = append(hidden, i)
		}
	}
	matrix := func(cols []int) [][]int64 {
		var rows [][]int64
		for _, sum := range m.sums {
			row := make([]int64, len(cols))
			zero := true
			for c, cell := range cols {
				for k, s := range sum {
					if s == cell {
						// The first cell of a sum is its total.
						if k == 0 {
							row[c]++
						} else {
							row[c]--
						}
						zero = false
					}
				}
			}
			if !zero {
				rows = append(rows, row)
			}
		}
		return rows
	}
	full := exactRank(t, matrix(hidden))
	var out []int
	for _, j := range hidden {
		if !m.protected[j] {
			continue
		}
		others := slices.DeleteFunc(slices.Clone(hidden), func(c int) bool { return c == j })
		if exactRank(t, matrix(others)) < full {
			out = append(out, j)
		}
	}
	return out
}

// exactRank is the rank of an integer matrix by fraction-free (Bareiss) elimination, where
// every division is exact.
func exactRank(t *testing.T, m [][]int64) int {
	t.Helper()
	if len(m) == 0 || len(m[0]) == 0 {
		return 0
	}
	a := make([][]int64, len(m))
	for i := range m {
		a[i] = slices.Clone(m[i])
	}
	rank, prev := 0, int64(1)
	for c := 0; c < len(a[0]) && rank < len(a); c++ {
		p := slices.IndexFunc(a[rank:], func(row []int64) bool { return row[c] != 0 })
		if p < 0 {
			continue
		}
		a[rank], a[rank+p] = a[rank+p], a[rank]
		piv := a[rank]
		limit := int64(0)
		for _, v := range piv[c:] {
			limit = max(limit, abs(v))
		}
		for _, row := range a[rank+1:] {
			if row[c] == 0 && piv[c] == prev {
				continue // (piv[c]*row[j] - 0) / prev leaves the row as it is
			}
			for j := c + 1; j < len(row); j++ {
				if limit > 1<<30 || abs(row[j]) > 1<<30 || abs(row[c]) > 1<<30 {
					t.Fatalf("exactRank: entries too large")
				}
				v := piv[c]*row[j] - row[c]*piv[j]
				if prev != 1 {
					if v%prev != 0 {
						t.Fatalf("exactRank: inexact division")
					}
					v /= prev
				}
				row[j] = v
			}
			row[c] = 0
		}
		prev = piv[c]
		rank++
	}
	return rank
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// checkModel checks a model against a result: figures exist where cells do, published ones
// have the right size of at least min_n, and no protected cell is derivable. Cells for which
// remainder is true have no figure; they are protected when smaller than min_n.
func checkModel(t *testing.T, m *model, minN int, remainder func(cell int) bool, figure func(cell int) (Figure, bool), name func(cell int) string) {
	t.Helper()
	m.published = make([]bool, len(m.size))
	m.protected = make([]bool, len(m.size))
	for i, n := range m.size {
		if remainder(i) {
			m.protected[i] = n > 0 && n < minN
			continue
		}
		f, ok := figure(i)
		if ok != (n > 0) {
			t.Errorf("%s: figure present %v for %d students", name(i), ok, n)
			continue
		}
		m.published[i] = ok && !f.Suppressed
		m.protected[i] = ok && f.Suppressed
		if m.published[i] && (f.Denominator != n || n < minN) {
			t.Errorf("%s: published with denominator %d (true %d, min_n %d)", name(i), f.Denominator, n, minN)
		}
	}
	for _, j := range m.derivable(t) {
		t.Errorf("%s (%d students, min_n %d) is derivable from the published figures", name(j), m.size[j], minN)
	}
}

func TestSuppressionPropertyEWIS(t *testing.T) {
	// Cells: entity e (0 the district, 1.. schools) x group g (EL, FormerEL, NonEL, All) x
	// part p (0 all, 1-4 the age groups, 5 grades without an age group).
	grades := [5]record.Grade{record.GradeK, 2, 5, 8, 11} // by part-1 ... and K for part 5
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		minN := 2 + rng.IntN(11)
		schools := 1 + rng.IntN(4)
		cell := func(e, g, p int) int { return (e*4+g)*6 + p }
		m := &model{size: make([]int, (schools+1)*4*6)}
		a := New(Options{MinN: minN})
		for s := 1; s <= schools; s++ {
			code := fmt.Sprintf("S%d", s)
			a.School(record.School{DistrictCode: "D1", SchoolCode: code})
			for g := 0; g < 3; g++ {
				for age := 0; age < 5; age++ {
					n := 0
					if rng.IntN(3) > 0 {
						n = 1 + rng.IntN(2*minN)
					}
					p := age
					if age == 0 {
						p = 5
					}
					for _, c := range []int{cell(s, g, p), cell(s, g, 0), cell(s, 3, p), cell(s, 3, 0), cell(0, g, p), cell(0, g, 0), cell(0, 3, p), cell(0, 3, 0)} {
						m.size[c] += n
					}
					for i := 0; i < n; i++ {
						a.EWIS(record.EWIS{Year: 2025, SchoolCode: code, Grade: grades[age], Risk: record.Risk(rng.IntN(3)), Status: record.ELStatus(g)})
					}
				}
			}
		}
		for e := 0; e <= schools; e++ {
			for p := 0; p < 6; p++ { // All = EL + FormerEL + NonEL
				m.sums = append(m.sums, []int{cell(e, 3, p), cell(e, 0, p), cell(e, 1, p), cell(e, 2, p)})
			}
			for g := 0; g < 4; g++ { // all = the age groups + the rest
				m.sums = append(m.sums, []int{cell(e, g, 0), cell(e, g, 1), cell(e, g, 2), cell(e, g, 3), cell(e, g, 4), cell(e, g, 5)})
			}
		}
		for g := 0; g < 4; g++ { // the district = its schools
			for p := 0; p < 6; p++ {
				sum := []int{cell(0, g, p)}
				for s := 1; s <= schools; s++ {
					sum = append(sum, cell(s, g, p))
				}
				m.sums = append(m.sums, sum)
			}
		}
		r := a.Result()
		if r.AuditErr != nil {
			t.Errorf("seed %d: %v", seed, r.AuditErr)
		}
		parts := func(i int) (e, g, p int) { return i / 24, i / 6 % 4, i % 6 }
		entity := func(e int) key {
			if e == 0 {
				return key{entity: "D1", year: 2025}
			}
			return key{entity: fmt.Sprintf("S%d", e), year: 2025}
		}
		figure := func(i int) (Figure, bool) {
			e, g, p := parts(i)
			k := entity(e)
			k.group = groupNames[g]
			switch {
			case p == 0:
				k.metric, k.cat = "ewis_risk", "High"
			default:
				k.metric, k.cat = "ewis_high_by_age", ewisAgeGroups[p-1]
			}
			return k.lookup(r)
		}
		name := func(i int) string {
			e, g, p := parts(i)
			return fmt.Sprintf("seed %d: %s %s part %d", seed, entity(e).entity, groupNames[g], p)
		}
		checkModel(t, m, minN, func(i int) bool { return i%6 == 5 }, figure, name)
	}
}

func TestSuppressionPropertyProgress(t *testing.T) {
	// Cells: entity e x part p: 0 all ELs with a progress indicator, 1-6 years in program
	// (6 = 6+), 7 blank years, 8-10 grade spans, 11-15 programs (SEI, TBE, DualLanguage, Other,
	// None).
	spanGrades := [3]record.Grade{2, 7, 10}
	programOf := [5]record.Program{record.SEI, record.TBE, record.DualLanguage, record.OtherProgram, record.NoProgram}
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		minN := 2 + rng.IntN(11)
		schools := 1 + rng.IntN(4)
		const parts = 16
		m := &model{size: make([]int, (schools+1)*parts)}
		a := New(Options{MinN: minN})
		weights := func(n int) []int {
			w := make([]int, n)
			for i := range w {
				w[i] = rng.IntN(4)
			}
			w[rng.IntN(n)]++
			return w
		}
		pick := func(w []int) int {
			x := rng.IntN(sum(w))
			for i, v := range w {
				if x < v {
					return i
				}
				x -= v
			}
			panic("unreachable")
		}
		for s := 1; s <= schools; s++ {
			code := fmt.Sprintf("S%d", s)
			a.School(record.School{DistrictCode: "D1", SchoolCode: code})
			yw, sw, pw := weights(8), weights(3), weights(5) // years 0 (blank) .. 7
			for i, n := 0, rng.IntN(4*minN+1); i < n; i++ {
				years, span, program := pick(yw), pick(sw), pick(pw)
				progress := record.Progress(1 + rng.IntN(2))
				if rng.IntN(10) == 0 {
					progress = record.NoIndicator // not in any cell
				}
				a.Access(record.Access{Year: 2025, SchoolCode: code, Grade: spanGrades[span], Overall: 30,
					Progress: progress, YearsInProgram: years, Program: programOf[program]})
				if progress == record.NoIndicator {
					continue
				}
				yearsPart := 7
				if years > 0 {
					yearsPart = min(years, 6)
				}
				for _, e := range []int{0, s} {
					for _, p := range []int{0, yearsPart, 8 + span, 11 + program} {
						m.size[e*parts+p]++
					}
				}
			}
		}
		for e := 0; e <= schools; e++ {
			c := func(p int) int { return e*parts + p }
			m.sums = append(m.sums,
				[]int{c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7)},
				[]int{c(0), c(8), c(9), c(10)},
				[]int{c(0), c(11), c(12), c(13), c(14), c(15)})
		}
		m.sums = append(m.sums, schoolSums(parts, schools, parts)...)
		r := a.Result()
		if r.AuditErr != nil {
			t.Errorf("seed %d: %v", seed, r.AuditErr)
		}
		entity := testEntity
		figure := func(i int) (Figure, bool) {
			k := key{entity: entity(i / parts), year: 2025, group: GroupEL}
			switch p := i % parts; {
			case p == 0:
				k.metric = "making_progress"
			case p <= 6:
				k.metric, k.cat = "making_progress_by_years", yearsInProgram[p-1]
			case p <= 10:
				k.metric, k.cat = "making_progress_by_span", gradeSpans[p-8]
			default:
				k.metric, k.cat = "making_progress_by_program", programs[p-11]
			}
			return k.lookup(r)
		}
		name := func(i int) string { return fmt.Sprintf("seed %d: %s part %d", seed, entity(i/parts), i%parts) }
		checkModel(t, m, minN, func(i int) bool { return i%parts == 7 }, figure, name)
	}
}

// TestAuditMatchesExactRank compares the production audit (floating-point elimination) with
// the exact rank test on random tables and random sets of hidden cells.
func TestAuditMatchesExactRank(t *testing.T) {
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		sh, parts := famEWIS.shape(), 6
		if seed%2 == 0 {
			sh, parts = famProgress.shape(), 16
		}
		var pops []population
		var idx []int
		schools := 1 + rng.IntN(4)
		for e := 0; e <= schools; e++ {
			for g := groupEL; g <= groupAll; g++ {
				if !sh.groups && g != groupEL {
					continue
				}
				for p := 0; p < parts; p++ {
					if rng.IntN(4) == 0 {
						continue
					}
					idx = append(idx, len(pops))
					pops = append(pops, population{entity: e, group: g, part: p, size: 1 + rng.IntN(30)})
				}
			}
		}
		tb := newTable(sh, pops, idx)
		m := &model{size: tb.size, published: make([]bool, len(idx)), protected: make([]bool, len(idx))}
		for _, con := range tb.cons {
			m.sums = append(m.sums, append([]int{con.total}, con.parts...))
		}
		for i := range idx {
			tb.unknown[i] = rng.IntN(3) == 0
			m.published[i] = !tb.unknown[i]
			m.protected[i] = tb.unknown[i]
		}
		got := tb.recoverable()
		want := m.derivable(t)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("seed %d: audit finds %v derivable, exact rank %v", seed, got, want)
		}
	}
}
