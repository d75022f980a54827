package guide

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fuzzSeeds are guide files for the fuzz targets: figures in each context, hostile HTML and
// addresses, malformed shortcodes and front matter, bad bytes.
var fuzzSeeds = []string{
	"",
	"+++\n",
	"+++\ntitle = \"T\"\n+++\n",
	"+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n## Head {#id}\n\nText {{< figure \"district\" \"making_progress\" \"EL\" >}}.\n",
	"+++\ntitle = \"T\"\n+++\n| a | b |\n|---|---|\n| {{< figure \"school:01\" \"mcas_meeting\" \"EL\" \"ELA\" >}} | x |\n",
	"+++\ntitle = \"T\"\n+++\n- {{< figure \"district\" \"tested\" \"EL\" >}}\n- [x](javascript:alert(1))\n",
	"+++\ntitle = \"T\"\n+++\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n<a href=\"javascript:alert(1)\">x</a>\n",
	"+++\ntitle = \"T\"\n+++\n[x](JaVaScRiPt:alert(1)) [y](&#106;avascript:1) ![z](//evil/x.png)\n",
	"+++\ntitle = \"T\"\n+++\n{{< figure \"a\" >}} {{< chart >}} {{< figure \"a\" \"b\" \"c\"\n",
	"+++\ntitle = \"T\"\nauthor = 1\n[x]\n+++\n",
	"+++\r\ntitle = \"T\"\r\n+++\r\n> quote {{< figure \"district\" \"tested\" \"EL\" >}}\r\n\r\n```\n{{< figure \"district\" \"tested\" \"EL\" >}}\n```\n",
	"+++\ntitle = \"T\"\n+++\n[a](/x/{{< figure \"district\" \"tested\" \"EL\" >}}) \uE0000\uE001\n",
	"+++\ntitle = \"T\u0000\"\n+++\nUna gu\xeda\x00 \u0085\r\x7f\n",
	"+++\ntitle = \"T\"\n+++\n![alt {{< figure \"district\" \"tested\" \"EL\" >}}](img/x.png \"t\") ![b {{< figure \"district\" \"tested\" \"EL\" >}}](//evil/x.png)\n",
	"+++\ntitle = \"T\"\n+++\n`<b>`\n```\n<div>\n```\n<div class=\"x\">\n\n<!-- note -->\n\na <span>b</span> <b>c\n",
}

// FuzzRender renders arbitrary guide files with arbitrary figure text. Render must not panic;
// every error line must name the file; a rendered body must hold only allowed tags and
// attributes and no script-capable address.
func FuzzRender(f *testing.F) {
	seeds := fuzzSeeds
	for _, s := range seeds {
		f.Add([]byte(s), "45,2 %")
	}
	f.Add([]byte(seeds[3]), "<b>x</b>")
	f.Add([]byte(seeds[4]), "\uE0000\uE001 | *")
	f.Fuzz(func(t *testing.T, src []byte, figText string) {
		page, err := Render("g.md", src, func(args []string) (string, error) {
			if len(args) < 3 || len(args) > 4 {
				t.Fatalf("figure called with %d arguments", len(args))
			}
			return figText, nil
		})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "g.md:") {
					t.Fatalf("error line %q does not name the file", line)
				}
			}
			return
		}
		if page.Title == "" {
			t.Fatal("rendered a guide without a title")
		}
		if problem := unsafeHTML(string(page.Body)); problem != "" {
			t.Fatalf("body %q: %s", page.Body, problem)
		}
		warnings, err := Check("g.md", src)
		if err != nil {
			t.Fatalf("Render passed but Check failed: %v", err)
		}
		for _, w := range warnings {
			if w.File != "g.md" || w.Line < 1 || w.Line > strings.Count(string(src), "\n")+strings.Count(string(src), "\r")+1 {
				t.Fatalf("warning %v is not at a line of the file", w)
			}
		}
	})
}

// FuzzCompiled checks that a guide rendered once with its figures as placeholders and filled
// in (Render's way, for a build that renders a guide for every district) is byte for byte the
// page rendered with the figures' texts in place, and fails or passes alike.
func FuzzCompiled(f *testing.F) {
	texts := []string{"45,2 %", "<b>x</b> & \"q\" 'a'", "\uE0000\uE001 | *", "\x00\r\n\t\u00a0\u2028", "]( javascript:x) ** _a_ `c`", ""}
	for _, src := range fuzzSeeds {
		for _, text := range texts {
			f.Add([]byte(src), text)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, figText string) {
		figure := func(args []string) (string, error) {
			if figText == "" {
				return "", errors.New("no such figure")
			}
			return figText + strings.Join(args, "|"), nil
		}
		want, wantErr := NewRenderer().renderOnly("g.md", src, figure)
		r := NewRenderer()
		for range 2 { // compiled, then from the cache
			got, err := r.Render("g.md", src, figure)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("error %v, want %v", err, wantErr)
			}
			if got != want {
				t.Fatalf("compiled page\n%+v\nwant\n%+v", got, want)
			}
		}
	})
}
