package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"elreport/generator/site"
)

// Environment variables that steer the browser tests.
const (
	envChromium  = "ELREPORT_CHROMIUM"        // path of the browser to use
	envRequire   = "ELREPORT_REQUIRE_BROWSER" // "1": a missing browser fails the tests
	envArtifacts = "ELREPORT_ARTIFACTS"       // folder for screenshots
)

// subPath is where the test server publishes the site, so that a link that assumes the site
// sits at the root of its host fails.
const subPath = "/reports/district/"

// The pinned axe-core; README.md beside it says where it comes from.
const (
	axeFile    = "testdata/axe-core/axe.min.js"
	axeVersion = "4.14.1"
	axeSHA256  = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
)

// langs are the languages checked page by page: the default, one more left-to-right and
// the right-to-left one.
var langs = []string{"en", "es", "ar"}

// The viewports: a phone (iPhone X/11 Pro width) and a laptop.
const (
	phoneW, phoneH     = 375, 812
	desktopW, desktopH = 1280, 900
)

// laptopWidths are the widths at which TestPagesOverHTTP checks the layout of a laptop's
// screen (tables in sight, chart labels apart): the narrowest the layout promises to hold
// (1024 px) and desktopW, the last.
var laptopWidths = []int64{1024, desktopW}

// pageTimeout bounds the checks of one page.
const pageTimeout = 90 * time.Second

// page is one page type, with its path inside a language folder.
type page struct {
	name   string // subtest name
	path   string // e.g. "schools/01490005.html"
	charts bool   // the page must draw at least one chart
	shot   bool   // save screenshots of it (in English and Arabic, over http)
}

// env is what every browser test shares: the built site, the server and the browser.
type env struct {
	root     string // temporary folder of the run: site/, profile/
	siteDir  string // the built site
	srv      *httptest.Server
	mux      *http.ServeMux // srv's: a site served later (the themed sample) adds its path
	httpBase string         // srv.URL + subPath
	fileBase string         // file:// URL of siteDir, ending in "/"
	browser  context.Context
	axe      string // axe.min.js
	shots    string // screenshot folder
	pages    []page
	info     []string // lines to log once
}

var (
	setupOnce sync.Once
	infoOnce  sync.Once
	shared    *env
	skipWhy   string // set when no browser was found
	setupErr  error
	cleanups  []func()
)

// TestMain runs the tests and then stops the browser and the server and removes the build.
func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// lazySite is a site besides the sample, built and served by the shared server on first use.
type lazySite struct {
	once sync.Once
	env  *env
	err  error
}

// get returns the site's environment, building it with build on first use; a build that
// failed fails every test that asks for it.
func (l *lazySite) get(t *testing.T, build func(*env) (*env, error)) *env {
	t.Helper()
	e := suite(t)
	l.once.Do(func() { l.env, l.err = build(e) })
	if l.err != nil {
		t.Fatal(l.err)
	}
	return l.env
}

// openTab opens a tab of e's browser with pageTimeout, once fewer than the most tabs allowed
// at once are open; done closes it.
func openTab(e *env) (ctx context.Context, done func()) {
	tabs <- struct{}{}
	tab, cancel := chromedp.NewContext(e.browser)
	ctx, stop := context.WithTimeout(tab, pageTimeout)
	return ctx, func() {
		stop()
		cancel()
		<-tabs
	}
}

// buildAndServe writes files (by slash path) into the folder name-src under e's temporary
// folder, builds the site of its site.toml into name-site, and serves that at path of the
// shared server; what names the site in an error.
func buildAndServe(e *env, name, what, path string, files map[string][]byte) (*env, error) {
	src := filepath.Join(e.root, name+"-src")
	for file, body := range files {
		full := filepath.Join(src, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, body, 0o644); err != nil {
			return nil, err
		}
	}
	s := *e
	s.siteDir = filepath.Join(e.root, name+"-site")
	var buildLog bytes.Buffer
	if _, err := site.Build(context.Background(), site.Options{Config: filepath.Join(src, "site.toml"), Out: s.siteDir, Log: &buildLog}); err != nil {
		return nil, fmt.Errorf("building %s: %w\n%s", what, err, buildLog.String())
	}
	s.info = []string{buildLog.String()}
	e.mux.Handle(path, http.StripPrefix(strings.TrimSuffix(path, "/"), staticHandler(s.siteDir)))
	s.httpBase = e.srv.URL + path
	s.fileBase = ""
	return &s, nil
}

// suite returns the shared environment, setting it up on first use. Without a browser it
// skips the test, or fails it when ELREPORT_REQUIRE_BROWSER=1.
func suite(t *testing.T) *env {
	t.Helper()
	setupOnce.Do(func() { shared, skipWhy, setupErr = setup() })
	if skipWhy != "" {
		if required() {
			t.Fatalf("the browser tests cannot run, and %s=%s says they must: %s",
				envRequire, os.Getenv(envRequire), skipWhy)
		}
		t.Skip("skipping the browser tests: " + skipWhy)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	infoOnce.Do(func() {
		for _, line := range shared.info {
			t.Log(line)
		}
	})
	return shared
}

// required reports whether the environment demands that the browser tests run.
func required() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv(envRequire)))
	return v == "1" || v == "true" || v == "yes"
}

// findBrowser returns the Chromium to run, or why there is none.
func findBrowser() (string, string) {
	const how = "to run them, install Chromium (apt-get install chromium) or set " + envChromium + "=/path/to/chromium"
	if p := os.Getenv(envChromium); p != "" {
		info, err := os.Stat(p)
		if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
			return "", fmt.Sprintf("%s=%s is not an executable file; %s", envChromium, p, how)
		}
		return p, ""
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, ""
		}
	}
	return "", "no Chromium found (" + envChromium + " is unset, and neither chromium nor chromium-browser is on PATH); " + how
}

// setup builds the site, starts the server and the browser. A non-empty second result means
// there is no browser.
func setup() (*env, string, error) {
	exe, why := findBrowser()
	if why != "" {
		return nil, why, nil
	}
	axe, err := os.ReadFile(axeFile)
	if err != nil {
		return nil, "", err
	}
	if sum := sha256.Sum256(axe); hex.EncodeToString(sum[:]) != axeSHA256 {
		return nil, "", fmt.Errorf("%s: sha256 %x, want %s (see testdata/axe-core/README.md)", axeFile, sum, axeSHA256)
	}

	root, err := os.MkdirTemp("", "elreport-e2e-")
	if err != nil {
		return nil, "", err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(root) })
	e := &env{root: root, siteDir: filepath.Join(root, "site"), axe: string(axe)}

	// The sample site, built once.
	var buildLog bytes.Buffer
	sum, err := site.Build(context.Background(), site.Options{
		Config: filepath.Join("..", "site.toml"),
		Out:    e.siteDir,
		Log:    &buildLog,
	})
	if err != nil {
		return nil, "", fmt.Errorf("building the sample site: %w\n%s", err, buildLog.String())
	}
	e.info = append(e.info, fmt.Sprintf("built %s: %d pages, %d charts in %v", e.siteDir, sum.Pages, sum.Charts, sum.Elapsed.Round(time.Millisecond)))
	if e.pages, err = pageTypes(e.siteDir); err != nil {
		return nil, "", err
	}

	// Loopback server, the site under a sub-path.
	mux := http.NewServeMux()
	// Nothing answers outside the sub-path: the pages name their own icon, so a request for
	// the host's /favicon.ico would be a failed request the checks report.
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), staticHandler(e.siteDir)))
	e.mux = mux
	e.srv = httptest.NewServer(mux)
	cleanups = append(cleanups, e.srv.Close)
	e.httpBase = e.srv.URL + subPath
	e.fileBase = (&url.URL{Scheme: "file", Path: filepath.ToSlash(e.siteDir) + "/"}).String()

	e.shots = os.Getenv(envArtifacts)
	if e.shots == "" {
		e.shots = filepath.Join(os.TempDir(), "elreport-artifacts")
	}
	if err := os.MkdirAll(e.shots, 0o755); err != nil {
		return nil, "", err
	}

	// One browser for every test, each page in a tab of its own.
	profile := filepath.Join(root, "profile")
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Nothing may leave the machine: any other host fails to resolve (and the
		// request check reports it).
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(desktopW, desktopH),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	cleanups = append(cleanups, cancelAlloc, cancelBrowser) // run in reverse: browser first
	if err := chromedp.Do(bctx); err != nil {
		return nil, "", fmt.Errorf("starting %s: %w", exe, err)
	}
	version, err := chromedp.CallBrowser(bctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return nil, "", fmt.Errorf("asking %s for its version: %w", exe, err)
	}
	e.browser = bctx
	e.info = append(e.info,
		fmt.Sprintf("browser %s (%s), profile %s", exe, version.Product, profile),
		fmt.Sprintf("serving %s at %s", e.siteDir, e.httpBase),
		fmt.Sprintf("screenshots go to %s", e.shots))
	return e, "", nil
}

// pageTypes lists the page types to check: the district home, the four topics, the first
// school, the improvement plan, the data page, the guides index, the first guide and the
// glossary.
func pageTypes(siteDir string) ([]page, error) {
	first := func(dir string) (string, error) {
		entries, err := os.ReadDir(filepath.Join(siteDir, "en", dir))
		if err != nil {
			return "", err
		}
		for _, e := range entries {
			if name := e.Name(); strings.HasSuffix(name, ".html") && name != "index.html" {
				return strings.TrimSuffix(name, ".html"), nil
			}
		}
		return "", fmt.Errorf("no page in %s/en/%s", siteDir, dir)
	}
	school, err := first("schools")
	if err != nil {
		return nil, err
	}
	guide, err := first("guides")
	if err != nil {
		return nil, err
	}
	return []page{
		{name: "home", path: "index.html", shot: true},
		{name: "benchmarks", path: "benchmarks.html", charts: true},
		{name: "dropout-risk", path: "dropout-risk.html", charts: true},
		{name: "gaps", path: "gaps.html", charts: true},
		{name: "post-graduation", path: "post-graduation.html", charts: true},
		{name: "school-" + school, path: "schools/" + school + ".html", charts: true, shot: true},
		{name: "plan", path: "plan.html", charts: true, shot: true},
		{name: "data", path: "data.html"},
		{name: "guides", path: "guides/index.html"},
		{name: "guide-" + guide, path: "guides/" + guide + ".html"},
		{name: "glossary", path: "glossary.html"},
	}, nil
}

// staticHandler serves dir the way a plain static host does: a folder's index.html for the
// folder, every other file as is, and 404 for anything missing (no listings, no redirects).
func staticHandler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, info.ModTime(), f)
	})
}

// TestPagesOverHTTP checks every page type in English, Spanish and Arabic, served over
// http from a sub-path: console, requests, charts, axe-core, the phone layout, print and links.
func TestPagesOverHTTP(t *testing.T) {
	e := suite(t)
	for _, lang := range langs {
		for _, p := range e.pages {
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.httpBase, lang: lang, page: p, axe: true, print: true, shots: p.shot && lang != "es", laptops: true}
				c.run(t)
			})
		}
	}
}

// TestPagesFromFile opens the same pages from file://, as someone who downloaded the site
// would: they must load, draw their charts and link to files that exist without a server.
// axe-core and print, which depend only on the page, run over http.
func TestPagesFromFile(t *testing.T) {
	e := suite(t)
	for _, lang := range langs {
		for _, p := range e.pages {
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.fileBase, lang: lang, page: p}
				c.run(t)
			})
		}
	}
}

// TestSitePages checks the pages outside the language folders: the language chooser (which
// follows the browser's language unless its address ends in #choose) and 404.html.
func TestSitePages(t *testing.T) {
	e := suite(t)
	for _, base := range []struct{ name, url string }{{"http", e.httpBase}, {"file", e.fileBase}} {
		t.Run(base.name+"/chooser", func(t *testing.T) {
			c := check{env: e, base: base.url, page: page{name: "chooser", path: "index.html#choose"}, axe: base.name == "http", print: true}
			c.run(t)
		})
		t.Run(base.name+"/404", func(t *testing.T) {
			c := check{env: e, base: base.url, page: page{name: "404", path: "404.html"}, axe: base.name == "http", print: true}
			c.run(t)
		})
		t.Run(base.name+"/chooser-follows-browser", func(t *testing.T) {
			tab, cancel := chromedp.NewContext(e.browser)
			defer cancel()
			ctx, stop := context.WithTimeout(tab, pageTimeout)
			defer stop()
			if err := chromedp.Do(ctx, chromedp.Navigate(base.url+"index.html")); err != nil {
				t.Fatal(err)
			}
			// lang.js replaces the location; wait for the English home page.
			want := base.url + "en/index.html"
			deadline := time.Now().Add(10 * time.Second)
			for {
				loc, err := chromedp.Run(ctx, chromedp.Location())
				if err != nil {
					t.Fatal(err)
				}
				if loc == want {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the language chooser of an English browser stays at %s, want %s", loc, want)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

// TestBrowserLookup checks how the browser is found, without running it.
func TestBrowserLookup(t *testing.T) {
	t.Setenv(envChromium, filepath.Join(t.TempDir(), "no-such-browser"))
	exe, why := findBrowser()
	if exe != "" || !strings.Contains(why, "apt-get install chromium") || !strings.Contains(why, envChromium+"=") {
		t.Errorf("findBrowser with a missing %s = %q, %q; want no browser and a message saying how to get one", envChromium, exe, why)
	}
}

// fileExists reports whether name (slash-separated, relative to the site) is a file of the site.
func fileExists(siteDir, name string) bool {
	info, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(name)))
	return err == nil && !info.IsDir()
}
