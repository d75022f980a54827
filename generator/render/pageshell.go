package render

import (
	"bytes"
	"html/template"
	"slices"

	"elreport/templates"
)

// Around each page's own part ("main") layout.html's "page" writes the same shell: the head,
// the header with the languages and the navigation, the breadcrumb, the h1, the footer. With
// the blocks written by blockHTML, executing the shell was most of the templates' time left
// (about 15% of rendering: some forty values, each through an escaper called by reflection).
// Where a page kind's "page" is the built-in one, and its "main" can be executed on its own
// to the same effect, the shell is written by pageHead and pageTail instead, byte for byte
// what "page" writes (TestPageShell executes it and compares), and only "main" is executed
// between them.

// sourceOf returns the source of t's template name ("" when t has none).
func sourceOf(t *template.Template, name string) string {
	if d := t.Lookup(name); d != nil && d.Tree != nil && d.Tree.Root != nil {
		return d.Tree.Root.String()
	}
	return ""
}

// usePageShell says whether the pages of t (a page kind's templates, not yet executed) can
// be written as pageHead, then "main" executed alone, then pageTail: when t's "page" is the
// built-in one (builtin, see builtinKind) and its "main" escapes as a template of its own. Called by "page",
// "main" starts in HTML text, as it does alone; escaped alone it must also end there
// (html/template refuses an entry that ends elsewhere), so the text of "page" after it is
// read as in the built-in page. A "main" that ends in an attribute or a comment is left to
// "page", where its end changes the meaning of what follows.
func usePageShell(t *template.Template, builtin map[string]string) bool {
	if !sameAsBuiltin(t, builtin, "page") || t.Lookup("main") == nil {
		return false
	}
	_, ok := escaped(t, "main")
	return ok
}

// executeShell writes p into out as t's "page" would, with the shell written by pageHead
// and pageTail around t's "main", or around what main writes when it is not nil (see
// mainWriter). On an error (a translation the page lacks, a failing "main") it starts over
// with "page", whose error names the template's place as the build reports it.
func executeShell(t *template.Template, out *bytes.Buffer, p *Page, main mainWriter) error {
	start := out.Len()
	w := htmlWriter{b: out.AvailableBuffer()}
	err := w.pageHead(p)
	if err == nil {
		out.Write(w.b)
		if main != nil {
			out.Grow(main.size(p))
			w = htmlWriter{b: out.AvailableBuffer()}
			if err = main.write(&w, p); err == nil {
				out.Write(w.b)
			}
		} else {
			err = t.ExecuteTemplate(out, "main", p)
		}
	}
	if err == nil {
		w = htmlWriter{b: out.AvailableBuffer()}
		if err = w.pageTail(p); err == nil {
			out.Write(w.b)
			return nil
		}
	}
	out.Truncate(start)
	return t.ExecuteTemplate(out, "page", p)
}

// translated writes p.T(key, args...) as text.
func (w *htmlWriter) translated(p *Page, key string, args ...string) error {
	s, err := p.T(key, args...)
	w.text(s)
	return err
}

// pageHead writes layout.html's "page" up to its call of "main".
func (w *htmlWriter) pageHead(p *Page) error {
	w.raw("<!DOCTYPE html>\n" + `<html lang="`)
	w.text(p.Lang.Code)
	w.raw(`" dir="`)
	w.text(p.Lang.Dir)
	w.raw(`">` + "\n<head>\n" + `<meta charset="utf-8">` + "\n" +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n<title>")
	w.text(p.Title)
	w.raw(" – ")
	w.text(p.SiteTitle)
	w.raw("</title>\n" + `<link rel="stylesheet" href="`)
	w.url(p.Static)
	w.raw(`style.css">` + "\n")
	for _, s := range p.Styles {
		w.raw(`<link rel="stylesheet" href="`)
		w.url(s)
		w.raw(`">` + "\n")
	}
	w.raw(`<link rel="icon" href="`)
	w.url(p.Static)
	w.raw(`favicon.svg" type="image/svg+xml">` + "\n")
	for i := range p.Langs {
		l := &p.Langs[i]
		w.raw(`<link rel="alternate" hreflang="`)
		w.text(l.Lang)
		w.raw(`" href="`)
		w.url(l.Href)
		w.raw(`">` + "\n")
	}
	w.raw(`<link rel="alternate" hreflang="x-default" href="`)
	w.url(p.Root)
	w.raw(`index.html">` + "\n" + `<style media="print">`)
	w.b = p.appendPrintStyle(w.b)
	w.raw("</style>\n</head>\n<body>\n" + `<a class="skip-link" href="#main">`)
	if err := w.translated(p, "site.skip"); err != nil {
		return err
	}
	w.raw("</a>\n" + `<header class="site-header">` + "\n" + `<div class="wrap">` + "\n" +
		`<p class="site-title"><a href="`)
	w.url(p.Home)
	w.raw(`">`)
	if l := p.Logo; l != nil {
		w.raw(`<img class="site-logo" src="`)
		w.url(l.Src)
		w.raw(`" alt="`)
		w.text(l.Alt)
		w.raw(`">`)
	}
	w.text(p.SiteTitle)
	w.raw("</a></p>\n" + `<nav class="languages" aria-label="`)
	if err := w.translated(p, "site.languages"); err != nil {
		return err
	}
	w.raw(`">` + "\n<ul>")
	for i := range p.Langs {
		l := &p.Langs[i]
		w.raw("\n" + `<li><a href="`)
		w.url(l.Href)
		w.raw(`" lang="`)
		w.text(l.Lang)
		w.raw(`" hreflang="`)
		w.text(l.Lang)
		w.raw(`" dir="`)
		w.text(l.Dir)
		w.raw(`"`)
		if l.Current {
			w.raw(` aria-current="true"`)
		}
		w.raw(`>`)
		w.text(l.Text)
		w.raw("</a></li>")
	}
	w.raw("\n</ul>\n</nav>\n")
	if len(p.Nav) > 0 {
		w.raw(`<nav class="main-nav" aria-label="`)
		if err := w.translated(p, "site.nav"); err != nil {
			return err
		}
		w.raw(`">` + "\n<ul>")
		for i := range p.Nav {
			l := &p.Nav[i]
			w.raw("\n" + `<li><a href="`)
			w.url(l.Href)
			w.raw(`"`)
			if l.Current {
				w.raw(` aria-current="page"`)
			}
			w.raw(`>`)
			w.text(l.Text)
			w.raw("</a></li>")
		}
		w.raw("\n</ul>\n</nav>")
	}
	w.raw("\n</div>\n</header>\n")
	if len(p.Crumbs) > 0 {
		w.raw(`<nav class="breadcrumb wrap" aria-label="`)
		if err := w.translated(p, "site.breadcrumb"); err != nil {
			return err
		}
		w.raw(`">` + "\n<ol>")
		for i := range p.Crumbs {
			c := &p.Crumbs[i]
			w.raw("\n<li>")
			if c.Href != "" {
				w.anchor(c.Href, c.Text)
			} else {
				w.raw(`<span aria-current="page">`)
				w.text(c.Text)
				w.raw("</span>")
			}
			w.raw("</li>")
		}
		w.raw("\n</ol>\n</nav>")
	}
	w.raw("\n" + `<main id="main" class="wrap" tabindex="-1">` + "\n<h1")
	w.langDir(p.TitleLang, p.TitleDir)
	w.raw(">")
	w.text(p.Title)
	w.raw("</h1>\n")
	if p.IntroHTML != "" {
		w.raw(`<p class="intro">`)
		w.raw(string(p.IntroHTML))
		w.raw("</p>")
	}
	w.raw("\n")
	return nil
}

// pageTail writes layout.html's "page" after its call of "main".
func (w *htmlWriter) pageTail(p *Page) error {
	w.raw("\n</main>\n" + `<footer class="site-footer">` + "\n" + `<div class="wrap">` + "\n<p>")
	if err := w.translated(p, "site.footer"); err != nil {
		return err
	}
	w.raw("</p>\n" + `<p><a href="`)
	w.url(p.DataHref)
	w.raw(`">`)
	if err := w.translated(p, "site.footer_data"); err != nil {
		return err
	}
	w.raw("</a></p>\n")
	if p.GlossaryHref != "" {
		w.raw(`<p><a href="`)
		w.url(p.GlossaryHref)
		w.raw(`">`)
		if err := w.translated(p, "glossary.footer"); err != nil {
			return err
		}
		w.raw("</a></p>\n")
	}
	if p.Timestamp != "" {
		w.raw("<p>")
		if err := w.translated(p, "site.built", "date", p.Timestamp); err != nil {
			return err
		}
		w.raw("</p>")
	}
	w.raw("\n</div>\n</footer>\n" + `<script src="`)
	w.url(p.Static)
	w.raw(`menu.js"></script>` + "\n" + `<script src="`)
	w.url(p.Static)
	w.raw(`sort.js"></script>` + "\n")
	if p.HasCharts {
		w.raw(`<script src="`)
		w.url(p.Static)
		w.raw(`vendor/echarts/echarts.min.js"></script>` + "\n" + `<script src="`)
		w.url(p.Static)
		w.raw(`charts.js"></script>` + "\n")
	}
	w.raw("</body>\n</html>\n")
	return nil
}

// A mainWriter writes a page kind's "main", where it and every template it calls are the
// built-in ones, byte for byte what they write (TestMainWriters executes them and
// compares): the pages whose "main" executing was the templates' largest cost left.
type mainWriter interface {
	// needs names the templates main calls, besides "main".
	needs() []string
	// size estimates the markup's size.
	size(p *Page) int
	write(w *htmlWriter, p *Page) error
}

// mainWriters are the page kinds' writers of "main".
var mainWriters = map[string]mainWriter{"data": dataMain{}, "school": schoolMain{}, "home": homeMain{},
	"topic": sectionsMain{}, "districts": sectionsMain{}}

// sectionsMain writes the "main" of topic.html and districts.html: the page's sections.
type sectionsMain struct{}

func (sectionsMain) needs() []string {
	return []string{"sections", "section", "block", "chart", "table"}
}

func (sectionsMain) size(p *Page) int { return sectionsSize(p.Sections) }

func (sectionsMain) write(w *htmlWriter, p *Page) error {
	w.raw("\n")
	if err := w.sections(p.Sections); err != nil {
		return err
	}
	w.raw("\n")
	return nil
}

// schoolMain writes school.html's "main": the summary, the headline figures, the contents
// and the sections.
type schoolMain struct{}

func (schoolMain) needs() []string {
	return []string{"summary", "cards", "sections", "section", "block", "chart", "table"}
}

func (schoolMain) size(p *Page) int { return headSize(p) + sectionsSize(p.Sections) }

func (schoolMain) write(w *htmlWriter, p *Page) error {
	if err := checkSections(p.Sections); err != nil {
		return err
	}
	w.raw("\n")
	if err := w.summaryCards(p); err != nil {
		return err
	}
	w.raw("\n" + `<nav class="toc" aria-labelledby="toc-h">` + "\n" + `<h2 id="toc-h">`)
	if err := w.translated(p, "school.contents"); err != nil {
		return err
	}
	w.raw("</h2>\n<ul>")
	for _, s := range p.Sections {
		w.raw("\n" + `<li><a href="#`)
		w.urlPart(s.ID)
		w.raw(`">`)
		w.text(s.Title)
		w.raw("</a></li>")
	}
	w.raw("\n</ul>\n</nav>\n")
	if err := w.sections(p.Sections); err != nil {
		return err
	}
	w.raw("\n")
	return nil
}

// homeMain writes home.html's "main": the summary, the headline figures, the topics and
// the sections.
type homeMain struct{}

func (homeMain) needs() []string {
	return []string{"summary", "cards", "links", "sections", "section", "block", "chart", "table"}
}

func (homeMain) size(p *Page) int { return headSize(p) + linksSize(p.Links) + sectionsSize(p.Sections) }

func (homeMain) write(w *htmlWriter, p *Page) error {
	w.raw("\n")
	if err := w.summaryCards(p); err != nil {
		return err
	}
	w.raw("\n" + `<section class="topics" aria-labelledby="topics-h">` + "\n" + `<h2 id="topics-h">`)
	if err := w.translated(p, "home.topics"); err != nil {
		return err
	}
	w.raw("</h2>\n")
	w.links(p.Links)
	w.raw("\n</section>\n")
	if err := w.sections(p.Sections); err != nil {
		return err
	}
	w.raw("\n")
	return nil
}

// headSize estimates the size of a page's summary, headline figures and contents.
func headSize(p *Page) int {
	n := 600
	for _, s := range p.SummaryHTML {
		n += 12 + len(s)
	}
	for i := range p.Cards {
		c := &p.Cards[i]
		n += 200 + len(c.Href) + len(c.Label) + len(c.Value) + len(c.Note) + len(c.Compare)
	}
	for _, s := range p.Sections {
		if s != nil {
			n += 40 + len(s.ID) + len(s.Title)
		}
	}
	return n
}

// sectionsSize estimates the size of the sections' markup (nil ones left out).
func sectionsSize(ss []*Section) int {
	n := 0
	for _, s := range ss {
		if s == nil {
			continue
		}
		n += 300 + 4*len(s.ID) + len(s.Title) + len(s.IntroHTML) + len(s.LackingIntro)
		for _, l := range s.Lacking {
			n += 10 + len(l)
		}
		for _, b := range s.Blocks {
			if b != nil && b.Table != nil {
				n += b.size()
			}
		}
	}
	return n
}

// sections writes layout.html's "sections"; a nil section, or a block without a table, is
// an error (the templates fail on it too).
func (w *htmlWriter) sections(ss []*Section) error {
	if err := checkSections(ss); err != nil {
		return err
	}
	for _, s := range ss {
		w.section(s)
	}
	return nil
}

// summaryCards writes layout.html's "summary", a newline and "cards", as school.html and
// home.html call them.
func (w *htmlWriter) summaryCards(p *Page) error {
	if len(p.Summary) > 0 {
		w.raw(`<section class="summary" aria-labelledby="summary-h">` + "\n" + `<h2 id="summary-h">`)
		if err := w.translated(p, "home.summary"); err != nil {
			return err
		}
		w.raw("</h2>\n<ul>")
		for _, s := range p.SummaryHTML {
			w.raw("\n<li>")
			w.raw(string(s))
			w.raw("</li>")
		}
		w.raw("\n</ul>\n</section>")
	}
	w.raw("\n")
	if len(p.Cards) > 0 {
		w.raw(`<section class="headline" aria-labelledby="cards-h">` + "\n" + `<h2 id="cards-h">`)
		if err := w.translated(p, "home.cards", "year", p.Year); err != nil {
			return err
		}
		w.raw("</h2>\n" + `<ul class="cards">`)
		for i := range p.Cards {
			c := &p.Cards[i]
			w.raw("\n" + `<li class="card`)
			if c.Suppressed {
				w.raw(" suppressed")
			}
			w.raw(`"><a href="`)
			w.url(c.Href)
			w.raw(`"><span class="card-label">`)
			w.text(c.Label)
			w.raw("</span>\n" + `<span class="card-value">`)
			w.text(c.Value)
			w.raw("</span>")
			if c.Note != "" {
				w.raw("\n" + `<span class="card-note">`)
				w.text(c.Note)
				w.raw("</span>")
			}
			if c.Compare != "" {
				w.raw("\n" + `<span class="card-note">`)
				w.text(c.Compare)
				w.raw("</span>")
			}
			w.raw("</a></li>")
		}
		w.raw("\n</ul>\n</section>")
	}
	return nil
}

// builtinKind returns the source, as the parser gives it back, of each template of the
// built-in layout.html with the page kind's file: what a site's templates are compared
// with before a writer stands in for them.
func builtinKind(kind string) (map[string]string, error) {
	t, err := template.New("layout.html").ParseFS(templates.FS, "layout.html", kind+".html")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string)
	for _, tt := range t.Templates() {
		out[tt.Name()] = sourceOf(t, tt.Name())
	}
	return out, nil
}

// mainWriterFor returns the writer of kind's "main" when t's "main", and every template it
// calls, are the built-in ones (builtin, see builtinKind); nil otherwise. t is not yet
// changed by useBlockHTML.
func mainWriterFor(t *template.Template, kind string, builtin map[string]string) mainWriter {
	m, ok := mainWriters[kind]
	if !ok {
		return nil
	}
	if !sameAsBuiltin(t, builtin, append([]string{"main"}, m.needs()...)...) {
		return nil
	}
	return m
}

// dataMain writes data.html's "main": the page's downloads, the privacy rule, the
// definitions, the data-quality ledger and the translation coverage.
type dataMain struct{}

func (dataMain) needs() []string { return []string{"links", "section", "block", "chart", "table"} }

func (dataMain) size(p *Page) int {
	d := p.Data
	if d == nil {
		return 0
	}
	n := 2000 + len(d.Suppression) + linksSize(p.Links) + linksSize(d.Districts)
	for _, g := range d.Downloads {
		n += 60 + len(g.Title) + len(g.Href)
		for _, f := range g.Files {
			n += 40 + len(f.Href) + len(f.Text)
		}
	}
	for _, g := range d.Definitions {
		n += 60 + len(g.Title)
		for _, t := range g.Terms {
			n += 40 + len(t.ID) + len(t.Term) + len(t.Text)
		}
	}
	return n + sectionsSize([]*Section{d.Quality, d.Coverage})
}

func (dataMain) write(w *htmlWriter, p *Page) error {
	d := p.Data
	if d == nil {
		return nil
	}
	if err := checkSections(slices.DeleteFunc([]*Section{d.Quality, d.Coverage}, func(s *Section) bool { return s == nil })); err != nil {
		return err
	}
	w.raw("\n")
	if len(p.Links) > 0 {
		w.links(p.Links)
	}
	w.raw("\n" + `<section class="section" id="downloads" aria-labelledby="downloads-h">` + "\n" + `<h2 id="downloads-h">`)
	if err := w.translated(p, "data.downloads.title"); err != nil {
		return err
	}
	w.raw("</h2>\n<p>")
	if err := w.translated(p, "data.downloads.intro"); err != nil {
		return err
	}
	w.raw("</p>\n")
	for _, g := range d.Downloads {
		w.raw("<h3>")
		if g.Href != "" {
			w.anchor(g.Href, g.Title)
		} else {
			w.text(g.Title)
		}
		w.raw("</h3>\n" + `<ul class="downloads">`)
		for _, f := range g.Files {
			w.raw("\n" + `<li><a href="`)
			w.url(f.Href)
			w.raw(`" download>`)
			w.text(f.Text)
			w.raw("</a></li>")
		}
		w.raw("\n</ul>\n")
	}
	if len(d.Districts) > 0 {
		w.raw("<h3>")
		if err := w.translated(p, "data.districts"); err != nil {
			return err
		}
		w.raw("</h3>\n")
		w.links(d.Districts)
		w.raw("\n")
	}
	w.raw("</section>\n" + `<section class="section" id="privacy" aria-labelledby="privacy-h">` + "\n" + `<h2 id="privacy-h">`)
	if err := w.translated(p, "data.privacy.title"); err != nil {
		return err
	}
	w.raw("</h2>\n<p>")
	w.text(d.Suppression)
	w.raw("</p>\n</section>\n" + `<section class="section" id="definitions" aria-labelledby="definitions-h">` + "\n" +
		`<h2 id="definitions-h">`)
	if err := w.translated(p, "data.definitions.title"); err != nil {
		return err
	}
	w.raw("</h2>\n")
	if p.GlossaryHref != "" {
		w.raw(`<p class="more"><a href="`)
		w.url(p.GlossaryHref)
		w.raw(`">`)
		if err := w.translated(p, "glossary.data_link"); err != nil {
			return err
		}
		w.raw("</a></p>\n")
	}
	for _, g := range d.Definitions {
		w.raw("<h3>")
		w.text(g.Title)
		w.raw("</h3>\n" + `<dl class="definitions">`)
		for _, t := range g.Terms {
			w.raw("\n" + `<dt id="`)
			w.text(t.ID)
			w.raw(`">`)
			w.text(t.Term)
			w.raw("</dt>\n<dd>")
			w.text(t.Text)
			w.raw("</dd>")
		}
		w.raw("\n</dl>\n")
	}
	w.raw("</section>\n")
	if d.Quality != nil {
		w.section(d.Quality)
	}
	w.raw("\n")
	if d.Coverage != nil {
		w.section(d.Coverage)
	}
	w.raw("\n")
	return nil
}

// linksSize estimates the size of links' markup.
func linksSize(ls []Link) int {
	n := 40
	for _, l := range ls {
		n += 60 + len(l.Href) + len(l.Text) + len(l.Lang) + len(l.Dir) + len(l.Note)
	}
	return n
}

// links writes layout.html's "links".
func (w *htmlWriter) links(ls []Link) {
	w.raw(`<ul class="link-list">`)
	for i := range ls {
		l := &ls[i]
		w.raw("\n" + `<li><a href="`)
		w.url(l.Href)
		w.raw(`"`)
		w.langDir(l.Lang, l.Dir)
		w.raw(">")
		w.text(l.Text)
		w.raw("</a>")
		if l.Note != "" {
			w.raw("\n" + `<span class="link-note">`)
			w.text(l.Note)
			w.raw("</span>")
		}
		w.raw("</li>")
	}
	w.raw("\n</ul>")
}
