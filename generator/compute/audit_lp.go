package compute

import (
	"math"
	"math/bits"
	"slices"
	"sync"
)

// This file is the auditor's linear programming: a dense simplex method small enough to read,
// used to find the interval [lo, hi] of each unknown of a component (see audit.go).
//
// gonum's lp.Simplex would do for one program, but it starts every program from scratch
// (Phase 1 included), needs A of full row rank, and solves an m×m system at every step. The
// auditor asks one component for the minimum and the maximum of each of its unknowns, dozens
// of objectives over the same feasible region, so this solver finds a feasible basis once and
// re-optimises from the previous optimum for each objective (usually a few pivots).

// lpEps is the tolerance of the simplex: entries and reduced costs within it count as zero.
// The data are small integers (counts) and coefficients 0 and ±1, so the tableau holds small
// rationals, far from it.
const lpEps = 1e-9

// pivotTol is the smallest entry the simplex pivots on. The tableau's entries are small
// rationals or zero, and a zero computed inexactly is a few units in the last place of its
// row's other entries: pivoting on one, a 1e-9 taken for a coefficient, multiplies the rows by
// a billion and the next pivots work on noise (a district of small schools at min_n 20 spent
// minutes in one program so). An entry within it counts as zero in the ratio tests.
const pivotTol = 1e-7

// primalTol is how far below 0 a basic variable may be and still count as 0: a 0 computed
// inexactly is about 1e-9 in these tableaus (the right-hand sides are counts of thousands),
// just past lpEps, and the dual simplex took one for an infeasible row with no negative entry,
// reporting programs infeasible that the true counts solve. A branch's bound is below its
// variable's value by at least intTol, far past it.
const primalTol = 1e-7

// infeasTol is how far below 0 a row with no negative entry must be for the dual simplex to
// call the program infeasible; between primalTol and it, rounding errors could be the cause,
// and the program is lpBroken.
const infeasTol = 1e-6

// intTol is the tolerance within which an optimum counts as a whole number when it is rounded
// to the integer interval (lo up, hi down).
const intTol = 1e-6

// noUpper is the upper bound of a variable without one, and the hi of an unbounded interval.
const noUpper = math.MaxInt

// lpModel is a linear program over integer variables x_j with lower[j] <= x_j <= upper[j]
// (upper noUpper when there is none) and equality rows.
type lpModel struct {
	lower, upper []int
	rows         []lpRow
}

// lpRow says sum(coef[k] * x[idx[k]]) = rhs.
type lpRow struct {
	idx  []int
	coef []float64
	rhs  float64
	// pub marks a row made with a published value (the auditor's bookkeeping).
	pub bool
}

func (m *lpModel) clone() *lpModel {
	c := &lpModel{lower: append([]int(nil), m.lower...), upper: append([]int(nil), m.upper...), rows: m.rows}
	return c
}

// tableau is a simplex tableau in standard form over y >= 0, where y_j = x_j - lower_j for
// the model's variables, followed by one slack per finite upper bound.
type tableau struct {
	model  *lpModel
	nVars  int         // the model's variables: columns 0..nVars-1
	cols   int         // columns, slacks included (artificials are dropped after Phase 1)
	t      [][]float64 // rows × (cols+1); the last entry of a row is its right-hand side
	basis  []int       // basic column of each row
	d      []float64   // reduced costs of the current objective
	pivots int
	spare  []float64 // room for a row (see clone)
	nz     []int     // the pivot row's non-zero columns, reused by each pivot
	// costBuf, dBuf and xBuf are reused by cost, reducedCosts and values: a tableau solves
	// many programs, one at a time, and the audit of a state allocated gigabytes of them.
	costBuf, dBuf, xBuf []float64
	// backing holds the rows; from pool, to which release returns it (nil pool: the garbage
	// collector's).
	backing *[]float64
	pool    *floatPool
	// broken says a program on the tableau, or on a branch of it, was lpBroken: the solver
	// builds the tableau again (see solver.bound).
	broken bool
}

// floatPool recycles the backing arrays of tableaus, by size class (a power of two). A group's
// programs are solved and dropped, and the next group's are of the same sizes: allocated anew,
// they were 0.47 of the 1.66 GB BenchmarkSuppressionWithAudit allocated on 200 schools, and
// the collector took a fifth of its CPU time. The zero value is ready to use; a nil pool
// allocates.
type floatPool struct{ classes [64]sync.Pool }

// get returns n zeros, in the array *s, which put takes back (the pool keeps the pointer, so
// that giving an array back allocates nothing).
func (p *floatPool) get(n int) *[]float64 {
	s := p.getDirty(n)
	clear(*s)
	return s
}

// getDirty is get without the zeros: the array holds what its last user left, for a caller
// that writes every element (clone). Zeroing the copies of branch and bound was a tenth of
// the audit of a district of small schools at min_n 20.
func (p *floatPool) getDirty(n int) *[]float64 {
	if p == nil || n == 0 {
		s := make([]float64, n)
		return &s
	}
	c := bits.Len(uint(n - 1)) // 1<<c >= n
	if s, ok := p.classes[c].Get().(*[]float64); ok {
		*s = (*s)[:n]
		return s
	}
	s := make([]float64, n, 1<<c)
	return &s
}

// put gives *s back for another get; it must not be used after.
func (p *floatPool) put(s *[]float64) {
	if p == nil || s == nil || cap(*s) == 0 {
		return
	}
	c := bits.Len(uint(cap(*s) - 1))
	if cap(*s) != 1<<c {
		return // not one of get's
	}
	p.classes[c].Put(s)
}

// release gives the tableau's rows back to its pool: the tableau must not be used after.
func (tb *tableau) release() {
	if tb == nil {
		return
	}
	tb.pool.put(tb.backing)
	tb.backing, tb.t, tb.spare = nil, nil, nil
}

// scratch returns buf resized to n and zeroed, reallocated only when too small.
func scratch(buf *[]float64, n int) []float64 {
	if cap(*buf) < n {
		*buf = make([]float64, n)
		return *buf
	}
	s := (*buf)[:n]
	clear(s)
	return s
}

// newTableau builds the standard form of m and finds a feasible basis (Phase 1). It returns
// false when the model is infeasible.
func newTableau(m *lpModel) (*tableau, bool) { return newTableauFrom(m, true, nil) }

// newTableauFrom is newTableau, its rows from pool (see release); with own false, Phase 1
// starts every equality row with an artificial (the plain start, which tests compare the
// other with).
func newTableauFrom(m *lpModel, own bool, pool *floatPool) (*tableau, bool) {
	n := len(m.lower)
	type slack struct{ v, ub int }
	var slacks []slack
	for j := 0; j < n; j++ {
		if m.upper[j] != noUpper {
			if m.upper[j] < m.lower[j] {
				return nil, false // before any row is taken from pool
			}
			slacks = append(slacks, slack{j, m.upper[j] - m.lower[j]})
		}
	}
	cols := n + len(slacks)
	nEq := len(m.rows)
	nRows := nEq + len(slacks)
	width := cols + 1 // the artificials of Phase 1 have no column (see below)
	tb := &tableau{model: m, nVars: n, cols: cols, pool: pool}
	tb.t = make([][]float64, nRows)
	tb.backing = pool.get(nRows * width)
	backing := *tb.backing
	for i := range tb.t {
		tb.t[i] = backing[i*width : (i+1)*width : (i+1)*width]
	}
	for i, r := range m.rows {
		row := tb.t[i]
		rhs := r.rhs
		for k, j := range r.idx {
			row[j] += r.coef[k]
			rhs -= r.coef[k] * float64(m.lower[j])
		}
		row[width-1] = rhs
	}
	for s, sl := range slacks {
		row := tb.t[len(m.rows)+s]
		row[sl.v] = 1
		row[n+s] = 1
		row[width-1] = float64(sl.ub)
	}
	if nRows == 0 {
		return tb, true // nothing but lower bounds
	}
	// Phase 1: an artificial variable per equality row, right-hand sides made non-negative. A
	// bound's row starts with its slack basic (its column is a unit vector and its right-hand
	// side, upper minus lower, is not negative): no artificial, no Phase 1 pivot for it. The
	// bound rows are most rows, so this halves Phase 1.
	//
	// An equality row with a variable of its own (in no other row, with no upper bound: the
	// slack of x <= y, say) whose sign is the right-hand side's starts with that variable
	// basic, at the right-hand side, and needs no artificial either. (Taking a variable with an
	// upper bound too, eliminated from its bound's row, saved not one pivot in the audit of
	// 200 schools: there, such a count is in two relations or more.)
	//
	// The artificials have a basis entry (cols+i for row i) and a cost, but no column. Entering
	// columns are chosen among the others, so an artificial that leaves the basis never comes
	// back: the program without it has the same feasible points with every artificial 0, so
	// Phase 1 still reaches 0 when there are any. A basic artificial's column is a unit vector
	// that no pivot changes (the pivot row has 0 in it). Stored, the columns filled in with
	// every pivot, and updating them was most of Phase 1's work.
	inRows := make([]int, cols)
	for _, r := range m.rows {
		for _, j := range r.idx {
			inRows[j]++
		}
	}
	tb.basis = make([]int, nRows)
	cost := make([]float64, cols+nEq) // by basis entry: the artificials' too
	artificials := 0
	for i, row := range tb.t {
		if i >= nEq {
			tb.basis[i] = n + i - nEq
			continue
		}
		rhs := row[width-1]
		basic := -1
		for _, j := range m.rows[i].idx {
			if own && inRows[j] == 1 && m.upper[j] == noUpper && row[j] != 0 && (rhs == 0 || (rhs > 0) == (row[j] > 0)) {
				basic = j
				break
			}
		}
		if basic >= 0 {
			inv := 1 / row[basic]
			for k := range row {
				row[k] *= inv
			}
			row[basic] = 1
			tb.basis[i] = basic
			continue
		}
		if rhs < 0 {
			for k := range row {
				row[k] = -row[k]
			}
		}
		tb.basis[i] = cols + i
		cost[cols+i] = 1
		artificials++
	}
	if artificials > 0 {
		if tb.optimize(cost, cols) != lpOptimal {
			// Unbounded cannot happen (Phase 1 is bounded below by 0); a program that runs
			// past its pivots (lpBroken) is taken as infeasible, which the auditor reports
			// as undecided.
			tb.release()
			return nil, false
		}
		if tb.objective(cost) > 1e-7 {
			tb.release()
			return nil, false
		}
	}
	// Drive the artificials out of the basis; a row where that is impossible is redundant.
	keep := tb.t[:0]
	var keepBasis []int
	for i, row := range tb.t {
		if tb.basis[i] >= cols {
			k := -1
			for j := 0; j < cols; j++ {
				if math.Abs(row[j]) > pivotTol {
					k = j
					break
				}
			}
			if k < 0 {
				continue // redundant row
			}
			tb.pivot(i, k)
		}
	}
	for i, row := range tb.t {
		if tb.basis[i] >= cols {
			continue
		}
		keep = append(keep, row)
		keepBasis = append(keepBasis, tb.basis[i])
	}
	tb.t, tb.basis = keep, keepBasis
	return tb, true
}

// width is the number of columns before the right-hand side.
func (tb *tableau) width() int { return tb.cols }

// objective returns cost · y at the current basis.
func (tb *tableau) objective(cost []float64) float64 {
	v := 0.0
	for i, b := range tb.basis {
		v += cost[b] * tb.t[i][len(tb.t[i])-1]
	}
	return v
}

// pivot makes column k basic in row r.
func (tb *tableau) pivot(r, k int) {
	tb.pivots++
	pr := tb.t[r]
	inv := 1 / pr[k]
	nz := tb.nz[:0]
	for j := range pr {
		if pr[j] != 0 {
			pr[j] *= inv
			if math.Abs(pr[j]) < 1e-12 {
				pr[j] = 0
				continue
			}
			nz = append(nz, j)
		}
	}
	pr[k] = 1
	elim := func(row []float64) {
		f := row[k]
		if f == 0 {
			return
		}
		for _, j := range nz {
			v := row[j] - f*pr[j]
			if math.Abs(v) < 1e-12 {
				v = 0
			}
			row[j] = v
		}
		row[k] = 0
	}
	for i, row := range tb.t {
		if i != r {
			elim(row)
		}
	}
	if tb.d != nil {
		elim(tb.d)
	}
	tb.basis[r] = k
	tb.nz = nz
}

// lpStatus is the outcome of a solve.
type lpStatus uint8

const (
	lpOptimal lpStatus = iota
	lpInfeasible
	lpUnbounded
	// lpBroken says the rounding errors won: the simplex ran past maxSteps pivots, or its
	// optimum does not hold the model's rows. The tableau is not to be used again.
	lpBroken
)

// maxSteps is the most pivots one run of the primal or the dual simplex takes on tb before
// it gives up (lpBroken): far more than any program of the audit needs (Phase 1 of a
// component of a thousand unknowns takes about as many pivots), and a bound on a run that
// cycles or works on noise.
func (tb *tableau) maxSteps() int { return 10*(len(tb.t)+tb.cols) + 1000 }

// feasTol is how far from its bounds and rows a solution of the model may be, in
// rounding errors: the model's values are counts.
const feasTol = 1e-6

// holds reports whether x, the model's variables, is within their bounds and holds every row,
// to within feasTol. An optimum the simplex reports is checked with it before the auditor
// takes its values as seen: an interval is never made wider than the model allows by a
// tableau that rounding errors have corrupted.
func (m *lpModel) holds(x []float64) bool {
	for j, v := range x {
		if v < float64(m.lower[j])-feasTol || m.upper[j] != noUpper && v > float64(m.upper[j])+feasTol {
			return false
		}
	}
	for _, r := range m.rows {
		sum, scale := 0.0, 1.0
		for k, j := range r.idx {
			sum += r.coef[k] * x[j]
			scale += math.Abs(r.coef[k] * x[j])
		}
		if math.Abs(sum-r.rhs) > feasTol*scale {
			return false
		}
	}
	return true
}

// reducedCosts returns the reduced costs of cost at the current basis (and minus the
// objective in the last entry), in a slice the next call reuses.
func (tb *tableau) reducedCosts(cost []float64) []float64 {
	w := len(tb.t[0]) - 1
	d := scratch(&tb.dBuf, w+1)
	copy(d, cost[:min(len(cost), w)])
	for i, b := range tb.basis {
		if cb := cost[b]; cb != 0 {
			for j, v := range tb.t[i] {
				if v != 0 {
					d[j] -= cb * v
				}
			}
		}
	}
	return d
}

// optimize minimises cost · y over the first cols columns from the current basis, which must
// be feasible. It returns false when the objective is unbounded below.
//
// Entering columns are chosen by the most negative reduced cost, leaving rows by the smallest
// ratio (ties to the smallest basic column); after a run of degenerate pivots it switches to
// Bland's rule (the smallest column with a negative reduced cost), which cannot cycle.
// It returns lpOptimal, lpUnbounded or lpBroken.
func (tb *tableau) optimize(cost []float64, cols int) lpStatus {
	d := tb.reducedCosts(cost)
	tb.d = d
	defer func() { tb.d = nil }()
	return tb.primal(cols)
}

func (tb *tableau) primal(cols int) lpStatus {
	d := tb.d
	w := len(tb.t[0]) - 1
	degenerate := 0
	for steps := 0; ; steps++ {
		if steps > tb.maxSteps() {
			return lpBroken
		}
		k := -1
		best := -lpEps
		for j := 0; j < cols; j++ {
			if d[j] < best {
				k, best = j, d[j]
				if degenerate > 50 {
					break // Bland: the first one
				}
			}
		}
		if k < 0 {
			return lpOptimal
		}
		r, ratio := -1, math.Inf(1)
		for i, row := range tb.t {
			if a := row[k]; a > pivotTol {
				q := max(row[w], 0) / a // a right-hand side below 0 is a 0 computed inexactly
				if q < ratio-lpEps || (q < ratio+lpEps && r >= 0 && tb.basis[i] < tb.basis[r]) {
					r, ratio = i, q
				}
			}
		}
		if r < 0 {
			return lpUnbounded
		}
		if ratio < lpEps {
			degenerate++
		} else {
			degenerate = 0
		}
		tb.pivot(r, k)
	}
}

// dual restores primal feasibility by the dual simplex method, the reduced costs tb.d being
// non-negative (the basis optimal for them). It returns lpOptimal, lpInfeasible or lpBroken.
func (tb *tableau) dual() lpStatus {
	d := tb.d
	w := len(tb.t[0]) - 1
	for steps := 0; ; steps++ {
		if steps > tb.maxSteps() {
			return lpBroken
		}
		r := -1
		worst := -primalTol
		for i, row := range tb.t {
			if row[w] < worst {
				r, worst = i, row[w]
				if steps > 200 {
					break // the first one: avoids cycling
				}
			}
		}
		if r < 0 {
			return lpOptimal
		}
		row := tb.t[r]
		k, ratio := -1, math.Inf(1)
		for j := 0; j < tb.cols; j++ {
			if a := row[j]; a < -pivotTol {
				q := max(d[j], 0) / -a
				if q < ratio-lpEps {
					k, ratio = j, q
				}
			}
		}
		if k < 0 {
			if row[w] > -infeasTol {
				return lpBroken
			}
			return lpInfeasible
		}
		tb.pivot(r, k)
	}
}

// solve minimises cost · y from the current basis, which must be optimal for cost (dual
// feasible) when it is not primal feasible (after addBound). An optimum that does not hold
// the model (see holds) is lpBroken.
func (tb *tableau) solve(cost []float64) lpStatus {
	tb.d = tb.reducedCosts(cost)
	defer func() { tb.d = nil }()
	if st := tb.dual(); st != lpOptimal {
		return st
	}
	if st := tb.primal(tb.cols); st != lpOptimal {
		return st
	}
	if !tb.model.holds(tb.values()) {
		return lpBroken
	}
	return lpOptimal
}

// clone copies the tableau, with room for extra more columns before the right-hand side.
func (tb *tableau) clone(extra int) *tableau {
	c := &tableau{model: tb.model, nVars: tb.nVars, cols: tb.cols + extra, basis: slices.Clone(tb.basis), pool: tb.pool}
	w := tb.cols + extra + 1
	c.t = make([][]float64, len(tb.t), len(tb.t)+1)
	c.backing = tb.pool.getDirty((len(tb.t) + 1) * w)
	backing := *c.backing
	for i, row := range tb.t {
		nr := backing[i*w : (i+1)*w : (i+1)*w]
		copy(nr, row[:tb.cols])
		clear(nr[tb.cols : w-1]) // the extra columns
		nr[w-1] = row[len(row)-1]
		c.t[i] = nr
	}
	c.spare = backing[len(tb.t)*w : (len(tb.t)+1)*w : (len(tb.t)+1)*w]
	clear(c.spare)
	return c
}

// addBound returns a copy of the tableau with the bound x_k <= value (upper) or x_k >= value
// added as a row with a new slack column, basic in it; the copy is dual feasible for any
// objective the tableau was optimal for, and solve restores primal feasibility.
func (tb *tableau) addBound(k int, upper bool, value int) *tableau {
	c := tb.clone(1)
	w := c.cols + 1
	row := c.spare
	s := c.cols - 1
	sign := 1.0
	if !upper {
		sign = -1
	}
	// sign*y_k + s = sign*(value - lower_k)
	row[k] = sign
	row[s] = 1
	row[w-1] = sign * float64(value-tb.model.lower[k])
	for i, b := range c.basis {
		if f := row[b]; f != 0 {
			for j, v := range c.t[i] {
				if v != 0 {
					row[j] -= f * v
				}
			}
			row[b] = 0
		}
	}
	c.t = append(c.t, row)
	c.basis = append(c.basis, s)
	c.spare = nil
	return c
}

// values returns the model's variables at the current basis, in a slice the next call
// reuses.
func (tb *tableau) values() []float64 {
	x := scratch(&tb.xBuf, tb.nVars)
	w := len(tb.t[0]) - 1
	for i, b := range tb.basis {
		if b < tb.nVars {
			x[b] = tb.t[i][w]
		}
	}
	for j := range x {
		x[j] += float64(tb.model.lower[j])
	}
	return x
}

// integral reports whether every value is within intTol of a whole number, and returns the
// first that is not.
func integral(x []float64) (int, bool) {
	for j, v := range x {
		if math.Abs(v-math.Round(v)) > intTol {
			return j, false
		}
	}
	return -1, true
}

// lpStats counts the work of the linear programming.
type lpStats struct {
	programs   int // objectives optimised (two per interval, plus branch-and-bound nodes)
	pivots     int
	fractional int // optima at a fractional vertex that needed branch and bound
	nodes      int // branch-and-bound programs
	rebuilt    int // tableaus built again (see lpBroken)
}

// maxNodes bounds the branch and bound of one bound.
const maxNodes = 500

// cost returns the objective of the minimum (sign +1) or the maximum (sign -1) of variable j,
// in a slice the next call reuses.
func (tb *tableau) cost(j int, sign float64) []float64 {
	c := scratch(&tb.costBuf, tb.cols)
	c[j] = sign
	return c
}

// value returns variable j at the current basis.
func (tb *tableau) value(j int) float64 {
	w := len(tb.t[0]) - 1
	for i, b := range tb.basis {
		if b == j {
			return tb.t[i][w] + float64(tb.model.lower[j])
		}
	}
	return float64(tb.model.lower[j])
}

// round rounds an optimum to the integer bound: a minimum up, a maximum down.
func round(v, sign float64) int {
	if sign > 0 {
		return int(math.Ceil(v - intTol))
	}
	return int(math.Floor(v + intTol))
}

// better reports whether bound b improves on bound c for the direction sign.
func better(b, c int, sign float64) bool {
	if sign > 0 {
		return b < c
	}
	return b > c
}

// bound returns the integer minimum (sign +1) or maximum (sign -1) of variable j (noUpper when
// unbounded), leaving the tableau at the LP optimum. known is a value of j at an integer point
// (the true count, or one seen at another optimum). exact is false when branch and bound ran
// out of nodes; the bound is then the LP's, rounded, which may be wider than the integer one.
// witness, when not nil, gets each integer point found.
//
// The LP bound is the integer bound when the optimum found is an integer point: every integer
// point is feasible for the LP, and this one attains the LP's optimum. The constraints are
// sums of counts (the district and its schools, the groups and All, a whole and its parts), and
// one kind of sum crossed with another (schools × groups) is a network matrix, whose vertices
// are integral; but a three-way table (schools × groups × age groups, with all its two-way
// sums) and the numerators tied to their denominators are not, and do have fractional
// vertices. So a fractional optimum is not rounded and trusted but settled by branch and bound
// (on copies of the tableau, warm-started by the dual simplex), starting from known.
func (tb *tableau) bound(j int, sign float64, known int, st *lpStats, witness func([]float64)) (int, bool) {
	st.programs++
	if len(tb.t) == 0 { // no constraint at all, not even an upper bound
		if sign > 0 {
			return tb.model.lower[j], true
		}
		return noUpper, true
	}
	defer func() { st.pivots += tb.pivots; tb.pivots = 0 }()
	switch tb.solve(tb.cost(j, sign)) {
	case lpUnbounded:
		return noUpper, true // an unbounded LP over integer data has unbounded integer points
	case lpInfeasible, lpBroken:
		// Infeasible cannot be: the true counts are a solution. Rounding errors, then.
		tb.broken = true
		return known, false
	}
	b := round(tb.value(j), sign)
	x := tb.values()
	if _, in := integral(x); in {
		if witness != nil {
			witness(x)
		}
		return b, true
	}
	if b == known {
		return b, true
	}
	st.fractional++
	nodes := 0
	got, exact := tb.branch(j, sign, known, &nodes, st, witness)
	if !exact {
		return b, false
	}
	return got, true
}

// branch improves incumbent, the best integer bound of variable j known, below the LP
// optimum at which tb stands (fractional), by branch and bound. It returns false when it ran
// out of nodes.
func (tb *tableau) branch(j int, sign float64, incumbent int, nodes *int, st *lpStats, witness func([]float64)) (int, bool) {
	x := tb.values()
	k, in := integral(x)
	if in {
		return incumbent, true
	}
	exact := true
	for _, up := range []bool{sign < 0, sign > 0} { // the branch towards the better bound first
		*nodes++
		st.nodes++
		st.programs++
		if *nodes > maxNodes {
			return incumbent, false
		}
		var c *tableau
		if up {
			c = tb.addBound(k, false, int(math.Ceil(x[k])))
		} else {
			c = tb.addBound(k, true, int(math.Floor(x[k])))
		}
		var stop bool
		incumbent, exact, stop = c.node(j, sign, incumbent, exact, nodes, st, witness)
		tb.broken = tb.broken || c.broken
		c.release()
		if stop {
			return incumbent, exact
		}
	}
	return incumbent, exact
}

// node solves tb, a branch of branch, and returns the incumbent improved by it and its own
// branches, and whether to stop (unbounded, or out of nodes).
func (tb *tableau) node(j int, sign float64, incumbent int, exact bool, nodes *int, st *lpStats,
	witness func([]float64)) (best int, isExact, stop bool) {
	status := tb.solve(tb.cost(j, sign))
	st.pivots += tb.pivots
	switch status {
	case lpInfeasible:
		return incumbent, exact, false
	case lpUnbounded:
		return noUpper, true, true
	case lpBroken:
		tb.broken = true
		return incumbent, false, true
	}
	b := round(tb.value(j), sign)
	if !better(b, incumbent, sign) {
		return incumbent, exact, false
	}
	if y := tb.values(); func() bool { _, in := integral(y); return in }() {
		if witness != nil {
			witness(y)
		}
		return b, exact, false
	}
	incumbent, e := tb.branch(j, sign, incumbent, nodes, st, witness)
	exact = exact && e
	return incumbent, exact, incumbent == noUpper || !exact
}
