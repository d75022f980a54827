package compute

import (
	"cmp"
	"context"
	"flag"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"elreport/generator/config"
	"elreport/generator/load"
)

// auditSite is a site folder (with site.toml) whose data TestAuditSite and
// BenchmarkAuditSite load instead of the sample: go test -run TestAuditSite -auditsite DIR.
var auditSite = flag.String("auditsite", "", "a site folder to audit instead of the sample (../..)")

// loadSite loads the data of the site in dir (site.toml and its data folder) into an
// Aggregator.
func loadSite(tb testing.TB, dir string) *Aggregator {
	tb.Helper()
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys, "site.toml")
	if err != nil {
		tb.Fatal(err)
	}
	a := New(OptionsFrom(cfg))
	rep, err := load.Load(context.Background(), fsys, cfg, a)
	if err != nil {
		tb.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		tb.Fatal(err)
	}
	return a
}

func siteDir() string {
	if *auditSite != "" {
		return *auditSite
	}
	return "../.."
}

// TestAuditSite computes the sample's figures (or -auditsite's) and checks that the final
// audit passes.
func TestAuditSite(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample")
	}
	a := loadSite(t, siteDir())
	// What the audit finds in the rank rule's output alone (the suppression before the audit).
	b := a.builder(a.years(), a.districts(), nil)
	b.suppress()
	b.markSuppressed(nil)
	old := Audit(b.figs, a.opts.MinN)
	kinds := make(map[string]int)
	for _, v := range old.Violations {
		kinds[v.Kind.String()+" "+v.Quantity]++
	}
	t.Logf("the rank rule alone, reasons published: %d violations %v", len(old.Violations), kinds)
	for i := range b.figs {
		b.figs[i].SuppressedFor = 0 // as shipped before: no reason
	}
	old = Audit(b.figs, a.opts.MinN)
	clear(kinds)
	for _, v := range old.Violations {
		kinds[v.Kind.String()+" "+v.Quantity]++
	}
	t.Logf("the rank rule alone, no reasons: %d violations %v", len(old.Violations), kinds)

	r := a.Result()
	t.Logf("suppression: %v", r.Suppression)
	t.Logf("audit: %v", r.Audit)
	if r.AuditErr != nil {
		t.Error(r.AuditErr)
	}
}

// BenchmarkAudit audits the sample's figures (or -auditsite's) as Result suppresses them: one
// op is one full audit (the final check of Result), without the suppression.
func BenchmarkAudit(b *testing.B) {
	a := loadSite(b, siteDir())
	bl := a.builder(a.years(), a.districts(), nil)
	bl.decide()
	b.ResetTimer()
	var rep AuditReport
	for b.Loop() {
		rep = Audit(bl.figs, a.opts.MinN)
	}
	if len(rep.Violations) > 0 {
		b.Fatal(rep.Err())
	}
	b.ReportMetric(float64(rep.Stats.Intervals), "intervals")
	b.ReportMetric(float64(rep.Stats.HiddenCells), "hidden-cells")
}

// BenchmarkSuppressionWithAudit decides the suppression of the sample (or -auditsite): the
// rank rule, then hiding more until the audit passes.
func BenchmarkSuppressionWithAudit(b *testing.B) {
	a := loadSite(b, siteDir())
	years, districts := a.years(), a.districts()
	b.ResetTimer()
	for b.Loop() {
		bl := a.builder(years, districts, nil)
		bl.decide()
	}
}

// TestAuditMemo checks that an audit through a memo finds what an audit without one finds:
// on the sample's figures as the rank rule alone leaves them (with violations, which are never
// kept) and as Result leaves them (clean), a second audit reuses every clean group and reports
// the same violations and counts, solving fewer programs (a group audited again reuses its
// baseline's intervals, and starts from the values seen before, so it computes fewer
// intervals exactly); a figure changed since makes its group audited afresh.
func TestAuditMemo(t *testing.T) {
	a, b := rankRuleSample(t)
	same := func(what string, got, want AuditReport) {
		t.Helper()
		if !reflect.DeepEqual(got.Violations, want.Violations) {
			t.Errorf("%s: %d violations, want %d", what, len(got.Violations), len(want.Violations))
		}
		g, w := got.Stats, want.Stats
		if g.Programs > w.Programs || g.Pivots > w.Pivots {
			t.Errorf("%s: %d programs and %d pivots, more than the %d and %d of an audit without the memo", what, g.Programs, g.Pivots, w.Programs, w.Pivots)
		}
		// The work done: less where baselines are reused and values seen before are known.
		g.Programs, g.Pivots, g.Fractional, g.Nodes = w.Programs, w.Pivots, w.Fractional, w.Nodes
		if g.ExactIntervals > w.ExactIntervals {
			t.Errorf("%s: %d intervals computed exactly, more than the %d of an audit without the memo", what, g.ExactIntervals, w.ExactIntervals)
		}
		g.ExactIntervals = w.ExactIntervals
		g.Duration, w.Duration, g.Reused, w.Reused = 0, 0, 0, 0
		if g != w {
			t.Errorf("%s: stats\n%v\nwant\n%v", what, g, w)
		}
	}
	var memo auditMemo
	plain := Audit(b.figs, a.opts.MinN)
	if len(plain.Violations) == 0 {
		t.Fatal("the rank rule alone: no violation, so the test checks nothing of them")
	}
	first := newAuditor(b.figs, a.opts.MinN).run(&memo)
	same("first, through the memo", first, plain)
	second := newAuditor(b.figs, a.opts.MinN).run(&memo)
	same("second, through the memo", second, plain)
	if second.Stats.Programs >= plain.Stats.Programs {
		t.Errorf("second audit: %d programs, as many as without the memo: no baseline reused", second.Stats.Programs)
	}
	if second.Stats.ExactIntervals >= plain.Stats.ExactIntervals {
		t.Errorf("second audit: %d intervals computed exactly, as many as without the memo: no value seen before used", second.Stats.ExactIntervals)
	}
	if second.Stats.Reused == 0 || second.Stats.Reused != len(memo.clean) {
		t.Errorf("second audit reused %d groups; the memo keeps %d clean ones", second.Stats.Reused, len(memo.clean))
	}

	// A published figure of a clean group hidden: its group is audited again, not reused.
	groupOf := func(i int) []int {
		pop, _ := auditPop(b.figs[i].Metric, b.figs[i].Category)
		k := groupKey{b.figs[i].District, b.figs[i].Year, auditFamily(pop)}
		var idx []int
		for j := range b.figs {
			if p, ok := auditPop(b.figs[j].Metric, b.figs[j].Category); ok && b.figs[j].Kind != Points &&
				(groupKey{b.figs[j].District, b.figs[j].Year, auditFamily(p)}) == k {
				idx = append(idx, j)
			}
		}
		return idx
	}
	figs := slices.Clone(b.figs)
	changed := -1
	auditor := newAuditor(b.figs, a.opts.MinN)
	for i := range figs {
		if figs[i].Suppressed || figs[i].Kind != Share {
			continue
		}
		if _, clean := memo.clean[auditor.digest(groupOf(i))]; clean {
			figs[i].Suppressed, figs[i].SuppressedFor = true, ForComplement
			changed = i
			break
		}
	}
	if changed < 0 {
		t.Fatal("no published share in a clean group")
	}
	again := newAuditor(figs, a.opts.MinN).run(&memo)
	same("one figure changed", again, Audit(figs, a.opts.MinN))
	if again.Stats.Reused >= second.Stats.Reused {
		t.Errorf("one figure changed: %d groups reused, as many as with none changed (%d)", again.Stats.Reused, second.Stats.Reused)
	}

	// The clean figures of Result: every group reused on a second audit.
	r := a.Result()
	if r.Audit.Reused == 0 {
		t.Errorf("Result's final audit reused no group of the suppression loop's audits: %v", r.Audit)
	}
	t.Logf("final audit: %v", r.Audit)
}

// rankRuleSample loads the sample and returns its figures as the rank rule alone leaves
// them (the suppression before the audit); it skips the test in -short mode.
func rankRuleSample(t *testing.T) (*Aggregator, *builder) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the sample")
	}
	a := loadSite(t, "../..")
	b := a.builder(a.years(), a.districts(), nil)
	b.suppress()
	b.markSuppressed(nil)
	return a, b
}

// TestModelRecycled checks that a model built after others were recycled (their maps,
// unknowns, rows and arenas kept for the next group) is the model built first, for every
// group of the sample, live and baseline.
func TestModelRecycled(t *testing.T) {
	a, b := rankRuleSample(t)
	groups := auditGroups(b.figs)
	keys := slices.Collect(maps.Keys(groups))
	slices.SortFunc(keys, func(x, y groupKey) int {
		return cmp.Or(strings.Compare(x.district, y.district), x.year-y.year, strings.Compare(x.family, y.family))
	})
	type snapshot struct {
		unknowns []unknown
		lower    []int
		upper    []int
		rows     []lpRow
		rowFigs  [][]int
		sums     int
		base     map[baseKey]int
	}
	take := func(m *auditModel) snapshot {
		s := snapshot{lower: slices.Clone(m.lp.lower), upper: slices.Clone(m.lp.upper), sums: len(m.sums), base: m.base}
		for _, u := range m.unknowns {
			u.boundFigs = slices.Clone(u.boundFigs)
			s.unknowns = append(s.unknowns, u)
		}
		for _, r := range m.lp.rows {
			s.rows = append(s.rows, lpRow{idx: slices.Clone(r.idx), coef: slices.Clone(r.coef), rhs: r.rhs, pub: r.pub})
		}
		for _, f := range m.rowFigs {
			s.rowFigs = append(s.rowFigs, slices.Clone(f))
		}
		return s
	}
	// Each group's model, built first of all, and again once every other group's model was
	// built and recycled: the models of another family, district or shape must leave nothing
	// behind.
	au := newAuditor(b.figs, a.opts.MinN)
	for _, allHidden := range []bool{false, true} {
		first := make([]snapshot, len(keys))
		for i, k := range keys {
			first[i] = take(au.build(groups[k], allHidden)) // not recycled: built afresh
		}
		for i := range keys {
			for j := len(keys) - 1; j >= 0; j-- {
				if j != i {
					au.build(groups[keys[j]], allHidden).recycle()
				}
			}
			m := au.build(groups[keys[i]], allHidden)
			if again := take(m); !reflect.DeepEqual(first[i], again) {
				t.Errorf("allHidden %v: the model of %v differs once the others were recycled", allHidden, keys[i])
			}
			m.recycle()
		}
	}
}

// TestSeenNotKeptForFinalAudit checks that a group found clean by an audit that started from
// values seen by an earlier one is not kept for the final audit to reuse: the final audit
// depends on nothing the loop saw. The sample's figures as the rank rule leaves them are
// audited through a memo (violations, so the violating groups' values are kept); those values
// are then widened to what no data allows, so that the next audit through the memo finds
// every such group clean, wrongly; none of them may be in the memo's clean groups after.
func TestSeenNotKeptForFinalAudit(t *testing.T) {
	a, b := rankRuleSample(t)
	var memo auditMemo
	first := newAuditor(b.figs, a.opts.MinN).run(&memo)
	if len(first.Violations) == 0 || len(memo.seen) == 0 {
		t.Fatalf("%d violations, %d groups with values seen: nothing to check", len(first.Violations), len(memo.seen))
	}
	for _, seen := range memo.seen {
		for k := range seen {
			seen[k] = [2]int{0, 1 << 20}
		}
	}
	widened := newAuditor(b.figs, a.opts.MinN).run(&memo)
	if len(widened.Violations) >= len(first.Violations) {
		t.Fatalf("widened values seen: %d violations, as many as %d: the audit did not start from them", len(widened.Violations), len(first.Violations))
	}
	groups := auditGroups(b.figs)
	auditor := newAuditor(b.figs, a.opts.MinN)
	for _, v := range first.Violations {
		f := &b.figs[v.Fig]
		pop, _ := auditPop(f.Metric, f.Category)
		if _, kept := memo.clean[auditor.digest(groups[groupKey{f.District, f.Year, auditFamily(pop)}])]; kept {
			t.Fatalf("the group of %v, found clean from widened values, is kept for the final audit", v)
		}
	}
}

// auditGroups returns the indexes of the audited figures of each group (district, year and
// family), as the audit groups them.
func auditGroups(figs []Figure) map[groupKey][]int {
	groups := make(map[groupKey][]int)
	for i := range figs {
		f := &figs[i]
		if pop, ok := auditPop(f.Metric, f.Category); ok && f.Kind != Points {
			k := groupKey{f.District, f.Year, auditFamily(pop)}
			groups[k] = append(groups[k], i)
		}
	}
	return groups
}
