package compute

import (
	"cmp"
	"slices"
	"strings"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// Result computes every figure from the counts, suppresses what may not be published, derives
// the gaps from what is left, and keeps the years opts.Years asks for. It reads the counts
// without changing them; call it once the load has finished.
func (a *Aggregator) Result() *Result { return a.ResultOf(nil) }

// ResultOf is Result with the figures of the districts whose codes are listed alone (every
// district when codes is nil): their figures, suppression and audit are those Result gives
// them, since suppression tables and the audit's relations never cross districts. Districts
// still lists every district of schools.csv. check uses it to compute only the figures it
// reports on.
//
// One setting of the audit is the site's, not a district's: whether the hidden figures give
// their reasons, which they do once any figure is hidden. Districts with nothing hidden
// before the suppression loop are audited without reasons when computed alone, and with them
// when another district has a figure hidden; the audit then has nothing to find either way
// (nothing is hidden, and the rank rule has hidden a part of every small remainder a reader
// could work out), so their figures are the same. A second reader compared ResultOf with
// Result figure by figure on 39 generated data sets, that case built on purpose among them.
func (a *Aggregator) ResultOf(codes []string) *Result {
	allYears := a.years()
	districts := a.districts()
	b := a.builder(allYears, districts, codes)
	b.decide()
	// For the rounds of the loop: the final audit reuses their clean groups, and sees no value
	// they saw.
	b.memo.baselines, b.memo.seen = nil, nil
	b.gaps(allYears)
	b.gapReasons(allYears)
	// The final, independent check, on every year computed (the figures still hold their
	// counts): a violation left here fails the build (Result.AuditErr).
	audit := newAuditor(b.figs, b.opts.MinN).run(&b.memo)
	b.applySuppression()
	for i := range b.figs {
		if f := &b.figs[i]; f.Suppressed && f.Kind != Points {
			b.stats.FiguresHidden++
		}
	}

	published := allYears
	if len(a.opts.Years) > 0 {
		published = slices.DeleteFunc(slices.Clone(allYears), func(y int) bool {
			return !slices.Contains(a.opts.Years, y)
		})
	}
	r := &Result{
		Years:       published,
		Districts:   districts,
		Figures:     b.sorted(published),
		Audit:       audit.Stats,
		AuditErr:    audit.Err(),
		Suppression: b.stats,
	}
	if len(published) > 0 {
		r.HomeLanguages = a.languages.year(published[len(published)-1])
		r.PublishedLanguages = PublishLanguages(r.HomeLanguages, a.opts.MinN)
	}
	// sorted lists the figures in Lookup's order, one per key: no index is needed.
	r.ordered, r.ranks = true, b.ranks
	return r
}

// builder makes the figures of every district and year, with their counts, none suppressed;
// with codes not nil, of the districts whose codes are listed alone.
func (a *Aggregator) builder(years []int, districts []District, codes []string) *builder {
	b := &builder{opts: a.opts, tables: make(map[tableKey][]int)}
	for _, ac := range a.absent {
		for _, m := range metric.Catalogue() {
			if !slices.Contains(m.Inputs, ac.Column) {
				continue
			}
			if b.skip == nil {
				b.skip = make(map[skipKey]bool)
			}
			for _, y := range ac.years {
				b.skip[skipKey{m.ID, y}] = true
			}
		}
	}
	// participation_rate counts the Alternate ACCESS results without a level, which alt_tested
	// lists: in a year where alt_tested is not computed (some file lacks alt_level) but such
	// results exist (another file has them), participation_rate is not computed either, so that
	// a published participation_rate always adds up from the published tested and alt_tested
	// (the audit reads an unlisted alt_tested as no students).
	for _, y := range years {
		if !b.skippedIn(metric.AltTested, y) || b.skippedIn(metric.ParticipationRate, y) {
			continue
		}
		for k, c := range a.cells {
			if int(k.year) == y && c.access.alt > 0 {
				b.skip[skipKey{metric.ParticipationRate, y}] = true
				break
			}
		}
	}
	// Each district's figures are made in a scratch slice and kept at their size; then one
	// slice takes them all, with room for the gaps. Appended to one slice, a million figures
	// were copied at every growth: five times their size allocated. (While they are copied
	// here, the districts' slices and the one slice are live together, about two copies, as
	// at the last growth before.)
	chunks := make([][]Figure, 0, len(districts))
	total := 0
	for _, d := range districts {
		if codes != nil && !slices.Contains(codes, d.Code) {
			continue
		}
		b.figs = b.figs[:0]
		b.district(a, d, years)
		chunks = append(chunks, slices.Clone(b.figs))
		total += len(b.figs)
	}
	b.figs = make([]Figure, 0, total+2*b.gapSides)
	for _, c := range chunks {
		b.figs = append(b.figs, c...)
	}
	return b
}

// decide decides what is suppressed: the rules of the package doc, then more until the audit
// passes. It marks the figures (Suppressed, SuppressedFor), keeping their counts.
func (b *builder) decide() {
	b.suppress()
	b.countSuppressed()
	b.hideUntilAuditPasses()
	b.markSuppressed(nil)
}

// years returns every year with a row, ascending.
func (a *Aggregator) years() []int {
	var years []int
	for k := range a.cells {
		if !slices.Contains(years, int(k.year)) {
			years = append(years, int(k.year))
		}
	}
	slices.Sort(years)
	return years
}

// Districts returns the districts of schools.csv by code, each with its schools by code, as
// Result.Districts will: the load must have finished.
func (a *Aggregator) Districts() []District { return a.districts() }

// districts returns the districts of schools.csv by code, each with its schools by code. A
// district's name is the one on its first school row.
func (a *Aggregator) districts() []District {
	var ds []District
	for _, s := range a.schools {
		i := slices.IndexFunc(ds, func(d District) bool { return d.Code == s.DistrictCode })
		if i < 0 {
			i = len(ds)
			ds = append(ds, District{Code: s.DistrictCode, Name: s.DistrictName})
		}
		ds[i].Schools = append(ds[i].Schools, School{
			Code: s.SchoolCode, Name: s.SchoolName, DistrictCode: s.DistrictCode,
			GradeSpan: s.GradeSpan, Level: s.Level,
		})
	}
	slices.SortFunc(ds, func(a, b District) int { return strings.Compare(a.Code, b.Code) })
	for _, d := range ds {
		slices.SortFunc(d.Schools, func(a, b School) int { return strings.Compare(a.Code, b.Code) })
	}
	return ds
}

// skipKey is a metric in a year.
type skipKey struct {
	id   metric.ID
	year int
}

// skipped says whether a metric is not computed in the current year (see builder.skip).
func (b *builder) skipped(id metric.ID) bool { return b.skippedIn(id, b.year) }

// skippedIn says whether a metric is not computed in a year.
func (b *builder) skippedIn(id metric.ID, year int) bool {
	return b.skip != nil && b.skip[skipKey{id, year}]
}

// entity is a district or a school, and its place in its district's suppression tables:
// index 0 is the district, 1.. its schools by code.
type entity struct {
	typ, code, district string
	about               *About // its name, shared by its figures
	index               int
}

// builder collects figures and the populations behind them.
type builder struct {
	opts Options
	// ranks are the packed ranks of the figures sorted returns (see EntityFigures).
	ranks []uint64
	// memo keeps the audits of groups found clean, for the later rounds of the suppression
	// loop and the final audit to reuse (see auditMemo).
	memo   auditMemo
	figs   []Figure
	figPop []int // figure -> index in pops; -1 for gaps
	// gapSides counts the figures that may have a gap (of EL or FormerEL, a metric with a gap):
	// with its change, at most two figures each that gaps adds.
	gapSides int
	pops     []population
	tables   map[tableKey][]int // -> indexes in pops, in creation order
	current  *entity            // the entity whose figures are being made
	// skip holds the metrics not computed in a year because an input column is lacking in
	// that year's rows (nil when none); see skipped.
	skip  map[skipKey]bool
	year  int
	stats SuppressionStats
}

// population is a set of students that figures are computed from (their common denominator):
// one cell of a suppression table. Figures of a population are published or suppressed
// together.
type population struct {
	entity int
	group  group
	part   int
	size   int
	// remainder marks the students of a total that no published part counts (e.g. ELs without
	// years_in_program); it has no figures of its own and is never published.
	remainder  bool
	suppressed bool
	// reveals is the size of a set of students that publishing the population's figures would
	// reveal besides the population itself: the ELs who did not test, participation_rate's
	// denominator minus its numerator; the tested without a level in a domain, the tested
	// minus the sum of that domain's bands (the smallest of the four that is not 0). The
	// population is hidden when it is 1 to min_n-1, as a remainder of that size must not be
	// derivable.
	reveals int
	// shadow marks the second count a figure publishes besides its denominator, as a cell of
	// its own, published and hidden with the population of the figure (the cell of the same
	// entity and group with part partParticipation): participation_rate's numerator, the
	// tested plus the alternate (partTook). In the sums the participation cell itself stands
	// for the students who did not test (its denominator minus its numerator, in no other
	// cell), which must not be derivable when it is hidden (else its denominator would be,
	// the numerator being the sum of two cells that may be published); the shadow may be
	// derivable (it is known wherever tested and alt_tested are published), and has no figures.
	shadow bool
}

// district makes the figures of a district and its schools for every year.
func (b *builder) district(a *Aggregator, d District, years []int) {
	dist := &entity{typ: EntityDistrict, code: d.Code, about: &About{EntityName: d.Name}, district: d.Code}
	schools := make([]*entity, len(d.Schools))
	for i, s := range d.Schools {
		schools[i] = &entity{typ: EntitySchool, code: s.Code, about: &About{EntityName: s.Name}, district: d.Code, index: i + 1}
	}
	for _, year := range years {
		var total counts
		present := false
		for i, s := range d.Schools {
			c := a.cells[cellKey{school: a.schoolIndex[s.Code], year: int32(year)}]
			if c == nil {
				continue
			}
			present = true
			total.add(c)
			b.entityYear(schools[i], year, c)
		}
		if present {
			b.entityYear(dist, year, &total)
		}
	}
}

// entityYear makes the figures of an entity in a year.
func (b *builder) entityYear(e *entity, year int, c *counts) {
	b.current, b.year = e, year
	b.benchmarks(&c.access)
	var all groupCounts
	for i := range c.groups {
		all.add(&c.groups[i])
	}
	for g := groupEL; g <= groupAll; g++ {
		gc := &all
		if g != groupAll {
			gc = &c.groups[g]
		}
		b.dropoutRisk(g, gc)
		b.postGraduation(g, gc)
	}
}

// The parts of the families with sub-populations (see families).
const (
	partTotal = 0
	// tested and progress: ELs by years in program.
	partYears      = 1 // 1..6: yearsInProgram
	partYearsBlank = 7
	// progress only: by grade span and by program.
	partSpan    = 8  // 8..10: gradeSpans
	partProgram = 11 // 11..15: programs
	// tested: the Alternate ACCESS results without a level (alt_tested), and the ELs expected
	// to test (participation_rate: in the suppression tables the cell of its numerator, the
	// tested plus the alternate; see famTested's shape).
	partAlt           = 8
	partParticipation = 9
	partTook          = 10 // participation_rate's numerator: a shadow (population.shadow)
	// tested: by grade (level_band_by_grade), K..12, and the tested of PK, SP and any other
	// grade (a remainder).
	partGrade      = 11 // 11..23: metric.Grades
	partGradeOther = 24
	// ewis: students by age group.
	partAge      = 1 // 1..4: ewisAgeGroups
	partAgeOther = 5
)

func (b *builder) benchmarks(ac *accessCounts) {
	if ac.tested > 0 {
		p := b.population(famTested, groupEL, partTotal, ac.tested)
		b.count(p, metric.Tested, "", ac.tested)
		for i, n := range ac.bands {
			b.share(p, metric.LevelBand, levelBands[i], n)
		}
		// The bands of each domain; the tested without that domain's level are in none (a
		// remainder: see population.reveals).
		for d, id := range domainMetrics {
			if b.skipped(id) {
				continue
			}
			for i, n := range ac.domains[d][:6] {
				b.share(p, id, levelBands[i], n)
			}
			if r := ac.domains[d][6]; r > 0 && (b.pops[p].reveals == 0 || r < b.pops[p].reveals) {
				b.pops[p].reveals = r
			}
		}
		b.share(p, metric.Proficient, "", ac.proficient)
		b.share(p, metric.MetExitCriteria, "", ac.metExit)
		b.share(p, metric.NotProficientSixYears, "", ac.notProficientSix)
		b.count(p, metric.LongTermEL, "", ac.longTermEL)
		for i, cat := range yearsInProgram {
			y := &ac.years[i+1]
			if y.tested > 0 && !b.skipped(metric.ProficientByYears) {
				q := b.population(famTested, groupEL, partYears+i, y.tested)
				b.share(q, metric.ProficientByYears, cat, y.proficient)
			}
		}
		if !b.skipped(metric.ProficientByYears) {
			b.remainder(famTested, groupEL, partYearsBlank, ac.years[0].tested)
		}
		// The level bands of each grade, for the district only (as WIDA's District Frequency
		// Report); the tested of other grades are in none (a remainder).
		if b.current.typ == EntityDistrict && !b.skipped(metric.LevelBandByGrade) {
			for g, grade := range metric.Grades {
				if n := sum(ac.grades[g][:]); n > 0 {
					q := b.population(famTested, groupEL, partGrade+g, n)
					for i, band := range levelBands {
						b.share(q, metric.LevelBandByGrade, metric.GradeBand(grade, band), ac.grades[g][i])
					}
				}
			}
			b.remainder(famTested, groupEL, partGradeOther, sum(ac.grades[13][:]))
		}
	}

	if ac.alt > 0 && !b.skipped(metric.AltTested) {
		p := b.population(famTested, groupEL, partAlt, ac.alt)
		b.count(p, metric.AltTested, "", ac.alt)
	}
	if n := ac.tested + ac.alt + ac.notTested; n > 0 && !b.skipped(metric.ParticipationRate) {
		p := b.population(famTested, groupEL, partParticipation, n)
		b.pops[p].reveals = ac.notTested
		b.share(p, metric.ParticipationRate, "", ac.tested+ac.alt)
		if took := ac.tested + ac.alt; took > 0 {
			q := b.population(famTested, groupEL, partTook, took)
			b.pops[q].shadow = true
		}
	}

	if n := ac.progress.measured(); n > 0 {
		p := b.population(famProgress, groupEL, partTotal, n)
		b.share(p, metric.MakingProgress, "", ac.progress[1])
		b.count(p, metric.NotMeetingBenchmark, "", ac.progress[2])
		for i, cat := range yearsInProgram {
			b.progressShare(partYears+i, metric.MakingProgressByYears, cat, &ac.years[i+1].progress)
		}
		if !b.skipped(metric.MakingProgressByYears) {
			b.remainder(famProgress, groupEL, partYearsBlank, ac.years[0].progress.measured())
		}
		for i, cat := range gradeSpans {
			b.progressShare(partSpan+i, metric.MakingProgressBySpan, cat, &ac.spans[i])
		}
		for i, cat := range programs {
			b.progressShare(partProgram+i, metric.MakingProgressByProgram, cat, &ac.programs[i])
		}
	}

	if n := ac.sgpa[1:]; sum(n) > 0 {
		p := b.population(famSGPA, groupEL, partTotal, sum(n))
		b.median(p, metric.SGPAMedian, sgpaMedian(&ac.sgpa))
		// growth_band: low 1-39, typical 40-59, high 60-99.
		growth := categories(metric.GrowthBand)
		b.share(p, metric.GrowthBand, growth[0], sum(ac.sgpa[1:40]))
		b.share(p, metric.GrowthBand, growth[1], sum(ac.sgpa[40:60]))
		b.share(p, metric.GrowthBand, growth[2], sum(ac.sgpa[60:100]))
	}

	// exited_after_exit_criteria (DESE's RE3) is of the ELs whose row has the flag: those
	// who met the exit criteria, a set of its own.
	if n := ac.exited.measured(); n > 0 && !b.skipped(metric.ExitedAfterExitCriteria) {
		p := b.population(famExited, groupEL, partTotal, n)
		b.share(p, metric.ExitedAfterExitCriteria, "", ac.exited[record.ProgressYes])
	}

	if ac.difficulty.known > 0 {
		p := b.population(famDifficulty, groupEL, partTotal, ac.difficulty.known)
		b.share(p, metric.HighDifficulty, "", ac.difficulty.high)
	}
}

// progressShare makes a making-progress figure of a part of the progress population.
func (b *builder) progressShare(part int, id metric.ID, category string, pc *progressCounts) {
	if n := pc.measured(); n > 0 && !b.skipped(id) {
		p := b.population(famProgress, groupEL, part, n)
		b.share(p, id, category, pc[1])
	}
}

// sgpaMedian returns the median of the non-blank SGPAs of a histogram (sgpa[v] results with
// SGPA v); the median of an even number of values is the mean of the middle two.
func sgpaMedian(hist *[100]int) float64 {
	n := sum(hist[1:])
	// The median is the mean of the values ranked lo and hi (1-based), equal when n is odd.
	lo, hi := (n+1)/2, n/2+1
	var loValue, hiValue, seen int
	for v := 1; v < len(hist); v++ {
		seen += hist[v]
		if loValue == 0 && seen >= lo {
			loValue = v
		}
		if seen >= hi {
			hiValue = v
			break
		}
	}
	return float64(loValue+hiValue) / 2
}

func (b *builder) dropoutRisk(g group, gc *groupCounts) {
	if n := sum(gc.ewis[:]); n > 0 {
		p := b.population(famEWIS, g, partTotal, n)
		for i, cat := range riskLevels {
			b.share(p, metric.EWISRisk, cat, gc.ewis[i])
		}
		for i, cat := range ewisAgeGroups {
			if age := gc.ewisAges[i+1]; age.students > 0 {
				q := b.population(famEWIS, g, partAge+i, age.students)
				b.share(q, metric.EWISHighByAge, cat, age.high)
			}
		}
		b.remainder(famEWIS, g, partAgeOther, gc.ewisAges[0].students)
	}
	if gc.enrolled912 > 0 && !b.skipped(metric.AnnualDropoutRate) {
		p := b.population(famEnrolled, g, partTotal, gc.enrolled912)
		b.share(p, metric.AnnualDropoutRate, "", gc.droppedOut)
	}
	if gc.cohort > 0 {
		p := b.population(famCohort, g, partTotal, gc.cohort)
		b.share(p, metric.GraduationRate, "", gc.graduated)
		b.share(p, metric.CohortDropoutRate, "", gc.cohortDroppedOut)
	}
	if gc.courseStudents > 0 {
		p := b.population(famCourses, g, partTotal, gc.courseStudents)
		b.share(p, metric.Grade9CoursePass, "", gc.passedAll)
	}
	for s, cat := range subjects {
		if m := gc.mcas[s]; m.tested > 0 {
			p := b.population(famMCAS+family(s), g, partTotal, m.tested)
			b.share(p, metric.MCASMeeting, cat, m.meeting)
		}
	}
}

func (b *builder) postGraduation(g group, gc *groupCounts) {
	n := sum(gc.plans[:])
	if n == 0 {
		return
	}
	p := b.population(famPlans, g, partTotal, n)
	for i, cat := range planCategories {
		b.share(p, metric.PlanShare, cat, gc.plans[i])
	}
	// record.Plan order: four-year (0, 1), two-year (2, 3), ..., Work 6, Military 7, Unknown 9.
	b.share(p, metric.AnyCollege, "", sum(gc.plans[0:4]))
	b.share(p, metric.FourYearCollege, "", sum(gc.plans[0:2]))
	b.share(p, metric.Work, "", gc.plans[6])
	b.share(p, metric.Military, "", gc.plans[7])
	b.share(p, metric.Unknown, "", gc.plans[9])
}

func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}

// population registers a population of the current entity and year.
func (b *builder) population(f family, g group, part, size int) int {
	key := tableKey{district: b.current.district, year: b.year, family: f}
	b.pops = append(b.pops, population{entity: b.current.index, group: g, part: part, size: size})
	b.tables[key] = append(b.tables[key], len(b.pops)-1)
	return len(b.pops) - 1
}

// remainder registers a remainder population (see population.remainder) unless it is empty.
func (b *builder) remainder(f family, g group, part, size int) {
	if size > 0 {
		p := b.population(f, g, part, size)
		b.pops[p].remainder = true
	}
}

func (b *builder) figure(p int, id metric.ID, category string, kind Kind, num int, value float64) {
	if b.skipped(id) {
		return
	}
	pop := &b.pops[p]
	if pop.group == groupEL || pop.group == groupFormerEL {
		if _, _, ok := metric.GapOf(id, category); ok {
			b.gapSides++
		}
	}
	b.figs = append(b.figs, Figure{
		EntityType: b.current.typ, EntityCode: b.current.code, About: b.current.about,
		District: b.current.district, Year: b.year,
		Metric: id, Group: pop.group.String(), Category: category,
		Kind: kind, Numerator: num, Denominator: pop.size, Value: value,
	})
	b.figPop = append(b.figPop, p)
}

// share adds a percentage figure: num of the population's size.
func (b *builder) share(p int, id metric.ID, category string, num int) {
	b.figure(p, id, category, Share, num, 100*float64(num)/float64(b.pops[p].size))
}

// count adds a count figure out of the population.
func (b *builder) count(p int, id metric.ID, category string, num int) {
	b.figure(p, id, category, Count, num, float64(num))
}

// median adds a median of the population's values.
func (b *builder) median(p int, id metric.ID, value float64) {
	b.figure(p, id, "", Median, 0, value)
}

// applySuppression clears the counts and values of the suppressed figures (markSuppressed
// and gaps have marked them).
func (b *builder) applySuppression() {
	for i := range b.figs {
		if f := &b.figs[i]; f.Suppressed {
			f.Numerator, f.Denominator, f.Value = 0, 0, 0
		}
	}
}

// countSuppressed records what suppress hid (before the audit loop).
func (b *builder) countSuppressed() {
	st := &b.stats
	for _, p := range b.pops {
		if p.remainder || p.shadow {
			continue
		}
		st.Populations++
		switch {
		case p.size < b.opts.MinN:
			st.BySize++
		case p.suppressed:
			st.ByRank++
		}
	}
	for _, p := range b.figPop {
		if p >= 0 && b.pops[p].suppressed {
			st.FiguresHiddenBefore++
		}
	}
}

// gapReasons gives each suppressed gap its reason: hidden for size when a side is (a gap's
// sides are the two figures it compares, a change's the two gaps), else as a complement.
func (b *builder) gapReasons(years []int) {
	type key = figureKey
	at := newFigIndex(b.figs, len(b.figs), func(fn func(int) bool) {
		for i := range b.figs {
			if !fn(i) {
				return
			}
		}
	})
	reason := func(sides ...key) SuppressionReason {
		for _, k := range sides {
			if i, ok := at.find(k); ok && b.figs[i].SuppressedFor == ForSize {
				return ForSize
			}
		}
		return ForComplement
	}
	// Gaps first, then their changes (which read the gaps' reasons).
	for _, change := range []bool{false, true} {
		for i := range b.figs {
			f := &b.figs[i]
			if b.figPop[i] >= 0 || !f.Suppressed {
				continue
			}
			g := f.Metric.Info().Gap
			if g == nil || g.Change != change {
				continue
			}
			if !change {
				cat := g.Category
				if cat == "" {
					cat = f.Category
				}
				f.SuppressedFor = reason(key{f.EntityType, f.EntityCode, f.Year, g.Base, f.Group, cat},
					key{f.EntityType, f.EntityCode, f.Year, g.Base, GroupNonEL, cat})
				continue
			}
			sides := []key{{f.EntityType, f.EntityCode, f.Year, g.Of, f.Group, f.Category}}
			if y := slices.Index(years, f.Year); y > 0 {
				sides = append(sides, key{f.EntityType, f.EntityCode, years[y-1], g.Of, f.Group, f.Category})
			}
			f.SuppressedFor = reason(sides...)
		}
	}
}

// sorted returns the figures of the given years in the order of metrics.csv.
func (b *builder) sorted(years []int) []Figure {
	// The figures of the years, in place: the builder's figures are not read after this.
	figs := b.figs[:0]
	for i := range b.figs {
		if slices.Contains(years, b.figs[i].Year) {
			figs = append(figs, b.figs[i])
		}
	}
	clear(b.figs[len(figs):]) // let go of their strings
	b.figs, b.figPop = nil, nil
	// Sort a small key per figure (its ranks, and the ranks of its names among the names
	// present, which order as the names do: compareRanked's order with no string compared),
	// then move the figures into that order in place: a million figures of 200 bytes are
	// neither copied nor held twice.
	type sortKey struct {
		entity, group int8
		metric, cat   int32
		year, fig     int32
		code, id      int32 // ranks of codeOf and the metric's name
		groupName, cn int32 // ranks of the group's and the category's names
	}
	codes, ids, groups, cats := newNameRanks(), newNameRanks(), newNameRanks(), newNameRanks()
	keys := make([]sortKey, len(figs))
	for i := range figs {
		f := &figs[i]
		r := rankOf(keyOf(f))
		keys[i] = sortKey{entity: int8(r.entity), group: int8(r.group), metric: int32(r.metric), cat: int32(r.cat), year: int32(r.year), fig: int32(i),
			code: codes.add(r.code), id: ids.add(string(f.Metric)), groupName: groups.add(f.Group), cn: cats.add(f.Category)}
	}
	codeRank, idRank, groupRank, catRank := codes.ranks(), ids.ranks(), groups.ranks(), cats.ranks()
	for i := range keys {
		k := &keys[i]
		k.code, k.id, k.groupName, k.cn = codeRank[k.code], idRank[k.id], groupRank[k.groupName], catRank[k.cn]
	}
	slices.SortFunc(keys, func(x, y sortKey) int {
		return cmp.Or(cmp.Compare(x.entity, y.entity), cmp.Compare(x.code, y.code), cmp.Compare(x.year, y.year),
			cmp.Compare(x.metric, y.metric), cmp.Compare(x.id, y.id), cmp.Compare(x.group, y.group),
			cmp.Compare(x.groupName, y.groupName), cmp.Compare(x.cat, y.cat), cmp.Compare(x.cn, y.cn))
	})
	// The packed ranks of the figures in their new order, for EntityFigures.Find.
	b.ranks = make([]uint64, len(keys))
	for i, k := range keys {
		packed, ok := packRank(int(k.year), int(k.metric), int(k.group), int(k.cat))
		if !ok {
			b.ranks = nil
			break
		}
		b.ranks[i] = packed
	}
	// keys[i].fig is the figure that goes to i: follow each cycle of the permutation.
	done := make([]bool, len(figs))
	for i := range figs {
		if done[i] {
			continue
		}
		tmp := figs[i]
		j := i
		for {
			done[j] = true
			k := int(keys[j].fig)
			if k == i {
				figs[j] = tmp
				break
			}
			figs[j] = figs[k]
			j = k
		}
	}
	return figs
}

// nameRanks numbers names as they come (add), then gives each number the rank of its name in
// string order (ranks): comparing the ranks compares the names.
type nameRanks struct {
	at    map[string]int32
	names []string
}

func newNameRanks() *nameRanks { return &nameRanks{at: make(map[string]int32)} }

// add returns the number of name.
func (n *nameRanks) add(name string) int32 {
	if i, ok := n.at[name]; ok {
		return i
	}
	i := int32(len(n.names))
	n.at[name] = i
	n.names = append(n.names, name)
	return i
}

// ranks returns, for each number, the rank of its name.
func (n *nameRanks) ranks() []int32 {
	order := make([]int32, len(n.names))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(n.names[x], n.names[y]) })
	rank := make([]int32, len(n.names))
	for r, i := range order {
		rank[i] = int32(r)
	}
	return rank
}
