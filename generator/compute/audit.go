package compute

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"elreport/generator/metric"
)

// Audit checks figures the way an attacker would read them, independently of the suppression
// that produced them (it shares no table, constraint or population structure with
// suppress.go: it works from the figures' keys and the metric catalogue alone).
//
// figs are the figures with their true counts: a suppressed figure keeps its Numerator and
// Denominator here (Result.Figures has them cleared, so it cannot be audited; Result audits
// itself, see Result.Audit). Suppressed and SuppressedFor say what is published.
//
// # The attacker
//
// The attacker knows every published numerator and denominator, which figures are listed as
// hidden, the reason a hidden figure gives (SuppressedFor: a figure hidden for size has fewer
// than minN students, one hidden as a complement at least minN), that every count is a whole
// number, and these relations between the counts of a district and year:
//
//   - All = EL + FormerEL + NonEL, for every denominator and numerator of a metric with group All;
//   - the district is the sum of its schools, for every denominator and numerator (but
//     level_band_by_grade's, published for districts only);
//   - a distribution's numerators add up to its denominator (level_band, growth_band,
//     ewis_risk, plan_share); the bands of an ACCESS domain (listening_band, speaking_band,
//     reading_band, writing_band) up to a remainder, the tested without that domain's level
//     (a set of students never published, at least 0, checked like a breakdown's);
//   - level_band_by_grade: each grade's six bands add up to its denominator (the tested of
//     that grade); the grades' denominators add up to tested's, and for each band the grades'
//     numerators to level_band's numerator of the band, up to a remainder, the tested of PK, SP
//     and other grades (its denominator and a numerator per band, at least 0, checked like a
//     breakdown's);
//   - a breakdown adds up to its whole, numerators to the whole's numerator and denominators to
//     its denominator: making_progress_by_span and _by_program exactly; proficient_by_years,
//     making_progress_by_years and ewis_high_by_age (to the ewis_risk High numerator) up to a
//     remainder, the students the breakdown leaves out, a set of students like any other
//     (0 <= its numerator <= its denominator);
//   - any_college is the four college plan shares' numerators, four_year_college the two
//     four-year ones, work, military and unknown their plan share;
//   - making_progress + not_meeting_benchmark = their denominator; tested's numerator is its
//     denominator, and alt_tested's; the figures of one set of students share their denominator;
//   - participation_rate's numerator is tested's denominator + alt_tested's, and its
//     denominator is its numerator + the students who did not test, a remainder (a set of
//     students never published, at least 0, checked like a breakdown's). Its numerator is not
//     checked itself: it is no count of its own but the sum of two that are (what is known of
//     it is known of their sum, as of any set of cells);
//   - students counted by two numerators that exclude each other are at most the denominator:
//     graduation_rate + cohort_dropout_rate, long_term_el + proficient, and long_term_el +
//     proficient_by_years 6+ (of that part's denominator: a long-term EL has more than six
//     years in program and is not proficient). met_exit_criteria and not_proficient_six_years
//     are not such a pair: they are DESE's flags as the file gives them (RE2 this year, RE5
//     within six years), and a student may be both (proficient, but in the seventh year);
//   - 0 <= numerator <= denominator, and a listed figure (hidden ones included) has a
//     denominator of at least 1; a figure that is not listed has no students;
//   - a gap is the difference of its two sides, a gap's change the difference of two gaps.
//
// # The check
//
// The hidden numerators and denominators (and the remainders) are the unknowns; published
// values are constants. The relations split the unknowns of a district, year and family of
// populations (a population and its parts) into connected components, small because every
// published value cuts a link. For each unknown the auditor finds the interval [lo, hi] of the
// values the attacker cannot rule out: the minimum and the maximum of a linear program over
// its component (audit_lp.go, where the comment of tableau.bound says why the LP bound is the
// integer bound when the optimum is an integer point, and how branch and bound settles it when
// it is not). Most unknowns need no program of their own: the true counts and every integer
// optimum met are points the attacker cannot rule out, and an unknown seen at two values is
// not pinned, a denominator seen at minN or more not a small set (see auditGroup). It reports:
//
//  1. Pinned: a hidden numerator or denominator whose interval is one value, or one of a
//     remainder of 1 to minN-1 students. Not a violation: a numerator forced to 0 by a known
//     zero (it adds up into a total that is a published 0, or 0 because its figure is not
//     listed, or so forced itself; numerator <= denominator and the exclusive counts count as
//     such sums; or it is the total of a sum whose parts are all figures not listed:
//     participation_rate's numerator where no EL has a result), and a value the reasons alone
//     pin (see Reasons).
//  2. SmallSet: a denominator hidden for size (below minN) whose upper bound hi is below minN
//     and below what the reasons alone allow. This is exactly what catches every set of hidden
//     cells describing fewer than minN students whose combined figure can be worked out: if the
//     combined denominator s of a set S is derivable (or bounded above) and below minN, every
//     member of S has at most s minus the others' lower bounds (each at least 1) students, so
//     its hi is at most s, below minN; and, when S has two or more members, at most s-1, below
//     the minN-1 that its "fewer than minN" reason gives on its own (the baseline, which the
//     published figures then beat). Every member, having at most s < minN students, is hidden
//     for size: each one is reported. A remainder of 1 to minN-1 students is checked the same
//     way (it gives no reason; its lower bound is 0, so a set made of it and one hidden cell is
//     caught through the remainder, whose hi is at most s-1).
//  3. GapSide: a published gap with a side that is hidden or missing, or a published gap change
//     with a gap that is.
//  4. PublishedSmall: a published figure with fewer than minN students.
//  5. Inconsistent: counts that break a relation (a bug in compute or in the auditor), and
//     Unmodelled: a figure of a metric the auditor has no relation for.
//  6. Undecided: branch and bound ran out of nodes, and TooLarge: a component of more than
//     maxComponent unknowns with a published value in it, too large for this solver (the
//     suppression hides its whole table). Both are violations: the audit does not pass what it
//     could not check.
//
// A component with no published value in its relations or bounds (every figure of it hidden,
// say) is the baseline itself (see Reasons), so it cannot hold a violation and needs no
// program.
//
// Each violation names its Causes where it can: the published figures of the relations that
// alone imply the bound (given the other unknowns' bounds by propagation), which is where the
// suppression looks first for something to hide.
//
// # Reasons
//
// Publishing why a figure is hidden tells the attacker that a figure hidden for size has at
// most minN-1 students and one hidden as a complement at least minN; the auditor uses both.
// The reasons alone can say more: the parts of a whole hidden for size are smaller still
// (three groups of a whole of at most 9 have at most 7 each). That much is known whatever is
// published, so it is not a violation: the baseline of an unknown is its interval when every
// figure is hidden and gives its reason, and a bound is reported only when the published
// values make it tighter than the baseline. Hiding everything is therefore always clean, so
// the suppression that hides more until the audit passes terminates.
func Audit(figs []Figure, minN int) AuditReport {
	return newAuditor(figs, minN).run(nil)
}

// auditMemo keeps what auditing a group of figures (a district, year and family of
// populations: the unit the audit's relations never cross) found, when it found nothing,
// keyed by a SHA-256 digest of everything the group's audit reads: each figure's keys, counts,
// kind and whether and why it is hidden, in order, with minN and whether reasons are
// published (and whether every interval is computed exactly, as tests ask). auditGroup is a
// function of exactly these (it reads no other figure, and its one random source is seeded
// by the component), so a group seen before gives the same clean
// result: the rounds of the suppression loop re-audit only the groups that changed, and the
// final audit only what the loop's last audits did not see as it is. A group with a violation
// is never kept, so its violations (which name figures by index) are always found afresh; nor
// is one found clean by an audit that started from values an earlier one saw (see seenMemo),
// since that audit is not the final audit's.
// It is safe for concurrent use.
type auditMemo struct {
	mu    sync.Mutex
	clean map[[sha256.Size]byte]AuditStats
	// baselines keeps the intervals found in each group's baseline. The baseline is every
	// figure of the group hidden, with the reason its size gives (see modelBuilder.reason): it
	// reads the group's figures and true counts and not what is published, so the rounds
	// that audit a group again, having hidden more of it, find the same intervals.
	baselines map[baselineKey]map[baseKey][3]int
	// seen keeps, for each group with a violation, the least and greatest values its audit
	// saw of each hidden numerator and denominator (see seenKey), by the same key.
	seen map[baselineKey]map[seenKey][2]int
}

// seenKey names a hidden numerator or denominator (uNum, uDen) by its figure: the first of
// its population for a denominator, which is the same figure in every audit of a group (the
// group's figures come in the same order).
//
// A value seen is one the unknown takes at an integer point of the group's model: a point
// the attacker cannot rule out. The suppression loop audits a group again only after hiding
// more of it, and hiding only takes published values away: a point of the earlier model,
// with each figure hidden since at its published value, is a point of the later one (a
// figure newly hidden as a complement has at least min_n students, as its reason says). So a
// value seen in an earlier round is seen in every later one, and the pinned and small-set
// checks need no program for an unknown already seen at two values, or at min_n or more.
// The baseline's key names the group here, as it does not change with what is hidden; it
// reads whether figures give their reasons, so the loop's second pass with reasons
// (hideUntilAuditPasses) starts afresh.
type seenKey struct {
	fig  int32
	kind unknownKind
}

// seenKeyOf returns the key of unknown un, and false for the unknowns whose values are not
// kept (remainders and slacks, whose meaning changes with what is hidden).
func seenKeyOf(un *unknown) (seenKey, bool) {
	return seenKey{int32(un.fig), un.kind}, un.kind == uNum || un.kind == uDen
}

// baselineKey names a group's baseline: a SHA-256 digest of what the baseline reads (see
// auditor.digests).
type baselineKey [sha256.Size]byte

// baselineMemo returns the intervals found so far in the baseline named k, a map the
// caller may add to (one group is audited by one goroutine at a time).
func (memo *auditMemo) baselineMemo(k baselineKey) map[baseKey][3]int {
	memo.mu.Lock()
	defer memo.mu.Unlock()
	m := memo.baselines[k]
	if m == nil {
		if memo.baselines == nil {
			memo.baselines = make(map[baselineKey]map[baseKey][3]int)
		}
		m = make(map[baseKey][3]int)
		memo.baselines[k] = m
	}
	return m
}

// digest returns the key of the group idx of a's figures.
func (a *auditor) digest(idx []int) [sha256.Size]byte {
	d, _ := a.digests(idx)
	return d
}

// digests returns the key of the group idx of a's figures, and that of its baseline: the
// same but for what is published (whether each figure is hidden and why), which the baseline
// does not read.
func (a *auditor) digests(idx []int) (group [sha256.Size]byte, base baselineKey) {
	ds := digestScratches.Get().(*digestScratch)
	defer digestScratches.Put(ds)
	h, hb := ds.h, ds.hb
	h.Reset()
	hb.Reset()
	buf, gbuf, bbuf := ds.buf[:0], ds.gbuf[:0], ds.bbuf[:0] // a figure's fields; what goes to h and to hb, written by 4 KB
	defer func() { ds.buf, ds.gbuf, ds.bbuf = buf, gbuf, bbuf }()
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(n int) { buf = binary.AppendVarint(buf, int64(n)) }
	num(a.minN)
	num(boolInt(a.labels))
	num(boolInt(a.exact))
	for _, i := range idx {
		f := &a.figs[i]
		str(f.EntityType)
		str(f.EntityCode)
		str(f.EntityName())
		str(f.District)
		num(f.Year)
		str(string(f.Metric))
		str(f.Group)
		str(f.Category)
		num(int(f.Kind))
		num(f.Numerator)
		num(f.Denominator)
		bbuf = append(bbuf, buf...)
		// What is published goes into the group's key alone.
		num(boolInt(f.Suppressed))
		num(int(f.SuppressedFor))
		gbuf = append(gbuf, buf...)
		buf = buf[:0]
		if len(gbuf) > 4096 {
			h.Write(gbuf)
			hb.Write(bbuf)
			gbuf, bbuf = gbuf[:0], bbuf[:0]
		}
	}
	gbuf, bbuf = append(gbuf, buf...), append(bbuf, buf...)
	h.Write(gbuf)
	hb.Write(bbuf)
	h.Sum(group[:0])
	hb.Sum(base[:0])
	return group, base
}

// digestScratch is what digests writes with, kept for the next group (digestScratches): made
// for each group audited, the hashes and buffers were half a GB of what compute allocated at
// 2,000 schools.
type digestScratch struct {
	h, hb           hash.Hash
	buf, gbuf, bbuf []byte
}

var digestScratches = sync.Pool{New: func() any {
	return &digestScratch{h: sha256.New(), hb: sha256.New(), gbuf: make([]byte, 0, 8192), bbuf: make([]byte, 0, 8192)}
}}

// auditGroupMemo is auditGroup, through memo when it is set.
func (a *auditor) auditGroupMemo(idx []int, memo *auditMemo) groupResult {
	if memo == nil {
		return a.auditGroup(idx)
	}
	key, baseKey := a.digests(idx)
	memo.mu.Lock()
	stats, ok := memo.clean[key]
	seen := memo.seen[baseKey] // one group is audited by one goroutine at a time
	memo.mu.Unlock()
	if ok {
		stats.Reused = 1
		return groupResult{stats: stats}
	}
	res := a.auditGroupWith(idx, memo.baselineMemo(baseKey), seen)
	memo.mu.Lock()
	defer memo.mu.Unlock()
	if len(res.violations) > 0 {
		if memo.seen == nil {
			memo.seen = make(map[baselineKey]map[seenKey][2]int)
		}
		memo.seen[baseKey] = res.seen
		return res
	}
	// A group found clean from values seen by earlier audits is not kept: the final audit
	// audits it afresh, and so depends on nothing the loop found.
	if seen == nil {
		if memo.clean == nil {
			memo.clean = make(map[[sha256.Size]byte]AuditStats)
		}
		memo.clean[key] = res.stats
	}
	// A clean group is audited again only when something of it is hidden (and then as a
	// group with a violation, whose baseline was kept): its own is not needed again.
	delete(memo.baselines, baseKey)
	delete(memo.seen, baseKey)
	return res
}

// AuditReport is what Audit finds.
type AuditReport struct {
	Violations []Violation
	Stats      AuditStats
}

// Err returns an error listing the violations (the first ten), or nil when there is none.
func (r AuditReport) Err() error {
	if len(r.Violations) == 0 {
		return nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "privacy audit: %d violation(s)", len(r.Violations))
	for i, v := range r.Violations {
		if i == 10 {
			fmt.Fprintf(&sb, "\n  ... and %d more", len(r.Violations)-10)
			break
		}
		sb.WriteString("\n  " + v.String())
	}
	return fmt.Errorf("%s", sb.String())
}

// AuditStats describes an audit.
type AuditStats struct {
	Figures       int // figures audited, gaps included
	HiddenFigures int // hidden figures, gaps included
	// HiddenCells counts the hidden populations (one hidden denominator each).
	HiddenCells int
	// Intervals counts the unknowns checked: hidden numerators and denominators, and
	// remainders of 1 to minN-1 students (numerator and denominator). ExactIntervals counts
	// those whose interval was computed exactly (the others were settled by the values seen;
	// see auditGroup), Uninformed those in components with no published value (nothing to
	// find, no program).
	Intervals, ExactIntervals, Uninformed int
	// Components counts the connected components of unknowns; Largest is the number of
	// unknowns of the largest.
	Components, Largest int
	// Narrowest is the smallest hi - lo of an interval that no exemption covers (-1 when there
	// is none; noUpper-lo when unbounded); NarrowestAt names it.
	Narrowest   int
	NarrowestAt string
	// Programs counts the linear programs optimised, Pivots their simplex pivots, Fractional
	// the optima at a fractional vertex that needed branch and bound, and Nodes its programs:
	// the work done, which leaves out the baseline intervals an earlier audit of the same
	// build found (auditMemo.baselines).
	Programs, Pivots, Fractional, Nodes int
	// Rebuilt counts the tableaus built again because rounding errors broke a program on
	// them (see lpBroken).
	Rebuilt int
	// Reused counts the groups (district, year and family of populations) whose figures an
	// earlier audit of the same build had found clean exactly as they are, and whose result
	// it reused (see auditMemo); the other counts include what those audits counted.
	Reused   int
	Duration time.Duration
}

func (s AuditStats) String() string {
	narrow := "none"
	if s.Narrowest >= 0 {
		narrow = fmt.Sprintf("%d (%s)", s.Narrowest, s.NarrowestAt)
	}
	rebuilt := ""
	if s.Rebuilt > 0 {
		rebuilt = fmt.Sprintf(", %d tableaus built again after rounding errors", s.Rebuilt)
	}
	return fmt.Sprintf("%d figures, %d hidden (%d hidden cells); %d intervals checked (%d computed exactly, %d with no published value around) in %d components (largest %d unknowns); narrowest interval width %s; %d LPs, %d pivots, %d fractional optima, %d branch-and-bound nodes%s; %d groups as audited before; %v",
		s.Figures, s.HiddenFigures, s.HiddenCells, s.Intervals, s.ExactIntervals, s.Uninformed, s.Components, s.Largest, narrow,
		s.Programs, s.Pivots, s.Fractional, s.Nodes, rebuilt, s.Reused, s.Duration.Round(time.Millisecond))
}

func (s *AuditStats) add(o AuditStats) {
	s.HiddenCells += o.HiddenCells
	s.Intervals += o.Intervals
	s.ExactIntervals += o.ExactIntervals
	s.Uninformed += o.Uninformed
	s.Components += o.Components
	s.Largest = max(s.Largest, o.Largest)
	if o.Narrowest >= 0 && (s.Narrowest < 0 || o.Narrowest < s.Narrowest) {
		s.Narrowest, s.NarrowestAt = o.Narrowest, o.NarrowestAt
	}
	s.Programs += o.Programs
	s.Pivots += o.Pivots
	s.Fractional += o.Fractional
	s.Nodes += o.Nodes
	s.Rebuilt += o.Rebuilt
	s.Reused += o.Reused
}

// ViolationKind says what an audit found.
type ViolationKind uint8

// The kinds of violation (see Audit).
const (
	Pinned ViolationKind = iota
	SmallSet
	GapSide
	PublishedSmall
	Inconsistent
	Unmodelled
	Undecided
	TooLarge
)

var violationNames = [...]string{"pinned", "small set", "gap side", "published small", "inconsistent", "unmodelled", "undecided", "too large"}

func (k ViolationKind) String() string { return violationNames[k] }

// Violation is one thing the audit found, with what is needed to print it.
type Violation struct {
	Kind                   ViolationKind
	EntityType, EntityCode string
	Year                   int
	Metric                 metric.ID
	Group, Category        string
	// Remainder marks the students Metric's breakdown leaves out (Category is then empty).
	Remainder bool
	// Quantity is "numerator" or "denominator" (empty for gaps and whole figures).
	Quantity string
	// Lo and Hi are the values the attacker cannot rule out (Hi noUpper when unbounded);
	// BaseLo and BaseHi those the reasons alone leave (when computed). True is the true value.
	Lo, Hi, BaseLo, BaseHi, True int
	// Fig is the index in the audited figures of the figure concerned: for a denominator the
	// first figure of its population, for a remainder the first figure of the whole.
	Fig int
	// Causes lists published figures (indexes in the audited figures) of the relations that
	// alone imply the bound violated, given bounds of the other unknowns found by propagation
	// (empty when the bound needs several relations at once): hiding one of them is the
	// likeliest fix.
	Causes []int
	// Component numbers the connected component of unknowns the violation is in (unique
	// within one report; -1 for violations that are not about an unknown).
	Component int
	Detail    string
}

func (v Violation) String() string {
	what := string(v.Metric)
	if v.Category != "" {
		what += " " + v.Category
	}
	if v.Remainder {
		what += " remainder (students in no category)"
		if v.Metric == metric.ParticipationRate {
			what = string(v.Metric) + " remainder (students who did not test)"
		}
	}
	s := fmt.Sprintf("%s: %s %s %d %s %s", v.Kind, v.EntityType, v.EntityCode, v.Year, what, v.Group)
	if v.Quantity != "" {
		s += " " + v.Quantity + " in " + intervalString(v.Lo, v.Hi)
		if v.BaseHi != 0 {
			s += " (reasons alone: " + intervalString(v.BaseLo, v.BaseHi) + ")"
		}
	}
	if v.Detail != "" {
		s += ": " + v.Detail
	}
	return s
}

func intervalString(lo, hi int) string {
	if hi == noUpper {
		return fmt.Sprintf("[%d, ∞)", lo)
	}
	return fmt.Sprintf("[%d, %d]", lo, hi)
}

// The sets of students (populations) of the figures: figures of one entity, year, group and
// population share their denominator.
const (
	popTested     = "tested"
	popProgress   = "progress"
	popSGPA       = "sgpa"
	popDifficulty = "difficulty"
	popExited     = "exited"
	popEWIS       = "ewis"
	popEnrolled   = "enrolled"
	popCohort     = "cohort"
	popCourses    = "courses"
	popPlans      = "plans"
	// The alternate (alt_tested) and the ELs expected to test (participation_rate): in the
	// family of the tested, since their counts add up with it.
	popAlt           = popTested + "/alt"
	popParticipation = popTested + "/participation"
)

// auditPop returns the population of a figure's denominator, and false for a metric without
// one (gaps, and any metric this table does not know, which the audit reports).
func auditPop(id metric.ID, category string) (string, bool) {
	switch id {
	case metric.Tested, metric.LevelBand, metric.Proficient, metric.MetExitCriteria, metric.NotProficientSixYears, metric.LongTermEL,
		metric.ListeningBand, metric.SpeakingBand, metric.ReadingBand, metric.WritingBand:
		return popTested, true
	case metric.ProficientByYears:
		return partPop(popTested, id, category), true
	case metric.LevelBandByGrade:
		grade, _, _ := metric.SplitGradeBand(category)
		return partPop(popTested, id, grade), true
	case metric.AltTested:
		return popAlt, true
	case metric.ParticipationRate:
		return popParticipation, true
	case metric.MakingProgress, metric.NotMeetingBenchmark:
		return popProgress, true
	case metric.MakingProgressByYears, metric.MakingProgressBySpan, metric.MakingProgressByProgram:
		return partPop(popProgress, id, category), true
	case metric.SGPAMedian, metric.GrowthBand:
		return popSGPA, true
	case metric.HighDifficulty:
		return popDifficulty, true
	case metric.ExitedAfterExitCriteria:
		return popExited, true
	case metric.EWISRisk:
		return popEWIS, true
	case metric.EWISHighByAge:
		return partPop(popEWIS, id, category), true
	case metric.AnnualDropoutRate:
		return popEnrolled, true
	case metric.GraduationRate, metric.CohortDropoutRate:
		return popCohort, true
	case metric.Grade9CoursePass:
		return popCourses, true
	case metric.MCASMeeting:
		return "mcas/" + category, true
	case metric.PlanShare, metric.AnyCollege, metric.FourYearCollege, metric.Work, metric.Military, metric.Unknown:
		return popPlans, true
	}
	return "", false
}

func partPop(whole string, breakdown metric.ID, category string) string {
	return whole + "/" + string(breakdown) + "/" + category
}

// partPops returns the populations of the parts of whole in breakdown, one per category of
// cats, in order.
func partPops(whole string, breakdown metric.ID, cats []string) []string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = partPop(whole, breakdown, c)
	}
	return out
}

// breakdownParts lists, for each of auditBreakdowns, the populations of its parts (one per
// category of the breakdown), and gradeParts those of level_band_by_grade (one per grade of
// metric.Grades): the model of every group asks for them many times over.
var (
	breakdownParts = func() [][]string {
		out := make([][]string, len(auditBreakdowns))
		for i, bd := range auditBreakdowns {
			out[i] = partPops(bd.pop, bd.breakdown, bd.breakdown.Info().Categories.Values)
		}
		return out
	}()
	gradeParts = partPops(popTested, metric.LevelBandByGrade, metric.Grades)
	// distCats and breakdownCats list the categories of each of auditDistributions and
	// auditBreakdowns (metric.Info copies the whole metric to give them).
	distCats = func() [][]string {
		out := make([][]string, len(auditDistributions))
		for i, d := range auditDistributions {
			out[i] = d.id.Info().Categories.Values
		}
		return out
	}()
	breakdownCats = func() [][]string {
		out := make([][]string, len(auditBreakdowns))
		for i, bd := range auditBreakdowns {
			out[i] = bd.breakdown.Info().Categories.Values
		}
		return out
	}()
)

// auditBreakdowns are the breakdowns that add up to a whole: denominators to the whole's
// denominator, numerators to the numerator of figure whole (category wholeCat), up to a
// remainder when remainder is set.
var auditBreakdowns = []struct {
	pop       string
	breakdown metric.ID
	whole     metric.ID
	wholeCat  string
	remainder bool
}{
	{popTested, metric.ProficientByYears, metric.Proficient, "", true},
	{popProgress, metric.MakingProgressByYears, metric.MakingProgress, "", true},
	{popProgress, metric.MakingProgressBySpan, metric.MakingProgress, "", false},
	{popProgress, metric.MakingProgressByProgram, metric.MakingProgress, "", false},
	{popEWIS, metric.EWISHighByAge, metric.EWISRisk, "High", true},
}

// auditDistributions are the metrics whose numerators, over their categories, add up to the
// denominator of their population; up to a remainder when remainder is set (the domain bands:
// the tested without that domain's level are in no band), a set of students never published,
// at least 0, checked like a breakdown's.
var auditDistributions = []struct {
	id        metric.ID
	pop       string
	remainder bool
}{
	{metric.LevelBand, popTested, false},
	{metric.ListeningBand, popTested, true}, {metric.SpeakingBand, popTested, true},
	{metric.ReadingBand, popTested, true}, {metric.WritingBand, popTested, true},
	{metric.GrowthBand, popSGPA, false}, {metric.EWISRisk, popEWIS, false}, {metric.PlanShare, popPlans, false},
}

// auditPlanSums are the plan summaries: each numerator is the sum of plan_share numerators.
var auditPlanSums = []struct {
	id    metric.ID
	plans []string
}{
	{metric.AnyCollege, []string{"FourYearPrivate", "FourYearPublic", "TwoYearPrivate", "TwoYearPublic"}},
	{metric.FourYearCollege, []string{"FourYearPrivate", "FourYearPublic"}},
	{metric.Work, []string{"Work"}},
	{metric.Military, []string{"Military"}},
	{metric.Unknown, []string{"Unknown"}},
}

// withinWhole says whether a metric's numerators are parts of a sum that equals their
// denominator (a distribution, a plan summary, making_progress and not_meeting_benchmark,
// tested), so that numerator <= denominator follows from the relations and needs no row.
func withinWhole(id metric.ID) bool {
	for _, d := range auditDistributions {
		if d.id == id {
			return true
		}
	}
	for _, ps := range auditPlanSums {
		if ps.id == id {
			return true
		}
	}
	return id == metric.MakingProgress || id == metric.NotMeetingBenchmark || id == metric.Tested || id == metric.LevelBandByGrade ||
		id == metric.AltTested || id == metric.ParticipationRate
}

// districtOnly says whether a metric is published for districts only (level_band_by_grade),
// so that its figures are no sum of schools' figures.
func districtOnly(id metric.ID) bool { return id == metric.LevelBandByGrade }

// hasAll says whether a metric is published for group All (and so adds up over the groups).
func hasAll(id metric.ID) bool { return slices.Contains(id.Info().Groups, metric.AllStudents) }

// auditor audits a set of figures.
type auditor struct {
	figs []Figure
	// subset lists the indexes in figs of the figures audited, in order; nil for all.
	subset []int
	minN   int
	// labels is set when the hidden figures give their reasons; the baseline then gives every
	// figure its reason.
	labels bool
	// exact computes every interval exactly (tests).
	exact bool
	// report computes the exact lower bound of a small set a violation names (the upper bound,
	// which decides, always is): an audit whose violations are shown (Audit, the final audit)
	// says what a reader can work out, where the suppression loop needs only the verdicts.
	report bool
	// floats recycles the rows of the tableaus of the groups audited (and of the auditors
	// sharing it: the suppression loop's, one per table).
	floats *floatPool
}

// baseline is the model of a district, year and family with every figure hidden
// (denominators only), and the intervals found so far.
type baseline struct {
	sv *solver
}

// baseKey names a denominator (of a population, or of a remainder when breakdown is set)
// independently of the order of the figures.
type baseKey struct {
	typ, code, group, pop string
	breakdown             metric.ID
}

func newAuditor(figs []Figure, minN int) *auditor {
	a := newSubsetAuditor(figs, nil, minN)
	a.report = true
	return a
}

// newSubsetAuditor audits the figures of figs at the indexes subset, in that order (all of
// figs when subset is nil), as Audit audits figures of their own: the suppression loop audits
// the tables it changed this way, without copying their figures. Violations name figures by
// their index in figs, and come in the order of subset.
func newSubsetAuditor(figs []Figure, subset []int, minN int) *auditor {
	a := &auditor{figs: figs, subset: subset, minN: max(minN, 1), floats: new(floatPool)}
	a.visit(func(i int) bool {
		if figs[i].Suppressed && figs[i].SuppressedFor != 0 {
			a.labels = true
			return false
		}
		return true
	})
	return a
}

// visit calls fn with the index of each audited figure, in order, until fn returns false.
func (a *auditor) visit(fn func(i int) bool) {
	if a.subset == nil {
		for i := range a.figs {
			if !fn(i) {
				return
			}
		}
		return
	}
	for _, i := range a.subset {
		if !fn(i) {
			return
		}
	}
}

// audited returns the number of figures audited.
func (a *auditor) audited() int {
	if a.subset == nil {
		return len(a.figs)
	}
	return len(a.subset)
}

// groupKey is a district, year and family of populations (a population and its parts, or
// the numerators' distribution over them): relations never cross them (except a gap's and a
// gap change's, which are checked on their own).
type groupKey struct {
	district string
	year     int
	family   string
}

// auditFamily returns the family of a population: itself, or the whole it is a part of.
func auditFamily(pop string) string {
	if i := strings.Index(pop, "/"); i >= 0 && !strings.HasPrefix(pop, "mcas/") {
		return pop[:i]
	}
	return pop
}

func (a *auditor) run(memo *auditMemo) AuditReport {
	return a.runWith(memo, runtime.GOMAXPROCS(0))
}

// runWith is run with the groups audited by the given number of goroutines (by the caller's
// alone when 1).
func (a *auditor) runWith(memo *auditMemo, workers int) AuditReport {
	start := time.Now()
	rep := AuditReport{Stats: AuditStats{Figures: a.audited(), Narrowest: -1}}
	groups := make(map[groupKey][]int)
	a.visit(func(i int) bool {
		f := &a.figs[i]
		if f.Suppressed {
			rep.Stats.HiddenFigures++
		}
		if f.Kind == Points {
			return true
		}
		pop, ok := auditPop(f.Metric, f.Category)
		if !ok {
			rep.Violations = append(rep.Violations, a.violation(Unmodelled, i, "", "no relation is known for this metric"))
			return true
		}
		k := groupKey{f.District, f.Year, auditFamily(pop)}
		groups[k] = append(groups[k], i)
		return true
	})
	keys := make([]groupKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y groupKey) int {
		return cmp.Or(strings.Compare(x.district, y.district), cmp.Compare(x.year, y.year), strings.Compare(x.family, y.family))
	})
	results := make([]groupResult, len(keys))
	audit := func(i int) {
		r := a.auditGroupMemo(groups[keys[i]], memo)
		r.intervals = nil // for tests of auditGroup; held to the end of the run, they would weigh tens of MB
		results[i] = r
	}
	if workers <= 1 {
		for i := range keys {
			audit(i)
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Go(func() {
				for i := range next {
					audit(i)
				}
			})
		}
		for i := range keys {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	comps := 0
	for _, r := range results {
		for _, v := range r.violations {
			if v.Component >= 0 {
				v.Component += comps
			}
			rep.Violations = append(rep.Violations, v)
		}
		comps += r.stats.Components
		rep.Stats.add(r.stats)
	}
	rep.Violations = append(rep.Violations, a.gapViolations()...)
	// In the order of the figures audited: of subset, when it is set (where it is in increasing
	// order, as a table's figures are, that of the figures themselves).
	pos := func(i int) int { return i }
	if a.subset != nil && len(rep.Violations) > 1 && !slices.IsSorted(a.subset) {
		at := make([]int32, len(a.figs))
		for k, i := range a.subset {
			at[i] = int32(k)
		}
		pos = func(i int) int { return int(at[i]) }
	}
	slices.SortStableFunc(rep.Violations, func(x, y Violation) int {
		return cmp.Or(cmp.Compare(pos(x.Fig), pos(y.Fig)), cmp.Compare(x.Kind, y.Kind), strings.Compare(x.Quantity, y.Quantity),
			cmp.Compare(boolInt(x.Remainder), boolInt(y.Remainder)))
	})
	rep.Stats.Duration = time.Since(start)
	return rep
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unknownKind says what an unknown of the audit counts.
type unknownKind uint8

const (
	uDen    unknownKind = iota // a population's denominator
	uNum                       // a figure's numerator
	uRemDen                    // the students a breakdown leaves out
	uRemNum                    // those of them in the whole's numerator
	uSlack                     // denominator minus numerator, where both are unknown
)

// unknown is a variable of the audit's linear programs.
type unknown struct {
	kind unknownKind
	// fig is the figure (for a denominator, the first of its population; for a remainder, the
	// first of the whole's population); breakdown names a remainder's breakdown.
	fig       int
	breakdown metric.ID
	// cat names the category of a remainder's numerator where the remainder has several (the
	// band of level_band_by_grade's).
	cat   string
	truth int
	// checked unknowns get an interval and are judged: hidden numerators and denominators,
	// and remainders of 1 to minN-1 students.
	checked bool
	// small marks a denominator hidden for size (below minN) and a checked remainder.
	small bool
	// informed marks an unknown whose bounds a published value sets (a published numerator
	// under a hidden denominator, a hidden numerator under a published one); boundFigs are
	// those figures.
	informed  bool
	boundFigs []int
}

// uKey identifies an unknown of a model independently of its number (the tests name
// intervals by it).
type uKey struct {
	kind      unknownKind
	fig       int
	breakdown metric.ID
	cat       string
}

// term is a constant c (v < 0: -1 for a figure that is not listed, -2 for a value published
// by figure fig) or an unknown v, in a relation.
type term struct{ v, c, fig int }

func konst(c int) term { return term{v: -1, c: c} }

func published(c, fig int) term { return term{v: -2, c: c, fig: fig} }

func unk(v int) term { return term{v: v} }

// sumRel is a relation total = the sum of parts, kept for the zero exemption.
type sumRel struct {
	total term
	parts []term
}

// auditModel is the linear program of the unknowns of one district and year.
type auditModel struct {
	lp       lpModel
	unknowns []unknown
	sums     []sumRel
	base     map[baseKey]int // the denominators, in a baseline (see nameBase)
	problems []Violation     // Inconsistent and Unmodelled
	// rowFigs lists, for each row of lp, the published figures whose values it holds.
	rowFigs [][]int
	// ints and floats are what the rows' indexes, coefficients and figures are cut from (see
	// cut); class is the size class the model is kept by (see newAuditModel).
	ints   []int
	floats []float64
	terms  []term
	class  int
}

// models keeps the models of the groups audited, by size class (a power of two of the
// unknowns sized for), for the next groups: their unknowns, rows and relations, made afresh
// for each of several hundred thousand models, were 1.1 GB of the 5.8 GB compute allocated at
// 2,000 schools.
var models [32]sync.Pool

// newAuditModel returns an empty model with room for about nu unknowns and nr relations.
func newAuditModel(nu, nr int) *auditModel {
	c := min(bits.Len(uint(max(nu, 1)-1)), len(models)-1)
	if m, ok := models[c].Get().(*auditModel); ok {
		return m
	}
	return &auditModel{class: c, unknowns: make([]unknown, 0, nu),
		lp:      lpModel{lower: make([]int, 0, nu), upper: make([]int, 0, nu), rows: make([]lpRow, 0, nr)},
		rowFigs: make([][]int, 0, nr), sums: make([]sumRel, 0, nr)}
}

// recycle empties m and keeps it for another group: nothing may use m after.
func (m *auditModel) recycle() {
	clear(m.unknowns)
	clear(m.lp.rows)
	clear(m.rowFigs)
	clear(m.sums)
	m.unknowns, m.lp.lower, m.lp.upper, m.lp.rows = m.unknowns[:0], m.lp.lower[:0], m.lp.upper[:0], m.lp.rows[:0]
	m.rowFigs, m.sums, m.ints, m.floats = m.rowFigs[:0], m.sums[:0], m.ints[:0], m.floats[:0]
	clear(m.terms)
	m.terms = m.terms[:0]
	m.base, m.problems = nil, nil
	models[m.class].Put(m)
}

// cut returns an empty slice with room for n values, cut from *arena (a model's, see
// auditModel.ints). A full arena is replaced by a larger one; the slices cut from it keep it.
func cut[T any](arena *[]T, n int) []T {
	if cap(*arena)-len(*arena) < n {
		*arena = make([]T, 0, max(2*cap(*arena), n, 1024))
	}
	k := len(*arena)
	*arena = (*arena)[:k+n]
	return (*arena)[k : k : k+n]
}

func (m *auditModel) add(u unknown, lower, upper int) int {
	m.unknowns = append(m.unknowns, u)
	m.lp.lower = append(m.lp.lower, lower)
	m.lp.upper = append(m.lp.upper, upper)
	return len(m.unknowns) - 1
}

// dKey names a population's denominator; nKey a figure's numerator. The entity and the group
// are numbered within the model (see modelBuilder.entity and modelBuilder.group): the model of
// a group looks its keys up several million times over at state scale, and a key of numbers
// hashes faster than one of four names.
type dKey struct {
	ent int32
	grp uint8
	pop string
}

type nKey struct {
	ent int32
	grp uint8
	id  metric.ID
	cat string
}

// entityRef is an entity of a model: the district or one of its schools.
type entityRef struct{ typ, code string }

// builder makes the model of one district and year.
type modelBuilder struct {
	a         *auditor
	m         *auditModel
	allHidden bool // the baseline: every figure hidden, with its reason, denominators only
	den       map[dKey]term
	num       map[nKey]term
	numTruth  map[nKey]int // the true numerators of every figure (the baseline's too)
	denFig    map[dKey]int // first figure of the population
	district  string
	schools   []string
	first     int // a figure of the district and year, to name a problem
	// ents are the entities numbered so far (entAt their numbers), groups the groups (the
	// first four are metric.Groups()).
	ents   []entityRef
	entAt  map[entityRef]int32
	groups []string
	// coefs and figs are equal's scratch.
	coefs []varCoef
	figs  []int
	// absentDist, absentBreakdown and absentGrades mark what the model has no population of
	// (see relations).
	absentDist, absentBreakdown []bool
	absentGrades                bool
}

// varCoef is an unknown and its coefficient in a relation.
type varCoef struct {
	v int
	c float64
}

// entity returns the number of an entity in the model, numbering it when new.
func (b *modelBuilder) entity(typ, code string) int32 {
	r := entityRef{typ, code}
	if e, ok := b.entAt[r]; ok {
		return e
	}
	e := int32(len(b.ents))
	b.ents = append(b.ents, r)
	b.entAt[r] = e
	return e
}

// group returns the number of a group in the model, numbering it when new.
func (b *modelBuilder) group(g string) uint8 {
	switch g {
	case metric.EL:
		return 0
	case metric.FormerEL:
		return 1
	case metric.NonEL:
		return 2
	case metric.AllStudents:
		return 3
	}
	if k := slices.Index(b.groups, g); k >= 0 {
		return uint8(k)
	}
	b.groups = append(b.groups, g)
	return uint8(len(b.groups) - 1)
}

// published says whether figure i is published in the model being built.
func (b *modelBuilder) published(i int) bool { return !b.allHidden && !b.a.figs[i].Suppressed }

// reason returns the reason hidden figure i gives (0 when none).
func (b *modelBuilder) reason(i int) SuppressionReason {
	f := &b.a.figs[i]
	if !b.allHidden {
		return f.SuppressedFor
	}
	if !b.a.labels {
		return 0
	}
	if f.Denominator < b.a.minN {
		return ForSize
	}
	return ForComplement
}

func (a *auditor) build(idx []int, allHidden bool) *auditModel {
	// The maps are sized for the figures up front: growing them cost as much as filling them.
	// So are the unknowns and relations, where growing them was a fifth of what building the
	// models allocated: a little above the average of the audit of 200 schools, 1.07 unknowns
	// and 0.87 relations per figure (the baseline's 0.49 and 0.24). A quarter to a third of
	// the groups have more, and grow once; sizing for them (half as much again) allocated
	// more in all, and was slower.
	n := len(idx)
	nu, nr := n+n/8, n
	if allHidden {
		nu, nr = n/2+n/8, n/4
	}
	sc := getBuildScratch(n)
	defer putBuildScratch(sc)
	var base map[baseKey]int
	if allHidden {
		base = make(map[baseKey]int)
	}
	m := newAuditModel(nu, nr)
	m.base = base
	b := &modelBuilder{a: a, m: m, allHidden: allHidden,
		den: sc.den, num: sc.num, numTruth: sc.numTruth, denFig: sc.denFig,
		entAt: sc.entAt, groups: metric.Groups()}
	// Populations: their figures, and whether any is published (pops[popAt[k]] for k).
	popAt, schools := sc.popAt, sc.schools
	pops, popOrder := sc.pops[:0], sc.popOrder[:0]
	defer func() { sc.pops, sc.popOrder = pops, popOrder }()
	b.first = idx[0]
	for _, i := range idx {
		f := &a.figs[i]
		b.district = f.District
		if f.EntityType == EntitySchool {
			schools[f.EntityCode] = true
		}
		pop, _ := auditPop(f.Metric, f.Category) // run has left out the others
		ent, grp := b.entity(f.EntityType, f.EntityCode), b.group(f.Group)
		if f.Kind != Median {
			b.numTruth[nKey{ent, grp, f.Metric, f.Category}] = f.Numerator
		}
		k := dKey{ent, grp, pop}
		at, ok := popAt[k]
		if !ok {
			at = int32(len(pops))
			if len(pops) < cap(pops) {
				pops = pops[:len(pops)+1]
				pops[at].figs, pops[at].published = pops[at].figs[:0], -1
			} else {
				pops = append(pops, popInfo{published: -1})
			}
			popAt[k] = at
			popOrder = append(popOrder, k)
			b.denFig[k] = i
		}
		p := &pops[at]
		p.figs = append(p.figs, i)
		if b.published(i) && p.published < 0 {
			p.published = i
		}
	}
	for s := range schools {
		b.schools = append(b.schools, s)
	}
	slices.Sort(b.schools)

	// Denominators.
	for _, k := range popOrder {
		p := &pops[popAt[k]]
		first := p.figs[0]
		if p.published >= 0 {
			d := a.figs[p.published].Denominator
			for _, i := range p.figs {
				if b.published(i) && a.figs[i].Denominator != d {
					m.problems = append(m.problems, a.violation(Inconsistent, i, "denominator",
						fmt.Sprintf("published denominators %d and %d of one population", d, a.figs[i].Denominator)))
				}
			}
			b.den[k] = published(d, p.published)
			continue
		}
		lower, upper := 1, noUpper
		switch b.reason(first) {
		case ForSize:
			upper = a.minN - 1
		case ForComplement:
			lower = max(1, a.minN)
		}
		truth := a.figs[first].Denominator
		v := m.add(unknown{kind: uDen, fig: first, truth: truth, checked: true, small: truth < a.minN}, lower, upper)
		e := b.ents[k.ent]
		b.nameBase(baseKey{e.typ, e.code, b.groups[k.grp], k.pop, ""}, v)
		b.den[k] = unk(v)
	}
	// Numerators, and numerator <= denominator (the baseline has none: whatever the
	// denominators, some numerators fit them, e.g. everyone in the first category).
	for _, k := range popOrder {
		if allHidden {
			break
		}
		for _, i := range pops[popAt[k]].figs {
			f := &a.figs[i]
			if f.Kind == Median {
				continue
			}
			nk := nKey{b.entity(f.EntityType, f.EntityCode), b.group(f.Group), f.Metric, f.Category}
			d := b.den[k]
			if b.published(i) {
				b.num[nk] = published(f.Numerator, i)
				if d.v >= 0 {
					m.lp.lower[d.v] = max(m.lp.lower[d.v], f.Numerator)
					m.unknowns[d.v].informed = true
					m.unknowns[d.v].boundFigs = append(m.unknowns[d.v].boundFigs, i)
				} else if f.Numerator > d.c || f.Numerator < 0 {
					m.problems = append(m.problems, a.violation(Inconsistent, i, "numerator", "numerator outside 0..denominator"))
				}
				continue
			}
			upper := noUpper
			if d.v < 0 {
				upper = d.c
			}
			// participation_rate's numerator is no count of its own: it is tested's denominator
			// plus alt_tested's (see within), each checked; what is derived of it is derived of
			// their sum, as of any set of cells.
			un := unknown{kind: uNum, fig: i, truth: f.Numerator, checked: f.Metric != metric.ParticipationRate}
			if d.v < 0 {
				un.informed, un.boundFigs = true, []int{pops[popAt[k]].published}
			}
			v := m.add(un, 0, upper)
			b.num[nk] = unk(v)
			if d.v >= 0 && !withinWhole(f.Metric) {
				b.lessEq(unk(v), d)
			}
		}
	}
	b.relations(popOrder, sc)
	return m
}

// nameBase names unknown v by k in the model's base, where the model is a baseline: the
// baseline's unknowns are looked up by their names (the live model's are never), and naming
// them all in every live model was 190 MB of what compute allocated at 2,000 schools.
func (b *modelBuilder) nameBase(k baseKey, v int) {
	if b.allHidden {
		b.m.base[k] = v
	}
}

// popInfo is a population of a model being built: its figures, and a published one (or -1).
type popInfo struct {
	figs      []int
	published int
}

// buildScratch holds the maps and lists a modelBuilder looks its keys up in, for the next
// model (see getBuildScratch): made afresh for each of the audit's several hundred thousand
// models, they were a sixth of what compute allocated at 2,000 schools (1.2 GB of 7.5), and
// the collector ran that much more often.
type buildScratch struct {
	class    int // the models' size class: for up to 1<<class figures
	den      map[dKey]term
	num      map[nKey]term
	numTruth map[nKey]int
	denFig   map[dKey]int
	popAt    map[dKey]int32
	entAt    map[entityRef]int32
	schools  map[string]bool
	pops     []popInfo
	popOrder []dKey
	// relations' lists of the populations and numerators present.
	popNames  []string
	popMetric map[string]metric.ID
	numNames  []numOf
	seenNum   map[numOf]bool
}

// numOf is a numerator's metric and category, without an entity or a group.
type numOf struct {
	id  metric.ID
	cat string
}

// buildScratches keeps buildScratch by size class (a power of two of the figures), so that
// the maps cleared for a model are at most twice its size: a map is cleared in time of its
// size, not of what it held.
var buildScratches [32]sync.Pool

// getBuildScratch returns an empty buildScratch for a model of n figures.
func getBuildScratch(n int) *buildScratch {
	c := bits.Len(uint(max(n, 1) - 1)) // 1<<c >= n
	if sc, ok := buildScratches[min(c, len(buildScratches)-1)].Get().(*buildScratch); ok {
		return sc
	}
	size := 1 << c
	return &buildScratch{class: c,
		den: make(map[dKey]term, size/2), num: make(map[nKey]term, size), numTruth: make(map[nKey]int, size),
		denFig: make(map[dKey]int, size/2), popAt: make(map[dKey]int32, size/2),
		entAt: make(map[entityRef]int32), schools: make(map[string]bool),
		popMetric: make(map[string]metric.ID), seenNum: make(map[numOf]bool)}
}

// putBuildScratch clears sc and keeps it for another model of its size class.
func putBuildScratch(sc *buildScratch) {
	clear(sc.den)
	clear(sc.num)
	clear(sc.numTruth)
	clear(sc.denFig)
	clear(sc.popAt)
	clear(sc.entAt)
	clear(sc.schools)
	clear(sc.popMetric)
	clear(sc.seenNum)
	buildScratches[min(sc.class, len(buildScratches)-1)].Put(sc)
}

// lessEq adds x <= y for unknowns x and y: x + s = y with a slack s >= 0.
func (b *modelBuilder) lessEq(x, y term) {
	m := b.m
	s := m.add(unknown{kind: uSlack, truth: b.value(y) - b.value(x)}, 0, noUpper)
	b.equal([]term{x, unk(s)}, []term{y}, true) // a sum: y = 0 forces x = 0
}

// value is a term's true value.
func (b *modelBuilder) value(t term) int {
	if t.v < 0 {
		return t.c
	}
	return b.m.unknowns[t.v].truth
}

// equal adds the relation sum(left) = sum(right); when sum is set, right is one total and left
// its parts (kept for the zero exemption).
func (b *modelBuilder) equal(left, right []term, sum bool) {
	m := b.m
	row := lpRow{}
	rhs, truth := 0, 0
	// The coefficient of each unknown: the terms listed, then sorted by unknown and merged (a
	// district's sum of its schools has a term per school; a map per relation cost more), in
	// the builder's scratch.
	coef, figs := b.coefs[:0], b.figs[:0]
	defer func() { b.coefs, b.figs = coef[:0], figs[:0] }()
	add := func(ts []term, sign int) {
		for _, t := range ts {
			truth += sign * b.value(t)
			if t.v < 0 {
				rhs -= sign * t.c
				if t.v == -2 {
					row.pub = true
					figs = append(figs, t.fig)
				}
				continue
			}
			coef = append(coef, varCoef{t.v, float64(sign)})
		}
	}
	add(left, 1)
	add(right, -1)
	if truth != 0 {
		f := b.first
		for _, t := range slices.Concat(left, right) {
			if t.v >= 0 && m.unknowns[t.v].kind != uSlack {
				f = m.unknowns[t.v].fig
				break
			}
		}
		m.problems = append(m.problems, b.a.violation(Inconsistent, f, "", fmt.Sprintf("the true counts break a relation (off by %d)", truth)))
	}
	slices.SortFunc(coef, func(x, y varCoef) int { return cmp.Compare(x.v, y.v) })
	row.idx, row.coef = cut(&m.ints, len(coef)), cut(&m.floats, len(coef))
	for _, x := range coef {
		if n := len(row.idx); n > 0 && row.idx[n-1] == x.v {
			row.coef[n-1] += x.c
			continue
		}
		row.idx, row.coef = append(row.idx, x.v), append(row.coef, x.c)
	}
	for k := len(row.idx) - 1; k >= 0; k-- { // an unknown on both sides cancels out
		if row.coef[k] == 0 {
			row.idx, row.coef = slices.Delete(row.idx, k, k+1), slices.Delete(row.coef, k, k+1)
		}
	}
	if len(row.idx) == 0 {
		return
	}
	row.rhs = float64(rhs)
	m.lp.rows = append(m.lp.rows, row)
	var rowFigs []int
	if len(figs) > 0 {
		rowFigs = append(cut(&m.ints, len(figs)), figs...)
	}
	m.rowFigs = append(m.rowFigs, rowFigs)
	if sum && len(right) == 1 {
		m.sums = append(m.sums, sumRel{total: right[0], parts: left})
	}
}

func (b *modelBuilder) d(ent int32, grp uint8, pop string) term {
	if t, ok := b.den[dKey{ent, grp, pop}]; ok {
		return t
	}
	return konst(0)
}

func (b *modelBuilder) n(ent int32, grp uint8, id metric.ID, cat string) term {
	if t, ok := b.num[nKey{ent, grp, id, cat}]; ok {
		return t
	}
	return konst(0)
}

// relations adds every relation between the district's and its schools' counts.
func (b *modelBuilder) relations(popOrder []dKey, sc *buildScratch) {
	district := b.entity(EntityDistrict, b.district)
	schools := make([]int32, len(b.schools))
	for i, s := range b.schools {
		schools[i] = b.entity(EntitySchool, s)
	}
	entities := append([]int32{district}, schools...)
	const el, formerEL, nonEL, all = 0, 1, 2, 3 // see group
	groups := []uint8{el, formerEL, nonEL, all}
	// The keys present, in a fixed order.
	popNames, popMetric, numNames, seenNum := sc.popNames[:0], sc.popMetric, sc.numNames[:0], sc.seenNum
	defer func() {
		clear(popNames)
		clear(numNames)
		sc.popNames, sc.numNames = popNames[:0], numNames[:0]
	}()
	for _, k := range popOrder {
		if _, ok := popMetric[k.pop]; !ok {
			popNames = append(popNames, k.pop)
			popMetric[k.pop] = b.a.figs[b.denFig[k]].Metric
		}
	}
	for nk := range b.num {
		n := numOf{nk.id, nk.cat}
		if !seenNum[n] {
			seenNum[n] = true
			numNames = append(numNames, n)
		}
	}
	slices.SortFunc(numNames, func(x, y numOf) int {
		return cmp.Or(cmp.Compare(metric.Rank(x.id), metric.Rank(y.id)), strings.Compare(x.cat, y.cat))
	})
	// The distributions, breakdowns and grade bands of which the model has no population at
	// all (most are of other families), which within then skips for every entity and group
	// without looking each population up.
	inModel := func(pop string) bool { _, ok := popMetric[pop]; return ok }
	b.absentDist = make([]bool, len(auditDistributions))
	for k, dist := range auditDistributions {
		b.absentDist[k] = !inModel(dist.pop)
	}
	b.absentBreakdown = make([]bool, len(auditBreakdowns))
	for i := range auditBreakdowns {
		b.absentBreakdown[i] = !slices.ContainsFunc(breakdownParts[i], inModel)
	}
	b.absentGrades = !inModel(popTested) || !slices.ContainsFunc(gradeParts, inModel)

	// All = EL + FormerEL + NonEL (where the metric has All; asked once per population and
	// numerator, not for every entity).
	popAll, numAll := make([]bool, len(popNames)), make([]bool, len(numNames))
	for i, pop := range popNames {
		popAll[i] = hasAll(popMetric[pop])
	}
	for i, n := range numNames {
		numAll[i] = hasAll(n.id)
	}
	for _, e := range entities {
		for i, pop := range popNames {
			if !popAll[i] {
				continue
			}
			b.equal([]term{b.d(e, el, pop), b.d(e, formerEL, pop), b.d(e, nonEL, pop)}, []term{b.d(e, all, pop)}, true)
		}
		for i, n := range numNames {
			if !numAll[i] || b.allHidden {
				continue
			}
			b.equal([]term{b.n(e, el, n.id, n.cat), b.n(e, formerEL, n.id, n.cat), b.n(e, nonEL, n.id, n.cat)},
				[]term{b.n(e, all, n.id, n.cat)}, true)
		}
	}
	// The district is the sum of its schools (but for the figures of districts only).
	for _, g := range groups {
		for _, pop := range popNames {
			if districtOnly(popMetric[pop]) {
				continue
			}
			parts := cut(&b.m.terms, len(schools))[:len(schools)]
			for i, s := range schools {
				parts[i] = b.d(s, g, pop)
			}
			b.equal(parts, []term{b.d(district, g, pop)}, true)
		}
		for _, n := range numNames {
			if b.allHidden {
				break
			}
			if districtOnly(n.id) {
				continue
			}
			parts := cut(&b.m.terms, len(schools))[:len(schools)]
			for i, s := range schools {
				parts[i] = b.n(s, g, n.id, n.cat)
			}
			b.equal(parts, []term{b.n(district, g, n.id, n.cat)}, true)
		}
	}
	// Relations within an entity and group.
	for _, e := range entities {
		for _, g := range groups {
			b.within(e, g)
		}
	}
}

// within adds the relations of one entity and group: distributions, breakdowns, plan
// summaries, making_progress and not_meeting_benchmark, tested.
func (b *modelBuilder) within(e int32, g uint8) {
	m := b.m
	typ, code, group := b.ents[e].typ, b.ents[e].code, b.groups[g]
	d := func(pop string) term { return b.d(e, g, pop) }
	n := func(id metric.ID, cat string) term { return b.n(e, g, id, cat) }
	has := func(pop string) bool { _, ok := b.den[dKey{e, g, pop}]; return ok }
	dOnly := b.allHidden
	for k, dist := range auditDistributions {
		if b.absentDist[k] || !has(dist.pop) {
			continue
		}
		parts := cut(&m.terms, len(distCats[k])+1) // room for the remainder
		listed, rem := false, b.value(d(dist.pop)) // rem: the true remainder
		for _, c := range distCats[k] {
			v, ok := b.numTruth[nKey{e, g, dist.id, c}]
			listed = listed || ok
			rem -= v
			parts = append(parts, n(dist.id, c))
		}
		if !dist.remainder {
			if !dOnly {
				b.equal(parts, []term{d(dist.pop)}, true)
			}
			continue
		}
		if !listed {
			continue // the metric is not computed (its input is absent)
		}
		// The remainder, in the baseline too (0 <= it <= the denominator), so that what the
		// reasons alone say of it is no violation.
		whole := b.denFig[dKey{e, g, dist.pop}]
		protected := rem > 0 && rem < b.a.minN
		rd := m.add(unknown{kind: uRemDen, fig: whole, breakdown: dist.id, truth: rem, checked: protected, small: protected}, 0, noUpper)
		b.nameBase(baseKey{typ, code, group, dist.pop, dist.id}, rd)
		if dOnly {
			b.lessEq(unk(rd), d(dist.pop))
		} else {
			b.equal(append(parts, unk(rd)), []term{d(dist.pop)}, true)
		}
	}
	for i, bd := range auditBreakdowns {
		// The relation is published when some part is: a breakdown with no part at all is
		// one the data cannot give (an input column is absent), not one whose parts are 0.
		if b.absentBreakdown[i] {
			continue
		}
		cats, parts := breakdownCats[i], breakdownParts[i]
		exists := false
		for _, p := range parts {
			exists = exists || has(p)
		}
		if !exists {
			continue
		}
		dens, nums := cut(&m.terms, len(cats)+1), cut(&m.terms, len(cats)+1) // room for the remainders
		for k, c := range cats {
			dens = append(dens, d(parts[k]))
			nums = append(nums, n(bd.breakdown, c))
		}
		if bd.remainder {
			whole := b.denFig[dKey{e, g, bd.pop}]
			if !has(bd.pop) {
				whole = b.denFig[dKey{e, g, parts[0]}]
				for _, p := range parts {
					if has(p) {
						whole = b.denFig[dKey{e, g, p}]
						break
					}
				}
			}
			remD := b.value(d(bd.pop)) - sumValues(b, dens)
			remN := b.value(n(bd.whole, bd.wholeCat)) - sumValues(b, nums)
			protected := remD > 0 && remD < b.a.minN
			rd := m.add(unknown{kind: uRemDen, fig: whole, breakdown: bd.breakdown, truth: remD, checked: protected, small: protected}, 0, noUpper)
			b.nameBase(baseKey{typ, code, group, bd.pop, bd.breakdown}, rd)
			dens = append(dens, unk(rd))
			if !dOnly {
				rn := m.add(unknown{kind: uRemNum, fig: whole, breakdown: bd.breakdown, truth: remN, checked: protected}, 0, noUpper)
				nums = append(nums, unk(rn))
				b.lessEq(unk(rn), unk(rd))
			}
		}
		b.equal(dens, []term{d(bd.pop)}, true)
		if !dOnly {
			b.equal(nums, []term{n(bd.whole, bd.wholeCat)}, true)
		}
	}
	b.gradeBands(e, g)
	if has(popParticipation) {
		// The ELs expected to test are the tested, the alternate and those who did not test,
		// a remainder like a breakdown's (a set of students never published); the numerator
		// is the first two.
		whole := b.denFig[dKey{e, g, popParticipation}]
		notTested := b.value(d(popParticipation)) - b.value(d(popTested)) - b.value(d(popAlt))
		protected := notTested > 0 && notTested < b.a.minN
		rd := m.add(unknown{kind: uRemDen, fig: whole, breakdown: metric.ParticipationRate, truth: notTested,
			checked: protected, small: protected}, 0, noUpper)
		b.nameBase(baseKey{typ, code, group, popParticipation, metric.ParticipationRate}, rd)
		if dOnly {
			b.equal([]term{d(popTested), d(popAlt), unk(rd)}, []term{d(popParticipation)}, true)
		} else {
			b.equal([]term{d(popTested), d(popAlt)}, []term{n(metric.ParticipationRate, "")}, true)
			b.equal([]term{n(metric.ParticipationRate, ""), unk(rd)}, []term{d(popParticipation)}, true)
		}
	}
	if dOnly {
		return
	}
	if has(popAlt) {
		b.equal([]term{n(metric.AltTested, "")}, []term{d(popAlt)}, false)
	}
	if has(popPlans) {
		for _, ps := range auditPlanSums {
			var parts []term
			for _, p := range ps.plans {
				parts = append(parts, n(metric.PlanShare, p))
			}
			b.equal(parts, []term{n(ps.id, "")}, true)
		}
	}
	if has(popProgress) {
		b.equal([]term{n(metric.MakingProgress, ""), n(metric.NotMeetingBenchmark, "")}, []term{d(popProgress)}, true)
	}
	if has(popTested) {
		b.equal([]term{n(metric.Tested, "")}, []term{d(popTested)}, false)
		// Long-term ELs are not proficient, and have 6 or more years in program.
		b.exclusive(n(metric.LongTermEL, ""), n(metric.Proficient, ""), d(popTested))
		years := metric.ProficientByYears.Info().Categories.Values
		last := years[len(years)-1]
		b.exclusive(n(metric.LongTermEL, ""), n(metric.ProficientByYears, last), d(partPop(popTested, metric.ProficientByYears, last)))
	}
	if has(popCohort) {
		// A cohort member graduates or drops out, not both.
		b.exclusive(n(metric.GraduationRate, ""), n(metric.CohortDropoutRate, ""), d(popCohort))
	}
}

// gradeBands adds the relations of level_band_by_grade for one entity and group: a breakdown
// of the tested by grade in two dimensions. The grades' denominators and a remainder (the
// tested of PK, SP and other grades, never published) add up to the tested; for each band,
// the grades' numerators and the remainder's (those of the remainder in that band) add up to
// level_band's numerator; within each grade, the six bands add up to its denominator.
func (b *modelBuilder) gradeBands(e int32, g uint8) {
	if b.absentGrades {
		return
	}
	m := b.m
	id := metric.LevelBandByGrade
	typ, code, group := b.ents[e].typ, b.ents[e].code, b.groups[g]
	d := func(pop string) term { return b.d(e, g, pop) }
	n := func(id metric.ID, cat string) term { return b.n(e, g, id, cat) }
	has := func(pop string) bool { _, ok := b.den[dKey{e, g, pop}]; return ok }
	exists := false
	for _, p := range gradeParts {
		exists = exists || has(p)
	}
	if !exists || !has(popTested) {
		return // not computed (an input column is absent), or no tested
	}
	var dens []term
	for _, p := range gradeParts {
		dens = append(dens, d(p))
	}
	whole := b.denFig[dKey{e, g, popTested}]
	remD := b.value(d(popTested)) - sumValues(b, dens)
	protected := remD > 0 && remD < b.a.minN
	rd := m.add(unknown{kind: uRemDen, fig: whole, breakdown: id, truth: remD, checked: protected, small: protected}, 0, noUpper)
	b.nameBase(baseKey{typ, code, group, popTested, id}, rd)
	b.equal(append(dens, unk(rd)), []term{d(popTested)}, true)
	if b.allHidden {
		return
	}
	for _, band := range metric.LevelBands {
		var nums []term
		for _, gr := range metric.Grades {
			nums = append(nums, n(id, metric.GradeBand(gr, band)))
		}
		remN := b.value(n(metric.LevelBand, band)) - sumValues(b, nums)
		rn := m.add(unknown{kind: uRemNum, fig: whole, breakdown: id, cat: band, truth: remN, checked: protected}, 0, noUpper)
		b.lessEq(unk(rn), unk(rd))
		b.equal(append(nums, unk(rn)), []term{n(metric.LevelBand, band)}, true)
	}
	for k, gr := range metric.Grades {
		pop := gradeParts[k]
		if !has(pop) {
			continue
		}
		var parts []term
		for _, band := range metric.LevelBands {
			parts = append(parts, n(id, metric.GradeBand(gr, band)))
		}
		b.equal(parts, []term{d(pop)}, true)
	}
}

// exclusive adds x + y <= d: x and y count students of d that none of them is in both.
func (b *modelBuilder) exclusive(x, y, d term) {
	s := b.m.add(unknown{kind: uSlack, truth: b.value(d) - b.value(x) - b.value(y)}, 0, noUpper)
	b.equal([]term{x, y, unk(s)}, []term{d}, true) // a sum: d = 0 forces x = y = 0
}

func sumValues(b *modelBuilder, ts []term) int {
	s := 0
	for _, t := range ts {
		s += b.value(t)
	}
	return s
}

// violation makes a violation about figure i.
func (a *auditor) violation(k ViolationKind, i int, quantity, detail string) Violation {
	f := &a.figs[i]
	return Violation{Kind: k, EntityType: f.EntityType, EntityCode: f.EntityCode, Year: f.Year, Metric: f.Metric,
		Group: f.Group, Category: f.Category, Quantity: quantity, Fig: i, Component: -1, Detail: detail}
}

// groupResult is the audit of one district and year.
type groupResult struct {
	violations []Violation
	stats      AuditStats
	intervals  []auditInterval // for tests: kept when auditor.exact
	// seen holds, for a group with a violation, the values seen (see seenKey), for the next
	// audit of the group to start from.
	seen map[seenKey][2]int
}

// auditInterval is the interval of one checked unknown.
type auditInterval struct {
	key            uKey
	lo, hi         int
	truth          int
	exempt         bool
	baseLo, baseHi int
	exact          bool // lo and hi are the exact bounds (else: values seen, within them)
}

// components splits the unknowns of m into connected components (by the rows they share),
// each with its unknowns in increasing order.
func (m *auditModel) components() [][]int {
	parent := make([]int, len(m.unknowns))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, r := range m.lp.rows {
		for _, v := range r.idx[1:] {
			x, y := find(r.idx[0]), find(v)
			if x != y {
				parent[max(x, y)] = min(x, y)
			}
		}
	}
	byRoot := make(map[int]int)
	var comps [][]int
	for i := range m.unknowns {
		r := find(i)
		c, ok := byRoot[r]
		if !ok {
			c = len(comps)
			byRoot[r] = c
			comps = append(comps, nil)
		}
		comps[c] = append(comps[c], i)
	}
	return comps
}

// solver finds bounds of the unknowns of a model, component by component, keeping each
// component's tableau for the next objective. Every integer point it meets (the true counts,
// and the LP optima that are integer points) is a witness: the attacker cannot rule it out, so
// the interval of every unknown spans at least the values seen.
type solver struct {
	m      *auditModel
	compOf []int
	comps  [][]int
	local  []int // unknown -> index in its component
	tabs   []*tableau
	truths [][]int
	failed []bool
	// seenLo and seenHi are the least and greatest values seen at integer points.
	seenLo, seenHi []int
	// lo and hi are the exact bounds found so far (known marks them).
	lo, hi           []int
	loKnown, hiKnown []bool
	inexact          []bool // branch and bound ran out of nodes
	// informed marks the components with a published value in a relation or a bound.
	informed []bool
	outerLo  []int // bounds by propagation (see outer), when computed
	outerHi  []int
	rowsOf   [][]int   // rows of each unknown (see causes), when computed
	compRows [][]int32 // rows of each component (see tableau), when computed
	stats    lpStats
	// pool gives the tableaus their rows (see release).
	pool *floatPool
}

// release gives the rows of the solver's tableaus back to its pool, once its last program is
// solved.
func (s *solver) release() {
	for c, tb := range s.tabs {
		tb.release()
		s.tabs[c] = nil
	}
}

func newSolver(m *auditModel) *solver {
	n := len(m.unknowns)
	s := &solver{m: m, comps: m.components(), compOf: make([]int, n), local: make([]int, n),
		seenLo: make([]int, n), seenHi: make([]int, n), lo: make([]int, n), hi: make([]int, n),
		loKnown: make([]bool, n), hiKnown: make([]bool, n), inexact: make([]bool, n)}
	for c, us := range s.comps {
		for i, u := range us {
			s.compOf[u], s.local[u] = c, i
		}
	}
	for u, un := range m.unknowns {
		s.seenLo[u], s.seenHi[u] = un.truth, un.truth
	}
	s.tabs = make([]*tableau, len(s.comps))
	s.truths = make([][]int, len(s.comps))
	s.failed = make([]bool, len(s.comps))
	s.informed = make([]bool, len(s.comps))
	for _, r := range m.lp.rows {
		if r.pub {
			s.informed[s.compOf[r.idx[0]]] = true
		}
	}
	for u, un := range m.unknowns {
		if un.informed {
			s.informed[s.compOf[u]] = true
		}
	}
	return s
}

// maxComponent is the largest component (in unknowns) the solver takes on: its dense tableau
// grows with the square of the size (a district of a hundred schools with nearly every cell
// hidden makes components of thousands).
const maxComponent = 1500

// tooLarge says whether component c is beyond maxComponent.
func (s *solver) tooLarge(c int) bool { return len(s.comps[c]) > maxComponent }

// outer returns bounds of unknown u by propagating the bounds through the relations (a few
// hundred passes): every value the attacker cannot rule out is within them, but they may be
// wider than the interval.
func (s *solver) outer(u int) (int, int) {
	if s.outerLo == nil {
		s.outerLo, s.outerHi = s.m.propagate(300)
	}
	return s.outerLo[u], s.outerHi[u]
}

// tableau returns the tableau of component c, built on first use and again after a program
// on it broke (see lpBroken).
func (s *solver) tableau(c int) (*tableau, bool) {
	if tb := s.tabs[c]; tb != nil && tb.broken {
		tb.release()
		s.tabs[c] = nil
	}
	if s.tabs[c] != nil || s.failed[c] {
		return s.tabs[c], !s.failed[c]
	}
	us := s.comps[c]
	lp := &lpModel{lower: make([]int, len(us)), upper: make([]int, len(us))}
	truth := make([]int, len(us))
	for i, u := range us {
		lp.lower[i], lp.upper[i] = s.m.lp.lower[u], s.m.lp.upper[u]
		truth[i] = s.m.unknowns[u].truth
	}
	if s.compRows == nil {
		// The rows of each component, found once (each tableau scanned every row).
		s.compRows = make([][]int32, len(s.comps))
		for r, row := range s.m.lp.rows {
			k := s.compOf[row.idx[0]]
			s.compRows[k] = append(s.compRows[k], int32(r))
		}
	}
	lp.rows = make([]lpRow, len(s.compRows[c]))
	for i, r := range s.compRows[c] {
		row := &s.m.lp.rows[r]
		lr := lpRow{idx: make([]int, len(row.idx)), coef: row.coef, rhs: row.rhs}
		for k, v := range row.idx {
			lr.idx[k] = s.local[v]
		}
		lp.rows[i] = lr
	}
	tb, ok := newTableauFrom(lp, true, s.pool)
	s.stats.programs++
	s.tabs[c], s.truths[c], s.failed[c] = tb, truth, !ok
	if ok {
		s.stats.pivots += tb.pivots
		tb.pivots = 0
	}
	return tb, ok
}

// witness records an integer point of component c.
func (s *solver) witness(c int, x []float64) {
	for i, v := range x {
		w := s.comps[c][i]
		r := int(math.Round(v))
		s.seenLo[w], s.seenHi[w] = min(s.seenLo[w], r), max(s.seenHi[w], r)
	}
}

// bound returns the exact minimum (sign +1) or maximum (sign -1) of unknown u, and false when
// it could not be settled (the component is infeasible, a bug; or branch and bound ran out
// of nodes).
func (s *solver) bound(u int, sign float64) (int, bool) {
	known, done := &s.loKnown[u], &s.lo[u]
	if sign < 0 {
		known, done = &s.hiKnown[u], &s.hi[u]
	}
	if *known {
		return *done, !s.inexact[u]
	}
	// Where propagation (outer) bounds the unknown at a value seen, that value is the bound,
	// without a program: the pinned counts, most of them determined by a published total less
	// published parts, are settled so (at 2,000 schools, 95,224 of 103,503).
	if lo, hi := s.outer(u); sign > 0 && lo == s.seenLo[u] || sign < 0 && hi == s.seenHi[u] {
		*known, *done = true, lo
		if sign < 0 {
			*done = hi
		}
		return *done, true
	}
	c := s.compOf[u]
	tb, feasible := s.tableau(c)
	if !feasible {
		s.inexact[u] = true
		return s.m.unknowns[u].truth, false
	}
	start := s.seenLo[u]
	if sign < 0 {
		start = s.seenHi[u]
	}
	witness := func(x []float64) { s.witness(c, x) }
	b, exact := tb.bound(s.local[u], sign, start, &s.stats, witness)
	if tb.broken {
		// Rounding errors corrupted the tableau (see lpBroken): once more on a tableau built
		// afresh from the model; if it breaks too, the bound is not settled (an undecided
		// violation, which hides more).
		s.stats.rebuilt++
		if tb, feasible = s.tableau(c); feasible {
			b, exact = tb.bound(s.local[u], sign, start, &s.stats, witness)
		}
		if !feasible || tb.broken {
			b, exact = start, false
		}
	}
	*known, *done = true, b
	if !exact {
		s.inexact[u] = true
	}
	return b, exact
}

// interval returns the exact interval of unknown u; ok is false when it could not be
// settled.
func (s *solver) interval(u int) (lo, hi int, ok bool) {
	lo, ok1 := s.bound(u, 1)
	hi, ok2 := s.bound(u, -1)
	return lo, hi, ok1 && ok2
}

// auditGroup audits the figures of one district and year.
//
// The verdict on every unknown is exact; its interval is computed exactly where it decides
// the verdict, or (with a.exact) everywhere. An unknown seen at two values (at the true counts
// and the integer optima of other programs) is not pinned, and a small denominator seen at
// minN or more is not a small set, without a program of its own: most unknowns are settled
// that way. Their interval is then known to contain the values seen, and the narrowest
// interval reported is made exact by computing, narrowest first, every one that could be
// narrower.
func (a *auditor) auditGroup(idx []int) groupResult {
	return a.auditGroupWith(idx, make(map[baseKey][3]int), nil)
}

// auditGroupWith is auditGroup with the intervals found so far in the group's baseline, which
// it adds to (see auditMemo.baselines), and the values seen by earlier audits of the group,
// which it starts from (seen, see seenKey; nil for none). A group with a violation returns
// the values seen, those included (groupResult.seen).
func (a *auditor) auditGroupWith(idx []int, baseMemo map[baseKey][3]int, seen map[seenKey][2]int) groupResult {
	var res groupResult
	res.stats.Narrowest = -1
	m := a.build(idx, false)
	res.violations = append(res.violations, m.problems...)
	for _, i := range idx {
		f := &a.figs[i]
		if !f.Suppressed && f.Denominator < a.minN && f.Kind != Points {
			res.violations = append(res.violations, a.violation(PublishedSmall, i, "denominator",
				fmt.Sprintf("published with %d students (min_n %d)", f.Denominator, a.minN)))
		}
	}
	sv := newSolver(m)
	sv.pool = a.floats
	for u := range m.unknowns {
		if k, ok := seenKeyOf(&m.unknowns[u]); ok {
			if v, ok := seen[k]; ok {
				sv.seenLo[u], sv.seenHi[u] = min(sv.seenLo[u], v[0]), max(sv.seenHi[u], v[1])
			}
		}
	}
	res.stats.Components = len(sv.comps)
	for _, us := range sv.comps {
		res.stats.Largest = max(res.stats.Largest, len(us))
	}
	// The baseline (every figure hidden, giving its reason), built when first needed; the
	// intervals found in it, kept across the audits of the group.
	var base *baseline
	baseline := func(u unknown) (int, int, bool) {
		f := &a.figs[u.fig]
		pop, _ := auditPop(f.Metric, f.Category)
		k := baseKey{f.EntityType, f.EntityCode, f.Group, pop, ""}
		switch u.kind {
		case uRemDen:
			k.breakdown = u.breakdown
		case uNum:
			if f.Metric != metric.Tested && f.Metric != metric.AltTested {
				return 0, noUpper, false // a numerator is pinned by its denominator alone only in counts of their population
			}
		case uDen:
		default:
			return 0, noUpper, false
		}
		if r, ok := baseMemo[k]; ok {
			return r[0], r[1], r[2] == 1
		}
		if base == nil {
			base = a.baselineOf(idx)
		}
		bu, ok := base.sv.m.base[k]
		if !ok {
			baseMemo[k] = [3]int{0, noUpper, 0}
			return 0, noUpper, false
		}
		var lo, hi int
		if base.sv.tooLarge(base.sv.compOf[bu]) {
			// Wider than the baseline: fewer exemptions, more hidden, never less safe.
			lo, hi = base.sv.outer(bu)
		} else {
			lo, hi, ok = base.sv.interval(bu)
		}
		baseMemo[k] = [3]int{lo, hi, boolInt(ok)}
		return lo, hi, ok
	}
	zero := m.forcedZero()
	// judged is a checked unknown with its verdict: the violations are made as they are
	// found, and the others only when named (the narrowest), rather than one for each of the
	// audit's hundreds of thousands of intervals.
	type judged struct {
		u              int
		exempt         bool
		baseLo, baseHi int
	}
	violationOf := func(u int) Violation {
		un := &m.unknowns[u]
		v := a.violation(Pinned, un.fig, quantityOf(un.kind), "")
		v.Remainder = un.kind == uRemDen || un.kind == uRemNum
		if v.Remainder {
			v.Metric, v.Category = un.breakdown, un.cat
		}
		v.True, v.Component = un.truth, sv.compOf[u]
		return v
	}
	var all []judged
	reported := make(map[int]bool) // components reported too large
	for u, un := range m.unknowns {
		if un.kind == uDen {
			res.stats.HiddenCells++
		}
		if !un.checked {
			continue
		}
		res.stats.Intervals++
		c := sv.compOf[u]
		if !sv.informed[c] {
			res.stats.Uninformed++
			continue // the baseline itself: nothing to find
		}
		if sv.tooLarge(c) {
			if !reported[c] {
				reported[c] = true
				v := a.violation(TooLarge, un.fig, "", fmt.Sprintf("a component of %d unknowns", len(sv.comps[c])))
				v.Component = c
				res.violations = append(res.violations, v)
			}
			continue
		}
		ok := true
		settle := func(sign float64) {
			if _, e := sv.bound(u, sign); !e {
				ok = false
			}
		}
		if a.exact {
			settle(1)
			settle(-1)
		}
		// Small set: is the upper bound below minN?
		if un.small && sv.seenHi[u] < a.minN {
			settle(-1)
		}
		// Pinned: is there a second value?
		if sv.seenLo[u] == sv.seenHi[u] {
			settle(-1)
			if sv.seenLo[u] == sv.seenHi[u] {
				settle(1)
			}
		}
		// The interval: exact bounds where computed, else the values seen (within them).
		lo, hi := sv.seenLo[u], sv.seenHi[u]
		if sv.loKnown[u] {
			lo = sv.lo[u]
		}
		if sv.hiKnown[u] {
			hi = sv.hi[u]
		}
		pinned := sv.loKnown[u] && sv.hiKnown[u] && lo == hi
		small := un.small && sv.hiKnown[u] && hi < a.minN
		j := judged{u: u}
		if !ok {
			v := violationOf(u)
			v.Lo, v.Hi = lo, hi
			v.Kind, v.Detail = Undecided, "the interval could not be settled"
			res.violations = append(res.violations, v)
			all = append(all, j)
			continue
		}
		if pinned && (un.kind == uNum || un.kind == uRemNum) && lo == 0 && zero[u] {
			pinned, j.exempt = false, true
		}
		if pinned || small {
			blo, bhi, bok := baseline(un)
			j.baseLo, j.baseHi = blo, bhi
			if bok {
				if pinned && blo == bhi {
					pinned, j.exempt = false, true
				}
				if small && hi >= bhi {
					small = false
				}
			}
		}
		if pinned || small {
			v := violationOf(u)
			v.Lo, v.Hi = lo, hi
			v.BaseLo, v.BaseHi = j.baseLo, j.baseHi
			if pinned {
				v.Causes = sv.causes(u, lo, hi, true)
			} else {
				v.Kind = SmallSet
				v.Causes = sv.causes(u, lo, hi, false)
				// The upper bound decided the verdict and is exact; the lower one is the least
				// value seen unless computed.
				if a.report {
					if lo, ok := sv.bound(u, 1); ok {
						v.Lo = lo
					}
				}
			}
			res.violations = append(res.violations, v)
		}
		all = append(all, j)
	}
	// The narrowest interval: exact widths, then every interval that could be narrower. The
	// suppression loop (!a.report) drops the stats of a group with a violation, which it
	// audits again once it has hidden more, and keeps those of a clean one for the final
	// audit (auditMemo): it skips this for the first, where it was a sixth of the loop's time
	// in a district of small schools at min_n 20.
	narrowest := all
	if !a.report && len(res.violations) > 0 {
		narrowest = nil
	}
	slices.SortStableFunc(narrowest, func(x, y judged) int {
		return cmp.Compare(sv.seenHi[x.u]-sv.seenLo[x.u], sv.seenHi[y.u]-sv.seenLo[y.u])
	})
	for _, j := range narrowest {
		if j.exempt {
			continue
		}
		if n := res.stats.Narrowest; n >= 0 && sv.seenHi[j.u]-sv.seenLo[j.u] >= n {
			break // every interval from here on is at least as wide
		}
		lo, hi, _ := sv.interval(j.u)
		if w := widthOf(lo, hi); res.stats.Narrowest < 0 || w < res.stats.Narrowest {
			v := violationOf(j.u)
			v.Lo, v.Hi = lo, hi
			res.stats.Narrowest, res.stats.NarrowestAt = w, v.where()
		}
	}
	for _, j := range all {
		u := j.u
		exact := sv.loKnown[u] && sv.hiKnown[u] && !sv.inexact[u]
		if exact {
			res.stats.ExactIntervals++
		}
		if !a.exact {
			continue // the tests that read the intervals compute every one exactly
		}
		iv := auditInterval{key: uKey{m.unknowns[u].kind, m.unknowns[u].fig, m.unknowns[u].breakdown, m.unknowns[u].cat},
			lo: sv.seenLo[u], hi: sv.seenHi[u], truth: m.unknowns[u].truth, exempt: j.exempt,
			baseLo: j.baseLo, baseHi: j.baseHi, exact: exact}
		if sv.loKnown[u] {
			iv.lo = sv.lo[u]
		}
		if sv.hiKnown[u] {
			iv.hi = sv.hi[u]
		}
		res.intervals = append(res.intervals, iv)
	}
	if len(res.violations) > 0 {
		res.seen = seen
		if res.seen == nil {
			res.seen = make(map[seenKey][2]int)
		}
		for u := range m.unknowns {
			if k, ok := seenKeyOf(&m.unknowns[u]); ok {
				res.seen[k] = [2]int{sv.seenLo[u], sv.seenHi[u]}
			}
		}
	}
	solvers := []*solver{sv}
	if base != nil {
		solvers = append(solvers, base.sv)
	}
	for _, s := range solvers {
		res.stats.Programs += s.stats.programs
		res.stats.Pivots += s.stats.pivots
		res.stats.Fractional += s.stats.fractional
		res.stats.Nodes += s.stats.nodes
		res.stats.Rebuilt += s.stats.rebuilt
		s.release()
		s.m.recycle() // its programs are solved; the violations hold none of it
	}
	return res
}

// baselineOf returns the baseline of the figures idx (one district, year and family).
func (a *auditor) baselineOf(idx []int) *baseline {
	sv := newSolver(a.build(idx, true))
	sv.pool = a.floats
	return &baseline{sv: sv}
}

func widthOf(lo, hi int) int {
	if hi == noUpper {
		return noUpper - lo
	}
	return hi - lo
}

// where names the unknown of a violation, for the stats.
func (v Violation) where() string {
	s := fmt.Sprintf("%s %s %d %s", v.EntityType, v.EntityCode, v.Year, v.Metric)
	if v.Category != "" {
		s += " " + v.Category
	}
	if v.Remainder {
		s += " remainder"
	}
	return s + " " + v.Group + " " + v.Quantity + " " + intervalString(v.Lo, v.Hi)
}

func quantityOf(k unknownKind) string {
	if k == uNum || k == uRemNum {
		return "numerator"
	}
	return "denominator"
}

// causes returns the published figures of the relations that, with the bounds of the other
// unknowns found by propagation, imply unknown u's lower bound lo (when pinned) or its upper
// bound hi, and those that set u's own bounds.
func (s *solver) causes(u, lo, hi int, pinned bool) []int {
	m := s.m
	if s.rowsOf == nil {
		s.rowsOf = make([][]int, len(m.unknowns))
		for r, row := range m.lp.rows {
			for _, v := range row.idx {
				s.rowsOf[v] = append(s.rowsOf[v], r)
			}
		}
	}
	if s.outerLo == nil {
		s.outerLo, s.outerHi = m.propagate(300)
	}
	out := slices.Clone(m.unknowns[u].boundFigs)
	for _, r := range s.rowsOf[u] {
		row := m.lp.rows[r]
		if !row.pub {
			continue
		}
		// c*x_u = rhs - sum of the others.
		var c float64
		otherMin, otherMax := 0.0, 0.0
		for k, v := range row.idx {
			if v == u {
				c = row.coef[k]
				continue
			}
			l, h := float64(s.outerLo[v]), math.Inf(1)
			if s.outerHi[v] != noUpper {
				h = float64(s.outerHi[v])
			}
			if row.coef[k] > 0 {
				otherMin, otherMax = otherMin+row.coef[k]*l, otherMax+row.coef[k]*h
			} else {
				otherMin, otherMax = otherMin+row.coef[k]*h, otherMax+row.coef[k]*l
			}
		}
		a, z := row.rhs-otherMax, row.rhs-otherMin
		il, ih := a/c, z/c
		if c < 0 {
			il, ih = z/c, a/c
		}
		if (pinned && il >= float64(lo)-intTol) || ih <= float64(hi)+intTol {
			out = append(out, m.rowFigs[r]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// propagate returns bounds of every unknown by propagating the bounds through the rows for at
// most passes passes (each pass keeps them valid: an integer point of the model is within
// them), rounded inwards.
func (m *auditModel) propagate(passes int) (lo, hi []int) {
	n := len(m.unknowns)
	l, h := make([]float64, n), make([]float64, n)
	for i := range n {
		l[i] = float64(m.lp.lower[i])
		h[i] = math.Inf(1)
		if m.lp.upper[i] != noUpper {
			h[i] = float64(m.lp.upper[i])
		}
	}
	for changed, p := true, 0; changed && p < passes; p++ {
		changed = false
		for _, r := range m.lp.rows {
			// sum(c*x) = rhs: c_k x_k = rhs - sum of the others. The sums of the finite
			// contributions, and how many are infinite.
			minS, maxS, minInf, maxInf := 0.0, 0.0, 0, 0
			contrib := func(k int) (float64, float64) {
				c, v := r.coef[k], r.idx[k]
				if c > 0 {
					return c * l[v], c * h[v]
				}
				return c * h[v], c * l[v]
			}
			for k := range r.idx {
				cmin, cmax := contrib(k)
				if math.IsInf(cmin, 0) {
					minInf++
				} else {
					minS += cmin
				}
				if math.IsInf(cmax, 0) {
					maxInf++
				} else {
					maxS += cmax
				}
			}
			for k, v := range r.idx {
				c := r.coef[k]
				cmin, cmax := contrib(k)
				otherMin, otherMax := math.Inf(-1), math.Inf(1)
				if math.IsInf(cmin, 0) && minInf == 1 {
					otherMin = minS
				} else if !math.IsInf(cmin, 0) && minInf == 0 {
					otherMin = minS - cmin
				}
				if math.IsInf(cmax, 0) && maxInf == 1 {
					otherMax = maxS
				} else if !math.IsInf(cmax, 0) && maxInf == 0 {
					otherMax = maxS - cmax
				}
				a, z := r.rhs-otherMax, r.rhs-otherMin // c*x in [a, z]
				nl, nh := a/c, z/c
				if c < 0 {
					nl, nh = z/c, a/c
				}
				if !math.IsInf(nl, 0) {
					if nl = math.Ceil(nl - intTol); nl > l[v] {
						l[v], changed = nl, true
					}
				}
				if !math.IsInf(nh, 0) {
					if nh = math.Floor(nh + intTol); nh < h[v] {
						h[v], changed = nh, true
					}
				}
			}
		}
	}
	lo, hi = make([]int, n), make([]int, n)
	for i := range n {
		lo[i], hi[i] = int(l[i]), noUpper
		if !math.IsInf(h[i], 1) {
			hi[i] = int(h[i])
		}
	}
	return lo, hi
}

// forcedZero marks the numerators forced to 0 by a known zero: the parts of a sum whose total
// is a published 0 (or 0 because its figure is not listed: no students), or a numerator so
// forced, and the total of a sum whose parts are all figures not listed; a sum here includes numerator <= denominator and the exclusive counts (long_term_el
// is 0 where no EL has 6 or more years in program). Such a zero is known from the published
// figures whatever is hidden, so it is not a violation.
func (m *auditModel) forcedZero() []bool {
	zero := make([]bool, len(m.unknowns))
	isZero := func(t term) bool { return (t.v < 0 && t.c == 0) || (t.v >= 0 && zero[t.v]) }
	for changed := true; changed; {
		changed = false
		for _, s := range m.sums {
			if s.total.v >= 0 && !zero[s.total.v] && !slices.ContainsFunc(s.parts, func(p term) bool { return p.v != -1 }) {
				// Every part is a figure that is not listed (no students): participation_rate's
				// numerator where no EL has a result.
				zero[s.total.v], changed = true, true
			}
			if !isZero(s.total) {
				continue
			}
			for _, p := range s.parts {
				if p.v >= 0 && !zero[p.v] {
					zero[p.v], changed = true, true
				}
			}
		}
	}
	return zero
}

// gapViolations checks that a published gap has both sides published, and a published change
// both gaps.
func (a *auditor) gapViolations() []Violation {
	type fk = figureKey
	// Only gaps have sides to check: the suppression loop audits no gap, and needs no map.
	gaps := false
	a.visit(func(i int) bool {
		gaps = a.figs[i].Kind == Points
		return !gaps
	})
	if !gaps {
		return nil
	}
	at := newFigIndex(a.figs, a.audited(), a.visit)
	var years []int
	a.visit(func(i int) bool {
		if y := a.figs[i].Year; !slices.Contains(years, y) {
			years = append(years, y)
		}
		return true
	})
	slices.Sort(years)
	var out []Violation
	check := func(i int, k fk, what string) {
		j, ok := at.find(k)
		switch {
		case !ok:
			out = append(out, a.violation(GapSide, i, "", what+" does not exist"))
		case a.figs[j].Suppressed:
			out = append(out, a.violation(GapSide, i, "", what+" is hidden"))
		}
	}
	a.visit(func(i int) bool {
		f := &a.figs[i]
		if f.Kind != Points || f.Suppressed {
			return true
		}
		g := f.Metric.Info().Gap
		if g == nil {
			out = append(out, a.violation(Unmodelled, i, "", "a figure in points that is not a gap"))
			return true
		}
		if g.Change {
			y := slices.Index(years, f.Year)
			if y <= 0 {
				out = append(out, a.violation(GapSide, i, "", "a change without a prior year"))
				return true
			}
			check(i, fk{f.EntityType, f.EntityCode, f.Year, g.Of, f.Group, f.Category}, "its gap")
			check(i, fk{f.EntityType, f.EntityCode, years[y-1], g.Of, f.Group, f.Category}, "its prior year's gap")
			return true
		}
		cat := g.Category
		if cat == "" {
			cat = f.Category
		}
		check(i, fk{f.EntityType, f.EntityCode, f.Year, g.Base, f.Group, cat}, "its "+f.Group+" side")
		check(i, fk{f.EntityType, f.EntityCode, f.Year, g.Base, metric.NonEL, cat}, "its NonEL side")
		return true
	})
	return out
}
