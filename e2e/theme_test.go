package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// themedPath is where the test server publishes the themed sample site.
const themedPath = "/reports/themed/"

// themedTOML is added to the sample's site.toml for the themed site: colours near the edge of
// what config accepts (the accent has 4.63:1 on the header, 5.53:1 on white), so that axe-core
// checks the contrast rules of package theme on real pages, and a logo.
const themedTOML = `
[theme]
district_name = "Lakeside Public Schools"
logo = "seal.svg"

[theme.colors]
accent = "#33763b"
header = "#e3eee0"
`

const themedLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#33763b"/></svg>`

var themedSite lazySite

// themedSuite returns the environment of the sample site built with a [theme] (colours and a
// logo) and a custom.css, served at themedPath by the shared server, built on first use.
func themedSuite(t *testing.T) *env {
	t.Helper()
	return themedSite.get(t, buildThemed)
}

// buildThemed writes the themed site's folder (the sample's site.toml with themedTOML, the
// data folder and goals of the sample, the logo and a custom.css), builds it and serves it.
func buildThemed(e *env) (*env, error) {
	toml, err := os.ReadFile(filepath.Join("..", "site.toml"))
	if err != nil {
		return nil, err
	}
	data, err := filepath.Abs(filepath.Join("..", "data"))
	if err != nil {
		return nil, err
	}
	text := strings.Replace(string(toml), "\ndir = \"data\"\n", fmt.Sprintf("\ndir = %q\n", filepath.ToSlash(data)), 1)
	if text == string(toml) {
		return nil, fmt.Errorf("../site.toml has no [data] dir = \"data\" to point at the sample's data")
	}
	files := map[string][]byte{
		"site.toml":                   []byte(text + themedTOML),
		"seal.svg":                    []byte(themedLogo),
		"templates/static/custom.css": []byte(".site-title { letter-spacing: 0.01em; }\n"),
	}
	goals, err := filepath.Glob(filepath.Join("..", "content", "goals", "*.md"))
	if err != nil {
		return nil, err
	}
	for _, g := range goals {
		b, err := os.ReadFile(g)
		if err != nil {
			return nil, err
		}
		files["content/goals/"+filepath.Base(g)] = b
	}
	return buildAndServe(e, "themed", "the themed sample site", themedPath, files)
}

// TestThemedPages checks the home and a school page of the themed sample in English and
// Arabic, and the language chooser, over http, as TestPagesOverHTTP does (axe-core's contrast
// rules included), and that the theme is in effect: the colours of theme.css on the links and
// the header, the logo drawn, custom.css loaded.
func TestThemedPages(t *testing.T) {
	e := themedSuite(t)
	var pages []page
	for _, p := range e.pages {
		if p.name == "home" || strings.HasPrefix(p.name, "school-") {
			p.shot = false
			pages = append(pages, p)
		}
	}
	for _, lang := range []string{"en", "ar"} {
		for _, p := range pages {
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.httpBase, lang: lang, page: p, axe: true, print: true}
				c.run(t)
				checkTheme(t, e, c.url())
			})
		}
	}
	t.Run("chooser", func(t *testing.T) {
		c := check{env: e, base: e.httpBase, page: page{name: "chooser", path: "index.html#choose"}, axe: true}
		c.run(t)
	})
}

// checkTheme opens url and checks that the theme's colours, logo and custom.css apply.
func checkTheme(t *testing.T, e *env, url string) {
	t.Helper()
	ctx, done := openTab(e)
	defer done()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), settle()); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	got := eval[struct {
		Accent, Header, Link, Spacing string
		LogoWidth                     int
		LogoAlt                       string
	}](t, ctx, "theme", `(() => {
  const logo = document.querySelector('.site-title img.site-logo');
  return {
    accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
    header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    link: getComputedStyle(document.querySelector('.site-footer a')).color,
    spacing: getComputedStyle(document.querySelector('.site-title')).letterSpacing,
    logoWidth: logo ? logo.naturalWidth : -1,
    logoAlt: logo ? logo.alt : '',
  };
})()`)
	want := struct {
		Accent, Header, Link string
	}{"#33763b", "rgb(227, 238, 224)", "rgb(51, 118, 59)"}
	if got.Accent != want.Accent || got.Header != want.Header || got.Link != want.Link {
		t.Errorf("%s: --accent %q, header background %q, link colour %q; want %q, %q, %q (theme.css)",
			url, got.Accent, got.Header, got.Link, want.Accent, want.Header, want.Link)
	}
	if got.LogoWidth <= 0 {
		t.Errorf("%s: the logo is not drawn (natural width %d)", url, got.LogoWidth)
	}
	if got.LogoAlt == "" {
		t.Errorf("%s: the logo has no text", url)
	}
	if got.Spacing == "normal" || got.Spacing == "" {
		t.Errorf("%s: .site-title's letter-spacing is %q: custom.css did not apply", url, got.Spacing)
	}
}
