package render

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
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
