package sample

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"

	"elreport/generator/record"
)

// language is a home language and how common it is among ELs and among other students.
type language struct {
	name         string
	elWeight     float64 // share among ELs and FormerELs, in percent
	otherWeight  float64 // share among students who were never ELs, in percent
	dualLanguage bool    // taught in the district's dual language program
	bilingual    bool    // taught in its transitional bilingual education program
}

// languages are the home languages of the generated students, shaped like a Massachusetts
// gateway city's: Spanish first, then Portuguese, Haitian Creole and Cape Verdean Creole.
var languages = [...]language{
	{name: "English", otherWeight: 88},
	{name: "Spanish", elWeight: 46, otherWeight: 6.5, dualLanguage: true, bilingual: true},
	{name: "Portuguese", elWeight: 12, otherWeight: 2, dualLanguage: true, bilingual: true},
	{name: "Haitian Creole", elWeight: 8, otherWeight: 1, bilingual: true},
	{name: "Chinese", elWeight: 6, otherWeight: 0.7},
	{name: "Vietnamese", elWeight: 5, otherWeight: 0.5},
	{name: "Arabic", elWeight: 5, otherWeight: 0.4},
	{name: "Cape Verdean Creole", elWeight: 5, otherWeight: 0.4, bilingual: true},
	{name: "Khmer", elWeight: 2.5, otherWeight: 0.2},
	{name: "Somali", elWeight: 2, otherWeight: 0.1},
	{name: "Russian", elWeight: 2, otherWeight: 0.1},
	{name: "Dari", elWeight: 1.5},
	{name: "French", elWeight: 1.2, otherWeight: 0.05},
	{name: "Nepali", elWeight: 1},
	{name: "Swahili", elWeight: 0.8},
	{name: "Korean", elWeight: 0.8, otherWeight: 0.05},
	{name: "Albanian", elWeight: 0.7},
}

// picker draws an index with probability proportional to its weight.
type picker []float64 // cumulative weights, the last one 1

func newPicker(weights []float64) picker {
	var total, sum float64
	for _, w := range weights {
		total += w
	}
	p := make(picker, len(weights))
	for i, w := range weights {
		sum += w
		p[i] = sum / total
	}
	p[len(p)-1] = 1
	return p
}

// pick returns the index whose cumulative range holds u (0 <= u < 1).
func (p picker) pick(u float64) int {
	for i, upTo := range p[:len(p)-1] {
		if u < upTo {
			return i
		}
	}
	return len(p) - 1
}

// generator holds what every slot's simulation shares: the options, the districts, and the
// tables that turn values into text. It is read-only once made.
type generator struct {
	opts           Options
	seedKey        uint64
	districts      []district
	elLanguages    picker
	nonELLanguages picker
	levelText      [61]string // "1.0" .. "6.0" by tenths
	plans          [3]planWeights
}

func newGenerator(opts Options) *generator {
	g := &generator{opts: opts, seedKey: mix(opts.Seed, 0x243f6a8885a308d3)}
	g.districts = newDistricts(opts, g.seedKey)
	var el, other []float64
	for _, l := range languages {
		el = append(el, l.elWeight)
		other = append(other, l.otherWeight)
	}
	g.elLanguages, g.nonELLanguages = newPicker(el), newPicker(other)
	for l := 10; l <= 60; l++ {
		g.levelText[l] = record.Level(l).String()
	}
	g.plans = planTables()
	return g
}

// studentID returns the id of the student with a number: "S" and nine digits.
func (g *generator) studentID(number uint64) string {
	n := (number*idMultiplier + g.seedKey%idSpace) % idSpace
	var b [10]byte
	b[0] = 'S'
	for i := 9; i >= 1; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}

// write writes every row of the data set: the schools, then for each year every slot's rows.
func (g *generator) write(ctx context.Context, outs *[fileCount]*output) error {
	for _, d := range g.districts {
		for _, s := range d.schools {
			err := outs[schoolsFile].write([]string{d.code, d.name, s.code, s.name, gradeSpans[s.kind], levels[s.kind]})
			if err != nil {
				return err
			}
		}
	}
	sim := newSlotSim(g)
	e := &emitter{g: g, outs: outs, sim: sim}
	e.report = rand.New(&e.reportPCG)
	for year := g.opts.FirstYear; year < g.opts.FirstYear+g.opts.Years; year++ {
		e.year, e.yearText = year, strconv.Itoa(year)
		for di := range g.districts {
			d := &g.districts[di]
			for slot := d.firstSlot; slot < d.endSlot; slot++ {
				if slot%4096 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				sim.run(d, slot)
				if err := e.emit(d, slot); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// emitter writes one slot's rows of one year to every file.
type emitter struct {
	g         *generator
	outs      *[fileCount]*output
	sim       *slotSim
	year      int
	yearText  string
	reportPCG rand.PCG
	report    *rand.Rand // draws that only shape what is reported (test results, risk, plans)
	row       [20]string
}

// emit writes the rows of slot for e.year, after sim has run it.
func (e *emitter) emit(d *district, slot int) error {
	g, sim := e.g, e.sim
	st := &sim.years[burnYears+e.year-g.opts.FirstYear]
	o := &sim.occupants[st.occupant]
	e.reportPCG.Seed(mix(g.seedKey^0x6a09e667f3bcc908, uint64(slot)), mix(g.seedKey^0xbb67ae8584caa73b, uint64(e.year)))
	id := g.studentID(o.number)
	school := d.schools[st.school].code
	grade := st.grade.String()
	status := st.status.String()
	end := ""
	if st.end != record.Enrolled {
		end = st.end.String()
	}
	if err := e.write(studentsFile, e.yearText, id, school, grade, status, languages[o.language].name, st.program.String(), end); err != nil {
		return err
	}
	switch {
	case st.tested:
		if err := e.access(id, school, grade, o, st); err != nil {
			return err
		}
	case st.status == record.EL && st.grade <= 12:
		if err := e.noResult(id, school, grade, st); err != nil {
			return err
		}
	}
	if st.grade >= 1 && st.grade <= 12 {
		if err := e.write(ewisFile, e.yearText, id, school, grade, e.risk(o, st).String()); err != nil {
			return err
		}
	}
	if st.grade == 9 {
		taken, passed := e.courses(o, st)
		if err := e.write(coursesFile, e.yearText, id, school, strconv.Itoa(taken), strconv.Itoa(passed)); err != nil {
			return err
		}
	}
	if err := e.mcas(id, school, grade, o, st); err != nil {
		return err
	}
	if st.end == record.Graduated {
		if err := e.write(plansFile, e.yearText, id, school, e.plan(o, st).String()); err != nil {
			return err
		}
	}
	// The cohort graduating this year: every student of the slot due to graduate now who is
	// still counted in it (transfers out are not), including those who left before the first
	// year of students.csv, as a state cohort file does; leaving them out would make early
	// cohorts look better than late ones only because of the data window.
	for i := range sim.occupants {
		c := &sim.occupants[i]
		if c.cohortYear != e.year || !c.hasOutcome {
			continue
		}
		inCohort := "No"
		if c.elInHighSchool {
			inCohort = "Yes"
		}
		err := e.write(cohortFile, e.yearText, g.studentID(c.number), d.schools[c.outcomeSchool].code, inCohort, c.outcome.String())
		if err != nil {
			return err
		}
	}
	return nil
}

// write writes a row of fields to file f.
func (e *emitter) write(f int, fields ...string) error {
	n := copy(e.row[:], fields)
	return e.outs[f].write(e.row[:n])
}

// access writes the ACCESS result of an EL.
func (e *emitter) access(id, school, grade string, o *occupant, st *yearState) error {
	r := e.report
	test := record.ACCESS
	if o.alt {
		test = record.AltACCESS
	}
	// Students speak and listen ahead of reading and writing.
	var domains [4]string
	for k, offset := range [4]float64{0.35, 0.15, -0.1, -0.35} {
		level := clamp(float64(st.overall)/10+offset+0.35*r.NormFloat64(), 1, 6)
		domains[k] = e.g.levelText[int(math.Round(level*10))]
	}
	target, difficulty, sgpa := "", "", ""
	if st.target > 0 {
		target = e.g.levelText[st.target]
		// Difficulty: how far next year's target is beyond the gain peers at this level make.
		need := float64(st.target-st.overall) / 10
		d := 99*normalCDF((need-0.7*expectedGrowth(float64(st.overall)/10))/0.3) + 4*r.NormFloat64()
		difficulty = strconv.Itoa(min(99, max(1, int(math.Round(d)))))
	}
	if st.sgpa > 0 {
		sgpa = strconv.Itoa(st.sgpa)
	}
	// The literacy composite weighs reading and writing equally (WIDA); DESE's exit criteria
	// (RE2) are an overall level of 4.2 and a literacy level of 3.9. Neither draws a number,
	// so the other columns are as they were before these two.
	reading, _ := strconv.ParseFloat(domains[2], 64)
	writing, _ := strconv.ParseFloat(domains[3], 64)
	literacy := int(math.Round((reading + writing) * 5)) // tenths
	metExit := "No"
	// DESE's RE3 and RE5, from what the simulation already decided (no number is drawn).
	// RE3, exited EL status after meeting the exit criteria, is given only to the students who
	// met them (DESE writes NA for the others): Yes when the student exits at the end of the
	// year, so that students.csv has them FormerEL the next year. RE5, did not attain
	// proficiency within six years, is No for a student who met the criteria and Yes for one
	// who did not in a seventh year or later; for the others, still within their six years,
	// DESE writes -1, which the loader reads as no value: blank.
	exited, sixYears := "", ""
	if st.overall >= 42 && literacy >= 39 {
		metExit, exited, sixYears = "Yes", "No", "No"
		if st.exits {
			exited = "Yes"
		}
	} else if st.yearsInEL > 6 {
		sixYears = "Yes"
	}
	return e.write(accessFile, e.yearText, id, school, grade, e.g.levelText[st.overall], test.String(),
		domains[0], domains[1], domains[2], domains[3], target, difficulty, sgpa, st.progress.String(), strconv.Itoa(st.yearsInEL),
		e.g.levelText[literacy], metExit, "", exited, sixYears)
}

// noResult writes the row of an EL in grades K-12 with no ACCESS result (about 3% of them, a
// draw of the simulation): a student who did not test (test_status NotTested; DESE's ABS,
// INV, EXE...), listed as DESE's file lists every EL, for participation_rate's denominator.
// The row has no level, progress, growth or difficulty value, so no other figure counts it.
// RE5 is Yes in a seventh year or later (DESE gives it to the untested too), blank before;
// RE2 and RE3 are blank, as DESE's NA.
func (e *emitter) noResult(id, school, grade string, st *yearState) error {
	sixYears := ""
	if st.yearsInEL > 6 {
		sixYears = "Yes"
	}
	return e.write(accessFile, e.yearText, id, school, grade, "", "",
		"", "", "", "", "", "", "", "", strconv.Itoa(st.yearsInEL),
		"", "", record.NotTested.String(), "", sixYears)
}

// risk draws a student's EWIS risk level: higher for ELs with little English, for students who
// arrived from abroad in later grades, and for students who drop out later.
func (e *emitter) risk(o *occupant, st *yearState) record.Risk {
	score := 0.9*o.detachment + 0.6*e.report.NormFloat64()
	switch st.status {
	case record.EL:
		score += 0.45
		if st.level < 2.5 {
			score += 0.35
		}
	case record.FormerEL:
		score += 0.1
	}
	if o.olderEntry {
		score += 0.5
	}
	if o.leave == leftDroppedOut && o.leaveYear >= e.year {
		score += 0.8
	}
	if st.grade >= 9 {
		score += 0.15
	}
	switch {
	case score > 1.35:
		return record.RiskHigh
	case score > 0.5:
		return record.RiskModerate
	}
	return record.RiskLow
}

// courses draws a grade-9 student's courses taken and passed.
func (e *emitter) courses(o *occupant, st *yearState) (taken, passed int) {
	r := e.report
	taken = 5 + [...]int{0, 1, 1, 1, 2, 2, 2, 2, 3, 3}[r.IntN(10)]
	x := -3.7 - 0.8*o.ability + 0.8*o.detachment
	switch st.status {
	case record.EL:
		x += 0.7
		if st.level < 2.5 {
			x += 0.4
		}
	case record.FormerEL:
		x += 0.15
	}
	fail := logistic(x)
	passed = taken
	for range taken {
		if r.Float64() < fail {
			passed--
		}
	}
	return taken, passed
}

// mcasSubjects says which subjects are tested in which grade.
func mcasSubjects(grade record.Grade) []record.Subject {
	switch grade {
	case 3, 4, 6, 7:
		return []record.Subject{record.ELA, record.Math}
	case 5, 8, 10:
		return []record.Subject{record.ELA, record.Math, record.Science}
	}
	return nil
}

// mcas writes a student's MCAS results. An EL in a first year in the United States is exempt
// from ELA; about one student in a hundred misses a test.
func (e *emitter) mcas(id, school, grade string, o *occupant, st *yearState) error {
	r := e.report
	for _, subject := range mcasSubjects(st.grade) {
		z := 0.85*o.ability - 0.2*o.detachment + 0.5*r.NormFloat64()
		if r.Float64() < 0.01 || (subject == record.ELA && st.newcomer && st.status == record.EL) {
			continue
		}
		switch st.status {
		case record.EL:
			base, slope := [...]float64{0.75, 0.55, 0.65}[subject], [...]float64{0.42, 0.28, 0.36}[subject]
			z -= base + slope*max(0, 4.2-st.level)
		case record.FormerEL:
			z -= [...]float64{0.1, 0.05, 0.1}[subject]
		}
		level := record.NotMeeting
		switch {
		case z > 1.25:
			level = record.Exceeding
		case z > 0.1:
			level = record.Meeting
		case z > -0.95:
			level = record.PartiallyMeeting
		}
		if err := e.write(mcasFile, e.yearText, id, school, grade, subject.String(), level.String()); err != nil {
			return err
		}
	}
	return nil
}

// planWeights are the weights of the plan categories for a group, in percent.
type planWeights [len(record.Plans)]float64

// planTables returns the plan weights of ELs, FormerELs and NonELs (indexed by record.ELStatus),
// after the shape of DESE's Plans of High School Graduates report: ELs less often plan on a
// four-year college and more often on a two-year college or work.
func planTables() [3]planWeights {
	return [3]planWeights{
		record.EL:       {8, 20, 1, 30, 4, 2, 22, 1, 3, 9},
		record.FormerEL: {18, 30, 1, 24, 3, 1, 14, 2, 2, 5},
		record.NonEL:    {25, 32, 1, 18, 3, 1, 10, 3, 2, 5},
	}
}

// plan draws a graduate's plan: by group, tilted toward four-year college by preparation.
func (e *emitter) plan(o *occupant, st *yearState) record.Plan {
	w := e.g.plans[st.status]
	tilt := math.Exp(0.5 * o.ability)
	w[record.FourYearPrivate] *= tilt
	w[record.FourYearPublic] *= tilt
	w[record.Work] /= tilt
	return record.Plans[newPickerArray(w).pick(e.report.Float64())]
}

// newPickerArray is newPicker for a fixed-size weight table, without allocating.
func newPickerArray(w planWeights) pickerArray {
	var p pickerArray
	var total, sum float64
	for _, x := range w {
		total += x
	}
	for i, x := range w {
		sum += x
		p[i] = sum / total
	}
	p[len(p)-1] = 1
	return p
}

// pickerArray is a picker over the plan categories.
type pickerArray [len(record.Plans)]float64

func (p pickerArray) pick(u float64) int { return picker(p[:]).pick(u) }
