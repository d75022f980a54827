package render

import (
	"html/template"
	"strings"
	"testing"
)

// FuzzEscapers checks escapeHTML and escapeHref against html/template, which they stand in for
// where a table's rows are written in Go (Table.finish): the same strings in a text node, a
// quoted attribute and a quoted href give the same bytes.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", `<b>"Ana" & 'Zoë' + 1</b>`, "\x00\xff\xfe", "schools/01490005.html",
		"../es/index.html#x", "javascript:alert(1)", "JavaScript:x", "HTTPS://x.org/a b?c=d&e=f", "mailto:a@b",
		"a%2Fb%zz%", "/a:b", "x y\u00e9\u2028", "data:text/html,x", "//evil.example/x", "#frag", "?q=1+2"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}" lang="{{.}}">{{.}}</a>`))
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		if err := tmpl.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		got := `<a href="` + escapeHref(s) + `" lang="` + escapeHTML(s) + `">` + escapeHTML(s) + `</a>`
		if got != b.String() {
			t.Fatalf("%q:\ngot  %q\nwant %q", s, got, b.String())
		}
	})
}
