package site

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkStages builds a generated site in the sample's eight languages at two sizes and
// reports each stage's wall time per build (load-s, compute-s, audit-s within compute,
// render-s, write-s within render, swap-s), pages/s and the heap in use after the build, so
// that a stage growing faster than the data shows as a ratio between the sizes. The larger
// size is 200 schools and 100,000 students a year, as issue 14 measures; run it alone:
//
//	go test ./generator/site -run '^$' -bench BenchmarkStages -benchtime 1x
//
// docs/performance.md has the state-scale commands (2,000 schools, elreport build --profile).
func BenchmarkStages(b *testing.B) {
	for _, size := range []struct{ districts, schools, students int }{
		{4, 5, 10_000},
		{40, 5, 100_000},
	} {
		b.Run(fmt.Sprintf("schools=%d/students=%d", size.districts*size.schools, size.students), func(b *testing.B) {
			dir := b.TempDir()
			site := generateSite(b, dir, size.districts, size.schools, size.students)
			stages := map[string]time.Duration{}
			var audit, write time.Duration
			pages := 0
			for b.Loop() {
				last := time.Now()
				sum, err := Build(context.Background(), Options{
					Config: site,
					Out:    filepath.Join(dir, "public"),
					Stage: func(name string) {
						now := time.Now()
						stages[name] += now.Sub(last)
						last = now
					},
				})
				if err != nil {
					b.Fatal(err)
				}
				audit += sum.Auditing
				write += sum.Writing
				pages = sum.Pages
			}
			n := float64(b.N)
			for _, s := range []string{"load", "compute", "render", "swap"} {
				b.ReportMetric(stages[s].Seconds()/n, s+"-s/op")
			}
			b.ReportMetric(audit.Seconds()/n, "audit-s/op")
			b.ReportMetric(write.Seconds()/n, "write-s/op")
			b.ReportMetric(float64(pages)*n/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
