// Package render turns the figures of a build into the static site: pages in every language of
// the site, charts, data tables and their CSV downloads.
//
// # Contract
//
// Render reads the figures (compute.Result, already suppressed), the data-quality ledger
// (load.Report), the templates (html/template files and static assets; the embedded defaults of
// package templates overlaid by the site's own templates/ folder) and the content (translation
// files in i18n/, guides in guides/, the plan's words in goals/ and glossaries in glossary/). It
// writes every file through an Output, from one goroutine at a time.
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
// On a site built from DESE's public reports alone (Site.PublicOnly) with several districts,
// each district's pages take their years, their headline year and what the reports lack from
// that district's own figures, so that they are the pages of a site of that district alone;
// the list of districts sets each district beside the state, each measure in its latest year.
//
// Every link and asset reference is relative to the page, so the site works from any sub-path
// of a static host and from file://; nothing is loaded from another host.
//
// # Glossary
//
// Each language's glossary (glossary/<lang>.toml, read by package glossary; a language without
// one uses the default language's) is the page "<lang>/glossary.html", linked from every page's
// footer, the home page and the data page. On the other pages, the first use of each term in
// the page's sentences (the introduction, the summary, and the introductions and texts of
// sections and blocks; never a table, a chart or a heading) links to the term's entry.
//
// # Templates
//
// layout.html defines "page" (the document around the content) and the partials; each page
// kind has a file defining "main": home.html, districts.html, topic.html, school.html,
// data.html, guides.html, guide.html, plan.html and glossary.html. root.html and notfound.html
// are whole documents. Templates receive a *Page whose texts are already translated and whose
// addresses are already relative; {{.T "key"}} translates more, and a key the default language
// lacks stops the build naming the template and line. The sentences that may hold glossary
// links come twice: as text (Intro) and as HTML with the links (IntroHTML); a template that
// writes the text has no links.
//
// # Determinism
//
// Output is byte-identical for the same input: figures are looked up in sorted orders, floats
// are formatted at fixed precision, chart ids derive from the page and chart name, and no time
// is printed unless site.toml sets timestamp.
package render

// This file holds the package's entry point, Render, with the types of its contract (Site,
// Output, Stats) and run, the state one rendering shares.

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/goal"
	"elreport/generator/guide"
	"elreport/generator/i18n"
	"elreport/generator/load"
	"elreport/generator/metric"
	"elreport/generator/public"
)

// Site is what Render needs.
type Site struct {
	Config *config.Config
	// ConfigName is site.toml's path as the user gave it (--config), for messages; "" is
	// "site.toml".
	ConfigName string
	Result     *compute.Result
	// Report is the load's ledger, shown on the data page; nil leaves that section out.
	Report *load.Report
	// Headline is the year whose figures the pages lead with ("latest"); 0, or a year not in
	// Result.Years, means the latest year of Result.Years. See load.Report.HeadlineYear.
	Headline int
	// Templates holds the html/template files and static/ (templates.FS overlaid by the site's
	// own templates/ folder).
	Templates fs.FS
	// Content holds i18n/<code>.toml, guides/<slug>.<lang>.md, goals/<id>.<lang>.md and
	// glossary/<code>.toml.
	Content fs.FS
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Guide renders a guide's Markdown; nil uses generator/guide.
	Guide GuideRenderer
	// Goals are the improvement plan's goals, tracked against Result (generator/goal); their
	// words are in Content's goals/<id>.<lang>.md.
	Goals []goal.Progress
	// Public is DESE's public report exports (generator/public), for the comparisons with
	// the state and, per district code of Result, the districts Compare lists (codes); nil for
	// none. A district is never compared with itself.
	Public []public.File
	// PublicOnly says the site is built from Public alone ([data] dir = ""): Result's figures
	// are DESE's own (compute.FromPublic), so every pair is compared whatever
	// public.Definition says, and the pages say that a figure the reports do not give needs
	// the district's own files.
	PublicOnly bool
	Compare    map[string][]string
}

// Output receives the files of the site. name is a slash path relative to the site root.
// Render calls WriteFile from one goroutine at a time (unless the Output is a
// ConcurrentOutput) and reuses data after it returns.
type Output interface {
	WriteFile(name string, data []byte) error
}

// ConcurrentOutput is an Output whose WriteFile may be called from several goroutines at
// once; Render then writes with as many writers as the machine has cores (a file system
// spends most of a small file's write waiting, so one writer holds back the rendering).
type ConcurrentOutput interface {
	Output
	// WritesConcurrently marks the Output; it does nothing.
	WritesConcurrently()
}

// StreamOutput is a ConcurrentOutput that also takes a file as it is written: Render writes
// data/metrics.csv (every figure: 170 MB at state scale) through it, where it would
// otherwise hold the whole file in memory until it is written.
type StreamOutput interface {
	ConcurrentOutput
	// CreateFile returns a writer of the file name, which may be used while WriteFile is
	// called from other goroutines; the file is complete when Close returns nil.
	CreateFile(name string) (io.WriteCloser, error)
}

// Stats counts what Render wrote.
type Stats struct {
	Pages, Downloads, Charts int
	// Writing is the time spent in Output.WriteFile, added up over the writers.
	Writing time.Duration
	// Missing lists, per language, the translation keys that fell back to the default language.
	Missing map[string][]string
	// Coverage is the translation coverage of the families' home languages.
	Coverage []Coverage
	// Warnings are problems that did not stop the build (raw HTML left out of a guide), each
	// a line to print after "warning: ".
	Warnings []string
}

// run is one rendering of a site: everything parsed and indexed once, shared by the workers.
type run struct {
	site   Site
	cfg    *config.Config
	ix     *index
	bundle *i18n.Bundle
	scheme scheme
	guides *guideSet
	goals  *goalSet
	public *publicSet
	// glossaries are the glossaries of the languages, by code.
	glossaries map[string]langGlossary
	// guideRenderer is Site.Guide, or generator/guide's.
	guideRenderer GuideRenderer
	// guideWarnings returns the warnings of the guides rendered so far (nil with Site.Guide).
	guideWarnings func() []guide.Warning
	// view is the years, the headline year and what the data cannot give (metrics without an
	// input column), which the site's pages share; districtViews, when set, gives a district's
	// pages their own (see view).
	view          view
	districtViews map[string]*view
	// keys replaces some translation keys with others: publicOnlyKeys on a site from public
	// reports alone, nil otherwise.
	keys map[string]string

	// look is the site's own look: its theme's stylesheet and logo, its custom.css.
	look look

	pages map[string]*template.Template
	// shells lists the page kinds whose shell is written by pageHead and pageTail (see
	// usePageShell).
	shells map[string]bool
	// mains are the writers of the page kinds whose "main" is written directly (see
	// mainWriterFor).
	mains          map[string]mainWriter
	root, notFound *template.Template
	bufs           sync.Pool
	// csvWriters are the bufio.Writers the downloads are written through (see tableDownload).
	csvWriters sync.Pool
}

// Render writes the site.
func Render(ctx context.Context, s Site, out Output) (Stats, error) {
	r, err := newRun(s)
	if err != nil {
		return Stats{}, err
	}
	return r.render(ctx, out)
}

// Validate checks everything Render checks before it writes a page, without rendering the
// site: the config against the data (the featured district), the translation files, the
// glossaries, the templates and their translation keys, and every guide and goal's words in
// every language, with its figure shortcodes resolved against s.Result. check runs it, so that
// a passing check means a build that does not stop on these. It returns the guides' warnings (raw HTML left out),
// each a line to print after "warning: ".
func Validate(s Site) ([]string, error) {
	r, err := newRun(s)
	if err != nil {
		return nil, err
	}
	d := &s.Result.Districts[0]
	if r.scheme.featured != nil {
		d = r.scheme.featured
	}
	var errs errorList
	for _, lang := range s.Config.Languages {
		pb := newPageBuilder(r, lang, "", "")
		pb.inDistrict(d)
		for _, slug := range r.guides.slugs {
			if _, _, err := pb.renderGuide(d, slug); err != nil {
				errs.add(err)
			}
		}
		for i := range s.Result.Districts {
			gd := &s.Result.Districts[i]
			pb := newPageBuilder(r, lang, "", "")
			pb.inDistrict(gd)
			for _, g := range r.goals.of(gd.Code) {
				if _, _, err := pb.goalWords(gd, g); err != nil {
					errs.add(err)
				}
			}
		}
	}
	return r.warnings(), errs.err()
}

// warnings returns the guides' warnings so far, and the goals', as lines to print.
func (r *run) warnings() []string {
	out := r.goals.warnings()
	if r.guideWarnings == nil {
		return out
	}
	for _, w := range r.guideWarnings() {
		out = append(out, w.String())
	}
	return out
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
	r := &run{site: s, cfg: s.Config, ix: newIndex(s.Result), public: newPublicSet(s.Public, s.Compare)}
	if slices.Contains(r.ix.years, s.Headline) {
		r.ix.headline = s.Headline
	}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	r.csvWriters.New = func() any { return bufio.NewWriter(nil) }
	r.view = view{years: r.ix.years, latest: r.ix.latest(), lacking: newLacking(s.Report)}
	if s.PublicOnly {
		given := map[metric.ID]bool{}
		for i := range s.Result.Figures {
			given[s.Result.Figures[i].Metric] = true
		}
		r.view.lacking = newLackingPublic(given)
		r.keys = publicOnlyKeys
		if len(s.Result.Districts) > 1 {
			r.districtViews = publicViews(s.Result)
		}
	}
	bundle, err := i18n.LoadNamed(s.Content, "i18n", "content/i18n", s.Config.Languages, s.Config.DefaultLanguage)
	if err != nil {
		return nil, err
	}
	r.bundle = bundle
	codes := bundle.Codes()
	if r.guides, err = findContent(s.Content, "guides", codes); err != nil {
		return nil, fmt.Errorf("guides: %w", err)
	}
	if r.goals, err = newGoalSet(s.Goals, s.Content, codes, s.Config.DefaultLanguage, cmp.Or(s.ConfigName, "site.toml")); err != nil {
		return nil, err
	}
	if r.glossaries, err = loadGlossaries(s.Content, codes, s.Config.DefaultLanguage); err != nil {
		return nil, err
	}
	r.guideRenderer = s.Guide
	if r.guideRenderer == nil {
		g := guide.NewRenderer()
		r.guideWarnings = g.Warnings
		r.guideRenderer = func(file string, src []byte, figure func([]string) (string, error)) (GuidePage, error) {
			p, err := g.Render(file, src, figure)
			return GuidePage(p), err
		}
	}
	r.scheme.multi = len(s.Result.Districts) > 1
	if len(s.Result.Districts) == 1 {
		r.scheme.featured = &s.Result.Districts[0]
	}
	if one := s.Config.District.One; one != "" {
		var same []string
		r.scheme.featured, same = featuredDistrict(s.Result.Districts, one)
		if len(same) > 1 {
			return nil, fmt.Errorf("site.toml: district %q is the number of %d districts of schools.csv (%s); write the code as schools.csv does",
				one, len(same), strings.Join(same, ", "))
		}
		if r.scheme.featured == nil {
			return nil, fmt.Errorf("site.toml: district %q is not a district_code or district_name of schools.csv, which has %s",
				one, districtList(s.Result.Districts))
		}
	}
	if r.scheme.featured == nil && namesDistrict(s.Config) {
		if s.PublicOnly {
			return nil, fmt.Errorf("site.toml: district_name names the site's one district, but the site has %d districts of DESE's reports (%s); build the district it names alone, with district = \"<code>\"",
				len(s.Result.Districts), districtList(s.Result.Districts))
		}
		return nil, fmt.Errorf("site.toml: district_name names the site's one district, but schools.csv has %d districts (%s); set district to the one it names",
			len(s.Result.Districts), districtList(s.Result.Districts))
	}
	if err := r.parseTemplates(); err != nil {
		return nil, err
	}
	if err := r.newLook(); err != nil {
		return nil, err
	}
	return r, nil
}

// featuredDistrict returns the district site.toml's district names: by its code or name
// exactly, else the one district whose code is the same number ("1490000" for "01490000": a
// spreadsheet drops the zeros), as a school_code is matched; nil when none is, or when two
// districts share the number, whose codes it returns then.
func featuredDistrict(ds []compute.District, one string) (*compute.District, []string) {
	var byNumber []*compute.District
	for i := range ds {
		d := &ds[i]
		if d.Code == one || d.Name == one {
			return d, nil
		}
		if config.SameNumber(d.Code, one) { // a public site's district too: PadCode's zeros are a number's
			byNumber = append(byNumber, d)
		}
	}
	if len(byNumber) == 1 {
		return byNumber[0], nil
	}
	codes := make([]string, len(byNumber))
	for i, d := range byNumber {
		codes[i] = d.Code
	}
	return nil, codes
}

// districtList names the districts of the data for a message: code and name, the first five.
func districtList(ds []compute.District) string {
	var parts []string
	for i, d := range ds {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ds)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %q", d.Code, d.Name))
	}
	return strings.Join(parts, ", ")
}

// namesDistrict says whether site.toml gives the district a display name ([theme] or a
// language's district_name).
func namesDistrict(cfg *config.Config) bool {
	if cfg.Theme.DistrictName != "" {
		return true
	}
	return slices.ContainsFunc(cfg.Languages, func(l config.Language) bool { return l.DistrictName != "" })
}

// districtName is the name a page shows for a district: site.toml's display name for the
// site's one district (see config.Theme), else schools.csv's.
func (pb *pageBuilder) districtName(d *compute.District) string {
	if d == pb.run.scheme.featured {
		if name := pb.run.cfg.DistrictNameIn(pb.lang.Code); name != "" {
			return name
		}
	}
	return d.Name
}
