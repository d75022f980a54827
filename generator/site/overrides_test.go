package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"elreport/templates"
)

func TestTemplateOverrides(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Overrides\"\n")
	home, err := fs.ReadFile(templates.FS, "home.html")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(home)
	current := hex.EncodeToString(sum[:])
	old := strings.Repeat("0", 64)
	write := func(name, text string) { writeFile(t, filepath.Join(dir, "templates", filepath.FromSlash(name)), text) }
	write("home.html", "{{/* elreport: copied from "+current+" */}}\n"+string(home))
	write("layout.html", "{{/* elreport: copied from "+old+" */ -}}\n{{define \"page\"}}{{end}}")
	write("topic.html", "{{define \"main\"}}{{end}}") // no marker: listed, never warned of
	write("static/style.css", "/* elreport: copied from "+old+" */\nbody {}\n")
	write("static/custom.css", "h1 { color: #000; }\n")
	write("static/img/seal.png", "png")
	write("layuot.html", "{{define \"page\"}}{{end}}")
	write("README.md", "notes of the district's web team: not a template, not warned of\n")
	write("guide.html", string(mustRead(t, "guide.html"))) // the same as the built-in one: changes nothing
	write(".DS_Store", "x")
	write("static/.hidden/x.css", "x")

	p, err := open(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.templateOverrides()
	if err != nil {
		t.Fatal(err)
	}
	wantUsed := []string{
		"using your templates/home.html (overrides the built-in one)",
		"using your templates/layout.html (overrides the built-in one)",
		"using your templates/static/custom.css (linked after style.css on every page)",
		"using your templates/static/img/seal.png (copied to static/img/seal.png)",
		"using your templates/static/style.css (overrides the built-in one)",
		"using your templates/topic.html (overrides the built-in one)",
	}
	if !reflect.DeepEqual(got.used, wantUsed) {
		t.Errorf("used:\ngot  %q\nwant %q", got.used, wantUsed)
	}
	layout, _ := fs.ReadFile(templates.FS, "layout.html")
	style, _ := fs.ReadFile(templates.FS, "static/style.css")
	hash := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	wantWarnings := []string{
		"templates/layout.html was copied from an older layout.html; compare it with the built-in one (elreport has changed it since), bring over what changed, then mark it as copied from this version: {{/* elreport: copied from " + hash(layout) + " */}}",
		"templates/layuot.html is not one of elreport's templates, so no page uses it; the templates are data.html, districts.html, glossary.html, guide.html, guides.html, home.html, layout.html, notfound.html, plan.html, root.html, school.html, topic.html, and static/ holds the files copied to the site",
		"templates/static/style.css was copied from an older style.css; compare it with the built-in one (elreport has changed it since), bring over what changed, then mark it as copied from this version: /* elreport: copied from " + hash(style) + " */",
	}
	if !reflect.DeepEqual(got.warnings, wantWarnings) {
		t.Errorf("warnings:\ngot  %q\nwant %q", got.warnings, wantWarnings)
	}
}

func TestNoTemplateOverrides(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site.toml"), "")
	p, err := open(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.templateOverrides()
	if err != nil || got.used != nil || got.warnings != nil {
		t.Errorf("got %+v, %v; want nothing", got, err)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The sample site's templates/ folder is the built-in templates' source: nothing to list.
func TestSampleHasNoOverrides(t *testing.T) {
	p, err := open("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.templateOverrides()
	if err != nil || got.used != nil || got.warnings != nil {
		t.Errorf("got %q, %q, %v; want nothing", got.used, got.warnings, err)
	}
}
