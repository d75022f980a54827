package main

// This file holds elreport serve: a build into memory, served over HTTP, built again when a
// file it reads changes (serve_watch.go), with open pages reloaded through server-sent events.
// Nothing of it reaches a site that build writes: the reload script and the error banner are
// added to the HTML responses of this server only.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"elreport/generator/site"
)

// eventsPath is the address of the server-sent events that tell open pages to reload. It is
// absolute: the server serves the site at its root.
const eventsPath = "/__elreport/events"

// runServe builds the site into memory and serves it until ctx ends, building it again when a
// file it reads changes.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	configPath := fs.String("config", "site.toml", "the site's settings `file`")
	port := fs.Int("port", 1313, "the TCP `port` to serve on; 0 takes a free one")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usageError{"serve", fmt.Errorf("serve: --port must be 0 to 65535, got %d", *port)}
	}
	if _, err := os.Stat(*configPath); err != nil {
		return fmt.Errorf("config: %s not found (run elreport in the folder of site.toml, or pass --config)", *configPath)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("serve: %w (choose another port with --port; --port 0 takes a free one)", err)
	} else if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close() // closed already once served: for the returns before
	if ip := net.ParseIP(*bind); *bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: --bind %s lets other machines read the site being edited; the default, 127.0.0.1, is this machine only\n", *bind)
	}
	w, err := newWatcher(*configPath, stderr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer w.close()

	d := &devServer{config: *configPath, stdout: stdout, stderr: stderr, printed: map[string]bool{}, clients: map[chan struct{}]bool{}}
	w.sync() // before the first build: a change while it runs builds again
	d.build(ctx, nil)
	if ctx.Err() != nil {
		return nil
	}
	srv := &http.Server{
		Handler:           d,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx: the event streams of open pages too, so that Shutdown
		// does not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(stderr, "serve: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "serving http://%s/ — Ctrl+C to stop\n", ln.Addr())

	w.run(ctx, d.build)

	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// devServer serves the last site that built, and tells open pages when a build ends.
type devServer struct {
	config         string
	cache          site.Cache
	stdout, stderr io.Writer
	// printed holds the warnings already printed, so that each rebuild prints only new ones.
	printed map[string]bool

	mu sync.Mutex
	// good is the last site that built; nil until one does.
	good *site.Memory
	// failure is the error of the last build, nil if it built.
	failure error
	// generation counts the builds that ended (built or failed): a page served during one
	// generation reloads when the events say another has begun.
	generation int
	// clients are the event streams of open pages, each told (without blocking) that a build
	// ended.
	clients map[chan struct{}]bool
}

// build builds the site into memory, serves it if it built and otherwise keeps the last one
// with the error shown over it, prints one line, and tells open pages to reload. changed lists
// the files changed since the last build (OS paths, for the line); nil for the first.
func (d *devServer) build(ctx context.Context, changed []string) {
	for _, name := range changed {
		d.cache.Changed(name)
	}
	mem := site.NewMemory()
	sum, err := site.Build(ctx, site.Options{Config: d.config, Output: mem, Cache: &d.cache})
	if ctx.Err() != nil {
		return // stopped: nothing to say
	}
	build, built := "build", "built"
	if changed != nil {
		build, built = "rebuild", "rebuilt"
	}
	why := changedFiles(d.config, changed)
	if err != nil {
		fmt.Fprintf(d.stderr, "%s failed%s: %v\n", build, why, err)
	} else {
		fmt.Fprintf(d.stdout, "%s in %.2fs%s: %d pages, %d downloads, %d charts\n",
			built, sum.Elapsed.Seconds(), why, sum.Pages, sum.Downloads, sum.Charts)
	}
	var lines []string
	for _, w := range sum.Warnings {
		lines = append(lines, "warning: "+w)
	}
	lines = append(lines, missingTranslations(sum.MissingTranslations)...)
	for _, line := range lines {
		if !d.printed[line] {
			d.printed[line] = true
			fmt.Fprintln(d.stderr, line)
		}
	}

	d.mu.Lock()
	if err == nil {
		d.good = mem
	}
	d.failure = err
	d.generation++
	for c := range d.clients {
		select {
		case c <- struct{}{}:
		default: // already told
		}
	}
	d.mu.Unlock()
}

// changedFiles says which files a rebuild follows, for its line: " (content/i18n/es.toml
// changed)", " (3 files changed)", or "" for none.
func changedFiles(config string, changed []string) string {
	switch len(changed) {
	case 0:
		return ""
	case 1:
		return " (" + relativeName(config, changed[0]) + " changed)"
	}
	return fmt.Sprintf(" (%d files changed)", len(changed))
}

// state returns what the server serves now.
func (d *devServer) state() (good *site.Memory, failure error, generation int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.good, d.failure, d.generation
}

func (d *devServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "elreport serve serves a static site: GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == eventsPath {
		d.serveEvents(w, r)
		return
	}
	good, failure, generation := d.state()
	if good == nil {
		respond(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", inject([]byte(noSitePage), failure, generation, false))
		return
	}
	name, dir := siteFile(r.URL.Path)
	status := http.StatusOK
	data, ok := good.File(name)
	if !ok && !dir {
		if _, isDir := good.File(path.Join(name, "index.html")); isDir {
			// A folder's address without its slash: the page's relative links need it.
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if !ok {
		status, name = http.StatusNotFound, "404.html"
		if data, ok = good.File(name); !ok {
			data, name = []byte("404 page not found\n"), "404.txt"
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, failure, generation, true)
	}
	respond(w, r, status, ctype, data)
}

// noSitePage is served, with the error over it, at every address until a build succeeds.
const noSitePage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The site did not build</title></head><body>
</body></html>
`

// siteFile returns the file of the site that a URL path names, slash-separated and relative
// to the site's root: the path itself, or a folder's index.html. dir reports whether the path
// named a folder (it ends in a slash).
func siteFile(urlPath string) (name string, dir bool) {
	dir = strings.HasSuffix(urlPath, "/")
	name = strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if dir || name == "" {
		return path.Join(name, "index.html"), true
	}
	return name, false
}

// respond writes a whole response, never cached: the next build may change any file.
func respond(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveEvents streams server-sent events to an open page: a "reload" event when a build ends.
// A page passes the generation it was served in (?build=N); if a build ended since, it is told
// at once, so that a build ending between the page's load and its connection is not missed.
func (d *devServer) serveEvents(w http.ResponseWriter, r *http.Request) {
	c := make(chan struct{}, 1)
	d.mu.Lock()
	d.clients[c] = true
	since, err := strconv.Atoi(r.URL.Query().Get("build"))
	if err == nil && since != d.generation {
		c <- struct{}{}
	}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.clients, c)
		d.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	rc := http.NewResponseController(w)
	// A comment first, so that the client knows it is listening.
	if _, err := io.WriteString(w, ": elreport serve\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			_, _, generation := d.state()
			if _, err := fmt.Fprintf(w, "event: reload\ndata: %d\n\n", generation); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// inject adds to an HTML page, before its </body>, the script that reloads it when a build
// ends and, if the last build failed, a banner with the error at the top of its <body>. kept
// says whether the page is from the last site that built (or, false, an empty page: no site
// has built yet).
//
// The banner is in the page's flow, above its header, not over it: the header and the
// navigation stay in sight and usable (to reach the page with the mistake). It sticks to the
// top of the window as the page scrolls, since a page reloaded after a failed build keeps its
// place, and role="alert" has screen readers say it.
func inject(page []byte, failure error, generation int, kept bool) []byte {
	var banner bytes.Buffer
	if failure != nil {
		note := "This page is from the last build that succeeded."
		if !kept {
			note = "No build has succeeded yet."
		}
		fmt.Fprintf(&banner, `<div id="elreport-serve-error" role="alert" style="position:sticky;z-index:2147483647;top:0;max-height:40vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff1f0;color:#5c0000;border-bottom:4px solid #b00020;font:15px/1.45 system-ui,sans-serif;text-align:left" dir="ltr" lang="en">
<p style="margin:0 0 .5rem;font-weight:bold">elreport serve: the site did not build. %s It reloads when the error is fixed.</p>
<pre style="margin:0;white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace">%s</pre>
</div>
`, note, html.EscapeString(failure.Error()))
	}
	var script bytes.Buffer
	fmt.Fprintf(&script, `<script>/* elreport serve: reload when the site is built again */
new EventSource("%s").addEventListener("reload", function () { location.reload(); });
</script>
`, eventsPath+"?build="+strconv.Itoa(generation))

	lower := bytes.ToLower(page)
	end := bytes.LastIndex(lower, []byte("</body>"))
	if end < 0 {
		end = len(page)
	}
	// Just inside <body ...>, or at the start of a page without one.
	start := 0
	if i := bytes.Index(lower, []byte("<body")); i >= 0 && i < end {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 && i+j < end {
			start = i + j + 1
			if start < len(page) && page[start] == '\n' {
				start++
			}
		}
	}
	out := make([]byte, 0, len(page)+banner.Len()+script.Len())
	out = append(out, page[:start]...)
	out = append(out, banner.Bytes()...)
	out = append(out, page[start:end]...)
	out = append(out, script.Bytes()...)
	return append(out, page[end:]...)
}
