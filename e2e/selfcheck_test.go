package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// brokenParts are faults added to a copy of a topic page, each with what the checks must say
// about it.
var brokenParts = []struct{ html, want string }{
	{`<div style="inline-size: 40rem">too wide for a phone</div>`, "reach past the screen"},
	{`<p style="color: #aaa">pale text</p>`, "axe color-contrast"},
	{`<img src="https://example.com/pixel.png" alt="">`, "request leaves the local site: https://example.com/pixel.png"},
	{`<script>console.error("boom")</script>`, "console.error: boom"},
	{`<script>null.x</script>`, "uncaught exception"},
	{`<a href="no-such-page.html">gone</a>`, "points at a missing file"},
	{`<a href="#no-such-id">nowhere</a>`, "points at #no-such-id"},
	{`<div class="chart" data-option="no-such-option"></div>`, "holds no SVG or canvas drawing"},
	// Printed: the header shown, a chart that may break, drawn wider than its box and the
	// sheet, rows that may break, a header row that is not repeated.
	{`<style>@media print { .site-header { display: block !important } .chart { break-inside: auto !important }
		.viz .chart svg { inline-size: 900px !important } tr { break-inside: auto !important }
		thead { display: table-row-group !important } }</style>`, "header.site-header is printed"},
	{``, "has break-inside: auto"},
	{``, "not drawn again at the printed size"},
	{``, "wider than the sheet (703 px)"},
	{``, "a row may be split across sheets (tr break-inside: auto)"},
	{``, "its header row is not repeated on each sheet (thead display: table-row-group)"},
	// Header buttons that do nothing: a click and Enter leave the rows and aria-sort as they were.
	{`<script>document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('.sort')) e.stopImmediatePropagation(); }, true)</script>`,
		`aria-sort="", want "ascending"`},
	{`<table id="e2e-spans"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td colspan="2">x</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>`,
		"table#e2e-spans has 2 rows and cannot be sorted"},
	// A table of ten columns that fits at 1280 px but scrolls at 1024 px: wide tables have
	// no exemption, and the narrower laptop is checked too.
	{`<div class="table-scroll"><table id="e2e-wide" style="min-inline-size: 1050px"><thead><tr>` +
		strings.Repeat(`<th>column</th>`, 10) + `</tr></thead><tbody><tr>` + strings.Repeat(`<td>1</td>`, 10) +
		`</tr></tbody></table></div>`,
		"at 1024 px: 1 tables scroll sideways in their place:\n\ttable#e2e-wide (10 columns) is"},
	// Chart labels that overlap on a laptop's screen only (hidden on a phone's).
	{`<div class="chart" id="e2e-overlap"><svg width="300" height="40"><text class="e2e-laptop" x="10" y="20">overlapping</text>` +
		`<text class="e2e-laptop" x="20" y="22">labels</text></svg></div><style>@media (max-width: 999px) { .e2e-laptop { display: none } }</style>`,
		`at 1280 px: 1 pairs of chart labels overlap:` + "\n\t" + `div#e2e-overlap.chart: "overlapping" and "labels"`},
	// Dim only in dark mode: the dark run must report it, the light one must not.
	{`<p class="e2e-dark-dim">dim in the dark</p><style>@media (prefers-color-scheme: dark) { .e2e-dark-dim { color: #333 } }</style>`, ""},
}

// darkFault is what the run in dark mode must report, and the light one must not.
const darkFault = ".e2e-dark-dim"

// fakeT records what the checks report instead of failing; Fatal ends the goroutine the
// way testing.T's does.
type fakeT struct {
	mu   sync.Mutex
	errs []string
}

func (f *fakeT) Helper()                         {}
func (f *fakeT) Log(args ...any)                 {}
func (f *fakeT) Logf(format string, args ...any) {}
func (f *fakeT) Error(args ...any)               { f.add(fmt.Sprint(args...)) }
func (f *fakeT) Errorf(format string, args ...any) {
	f.add(fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatal(args ...any) { f.add(fmt.Sprint(args...)); runtime.Goexit() }
func (f *fakeT) Fatalf(format string, args ...any) {
	f.add(fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (f *fakeT) add(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, s)
}

// TestChecksFindProblems runs the page checks on a copy of a topic page with known faults,
// so that a check that stops seeing anything (a changed class name, a script that returns
// early) fails here instead of passing everywhere.
func TestChecksFindProblems(t *testing.T) {
	e := suite(t)
	src, err := os.ReadFile(filepath.Join(e.siteDir, "en", "benchmarks.html"))
	if err != nil {
		t.Fatal(err)
	}
	var faults strings.Builder
	for _, p := range brokenParts {
		faults.WriteString(p.html + "\n")
	}
	broken := strings.Replace(string(src), "</main>", faults.String()+"</main>", 1)
	const name = "e2e-broken.html"
	if err := os.WriteFile(filepath.Join(e.siteDir, "en", name), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(filepath.Join(e.siteDir, "en", name)) })

	run := func(dark bool) string {
		f := &fakeT{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			check{env: e, base: e.httpBase, lang: "en", page: page{name: "broken", path: name, charts: true}, axe: true, print: !dark, dark: dark, laptops: true}.run(f)
		}()
		<-done
		return strings.Join(f.errs, "\n")
	}
	all := run(false)
	for _, p := range brokenParts {
		if p.want != "" && !strings.Contains(all, p.want) {
			t.Errorf("the checks did not report %q for %s", p.want, p.html)
		}
	}
	if strings.Contains(all, darkFault) {
		t.Errorf("the checks in light colours report %s, which is dim only in dark mode", darkFault)
	}
	if t.Failed() {
		t.Logf("the checks reported:\n%s", all)
	}
	dark := run(true)
	if !strings.Contains(dark, "axe color-contrast") || !strings.Contains(dark, darkFault) {
		t.Errorf("the checks in dark mode did not report the colour contrast of %s; they reported:\n%s", darkFault, dark)
	}
}
