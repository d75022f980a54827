package sample

import (
	"math"
	"math/rand/v2"

	"elreport/generator/record"
)

// burnYears is how many years before the first reported year a slot's history starts. Every
// student enrolled in the first reported year entered the slot after that, so their past (years
// in program, last year's target, EL status in earlier high school years) is simulated, not made up.
const burnYears = 14

// slotOccupants bounds the number of students a slot holds over a history of years reported
// years: one at the start and at most one new student per year after it.
func slotOccupants(years int) int { return burnYears + years }

// idSpace is the number of distinct student ids ("S" and nine digits).
const idSpace = 1_000_000_000

// idMultiplier scatters student numbers over the id space: multiplying by a number coprime to
// 10^9 modulo 10^9 is a bijection, so ids stay unique but look unrelated to seats.
const idMultiplier = 387_420_489 // 3^18

// entryKind is how a student came to a slot.
type entryKind uint8

const (
	enteredKindergarten entryKind = iota
	transferredIn                 // from another district in the country
	arrivedFromAbroad             // a newcomer to the United States
)

// leaveKind is how a student left a slot.
type leaveKind uint8

const (
	stillEnrolled leaveKind = iota // enrolled at the end of the last simulated year
	leftGraduated
	leftDroppedOut
	leftTransferred
	leftExcluded  // permanently excluded
	leftCompleted // completed grade 12 without a diploma
	leftAgedOut   // left after years beyond grade 12 without a diploma
)

// occupant is one student of a slot: who they are and, while the slot is simulated, where they are.
type occupant struct {
	number     uint64 // unique among all students; scattered into the student id
	entryYear  int
	kind       entryKind
	zone       float64 // place in the attendance zone, 0-1
	language   int     // index into languages
	ability    float64 // academic preparation, standard normal
	detachment float64 // disengagement from school (drives EWIS risk and dropout), about standard normal
	rate       float64 // speed of learning English relative to peers, around 1
	alt        bool    // takes Alternate ACCESS
	newcomerHS bool    // placed in the newcomer high school
	olderEntry bool    // arrived from abroad in grade 6 or later

	// The state carried from year to year.
	grade      record.Grade
	status     record.ELStatus
	program    record.Program
	yearsInEL  int     // years in program (the six-year clock), counting the current year
	level      float64 // latent ACCESS proficiency level
	prevTested bool    // took ACCESS last year
	prevTarget record.Level
	extraYears int // years beyond grade 12

	// What the history says about the student.
	lastYear       int // last enrolled year
	leave          leaveKind
	leaveYear      int
	cohortYear     int  // spring year the student's four-year cohort graduates; 0 if never in high school
	elInHighSchool bool // EL in some year of grades 9-12
	hasOutcome     bool // in the cohort with a four-year outcome (transfers out are not)
	outcome        record.Outcome
	outcomeSchool  int // school in the year of the outcome
}

// yearState is a slot in one year: who occupies it and what happened that year.
type yearState struct {
	occupant int // index into slotSim.occupants
	grade    record.Grade
	school   int
	status   record.ELStatus
	program  record.Program
	end      record.EndStatus
	level    float64 // latent ACCESS level (ELs)
	// ACCESS results of the year; tested is false for non-ELs and untested ELs.
	tested    bool
	yearsInEL int
	overall   record.Level
	target    record.Level // zero in grade 12
	progress  record.Progress
	sgpa      int  // zero when blank
	newcomer  bool // arrived from abroad this year
	// exits: the EL leaves EL status at the end of the year (FormerEL in students.csv from
	// the next year on); decided after the year's test, so it is what DESE's RE3 reports.
	exits bool
}

// slotSim replays the history of one slot at a time; its buffers are reused from slot to slot.
type slotSim struct {
	g         *generator
	pcg       rand.PCG
	rng       *rand.Rand
	slot      int
	occupants []occupant
	years     []yearState
}

func newSlotSim(g *generator) *slotSim {
	s := &slotSim{g: g}
	s.rng = rand.New(&s.pcg)
	s.occupants = make([]occupant, 0, slotOccupants(g.opts.Years))
	s.years = make([]yearState, 0, burnYears+g.opts.Years)
	return s
}

// Expected annual growth of the ACCESS level and its spread, for a student learning at rate 1.
const (
	growthNoise = 0.3  // standard deviation of a year's gain around the student's expected gain
	rateSpread  = 0.32 // standard deviation of the log of the learning rate
	// peerGrowth is the median gain of ELs relative to expectedGrowth (slower learners, such as
	// students with disabilities, pull it below 1); SGPA centers on it.
	peerGrowth = 0.86
)

// expectedGrowth is the typical one-year gain of an EL at a level: about one level a year at
// the start, slowing as proficiency nears.
func expectedGrowth(level float64) float64 {
	return max(0.15, 1.0-0.17*(level-1))
}

// run simulates slot from burnYears before the first reported year to the last one.
func (s *slotSim) run(d *district, slot int) {
	s.slot = slot
	s.pcg.Seed(mix(s.g.seedKey, uint64(slot)), mix(s.g.seedKey^0x9e3779b97f4a7c15, uint64(slot)))
	s.occupants = s.occupants[:0]
	s.years = s.years[:0]
	first := s.g.opts.FirstYear - burnYears
	last := s.g.opts.FirstYear + s.g.opts.Years - 1
	grade := record.Grade(s.rng.IntN(13)) // K..12
	kind := enteredKindergarten
	if grade > record.GradeK {
		kind = s.transferKind(d)
	}
	s.enter(d, first, grade, kind)
	for year := first; year <= last; year++ {
		i := len(s.occupants) - 1
		st := s.step(d, i, year)
		s.years = append(s.years, st)
		o := &s.occupants[i]
		switch {
		case o.leave == stillEnrolled:
			if o.grade >= 12 {
				o.grade = record.GradeSP
			} else {
				o.grade++
			}
		case year < last:
			// The slot's next student enters at the grade the leaver would have reached, or at K.
			if st.grade < 12 {
				s.enter(d, year+1, st.grade+1, s.transferKind(d))
			} else {
				s.enter(d, year+1, record.GradeK, enteredKindergarten)
			}
		}
	}
}

// transferKind draws whether a student entering above kindergarten comes from abroad.
func (s *slotSim) transferKind(d *district) entryKind {
	if s.rng.Float64() < min(0.7, 0.33*d.elFactor) {
		return arrivedFromAbroad
	}
	return transferredIn
}

// enter adds a new student to the slot.
func (s *slotSim) enter(d *district, year int, grade record.Grade, kind entryKind) {
	r := s.rng
	o := occupant{
		number:    uint64(s.slot)*uint64(slotOccupants(s.g.opts.Years)) + uint64(len(s.occupants)),
		entryYear: year,
		kind:      kind,
		grade:     grade,
		zone:      r.Float64(),
		ability:   r.NormFloat64(),
		rate:      math.Exp(rateSpread*r.NormFloat64() - rateSpread*rateSpread/2),
		status:    record.NonEL,
	}
	o.detachment = -0.45*o.ability + 0.9*r.NormFloat64()
	disability := r.Float64() < 0.14
	if disability {
		o.rate *= 0.65
		o.ability -= 0.4
	}
	// EL status on entry: kindergartners and transfers by the district's EL share, newcomers mostly EL.
	u := r.Float64()
	switch kind {
	case enteredKindergarten:
		if u < 0.28*d.elFactor {
			o.status = record.EL
		}
	case transferredIn:
		switch {
		case u < 0.11*d.elFactor:
			o.status = record.EL
		case u < 0.19*d.elFactor:
			o.status = record.FormerEL
		}
	case arrivedFromAbroad:
		if u < 0.85 {
			o.status = record.EL
		}
	}
	if o.status == record.NonEL {
		o.language = s.g.nonELLanguages.pick(r.Float64())
	} else {
		o.language = s.g.elLanguages.pick(r.Float64())
	}
	if o.status == record.EL {
		o.yearsInEL = 1
		switch kind {
		case enteredKindergarten:
			o.level = clamp(1.45+0.45*r.NormFloat64(), 1, 3.2)
		case transferredIn:
			// An EL from another district brings years on the clock and the level they reached.
			o.yearsInEL = 1 + r.IntN(min(int(grade)+1, 6))
			o.level = clamp(1.6+0.6*float64(o.yearsInEL-1)*o.rate+0.5*r.NormFloat64(), 1, 4.1)
		case arrivedFromAbroad:
			o.level = clamp(1.55+0.6*r.NormFloat64(), 1, 3.8)
		}
		o.alt = disability && r.Float64() < 0.07
		if o.alt {
			o.level = clamp(1.2+0.3*r.NormFloat64(), 1, 2)
		}
		o.program = s.program(o.language, kind, grade)
	}
	o.olderEntry = kind == arrivedFromAbroad && grade >= 6
	o.newcomerHS = kind == arrivedFromAbroad && grade >= 9 && o.status == record.EL && d.newcomer >= 0 && r.Float64() < 0.7
	s.occupants = append(s.occupants, o)
}

// program draws an EL's program: mostly sheltered English immersion; dual language for some
// Spanish and Portuguese speakers who start in kindergarten; transitional bilingual education
// for some speakers of the languages the district teaches in.
func (s *slotSim) program(language int, kind entryKind, grade record.Grade) record.Program {
	u := s.rng.Float64()
	lang := languages[language]
	switch {
	case lang.dualLanguage && kind == enteredKindergarten && u < 0.25:
		return record.DualLanguage
	case lang.bilingual && grade <= 8 && u > 0.9:
		return record.TBE
	case u > 0.96:
		return record.OtherProgram
	}
	return record.SEI
}

// step simulates occupant i's school year and returns the slot's state that year.
func (s *slotSim) step(d *district, i int, year int) yearState {
	r := s.rng
	o := &s.occupants[i]
	o.lastYear = year
	g := o.grade
	st := yearState{
		occupant: i,
		grade:    g,
		school:   d.schoolFor(g, o.zone, o.newcomerHS),
		status:   o.status,
		newcomer: o.kind == arrivedFromAbroad && year == o.entryYear,
	}
	el := o.status == record.EL
	var z float64 // this year's gain relative to peers at last year's level, in standard deviations
	if el {
		prevLevel := o.level
		if year > o.entryYear {
			o.yearsInEL++
			expected := expectedGrowth(prevLevel)
			noise := r.NormFloat64()
			if o.alt {
				o.level = clamp(o.level+0.15*o.rate+0.12*noise, 1, 3.5)
				z = (o.level - prevLevel - 0.15) / 0.15
			} else {
				o.level = clamp(o.level+expected*o.rate+growthNoise*noise, 1, 6)
				z = (o.level - prevLevel - peerGrowth*expected) / math.Hypot(rateSpread*expected, growthNoise)
			}
		}
		if o.program == record.DualLanguage && g >= 6 {
			o.program = record.SEI // dual language runs through elementary school
		}
		st.program = o.program
		st.yearsInEL = o.yearsInEL
		st.level = o.level
		st.tested = g <= 12 && r.Float64() >= 0.03
	}
	if st.tested {
		st.overall = record.Level(math.Round(o.level * 10))
		if o.prevTested {
			st.sgpa = int(math.Round(99 * normalCDF(z)))
			st.sgpa = min(99, max(1, st.sgpa))
			if o.prevTarget > 0 {
				st.progress = record.ProgressNo
				if st.overall >= o.prevTarget {
					st.progress = record.ProgressYes
				}
			}
		}
		if g <= 11 {
			st.target = futureTarget(st.overall, o.yearsInEL)
		}
	}
	o.prevTested = st.tested
	o.prevTarget = st.target
	if g >= 9 && g <= 12 {
		if o.cohortYear == 0 {
			o.cohortYear = year + 12 - int(g)
		}
		if el {
			o.elInHighSchool = true
		}
	}
	s.endYear(o, &st, year)
	// An EL who reaches proficiency may exit EL status at the end of the year; a FormerEL
	// never returns to EL.
	if st.tested && st.end == record.Enrolled && o.leave == stillEnrolled && st.overall >= 42 {
		exit := 0.55
		if st.overall >= 48 {
			exit = 0.85
		}
		if r.Float64() < exit {
			o.status = record.FormerEL
			o.program = record.NoProgram
			st.exits = true
		}
	}
	return st
}

// endYear decides how the year ends for o: still enrolled, graduated, dropped out, moved away.
func (s *slotSim) endYear(o *occupant, st *yearState, year int) {
	r := s.rng
	g := st.grade
	el := 0.0
	switch st.status {
	case record.EL:
		el = 1
	case record.FormerEL:
		el = 0.25
	}
	older := 0.0
	if o.olderEntry {
		older = 1
	}
	leave := func(how leaveKind, end record.EndStatus) {
		o.leave, o.leaveYear, st.end = how, year, end
	}
	outcome := func(out record.Outcome) {
		o.hasOutcome, o.outcome, o.outcomeSchool = true, out, st.school
	}
	u := r.Float64()
	switch {
	case g == record.GradeSP:
		o.extraYears++
		switch {
		case u < 0.7:
			leave(leftGraduated, record.Graduated)
		case u < 0.78:
			leave(leftTransferred, record.TransferredOut)
		case o.extraYears >= 2:
			leave(leftAgedOut, record.Enrolled)
		}
	case g >= 9:
		transfer := 0.025 + 0.02*el
		if g == 12 {
			transfer = 0.01
		}
		if u < transfer {
			leave(leftTransferred, record.TransferredOut)
			return
		}
		if r.Float64() < 0.0008 {
			leave(leftExcluded, record.Enrolled)
			outcome(record.PermanentlyExcluded)
			return
		}
		dropout := logistic(-4.6 + 1.0*o.detachment + 1.0*el + 0.7*older + 0.15*float64(g-9))
		if r.Float64() < dropout {
			leave(leftDroppedOut, record.DroppedOut)
			if r.Float64() < 0.12 {
				outcome(record.HiSET)
			} else {
				outcome(record.OutcomeDroppedOut)
			}
			return
		}
		if g < 12 {
			return
		}
		graduate := logistic(3.3 - 0.8*o.detachment - 1.0*el - 0.6*older + 0.3*o.ability)
		switch v := r.Float64(); {
		case v < graduate:
			leave(leftGraduated, record.Graduated)
			outcome(record.OutcomeGraduated)
		case v < graduate+(1-graduate)*0.15:
			leave(leftCompleted, record.Enrolled)
			outcome(record.NonGradCompleter)
		default:
			outcome(record.StillEnrolled) // stays for a year beyond grade 12
		}
	default:
		transfer := 0.035 + 0.02*el
		if u < transfer {
			leave(leftTransferred, record.TransferredOut)
		}
	}
}

// futureTarget is the level an EL must reach next year to be on track to proficiency (4.2)
// within six years in the state's schools: an equal share of the remaining way each year,
// the whole way once the six years are used up.
func futureTarget(overall record.Level, yearsInEL int) record.Level {
	if overall >= 42 {
		return 42
	}
	remaining := record.Level(max(1, 6-yearsInEL))
	return min(42, overall+(42-overall+remaining-1)/remaining)
}

// normalCDF is the standard normal distribution function.
func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func clamp(x, lo, hi float64) float64 { return min(hi, max(lo, x)) }

// mix hashes two numbers into a seed (SplitMix64's finalizer over their combination).
func mix(a, b uint64) uint64 {
	z := a ^ (b+0x9e3779b97f4a7c15)*0xbf58476d1ce4e5b9
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// unitFloat maps a hash to [0, 1).
func unitFloat(h uint64) float64 { return float64(h>>11) / (1 << 53) }
