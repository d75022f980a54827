package compute

import (
	"cmp"
	"math"
)

// family is a kind of population. The populations of one family, district and year form a
// suppression table: the district and its schools, by group, by part (a total and the
// sub-populations that partition it).
type family uint8

const (
	famTested     family = iota // ELs with an ACCESS result, and by years in program
	famProgress                 // ELs with a progress indicator, by years, grade span and program
	famSGPA                     // ELs with an SGPA
	famDifficulty               // ELs with a difficulty index
	famEWIS                     // students with an EWIS risk level, and by age group
	famEnrolled                 // students in grades 9-12
	famCohort                   // members of a four-year cohort
	famCourses                  // grade-9 students who took courses
	famMCAS                     // students tested in ELA; famMCAS+1 Math, famMCAS+2 Science
)

// famPlans is the family of graduates with a stated plan.
const famPlans = famMCAS + 3

// shape says how the populations of a family add up.
type shape struct {
	// groups: EL, FormerEL, NonEL and All, where All is the sum of the other three; otherwise
	// the family has group EL only.
	groups bool
	// partitions lists, for each way of splitting the total (part 0), the parts it splits into.
	partitions [][]int
}

func (f family) shape() shape {
	years := []int{1, 2, 3, 4, 5, 6, partYearsBlank}
	switch f {
	case famTested:
		return shape{partitions: [][]int{years}}
	case famProgress:
		return shape{partitions: [][]int{years, {8, 9, 10}, {11, 12, 13, 14, 15}}}
	case famSGPA, famDifficulty:
		return shape{}
	case famEWIS:
		return shape{groups: true, partitions: [][]int{{1, 2, 3, 4, partAgeOther}}}
	}
	return shape{groups: true}
}

// tableKey identifies a suppression table.
type tableKey struct {
	district string
	year     int
	family   family
}

// suppress decides, table by table, which populations are suppressed.
func (b *builder) suppress() {
	for key, pops := range b.tables {
		t := newTable(key.family.shape(), b.pops, pops)
		t.run(b.opts.MinN)
		for i, p := range pops {
			b.pops[p].suppressed = t.unknown[i] && !t.remainder[i]
		}
	}
}

// table is a suppression table: cells (populations) and the linear constraints between them.
type table struct {
	size      []int
	remainder []bool
	unknown   []bool // suppressed, or a remainder (never published)
	cons      []constraint
	consOf    [][]int // constraints each cell appears in
	minN      int
}

// constraint says that the total is the sum of the parts.
type constraint struct {
	total int
	parts []int
}

type cellPlace struct {
	entity int
	group  group
	part   int
}

// newTable makes the table of the populations pops (indexes in all) and its constraints:
// (a) All = EL + FormerEL + NonEL for every entity and part, (b) a total = the sum of its parts
// for every entity, group and partition, (c) the district = the sum of its schools for every
// group and part. A population that does not exist is an empty one, known to be zero.
func newTable(sh shape, all []population, pops []int) *table {
	n := len(pops)
	t := &table{
		size:      make([]int, n),
		remainder: make([]bool, n),
		unknown:   make([]bool, n),
		consOf:    make([][]int, n),
	}
	at := make(map[cellPlace]int, n)
	schools := 0
	for i, p := range pops {
		pop := &all[p]
		t.size[i], t.remainder[i] = pop.size, pop.remainder
		at[cellPlace{pop.entity, pop.group, pop.part}] = i
		schools = max(schools, pop.entity)
	}
	add := func(total int, parts []int) {
		if len(parts) == 0 {
			return
		}
		k := len(t.cons)
		t.cons = append(t.cons, constraint{total: total, parts: parts})
		t.consOf[total] = append(t.consOf[total], k)
		for _, p := range parts {
			t.consOf[p] = append(t.consOf[p], k)
		}
	}
	collect := func(places ...cellPlace) []int {
		var cells []int
		for _, pl := range places {
			if j, ok := at[pl]; ok {
				cells = append(cells, j)
			}
		}
		return cells
	}
	for i, p := range pops {
		pop := &all[p]
		if sh.groups && pop.group == groupAll {
			add(i, collect(
				cellPlace{pop.entity, groupEL, pop.part},
				cellPlace{pop.entity, groupFormerEL, pop.part},
				cellPlace{pop.entity, groupNonEL, pop.part}))
		}
		if pop.part == partTotal {
			for _, partition := range sh.partitions {
				places := make([]cellPlace, len(partition))
				for k, part := range partition {
					places[k] = cellPlace{pop.entity, pop.group, part}
				}
				add(i, collect(places...))
			}
		}
		if pop.entity == 0 {
			places := make([]cellPlace, schools)
			for s := range places {
				places[s] = cellPlace{s + 1, pop.group, pop.part}
			}
			add(i, collect(places...))
		}
	}
	return t
}

// protected reports whether cell i must not be derivable: a suppressed figure, or a
// remainder smaller than min_n.
func (t *table) protected(i int) bool {
	return t.unknown[i] && (!t.remainder[i] || t.size[i] < t.minN)
}

// run suppresses the cells below minN, then further cells until no protected cell can be
// derived from the published ones (see the package doc).
func (t *table) run(minN int) {
	t.minN = minN
	for i := range t.size {
		t.unknown[i] = t.remainder[i] || t.size[i] < minN
	}
	for {
		t.closeSingletons()
		changed, exposed := false, false
		for _, i := range t.recoverable() {
			if !t.protected(i) {
				continue
			}
			exposed = true
			if c := t.complement(i); c >= 0 {
				t.unknown[c] = true
				changed = true
			}
		}
		if !changed {
			if exposed {
				// Cannot happen (a derivable cell always has a published cell to hide within
				// reach); if it did, hiding the whole table is the safe answer.
				for i := range t.unknown {
					t.unknown[i] = true
				}
			}
			return
		}
	}
}

// closeSingletons suppresses, for every constraint with exactly one unknown cell that is
// protected, one published cell of the constraint, until there is no such constraint.
func (t *table) closeSingletons() {
	for changed := true; changed; {
		changed = false
		for _, con := range t.cons {
			unknown, last := 0, -1
			t.eachCell(con, func(c int, _ bool) {
				if t.unknown[c] {
					unknown++
					last = c
				}
			})
			if unknown != 1 || !t.protected(last) {
				continue
			}
			best, bestTotal := -1, false
			t.eachCell(con, func(c int, isTotal bool) {
				if !t.unknown[c] && t.better(c, isTotal, best, bestTotal) {
					best, bestTotal = c, isTotal
				}
			})
			t.unknown[best] = true
			changed = true
		}
	}
}

func (t *table) eachCell(con constraint, f func(cell int, isTotal bool)) {
	f(con.total, true)
	for _, p := range con.parts {
		f(p, false)
	}
}

// better reports whether published cell c (the total of the constraint it was found in when
// isTotal) is a better cell to suppress than best: parts before totals, then the smallest,
// then the first.
func (t *table) better(c int, isTotal bool, best int, bestTotal bool) bool {
	if best < 0 {
		return true
	}
	if isTotal != bestTotal {
		return !isTotal
	}
	return cmp.Or(cmp.Compare(t.size[c], t.size[best]), cmp.Compare(c, best)) < 0
}

// complement chooses the published cell to suppress so that cell i is no longer derivable:
// the best (see better) published cell of the constraints of i; if they have none, of the
// constraints of their unknown cells, and so on outwards. It returns -1 when no published cell
// is connected to i.
func (t *table) complement(i int) int {
	seenCell := make([]bool, len(t.size))
	seenCons := make([]bool, len(t.cons))
	seenCell[i] = true
	frontier := []int{i}
	for len(frontier) > 0 {
		var next []int
		best, bestTotal := -1, false
		for _, c := range frontier {
			for _, k := range t.consOf[c] {
				if seenCons[k] {
					continue
				}
				seenCons[k] = true
				t.eachCell(t.cons[k], func(d int, isTotal bool) {
					switch {
					case !t.unknown[d]:
						if t.better(d, isTotal, best, bestTotal) {
							best, bestTotal = d, isTotal
						}
					case !seenCell[d]:
						seenCell[d] = true
						next = append(next, d)
					}
				})
			}
		}
		if best >= 0 {
			return best
		}
		frontier = next
	}
	return -1
}

// eps is the tolerance below which an entry of the elimination counts as zero. Entries start
// as 0, 1 and -1 and stay small rationals in these tables, far from the tolerance.
const eps = 1e-9

// recoverable returns the unknown cells whose value follows from the published ones: cell j
// is recoverable exactly when the unit vector e_j lies in the row space of the constraint
// matrix restricted to the unknown cells' columns. In reduced row echelon form that is when
// j's column is a pivot column whose row has no other non-zero entry.
func (t *table) recoverable() []int {
	var cols []int // column -> cell
	colOf := make([]int, len(t.size))
	for i, u := range t.unknown {
		colOf[i] = -1
		if u {
			colOf[i] = len(cols)
			cols = append(cols, i)
		}
	}
	k := len(cols)
	var rows [][]float64
	for _, con := range t.cons {
		var row []float64
		t.eachCell(con, func(c int, isTotal bool) {
			if colOf[c] < 0 {
				return
			}
			if row == nil {
				row = make([]float64, k)
			}
			if isTotal {
				row[colOf[c]] += 1
			} else {
				row[colOf[c]] -= 1
			}
		})
		if row != nil {
			rows = append(rows, row)
		}
	}

	pivotRow := make([]int, k)
	nonzero := make([]int, 0, k)
	r := 0
	for c := 0; c < k; c++ {
		pivotRow[c] = -1
		if r == len(rows) {
			continue
		}
		best, bestAbs := -1, eps
		for i := r; i < len(rows); i++ {
			if v := math.Abs(rows[i][c]); v > bestAbs {
				best, bestAbs = i, v
			}
		}
		if best < 0 {
			continue
		}
		rows[r], rows[best] = rows[best], rows[r]
		pivot := rows[r]
		// Rows from r on are zero left of c, so the pivot row's entries start at c.
		inv := 1 / pivot[c]
		nonzero = nonzero[:0]
		for x := c; x < k; x++ {
			if pivot[x] != 0 {
				pivot[x] *= inv
				nonzero = append(nonzero, x)
			}
		}
		pivot[c] = 1
		for i, row := range rows {
			if i == r || row[c] == 0 {
				continue
			}
			f := row[c]
			for _, x := range nonzero {
				v := row[x] - f*pivot[x]
				if math.Abs(v) < eps {
					v = 0
				}
				row[x] = v
			}
			row[c] = 0
		}
		pivotRow[c] = r
		r++
	}

	var out []int
	for c, pr := range pivotRow {
		if pr < 0 {
			continue
		}
		alone := true
		for x, v := range rows[pr] {
			if x != c && v != 0 {
				alone = false
				break
			}
		}
		if alone {
			out = append(out, cols[c])
		}
	}
	return out
}
