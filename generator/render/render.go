// Package render turns the figures of a build into the static site: pages in every language of
// the site, charts, data tables and their CSV downloads.
//
// # Contract
//
// Render reads the figures (compute.Result, already suppressed), the data-quality ledger
// (load.Report), the templates (html/template files and static assets; the embedded defaults of
// package templates overlaid by the site's own templates/ folder) and the content (translation
// files in i18n/ and guides in guides/). It writes every file through an Output, from one
// goroutine at a time.
//
// Where pages go is described on [scheme]: every page exists in every language under
// "<lang>/"; a site with one district has the district's pages at the top of each language, a
// site with several has them under "<lang>/districts/<district>/". Besides the pages:
// "index.html" (the language chooser, which follows the browser's preference when JavaScript
// runs), "404.html" (self-contained, in every language), "sitemap.xml" (absolute addresses
// from site.toml's base_url; relative ones without it), "static/" (the stylesheet, scripts and
// the pinned copy of ECharts), and the downloads under "data/": "data/metrics.csv" with every
// figure, and a CSV per table of exactly the figures it shows, both in compute.WriteCSV's
// layout.
//
// Every link and asset reference is relative to the page, so the site works from any sub-path
// of a static host and from file://; nothing is loaded from another host.
//
// # Templates
//
// layout.html defines "page" (the document around the content) and the partials; each page
// kind has a file defining "main": home.html, districts.html, topic.html, school.html,
// data.html, guides.html and guide.html. root.html and notfound.html are whole documents.
// Templates receive a *Page whose texts are already translated and whose addresses are already
// relative; {{.T "key"}} translates more, and a key the default language lacks stops the build
// naming the template and line.
//
// # Determinism
//
// Output is byte-identical for the same input: figures are looked up in sorted orders, floats
// are formatted at fixed precision, chart ids derive from the page and chart name, and no time
// is printed unless site.toml sets timestamp.
package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/guide"
	"elreport/generator/i18n"
	"elreport/generator/load"
	"elreport/generator/metric"
)

// Site is what Render needs.
type Site struct {
	Config *config.Config
	Result *compute.Result
	// Report is the load's ledger, shown on the data page; nil leaves that section out.
	Report *load.Report
	// Templates holds the html/template files and static/ (templates.FS overlaid by the site's
	// own templates/ folder).
	Templates fs.FS
	// Content holds i18n/<code>.toml and guides/<slug>.<lang>.md.
	Content fs.FS
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Guide renders a guide's Markdown; nil uses generator/guide.
	Guide GuideRenderer
}

// Output receives the files of the site. name is a slash path relative to the site root.
// Render calls WriteFile from one goroutine at a time and reuses data after it returns.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Stats counts what Render wrote.
type Stats struct {
	Pages, Downloads, Charts int
	// Missing lists, per language, the translation keys that fell back to the default language.
	Missing map[string][]string
	// Coverage is the translation coverage of the families' home languages.
	Coverage []Coverage
}

// pageKinds are the page templates, each a file defining "main".
var pageKinds = []string{"home", "districts", "topic", "school", "data", "guides", "guide"}

// run is one rendering of a site: everything parsed and indexed once, shared by the workers.
type run struct {
	site   Site
	cfg    *config.Config
	ix     *index
	bundle *i18n.Bundle
	scheme scheme
	guides *guideSet
	// guideRenderer is Site.Guide, or generator/guide's.
	guideRenderer GuideRenderer

	pages          map[string]*template.Template
	root, notFound *template.Template
	bufs           sync.Pool
}

// Render writes the site.
func Render(ctx context.Context, s Site, out Output) (Stats, error) {
	r, err := newRun(s)
	if err != nil {
		return Stats{}, err
	}
	return r.render(ctx, out)
}

func newRun(s Site) (*run, error) {
	if s.Config == nil || s.Result == nil {
		return nil, errors.New("render: no config or no figures")
	}
	if s.Templates == nil || s.Content == nil {
		return nil, errors.New("render: no templates or no content")
	}
	if len(s.Result.Districts) == 0 {
		return nil, errors.New("render: the data has no district")
	}
	if s.Log == nil {
		s.Log = io.Discard
	}
	r := &run{site: s, cfg: s.Config, ix: newIndex(s.Result)}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	bundle, err := i18n.Load(s.Content, "i18n", s.Config.Languages, s.Config.DefaultLanguage)
	if err != nil {
		return nil, err
	}
	r.bundle = bundle
	codes := bundle.Codes()
	if r.guides, err = findGuides(s.Content, codes); err != nil {
		return nil, fmt.Errorf("guides: %w", err)
	}
	r.guideRenderer = s.Guide
	if r.guideRenderer == nil {
		g := guide.NewRenderer()
		r.guideRenderer = func(file string, src []byte, figure func([]string) (string, error)) (GuidePage, error) {
			p, err := g.Render(file, src, figure)
			return GuidePage(p), err
		}
	}
	r.scheme.multi = len(s.Result.Districts) > 1
	if len(s.Result.Districts) == 1 {
		r.scheme.featured = &s.Result.Districts[0]
	}
	if s.Config.District != "" {
		r.scheme.featured = nil
		for i := range s.Result.Districts {
			if d := &s.Result.Districts[i]; d.Code == s.Config.District || d.Name == s.Config.District {
				r.scheme.featured = d
			}
		}
		if r.scheme.featured == nil {
			return nil, fmt.Errorf("site.toml: district %q is not in the data", s.Config.District)
		}
	}
	if err := r.parseTemplates(); err != nil {
		return nil, err
	}
	return r, nil
}

// parseTemplates parses the templates once per build: layout.html with each page kind's file,
// and the two whole documents; then checks every translation key they use.
func (r *run) parseTemplates() error {
	fsys := r.site.Templates
	base, err := template.New("layout.html").ParseFS(fsys, "layout.html")
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	r.pages = make(map[string]*template.Template, len(pageKinds))
	var errs []error
	for _, kind := range pageKinds {
		t, err := template.Must(base.Clone()).ParseFS(fsys, kind+".html")
		if err != nil {
			errs = append(errs, fmt.Errorf("templates: %w", err))
			continue
		}
		r.pages[kind] = t
	}
	if r.root, err = template.ParseFS(fsys, "root.html"); err != nil {
		errs = append(errs, fmt.Errorf("templates: %w", err))
	}
	if r.notFound, err = template.ParseFS(fsys, "notfound.html"); err != nil {
		errs = append(errs, fmt.Errorf("templates: %w", err))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	seen := map[string]bool{}
	for _, kind := range pageKinds {
		errs = append(errs, checkKeys(r.pages[kind], r.bundle.Has, seen)...)
	}
	errs = append(errs, checkKeys(r.root, r.bundle.Has, seen)...)
	errs = append(errs, checkKeys(r.notFound, r.bundle.Has, seen)...)
	return errors.Join(errs...)
}

// checkKeys reports every {{.T "key"}} (or $.T, or a variable's .T) whose key the default
// language does not define, as "templates: home.html:12:8: unknown translation key ...".
func checkKeys(t *template.Template, has func(string) bool, seen map[string]bool) []error {
	var errs []error
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		tree := tt.Tree
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n == nil {
					return
				}
				for _, c := range n.Nodes {
					walk(c)
				}
			case *parse.ActionNode:
				walk(n.Pipe)
			case *parse.IfNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				walk(n.Pipe)
			case *parse.PipeNode:
				if n == nil {
					return
				}
				for _, c := range n.Cmds {
					walk(c)
				}
			case *parse.CommandNode:
				if len(n.Args) >= 2 && isTranslateCall(n.Args[0]) {
					if s, ok := n.Args[1].(*parse.StringNode); ok && !has(s.Text) {
						loc, _ := tree.ErrorContext(s)
						msg := fmt.Sprintf("templates: %s: unknown translation key %q", loc, s.Text)
						if !seen[msg] {
							seen[msg] = true
							errs = append(errs, errors.New(msg))
						}
					}
				}
				for _, a := range n.Args {
					walk(a)
				}
			}
		}
		walk(tree.Root)
	}
	return errs
}

// isTranslateCall says whether a command calls the T method: .T, $.T, $x.T.
func isTranslateCall(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return len(n.Ident) > 0 && n.Ident[len(n.Ident)-1] == "T"
	case *parse.VariableNode:
		return len(n.Ident) > 1 && n.Ident[len(n.Ident)-1] == "T"
	case *parse.ChainNode:
		return len(n.Field) > 0 && n.Field[len(n.Field)-1] == "T"
	}
	return false
}

// job is one page to render in one language.
type job struct {
	lang config.Language
	kind string
	path string
	// csvDir is the folder of the page's downloads; writeCSV is set for one language (the
	// default) and the page's own address, so that each download is written once.
	csvDir   string
	writeCSV bool
	district *compute.District
	school   *compute.School
	topic    metric.Topic // topic pages
	slug     string       // guide pages
	site     bool         // data page: with the site-wide parts
}

// jobs lists the pages of one language.
func (r *run) jobs(lang config.Language) []job {
	sc, code := r.scheme, lang.Code
	canonical := code == r.cfg.DefaultLanguage
	var jobs []job
	if sc.multi {
		jobs = append(jobs,
			job{lang: lang, kind: "districts", path: sc.districtList(code), csvDir: "data/", writeCSV: canonical},
			job{lang: lang, kind: "data", path: sc.siteData(code), csvDir: "data/", writeCSV: canonical, site: true})
		if f := sc.featured; f != nil {
			jobs = append(jobs, job{lang: lang, kind: "home", path: sc.siteHome(code), district: f,
				csvDir: sc.districtData(f.Code) + "home/"})
		} else {
			jobs = append(jobs, job{lang: lang, kind: "districts", path: sc.siteHome(code), csvDir: "data/"})
		}
	}
	for i := range r.ix.result.Districts {
		d := &r.ix.result.Districts[i]
		dataDir := sc.districtData(d.Code)
		jobs = append(jobs, job{lang: lang, kind: "home", path: sc.home(code, d.Code), district: d,
			csvDir: dataDir + "home/", writeCSV: canonical})
		for _, t := range topics {
			jobs = append(jobs, job{lang: lang, kind: "topic", path: sc.topic(code, d.Code, t.Slug()), district: d,
				topic: t, csvDir: dataDir + t.Slug() + "/", writeCSV: canonical})
		}
		for j := range d.Schools {
			s := &d.Schools[j]
			jobs = append(jobs, job{lang: lang, kind: "school", path: sc.school(code, d.Code, s.Code), district: d,
				school: s, csvDir: dataDir + "schools/" + pathSegment(s.Code) + "/", writeCSV: canonical})
		}
		// The data page of a one-district site is also the site's.
		jobs = append(jobs, job{lang: lang, kind: "data", path: sc.data(code, d.Code), district: d,
			csvDir: "data/", writeCSV: canonical, site: !sc.multi})
		jobs = append(jobs, job{lang: lang, kind: "guides", path: sc.guides(code, d.Code), district: d})
		for _, slug := range r.guides.slugs {
			jobs = append(jobs, job{lang: lang, kind: "guide", path: sc.guide(code, d.Code, slug), district: d, slug: slug})
		}
	}
	return jobs
}

// build builds a job's page model.
func (r *run) build(j job) (*pageBuilder, error) {
	pb := newPageBuilder(r, j.lang, j.path, j.csvDir)
	pb.page.Home = pb.href(r.scheme.siteHome(j.lang.Code))
	if j.district != nil {
		pb.page.DataHref = pb.href(r.scheme.data(j.lang.Code, j.district.Code))
	} else {
		pb.page.DataHref = pb.href(r.scheme.siteData(j.lang.Code))
	}
	switch j.kind {
	case "home":
		pb.buildHome(j.district, r.scheme.home(j.lang.Code, j.district.Code))
	case "topic":
		pb.buildTopic(j.district, j.topic)
	case "school":
		pb.buildSchool(j.district, j.school)
	case "districts":
		pb.buildDistricts(r.scheme.districtList(j.lang.Code))
	case "data":
		pb.buildData(j.district, j.site, j.path)
	case "guides":
		if err := pb.buildGuides(j.district); err != nil {
			return nil, err
		}
	case "guide":
		if err := pb.buildGuide(j.district, j.slug); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("render: unknown page kind %q", j.kind)
	}
	for _, s := range pb.page.Sections {
		if len(s.Blocks) == 0 && s.Intro == "" {
			s.Intro = pb.t("section.empty")
		}
	}
	for _, t := range pb.tables {
		t.finish()
	}
	return pb, nil
}

// file is one file for the writer; buf, when set, goes back to the pool once written.
type file struct {
	name string
	data []byte
	buf  *bytes.Buffer
}

// renderJob renders a page, and its downloads when the job writes them.
func (r *run) renderJob(j job) ([]file, int, error) {
	pb, err := r.build(j)
	if err != nil {
		return nil, 0, err
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	if err := r.pages[pb.page.Kind].ExecuteTemplate(buf, "page", pb.page); err != nil {
		r.bufs.Put(buf)
		return nil, 0, fmt.Errorf("render %s: %w", j.path, err)
	}
	files := []file{{name: j.path, data: buf.Bytes(), buf: buf}}
	if j.writeCSV {
		for _, t := range pb.tables {
			if len(t.figs) == 0 && t.rows == nil {
				continue
			}
			data, err := tableCSV(t)
			if err != nil {
				r.bufs.Put(buf)
				return nil, 0, fmt.Errorf("render %s: %w", t.csvPath, err)
			}
			files = append(files, file{name: t.csvPath, data: data})
		}
	}
	return files, pb.charts, nil
}

// errorList collects the errors of concurrent workers, up to a bound.
type errorList struct {
	mu   sync.Mutex
	errs []error
	more int
}

func (e *errorList) add(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.errs) < 20 {
		e.errs = append(e.errs, err)
	} else {
		e.more++
	}
}

func (e *errorList) err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.more > 0 {
		return errors.Join(append(e.errs, fmt.Errorf("and %d more errors", e.more))...)
	}
	return errors.Join(e.errs...)
}

func (r *run) render(ctx context.Context, out Output) (Stats, error) {
	logw := r.site.Log
	var pages, downloads, charts atomic.Int64
	write := func(name string, data []byte) error {
		if err := out.WriteFile(name, data); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	}

	// The files around the pages, first, from this goroutine.
	if err := r.writeStatic(write); err != nil {
		return Stats{}, err
	}
	for _, f := range []struct {
		name string
		t    *template.Template
		data any
	}{
		{"index.html", r.root, r.rootPage()},
		{"404.html", r.notFound, r.notFoundPage()},
	} {
		var buf bytes.Buffer
		if err := f.t.Execute(&buf, f.data); err != nil {
			return Stats{}, fmt.Errorf("render %s: %w", f.name, err)
		}
		if err := write(f.name, buf.Bytes()); err != nil {
			return Stats{}, err
		}
		pages.Add(1)
	}
	metrics, err := figuresCSV(r.ix.result.Figures)
	if err != nil {
		return Stats{}, err
	}
	if err := write("data/metrics.csv", metrics); err != nil {
		return Stats{}, err
	}
	downloads.Add(1)

	// The pages, concurrently; one writer.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var errs errorList
	jobsCh := make(chan job)
	filesCh := make(chan file, 64)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobsCh {
				if ctx.Err() != nil {
					continue
				}
				files, n, err := r.renderJob(j)
				if err != nil {
					errs.add(err)
					cancel()
					continue
				}
				charts.Add(int64(n))
				for _, f := range files {
					filesCh <- f
				}
			}
		}()
	}
	written := make(chan struct{})
	go func() {
		defer close(written)
		failed := false
		for f := range filesCh {
			if !failed {
				if err := write(f.name, f.data); err != nil {
					errs.add(err)
					failed = true
					cancel()
				} else if strings.HasSuffix(f.name, ".html") {
					pages.Add(1)
				} else {
					downloads.Add(1)
				}
			}
			if f.buf != nil {
				r.bufs.Put(f.buf)
			}
		}
	}()
	var paths []string
produce:
	for _, lang := range r.cfg.Languages {
		jobs := r.jobs(lang)
		fmt.Fprintf(logw, "rendering %s: %d pages\n", lang.Code, len(jobs))
		for _, j := range jobs {
			paths = append(paths, j.path)
			select {
			case jobsCh <- j:
			case <-ctx.Done():
				break produce
			}
		}
	}
	close(jobsCh)
	wg.Wait()
	close(filesCh)
	<-written
	if err := errs.err(); err != nil {
		return Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	if unknown := r.bundle.Unknown(); len(unknown) > 0 {
		return Stats{}, fmt.Errorf("render: unknown translation keys (not in %s.toml): %s",
			r.cfg.DefaultLanguage, strings.Join(unknown, ", "))
	}
	if err := r.writeSitemap(write, paths); err != nil {
		return Stats{}, err
	}
	stats := Stats{Pages: int(pages.Load()), Downloads: int(downloads.Load()), Charts: int(charts.Load()),
		Missing: r.bundle.Missing(), Coverage: r.coverage()}
	fmt.Fprintf(logw, "rendered %d pages, %d charts, %d downloads\n", stats.Pages, stats.Charts, stats.Downloads)
	return stats, nil
}

// writeStatic copies static/ of the templates to the site.
func (r *run) writeStatic(write func(string, []byte) error) error {
	return fs.WalkDir(r.site.Templates, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if isNotExist(err) && name == "static" {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(r.site.Templates, name)
		if err != nil {
			return err
		}
		return write(name, data)
	})
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// rootDoc is what root.html and notfound.html receive.
type rootDoc struct {
	// Lang is the default language; Langs offers every language with its own words.
	Lang      config.Language
	SiteTitle string
	Langs     []rootLang
}

// rootLang is one language on the language chooser and the 404 page, in that language.
type rootLang struct {
	Code, Name, Dir string
	Href            string // the language's home, from the root
	Open            string // "Open the report in English", in the language
	NotFound        string // "This page does not exist.", in the language
}

func (r *run) rootPage() rootDoc {
	def, _ := r.cfg.Language(r.cfg.DefaultLanguage)
	doc := rootDoc{Lang: def, SiteTitle: r.cfg.TitleIn(def.Code)}
	for _, l := range r.cfg.Languages {
		loc := r.bundle.For(l.Code)
		doc.Langs = append(doc.Langs, rootLang{Code: l.Code, Name: l.Name, Dir: l.Dir,
			Href: r.scheme.siteHome(l.Code), Open: loc.T("root.open"), NotFound: loc.T("notfound.text")})
	}
	return doc
}

// notFoundPage is the 404 page's content. A static host serves 404.html at whatever address
// was missing, at any depth, where links relative to the site root would break; so when
// site.toml gives base_url the links are absolute addresses of the site itself.
func (r *run) notFoundPage() rootDoc {
	doc := r.rootPage()
	if r.cfg.BaseURL == "" {
		return doc
	}
	base := strings.TrimSuffix(r.cfg.BaseURL, "/") + "/"
	for i := range doc.Langs {
		doc.Langs[i].Href = base + doc.Langs[i].Href
	}
	return doc
}

// maxSitemapURLs is the sitemap protocol's limit per file.
const maxSitemapURLs = 50000

// writeSitemap writes sitemap.xml listing every page, with absolute addresses from base_url
// (split into files of 50,000 addresses under a sitemap index when larger). Without base_url
// the addresses are relative to sitemap.xml itself: a list of the site's pages, but not a
// sitemap search engines accept (the protocol wants absolute addresses), as the build log says.
func (r *run) writeSitemap(write func(string, []byte) error, paths []string) error {
	base := r.cfg.BaseURL
	if base == "" {
		fmt.Fprintln(r.site.Log, "sitemap.xml has relative addresses: set base_url in site.toml for search engines")
	} else if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	all := append([]string{"index.html"}, paths...)
	urlset := func(paths []string) []byte {
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range paths {
			buf.WriteString("<url><loc>")
			xml.EscapeText(&buf, []byte(base+p))
			buf.WriteString("</loc></url>\n")
		}
		buf.WriteString("</urlset>\n")
		return buf.Bytes()
	}
	if len(all) <= maxSitemapURLs {
		return write("sitemap.xml", urlset(all))
	}
	var index bytes.Buffer
	index.WriteString(xml.Header)
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i*maxSitemapURLs < len(all); i++ {
		part := all[i*maxSitemapURLs : min(len(all), (i+1)*maxSitemapURLs)]
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if err := write(name, urlset(part)); err != nil {
			return err
		}
		index.WriteString("<sitemap><loc>")
		xml.EscapeText(&index, []byte(base+name))
		index.WriteString("</loc></sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	return write("sitemap.xml", index.Bytes())
}
