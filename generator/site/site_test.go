package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"elreport/templates"
)

// A district overrides any template or asset by putting a file of the same name in a
// templates/ folder beside its site.toml; the other files keep coming from the embedded set.
func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../data", filepath.Join(dir, "data"))
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Override test\"\n")

	css := "/* the district's own stylesheet */\nbody { font-family: serif; }\n"
	writeFile(t, filepath.Join(dir, "templates", "static", "style.css"), css)
	layout, err := fs.ReadFile(templates.FS, "layout.html")
	if err != nil {
		t.Fatal(err)
	}
	const marker = `<footer class="site-footer">`
	if !strings.Contains(string(layout), marker) {
		t.Fatalf("embedded layout.html has no %s to mark", marker)
	}
	own := strings.Replace(string(layout), marker, marker+"<p>District footer note</p>", 1)
	writeFile(t, filepath.Join(dir, "templates", "layout.html"), own)

	out := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), Options{Config: filepath.Join(dir, "site.toml"), Out: out}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "static", "style.css")); got != css {
		t.Errorf("static/style.css = %q, want the override", got)
	}
	if page := readFile(t, filepath.Join(out, "en", "index.html")); !strings.Contains(page, "District footer note") {
		t.Error("en/index.html does not use the overriding layout.html")
	}
	// Files the site did not override still come from the embedded set.
	embedded, err := fs.ReadFile(templates.FS, "static/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "static", "charts.js")); got != string(embedded) {
		t.Error("static/charts.js is not the embedded one")
	}
}

func TestOverlayReadDirMerges(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "static", "extra.css"), "x")
	entries, err := fs.ReadDir(Overlay(os.DirFS(dir), templates.FS), "static")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	got := strings.Join(names, " ")
	for _, want := range []string{"charts.js", "extra.css", "style.css"} {
		if !strings.Contains(got, want) {
			t.Errorf("merged listing %q lacks %s", got, want)
		}
	}
	if !strings.Contains(got, "charts.js extra.css") {
		t.Errorf("merged listing %q is not sorted", got)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		writeFile(t, filepath.Join(to, e.Name()), readFile(t, filepath.Join(from, e.Name())))
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A [data.files] entry that leads out of the data folder (absolute, or through "..") names
// folders of the user's computer; the site publishes the file's own name alone, in the data
// page, its downloads and the notes of the figures a missing file would give.
func TestPublishedFileNamesNameNoFolder(t *testing.T) {
	dir := t.TempDir()
	exports := filepath.Join(dir, "home_jsmith", "exports")
	copyDir(t, "../../data", exports)
	desktop := filepath.Join(dir, "home_jsmith", "Desktop")
	if err := os.MkdirAll(desktop, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(exports, "plans.csv"), filepath.Join(desktop, "plans.csv")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site", "site.toml"), `title = "Paths"
[data]
dir = "../home_jsmith/exports"
[data.files]
plans = "`+filepath.ToSlash(filepath.Join(desktop, "plans.csv"))+`"
access = "../exports/access.csv"
mcas = "../mcas_from_jsmith/mcas.csv"
`)
	out := filepath.Join(dir, "out")
	if _, err := Build(context.Background(), Options{Config: filepath.Join(dir, "site", "site.toml"), Out: out}); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text := readFile(t, path)
		for _, folder := range []string{"home_jsmith", "Desktop", "jsmith", "../exports"} {
			if strings.Contains(text, folder) {
				rel, _ := filepath.Rel(out, path)
				t.Errorf("%s names the folder %q", rel, folder)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	quality := readFile(t, filepath.Join(out, "data", "data-quality.csv"))
	for _, row := range []string{"plans,plans.csv,0,", "access,access.csv,0,", "mcas,mcas.csv,0,"} {
		if !strings.Contains(quality, row) {
			t.Errorf("data/data-quality.csv lacks %q:\n%s", row, quality)
		}
	}
	if page := readFile(t, filepath.Join(out, "en", "benchmarks.html")); strings.Contains(page, "mcas") && !strings.Contains(page, "mcas.csv") {
		t.Errorf("en/benchmarks.html names mcas without its file name")
	}
}
