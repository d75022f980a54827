package render

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"elreport/generator/i18n"
	"elreport/templates"
)

// shellTexts are values with markup, quotes, plus signs, CSS specials, NUL, invalid UTF-8,
// scripts in other directions and template syntax.
var shellTexts = []string{"", "a", "English learners", "Gaps: Riverside Public Schools", "École \"A\" <b>&</b> l'an",
	"1 + 1", "nul\x00", "bad \xff utf-8", "ຈ ك 中文", "</style><script>alert(1)</script>", "{{.}}", "a\nb",
	`back\slash`, "(x); {y} /*z*/", "a\tb\fc\rd", "ends in a", "hex: 1a", "é:f"}

// TestPrintStyle checks that PrintStyle escapes the titles as html/template's cssEscaper
// does in a CSS string, and that a title with a colon is printed (the template's own rule
// gave "#ZgotmplZ").
func TestPrintStyle(t *testing.T) {
	// A value after the string's first character is escaped by cssEscaper alone.
	ref := template.Must(template.New("css").Parse(`<style>p { content: "x{{.}}"; }</style>`))
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		var s strings.Builder
		for range rng.IntN(4) {
			s.WriteString(shellTexts[rng.IntN(len(shellTexts))])
		}
		var out strings.Builder
		if err := ref.Execute(&out, s.String()); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(strings.TrimPrefix(out.String(), `<style>p { content: "x`), `"; }</style>`)
		if got := string(appendCSSString(nil, s.String())); got != want {
			t.Fatalf("%d: %q: got %q, want %q", i, s.String(), got, want)
		}
	}
	p := &Page{Title: "Gaps: Riverside Public Schools", SiteTitle: `Report "2026"`}
	want := `@page { @top-center { content: "Gaps\3a  Riverside Public Schools – Report \22 2026\22 "; } }`
	if got := string(p.PrintStyle()); got != want {
		t.Errorf("PrintStyle:\ngot  %s\nwant %s", got, want)
	}
}

// shellTemplates returns the built-in layout.html with main as the page's own part.
func shellTemplates(t *testing.T, main string) *template.Template {
	t.Helper()
	src := layoutSource(t)
	return template.Must(template.Must(template.New("layout.html").Parse(string(src))).Parse(main))
}

// TestPageShell checks that a page written by pageHead, "main" and pageTail is what
// layout.html's "page" writes, on pages of every shape: with and without styles, a logo,
// navigation, a breadcrumb, an intro, a glossary, a timestamp and charts; languages of
// either direction; values with markup, quotes, plus signs, colons, NUL, invalid UTF-8 and
// addresses of every sort. A translation the page lacks fails both the same way.
func TestPageShell(t *testing.T) {
	const main = `{{define "main"}}<p title="{{.Title}}">{{.Intro}}</p>{{range .Sections}}{{template "section" .}}{{end}}{{end}}`
	ref := shellTemplates(t, main)
	fast := shellTemplates(t, main)
	page := builtinSources(t, "topic")
	if !usePageShell(fast, page) {
		t.Fatal("the built-in page does not use the shell writer")
	}
	cfg := testConfig()
	bundle, err := i18n.Load(testContent(t), "i18n", cfg.Languages, "en")
	if err != nil {
		t.Fatal(err)
	}
	hrefs := []string{"", "../", "../../", "schools/01490005.html", "#b-x", "a b/ç.html?x=1&y=2", "100%25 %zz %4",
		"javascript:alert(1)", "https://example.org/a'b", "mailto:a@b", "data:text/html,x", "/x:y", "'\"<>"}
	rng := rand.New(rand.NewPCG(7, 8))
	pick := func(from []string) string { return from[rng.IntN(len(from))] }
	links := func(n int) []Link {
		var ls []Link
		for range n {
			ls = append(ls, Link{Href: pick(hrefs), Text: pick(shellTexts), Lang: pick([]string{"", "es", `x"y`}),
				Dir: pick([]string{"", "rtl", "<"}), Current: rng.IntN(3) == 0})
		}
		return ls
	}
	failed := 0
	for i := range 2000 {
		lang := cfg.Languages[rng.IntN(len(cfg.Languages))]
		if rng.IntN(4) == 0 {
			lang.Code, lang.Dir = pick(shellTexts), pick(shellTexts)
		}
		p := &Page{Lang: lang, Langs: links(rng.IntN(4)), Root: pick(hrefs), Static: pick(hrefs), Home: pick(hrefs),
			DataHref: pick(hrefs), SiteTitle: pick(shellTexts), Title: pick(shellTexts), Intro: pick(shellTexts),
			Crumbs: links(rng.IntN(4)), Nav: links(rng.IntN(3)), HasCharts: rng.IntN(2) == 0,
			loc: bundle.For(cfg.Languages[rng.IntN(len(cfg.Languages))].Code)}
		for range rng.IntN(3) {
			p.Styles = append(p.Styles, pick(hrefs))
		}
		if rng.IntN(2) == 0 {
			p.Logo = &Logo{Src: pick(hrefs), Alt: pick(shellTexts)}
		}
		if rng.IntN(2) == 0 {
			p.TitleLang, p.TitleDir = pick(shellTexts), pick(shellTexts)
		}
		if rng.IntN(2) == 0 {
			p.IntroHTML = template.HTML(pick([]string{"<em>x</em> &amp; y", "plain"}))
		}
		if rng.IntN(2) == 0 {
			p.GlossaryHref = pick(hrefs)
		}
		if rng.IntN(2) == 0 {
			p.Timestamp = pick(shellTexts)
		}
		if rng.IntN(3) == 0 {
			p.Sections = []*Section{{ID: pick(shellTexts), Title: pick(shellTexts), Lacking: []string{pick(shellTexts)}}}
		}
		if rng.IntN(20) == 0 {
			// A translation key the page's language lacks: "page" fails, and so must the shell.
			p.keys = map[string]string{pick([]string{"site.skip", "site.nav", "site.footer", "glossary.footer", "site.built"}): "no.such.key"}
		}
		var want bytes.Buffer
		wantErr := ref.ExecuteTemplate(&want, "page", p)
		var got bytes.Buffer
		got.WriteString("before ")
		gotErr := executeShell(fast, &got, p, nil)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("page %d: error %v, want %v", i, gotErr, wantErr)
		}
		if wantErr != nil {
			failed++
		}
		if got.String() != "before "+want.String() {
			t.Fatalf("page %d:\ngot  %q\nwant %q", i, got.String(), "before "+want.String())
		}
	}
	if failed == 0 {
		t.Error("no page lacked a translation")
	}
}

// TestUsePageShell checks that the shell is written by pageHead and pageTail only where the
// templates' "page" is the built-in one and "main" ends in HTML text, and that the pages are
// then what their templates say.
func TestUsePageShell(t *testing.T) {
	page := builtinSources(t, "topic")
	for _, c := range []struct {
		name, extra string
		want        bool
	}{
		{"built-in", `{{define "main"}}<p>{{.Title}}</p>{{end}}`, true},
		{"no main", ``, false},
		{"own page", `{{define "page"}}<!DOCTYPE html><title>{{.Title}}</title>{{template "main" .}}{{end}}{{define "main"}}x{{end}}`, false},
		{"main ends in an attribute", `{{define "main"}}<p title="{{.Title}}{{end}}`, false},
		{"main ends in a comment", `{{define "main"}}<!-- {{.Title}}{{end}}`, false},
		{"main ends in a script", `{{define "main"}}<script>var t = {{.Title}};{{end}}`, false},
		{"main fails to escape", `{{define "main"}}<a href="{{.Title}}{{if .HasCharts}}"{{end}}>{{end}}`, false},
	} {
		tt := shellTemplates(t, c.extra)
		if got := usePageShell(tt, page); got != c.want {
			t.Errorf("%s: shell writer used %v, want %v", c.name, got, c.want)
		}
	}
}

// TestMainWriters checks that each page kind's writer of "main" writes what the built-in
// templates write, on random pages (summaries, headline figures, sections of every shape
// and now and then a nil one, links; for the data page downloads with and without a page,
// files, districts, definitions, a glossary, quality and coverage sections; values with
// markup, quotes, NUL, invalid UTF-8 and addresses of every sort; missing translations),
// and that the built-in templates of the kind use it.
func TestMainWriters(t *testing.T) {
	cfg := testConfig()
	bundle, err := i18n.Load(testContent(t), "i18n", cfg.Languages, "en")
	if err != nil {
		t.Fatal(err)
	}
	hrefs := []string{"", "../", "data/benchmarks.csv", "#b-x", "a b/ç.html?x=1&y=2", "javascript:alert(1)", "'\"<>"}
	rng := rand.New(rand.NewPCG(13, 14))
	pick := func(from []string) string { return from[rng.IntN(len(from))] }
	links := func(n int) []Link {
		var ls []Link
		for range n {
			ls = append(ls, Link{Href: pick(hrefs), Text: pick(shellTexts), Note: pick([]string{"", "note", "<b>"}),
				Lang: pick([]string{"", "es", `x"y`}), Dir: pick([]string{"", "rtl", "<"})})
		}
		return ls
	}
	section := func() *Section {
		if rng.IntN(3) == 0 {
			return nil
		}
		s := &Section{ID: pick(shellTexts), Title: pick(shellTexts), LackingIntro: pick(shellTexts),
			IntroHTML: template.HTML(pick([]string{"", "<em>x</em>"}))}
		if rng.IntN(2) == 0 {
			s.Lacking = []string{pick(shellTexts)}
		}
		if rng.IntN(2) == 0 {
			s.More = &Link{Href: pick(hrefs), Text: pick(shellTexts)}
		}
		for range rng.IntN(3) {
			s.Blocks = append(s.Blocks, randomBlock(rng))
		}
		return s
	}
	kinds := slices.Sorted(maps.Keys(mainWriters))
	for _, kind := range kinds {
		m := mainWriters[kind]
		tt, err := template.New("layout.html").ParseFS(templates.FS, "layout.html", kind+".html")
		if err != nil {
			t.Fatal(err)
		}
		if got := mainWriterFor(tt, kind, builtinSources(t, kind)); got != m {
			t.Fatalf("%s: the built-in templates use %v", kind, got)
		}
		for i := range 1000 {
			p := &Page{Kind: kind, Lang: cfg.Languages[0], Title: pick(shellTexts), Links: links(rng.IntN(3)),
				GlossaryHref: pick(hrefs), loc: bundle.For(cfg.Languages[rng.IntN(len(cfg.Languages))].Code)}
			if rng.IntN(10) > 0 {
				d := &DataPage{Suppression: pick(shellTexts), Districts: links(rng.IntN(3)), Quality: section(), Coverage: section()}
				for range rng.IntN(4) {
					d.Downloads = append(d.Downloads, DownloadGroup{Title: pick(shellTexts), Href: pick(hrefs), Files: links(rng.IntN(4))})
				}
				for range rng.IntN(3) {
					g := DefinitionGroup{Title: pick(shellTexts)}
					for range rng.IntN(4) {
						g.Terms = append(g.Terms, Definition{ID: pick(shellTexts), Term: pick(shellTexts), Text: pick(shellTexts)})
					}
					d.Definitions = append(d.Definitions, g)
				}
				p.Data = d
			}
			for range rng.IntN(3) {
				p.Summary = append(p.Summary, pick(shellTexts))
				p.SummaryHTML = append(p.SummaryHTML, template.HTML(pick([]string{"plain", "<em>x</em> &amp; y"})))
			}
			for range rng.IntN(4) {
				p.Cards = append(p.Cards, Card{Label: pick(shellTexts), Value: pick(shellTexts), Note: pick(shellTexts),
					Compare: pick(shellTexts), Suppressed: rng.IntN(3) == 0, Href: pick(hrefs)})
			}
			p.Year = pick(shellTexts)
			for range rng.IntN(4) {
				if s := section(); s != nil || rng.IntN(10) == 0 {
					p.Sections = append(p.Sections, s)
				}
			}
			if rng.IntN(20) == 0 {
				p.keys = map[string]string{pick([]string{"data.downloads.title", "data.districts", "glossary.data_link",
					"school.contents", "home.summary", "home.cards", "home.topics"}): "no.such.key"}
			}
			var want, got bytes.Buffer
			wantErr := tt.ExecuteTemplate(&want, "page", p)
			gotErr := executeShell(tt, &got, p, m)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("%s page %d: error %v, want %v", kind, i, gotErr, wantErr)
			}
			if got.String() != want.String() {
				t.Fatalf("%s page %d:\ngot  %q\nwant %q", kind, i, got.String(), want.String())
			}
		}
	}
}

// TestMainWriterFor checks that a page kind's "main" is written directly only where it and
// the templates it calls are the built-in ones.
func TestMainWriterFor(t *testing.T) {
	for _, c := range []struct {
		name, extra string
		want        bool
	}{
		{"built-in", "", true},
		{"own main", `{{define "main"}}<p>{{.Title}}</p>{{end}}`, false},
		{"own links", `{{define "links"}}<ol>{{range .}}<li>{{.Text}}</li>{{end}}</ol>{{end}}`, false},
		{"own section", `{{define "section"}}<section>{{.Title}}</section>{{end}}`, false},
		{"own table", `{{define "table"}}<table></table>{{end}}`, false},
		{"own page", `{{define "page"}}{{template "main" .}}{{end}}`, true}, // the shell decides that
	} {
		tt, err := template.New("layout.html").ParseFS(templates.FS, "layout.html", "data.html")
		if err != nil {
			t.Fatal(err)
		}
		tt = template.Must(tt.Parse(c.extra))
		if got := mainWriterFor(tt, "data", builtinSources(t, "data")); (got != nil) != c.want {
			t.Errorf("%s: main writer %v, want %v", c.name, got, c.want)
		}
	}
	if got := mainWriterFor(template.New("x"), "school", builtinSources(t, "school")); got != nil {
		t.Errorf("school: main writer %v, want none", got)
	}
}
