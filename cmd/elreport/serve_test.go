package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// serveDeadline bounds every wait of the serve tests: a build of their small site takes a few
// hundredths of a second, so only a broken server comes near it.
const serveDeadline = 20 * time.Second

// TestServe runs elreport serve on a small site (the inputs of
// testdata/cases/build-translation-override.txtar) as a person editing it would: it serves the
// site, builds it again when a translation changes and tells the open page to reload, shows a
// broken site.toml's error over the last site that built, recovers when it is fixed, and
// stops, closing its port and ending its goroutines, when its context ends.
func TestServe(t *testing.T) {
	work := caseSite(t, "build-translation-override")
	config := filepath.Join(work, "site.toml")
	s := startServe(t, "--config", config, "--port", "0")

	page := s.get(t, "es/", http.StatusOK, "text/html; charset=utf-8")
	for _, want := range []string{">Portada<", `new EventSource("/__elreport/events?build=1")`} {
		if !strings.Contains(page, want) {
			t.Errorf("es/ lacks %q", want)
		}
	}
	if strings.Contains(page, "elreport-serve-error") {
		t.Error("es/ shows an error, but the site built")
	}
	if got := s.get(t, "es/index.html", http.StatusOK, "text/html; charset=utf-8"); got != page {
		t.Error("es/index.html differs from es/")
	}
	s.get(t, "static/style.css", http.StatusOK, "text/css; charset=utf-8")
	s.get(t, "data/metrics.csv", http.StatusOK, "text/csv; charset=utf-8")
	notFound := s.get(t, "es/no-such-page.html", http.StatusNotFound, "text/html; charset=utf-8")
	if !strings.Contains(notFound, "EventSource") || !strings.Contains(notFound, `lang="es"`) {
		t.Errorf("a missing page is not the site's 404.html with the reload script:\n%s", notFound)
	}
	if resp := s.fetch(t, "es"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/es/" {
		t.Errorf("es (a folder without its slash) = %s, Location %q; want a redirect to /es/", resp.Status, resp.Header.Get("Location"))
	}

	events := s.subscribe(t)
	// A file the build does not read, beside site.toml (a log, notes), builds nothing.
	writeString(t, filepath.Join(work, "notes.txt"), "to do\n")
	translation := filepath.Join(work, "content", "i18n", "es.toml")
	writeString(t, translation, "[nav]\nhome = \"Inicio del distrito\"\n")
	events.waitReload(t)
	page = s.get(t, "es/", http.StatusOK, "text/html; charset=utf-8")
	if !strings.Contains(page, ">Inicio del distrito<") || strings.Contains(page, ">Portada<") {
		t.Error("es/ does not show the changed translation after the reload event")
	}
	s.waitOutput(t, s.stdout, `rebuilt in [0-9.]+s \(content/i18n/es\.toml changed\): 26 pages`)
	if strings.Contains(s.stdout.String(), "notes.txt") {
		t.Errorf("notes.txt beside site.toml built the site:\n%s", s.stdout.String())
	}

	// A mistake in site.toml: the last site is still served, with the error over it.
	good := readString(t, config)
	writeString(t, config, "titel = \"typo\"\n"+good)
	events.waitReload(t)
	page = s.get(t, "es/", http.StatusOK, "text/html; charset=utf-8")
	for _, want := range []string{">Inicio del distrito<", `id="elreport-serve-error"`, `site.toml: line 1: unknown key &#34;titel&#34;`} {
		if !strings.Contains(page, want) {
			t.Errorf("after breaking site.toml, es/ lacks %q", want)
		}
	}
	s.waitOutput(t, s.stderr, `rebuild failed \(site.toml changed\): config: .*site.toml: line 1: unknown key "titel"`)

	writeString(t, config, good)
	events.waitReload(t)
	page = s.get(t, "es/", http.StatusOK, "text/html; charset=utf-8")
	if strings.Contains(page, "elreport-serve-error") || !strings.Contains(page, ">Inicio del distrito<") {
		t.Error("after fixing site.toml, es/ still shows the error, or not the site")
	}

	// Touching a file builds again, as a person may do to ask for it.
	now := time.Now()
	if err := os.Chtimes(translation, now, now); err != nil {
		t.Fatal(err)
	}
	events.waitReload(t)

	s.stop(t)
	if conn, err := net.Dial("tcp", s.host); err == nil {
		conn.Close()
		t.Errorf("%s still accepts connections after serve stopped", s.host)
	}

	// Nothing of serve is in a site that build writes.
	if _, stderr, err := run(t, "build", "--config", config); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	filepath.WalkDir(filepath.Join(work, "public"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(readString(t, path), "__elreport") {
			t.Errorf("the built %s mentions __elreport", path)
		}
		return err
	})
}

// A site that has never built is served as its error, at every address, until it builds.
func TestServeFirstBuildFails(t *testing.T) {
	work := caseSite(t, "build-translation-override")
	config := filepath.Join(work, "site.toml")
	good := readString(t, config)
	writeString(t, config, strings.Replace(good, "min_n = 1", "min_n = \"ten\"", 1))
	s := startServe(t, "--config", config, "--port", "0")

	page := s.get(t, "en/", http.StatusInternalServerError, "text/html; charset=utf-8")
	if !strings.Contains(page, `id="elreport-serve-error"`) || !strings.Contains(page, "site.toml: line 2") {
		t.Errorf("the page of a site that did not build does not show the error:\n%s", page)
	}
	events := s.subscribe(t)
	writeString(t, config, good)
	events.waitReload(t)
	s.get(t, "en/", http.StatusOK, "text/html; charset=utf-8")
	s.stop(t)
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--port", "70000"},
		{"serve", "--port", "-1"},
		{"serve", "extra"},
	} {
		_, _, err := run(t, args...)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("elreport %q = %v, want a usage error", args, err)
		}
	}
	_, _, err := run(t, "serve", "--config", filepath.Join(t.TempDir(), "site.toml"), "--port", "0")
	if err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("serve without a site.toml = %v, want an error saying it is not found", err)
	}

	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	_, port, _ := net.SplitHostPort(taken.Addr().String())
	config := filepath.Join(caseSite(t, "build-translation-override"), "site.toml")
	_, _, err = run(t, "serve", "--config", config, "--port", port)
	if err == nil || !strings.Contains(err.Error(), "--port 0 takes a free one") {
		t.Errorf("serve on a port in use = %v, want an error suggesting --port 0", err)
	}
}

func TestSiteFile(t *testing.T) {
	for _, tt := range []struct {
		path, name string
		dir        bool
	}{
		{"/", "index.html", true},
		{"/es/", "es/index.html", true},
		{"/es", "es", false},
		{"/es/index.html", "es/index.html", false},
		{"/es/../../../etc/passwd", "etc/passwd", false},
		{"//static//style.css", "static/style.css", false},
	} {
		name, dir := siteFile(tt.path)
		if name != tt.name || dir != tt.dir {
			t.Errorf("siteFile(%q) = %q, %v; want %q, %v", tt.path, name, dir, tt.name, tt.dir)
		}
	}
}

func TestInject(t *testing.T) {
	page := []byte("<html><body><p>x</p></BODY></html>")
	got := string(inject(page, nil, 3, true))
	if want := `<p>x</p><script>`; !strings.Contains(got, want) || !strings.HasSuffix(got, "</script>\n</BODY></html>") {
		t.Errorf("the script is not just before </body>:\n%s", got)
	}
	if strings.Contains(got, "elreport-serve-error") {
		t.Error("a page of a site that built has the error banner")
	}
	got = string(inject(page, errors.New(`guides/a.es.md:3: <script>alert("x")</script> & more`), 4, true))
	for _, want := range []string{`guides/a.es.md:3: &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more`, "last build that succeeded", "?build=4"} {
		if !strings.Contains(got, want) {
			t.Errorf("the page with the error lacks %q:\n%s", want, got)
		}
	}
	// The banner is announced, and comes first in the page's flow, above its header rather
	// than over it.
	if !strings.HasPrefix(got, `<html><body><div id="elreport-serve-error" role="alert" style="position:sticky;`) ||
		!strings.Contains(got, "</div>\n<p>x</p><script>") {
		t.Errorf("the banner is not the first thing in <body>, in the page's flow:\n%s", got)
	}
	if strings.Contains(got, "position:fixed") || strings.Contains(got, "position:absolute") {
		t.Errorf("the banner is taken out of the page's flow (it would cover the header):\n%s", got)
	}
	site := []byte("<!DOCTYPE html>\n<html lang=\"es\">\n<body class=\"home\">\n<a class=\"skip-link\" href=\"#main\">Ir</a>\n<header class=\"site-header\">…</header>\n</body>\n</html>\n")
	got = string(inject(site, errors.New("site.toml: line 2: unknown key"), 5, true))
	if !strings.Contains(got, "<body class=\"home\">\n<div id=\"elreport-serve-error\" role=\"alert\"") ||
		!strings.Contains(got, "</div>\n<a class=\"skip-link\"") {
		t.Errorf("the banner is not just inside <body class=...>, before the skip link and the header:\n%s", got)
	}
	if strings.Contains(got, `<script>alert`) {
		t.Error("the error's text is not escaped")
	}
	if got := string(inject([]byte("no body"), nil, 1, true)); !strings.HasPrefix(got, "no body<script>") {
		t.Errorf("a page without </body> does not get the script at its end: %q", got)
	}
}

// caseSite writes the inputs of testdata/cases/NAME.txtar into a fresh folder and returns it.
func caseSite(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	writeInputs(t, ar, work)
	return work
}

// served is an elreport serve running for a test.
type served struct {
	stdout, stderr *syncBuffer
	url            string // "http://127.0.0.1:PORT/"
	host           string // "127.0.0.1:PORT"
	client         *http.Client
	cancel         context.CancelFunc
	done           chan error
}

// startServe runs elreport serve with args until the test ends (or stop), and waits for it to
// say where it serves.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{
		stdout: &syncBuffer{}, stderr: &syncBuffer{},
		client: &http.Client{
			Transport: &http.Transport{},
			// The tests look at redirects themselves.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		cancel: cancel,
		done:   make(chan error, 1),
	}
	go func() { s.done <- Run(ctx, append([]string{"serve"}, args...), s.stdout, s.stderr) }()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	m := s.waitOutput(t, s.stdout, `serving (http://(127\.0\.0\.1:[0-9]+)/) — Ctrl\+C to stop`)
	s.url, s.host = m[1], m[2]
	if strings.HasSuffix(s.host, ":0") {
		t.Fatalf("serve --port 0 printed %s, not the port it took", s.url)
	}
	return s
}

// waitOutput waits for a line of out to match pattern and returns the match and its groups.
func (s *served) waitOutput(t *testing.T, out *syncBuffer, pattern string) []string {
	t.Helper()
	re := regexp.MustCompile(`(?m)` + pattern)
	deadline := time.Now().Add(serveDeadline)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve stopped (%v) before printing a line matching %q\nstdout:\n%s\nstderr:\n%s", err, pattern, s.stdout, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no line matching %q after %v\nstdout:\n%s\nstderr:\n%s", pattern, serveDeadline, s.stdout, s.stderr)
		}
	}
}

func (s *served) fetch(t *testing.T, path string) *http.Response {
	t.Helper()
	resp, err := s.client.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// get fetches path and checks its status and Content-Type.
func (s *served) get(t *testing.T, path string, status int, ctype string) string {
	t.Helper()
	resp, err := s.client.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status || resp.Header.Get("Content-Type") != ctype {
		t.Errorf("GET %s: %s, Content-Type %q; want %d, %q", path, resp.Status, resp.Header.Get("Content-Type"), status, ctype)
	}
	return string(body)
}

// events is an open page's stream of server-sent events.
type events struct {
	lines chan string
}

// subscribe opens the event stream as a page's script does, and returns once the server has
// answered, so that a change made after it is seen.
func (s *served) subscribe(t *testing.T) *events {
	t.Helper()
	resp, err := s.client.Get(s.url + "__elreport/events")
	if err != nil {
		t.Fatal(err)
	}
	if ctype := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ctype != "text/event-stream" {
		resp.Body.Close()
		t.Fatalf("the events are %s, %q; want 200, text/event-stream", resp.Status, ctype)
	}
	e := &events{lines: make(chan string, 100)}
	go func() {
		defer close(e.lines)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			e.lines <- sc.Text()
		}
	}()
	// The server's first words, a comment: it is listening.
	select {
	case line := <-e.lines:
		if !strings.HasPrefix(line, ":") {
			t.Fatalf("the event stream begins with %q, want a comment", line)
		}
	case <-time.After(serveDeadline):
		t.Fatal("the event stream said nothing")
	}
	return e
}

// waitReload waits for a "reload" event.
func (e *events) waitReload(t *testing.T) {
	t.Helper()
	timeout := time.After(serveDeadline)
	for {
		select {
		case line, ok := <-e.lines:
			if !ok {
				t.Fatal("the event stream ended before a reload event")
			}
			if line == "event: reload" {
				return
			}
		case <-timeout:
			t.Fatal("no reload event")
		}
	}
}

// stop ends serve's context and checks that Run returns nil, and that none of serve's
// goroutines (the server, its connections, the watcher) is left.
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		if err != nil {
			t.Errorf("serve returned %v after its context ended", err)
		}
	case <-time.After(serveDeadline):
		t.Fatal("serve did not return after its context ended")
	}
	s.client.CloseIdleConnections()
	deadline := time.Now().Add(serveDeadline)
	for {
		left := serveGoroutines()
		if left == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after serve stopped:\n%s", left)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// serveGoroutines returns the stacks of the goroutines of a serve (or of its test's client)
// that are still running.
func serveGoroutines() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		for _, mark := range []string{"main.runServe", "main.(*devServer)", "main.(*watcher)", "fsnotify", "net/http.(*conn).serve", "net/http.(*persistConn)", "main.(*served).subscribe"} {
			if bytes.Contains(g, []byte(mark)) {
				left = append(left, string(g))
				break
			}
		}
	}
	return strings.Join(left, "\n\n")
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader at a time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func writeString(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// watchFolders names every folder a build reads: site.toml's, content/ and templates/ with
// their subfolders (not hidden ones), the data folder, the folders of the files [data.files]
// names, and the public data folder; and, while site.toml does not read, only those beside it.
func TestWatchFolders(t *testing.T) {
	root := t.TempDir()
	siteDir := filepath.Join(root, "site")
	for _, dir := range []string{"content/guides", "content/.git", "templates/static", "public/en"} {
		if err := os.MkdirAll(filepath.Join(siteDir, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(siteDir, "site.toml")
	mcas := filepath.Join(root, "state", "MCAS_*.csv") // an absolute path
	writeString(t, config, fmt.Sprintf(`[data]
dir = "../exports"
[data.files]
access = ["dese/ACCESS_*.csv", "../older/access.csv"]
mcas = %q
[public_data]
dir = "../dese-public"
`, filepath.ToSlash(mcas)))
	got, complete := watchFolders(config)
	want := []string{
		siteDir,
		filepath.Join(siteDir, "content"), filepath.Join(siteDir, "content", "guides"),
		filepath.Join(siteDir, "templates"), filepath.Join(siteDir, "templates", "static"),
		filepath.Join(root, "exports"), filepath.Join(root, "exports", "dese"), filepath.Join(root, "older"),
		filepath.Join(root, "dese-public"), filepath.Dir(mcas),
	}
	if !complete || !sameSet(got, want) {
		t.Errorf("watchFolders = %v, complete %v;\nwant %v, complete", slices.Sorted(maps.Keys(got)), complete, want)
	}

	writeString(t, config, "[data\n")
	got, complete = watchFolders(config)
	want = want[:5]
	if complete || !sameSet(got, want) {
		t.Errorf("with a broken site.toml, watchFolders = %v, complete %v;\nwant %v, not complete", slices.Sorted(maps.Keys(got)), complete, want)
	}
}

func sameSet(got map[string]bool, want []string) bool {
	return slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(slices.Values(want)))
}

// In the folder of site.toml, serve builds again only for what the build reads there: a log
// or notes written beside site.toml would otherwise build again and again (serve's own log,
// redirected there, without end).
func TestWatchCounts(t *testing.T) {
	root := t.TempDir()
	siteDir := filepath.Join(root, "site")
	config := filepath.Join(siteDir, "site.toml")
	w := &watcher{config: config}
	counts := func(text string) map[string]bool {
		writeString(t, config, text)
		folders, complete := watchFolders(config)
		w.site, w.siteNames, w.anyName = siteFolderNames(config, folders, complete)
		got := map[string]bool{}
		for _, name := range []string{"site.toml", "serve.log", "notes.txt", "content", "templates", "data", "exports", "students.csv", "public"} {
			got[name] = w.counts(filepath.Join(siteDir, name))
		}
		return got
	}
	if err := os.MkdirAll(filepath.Join(siteDir, "data", "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	got := counts("[data]\ndir = \"data/2025\"\n")
	want := map[string]bool{"site.toml": true, "serve.log": false, "notes.txt": false, "content": true, "templates": true,
		"data": true, "exports": false, "students.csv": false, "public": false}
	if !maps.Equal(got, want) {
		t.Errorf("[data] dir = \"data/2025\": counts %v, want %v", got, want)
	}
	if !w.counts(filepath.Join(siteDir, "data", "2025", "notes.txt")) || !w.counts(filepath.Join(root, "elsewhere", "x")) {
		t.Error("a change outside the folder of site.toml does not count")
	}
	// The watcher reports names as the disk spells them; a disk may ignore case.
	if !w.counts(filepath.Join(siteDir, "Site.toml")) || !w.counts(filepath.Join(siteDir, "Content")) {
		t.Error("site.toml or content spelled in another case does not count")
	}

	// A site of DESE's public reports alone reads no data folder: its log still builds nothing.
	if err := os.MkdirAll(filepath.Join(siteDir, "pub"), 0o755); err != nil {
		t.Fatal(err)
	}
	got = counts("district = \"01490000\"\n[data]\ndir = \"\"\n[public_data]\ndir = \"pub\"\n")
	if !w.siteNames["pub"] || got["serve.log"] || got["notes.txt"] || !got["site.toml"] || w.anyName {
		t.Errorf("a site of public reports alone: counts %v (names %v, any %v)", got, w.siteNames, w.anyName)
	}

	// The inputs beside site.toml: every change there counts.
	got = counts("[data]\ndir = \".\"\n")
	for name, c := range got {
		if !c {
			t.Errorf("[data] dir = \".\": a change of %s does not count", name)
		}
	}

	// A broken site.toml: every change counts, so that its fix and whatever it names build.
	got = counts("[data\n")
	for name, c := range got {
		if !c {
			t.Errorf("with a broken site.toml, a change of %s does not count", name)
		}
	}
}
