package compute

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"elreport/generator/metric"
)

// family is a kind of population. The populations of one family, district and year form a
// suppression table: the district and its schools, by group, by part (a total and the
// sub-populations that partition it).
type family uint8

const (
	famTested     family = iota // ELs with an ACCESS level, by years in program; the alternate; those expected to test
	famProgress                 // ELs with a progress indicator, by years, grade span and program
	famSGPA                     // ELs with an SGPA
	famDifficulty               // ELs with a difficulty index
	famEWIS                     // students with an EWIS risk level, and by age group
	famEnrolled                 // students in grades 9-12
	famCohort                   // members of a four-year cohort
	famCourses                  // grade-9 students who took courses
	famMCAS                     // students tested in ELA; famMCAS+1 Math, famMCAS+2 Science
)

// famPlans is the family of graduates with a stated plan; famExited, of the ELs who met
// DESE's exit criteria (those with an exited_after_exit_criteria flag).
const (
	famPlans  = famMCAS + 3
	famExited = famPlans + 1
)

// shape says how the populations of a family add up.
type shape struct {
	// groups: EL, FormerEL, NonEL and All, where All is the sum of the other three; otherwise
	// the family has group EL only.
	groups bool
	// partitions lists the ways a population (total) splits into parts.
	partitions []partition
}

// partition says that the population of part total is the sum of those of parts.
type partition struct {
	total int
	parts []int
}

// ofTotal makes partitions of the total (part 0).
func ofTotal(parts ...[]int) []partition {
	out := make([]partition, len(parts))
	for i, p := range parts {
		out[i] = partition{partTotal, p}
	}
	return out
}

func (f family) shape() shape {
	years := []int{1, 2, 3, 4, 5, 6, partYearsBlank}
	switch f {
	case famTested:
		// The tested (part 0) by years in program and by grade; and participation_rate's
		// numerator (the shadow cell partTook), the tested plus the alternate. See
		// population.shadow.
		grades := make([]int, 0, len(metric.Grades)+1)
		for g := range metric.Grades {
			grades = append(grades, partGrade+g)
		}
		grades = append(grades, partGradeOther)
		return shape{partitions: append(ofTotal(years, grades), partition{partTook, []int{partTotal, partAlt}})}
	case famProgress:
		return shape{partitions: ofTotal(years, []int{8, 9, 10}, []int{11, 12, 13, 14, 15})}
	case famSGPA, famDifficulty, famExited:
		return shape{}
	case famEWIS:
		return shape{groups: true, partitions: ofTotal([]int{1, 2, 3, 4, partAgeOther})}
	}
	return shape{groups: true}
}

// tableKey identifies a suppression table.
type tableKey struct {
	district string
	year     int
	family   family
}

// suppress decides, table by table, which populations are suppressed. Tables share no
// population and each is decided from its own sizes alone, so the order does not change the
// result; they are taken in a fixed order all the same (tableKeys), so that nothing downstream
// can come to depend on Go's random map order.
func (b *builder) suppress() {
	for _, key := range b.tableKeys() {
		pops := b.tables[key]
		t := newTable(key.family.shape(), b.pops, pops)
		t.run(b.opts.MinN)
		for i, p := range pops {
			b.pops[p].suppressed = t.unknown[i] && !t.remainder[i]
		}
	}
}

// tableKeys returns the keys of the suppression tables by district, year and family.
func (b *builder) tableKeys() []tableKey {
	keys := make([]tableKey, 0, len(b.tables))
	for k := range b.tables {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y tableKey) int {
		return cmp.Or(strings.Compare(x.district, y.district), cmp.Compare(x.year, y.year), cmp.Compare(x.family, y.family))
	})
	return keys
}

// table is a suppression table: cells (populations) and the linear constraints between them.
type table struct {
	size      []int
	remainder []bool
	reveals   []int  // see population.reveals
	shadow    []bool // see population.shadow
	tie       []int  // the cell hidden and published with this one (a shadow and its cell), or -1
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
		reveals:   make([]int, n),
		shadow:    make([]bool, n),
		tie:       make([]int, n),
		unknown:   make([]bool, n),
		consOf:    make([][]int, n),
	}
	at := make(map[cellPlace]int, n)
	schools := 0
	for i, p := range pops {
		pop := &all[p]
		t.size[i], t.remainder[i], t.reveals[i], t.shadow[i] = pop.size, pop.remainder, pop.reveals, pop.shadow
		at[cellPlace{pop.entity, pop.group, pop.part}] = i
		schools = max(schools, pop.entity)
	}
	for i, p := range pops {
		t.tie[i] = -1
		if pop := &all[p]; pop.shadow {
			// A shadow is registered with its cell, so the cell is there.
			j := at[cellPlace{pop.entity, pop.group, partParticipation}]
			t.tie[i], t.tie[j] = j, i
		}
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
		for _, pt := range sh.partitions {
			if pop.part != pt.total {
				continue
			}
			places := make([]cellPlace, len(pt.parts))
			for k, part := range pt.parts {
				places[k] = cellPlace{pop.entity, pop.group, part}
			}
			add(i, collect(places...))
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
// remainder smaller than min_n; not a shadow.
func (t *table) protected(i int) bool {
	return t.unknown[i] && !t.shadow[i] && (!t.remainder[i] || t.size[i] < t.minN)
}

// hide makes cell i unknown, and the cell tied to it.
func (t *table) hide(i int) {
	t.unknown[i] = true
	if j := t.tie[i]; j >= 0 {
		t.unknown[j] = true
	}
}

// run suppresses the cells below minN (and those that would reveal a set of 1 to minN-1
// students, see population.reveals), then further cells until no protected cell can be
// derived from the published ones (see the package doc).
func (t *table) run(minN int) {
	t.minN = minN
	for i := range t.size {
		if t.remainder[i] || t.size[i] < minN || (t.reveals[i] > 0 && t.reveals[i] < minN) {
			t.hide(i)
		}
	}
	t.close()
}

// close suppresses further cells until no protected cell can be derived from the published
// ones (steps 1 and 2 of rule 2 in the package doc), starting from the cells unknown now.
func (t *table) close() {
	for {
		t.closeSingletons()
		changed, exposed := false, false
		for _, i := range t.recoverable() {
			if !t.protected(i) {
				continue
			}
			exposed = true
			if c := t.complement(i); c >= 0 {
				t.hide(c)
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
			t.hide(best)
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
// isTotal) is a better cell to suppress than best: a cell tied to a shadow (participation_rate,
// one figure) or the shadow first, then parts before totals, then the smallest, then the first.
func (t *table) better(c int, isTotal bool, best int, bestTotal bool) bool {
	if best < 0 {
		return true
	}
	if cheap, bestCheap := t.tie[c] >= 0, t.tie[best] >= 0; cheap != bestCheap {
		return cheap
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

// SuppressionStats describes what the suppression hid.
type SuppressionStats struct {
	// Populations counts the sets of students that figures describe (remainders aside);
	// BySize those hidden for having fewer than min_n students, ByRank those the rank rule
	// (rule 2 of the package doc) hid besides, and ByAudit those hidden until the audit passed.
	Populations, BySize, ByRank, ByAudit int
	// FiguresHiddenBefore counts the figures (gaps aside) hidden before the audit loop,
	// FiguresHidden after it.
	FiguresHiddenBefore, FiguresHidden int
	// Rounds counts the audits of the table that took the most (each table is audited until
	// it passes, see hideUntilAuditPasses), and AuditTime is the loop's time. WholeTables
	// counts the tables hidden whole because the audit found them too large to check (see
	// maxComponent).
	Rounds      int
	AuditTime   time.Duration
	WholeTables int
}

func (s SuppressionStats) String() string {
	return fmt.Sprintf("%d populations: %d hidden for size, %d by the rank rule, %d more until the audit passed (%d rounds, %v; %d tables hidden whole as too large to audit); figures hidden %d before the audit loop, %d after",
		s.Populations, s.BySize, s.ByRank, s.ByAudit, s.Rounds, s.AuditTime.Round(time.Millisecond), s.WholeTables, s.FiguresHiddenBefore, s.FiguresHidden)
}

// reason returns why population p is hidden.
func (b *builder) reason(p int) SuppressionReason {
	if b.pops[p].size < b.opts.MinN {
		return ForSize
	}
	return ForComplement
}

// markSuppressed sets Suppressed and SuppressedFor on the figures of the given indexes (all
// when nil) from their populations, keeping their counts (the audit needs them).
func (b *builder) markSuppressed(figs []int) {
	mark := func(i int) {
		p := b.figPop[i]
		if p < 0 {
			return
		}
		f := &b.figs[i]
		f.Suppressed, f.SuppressedFor = b.pops[p].suppressed, 0
		if f.Suppressed {
			f.SuppressedFor = b.reason(p)
		}
	}
	if figs == nil {
		for i := range b.figs {
			mark(i)
		}
		return
	}
	for _, i := range figs {
		mark(i)
	}
}

// hideUntilAuditPasses runs the audit (Audit) on the figures as suppressed so far and, for
// violations, suppresses more published populations connected to the violating ones, then
// audits the table again, until the audit passes.
//
// For a violation, the population hidden is the best one of the violating population's
// suppression table that complement finds (in a sum with it, parts before totals, then the
// smallest; else further out), preferring the populations whose published values the audit
// names as the cause (Violation.Causes); then the table is closed again by the rank rule (a
// cell just hidden must not be derivable either). Within a round, a violation waits for the
// next audit when a population in a sum with it has just been hidden, or when another of its
// component has been fixed and the audit names no cause for it: the fixes made may have
// removed it.
//
// Relations never cross tables, and what a table's round hides depends on its own figures
// alone, so each table goes through its rounds on its own (settle), the tables shared among
// the cores: a table does not wait at each round for the slowest of the others, and the
// result is the same as auditing every changed table together round after round, which
// this loop did until commit b7ab5c5.
//
// It terminates: a round with a violation that hiding can remove hides at least one
// population, and a table with every population hidden is clean (see Audit: a bound is a
// violation only when the published figures make it tighter than the reasons alone do). A
// violation that hiding cannot remove (none is known) is left for the final audit to report.
func (b *builder) hideUntilAuditPasses() {
	start := time.Now()
	st := &b.stats
	popTable := make([]tableKey, len(b.pops))
	keys := b.tableKeys()
	for _, key := range keys {
		for _, p := range b.tables[key] {
			popTable[p] = key
		}
	}
	// The figures of each table (relations never cross tables: the audit of a table's figures
	// is the audit of its part of the figures).
	figsOf := make(map[tableKey][]int)
	for i, p := range b.figPop {
		if p >= 0 {
			figsOf[popTable[p]] = append(figsOf[popTable[p]], i)
		}
	}
	b.markSuppressed(nil)
	// Whether the hidden figures give their reasons is the site's, not a table's: an audit of
	// all the tables, as the final one is, says so when any figure is hidden (see
	// newSubsetAuditor).
	labelled := func() bool {
		for _, key := range keys {
			if newSubsetAuditor(b.figs, figsOf[key], b.opts.MinN).labels {
				return true
			}
		}
		return false
	}
	pool := new(floatPool)
	settleAll := func(labels bool) {
		type settled struct{ rounds, hidden, whole int }
		out := make([]settled, len(keys))
		var wg sync.WaitGroup
		next := make(chan int)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for k := range next {
					o := &out[k]
					o.rounds, o.hidden, o.whole = b.settle(keys[k], figsOf[keys[k]], popTable, labels, pool)
				}
			})
		}
		for k := range keys {
			next <- k
		}
		close(next)
		wg.Wait()
		for _, o := range out {
			st.Rounds = max(st.Rounds, o.rounds)
			st.ByAudit += o.hidden
			st.WholeTables += o.whole
		}
	}
	labels := labelled()
	settleAll(labels)
	if !labels && labelled() {
		// Nothing was hidden before the loop, and the loop hid something: from then on the
		// hidden figures give their reasons, which tells a reader more, so every table is
		// audited again as the final audit will audit it. (Hiding only adds to what is
		// hidden: once labelled, always labelled.) No input is known to come here: with
		// nothing hidden, the rank rule has nothing to close and the audit nothing to find
		// (59 random EWIS data sets with nothing small: the loop hid nothing in any).
		settleAll(true)
	}
	st.AuditTime = time.Since(start)
}

// settle audits the figures figs of table key and hides more of it until the audit passes
// (see hideUntilAuditPasses), and returns the rounds it took, the populations it hid and
// whether it hid the whole table as too large to audit (1) or not (0). It reads and changes
// the table's populations and figures alone.
func (b *builder) settle(key tableKey, figs []int, popTable []tableKey, labels bool, pool *floatPool) (rounds, hidden, whole int) {
	if len(figs) == 0 {
		return 0, 0, 0
	}
	for {
		a := newSubsetAuditor(b.figs, figs, b.opts.MinN)
		a.labels, a.floats = labels, pool
		rep := a.runWith(&b.memo, 1)
		rounds++
		changed := false
		fixed := make(map[int]bool)   // components of the audit with a population hidden this round
		touched := make(map[int]bool) // populations in a sum with one hidden this round
		for _, v := range rep.Violations {
			switch v.Kind {
			case Pinned, SmallSet, Undecided, TooLarge:
			default:
				continue // not something hiding more can remove
			}
			p := b.figPop[v.Fig]
			if p < 0 {
				continue
			}
			if v.Kind == TooLarge {
				// Too large to audit: hide the whole table, which is clean by construction.
				n := b.hideAll(key)
				hidden += n
				if n > 0 {
					whole = 1
					changed = true
				}
				continue
			}
			if v.Remainder {
				if p = b.remainderOf(key, p, v.Metric); p < 0 {
					continue
				}
			}
			if touched[p] {
				continue
			}
			var causes []int // the published populations the audit names
			for _, c := range v.Causes {
				if q := b.figPop[c]; q >= 0 && popTable[q] == key && !b.pops[q].suppressed && !slices.Contains(causes, q) {
					causes = append(causes, q)
				}
			}
			// A second violation of a component is fixed in the same round only where the
			// audit names its cause: the outward search for one without may hide far away
			// what the first fix made unnecessary.
			if fixed[v.Component] && len(causes) == 0 {
				continue
			}
			fixed[v.Component] = true
			n := b.hideComplement(key, p, causes, touched)
			hidden += n
			if n > 0 {
				changed = true
			}
		}
		if !changed {
			return rounds, hidden, whole
		}
		b.markSuppressed(figs)
	}
}

// hideAll suppresses every population of a table and returns how many it hid.
func (b *builder) hideAll(key tableKey) int {
	n := 0
	for _, q := range b.tables[key] {
		if p := &b.pops[q]; !p.suppressed && !p.remainder {
			p.suppressed = true
			if !p.shadow {
				n++
			}
		}
	}
	return n
}

// remainderOf returns the remainder population of the breakdown id of the whole of population
// p (same entity and group), or -1 when there is none.
func (b *builder) remainderOf(key tableKey, p int, id metric.ID) int {
	switch id {
	case metric.ParticipationRate:
		// The students who did not test are no population of the tables: the participation
		// cell stands for them (see population.shadow).
		return p
	case metric.ListeningBand, metric.SpeakingBand, metric.ReadingBand, metric.WritingBand:
		// The tested without a level in a domain are no population of the tables either: the
		// tested cell stands for them (see population.reveals).
		return p
	}
	part := partYearsBlank
	switch id {
	case metric.EWISHighByAge:
		part = partAgeOther
	case metric.LevelBandByGrade:
		part = partGradeOther
	}
	for _, q := range b.tables[key] {
		r := &b.pops[q]
		if r.remainder && r.entity == b.pops[p].entity && r.group == b.pops[p].group && r.part == part {
			return q
		}
	}
	return -1
}

// hideComplement suppresses a published population connected to population p in its table:
// the best of causes (populations whose published values the audit found to imply the
// violation: parts of a sum with p before totals, then the smallest) when there are any,
// else the best that table.complement finds, else the whole table. It closes the table by the
// rank rule, and returns how many populations it hid. It marks in touched the populations in a
// sum with one it hid.
func (b *builder) hideComplement(key tableKey, p int, causes []int, touched map[int]bool) int {
	pops := b.tables[key]
	t := newTable(key.family.shape(), b.pops, pops)
	t.minN = b.opts.MinN
	at := -1
	for i, q := range pops {
		t.unknown[i] = b.pops[q].suppressed || b.pops[q].remainder
		if q == p {
			at = i
		}
	}
	best, bestTotal := -1, false
	for i, q := range pops {
		if !slices.Contains(causes, q) || t.unknown[i] {
			continue
		}
		isTotal := false
		for _, k := range t.consOf[at] {
			isTotal = isTotal || t.cons[k].total == i
		}
		if t.better(i, isTotal, best, bestTotal) {
			best, bestTotal = i, isTotal
		}
	}
	if best < 0 {
		best = t.complement(at)
	}
	if c := best; c >= 0 {
		t.hide(c)
		// The cell just hidden must not be derivable either: close the table again with the
		// rank rule, so that the audit is left with what only it can see.
		t.close()
	} else {
		for i := range t.unknown {
			t.unknown[i] = true
		}
	}
	n := 0
	for i, q := range pops {
		if t.unknown[i] && !b.pops[q].suppressed && !b.pops[q].remainder {
			b.pops[q].suppressed = true
			if !b.pops[q].shadow {
				n++
			}
			for _, k := range t.consOf[i] {
				t.eachCell(t.cons[k], func(c int, _ bool) { touched[pops[c]] = true })
			}
		}
	}
	return n
}
