package guide

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSourceText(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the error's lines; none for a guide that renders
	}{
		{name: "invalid UTF-8", src: "+++\ntitle = \"T\"\n+++\n" + strings.Repeat("\n", 8) + "Una gu\xeda en espa\xf1ol.\n",
			want: []string{
				"content/guides/benchmarks.es.md:12:7: invalid UTF-8 (byte 0xED); save the file as UTF-8",
				"content/guides/benchmarks.es.md:12:17: invalid UTF-8 (byte 0xF1); save the file as UTF-8",
			}},
		{name: "NUL and C1 control", src: "+++\ntitle = \"T\"\n+++\nCafé\x00 und\n\n– \u0085x\n",
			want: []string{
				"content/guides/benchmarks.es.md:4:5: byte 0x00 (a control character); remove it",
				"content/guides/benchmarks.es.md:6:3: character U+0085 (a control character); remove it",
			}},
		{name: "in the front matter", src: "+++\ntitle = \"T\x1b[31m\"\n+++\n",
			want: []string{"content/guides/benchmarks.es.md:2:11: byte 0x1B (a control character); remove it"}},
		{name: "escaped in the front matter", src: "+++\ntitle = \"T\"\nsummary = \"a\\u0000b\"\n+++\n",
			want: []string{`content/guides/benchmarks.es.md:3: key "summary": the text has byte 0x00 (a control character) at character 2; remove it`}},
		{name: "CR line endings, a BOM, tabs", src: "\uFEFF+++\rtitle = \"T\"\r+++\r\tCode\r\r\x7f\n",
			want: []string{"content/guides/benchmarks.es.md:6:1: byte 0x7F (a control character); remove it"}},
		{name: "CRLF and tabs are fine", src: "\uFEFF+++\r\ntitle = \"T\"\r\n+++\r\n\tcode\r\n- a\tb\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render("content/guides/benchmarks.es.md", []byte(tt.src), constFigure("1"))
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
	// Every bad byte is listed, up to the bound.
	_, err := Render("g.md", guide(strings.Repeat("\x01", 30)), nil)
	if lines := strings.Split(fmt.Sprint(err), "\n"); len(lines) != maxErrors+1 || lines[maxErrors] != "g.md: 10 more errors" {
		t.Errorf("got %d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

func warningStrings(ws []Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

func TestDroppedHTML(t *testing.T) {
	const dropped = " is left out of the page (a guide is Markdown, and raw HTML is not published); write it in Markdown, or remove it"
	// The front matter takes lines 1-4, so the body starts on line 5.
	body := "Intro with `<b>code</b>` and\n" + // 5: HTML shown as code is not raw HTML
		"```\n<div>in a code block</div>\n```\n" + // 6-8
		"\n" +
		"<div class=\"note\">\nA note.\n</div>\n" + // 10-12
		"\n" +
		"Text <span style=\"color:red\">red</span> and {{< figure \"district\" \"tested\" \"EL\" >}}.\n" + // 14
		"\n" +
		"<!-- a note for translators -->\n" + // 16
		"\n" +
		"- item <b>bold</b>\n" // 18
	r := NewRenderer()
	page, err := r.Render("content/guides/x.en.md", guide(body), constFigure("12"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page.Body), "red") || strings.Contains(string(page.Body), "span") {
		t.Errorf("body %s: want the text kept and the tags left out", page.Body)
	}
	want := []string{
		`content/guides/x.en.md:10: HTML "<div class=\"note\">"` + dropped,
		`content/guides/x.en.md:14: HTML "<span style=\"color:red\">"` + dropped,
		`content/guides/x.en.md:14: HTML "</span>"` + dropped,
		`content/guides/x.en.md:18: HTML "<b>"` + dropped,
		`content/guides/x.en.md:18: HTML "</b>"` + dropped,
	}
	// Rendering the guide again (for another district) adds nothing.
	if _, err := r.Render("content/guides/x.en.md", guide(body), constFigure("13")); err != nil {
		t.Fatal(err)
	}
	if got := warningStrings(r.Warnings()); !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings:\ngot  %q\nwant %q", got, want)
	}
	// Check gives the same without figures.
	ws, err := Check("content/guides/x.en.md", guide(body))
	if err != nil {
		t.Fatal(err)
	}
	if got := warningStrings(ws); !reflect.DeepEqual(got, want) {
		t.Errorf("Check:\ngot  %q\nwant %q", got, want)
	}
	// Check reports what Render would stop on.
	if _, err := Check("g.md", guide("{{< chart >}}\n")); err == nil || !strings.Contains(err.Error(), `g.md:5: unknown shortcode "chart"`) {
		t.Errorf("Check of a bad shortcode: got %v", err)
	}
}

func TestDroppedHTMLBounded(t *testing.T) {
	ws, err := Check("g.md", guide(strings.Repeat("a <i>x</i>\n", 15)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != maxErrors+1 || ws[maxErrors].String() != "g.md:15: and 10 more pieces of HTML are left out of the page" {
		t.Errorf("got %d warnings, last %v", len(ws), ws[len(ws)-1])
	}
	if ws[19].Line != 14 {
		t.Errorf("20th warning at line %d, want 14", ws[19].Line)
	}
}

// TestDroppedHTMLFast renders the largest guide made of HTML pieces and code spans: finding
// their lines must stay linear.
func TestDroppedHTMLFast(t *testing.T) {
	for _, piece := range []string{"<b>", "`c` ", "`a  b` <i>", "<!-- x -->\n\n"} {
		src := guide(strings.Repeat(piece, (MaxSize-100)/len(piece)))
		start := time.Now()
		if _, err := Check("g.md", src); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q: took %v", piece, d)
		}
	}
}

// A link to an unsafe address keeps its text without the link, and an image of another host
// is left out with its text kept: both are said, at their lines, where before they went
// without a word (and the image left an empty <img>).
func TestDroppedLinksAndImages(t *testing.T) {
	body := "See [our page](programs.html) and [click me](javascript:alert(4)).\n" + // 5
		"\n" +
		"![The logo](static/logo.png) ![A tracker](https://evil.example/x.png)\n" + // 7
		"\n" +
		"![Inline](data:image/png;base64,AAAA) and [mail](mailto:el@example.org).\n" // 9
	r := NewRenderer()
	page, err := r.Render("content/guides/x.en.md", guide(body), constFigure("12"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page.Body)
	for _, want := range []string{`<a href="programs.html">our page</a>`, "click me", `<img src="static/logo.png" alt="The logo"`, "A tracker", "Inline", `<a href="mailto:el@example.org">mail</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("body lacks %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"javascript", "evil.example", "data:", `<img alt=`} {
		if strings.Contains(html, bad) {
			t.Errorf("body has %q:\n%s", bad, html)
		}
	}
	const link = " is left out of the page, its text kept (a guide links only to http, https and mailto addresses, and to pages of the site)"
	const image = " is left out of the page, its text kept (a guide shows only images of the site itself: another host would learn who reads the guide); put it in the site's templates/static/ folder and give its address there"
	want := []string{
		`content/guides/x.en.md:5: the link to "javascript:alert(4)"` + link,
		`content/guides/x.en.md:7: the image "https://evil.example/x.png"` + image,
		`content/guides/x.en.md:9: the image "data:image/png;base64,AAAA"` + image,
	}
	if got := warningStrings(r.Warnings()); !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings:\ngot  %q\nwant %q", got, want)
	}
}
