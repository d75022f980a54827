package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/metric"
)

// GuidePage is a parent guide rendered from Markdown, as generator/guide's Page.
type GuidePage struct {
	Title, Summary string
	// Body is the guide's HTML, already sanitised by the renderer.
	Body template.HTML
}

// GuideRenderer renders the Markdown of a guide. file names the source for messages
// ("content/guides/access-test.es.md"); figure returns a live figure formatted in the page's
// language. By default Render uses generator/guide (one guide.Renderer per build); a Site may
// set another, e.g. in tests.
//
// The figure callback takes [district|school:<code>] metric group [category], e.g.
// ["making_progress", "EL"] or ["school:0101", "mcas_meeting", "NonEL", "Math"], and answers
// for the latest year: a share as a percent, a count as a whole number, a median as a number,
// points signed; a suppressed figure as the suppression text; an unknown metric, group or
// school is an error.
type GuideRenderer func(file string, src []byte, figure func(args []string) (string, error)) (GuidePage, error)

// guideSet is the guides found in content/guides: <slug>.<lang>.md.
type guideSet struct {
	slugs []string
	// files maps slug and language code to the file's path in Content.
	files map[string]map[string]string
}

// findContent lists the Markdown files <slug>.<lang>.md of a folder of the content:
// "guides", or "goals" (whose slugs are goal ids). A file whose language is not one of the
// site's is ignored, as is any other file (a README).
func findContent(content fs.FS, dir string, langs []string) (*guideSet, error) {
	gs := &guideSet{files: map[string]map[string]string{}}
	entries, err := fs.ReadDir(content, dir)
	if err != nil {
		if isNotExist(err) {
			return gs, nil
		}
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") {
			continue
		}
		stem := strings.TrimSuffix(name, ".md")
		dot := strings.LastIndexByte(stem, '.')
		if dot <= 0 {
			continue
		}
		slug, lang := stem[:dot], stem[dot+1:]
		if !slices.Contains(langs, lang) {
			continue
		}
		if gs.files[slug] == nil {
			gs.files[slug] = map[string]string{}
			gs.slugs = append(gs.slugs, slug)
		}
		gs.files[slug][lang] = path.Join(dir, name)
	}
	slices.Sort(gs.slugs)
	return gs, nil
}

// source picks the file of a guide for a language: its own, else the default language's, else
// the first of the site's languages that has one. It returns the file and its language.
func (gs *guideSet) source(slug, lang, defaultLang string, order []string) (string, string) {
	files := gs.files[slug]
	if f, ok := files[lang]; ok {
		return f, lang
	}
	if f, ok := files[defaultLang]; ok {
		return f, defaultLang
	}
	for _, l := range order {
		if f, ok := files[l]; ok {
			return f, l
		}
	}
	return "", ""
}

// renderGuide renders one guide in the page's language for a district.
func (pb *pageBuilder) renderGuide(d *compute.District, slug string) (GuidePage, string, error) {
	r := pb.run
	file, srcLang := r.guides.source(slug, pb.lang.Code, r.cfg.DefaultLanguage, r.bundle.Codes())
	src, err := fs.ReadFile(r.site.Content, file)
	if err != nil {
		return GuidePage{}, "", err
	}
	// The guide package names file and line; name the file as the district knows it.
	page, err := r.guideRenderer(path.Join("content", file), src, pb.figureFunc(d))
	if err != nil {
		return GuidePage{}, "", fmt.Errorf("%w (in the %s pages of district %s)", err, pb.lang.Code, d.Code)
	}
	if page.Title == "" {
		page.Title = slug
	}
	return page, srcLang, nil
}

// buildGuide builds a guide page.
func (pb *pageBuilder) buildGuide(d *compute.District, slug string) error {
	sc, lang := pb.run.scheme, pb.lang.Code
	g, srcLang, err := pb.renderGuide(d, slug)
	if err != nil {
		return err
	}
	p := pb.page
	p.Kind = "guide"
	p.Title = g.Title
	view := &GuideView{Summary: g.Summary, Body: g.Body}
	if srcLang != lang {
		src, _ := pb.run.cfg.Language(srcLang)
		view.Fallback = pb.t("guides.fallback", "language", src.Name)
		view.BodyLang, view.BodyDir = src.Code, src.Dir
		p.TitleLang, p.TitleDir = src.Code, src.Dir
	}
	p.Guide = view
	pb.districtNav(d, sc.guide(lang, d.Code, slug))
	pb.districtCrumbs(d, Link{Href: pb.href(sc.guides(lang, d.Code)), Text: pb.t("guides.title")}, Link{Text: g.Title})
	return nil
}

// buildGuides builds the list of guides.
func (pb *pageBuilder) buildGuides(d *compute.District) error {
	sc, lang := pb.run.scheme, pb.lang.Code
	p := pb.page
	p.Kind = "guides"
	p.Title = pb.t("guides.title")
	p.Intro = pb.t("guides.intro")
	canonical := sc.guides(lang, d.Code)
	pb.districtNav(d, canonical)
	pb.districtCrumbs(d, Link{Text: p.Title})
	for _, slug := range pb.run.guides.slugs {
		g, srcLang, err := pb.renderGuide(d, slug)
		if err != nil {
			return err
		}
		link := Link{Href: pb.href(sc.guide(lang, d.Code, slug)), Text: g.Title, Note: g.Summary}
		if srcLang != lang {
			src, _ := pb.run.cfg.Language(srcLang)
			link.Lang, link.Dir = src.Code, src.Dir
		}
		p.Links = append(p.Links, link)
	}
	return nil
}

// schoolByNumber returns the one school whose code is the same number as code (a code
// without the leading zeros a spreadsheet drops), or nil when none is or several are.
func schoolByNumber(schools map[string]*entity, code string) *entity {
	var found *entity
	for c, e := range schools {
		if config.SameNumber(c, code) {
			if found != nil {
				return nil
			}
			found = e
		}
	}
	return found
}

// checkCategory says whether a category fits a metric: none for a metric without categories,
// one of the catalogue's for one with.
func checkCategory(m metric.Metric, category string) error {
	switch {
	case m.Categories == nil && category != "":
		return fmt.Errorf("metric %q has no categories, but %q is given", m.ID, category)
	case m.Categories != nil && category == "":
		return fmt.Errorf("metric %q needs a category: one of %s", m.ID, strings.Join(m.Categories.Values, ", "))
	case m.Categories != nil && !slices.Contains(m.Categories.Values, category):
		return fmt.Errorf("metric %q has no category %q: one of %s", m.ID, category, strings.Join(m.Categories.Values, ", "))
	}
	return nil
}

// figureFunc returns the guides' figure callback for a district's pages in the builder's
// language.
func (pb *pageBuilder) figureFunc(d *compute.District) func(args []string) (string, error) {
	ix := pb.run.ix
	return func(args []string) (string, error) {
		all := strings.Join(args, " ")
		e := ix.districts[d.Code]
		if len(args) > 0 {
			if code, ok := strings.CutPrefix(args[0], "school:"); ok {
				if e = ix.schools[code]; e == nil {
					e = schoolByNumber(ix.schools, code) // 1490030 for 01490030, as goals read it
				}
				if e == nil {
					return "", fmt.Errorf("figure %q: no school %q in the data", all, code)
				}
				args = args[1:]
			} else if args[0] == "district" {
				args = args[1:]
			}
		}
		if len(args) < 2 || len(args) > 3 {
			return "", fmt.Errorf("figure %q: want [district|school:<code>] metric group [category]", all)
		}
		id, group, category := metric.ID(args[0]), args[1], ""
		if len(args) == 3 {
			category = args[2]
		}
		m, ok := metric.Lookup(id)
		if !ok {
			return "", fmt.Errorf("figure %q: unknown metric %q", all, id)
		}
		if !slices.Contains(groups, group) {
			return "", fmt.Errorf("figure %q: unknown group %q (EL, FormerEL, NonEL, All)", all, group)
		}
		if err := checkCategory(m, category); err != nil {
			return "", fmt.Errorf("figure %q: %w", all, err)
		}
		f := e.get(pb.view.latest, id, group, category)
		switch {
		case f == nil:
			return pb.t("figure.unavailable"), nil
		case f.Suppressed && f.SuppressedFor == compute.ForComplement:
			return pb.t("figure.complementary"), nil
		case f.Suppressed:
			return pb.t("figure.suppressed", "n", pb.loc.Int(pb.run.cfg.MinN)), nil
		}
		return pb.format(f), nil
	}
}
