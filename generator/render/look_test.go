package render

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/templates"
)

// layered is a site's templates/ folder over the built-in templates, as the build gives them
// (site.Overlay): upper's files win, and Layers tells them apart.
type layered struct{ upper, lower fs.FS }

func (l layered) Open(name string) (fs.File, error) {
	if f, err := l.upper.Open(name); err == nil {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return l.lower.Open(name)
}

func (l layered) Layers() (upper, lower fs.FS) { return l.upper, l.lower }

// ReadDir merges the listings of both layers, as site.Overlay does.
func (l layered) ReadDir(name string) ([]fs.DirEntry, error) {
	upper, _ := fs.ReadDir(l.upper, name)
	lower, err := fs.ReadDir(l.lower, name)
	if err != nil && len(upper) == 0 {
		return nil, err
	}
	entries := map[string]fs.DirEntry{}
	for _, e := range append(lower, upper...) {
		entries[e.Name()] = e
	}
	out := slices.SortedFunc(maps.Values(entries), func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

const testLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="#1b5e20"/></svg>`

// themedSite is the golden site with [theme] colours and a logo, and a custom.css of its own.
func themedSite(t *testing.T) Site {
	s := testSite(t)
	s.Config.Theme.Colors.Accent = "#1b5e20"
	s.Config.Theme.Colors.Header = "#e8f1e4"
	s.Config.Theme.Logo = "art/seal.svg"
	s.Config.Theme.LogoData = []byte(testLogo)
	s.Config.Theme.DistrictName = "Riverside Schools"
	s.Templates = layered{upper: fstest.MapFS{"static/custom.css": {Data: []byte("body { font-family: serif; }\n")}}, lower: templates.FS}
	return s
}

func TestTheme(t *testing.T) {
	out, _ := renderSite(t, themedSite(t))
	css := string(out.files["static/theme.css"])
	for _, want := range []string{"--accent: #1b5e20;", "--header: #e8f1e4;", "--focus: #1b5e20;"} {
		if !strings.Contains(css, want) {
			t.Errorf("static/theme.css lacks %q:\n%s", want, css)
		}
	}
	if got := string(out.files["static/logo.svg"]); got != testLogo {
		t.Errorf("static/logo.svg = %q, want the logo file", got)
	}
	if got := string(out.files["static/custom.css"]); got != "body { font-family: serif; }\n" {
		t.Errorf("static/custom.css = %q, want the site's file", got)
	}
	// Every page links theme.css, then custom.css, after style.css, and shows the logo with
	// the district's name as its text.
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"en/index.html", []string{
			`<link rel="stylesheet" href="../static/style.css">` + "\n" +
				`<link rel="stylesheet" href="../static/theme.css">` + "\n" +
				`<link rel="stylesheet" href="../static/custom.css">` + "\n",
			`<p class="site-title"><a href="index.html"><img class="site-logo" src="../static/logo.svg" alt="Riverside Schools">English Learner Outcomes</a></p>`,
		}},
		{"ar/schools/0101.html", []string{
			`<link rel="stylesheet" href="../../static/style.css">` + "\n" +
				`<link rel="stylesheet" href="../../static/theme.css">` + "\n" +
				`<link rel="stylesheet" href="../../static/custom.css">` + "\n",
			`<img class="site-logo" src="../../static/logo.svg" alt="Riverside Schools">`,
		}},
		{"index.html", []string{
			`<link rel="stylesheet" href="static/style.css">` + "\n" +
				`<link rel="stylesheet" href="static/theme.css">` + "\n" +
				`<link rel="stylesheet" href="static/custom.css">` + "\n",
			`<h1><img class="site-logo" src="static/logo.svg" alt="Riverside Schools">English Learner Outcomes</h1>`,
		}},
		// 404.html is served at any address: with base_url, its stylesheets are absolute. Its
		// dark colours come after the accent, which is for a light page.
		{"404.html", []string{
			`<style>a { color: #1b5e20; } a:focus-visible { outline-color: #1b5e20; }</style>` + "\n" +
				`<style>` + "\n" + `@media screen and (prefers-color-scheme: dark) {`,
			`</style>` + "\n" +
				`<link rel="stylesheet" href="https://reports.example.org/el/static/theme.css">` + "\n" +
				`<link rel="stylesheet" href="https://reports.example.org/el/static/custom.css">` + "\n",
		}},
	} {
		page := string(out.files[tc.page])
		for _, want := range tc.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", tc.page, want)
			}
		}
	}
	if strings.Contains(string(out.files["404.html"]), "logo") {
		t.Error("404.html, a self-contained page, shows the logo")
	}
}

// A site without a theme or a custom.css has none of their files or links: its pages are the
// golden ones (TestGolden), byte for byte.
func TestNoTheme(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	for _, name := range []string{"static/theme.css", "static/custom.css", "static/logo.svg"} {
		if _, ok := out.files[name]; ok {
			t.Errorf("%s is written for a site without a theme", name)
		}
	}
	for name, data := range out.files {
		if strings.HasSuffix(name, ".html") && (bytes.Contains(data, []byte("theme.css")) || bytes.Contains(data, []byte("site-logo"))) {
			t.Errorf("%s links a theme", name)
		}
	}
}

// Only the colours make theme.css; a custom.css alone is linked without it.
func TestCustomCSSAlone(t *testing.T) {
	s := testSite(t)
	s.Templates = layered{upper: fstest.MapFS{"static/custom.css": {Data: []byte("h1 { color: #000; }\n")}}, lower: templates.FS}
	out, _ := renderSite(t, s)
	if _, ok := out.files["static/theme.css"]; ok {
		t.Error("static/theme.css is written without [theme] colours")
	}
	want := `<link rel="stylesheet" href="../static/style.css">` + "\n" + `<link rel="stylesheet" href="../static/custom.css">` + "\n" + `<link rel="icon"`
	if page := string(out.files["en/index.html"]); !strings.Contains(page, want) {
		t.Errorf("en/index.html lacks %q", want)
	}
}

// On a site of several districts, the logo is the site's: the title beside it names the link.
func TestLogoSeveralDistricts(t *testing.T) {
	s := testSite(t)
	s.Result = syntheticResult(2, 2, 2)
	s.Goals = nil
	s.Config.Theme.Logo, s.Config.Theme.LogoData = "logo.svg", []byte(testLogo)
	out, _ := renderSite(t, s)
	want := `<img class="site-logo" src="../static/logo.svg" alt="">English Learner Outcomes</a>`
	if page := string(out.files["en/index.html"]); !strings.Contains(page, want) {
		t.Errorf("en/index.html lacks %q", want)
	}
}

// A file of the site's templates/static/ that the theme would replace is refused.
func TestThemeFileClash(t *testing.T) {
	s := themedSite(t)
	s.Templates = layered{upper: fstest.MapFS{
		"static/theme.css": {Data: []byte("x")},
		"static/logo.svg":  {Data: []byte(testLogo)},
	}, lower: templates.FS}
	_, err := Render(t.Context(), s, newMemOutput())
	for _, want := range []string{
		"templates/static/theme.css: elreport writes static/theme.css from [theme.colors] in site.toml",
		"templates/static/logo.svg: elreport writes static/logo.svg from [theme] logo in site.toml",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}
