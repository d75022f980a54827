package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// publicPath is where the test server publishes the site built from public reports alone.
const publicPath = "/reports/public/"

// publicTOML is the site.toml of a site built from DESE's public reports alone, for Methuen
// (01810000), with Lowell beside it: the real exports of generator/public/testdata, copied
// unedited (the two without a title row say their year and group here). The sample's eight
// languages are added to it.
const publicTOML = `title = "Methuen English Learner Report"
district = "01810000"

[data]
dir = ""

[public_data]
dir = "public-data"
compare_districts = ["01600000"]

[public_data.files."gradrates_4yr_district_2021_notitle.csv"]
report = "graduation_4yr"
year = 2021
group = "All Students"

[public_data.files."dropout_district_notitle.csv"]
year = 2021
group = "All Students"
`

// publicExports are the fixtures of generator/public/testdata the site reads.
var publicExports = []string{
	"plansofhsgrads_district_2017-18.csv",
	"gradrates_4yr_district_2021_notitle.csv",
	"dropout_district_notitle.csv",
	"accessreportingelements_district_2024.csv",
}

var publicSite lazySite

// publicSuite returns the environment of the site built from public reports alone, served at
// publicPath by the shared server, built on first use.
func publicSuite(t *testing.T) *env {
	t.Helper()
	return publicSite.get(t, buildPublic)
}

// buildPublic writes the site's folder (publicTOML with the sample's languages, the exports),
// builds it and serves it.
func buildPublic(e *env) (*env, error) {
	p, err := buildPublicSite(e, "public", publicTOML, publicPath)
	if err != nil {
		return nil, err
	}
	p.pages = []page{
		{name: "home", path: "index.html"},
		{name: "benchmarks", path: "benchmarks.html", charts: true},
		{name: "dropout-risk", path: "dropout-risk.html", charts: true},
		{name: "gaps", path: "gaps.html"},
		{name: "post-graduation", path: "post-graduation.html", charts: true},
		{name: "data", path: "data.html"},
		{name: "guides", path: "guides/index.html"},
	}
	return p, nil
}

// buildPublicSite writes a site's folder under e's temporary folder (name-src: the site.toml
// text with the sample's languages added, and publicExports in public-data/), builds it into
// name-site and serves it at path.
func buildPublicSite(e *env, name, siteTOML, path string) (*env, error) {
	sample, err := os.ReadFile(filepath.Join("..", "site.toml"))
	if err != nil {
		return nil, err
	}
	i := strings.Index(string(sample), "\n[[languages]]")
	if i < 0 {
		return nil, fmt.Errorf("../site.toml has no [[languages]]")
	}
	// The languages, up to the next table that is not a language.
	langs := string(sample[i:])
	if j := strings.Index(langs, "\n[goals]"); j >= 0 {
		langs = langs[:j]
	}
	if j := strings.Index(langs, "\n[[goals]]"); j >= 0 {
		langs = langs[:j]
	}
	files := map[string][]byte{"site.toml": []byte(siteTOML + langs + "\n")}
	for _, name := range publicExports {
		b, err := os.ReadFile(filepath.Join("..", "generator", "public", "testdata", name))
		if err != nil {
			return nil, err
		}
		files["public-data/"+name] = b
	}
	return buildAndServe(e, name, "the site "+name+" from public reports alone", path, files)
}

// TestPublicOnlyPages builds a site from DESE's public reports alone for one real district
// (Methuen, from the real exports of generator/public/testdata) and runs the checks of
// TestPagesOverHTTP (axe-core and print included) on its home, topic, data and guides pages in
// English, Spanish and Arabic. It also checks that the pages are the public-only ones: the
// footer says the figures are DESE's, the comparison with the state and Lowell is there, and
// the gaps page says the reports have nothing on gaps.
func TestPublicOnlyPages(t *testing.T) {
	e := publicSuite(t)
	for _, lang := range []string{"en", "es", "ar"} {
		for _, p := range e.pages {
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.httpBase, lang: lang, page: p, axe: true, print: true}
				c.run(t)
			})
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(e.siteDir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for name, wants := range map[string][]string{
		"en/index.html": {
			"The figures are DESE&#39;s, from its public reports, as DESE published them.",
			`<th scope="col">Methuen</th><th scope="col">Massachusetts (state)</th><th scope="col">Lowell</th>`,
		},
		"en/gaps.html":            {"DESE&#39;s public reports, which this site is built from, have nothing on this subject"},
		"en/post-graduation.html": {`data-label="Lowell" data-sort="79.8"`},
		"data/metrics.csv":        {"district,01810000,Methuen,2024,benchmarks,making_progress,EL,,,899,35,false,,DESE ACCESS for ELLs Reporting Elements 2024 (accessreportingelements_district_2024.csv)"},
	} {
		page := read(name)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

// publicDistrictsPath is where the test server publishes the site of several districts built
// from public reports alone.
const publicDistrictsPath = "/reports/public-districts/"

// publicDistrictsTOML is publicTOML for three districts of the same exports: Rockland, Methuen
// and Abington (whose ACCESS row the exports lack, so its benchmarks page says the reports have
// nothing on them).
var publicDistrictsTOML = strings.Replace(publicTOML, `district = "01810000"`, `district = ["02510000", "01810000", "00010000"]`, 1)

var publicDistrictsSite lazySite

// buildPublicDistricts builds and serves the site of publicDistrictsTOML, with the pages the
// browser checks: the list of districts and Rockland's home and benchmarks pages.
func buildPublicDistricts(e *env) (*env, error) {
	p, err := buildPublicSite(e, "public-districts", publicDistrictsTOML, publicDistrictsPath)
	if err != nil {
		return nil, err
	}
	p.pages = []page{
		{name: "districts", path: "index.html"},
		{name: "rockland", path: "districts/02510000/index.html", charts: true},
		{name: "rockland-benchmarks", path: "districts/02510000/benchmarks.html", charts: true},
	}
	return p, nil
}

// TestPublicOnlyDistrictsPages builds a site from DESE's public reports alone for three real
// districts (the exports of TestPublicOnlyPages) and runs the checks of TestPagesOverHTTP
// (axe-core and print included) on the list of districts and on one district's home and
// benchmarks pages, in English and Arabic. It also checks that the list sets each district
// beside the state and links each district's pages.
func TestPublicOnlyDistrictsPages(t *testing.T) {
	e := publicDistrictsSite.get(t, buildPublicDistricts)
	for _, lang := range []string{"en", "ar"} {
		for _, p := range e.pages {
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.httpBase, lang: lang, page: p, axe: true, print: true}
				c.run(t)
			})
		}
	}
	list, err := os.ReadFile(filepath.Join(e.siteDir, "en", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<th scope="row">Massachusetts (state)</th>`,
		`<a href="districts/00010000/index.html">Abington</a>`,
		`<a href="districts/01810000/index.html">Methuen</a>`,
		`<a href="districts/02510000/index.html">Rockland</a>`,
		`data-label="Four-year graduation rate (All students), 2021" data-sort="90.5">90.5%`,
	} {
		if !strings.Contains(string(list), want) {
			t.Errorf("en/index.html lacks %q", want)
		}
	}
}
