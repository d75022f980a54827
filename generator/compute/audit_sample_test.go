package compute

import (
	"context"
	"flag"
	"os"
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
	b := a.builder(a.years(), a.districts())
	b.suppress()
	b.markSuppressed(nil)
	old := Audit(b.figs, a.opts.MinN)
	kinds := make(map[string]int)
	for _, v := range old.Violations {
		kinds[v.Kind.String()+" "+v.Quantity]++
	}
	t.Logf("the rank rule alone, reasons published: %d violations %v", len(old.Violations), kinds)
	for i := range b.figs {
		b.figs[i].SuppressedFor = "" // as shipped before: no reason
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
	bl := a.builder(a.years(), a.districts())
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
		bl := a.builder(years, districts)
		bl.decide()
	}
}
