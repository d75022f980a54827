package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"elreport/content"
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

// The sample site's templates/ and content/ folders are the built-in files' source: nothing
// to list.
func TestSampleHasNoOverrides(t *testing.T) {
	p, err := open("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.siteOverrides()
	if err != nil || got.used != nil || got.warnings != nil {
		t.Errorf("got %q, %q, %v; want nothing", got.used, got.warnings, err)
	}
}

func TestContentOverrides(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Overrides\"\n"+
		"[[languages]]\ncode = \"en\"\nname = \"English\"\n"+
		"[[languages]]\ncode = \"es\"\nname = \"Español\"\n"+
		"[[languages]]\ncode = \"fr\"\nname = \"Français\"\n")
	builtIn := func(name string) []byte {
		t.Helper()
		b, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hash := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	old := strings.Repeat("0", 64)
	guide := builtIn("guides/access-test.en.md")
	glossary := builtIn("glossary/es.toml")
	write := func(name, text string) { writeFile(t, filepath.Join(dir, "content", filepath.FromSlash(name)), text) }
	write("i18n/es.toml", "[nav]\nhome = \"Portada\"\n")
	write("i18n/fr.toml", "[nav]\nhome = \"Accueil\"\n")
	write("i18n/en.toml", string(builtIn("i18n/en.toml"))) // the same as the built-in one: changes nothing
	// A guide copied with the marker of an older version, one copied from this version.
	write("guides/access-test.en.md", strings.Replace(string(guide), "+++\n", "+++\n# elreport: copied from "+old+"\n", 1))
	write("guides/graduation.es.md", "+++\n# elreport: copied from "+hash(builtIn("guides/graduation.es.md"))+"\ntitle = \"Graduarse\"\n+++\nTexto.\n")
	write("guides/our-programs.en.md", "+++\ntitle = \"Our programs\"\n+++\nText.\n")
	// A guide in a language the site does not build (a code is matched exactly: ES is not es).
	write("guides/benchmarks.ES.md", "+++\ntitle = \"Puntos\"\n+++\nTexto.\n")
	write("guides/benchmarks.vi.md", "+++\ntitle = \"Điểm\"\n+++\nVăn bản.\n")
	write("guides/README.md", "notes: not a guide\n")
	write("glossary/es.toml", "# elreport: copied from "+old+"\n"+string(glossary))
	write("goals/making-progress.en.md", "+++\ntitle = \"Making progress\"\n+++\nOur words.\n") // the site's own: not listed
	write("guides/.DS_Store", "x")

	p, err := open(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.contentOverrides()
	if err != nil {
		t.Fatal(err)
	}
	wantUsed := []string{
		"using your content/i18n/es.toml (merged key by key over the built-in strings)",
		"using your content/i18n/fr.toml (a language elreport does not ship)",
		"using your content/guides/access-test.en.md (replaces the built-in one)",
		"using your content/guides/graduation.es.md (replaces the built-in one)",
		"using your content/guides/our-programs.en.md (a guide of your own)",
		"using your content/glossary/es.toml (replaces the built-in one)",
	}
	if !reflect.DeepEqual(got.used, wantUsed) {
		t.Errorf("used:\ngot  %q\nwant %q", got.used, wantUsed)
	}
	wantWarnings := []string{
		"content/guides/access-test.en.md was copied from an older access-test.en.md; compare it with the built-in one (elreport has changed it since), bring over what changed, then mark it as copied from this version: # elreport: copied from " + hash(guide) + " (a line of its front matter)",
		"content/guides/benchmarks.ES.md is in the language \"ES\", which is not one of site.toml's languages (en, es, fr), so no page uses it",
		"content/guides/benchmarks.vi.md is in the language \"vi\", which is not one of site.toml's languages (en, es, fr), so no page uses it",
		"content/glossary/es.toml was copied from an older es.toml; compare it with the built-in one (elreport has changed it since), bring over what changed, then mark it as copied from this version: # elreport: copied from " + hash(glossary),
	}
	if !reflect.DeepEqual(got.warnings, wantWarnings) {
		t.Errorf("warnings:\ngot  %q\nwant %q", got.warnings, wantWarnings)
	}

	// siteOverrides lists the templates first, then the content.
	write("../templates/topic.html", "{{define \"main\"}}{{end}}")
	all, err := p.siteOverrides()
	if err != nil {
		t.Fatal(err)
	}
	if len(all.used) != 1+len(wantUsed) || all.used[0] != "using your templates/topic.html (overrides the built-in one)" || len(all.warnings) != len(wantWarnings) {
		t.Errorf("siteOverrides: got %q, %q", all.used, all.warnings)
	}
}
