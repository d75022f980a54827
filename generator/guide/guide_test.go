package guide

import (
	"errors"
	stdhtml "html"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// constFigure returns a figure function that answers every shortcode with text.
func constFigure(text string) func([]string) (string, error) {
	return func([]string) (string, error) { return text, nil }
}

// guide returns a guide file with the given front matter lines and body.
func guide(body string) []byte {
	return []byte("+++\ntitle = \"Title\"\nsummary = \"Summary\"\n+++\n" + body)
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, src           string
		wantTitle, wantSumm string
		wantErr             string // substring of the error; empty for none
	}{
		{name: "title and summary", src: "+++\ntitle = \"Benchmarks\"\nsummary = \"What they are.\"\n+++\nBody.\n",
			wantTitle: "Benchmarks", wantSumm: "What they are."},
		{name: "summary optional", src: "+++\ntitle = \"Benchmarks\"\n+++\n", wantTitle: "Benchmarks"},
		{name: "BOM and CRLF", src: "\uFEFF+++\r\ntitle = \"T\"\r\nsummary = \"S\"\r\n+++\r\nBody.\r\n",
			wantTitle: "T", wantSumm: "S"},
		{name: "fence with trailing space", src: "+++ \ntitle = \"T\"\n+++  \n", wantTitle: "T"},
		{name: "no front matter", src: "# Title\n\nBody.\n",
			wantErr: "g.md:1: missing front matter"},
		{name: "empty file", src: "", wantErr: "g.md:1: missing front matter"},
		{name: "missing closing fence", src: "+++\ntitle = \"T\"\n\nBody.\n",
			wantErr: "g.md:1: front matter is not closed"},
		{name: "unknown key", src: "+++\ntitle = \"T\"\nsummary = \"S\"\nauthor = \"me\"\n+++\n",
			wantErr: `g.md:4: unknown front matter key "author"`},
		{name: "unknown table", src: "+++\ntitle = \"T\"\n[params]\nx = 1\n+++\n",
			wantErr: `g.md:3: unknown front matter key "params`},
		{name: "missing title", src: "+++\nsummary = \"S\"\n+++\nBody.\n",
			wantErr: "g.md:1: front matter has no title"},
		{name: "blank title", src: "+++\ntitle = \"  \"\n+++\n", wantErr: "g.md:1: front matter has no title"},
		{name: "TOML syntax error", src: "+++\ntitle = \"T\"\nsummary = \"S\n+++\n",
			wantErr: "g.md:3: "},
		{name: "wrong type", src: "+++\nsummary = \"S\"\ntitle = 3\n+++\n",
			wantErr: `g.md:3: key "title"`},
		{name: "shortcode in title", src: "+++\ntitle = \"{{< figure \\\"district\\\" \\\"tested\\\" \\\"EL\\\" >}}\"\n+++\n",
			wantErr: `g.md:2: key "title": shortcodes are not allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Render("g.md", []byte(tt.src), constFigure("1"))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if page.Title != tt.wantTitle || page.Summary != tt.wantSumm {
				t.Errorf("got title %q, summary %q; want %q, %q", page.Title, page.Summary, tt.wantTitle, tt.wantSumm)
			}
		})
	}
}

func TestUnknownKeysAllReported(t *testing.T) {
	_, err := Render("g.md", []byte("+++\ntitle = \"T\"\ndate = 2024-01-01\ndraft = true\n+++\n"), nil)
	for _, want := range []string{`g.md:3: unknown front matter key "date"`, `g.md:4: unknown front matter key "draft"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got error %v, want it to contain %q", err, want)
		}
	}
}

func TestShortcodeContexts(t *testing.T) {
	const fig = `{{< figure "district" "making_progress" "EL" >}}`
	tests := []struct {
		name, body, want string
	}{
		{"paragraph", "In our district, " + fig + " of English learners made progress.\n",
			"<p>In our district, 45,2 % of English learners made progress.</p>"},
		{"paragraph start", fig + " made progress.\n", "<p>45,2 % made progress.</p>"},
		{"emphasis", "Last year **" + fig + "** made progress.\n", "<strong>45,2 %</strong>"},
		{"heading", "## Progress: " + fig + " {#progress}\n", `<h2 id="progress">Progress: 45,2 %</h2>`},
		{"list item", "- EL: " + fig + "\n- other\n", "<li>EL: 45,2 %</li>"},
		{"ordered list item", "1. " + fig + "\n", "<li>45,2 %</li>"},
		{"table cell", "| Group | Share |\n|---|---:|\n| EL | " + fig + " |\n", `<td align="right">45,2 %</td>`},
		{"quote", "> " + fig + "\n", "<blockquote>\n<p>45,2 %</p>\n</blockquote>"},
		{"link text", "[" + fig + "](/data/)\n", `<a href="/data/">45,2 %</a>`},
		{"code span", "`" + fig + "`\n", "<code>45,2 %</code>"},
		{"two on a line", fig + " and " + fig + "\n", "<p>45,2 % and 45,2 %</p>"},
		{"no spaces", `{{<figure "district" "tested" "EL">}}` + "\n", "<p>45,2 %</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Render("g.md", guide(tt.body), constFigure("45,2 %"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page.Body), tt.want) {
				t.Errorf("got body\n%s\nwant it to contain\n%s", page.Body, tt.want)
			}
		})
	}
}

func TestShortcodeArgs(t *testing.T) {
	body := `A {{< figure "district" "making_progress" "EL" >}}.
B {{< figure "school:0123" "mcas_meeting" "FormerEL" "ELA" >}}.
C {{<  figure   "district"	"making_progress_by_years" "EL" "6+"  >}}.
`
	var got [][]string
	_, err := Render("g.md", guide(body), func(args []string) (string, error) {
		got = append(got, args)
		return "1", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"district", "making_progress", "EL"},
		{"school:0123", "mcas_meeting", "FormerEL", "ELA"},
		{"district", "making_progress_by_years", "EL", "6+"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got args %q, want %q", got, want)
	}
}

func TestShortcodeErrors(t *testing.T) {
	figure := func(args []string) (string, error) {
		if args[1] != "making_progress" {
			return "", errors.New(`unknown figure "` + args[1] + `"`)
		}
		return "1", nil
	}
	// The front matter takes lines 1-4, so the body starts on line 5.
	tests := []struct {
		name, body string
		want       []string
	}{
		{"unknown figure", strings.Repeat("Text.\n", 9) + `{{< figure "district" "making_progres" "EL" >}}` + "\n",
			[]string{`content/guides/benchmarks.es.md:14: unknown figure "making_progres"`}},
		{"unknown shortcode", "A\n\n{{< chart \"district\" >}}\n",
			[]string{`content/guides/benchmarks.es.md:7: unknown shortcode "chart"`}},
		{"not closed", "{{< figure \"district\" \"making_progress\" \"EL\"\n>}}\n",
			[]string{`content/guides/benchmarks.es.md:5: malformed shortcode`}},
		{"unquoted argument", "{{< figure district making_progress EL >}}\n",
			[]string{`content/guides/benchmarks.es.md:5: malformed figure shortcode`}},
		{"missing quote", "{{< figure \"district\" \"making_progress\" \"EL >}}\n",
			[]string{`content/guides/benchmarks.es.md:5: malformed figure shortcode`}},
		{"arguments run together", "{{< figure \"district\"\"making_progress\" \"EL\" >}}\n",
			[]string{`content/guides/benchmarks.es.md:5: malformed figure shortcode`}},
		{"too few arguments", "{{< figure \"district\" \"making_progress\" >}}\n",
			[]string{`content/guides/benchmarks.es.md:5: malformed figure shortcode`, "not 2"}},
		{"too many arguments", "{{< figure \"a\" \"making_progress\" \"c\" \"d\" \"e\" >}}\n",
			[]string{"not 5"}},
		{"empty shortcode", "{{< >}}\n", []string{`content/guides/benchmarks.es.md:5: malformed shortcode`}},
		{"in a link address", "[x](/a/{{< figure \"district\" \"making_progress\" \"EL\" >}})\n",
			[]string{`content/guides/benchmarks.es.md:5: a figure shortcode can only stand in text`}},
		{"in raw HTML", "<span title=\"{{< figure \"district\" \"making_progress\" \"EL\" >}}\">x</span>\n",
			[]string{`content/guides/benchmarks.es.md:5: a figure shortcode can only stand in text`}},
		{"every error listed", "{{< figure \"district\" \"a\" \"EL\" >}}\n\n{{< figure \"district\" \"b\" \"EL\" >}}\n",
			[]string{`benchmarks.es.md:5: unknown figure "a"`, `benchmarks.es.md:7: unknown figure "b"`}},
		{"private-use character", "Text \uE000 here\n",
			[]string{`content/guides/benchmarks.es.md:5: the text contains a private-use character`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render("content/guides/benchmarks.es.md", guide(tt.body), figure)
			if err == nil {
				t.Fatal("got no error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("got error\n%v\nwant it to contain %q", err, want)
				}
			}
		})
	}
}

func TestUnknownFigureMessage(t *testing.T) {
	src := guide(strings.Repeat("\n", 9) + `{{< figure "district" "making_progres" "EL" >}}` + "\n")
	figErr := errors.New(`unknown figure "making_progres"`)
	_, err := Render("content/guides/benchmarks.es.md", src, func([]string) (string, error) { return "", figErr })
	const want = `content/guides/benchmarks.es.md:14: unknown figure "making_progres"`
	if err == nil || err.Error() != want {
		t.Fatalf("got error %v, want %s", err, want)
	}
	if !errors.Is(err, figErr) {
		t.Errorf("error does not wrap the figure function's error")
	}
}

func TestUnsafeInputNeutralised(t *testing.T) {
	tests := []struct {
		name, body string
		keep       string // text that should survive, if any
	}{
		{"script block", "<script>alert(1)</script>\n", ""},
		{"script inline", "Hi <script>alert(1)</script> there\n", "Hi"},
		{"img onerror", "<img src=x onerror=alert(1)>\n", ""},
		{"img onerror inline", "A <img src=x onerror=alert(1)> B\n", "A"},
		{"markdown javascript link", "[x](javascript:alert(1))\n", "x"},
		{"mixed case javascript link", "[x](JaVaScRiPt:alert(1))\n", "x"},
		{"javascript link with tab", "[x](<java\tscript:alert(1)>)\n", "x"},
		{"javascript link with leading space", "[x](< javascript:alert(1)>)\n", "x"},
		{"entity-encoded javascript link", "[x](&#106;avascript:alert(1))\n", "x"},
		{"reference javascript link", "[x][r]\n\n[r]: javascript:alert(1)\n", "x"},
		{"vbscript link", "[x](vbscript:msgbox(1))\n", "x"},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n", "x"},
		{"raw html javascript link", `<a href="javascript:alert(1)">x</a>` + "\n", ""},
		{"raw html javascript link inline", `Go <a href="javascript:alert(1)">here</a> now` + "\n", "here"},
		{"javascript image", "![x](javascript:alert(1))\n", ""},
		{"iframe", "<iframe src=\"https://evil.example/\"></iframe>\n", ""},
		{"style", "<style>body{display:none}</style>\n", ""},
		{"svg", "<svg onload=alert(1)>\n", ""},
		{"autolink", "<javascript:alert(1)>\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Render("g.md", guide(tt.body), constFigure("1"))
			if err != nil {
				t.Fatal(err)
			}
			if problem := unsafeHTML(string(page.Body)); problem != "" {
				t.Errorf("got body\n%s\n%s", page.Body, problem)
			}
			if tt.keep != "" && !strings.Contains(string(page.Body), tt.keep) {
				t.Errorf("got body\n%s\nwant it to keep %q", page.Body, tt.keep)
			}
		})
	}
}

func TestFigureTextStaysText(t *testing.T) {
	const fig = `{{< figure "district" "tested" "EL" >}}`
	for _, body := range []string{
		"Value " + fig + "\n",
		"## " + fig + "\n",
		"- " + fig + "\n",
		"| a |\n|---|\n| " + fig + " |\n",
		"[" + fig + "](/x)\n",
		"*" + fig + "*\n",
	} {
		page, err := Render("g.md", guide(body), constFigure("<b>"))
		if err != nil {
			t.Fatal(err)
		}
		got := string(page.Body)
		if strings.Contains(got, "<b>") || !strings.Contains(got, "&lt;b&gt;") {
			t.Errorf("body %q: got\n%s\nwant the figure as the text &lt;b&gt;", body, got)
		}
	}
	// Markdown in a figure's text is not interpreted either.
	page, err := Render("g.md", guide("A "+fig+"\n"), constFigure("**x** [y](javascript:1) <script>"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>A **x** [y](javascript:1) &lt;script&gt;</p>"; !strings.Contains(string(page.Body), want) {
		t.Errorf("got\n%s\nwant it to contain %s", page.Body, want)
	}
}

func TestLinks(t *testing.T) {
	body := `[a](https://www.doe.mass.edu/ele/) [b](http://example.org) [c](//example.org/x)
[d](other-guide/) [e](/es/guides/) [f](#section) [g](mailto:ell@district.example) https://wida.wisc.edu
`
	page, err := Render("g.md", guide(body), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(page.Body)
	for _, want := range []string{
		`<a rel="noopener noreferrer" href="https://www.doe.mass.edu/ele/">a</a>`,
		`<a rel="noopener noreferrer" href="http://example.org">b</a>`,
		`<a rel="noopener noreferrer" href="//example.org/x">c</a>`,
		`<a href="other-guide/">d</a>`,
		`<a href="/es/guides/">e</a>`,
		`<a href="#section">f</a>`,
		`<a href="mailto:ell@district.example">g</a>`,
		`<a rel="noopener noreferrer" href="https://wida.wisc.edu">https://wida.wisc.edu</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to contain %s", got, want)
		}
	}
}

func TestImages(t *testing.T) {
	page, err := Render("g.md", guide("![Local](/img/report.png) ![Remote](https://tracker.example/pixel.gif)\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(page.Body)
	if !strings.Contains(got, `src="/img/report.png"`) {
		t.Errorf("got\n%s\nwant the local image kept", got)
	}
	if strings.Contains(got, "tracker.example") {
		t.Errorf("got\n%s\nwant the remote image's address dropped", got)
	}
}

func TestHeadingIDs(t *testing.T) {
	body := `## What is ACCESS? {#what-is-access}
## Qué es ACCESS
## 什么是 ACCESS 考试
## 进度
## Qué es ACCESS
## Share: {{< figure "district" "tested" "EL" >}}
## ¿?
`
	page, err := Render("g.md", guide(body), constFigure("45 %"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(page.Body)
	for _, want := range []string{
		`<h2 id="what-is-access">What is ACCESS?</h2>`,
		`<h2 id="qué-es-access">Qué es ACCESS</h2>`,
		`<h2 id="什么是-access-考试">`,
		`<h2 id="进度">`,
		`<h2 id="qué-es-access-2">`,
		`<h2 id="share">Share: 45 %</h2>`,
		`<h2 id="section-7">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to contain %s", got, want)
		}
	}
}

func TestRendererReusable(t *testing.T) {
	r := NewRenderer()
	for i := 0; i < 3; i++ {
		page, err := r.Render("g.md", guide("## A\n\nText.\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := "<h2 id=\"a\">A</h2>\n\n<p>Text.</p>\n"; string(page.Body) != want {
			t.Fatalf("render %d: got %q, want %q", i, page.Body, want)
		}
	}
}

// Allowed tags and attributes of a rendered guide: what unsafeHTML accepts.
var (
	tagPattern  = regexp.MustCompile(`<(/?)([^\s/>]*)([^>]*)>`)
	attrPattern = regexp.MustCompile(`\s*([^\s=/]+)="([^"]*)"`)
	safeTags    = map[string][]string{
		"p": nil, "br": nil, "hr": nil, "blockquote": nil, "pre": nil, "code": nil,
		"h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
		"ul": nil, "ol": nil, "li": nil, "strong": nil, "em": nil, "del": nil,
		"table": nil, "thead": nil, "tbody": nil, "tfoot": nil, "tr": nil,
		"th": {"align"}, "td": {"align"},
		"a": {"href", "rel", "title"}, "img": {"src", "alt", "title"},
	}
	unsafeScheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// unsafeHTML describes the first thing in body that could run script or is not in the
// allow-list of tags and attributes, or returns "".
func unsafeHTML(body string) string {
	if strings.ContainsAny(body, placeholderChars) {
		return "a figure placeholder is left"
	}
	rest := tagPattern.ReplaceAllString(body, "")
	if strings.ContainsAny(rest, "<>") {
		return "a < or > outside a tag is not escaped"
	}
	for _, m := range tagPattern.FindAllStringSubmatch(body, -1) {
		name, attrs := strings.ToLower(m[2]), strings.TrimSuffix(m[3], "/")
		allowed, ok := safeTags[name]
		if !ok {
			return "tag " + m[0] + " is not allowed"
		}
		if m[1] == "/" {
			continue
		}
		if left := attrPattern.ReplaceAllString(attrs, ""); strings.TrimSpace(left) != "" {
			return "tag " + m[0] + " has unparsed attribute text " + left
		}
		for _, a := range attrPattern.FindAllStringSubmatch(attrs, -1) {
			if !slices.Contains(allowed, a[1]) {
				return "attribute " + a[1] + " is not allowed on " + name
			}
			if a[1] == "href" || a[1] == "src" {
				url := strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, stdhtml.UnescapeString(a[2]))
				if s := unsafeScheme.FindString(url); s != "" {
					switch strings.ToLower(s) {
					case "http:", "https:", "mailto:":
					default:
						return "link address " + a[2] + " has scheme " + s
					}
				}
			}
		}
	}
	return ""
}

func TestLimits(t *testing.T) {
	_, err := Render("g.md", guide(strings.Repeat("a", MaxSize)), nil)
	if err == nil || !strings.Contains(err.Error(), "g.md: the file has") {
		t.Errorf("got error %v, want one saying the file is too large", err)
	}
	_, err = Render("g.md", guide(strings.Repeat("{{< x >}}\n", 25)), nil)
	if err == nil || !strings.Contains(err.Error(), "g.md: 5 more errors") || strings.Count(err.Error(), "\n") != maxErrors {
		t.Errorf("got error %v, want %d errors and a count of the rest", err, maxErrors)
	}
	start := time.Now()
	_, err = Render("g.md", guide(strings.Repeat("{{< ", MaxSize/5)), nil)
	if err == nil {
		t.Error("got no error for unclosed shortcodes")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("unclosed shortcodes took %v", d)
	}
}

func TestRendererConcurrent(t *testing.T) {
	r := NewRenderer()
	src := guide("## A\n\n[x](https://example.org) {{< figure \"district\" \"tested\" \"EL\" >}}\n")
	want, err := r.Render("g.md", src, constFigure("1"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan Page)
	for range 8 {
		go func() {
			page, _ := r.Render("g.md", src, constFigure("1"))
			done <- page
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}
}

// TestNest checks that a guide's HTML nests under a section: headings one level down (h1 and
// h2 to h3, h6 stays), their ids and the links to them prefixed, other links untouched.
func TestNest(t *testing.T) {
	in := `<h1 id="top">A</h1><h2 id="why">B</h2><p><a href="#why">why</a> <a href="#rule">rule</a> <a href="https://x.org/#why">x</a></p><h5>C</h5><h6 id="note">D</h6>`
	want := `<h3 id="g--top">A</h3><h3 id="g--why">B</h3><p><a href="#g--why">why</a> <a href="#rule">rule</a> <a href="https://x.org/#why">x</a></p><h6>C</h6><h6 id="g--note">D</h6>`
	if got := string(Nest(template.HTML(in), "g--")); got != want {
		t.Errorf("Nest:\n got %s\nwant %s", got, want)
	}
}
