package compute

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// checkCanonical checks that tb, just built from m, is a basis in canonical form that is a
// solution: each basic column a unit vector, every right-hand side at least 0, the variables
// within their bounds and every row of m holding.
func checkCanonical(t *testing.T, m *lpModel, tb *tableau, what string) {
	t.Helper()
	if len(tb.t) == 0 {
		return
	}
	w := len(tb.t[0]) - 1
	if w != tb.cols {
		t.Fatalf("%s: width %d, cols %d", what, w, tb.cols)
	}
	for i, b := range tb.basis {
		for r, row := range tb.t {
			want := 0.0
			if r == i {
				want = 1
			}
			if math.Abs(row[b]-want) > 1e-9 {
				t.Fatalf("%s: column %d (basic in row %d) is %v in row %d", what, b, i, row[b], r)
			}
		}
		if tb.t[i][w] < -1e-9 {
			t.Fatalf("%s: row %d rhs %v < 0", what, i, tb.t[i][w])
		}
	}
	x := tb.values()
	for j, v := range x {
		if v < float64(m.lower[j])-1e-9 || (m.upper[j] != noUpper && v > float64(m.upper[j])+1e-9) {
			t.Fatalf("%s: x%d = %v outside [%d, %d]", what, j, v, m.lower[j], m.upper[j])
		}
	}
	for k, r := range m.rows {
		s := 0.0
		for q, j := range r.idx {
			s += r.coef[q] * x[j]
		}
		if math.Abs(s-r.rhs) > 1e-7 {
			t.Fatalf("%s: row %d: %v != %v", what, k, s, r.rhs)
		}
	}
}

// TestPhaseOneOwnStart compares newTableau, whose Phase 1 starts rows with a variable of
// their own basic (a reviewer's test of 6737547), with the plain start, every equality row
// with an artificial, on random small programs: many with a variable of a row's own, with
// and without an upper bound, coefficients other than ±1, repeated indices, lower bounds
// above 0, and some infeasible. It checks the same feasibility, a canonical basis that is a
// solution after Phase 1, and the same integer bounds of every variable.
func TestPhaseOneOwnStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	coefs := []float64{-2, -1, -1, 1, 1, 1, 2, 3}
	crashed, skipped := 0, 0
	for iter := 0; iter < 20000; iter++ {
		n := 2 + rng.IntN(6)
		m := &lpModel{lower: make([]int, n), upper: make([]int, n)}
		point := make([]int, n)
		for j := range n {
			m.lower[j] = rng.IntN(3)
			m.upper[j] = noUpper
			if rng.IntN(2) == 0 {
				m.upper[j] = m.lower[j] + rng.IntN(5)
			}
			hi := m.upper[j]
			if hi == noUpper {
				hi = m.lower[j] + 6
			}
			point[j] = m.lower[j] + rng.IntN(hi-m.lower[j]+1)
		}
		nr := 1 + rng.IntN(4)
		perturbed := false // point is then no solution, known no feasible value
		for range nr {
			var r lpRow
			k := 1 + rng.IntN(min(n, 4))
			for range k {
				j := rng.IntN(n)
				if rng.IntN(8) == 0 && len(r.idx) > 0 {
					j = r.idx[0] // a duplicate index now and then
				}
				r.idx = append(r.idx, j)
				r.coef = append(r.coef, coefs[rng.IntN(len(coefs))])
			}
			s := 0.0
			for q, j := range r.idx {
				s += r.coef[q] * float64(point[j])
			}
			r.rhs = s
			if rng.IntN(6) == 0 {
				r.rhs += float64(rng.IntN(7) - 3) // maybe infeasible
				perturbed = true
			}
			m.rows = append(m.rows, r)
		}
		clone := func() *lpModel {
			c := &lpModel{lower: append([]int(nil), m.lower...), upper: append([]int(nil), m.upper...)}
			for _, r := range m.rows {
				c.rows = append(c.rows, lpRow{idx: append([]int(nil), r.idx...), coef: append([]float64(nil), r.coef...), rhs: r.rhs})
			}
			return c
		}
		mo, mn := clone(), clone()
		to, oko := newTableauFrom(mo, false, nil)
		tn, okn := newTableau(mn)
		if oko != okn {
			t.Fatalf("iter %d: feasible with the plain start %v, with its own %v; model %+v", iter, oko, okn, m)
		}
		if !okn || perturbed {
			if okn {
				checkCanonical(t, mn, tn, "own start")
			}
			continue
		}
		checkCanonical(t, mn, tn, "own start")
		if tn.pivots == 0 && to.pivots > 0 {
			skipped++
		}
		if tn.pivots < to.pivots {
			crashed++
		}
		for j := range n {
			for _, sign := range []float64{1, -1} {
				var so, sn lpStats
				bo, eo := to.bound(j, sign, point[j], &so, nil)
				bn, en := tn.bound(j, sign, point[j], &sn, nil)
				if !eo || !en {
					continue
				}
				if bo != bn {
					t.Fatalf("iter %d: bound of x%d sign %v: %d from the plain start, %d from its own; model %+v", iter, j, sign, bo, bn, m)
				}
			}
		}
	}
	t.Logf("%d programs started with fewer Phase 1 pivots, %d with none where there were some", crashed, skipped)
	if crashed == 0 {
		t.Error("no program started with fewer Phase 1 pivots: the test checks nothing of the own start")
	}
}

// TestFloatPool checks that the pool gives zeros of the length asked, in an array of a size
// class, whatever was written into the arrays given back.
func TestFloatPool(t *testing.T) {
	var p floatPool
	for _, n := range []int{1, 2, 3, 7, 8, 9, 100, 1 << 12, 1<<12 + 1} {
		s := p.get(n)
		if len(*s) != n || cap(*s)&(cap(*s)-1) != 0 || cap(*s) < n {
			t.Fatalf("get(%d): len %d cap %d", n, len(*s), cap(*s))
		}
		full := (*s)[:cap(*s)]
		for i := range full {
			full[i] = 1
		}
		p.put(s)
		again := p.get(n)
		for i, v := range *again {
			if v != 0 {
				t.Fatalf("get(%d) after put: [%d] = %v", n, i, v)
			}
		}
		p.put(again)
	}
	var none *floatPool
	if s := none.get(5); len(*s) != 5 {
		t.Errorf("nil pool: len %d", len(*s))
	}
	none.put(none.get(4))
	odd := make([]float64, 3)
	p.put(&odd) // not a size class: dropped
	if s := p.get(3); cap(*s) != 4 {
		t.Errorf("get(3) after a put of cap 3: cap %d, want 4", cap(*s))
	}
}

// TestBoundFromPropagation checks that solver.bound takes a bound from propagation, with no
// program, where propagation reaches a value seen, and solves a program where propagation
// leaves the bound wider than what has been seen.
func TestBoundFromPropagation(t *testing.T) {
	model := func(rows ...lpRow) *auditModel {
		return &auditModel{
			unknowns: []unknown{{truth: 6}, {truth: 4}, {truth: 5}},
			lp:       lpModel{lower: []int{0, 4, 0}, upper: []int{noUpper, 4, noUpper}, rows: rows},
		}
	}
	// x0 + x1 = 10 with x1 fixed at 4: propagation pins x0 at 6, its true value.
	sv := newSolver(model(lpRow{idx: []int{0, 1}, coef: []float64{1, 1}, rhs: 10}))
	if lo, hi, ok := sv.interval(0); !ok || lo != 6 || hi != 6 {
		t.Fatalf("pinned: interval [%d, %d] ok %v, want [6, 6]", lo, hi, ok)
	}
	if sv.stats.programs != 0 {
		t.Errorf("pinned by propagation: %d programs, want none", sv.stats.programs)
	}
	// x0 + x2 = 11 and x0 - x2 = 1 (x0 = 6, x2 = 5): propagation only says x0 <= 11 and
	// x2 <= 11, so the bounds take programs.
	sv = newSolver(model(lpRow{idx: []int{0, 2}, coef: []float64{1, 1}, rhs: 11}, lpRow{idx: []int{0, 2}, coef: []float64{1, -1}, rhs: 1}))
	if lo, hi, ok := sv.interval(0); !ok || lo != 6 || hi != 6 {
		t.Fatalf("pinned by two rows: interval [%d, %d] ok %v, want [6, 6]", lo, hi, ok)
	}
	if sv.stats.programs == 0 {
		t.Errorf("bounds wider by propagation than the true value: no program solved")
	}
}

// TestCloneFromDirtyPool checks that a tableau cloned into arrays the pool gives back
// unzeroed (getDirty) is the clone made into fresh zeros, the new column and the spare row
// included.
func TestCloneFromDirtyPool(t *testing.T) {
	m := &lpModel{lower: []int{0, 1, 0, 0}, upper: []int{5, noUpper, 3, 2}, rows: []lpRow{
		{idx: []int{0, 1, 2}, coef: []float64{1, 1, -1}, rhs: 4},
		{idx: []int{1, 3}, coef: []float64{2, 1}, rhs: 5},
	}}
	tb, ok := newTableau(m)
	if !ok {
		t.Fatal("infeasible")
	}
	want := tb.clone(1)
	var p floatPool
	for c := range 12 { // arrays of every size class a clone of this tableau can take, all NaN
		s := make([]float64, 1<<c)
		for i := range s {
			s[i] = math.NaN()
		}
		p.put(&s)
	}
	tb.pool = &p
	got := tb.clone(1)
	if full := (*got.backing)[:cap(*got.backing)]; len(full) == len(*got.backing) || !math.IsNaN(full[len(full)-1]) {
		t.Skip("the pool gave a new array (a collection emptied it): nothing to check")
	}
	same := func(what string, a, b []float64) {
		if len(a) != len(b) {
			t.Fatalf("%s: %d columns, want %d", what, len(a), len(b))
		}
		for j := range a {
			if a[j] != b[j] { // NaN != NaN
				t.Errorf("%s[%d] = %v, want %v", what, j, a[j], b[j])
			}
		}
	}
	for i := range want.t {
		same(fmt.Sprintf("row %d", i), got.t[i], want.t[i])
	}
	same("spare", got.spare, want.spare)
}

// TestNoPivotOnRoundingError checks that the primal simplex does not take an entry that is a
// zero computed inexactly for a pivot. Maximising x0 over x1 + x0 = 3 and x2 + x3 = 0 enters
// x0; the second row's entry under x0 and its right-hand side are set to what rounding leaves
// of zeros (5e-9 and -5e-10). Pivoting there, as the ratio test did before pivotTol, makes x0
// -0.1 and multiplies the row by a billion; the optimum is x0 = 3.
func TestNoPivotOnRoundingError(t *testing.T) {
	tb := roundingTableau(t)
	if tb.basis[0] != 1 || tb.basis[1] != 2 {
		t.Fatalf("basis %v, want x1 and x2 basic (the test's premise)", tb.basis)
	}
	w := tb.width()
	tb.t[1][0], tb.t[1][w] = 5e-9, -5e-10
	if st := tb.solve(tb.cost(0, -1)); st != lpOptimal {
		t.Fatalf("status %d, want optimal", st)
	}
	if x := tb.values(); math.Abs(x[0]-3) > 1e-9 || math.Abs(x[1]) > 1e-9 {
		t.Errorf("x = %v, want x0 = 3, x1 = 0", x)
	}
}

// TestBrokenTableauBuiltAgain checks that an optimum that does not hold the model (a tableau
// corrupted by rounding errors, simulated by adding 3 to its right-hand sides) is not taken
// for a value seen: the program is lpBroken, the solver builds the tableau again, and the
// interval is the true one. Without the check, the corrupted optimum would widen x0's
// interval, [6, 6], and the auditor would find a pinned count unpinned.
func TestBrokenTableauBuiltAgain(t *testing.T) {
	am := &auditModel{
		unknowns: []unknown{{truth: 6}, {truth: 5}},
		lp: lpModel{lower: []int{0, 0}, upper: []int{noUpper, noUpper}, rows: []lpRow{
			{idx: []int{0, 1}, coef: []float64{1, 1}, rhs: 11},
			{idx: []int{0, 1}, coef: []float64{1, -1}, rhs: 1},
		}},
	}
	sv := newSolver(am)
	tb, ok := sv.tableau(0)
	if !ok {
		t.Fatal("infeasible")
	}
	w := tb.width()
	for _, row := range tb.t {
		row[w] += 3
	}
	if tb.model.holds(tb.values()) {
		t.Fatal("the corrupted tableau's point holds the model: nothing to check")
	}
	lo, hi, ok := sv.interval(0)
	if !ok || lo != 6 || hi != 6 {
		t.Errorf("interval [%d, %d] ok %v, want [6, 6]", lo, hi, ok)
	}
	if sv.stats.rebuilt == 0 {
		t.Errorf("no tableau built again")
	}
	if sv.seenLo[0] != 6 || sv.seenHi[0] != 6 {
		t.Errorf("values seen [%d, %d], want only 6", sv.seenLo[0], sv.seenHi[0])
	}
}

// TestNoInfeasibleFromRoundingError checks that the dual simplex does not take a right-hand
// side that is a 0 computed inexactly (-2e-9, just past lpEps) for an infeasible row. Over
// x1 + x0 = 3 and x2 + x3 = 0, the second row's right-hand side is set so; its entries are
// not negative, so before primalTol the dual simplex called the program infeasible, and the
// auditor took a program the true counts solve for infeasible (and a branch of branch and
// bound for one to prune). The optimum is x0 = 3.
func TestNoInfeasibleFromRoundingError(t *testing.T) {
	tb := roundingTableau(t)
	tb.t[1][tb.width()] = -2e-9
	if st := tb.solve(tb.cost(0, -1)); st != lpOptimal {
		t.Fatalf("status %d, want optimal", st)
	}
	if x := tb.values(); math.Abs(x[0]-3) > 1e-9 {
		t.Errorf("x = %v, want x0 = 3", x)
	}
	// A row well below 0 with no negative entry is infeasible.
	tb.t[1][tb.width()] = -0.5
	if st := tb.solve(tb.cost(0, -1)); st != lpInfeasible {
		t.Errorf("right-hand side -0.5, no negative entry: status %d, want infeasible", st)
	}
}

// roundingTableau returns the tableau of x1 + x0 = 3 and x2 + x3 = 0 over counts, for the
// tests of rounding errors.
func roundingTableau(t *testing.T) *tableau {
	t.Helper()
	m := &lpModel{lower: []int{0, 0, 0, 0}, upper: []int{noUpper, noUpper, noUpper, noUpper}, rows: []lpRow{
		{idx: []int{1, 0}, coef: []float64{1, 1}, rhs: 3},
		{idx: []int{2, 3}, coef: []float64{1, 1}, rhs: 0},
	}}
	tb, ok := newTableau(m)
	if !ok {
		t.Fatal("infeasible")
	}
	return tb
}
