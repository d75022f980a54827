package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/content"
	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/i18n"
	"elreport/generator/metric"
	"elreport/generator/public"
	"elreport/templates"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// goldenDir holds the golden site; static/ (copies of templates/static) is left out.
const goldenDir = "testdata/golden"

func isStatic(name string) bool { return strings.HasPrefix(name, "static/") }

func TestGolden(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for name, data := range out.files {
			if isStatic(name) {
				continue
			}
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string][]byte{}
	err := filepath.WalkDir(goldenDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(goldenDir, p)
		want[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("%v (run go test ./generator/render -update)", err)
	}
	for name, data := range out.files {
		if isStatic(name) {
			continue
		}
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("unexpected file %s", name)
		case !bytes.Equal(w, data):
			t.Errorf("%s differs from the golden file: %s", name, firstDiff(w, data))
		}
	}
	for name := range want {
		if _, ok := out.files[name]; !ok {
			t.Errorf("missing file %s", name)
		}
	}
}

// firstDiff describes where two files first differ.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\n  want %.300q\n   got %.300q", i+1, w, g)
		}
	}
	return "same lines"
}

func TestDeterministic(t *testing.T) {
	first, s1 := renderSite(t, testSite(t))
	second, s2 := renderSite(t, testSite(t))
	if len(first.files) != len(second.files) {
		t.Fatalf("got %d files, then %d", len(first.files), len(second.files))
	}
	for name, data := range first.files {
		if !bytes.Equal(data, second.files[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
	if s1.Pages != s2.Pages || s1.Charts != s2.Charts || s1.Downloads != s2.Downloads {
		t.Errorf("stats differ: %+v, %+v", s1, s2)
	}
}

func TestStats(t *testing.T) {
	out, stats := renderSite(t, testSite(t))
	var pages, csvs int
	for name := range out.files {
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
		case strings.HasSuffix(name, ".csv"):
			csvs++
		}
	}
	if stats.Pages != pages || stats.Downloads != csvs {
		t.Errorf("stats say %d pages and %d downloads; the output has %d and %d", stats.Pages, stats.Downloads, pages, csvs)
	}
	if stats.Charts == 0 {
		t.Error("no charts")
	}
	// 2 languages × (home, 4 topics, 2 schools, data, plan, guides, 2 guides, glossary) +
	// index.html + 404.html.
	if want := 2*13 + 2; stats.Pages != want {
		t.Errorf("got %d pages, want %d", stats.Pages, want)
	}
	if len(stats.Missing["ar"]) == 0 || !slices.Contains(stats.Missing["ar"], "home.summary") {
		t.Errorf("Missing[ar] does not list home.summary: %v", stats.Missing["ar"])
	}
	if _, ok := stats.Missing["en"]; ok {
		t.Error("the default language is reported missing strings")
	}
	for _, name := range []string{"index.html", "404.html", "sitemap.xml", "data/metrics.csv", "en/index.html",
		"ar/index.html", "en/benchmarks.html", "ar/dropout-risk.html", "en/gaps.html", "en/post-graduation.html",
		"en/schools/0101.html", "ar/schools/0102.html", "en/data.html", "en/guides/index.html",
		"en/guides/access-test.html", "ar/guides/graduation.html", "static/style.css", "static/charts.js",
		"static/vendor/echarts/echarts.min.js", "static/vendor/echarts/LICENSE", "data/benchmarks/progress.csv",
		"data/schools/0102/benchmarks-progress.csv", "data/data-quality.csv", "data/home-languages.csv"} {
		if _, ok := out.files[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
}

var (
	tagRe  = regexp.MustCompile(`(?is)<([a-z][a-z0-9]*)\b([^>]*)>`)
	attrRe = regexp.MustCompile(`(?i)\b(href|src|srcset|poster|data|action|formaction)\s*=\s*"([^"]*)"`)
	idRe   = regexp.MustCompile(`\bid="([^"]*)"`)
)

// references returns the href/src values of a page with their element names.
func references(page []byte) [][2]string {
	var refs [][2]string
	for _, tag := range tagRe.FindAllSubmatch(page, -1) {
		for _, a := range attrRe.FindAllSubmatch(tag[2], -1) {
			refs = append(refs, [2]string{strings.ToLower(string(tag[1])), unescapeAttr(string(a[2]))})
		}
	}
	return refs
}

// unescapeAttr undoes the entity escapes html/template uses in attributes.
func unescapeAttr(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestNoOtherHost(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	for name, data := range out.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, ref := range references(data) {
			v := strings.ToLower(strings.TrimSpace(ref[1]))
			if v == "data:," && ref[0] == "link" {
				continue // 404.html's empty icon: it loads nothing, and stops the browser asking the host
			}
			if name == "404.html" && ref[0] == "a" && strings.HasPrefix(ref[1], testConfig().BaseURL) {
				continue // served at any depth, it links to the site's own base_url
			}
			if strings.Contains(v, "://") || strings.HasPrefix(v, "//") || strings.HasPrefix(v, "data:") ||
				strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "/") {
				t.Errorf("%s: <%s> references %q: not relative", name, ref[0], ref[1])
			}
		}
		if bytes.Contains(data, []byte("@import")) || bytes.Contains(data, []byte("url(http")) {
			t.Errorf("%s: loads a stylesheet or image from elsewhere", name)
		}
	}
	css := out.files["static/style.css"]
	if bytes.Contains(css, []byte("url(")) || bytes.Contains(css, []byte("@import")) {
		t.Error("style.css loads something")
	}
}

func TestLinksResolve(t *testing.T) {
	for _, tc := range []struct {
		name string
		site func(t *testing.T) Site
	}{
		{"one district", func(t *testing.T) Site { return testSite(t) }},
		{"several districts", func(t *testing.T) Site {
			s := testSite(t)
			s.Result = syntheticResult(3, 2, 3)
			return s
		}},
		{"several districts, one featured", func(t *testing.T) Site {
			s := testSite(t)
			s.Result = syntheticResult(3, 2, 1)
			s.Config.District.One = "D02"
			return s
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _ := renderSite(t, tc.site(t))
			ids := map[string]map[string]bool{}
			idsOf := func(page string) map[string]bool {
				if ids[page] == nil {
					ids[page] = map[string]bool{}
					for _, m := range idRe.FindAllSubmatch(out.files[page], -1) {
						ids[page][string(m[1])] = true
					}
				}
				return ids[page]
			}
			checked := 0
			for name, data := range out.files {
				if !strings.HasSuffix(name, ".html") || name == "404.html" {
					continue
				}
				for _, ref := range references(data) {
					target, frag, _ := strings.Cut(ref[1], "#")
					resolved := name
					if target != "" {
						resolved = path.Join(path.Dir(name), target)
						if strings.HasSuffix(target, "/") {
							t.Errorf("%s: link %q names a folder (breaks on file://)", name, ref[1])
						}
					}
					if _, ok := out.files[resolved]; !ok {
						t.Errorf("%s: <%s> %q: %s was not written", name, ref[0], ref[1], resolved)
						continue
					}
					if frag != "" && strings.HasSuffix(resolved, ".html") && !idsOf(resolved)[frag] {
						t.Errorf("%s: %q: no id %q in %s", name, ref[1], frag, resolved)
					}
					checked++
				}
			}
			if checked < 100 {
				t.Errorf("only %d links checked", checked)
			}
		})
	}
}

var scriptRe = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)

func TestHostileNameInert(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	seenInPage, seenInChart, seenInCSV := false, false, false
	for name, data := range out.files {
		if isStatic(name) {
			continue
		}
		if bytes.Contains(bytes.ToLower(data), []byte("<script>alert")) && !strings.HasSuffix(name, ".csv") {
			t.Errorf("%s: the hostile name is not escaped", name)
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			if bytes.Contains(data, []byte("A&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")) {
				seenInPage = true
			}
			// Every script element is a chart's JSON or an external script of the site.
			for _, m := range scriptRe.FindAllSubmatch(data, -1) {
				attrs, body := string(m[1]), m[2]
				switch {
				case strings.Contains(attrs, `type="application/json"`):
					var option map[string]any
					if err := json.Unmarshal(body, &option); err != nil {
						t.Errorf("%s: chart JSON does not parse: %v", name, err)
						continue
					}
					if bytes.Contains(body, []byte("</")) {
						t.Errorf("%s: chart JSON holds \"</\"", name)
					}
					if strings.Contains(fmt.Sprint(option), hostileName) {
						seenInChart = true
					}
				case strings.Contains(attrs, "src=") && len(bytes.TrimSpace(body)) == 0:
				default:
					t.Errorf("%s: unexpected script element %q", name, m[0])
				}
			}
		case strings.HasSuffix(name, ".csv"):
			records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, rec := range records {
				if slices.Contains(rec, hostileName) {
					seenInCSV = true
				}
			}
		}
	}
	if !seenInPage || !seenInChart || !seenInCSV {
		t.Errorf("the hostile name should appear as text: in a page %v, in chart data %v, in a CSV %v",
			seenInPage, seenInChart, seenInCSV)
	}
}

func TestPages(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	ar := string(out.files["ar/index.html"])
	for _, want := range []string{`<html lang="ar" dir="rtl">`, `hreflang="en" href="../en/index.html"`,
		`<a class="skip-link" href="#main">انتقل إلى المحتوى الرئيسي</a>`} {
		if !strings.Contains(ar, want) {
			t.Errorf("ar/index.html lacks %q", want)
		}
	}
	school := string(out.files["en/schools/0102.html"])
	for _, want := range []string{
		`<span class="mark" aria-hidden="true">*</span><span class="vh">Fewer than 10 students: not shown to protect privacy</span>`,
		`<span class="mark" aria-hidden="true">†</span><span class="vh">Hidden so that another hidden figure cannot be worked out</span>`,
		`<p class="note">† Hidden so that another hidden figure cannot be worked out</p>`,
		`<th scope="col">`, `<th scope="row">`, `<caption id=`, `role="region"`, `tabindex="0"`,
		`<a href="../../ar/schools/0102.html" lang="ar" hreflang="ar" dir="rtl">العربية</a>`,
		`<link rel="stylesheet" href="../../static/style.css">`,
		`<script src="../../static/vendor/echarts/echarts.min.js"></script>`,
	} {
		if !strings.Contains(school, want) {
			t.Errorf("en/schools/0102.html lacks %q", want)
		}
	}
	for name, data := range out.files {
		if strings.HasSuffix(name, ".html") && name != "index.html" && name != "404.html" {
			if n := bytes.Count(data, []byte("<h1")); n != 1 {
				t.Errorf("%s has %d h1 elements", name, n)
			}
			if !bytes.Contains(data, []byte(`<main id="main"`)) {
				t.Errorf("%s has no main landmark", name)
			}
		}
	}
	// A suppressed figure is never a zero: the school's latest making-progress is suppressed.
	csvData := string(out.files["data/schools/0102/benchmarks-progress.csv"])
	if !strings.Contains(csvData, "school,0102,"+hostileName+",2025,benchmarks,making_progress,EL,,,,,true,complementary,inputs\n") {
		t.Errorf("the suppressed figure's row is wrong:\n%s", csvData)
	}
	// The English summary says more/fewer/same from the figures (read without its glossary
	// links).
	home := regexp.MustCompile(`<a class="term" [^>]*>([^<]*)</a>`).ReplaceAllString(string(out.files["en/index.html"]), "$1")
	if !regexp.MustCompile(`of English learners made progress toward English proficiency in 2025, (\d+\.\d percentage points? (more|fewer) than|the same as) in 2024\.`).MatchString(home) {
		t.Error("en/index.html has no progress sentence")
	}
	// Arabic digits in the Arabic pages.
	if !strings.Contains(ar, "٢٠٢٥") {
		t.Error("ar/index.html does not write the year in Arabic digits")
	}
	// The guide only in English is shown in English with a notice in Arabic.
	g := string(out.files["ar/guides/graduation.html"])
	if !strings.Contains(g, "هذا الدليل غير متوفر بلغتك بعد") || !strings.Contains(g, `<div class="guide" lang="en" dir="ltr">`) {
		t.Error("ar/guides/graduation.html lacks the fallback notice or the body's language")
	}
	// The guide quotes live figures in the page's language.
	if !strings.Contains(string(out.files["ar/guides/access-test.html"]), "٪") {
		t.Error("the Arabic guide does not quote a figure in Arabic format")
	}
	if strings.Contains(string(out.files["en/guides/access-test.html"]), "<b>Bold</b>") {
		t.Error("markup in a guide's source reached the page unescaped")
	}
	// sitemap.xml holds absolute addresses.
	if !strings.Contains(string(out.files["sitemap.xml"]), "<loc>https://reports.example.org/el/en/schools/0101.html</loc>") {
		t.Error("sitemap.xml lacks a school page")
	}
}

func TestSitemapWithoutBaseURL(t *testing.T) {
	s := testSite(t)
	s.Config.BaseURL = ""
	out, _ := renderSite(t, s)
	if !strings.Contains(string(out.files["sitemap.xml"]), "<loc>en/schools/0101.html</loc>") {
		t.Error("sitemap.xml lacks the relative address of a school page")
	}
}

func TestUnknownKeyInTemplate(t *testing.T) {
	s := testSite(t)
	topic, err := fs.ReadFile(templates.FS, "topic.html")
	if err != nil {
		t.Fatal(err)
	}
	s.Templates = overlayFS{upper: fstest.MapFS{
		"topic.html": {Data: bytes.Replace(topic, []byte(`{{define "main"}}`), []byte(`{{define "main"}}{{.T "topic.tpyo"}}`), 1)},
	}, lower: templates.FS}
	_, err = Render(t.Context(), s, newMemOutput())
	if err == nil || !strings.Contains(err.Error(), "topic.html:1:") || !strings.Contains(err.Error(), `"topic.tpyo"`) {
		t.Errorf("got error %v, want one naming topic.html:1 and the key", err)
	}
}

// overlayFS serves upper's files over lower's.
type overlayFS struct{ upper, lower fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.upper.Open(name); err == nil {
		return f, nil
	}
	return o.lower.Open(name)
}

func TestFigureFunc(t *testing.T) {
	r, err := newRun(testSite(t))
	if err != nil {
		t.Fatal(err)
	}
	d := &r.ix.result.Districts[0]
	en, _ := r.cfg.Language("en")
	ar, _ := r.cfg.Language("ar")
	fig := newPageBuilder(r, en, "en/guides/x.html", "").figureFunc(d)
	figAr := newPageBuilder(r, ar, "ar/guides/x.html", "").figureFunc(d)
	want := func(f func([]string) (string, error), args string, wantRe string) {
		t.Helper()
		got, err := f(strings.Fields(args))
		if err != nil {
			t.Errorf("figure(%s): %v", args, err)
			return
		}
		if !regexp.MustCompile("^" + wantRe + "$").MatchString(got) {
			t.Errorf("figure(%s) = %q, want %s", args, got, wantRe)
		}
	}
	want(fig, "making_progress EL", `\d+\.\d%`)
	want(fig, "district making_progress EL", `\d+\.\d%`)
	want(fig, "tested EL", `[\d,]+`)
	want(fig, "sgpa_median EL", `\d+(\.\d)?`)
	want(fig, "graduation_rate_gap EL", `[+-]\d+\.\d`)
	want(fig, "school:0101 mcas_meeting NonEL Math", `\d+\.\d%`)
	// Hidden as a complement in the latest year: its own words, not "fewer than 10 students".
	want(fig, "school:0102 making_progress EL", `not shown \(so that another hidden figure cannot be worked out\)`)
	want(fig, "school:0102 making_progress_by_program EL TBE", `not available`)
	want(figAr, "making_progress EL", `[٠-٩]+٫[٠-٩]٪\x{061c}`)
	for _, bad := range []string{"makng_progress EL", "making_progress ELL", "school:9999 tested EL", "tested", ""} {
		if _, err := fig(strings.Fields(bad)); err == nil {
			t.Errorf("figure(%s): got no error", bad)
		}
	}
}

func TestPathSegment(t *testing.T) {
	tests := map[string]string{
		"0101": "0101", "ab-C.9": "ab-C.9", "": "_", "a/b": "_a_2Fb", "..": "__2E_2E", ".x": "__2Ex",
		"a_b": "_a_5Fb", "a.": "_a_2E", "é": "__C3_A9", "<script>": "__3Cscript_3E",
	}
	seen := map[string]string{}
	for in, want := range tests {
		got := pathSegment(in)
		if got != want {
			t.Errorf("pathSegment(%q) = %q, want %q", in, got, want)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("pathSegment(%q) == pathSegment(%q)", in, other)
		}
		seen[got] = in
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "en/index.html", "en/index.html"},
		{"en/index.html", "en/benchmarks.html", "benchmarks.html"},
		{"en/schools/0101.html", "en/index.html", "../index.html"},
		{"en/schools/0101.html", "static/style.css", "../../static/style.css"},
		{"en/schools/0101.html", "ar/schools/0101.html", "../../ar/schools/0101.html"},
		{"en/districts/D1/schools/x.html", "en/districts/D2/index.html", "../../D2/index.html"},
		{"en/data.html", "data/metrics.csv", "../data/metrics.csv"},
		{"en/a.html", "en/a.html", "a.html"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.to); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestMatchLanguage(t *testing.T) {
	langs := testConfig(
		config.Language{Code: "en", Name: "English"}, config.Language{Code: "es", Name: "Español"},
		config.Language{Code: "pt-BR", Name: "Português (Brasil)"}, config.Language{Code: "ht", Name: "Kreyòl ayisyen"},
	).Languages
	tests := map[string]string{"Spanish": "es", "es": "es", "español": "es", "Portuguese": "pt", "pt": "pt",
		"Haitian Creole": "ht", "Khmer": "", "": "", "Other": ""}
	for home, want := range tests {
		l, ok := matchLanguage(home, langs)
		got := ""
		if ok {
			got, _, _ = strings.Cut(l.Code, "-")
		}
		if got != want {
			t.Errorf("matchLanguage(%q) = %q, want %q", home, got, want)
		}
	}
}

func TestGuideErrors(t *testing.T) {
	s := testSite(t)
	content := s.Content.(fstest.MapFS)
	content["guides/access-test.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n\n" +
		"In our district, {{< figure \"district\" \"makng_progress\" \"EL\" >}} made progress.\n")}
	_, err := Render(t.Context(), s, newMemOutput())
	want := `content/guides/access-test.en.md:6: figure "district makng_progress EL": unknown metric "makng_progress"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want an error containing %s", err, want)
	}
}

func TestNoDistrict(t *testing.T) {
	s := testSite(t)
	s.Result.Districts = nil
	if _, err := Render(t.Context(), s, newMemOutput()); err == nil {
		t.Error("got no error")
	}
	s = testSite(t)
	s.Config.District.One = "nope"
	if _, err := Render(t.Context(), s, newMemOutput()); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("got %v", err)
	}
}

// failingOutput fails after n files.
type failingOutput struct{ n int }

func (f *failingOutput) WriteFile(string, []byte) error {
	if f.n--; f.n < 0 {
		return errors.New("disk full")
	}
	return nil
}

func TestOutputError(t *testing.T) {
	_, err := Render(t.Context(), testSite(t), &failingOutput{n: 12})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v", err)
	}
}

func BenchmarkRender(b *testing.B) {
	s := testSite(b)
	s.Result = syntheticResult(50, 4, 3)
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		out := &countingOutput{}
		stats, err := Render(b.Context(), s, out)
		if err != nil {
			b.Fatal(err)
		}
		pages = stats.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(pages), "pages")
}

// countingOutput discards what it is given.
type countingOutput struct{ files, bytes int }

func (c *countingOutput) WriteFile(_ string, data []byte) error {
	c.files++
	c.bytes += len(data)
	return nil
}

// TestPlan checks the plan page and the goals sections: each status in words beside its
// symbol, the words of a goal not yet translated shown with the notice, the headings of the
// words nested under the goal with ids of their own, and the goals on the pages they concern.
func TestPlan(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	page := func(name string) string {
		t.Helper()
		b, ok := out.files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(b)
	}
	en, ar := page("en/plan.html"), page("ar/plan.html")
	for _, want := range []string{
		`<p class="status status-on_track"><span aria-hidden="true">●</span> On track</p>`,
		`<p class="status status-behind"><span aria-hidden="true">⚠</span> Behind</p>`,
		// The school's latest figure is hidden: no status is worked out from it.
		`<p class="status status-not_published"><span aria-hidden="true">⊘</span> Not shown (privacy)</p>`,
		`<h3 id="goal-progress--why">Why it matters</h3>`,
		`<a href="#goal-progress--actions">below</a>`,
		`2025: 39.5%. The plan expected 33.8% by then, and aims for 80.0% by 2028. Starting point: 18.4% in 2024.`,
		`2025: the figure is not shown, to protect students’ privacy. The plan aims for 75.0% by 2027.`,
		`Progress at &lt;b&gt;one&lt;/b&gt; school`,
		`Four-year graduation rate: gap between English learners and students who were never English learners, Riverside Public Schools`,
		`<h2 id="rule-h">How progress is judged</h2>`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("en/plan.html lacks %q", want)
		}
	}
	for _, want := range []string{
		`<h2 id="goal-dropout-h" lang="en" dir="ltr">Fewer English learners leaving school</h2>`,
		`<p class="notice" role="note">نص هذا الهدف غير متوفر بلغتك بعد. وهو معروض باللغة English.</p>`,
		`<div class="guide goal-words" lang="en" dir="ltr">`,
		`<span aria-hidden="true">⚠</span> متأخر`,
	} {
		if !strings.Contains(ar, want) {
			t.Errorf("ar/plan.html lacks %q", want)
		}
	}
	if ar := page("ar/index.html"); !strings.Contains(ar, `<th scope="row" lang="en" dir="ltr"><a href="plan.html#goal-dropout">Fewer English learners leaving school</a></th>`) {
		t.Error("ar/index.html does not mark the English title of a goal not yet translated with its language")
	}
	// Each goal is listed on its topic page and the school's page, and all on the home page.
	for name, goals := range map[string][]string{
		"en/index.html":        {"progress", "dropout", "gap", "school"},
		"en/benchmarks.html":   {"progress"},
		"en/dropout-risk.html": {"dropout"},
		"en/gaps.html":         {"gap"},
		"en/schools/0102.html": {"school"},
		"en/schools/0101.html": nil,
	} {
		p := page(name)
		got := regexp.MustCompile(`plan\.html#goal-([a-z0-9-]+)"`).FindAllStringSubmatch(p, -1)
		var ids []string
		for _, m := range got {
			ids = append(ids, m[1])
		}
		if !slices.Equal(ids, goals) {
			t.Errorf("%s links to goals %v, want %v", name, ids, goals)
		}
	}
	if !strings.Contains(page("en/data.html"), `href="../data/goals.csv"`) && !strings.Contains(page("en/data.html"), `href="data/goals.csv"`) {
		t.Error("the data page does not offer data/goals.csv")
	}
	if csv := string(out.files["data/home/goals.csv"]); !strings.Contains(csv, "school,school,0102,making_progress,EL,,2024,63.9,2027,75,2025,,67.6,not_published") {
		t.Errorf("data/home/goals.csv lacks the school's row of the headline year:\n%s", csv)
	}
}

// TestGoalWordsMissing checks that a goal without words in the default language stops the
// build, naming the file to write and the goal's line of site.toml.
func TestGoalWordsMissing(t *testing.T) {
	s := testSite(t)
	s.Goals[1].Goal.ID = "unwritten"
	_, err := Render(t.Context(), s, newMemOutput())
	want := `goal "unwritten" (site.toml line 28): its words are missing: write content/goals/unwritten.en.md`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %q", err, want)
	}
	// The settings file as the user named it (--config lakeside.toml).
	s.ConfigName = "sites/lakeside.toml"
	_, err = Render(t.Context(), s, newMemOutput())
	if want := `goal "unwritten" (sites/lakeside.toml line 28)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %q", err, want)
	}
}

// TestCompare checks the comparison with DESE's public reports on a topic page: the district's
// figure beside the state's and a comparison district's for the same year and group, the
// difference from the state in words, DESE's blank shown as not reported, no difference where
// DESE measures differently (with the page saying so), and the source under the table.
func TestCompare(t *testing.T) {
	s := testSite(t)
	s.Compare = map[string][]string{"D01": {"1600000", "D01"}}
	src := func(report string) public.Source {
		return public.Source{Report: report, Year: 2025, File: "x.csv"}
	}
	fig := func(id metric.ID, org, name string, v float64, suppressed bool, report string) public.Figure {
		return public.Figure{Metric: id, Group: "EL", Year: 2025, OrgCode: org, OrgName: name, Value: v,
			Suppressed: suppressed, Denominator: 500, Source: src(report)}
	}
	s.Public = []public.File{
		{Kind: public.Graduation4, Figures: []public.Figure{
			fig(metric.GraduationRate, "00000000", "State Totals", 73.8, false, "Graduation Rates (4-year)"),
			fig(metric.GraduationRate, "01600000", "Lowell", 0, true, "Graduation Rates (4-year)"),
			// The state's alone: Lowell's row of the download still names Lowell.
			fig(metric.CohortDropoutRate, "00000000", "State Totals", 5.2, false, "Graduation Rates (4-year)"),
		}},
		{Kind: public.Dropout, Figures: []public.Figure{
			fig(metric.AnnualDropoutRate, "00000000", "State Totals", 4.1, false, "Dropout Report"),
			fig(metric.AnnualDropoutRate, "01600000", "Lowell", 5.5, false, "Dropout Report"),
		}},
	}
	out, _ := renderSite(t, s)
	page := string(out.files["en/dropout-risk.html"])
	own, _ := s.Result.Lookup("district", "D01", 2025, metric.GraduationRate, "EL", "")
	diff := i18n.Round(own.Value, 1) - 73.8
	words := fmt.Sprintf("%.1f points lower", -diff)
	diffSort := strconv.FormatFloat(i18n.Round(diff, 1), 'f', -1, 64)
	if diff > 0 {
		words = fmt.Sprintf("%.1f points higher", diff)
	}
	for _, want := range []string{
		`<th scope="col">Riverside Public Schools</th><th scope="col">Massachusetts (state)</th><th scope="col">Lowell</th><th scope="col">Difference from the state</th>`,
		// Each number is also written plainly, to sort by; "not reported" has none.
		`<td class="num" data-label="Massachusetts (state)" data-sort="73.8">73.8% <span class="of">of 500</span></td><td class="num" data-label="Lowell">not reported</td><td class="num" data-label="Difference from the state" data-sort="` + diffSort + `">` + words + `</td>`,
		// Annual dropout: DESE's differs, so no difference, and the page says why.
		`<td class="num" data-label="Lowell" data-sort="5.5">5.5% <span class="of">of 500</span></td><td class="num" data-label="Difference from the state"><span aria-hidden="true">–</span>`,
		`DESE&#39;s dropout rate counts the students enrolled in grades 9 to 12 on October 1`,
		`<p class="note source">Source: DESE, Graduation Rates (4-year), 2025 (file x.csv).</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("en/dropout-risk.html lacks %q", want)
		}
	}
	csv := string(out.files["data/dropout-risk/compare.csv"])
	for _, want := range []string{
		"metric,group,category,year,entity_type,entity_code,entity_name,value,denominator,suppressed,source,source_year,source_file",
		"graduation_rate,EL,,2025,state,00000000,State Totals,73.8,500,false,DESE Graduation Rates (4-year),2025,x.csv",
		"graduation_rate,EL,,2025,comparison,01600000,Lowell,,500,true,DESE Graduation Rates (4-year),2025,x.csv",
		"cohort_dropout_rate,EL,,2025,comparison,01600000,Lowell,,,,,,\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("data/dropout-risk/compare.csv lacks %q:\n%s", want, csv)
		}
	}
	// The district is never compared with itself, even when site.toml lists it.
	if strings.Contains(page, `<th scope="col">D01</th>`) {
		t.Error("the district is compared with itself")
	}
	// A page without public figures of its topic has no comparison.
	if strings.Contains(string(out.files["en/benchmarks.html"]), `id="compare"`) {
		t.Error("en/benchmarks.html has a comparison, but the public data has nothing on benchmarks")
	}
}

// TestCompareHiddenOwn checks that a district figure hidden for privacy is never set against
// a public one: the cell shows it hidden, no difference is worked out, and the download leaves
// its value empty; the public figures beside it are shown as DESE published them.
func TestCompareHiddenOwn(t *testing.T) {
	s := testSite(t)
	for i := range s.Result.Figures {
		if f := &s.Result.Figures[i]; f.EntityCode == "D01" && f.Year == 2025 && f.Metric == metric.GraduationRate && f.Group == "EL" {
			f.Suppressed, f.SuppressedFor, f.Value, f.Numerator, f.Denominator = true, compute.ForSize, 0, 0, 0
		}
	}
	s.Compare = map[string][]string{"D01": {"01600000"}}
	src := public.Source{Report: "Graduation Rates (4-year)", Year: 2025, File: "x.csv"}
	s.Public = []public.File{{Kind: public.Graduation4, Figures: []public.Figure{
		{Metric: metric.GraduationRate, Group: "EL", Year: 2025, OrgCode: "00000000", OrgName: "State Totals", Value: 73.8, Denominator: 500, Source: src},
		{Metric: metric.GraduationRate, Group: "EL", Year: 2025, OrgCode: "01600000", OrgName: "Lowell", Value: 61.2, Denominator: 150, Source: src},
	}}}
	out, _ := renderSite(t, s)
	page := string(out.files["en/dropout-risk.html"])
	row := regexp.MustCompile(`<tr><th scope="row">Four-year graduation rate \(English learners\), 2025</th>.*</tr>`).FindString(page)
	if row == "" {
		t.Fatal("en/dropout-risk.html has no comparison row of the graduation rate")
	}
	for _, want := range []string{
		`data-label="Massachusetts (state)" data-sort="73.8">73.8%`,
		`data-label="Lowell" data-sort="61.2">61.2%`,
		`<td class="num" data-label="Difference from the state"><span aria-hidden="true">–</span>`,
	} {
		if !strings.Contains(row, want) {
			t.Errorf("the row lacks %q:\n%s", want, row)
		}
	}
	if strings.Contains(row, "points") || strings.Contains(row, "the same") {
		t.Errorf("the row gives a difference from a hidden figure:\n%s", row)
	}
	if csv := string(out.files["data/dropout-risk/compare.csv"]); !strings.Contains(csv, "graduation_rate,EL,,2025,district,D01,Riverside Public Schools,,,true,,,\n") {
		t.Errorf("compare.csv does not leave the hidden figure empty:\n%s", csv)
	}
}

// TestCompareWithoutState checks a comparison where the reports have no figure of the state
// (an export without its State Totals row): the comparison district's figure stands beside the
// district's, with its source, and there is no column for the state or the difference from it.
func TestCompareWithoutState(t *testing.T) {
	s := testSite(t)
	s.Compare = map[string][]string{"D01": {"01600000"}}
	s.Public = []public.File{{Kind: public.AccessElements, Figures: []public.Figure{{
		Metric: metric.MakingProgress, Group: "EL", Year: 2025, OrgCode: "01600000", OrgName: "Lowell",
		OrgLevel: public.LevelDistrict, Value: 38, Denominator: 3061,
		Source: public.Source{Report: "ACCESS for ELLs Reporting Elements", Year: 2025, File: "re.csv"},
	}}}}
	out, _ := renderSite(t, s)
	page := string(out.files["en/benchmarks.html"])
	for _, want := range []string{
		`<th scope="col">Riverside Public Schools</th><th scope="col">Lowell</th></tr>`,
		`<td class="num" data-sort="38">38.0% <span class="of">of 3,061</span></td></tr>`,
		`<p class="note source">Source: DESE, ACCESS for ELLs Reporting Elements, 2025 (file re.csv).</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("en/benchmarks.html lacks %q", want)
		}
	}
	for _, bad := range []string{"Massachusetts (state)", "Difference from the state"} {
		if strings.Contains(page, bad) {
			t.Errorf("en/benchmarks.html has %q, but the reports have no figure of the state", bad)
		}
	}
}

// TestGapsNotCompared checks the gaps page of a site with DESE's public figures: DESE's reports
// have no group of students never English learners, so the page sets no public gap beside the
// district's and says why, in its own section, in every language; without public figures, or
// with public figures that no page of the district can use, it says nothing of them.
func TestGapsNotCompared(t *testing.T) {
	// The real ar.toml (the test site's Arabic is a few strings).
	ar, err := fs.ReadFile(content.FS, "i18n/ar.toml")
	if err != nil {
		t.Fatal(err)
	}
	site := func() Site {
		s := testSite(t)
		s.Content.(fstest.MapFS)["i18n/ar.toml"] = &fstest.MapFile{Data: ar}
		return s
	}
	withPublic := func(year int) Site {
		s := site()
		s.Compare = map[string][]string{"D01": {"01600000"}}
		s.Public = []public.File{{Kind: public.Graduation4, Figures: []public.Figure{{
			Metric: metric.GraduationRate, Group: "EL", Year: year, OrgCode: "00000000", OrgName: "State Totals",
			Value: 73.8, Denominator: 500, Source: public.Source{Report: "Graduation Rates (4-year)", Year: year, File: "x.csv"},
		}}}}
		return s
	}
	heading := map[string]string{
		"en": `<h2 id="compare-h">Beside the state and other districts</h2>`,
		"ar": `<h2 id="compare-h">مقارنة بالولاية والمناطق الأخرى</h2>`,
	}
	text := map[string]string{
		"en": `The gaps of the state and of other districts are not shown beside the district&#39;s. DESE&#39;s public reports compare English learners with all students or all other students, former English learners included`,
		"ar": `لا تُعرض فجوات الولاية والمناطق الأخرى إلى جانب فجوات المنطقة التعليمية.`,
	}
	for _, c := range []struct {
		name string
		site Site
		want bool
	}{
		{"public figures", withPublic(2025), true},
		{"no public figures", site(), false},
		// A year the district has no figure of: no page compares anything.
		{"public figures of another year", withPublic(2001), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, _ := renderSite(t, c.site)
			for _, lang := range []string{"en", "ar"} {
				page := string(out.files[lang+"/gaps.html"])
				if page == "" {
					t.Fatalf("no %s/gaps.html", lang)
				}
				section := regexp.MustCompile(`(?s)<section class="section" id="compare".*?</section>`).FindString(page)
				if !c.want {
					if section != "" || strings.Contains(page, text[lang]) {
						t.Errorf("%s/gaps.html says why no public gap is shown, but no page compares the district:\n%s", lang, section)
					}
					continue
				}
				for _, want := range []string{heading[lang], text[lang]} {
					if !strings.Contains(section, want) {
						t.Errorf("%s/gaps.html: the comparison section lacks %q:\n%s", lang, want, section)
					}
				}
				// A statement, not a comparison: no table, chart or source of DESE's.
				for _, bad := range []string{"<table", `class="chart`, `class="note source"`} {
					if strings.Contains(section, bad) {
						t.Errorf("%s/gaps.html: the section has %q:\n%s", lang, bad, section)
					}
				}
			}
			// The other topic pages are unchanged: dropout risk has the comparison itself.
			if c.want && !strings.Contains(string(out.files["en/dropout-risk.html"]), `id="b-compare"`) {
				t.Error("en/dropout-risk.html has no comparison block")
			}
		})
	}
}

// TestGapWords checks how a gap and its change are said: by the side the gap is on, by the
// change of its width between the two years as shown, "about the same" under change_threshold,
// "the same" for none, and a signed number when the gap changed side (its width alone would
// call -10 then +10 "the same"). Each comes with the number it says, signed, to sort by: the
// gap (below zero when lower) and the change of its width (below zero when narrower).
func TestGapWords(t *testing.T) {
	for _, c := range []struct {
		before, now, change, threshold float64
		gap, changeWords               string
		gapSort, changeSort            float64
	}{
		{-15.1, -12.0, 3.1, 1, "12.0 points lower", "3.1 points narrower", -12, -3.1},
		{-10.0, -14.5, -4.5, 1, "14.5 points lower", "4.5 points wider", -14.5, 4.5},
		{9.6, 12.0, 2.4, 1, "12.0 points higher", "2.4 points wider", 12, 2.4},
		{-10.0, -10.4, -0.4, 1, "10.4 points lower", "about the same", -10.4, 0.4},
		{-10.0, -10.0, 0, 0, "10.0 points lower", "the same", -10, 0},
		{-10.0, 10.0, 20, 1, "10.0 points higher", "+20.0", 10, 20},
		// Shown values: 10.04 is 10.0 and 10.0 the year before: the same, whatever the change's
		// own rounding says.
		{10.0, 10.04, 0.04, 0, "10.0 points higher", "the same", 10, 0},
	} {
		s := testSite(t)
		s.Config.ChangeThreshold = c.threshold
		res := &compute.Result{Years: []int{2024, 2025}, Districts: []compute.District{{Code: "D", Name: "D"}}}
		add := func(year int, id metric.ID, v float64) {
			res.Figures = append(res.Figures, compute.Figure{EntityType: "district", EntityCode: "D", District: "D",
				Year: year, Metric: id, Group: "EL", Kind: compute.Points, Value: v})
		}
		add(2024, metric.GraduationRateGap, c.before)
		add(2025, metric.GraduationRateGap, c.now)
		add(2025, metric.GraduationRateGapChange, c.change)
		s.Result, s.Goals = res, nil
		r, err := newRun(s)
		if err != nil {
			t.Fatal(err)
		}
		pb := newPageBuilder(r, s.Config.Languages[0], "en/index.html", "data/")
		gap, change := &res.Figures[1], &res.Figures[2]
		if got, v := pb.gapWords(gap); got != c.gap || v != c.gapSort {
			t.Errorf("%g → %g: gap %q (%g), want %q (%g)", c.before, c.now, got, v, c.gap, c.gapSort)
		}
		if got, v := pb.gapWords(change); got != c.changeWords || v != c.changeSort {
			t.Errorf("%g → %g (threshold %g): change %q (%g), want %q (%g)", c.before, c.now, c.threshold, got, v, c.changeWords, c.changeSort)
		}
	}
}

// site.toml's district is a code or name exactly, or a code without its leading zeros when
// one district has that number.
func TestFeaturedDistrict(t *testing.T) {
	ds := []compute.District{{Code: "01490000", Name: "Lakeside"}, {Code: "00350000", Name: "Boston"}, {Code: "350000", Name: "Other"}, {Code: "A1", Name: "1490000"}}
	for _, tc := range []struct{ one, want string }{
		{"01490000", "01490000"},
		{"Lakeside", "01490000"},
		{"1490000", "A1"},         // a name exactly comes first
		{"001490000", "01490000"}, // the same number
		{"350000", "350000"},      // exactly, though another code is the same number
		{"0350000", ""},           // two districts have the number
		{"nope", ""},
	} {
		got, _ := featuredDistrict(ds, tc.one)
		if (got == nil) != (tc.want == "") || got != nil && got.Code != tc.want {
			t.Errorf("featuredDistrict(%q) = %v, want %q", tc.one, got, tc.want)
		}
	}
	if _, same := featuredDistrict(ds, "0350000"); !slices.Equal(same, []string{"00350000", "350000"}) {
		t.Errorf("featuredDistrict(0350000): the districts of the number are %v", same)
	}
}

// A guide's figure may name a school by its code without leading zeros, when one school has
// that number (as goals and the data's school codes are read).
func TestSchoolByNumber(t *testing.T) {
	a, b, c := &entity{}, &entity{}, &entity{}
	schools := map[string]*entity{"01490030": a, "0102": b, "102": c}
	if schoolByNumber(schools, "1490030") != a || schoolByNumber(schools, "001490030") != a {
		t.Error("1490030 does not find 01490030")
	}
	if schoolByNumber(schools, "00102") != nil {
		t.Error("a number two schools share finds one of them")
	}
	if schoolByNumber(schools, "999") != nil {
		t.Error("999 finds a school")
	}
}
