package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"elreport/generator/sample"
)

// BenchmarkHugoSideBySide builds a generated site (the sample's eight languages) and a Hugo
// site of as many pages of the same average size, alternately, and reports each one's seconds
// per build and their ratio (hugo-s / elreport-s). The Hugo pages are built the way Hugo is
// fastest at data pages: their tables, chart data and text come from front matter (no
// Markdown), through one template, with taxonomies, RSS and sitemap off. It needs hugo on
// PATH (the issue measured 0.111) and is skipped without it. Run one size at a time:
//
//	go test ./generator/site -run '^$' -bench 'BenchmarkHugoSideBySide/schools=200/' -benchtime 3x
//	ELREPORT_STATE_SCALE=1 go test ./generator/site -run '^$' -bench 'BenchmarkHugoSideBySide/schools=2000/' -benchtime 1x -timeout 2h
//
// Both write into folders that do not exist yet, so neither pays for removing a previous
// site (elreport's swap does, and BenchmarkStages counts it).
func BenchmarkHugoSideBySide(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("hugo is not on PATH")
	}
	for _, size := range benchSizes() {
		b.Run(size.name(), func(b *testing.B) {
			dir := b.TempDir()
			site := generateSite(b, dir, size.districts, 5, size.students)
			build := func(out string) Summary {
				sum, err := Build(context.Background(), Options{Config: site, Out: out})
				if err != nil {
					b.Fatal(err)
				}
				return sum
			}
			// One build to learn the pages' number and size, which the Hugo site copies.
			first := filepath.Join(dir, "first")
			sum := build(first)
			pages, bytes := htmlPages(b, first)
			// No output is removed before the end (b.TempDir's cleanup): on some file systems
			// creating files just after many were removed is several times slower, which would
			// measure the file system (docs/performance.md).
			hugoDir := filepath.Join(dir, "hugo")
			writeHugoSite(b, hugoDir, hugo, pages, bytes/int64(pages))
			var ours, theirs time.Duration
			n := 0
			for b.Loop() {
				n++
				out := filepath.Join(dir, fmt.Sprint("out", n))
				start := time.Now()
				build(out)
				ours += time.Since(start)
				hout := filepath.Join(dir, fmt.Sprint("hugo-out", n))
				start = time.Now()
				runHugo(b, hugo, hugoDir, hout)
				theirs += time.Since(start)
			}
			hp, hb := htmlPages(b, filepath.Join(dir, "hugo-check"))
			b.ReportMetric(ours.Seconds()/float64(n), "elreport-s/op")
			b.ReportMetric(theirs.Seconds()/float64(n), "hugo-s/op")
			b.ReportMetric(theirs.Seconds()/ours.Seconds(), "hugo/elreport")
			b.ReportMetric(float64(sum.Pages)*float64(n)/ours.Seconds(), "pages/s")
			b.Logf("elreport: %d pages, %d bytes of HTML a page; hugo: %d pages, %d bytes a page", pages, bytes/int64(pages), hp, hb/int64(hp))
		})
	}
}

// benchSize is a size of the side-by-side benchmarks: districts of five schools, and students
// a year.
type benchSize struct{ districts, students int }

func (s benchSize) name() string {
	return fmt.Sprintf("schools=%d/students=%d", s.districts*5, s.students)
}

// benchSizes returns issue 14's sizes: 200 schools, and 2,000 (the state's) only with
// ELREPORT_STATE_SCALE set, since it takes minutes.
func benchSizes() []benchSize {
	sizes := []benchSize{{40, 100_000}}
	if os.Getenv("ELREPORT_STATE_SCALE") != "" {
		sizes = append(sizes, benchSize{400, 1_000_000})
	}
	return sizes
}

// generateSite writes the generated inputs and a site.toml with the sample's settings and
// languages (not its goals, which name its schools) into dir, and returns site.toml's path.
func generateSite(tb testing.TB, dir string, districts, schools, students int) string {
	tb.Helper()
	if _, err := sample.Generate(context.Background(), filepath.Join(dir, "data"), sample.Options{
		Districts: districts, SchoolsPerDistrict: schools, Students: students, Years: 3, FirstYear: 2023, Seed: 1,
	}); err != nil {
		tb.Fatal(err)
	}
	cfg, err := os.ReadFile("../../site.toml")
	if err != nil {
		tb.Fatal(err)
	}
	text, _, _ := strings.Cut(string(cfg), "[[goals]]")
	path := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// htmlPages counts the HTML files under dir and their bytes.
func htmlPages(tb testing.TB, dir string) (int, int64) {
	tb.Helper()
	n, size := 0, int64(0)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n++
		size += info.Size()
		return nil
	})
	if err != nil || n == 0 {
		tb.Fatalf("%s: %d pages, %v", dir, n, err)
	}
	return n, size
}

func runHugo(tb testing.TB, hugo, site, out string) {
	tb.Helper()
	cmd := exec.Command(hugo, "--quiet", "--source", site, "--destination", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("hugo: %v\n%s", err, stderr.String())
	}
}

// writeHugoSite writes a Hugo site of pages pages (two of them Hugo's home and section
// lists) whose HTML averages about size bytes, like elreport's pages: a heading, paragraphs,
// six sections each with a chart's data as JSON and a table of four rows of five columns.
// It calibrates the number of paragraphs on a small build first, and leaves a build in
// dir/../hugo-check.
func writeHugoSite(tb testing.TB, dir, hugo string, pages int, size int64) {
	tb.Helper()
	write := func(path, text string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write(filepath.Join(dir, "config.toml"), "baseURL = \"https://example.org/\"\ntitle = \"Report\"\n"+
		"disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n")
	write(filepath.Join(dir, "layouts/_default/baseof.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }}</title><link rel="stylesheet" href="../static/style.css"></head>
<body><header><nav aria-label="Site"><a href="/">Home</a> <a href="/benchmarks/">Benchmarks</a> <a href="/dropout/">Dropout risk</a> <a href="/gaps/">Gaps</a> <a href="/plans/">Plans</a></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main><footer>English learner report</footer><script src="../static/charts.js"></script></body></html>
`)
	write(filepath.Join(dir, "layouts/_default/single.html"), `{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Params.paras }}<p>{{ . }}</p>{{ end }}
{{ range .Params.tables }}<section><h2>{{ .caption }}</h2><p>{{ .intro }}</p>
<figure><div class="chart" id="{{ .id }}"></div><script type="application/json">{{ .chart | jsonify }}</script></figure>
<table><caption>{{ .caption }}</caption><thead><tr><th scope="col">School</th>{{ range .cols }}<th scope="col">{{ . }}</th>{{ end }}</tr></thead><tbody>
{{ range .rows }}<tr><th scope="row">{{ .name }}</th>{{ range .v }}<td class="num">{{ . }}</td>{{ end }}</tr>
{{ end }}</tbody></table><p><a href="data.csv">Download the data (CSV)</a></p></section>{{ end }}{{ end }}
`)
	write(filepath.Join(dir, "layouts/_default/list.html"), `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`)
	words := strings.Fields("the share of English learners making progress toward English proficiency rose in each year while the district kept its goal in sight for every school")
	content := func(n, paras int) {
		os.RemoveAll(filepath.Join(dir, "content"))
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range n {
			var sb strings.Builder
			fmt.Fprintf(&sb, "+++\ntitle = \"School %d of district %d\"\nparas = [\n", i, i/100)
			for range paras {
				sb.WriteString("  \"")
				for w := range 40 {
					if w > 0 {
						sb.WriteByte(' ')
					}
					sb.WriteString(words[rng.IntN(len(words))])
				}
				sb.WriteString("\",\n")
			}
			sb.WriteString("]\n")
			for t := range 6 {
				fmt.Fprintf(&sb, "[[tables]]\nid = \"c%d-%d\"\ncaption = \"Share of English learners making progress, by group, table %d\"\n", i, t, t)
				sb.WriteString("intro = \"Each row is a group of students; the share is of the students tested in that year.\"\n")
				sb.WriteString("cols = [\"2023\", \"2024\", \"2025\", \"Change since the year before\", \"Students\"]\n")
				sb.WriteString("[tables.chart]\ntype = \"bar\"\nlabels = [\"Group 0\", \"Group 1\", \"Group 2\", \"Group 3\"]\nvalues = [")
				for v := range 350 {
					if v > 0 {
						sb.WriteString(", ")
					}
					fmt.Fprintf(&sb, "%.1f", rng.Float64()*100)
				}
				sb.WriteString("]\n")
				for r := range 4 {
					fmt.Fprintf(&sb, "[[tables.rows]]\nname = \"Group %d of English learners\"\nv = [\"%.1f%%\", \"%.1f%%\", \"%.1f%%\", \"%+.1f points\", \"%d\"]\n",
						r, rng.Float64()*100, rng.Float64()*100, rng.Float64()*100, rng.Float64()*18-9, 10+rng.IntN(890))
				}
			}
			sb.WriteString("+++\n")
			write(filepath.Join(dir, "content", "p", fmt.Sprintf("%06d.md", i)), sb.String())
		}
	}
	check := filepath.Join(filepath.Dir(dir), "hugo-check")
	// Calibrate: the bytes of a page with no paragraphs, and of one paragraph.
	measure := func(paras int) int64 {
		content(50, paras)
		os.RemoveAll(check)
		runHugo(tb, hugo, dir, check)
		_, b := htmlPages(tb, filepath.Join(check, "p"))
		return b / 50
	}
	base, with := measure(0), measure(20)
	paras := max(0, int((size-base)*20/max(with-base, 1)))
	content(pages-2, paras) // the home page and the section list are pages too
	os.RemoveAll(check)
	runHugo(tb, hugo, dir, check)
}
