package compute

import (
	"math"
	"slices"

	"elreport/generator/config"
	"elreport/generator/load"
	"elreport/generator/metric"
	"elreport/generator/record"
)

// Options are the settings a computation depends on.
type Options struct {
	// MinN is the minimum denominator of a published figure (site.toml min_n); values below 1
	// count as 1.
	MinN int
	// ProficientLevel is the ACCESS overall level counted as proficient, in tenths (42 is 4.2);
	// zero means 42.
	ProficientLevel record.Level
	// GapThreshold is the gap in percentage points beyond which a gap figure is marked Wide.
	GapThreshold float64
	// Years lists the school years to publish; empty publishes every year present.
	Years []int
}

// OptionsFrom returns the options site.toml sets.
func OptionsFrom(cfg *config.Config) Options {
	return Options{
		MinN:            cfg.MinN,
		ProficientLevel: record.Level(math.Round(cfg.ProficientLevel * 10)),
		GapThreshold:    cfg.GapThreshold,
		Years:           slices.Clone(cfg.Years),
	}
}

// Aggregator accumulates the rows of a load into counts per school, year and EL status, and
// turns them into figures with Result. It implements load.Sink. Its memory grows with schools
// × years (each cell holds fixed-size counters and a 1-99 SGPA histogram), never with
// students; adding a row does not allocate once the row's school and year have been seen.
//
// An Aggregator is not safe for concurrent use.
type Aggregator struct {
	opts Options

	schools     []record.School  // in arrival order, first row per school code
	schoolIndex map[string]int32 // school code -> index in schools
	cells       map[cellKey]*counts

	// The cell of the previous row, since rows mostly come grouped by school and year.
	lastCode string
	lastYear int
	lastCell *counts

	languages languageTally

	// absent holds the optional input columns the load said are lacking, with the years of
	// the rows that lack them (see Absent).
	absent []absentColumn
}

// absentColumn is an input column the rows of some years lack.
type absentColumn struct {
	metric.Column
	years []int
}

var _ load.ColumnSink = (*Aggregator)(nil)

// Absent records that a file of an input lacks some optional columns, and the years of its
// rows. The metrics that read one are not computed for those years: a lacking column is not
// a blank one, and counting it as blank would invent a figure (long_term_el 0 without
// years_in_program).
func (a *Aggregator) Absent(input string, columns []string, years []int) {
	for _, c := range columns {
		a.absent = append(a.absent, absentColumn{metric.Column{File: input, Name: c}, slices.Clone(years)})
	}
}

// New returns an Aggregator with the given options.
func New(opts Options) *Aggregator {
	if opts.MinN < 1 {
		opts.MinN = 1
	}
	if opts.ProficientLevel == 0 {
		opts.ProficientLevel = 42
	}
	opts.Years = slices.Clone(opts.Years)
	return &Aggregator{
		opts:        opts,
		schoolIndex: make(map[string]int32),
		cells:       make(map[cellKey]*counts),
		languages:   newLanguageTally(),
	}
}

// cellKey identifies the counts of one school in one year.
type cellKey struct {
	school int32
	year   int32
}

// progressCounts counts ACCESS results by progress indicator, indexed by record.Progress.
type progressCounts [3]int

func (p *progressCounts) measured() int { return p[record.ProgressYes] + p[record.ProgressNo] }

// yearsCounts counts ACCESS results of ELs with a number of years in program.
type yearsCounts struct {
	tested, proficient int
	progress           progressCounts
}

// accessCounts are the ACCESS counts of a school's ELs in a year.
type accessCounts struct {
	tested    int
	alt       int    // Alternate ACCESS results given only as a P1-A3 level (no overall level)
	notTested int    // rows of students who did not test
	bands     [6]int // by levelBands
	// domains[d][b]: the tested whose level in domain d (domainMetrics: listening, speaking,
	// reading, writing) is in band b; domains[d][6]: those without a level in domain d.
	domains [4][7]int
	// grades[g][b]: the tested of grade g (0 K, 1..12; 13 PK, SP and any other) in band b.
	grades     [14][6]int
	proficient int
	longTermEL int
	metExit    int // met_exit_criteria Yes
	// notProficientSix: the tested whose not_proficient_six_years (DESE's RE5) is Yes.
	notProficientSix int
	// exited counts the results by exited_after_exit_criteria (DESE's RE3).
	exited     progressCounts
	progress   progressCounts
	sgpa       [100]int // sgpa[v]: results with SGPA v (1-99); sgpa[0]: blank SGPA
	difficulty struct{ known, high int }
	years      [7]yearsCounts    // [0]: blank years_in_program; [1..5]: 1..5 years; [6]: 6 or more
	spans      [3]progressCounts // by gradeSpans
	programs   [5]progressCounts // by programs
}

// ageCounts counts EWIS results of an age group.
type ageCounts struct{ students, high int }

// groupCounts are the counts of a school's students of one EL status in a year.
type groupCounts struct {
	ewis                      [3]int       // by record.Risk
	ewisAges                  [5]ageCounts // [0]: grades PK, K, SP; [1..4]: ewisAgeGroups
	enrolled912, droppedOut   int          // students in grades 9-12, and those who dropped out
	cohort, graduated         int          // cohort members, and those who graduated in four years
	cohortDroppedOut          int          // cohort members who dropped out
	courseStudents, passedAll int          // grade-9 students with courses taken, and those passing all
	mcas                      [3]struct{ tested, meeting int }
	plans                     [10]int // by record.Plan
}

// counts are everything a school (or a district) holds for one year.
type counts struct {
	access accessCounts
	groups [3]groupCounts // by record.ELStatus
}

// cell returns the counts of a school and year, creating them on the school's first row of
// the year; nil when the school is not in schools.csv (the loader rejects such rows, so this
// does not happen in a build; the row is ignored).
func (a *Aggregator) cell(school string, year int) *counts {
	if a.lastCell != nil && a.lastYear == year && a.lastCode == school {
		return a.lastCell
	}
	idx, ok := a.schoolIndex[school]
	if !ok {
		return nil
	}
	key := cellKey{school: idx, year: int32(year)}
	c := a.cells[key]
	if c == nil {
		c = new(counts)
		a.cells[key] = c
	}
	a.lastCode, a.lastYear, a.lastCell = school, year, c
	return c
}

// School records a school; a repeated school code keeps its first row.
func (a *Aggregator) School(s record.School) {
	if _, ok := a.schoolIndex[s.SchoolCode]; ok {
		return
	}
	a.schoolIndex[s.SchoolCode] = int32(len(a.schools))
	a.schools = append(a.schools, s)
}

// Student counts a student's enrollment in grades 9-12 and dropping out, and an EL's home
// language.
func (a *Aggregator) Student(s record.Student) {
	c := a.cell(s.SchoolCode, s.Year)
	if c == nil {
		return
	}
	g := &c.groups[s.Status]
	if s.Grade >= 9 && s.Grade <= 12 {
		g.enrolled912++
		if s.EndStatus == record.DroppedOut {
			g.droppedOut++
		}
	}
	if s.Status == record.EL {
		a.languages.add(s.Year, s.HomeLanguage)
	}
}

// Access counts an EL's ACCESS result, or a student who did not test (NotTested: only in
// participation_rate's denominator).
func (a *Aggregator) Access(r record.Access) {
	c := a.cell(r.SchoolCode, r.Year)
	if c == nil {
		return
	}
	ac := &c.access
	// A student who did not test counts only in participation_rate's denominator.
	if r.NotTested {
		ac.notTested++
		return
	}
	if r.Overall == 0 {
		ac.alt++
	}
	y := &ac.years[min(r.YearsInProgram, 6)]
	// The figures of an overall level (tested, level bands, proficient, long-term ELs) count
	// the results with a 1.0-6.0 level; an Alternate ACCESS result given only as P1-A3 has
	// none, and counts in the progress, growth and difficulty figures as its row says.
	if r.Overall > 0 {
		proficient := r.Overall >= a.opts.ProficientLevel
		ac.tested++
		ac.bands[levelBand(r.Overall)]++
		ac.grades[gradeIndex(r.Grade)][levelBand(r.Overall)]++
		for d, l := range [4]record.Level{r.Listening, r.Speaking, r.Reading, r.Writing} {
			b := 6 // no level in this domain
			if l > 0 {
				b = levelBand(l)
			}
			ac.domains[d][b]++
		}
		if proficient {
			ac.proficient++
		} else if r.YearsInProgram > 6 {
			ac.longTermEL++
		}
		if r.MetExit == record.ProgressYes {
			ac.metExit++
		}
		if r.NotProficientSixYears == record.ProgressYes {
			ac.notProficientSix++
		}
		y.tested++
		if proficient {
			y.proficient++
		}
	}
	ac.progress[r.Progress]++
	ac.exited[r.Exited]++
	ac.sgpa[r.SGPA]++
	if r.Difficulty > 0 {
		ac.difficulty.known++
		if r.Difficulty > 60 {
			ac.difficulty.high++
		}
	}
	y.progress[r.Progress]++
	ac.spans[gradeSpan(r.Grade)][r.Progress]++
	ac.programs[programByRecord[r.Program]][r.Progress]++
}

// levelBand returns the index in levelBands of an overall level (10-60 tenths).
func levelBand(l record.Level) int {
	return min(max(int(l)/10-1, 0), 5)
}

// gradeIndex returns the index in accessCounts.grades of a grade: 0 to 12 for K to 12, and
// 13 (the remainder of level_band_by_grade) for PK, SP and any other.
func gradeIndex(g record.Grade) int {
	if g < record.GradeK || g > 12 {
		return 13
	}
	return int(g)
}

// gradeSpan returns the index in gradeSpans of a grade: PK and K to 5 are K-5, 6-8 is 6-8,
// and 9-12 and SP are 9-12.
func gradeSpan(g record.Grade) int {
	switch {
	case g <= 5:
		return 0
	case g <= 8:
		return 1
	}
	return 2
}

// ewisAge returns the index in groupCounts.ewisAges of a grade: 1 to 4 for grades 1-3, 4-6,
// 7-9 and 10-12, and 0 for PK, K and SP.
func ewisAge(g record.Grade) int {
	if g < 1 || g > 12 {
		return 0
	}
	return (int(g)-1)/3 + 1
}

// EWIS counts a student's early-warning risk level.
func (a *Aggregator) EWIS(r record.EWIS) {
	c := a.cell(r.SchoolCode, r.Year)
	if c == nil {
		return
	}
	g := &c.groups[r.Status]
	g.ewis[r.Risk]++
	age := &g.ewisAges[ewisAge(r.Grade)]
	age.students++
	if r.Risk == record.RiskHigh {
		age.high++
	}
}

// Course counts a grade-9 student's course results; a student who took no course is left out
// (there is nothing to pass).
func (a *Aggregator) Course(r record.Course) {
	if r.Taken <= 0 {
		return
	}
	c := a.cell(r.SchoolCode, r.Year)
	if c == nil {
		return
	}
	g := &c.groups[r.Status]
	g.courseStudents++
	if r.Passed >= r.Taken {
		g.passedAll++
	}
}

// MCAS counts a state test result.
func (a *Aggregator) MCAS(r record.MCAS) {
	c := a.cell(r.SchoolCode, r.Year)
	if c == nil {
		return
	}
	m := &c.groups[r.Status].mcas[r.Subject]
	m.tested++
	if r.Achievement.MeetingOrExceeding() {
		m.meeting++
	}
}

// Cohort counts a cohort member under the cohort year.
func (a *Aggregator) Cohort(r record.Cohort) {
	c := a.cell(r.SchoolCode, r.CohortYear)
	if c == nil {
		return
	}
	g := &c.groups[r.Status]
	g.cohort++
	switch r.Outcome {
	case record.OutcomeGraduated:
		g.graduated++
	case record.OutcomeDroppedOut:
		g.cohortDroppedOut++
	}
}

// Plan counts a graduate's plan.
func (a *Aggregator) Plan(r record.PlanRow) {
	c := a.cell(r.SchoolCode, r.Year)
	if c == nil {
		return
	}
	c.groups[r.Status].plans[r.Plan]++
}

// add adds the counts of o to c.
func (c *counts) add(o *counts) {
	c.access.add(&o.access)
	for i := range c.groups {
		c.groups[i].add(&o.groups[i])
	}
}

func (p *progressCounts) add(o *progressCounts) {
	for i := range p {
		p[i] += o[i]
	}
}

func (ac *accessCounts) add(o *accessCounts) {
	ac.tested += o.tested
	ac.alt += o.alt
	ac.notTested += o.notTested
	for i := range ac.bands {
		ac.bands[i] += o.bands[i]
	}
	for d := range ac.domains {
		for i := range ac.domains[d] {
			ac.domains[d][i] += o.domains[d][i]
		}
	}
	for g := range ac.grades {
		for i := range ac.grades[g] {
			ac.grades[g][i] += o.grades[g][i]
		}
	}
	ac.proficient += o.proficient
	ac.longTermEL += o.longTermEL
	ac.metExit += o.metExit
	ac.notProficientSix += o.notProficientSix
	ac.exited.add(&o.exited)
	ac.progress.add(&o.progress)
	for i := range ac.sgpa {
		ac.sgpa[i] += o.sgpa[i]
	}
	ac.difficulty.known += o.difficulty.known
	ac.difficulty.high += o.difficulty.high
	for i := range ac.years {
		y, oy := &ac.years[i], &o.years[i]
		y.tested += oy.tested
		y.proficient += oy.proficient
		y.progress.add(&oy.progress)
	}
	for i := range ac.spans {
		ac.spans[i].add(&o.spans[i])
	}
	for i := range ac.programs {
		ac.programs[i].add(&o.programs[i])
	}
}

func (g *groupCounts) add(o *groupCounts) {
	for i := range g.ewis {
		g.ewis[i] += o.ewis[i]
	}
	for i := range g.ewisAges {
		g.ewisAges[i].students += o.ewisAges[i].students
		g.ewisAges[i].high += o.ewisAges[i].high
	}
	g.enrolled912 += o.enrolled912
	g.droppedOut += o.droppedOut
	g.cohort += o.cohort
	g.graduated += o.graduated
	g.cohortDroppedOut += o.cohortDroppedOut
	g.courseStudents += o.courseStudents
	g.passedAll += o.passedAll
	for i := range g.mcas {
		g.mcas[i].tested += o.mcas[i].tested
		g.mcas[i].meeting += o.mcas[i].meeting
	}
	for i := range g.plans {
		g.plans[i] += o.plans[i]
	}
}
