package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	"elreport/templates"
)

// TestBlockHTML checks that blockHTML writes what layout.html's "block" template (with its
// "chart" and "table") writes, on blocks of every shape: with and without a chart, text,
// sources, notes and rows of every kind, and values with markup, quotes, plus signs, NUL,
// invalid UTF-8 and addresses of every sort (relative, with spaces, %-escapes, other
// schemes, javascript:).
func TestBlockHTML(t *testing.T) {
	src := layoutSource(t)
	ref := template.Must(template.New("layout.html").Parse(string(src)))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		b := randomBlock(rng)
		checkWriter(t, fmt.Sprintf("block %d", i), ref, "block", b, func(page *bytes.Buffer) { b.out = page },
			func() (template.HTML, error) { return blockHTML(b) })
	}
}

// randomBlock returns a block of a random shape: with and without a chart, text, sources,
// notes and rows of every kind, and values with markup, quotes, plus signs, NUL, invalid
// UTF-8 and addresses of every sort (relative, with spaces, %-escapes, other schemes,
// javascript:).
func randomBlock(rng *rand.Rand) *Block {
	texts := []string{"", "a", "English learners", "École \"A\" <b>&</b> l'an", "1 + 1", "nul\x00", "bad \xff utf-8",
		"ຈ ك 中文", "</script><script>alert(1)</script>", "{{.}}", "a\nb"}
	hrefs := []string{"", "../schools/01490005.html", "#b-x", "a b/ç.html?x=1&y=2", "100%25 %zz %4", "javascript:alert(1)",
		"JAVASCRIPT:x", "https://example.org/a'b", "mailto:a@b", "data:text/html,x", "/x:y", "x/y:z", "'\"<>", "ftp://x"}
	pick := func(from []string) string { return from[rng.IntN(len(from))] }
	b := &Block{ID: pick(texts), Title: pick(texts), TextHTML: template.HTML(pick([]string{"", "<em>x</em> &amp; y"}))}
	if rng.IntN(2) == 0 {
		b.Chart = &Chart{ID: pick(texts), Label: pick(texts), Option: template.JS(pick([]string{"", `{"a":"\u003c"}`})),
			Bars: rng.IntN(3) * rng.IntN(20)}
	}
	for range rng.IntN(3) {
		b.Sources = append(b.Sources, pick(texts))
	}
	tb := &Table{ID: pick(texts), Caption: pick(texts), RowHead: pick(texts), CSV: pick(hrefs), CSVLabel: pick(texts),
		Stack: rng.IntN(2) == 0}
	if rng.IntN(2) == 0 {
		tb.SupNote = pick(texts)
	}
	if rng.IntN(2) == 0 {
		tb.NoneNote = pick(texts)
	}
	for range rng.IntN(4) {
		tb.Cols = append(tb.Cols, pick(texts))
	}
	for range rng.IntN(5) {
		tb.Rows = append(tb.Rows, Row{Head: pick(texts), Href: pick(hrefs), Strong: rng.IntN(3) == 0,
			Lang: pick([]string{"", "es", `x"y`}), Dir: pick([]string{"", "rtl", "<"}),
			CellsHTML: template.HTML(pick([]string{"", `<td class="num">1</td>`}))})
	}
	b.Table = tb
	return b
}

// TestUseBlockHTML checks that the pages write their blocks with blockHTML only where the
// templates' "block", "chart" and "table" are the built-in ones.
func TestUseBlockHTML(t *testing.T) {
	builtin := builtinSources(t, "topic")
	src := layoutSource(t)
	for _, c := range []struct {
		name, extra string
		want        bool
	}{
		{"built-in", "", true},
		{"another main", `{{define "main"}}x{{end}}`, true},
		{"own block", `{{define "block"}}<div>{{.Title}}</div>{{end}}`, false},
		{"own chart", `{{define "chart"}}<i></i>{{end}}`, false},
		{"own table", `{{define "table"}}<table></table>{{end}}`, false},
	} {
		tt := template.Must(template.Must(template.New("layout.html").Parse(string(src))).Parse(c.extra))
		got, err := useBlockHTML(tt, builtin, "block")
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: blockHTML used %v, want %v", c.name, got, c.want)
		}
		var out strings.Builder
		blk := &Block{ID: "x", Title: "T", Chart: &Chart{ID: "c"}, Table: &Table{ID: "t"}}
		if err := tt.ExecuteTemplate(&out, "block", blk); err != nil {
			t.Fatal(err)
		}
		if fast, _ := blockHTML(blk); (out.String() == string(fast)) != c.want {
			t.Errorf("%s: block written %q", c.name, out.String())
		}
	}
}

// TestBuiltinPagesUseWriters checks that every page kind of the built-in templates writes
// its blocks with blockHTML, its sections with sectionHTML and sectionsHTML, and its shell
// with pageHead and pageTail, and that the kinds with a mainWriter get it: were a switch
// to turn one off, the pages would be the same but a state's build a good deal slower.
func TestBuiltinPagesUseWriters(t *testing.T) {
	for _, kind := range pageKinds {
		builtin := builtinSources(t, kind)
		tt, err := template.New("layout.html").ParseFS(templates.FS, "layout.html", kind+".html")
		if err != nil {
			t.Fatal(err)
		}
		if main := mainWriterFor(tt, kind, builtin); main != mainWriters[kind] {
			t.Errorf("%s.html: main writer %v, want %v", kind, main, mainWriters[kind])
		}
		if used, err := useBlockHTML(tt, builtin, "page"); err != nil || !used {
			t.Errorf("%s.html: blockHTML used %v (%v), want true", kind, used, err)
		}
		for name, fn := range map[string]string{"section": "sectionHTML", "sections": "sectionsHTML"} {
			if got := tt.Lookup(name).Tree.Root.String(); got != `{{`+fn+` .}}` {
				t.Errorf("%s.html: %q is %s, want %s", kind, name, got, fn)
			}
		}
		if !usePageShell(tt, builtin) {
			t.Errorf("%s.html: shell writer not used", kind)
		}
	}
}

// TestBlockHTMLCallContext checks that blockHTML writes the blocks only where every call of
// "block" is in HTML text: html/template escapes a template called in a comment, a textarea,
// a script or an attribute otherwise (a block "commented out" writes nothing), and the page
// must be what its templates say, whether the block is returned or written into the page.
func TestBlockHTMLCallContext(t *testing.T) {
	src := layoutSource(t)
	builtin := builtinSources(t, "topic")
	blk := &Block{ID: "x", Title: "T", Chart: &Chart{ID: "c", Option: `{"a":1}`},
		Table: &Table{ID: "t", CSV: "javascript:x", Rows: []Row{{Head: "h", Href: "javascript:alert(1)"}}}}
	for _, c := range []struct {
		caller string
		fast   bool
	}{
		{`<main>{{template "block" .}}</main>`, true},
		{`<main>{{if .ID}}{{template "block" .}}{{end}}</main>`, true},
		{`<main><!-- {{template "block" .}} --></main>`, false},
		{`<textarea>{{template "block" .}}</textarea>`, false},
		{`<script>var b = {{template "block" .}};</script>`, false},
		{`<div title="{{template "block" .}}"></div>`, false},
		{`<main>{{template "block" .}}</main><!-- {{template "block" .}} -->`, false},
	} {
		run := func(fast, direct bool) (string, bool) {
			tt := template.Must(template.Must(template.New("layout.html").Parse(string(src))).Parse(`{{define "x"}}` + c.caller + `{{end}}`))
			used := false
			if fast {
				var err error
				if used, err = useBlockHTML(tt, builtin, "x"); err != nil {
					t.Fatal(err)
				}
			}
			var out bytes.Buffer
			if direct {
				blk.out = &out
				defer func() { blk.out = nil }()
			}
			if err := tt.ExecuteTemplate(&out, "x", blk); err != nil {
				return "error: " + err.Error(), used // a block in a script cannot be escaped
			}
			return out.String(), used
		}
		want, _ := run(false, false)
		got, used := run(true, false)
		if used != c.fast {
			t.Errorf("%s: blockHTML used %v, want %v", c.caller, used, c.fast)
		}
		if got != want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.caller, got, want)
		}
		if got, _ := run(true, true); got != want {
			t.Errorf("%s, written into the page:\ngot  %q\nwant %q", c.caller, got, want)
		}
	}
}

// TestSectionsHTML checks that sectionsHTML and sectionHTML write what layout.html's
// "sections" and "section" write, on sections of every shape (intro, blocks, lacking
// columns, a link to more), returned and written into the page.
func TestSectionsHTML(t *testing.T) {
	src := layoutSource(t)
	ref := template.Must(template.New("layout.html").Parse(string(src)))
	texts := []string{"", "a", "Benchmarks", "École \"A\" <b>&</b> l'an", "1 + 1", "nul\x00", "bad \xff utf-8", "ຈ ك 中文"}
	hrefs := []string{"", "benchmarks.html#b-x", "javascript:alert(1)", "a b/ç.html", "'\"<>"}
	rng := rand.New(rand.NewPCG(11, 12))
	pick := func(from []string) string { return from[rng.IntN(len(from))] }
	for i := range 1000 {
		var ss []*Section
		for range rng.IntN(4) {
			s := &Section{ID: pick(texts), Title: pick(texts), LackingIntro: pick(texts),
				IntroHTML: template.HTML(pick([]string{"", "<em>x</em> &amp; y"}))}
			for range rng.IntN(3) {
				s.Blocks = append(s.Blocks, randomBlock(rng))
			}
			for range rng.IntN(3) {
				s.Lacking = append(s.Lacking, pick(texts))
			}
			if rng.IntN(2) == 0 {
				s.More = &Link{Href: pick(hrefs), Text: pick(texts)}
			}
			ss = append(ss, s)
		}
		checkWriter(t, fmt.Sprintf("sections %d", i), ref, "sections", ss, func(page *bytes.Buffer) {
			for _, s := range ss {
				s.out = page
			}
		}, func() (template.HTML, error) { return sectionsHTML(ss) })
		if len(ss) > 0 {
			checkWriter(t, fmt.Sprintf("section %d", i), ref, "section", ss[0], func(page *bytes.Buffer) { ss[0].out = page },
				func() (template.HTML, error) { return sectionHTML(ss[0]) })
		}
	}
}

// TestUseSectionsHTML checks that "section" and "sections" are written by sectionHTML and
// sectionsHTML only where they, and the block's templates, are the built-in ones and are
// called in HTML text.
func TestUseSectionsHTML(t *testing.T) {
	builtin := builtinSources(t, "topic")
	src := layoutSource(t)
	const main = `{{define "main"}}<main>{{template "sections" .}}</main>{{end}}`
	for _, c := range []struct {
		name, extra       string
		section, sections bool
	}{
		{"built-in", main, true, true},
		{"own sections", main + `{{define "sections"}}{{range .}}<hr>{{template "section" .}}{{end}}{{end}}`, true, false},
		{"own section", main + `{{define "section"}}<section>{{.Title}}</section>{{end}}`, false, false},
		{"own block", main + `{{define "block"}}<div>{{.Title}}</div>{{end}}`, false, false},
		{"section in a comment", `{{define "main"}}<!-- {{template "section" index . 0}} -->{{template "sections" .}}{{end}}`, false, false},
		{"sections in an attribute", `{{define "main"}}<div title="{{template "sections" .}}"></div>{{end}}`, false, false},
	} {
		tt := template.Must(template.Must(template.New("layout.html").Parse(string(src))).Parse(c.extra))
		if _, err := useBlockHTML(tt, builtin, "main"); err != nil {
			t.Fatal(err)
		}
		fast := func(name, fn string) bool { return tt.Lookup(name).Tree.Root.String() == `{{`+fn+` .}}` }
		if got := fast("section", "sectionHTML"); got != c.section {
			t.Errorf("%s: sectionHTML used %v, want %v", c.name, got, c.section)
		}
		if got := fast("sections", "sectionsHTML"); got != c.sections {
			t.Errorf("%s: sectionsHTML used %v, want %v", c.name, got, c.sections)
		}
		// And the pages are what the templates say.
		ss := []*Section{{ID: "s", Title: "T", Blocks: []*Block{{ID: "b", Table: &Table{ID: "t"}}}, More: &Link{Href: "x.html"}}}
		ref := template.Must(template.Must(template.New("layout.html").Parse(string(src))).Parse(c.extra))
		var want, got strings.Builder
		if err := ref.ExecuteTemplate(&want, "main", ss); err != nil {
			want.WriteString("error: " + err.Error())
		}
		if err := tt.ExecuteTemplate(&got, "main", ss); err != nil {
			got.WriteString("error: " + err.Error())
		}
		if got.String() != want.String() {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got.String(), want.String())
		}
	}
}

// checkWriter checks that write returns what ref's template name writes on data; and that,
// once setOut has pointed its values at the page's output (as writeBlocksTo does while the
// page's template runs), it writes the same there, after what the page has written so far,
// and returns nothing.
func checkWriter(t *testing.T, what string, ref *template.Template, name string, data any,
	setOut func(*bytes.Buffer), write func() (template.HTML, error)) {
	t.Helper()
	var want strings.Builder
	if err := ref.ExecuteTemplate(&want, name, data); err != nil {
		t.Fatal(err)
	}
	setOut(nil)
	if got, err := write(); err != nil || string(got) != want.String() {
		t.Fatalf("%s:\ngot  %q (%v)\nwant %q", what, got, err, want.String())
	}
	var page bytes.Buffer
	page.WriteString("<main>")
	setOut(&page)
	defer setOut(nil)
	if got, err := write(); err != nil || got != "" {
		t.Fatalf("%s written into the page: returned %q, %v; want nothing", what, got, err)
	}
	if page.String() != "<main>"+want.String() {
		t.Fatalf("%s written into the page:\ngot  %q\nwant %q", what, page.String(), "<main>"+want.String())
	}
}

// layoutSource returns the built-in layout.html.
func layoutSource(t *testing.T) []byte {
	t.Helper()
	src, err := fs.ReadFile(templates.FS, "layout.html")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// builtinSources returns builtinKind(kind).
func builtinSources(t *testing.T, kind string) map[string]string {
	t.Helper()
	builtin, err := builtinKind(kind)
	if err != nil {
		t.Fatal(err)
	}
	return builtin
}
