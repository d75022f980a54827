package render

// This file holds the glossary: each language's glossary (content/glossary/<lang>.toml), its
// page, and the links from the first use of each term on the other pages.

import (
	"io/fs"
	"path"

	"elreport/generator/compute"
	"elreport/generator/glossary"
)

// GlossaryView is the glossary page's content.
type GlossaryView struct {
	Terms []GlossaryTerm
	// Fallback is the notice shown when the glossary is not yet in the page's language; Lang
	// and Dir are then the language the terms are written in.
	Fallback  string
	Lang, Dir string
	// Figures leads to the data page's definitions of the figures.
	Figures Link
}

// GlossaryTerm is one term of the glossary page; ID is its anchor ("term-<id>").
type GlossaryTerm struct {
	ID, Term, Definition string
}

// langGlossary is the glossary a language's pages use: its own, or another language's when it
// has none (lang says which).
type langGlossary struct {
	g    *glossary.Glossary
	lang string
}

// loadGlossaries reads content/glossary/<lang>.toml for each language. A language without a
// file uses the default language's glossary, else the first of the site's languages that has
// one; with none at all the site has no glossary page and links no term.
func loadGlossaries(content fs.FS, codes []string, defaultLang string) (map[string]langGlossary, error) {
	own := map[string]*glossary.Glossary{}
	var errs errorList
	for _, code := range codes {
		name := path.Join("glossary", code+".toml")
		src, err := fs.ReadFile(content, name)
		if err != nil {
			if isNotExist(err) {
				continue
			}
			return nil, err
		}
		g, err := glossary.Parse(path.Join("content", name), src)
		if err != nil {
			errs.add(err)
			continue
		}
		own[code] = g
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	fallback := defaultLang
	if own[fallback] == nil {
		fallback = ""
		for _, code := range codes {
			if own[code] != nil {
				fallback = code
				break
			}
		}
	}
	out := map[string]langGlossary{}
	for _, code := range codes {
		switch {
		case own[code] != nil:
			out[code] = langGlossary{own[code], code}
		case fallback != "":
			out[code] = langGlossary{own[fallback], fallback}
		}
	}
	return out, nil
}

// glossaryPage is the address of the glossary page of a language, "" when the site has none.
func (pb *pageBuilder) glossaryPage() string {
	if pb.run.glossaries[pb.lang.Code].g == nil {
		return ""
	}
	return pb.run.scheme.glossary(pb.lang.Code)
}

// buildGlossary builds a language's glossary page; d is the site's one district (nil for a site
// with several, whose glossary page is site-wide).
func (pb *pageBuilder) buildGlossary(d *compute.District) {
	sc, lang := pb.run.scheme, pb.lang.Code
	lg := pb.run.glossaries[lang]
	canonical := sc.glossary(lang)
	p := pb.page
	p.Kind = "glossary"
	p.Title = pb.t("glossary.title")
	p.Intro = pb.t("glossary.intro")
	if d != nil {
		pb.districtNav(d, canonical)
		pb.districtCrumbs(d, Link{Text: pb.t("glossary.nav")})
	} else {
		pb.siteNav(canonical)
		p.Crumbs = []Link{{Href: pb.href(sc.districtList(lang)), Text: pb.t("nav.districts")}, {Text: pb.t("glossary.nav")}}
	}
	view := &GlossaryView{Figures: Link{Href: p.DataHref + "#definitions", Text: pb.t("glossary.figures")}}
	for _, t := range lg.g.Terms {
		view.Terms = append(view.Terms, GlossaryTerm{ID: t.Anchor(), Term: t.Term, Definition: t.Definition})
	}
	if lg.lang != lang {
		src, _ := pb.run.cfg.Language(lg.lang)
		view.Fallback = pb.t("glossary.fallback", "language", src.Name)
		view.Lang, view.Dir = src.Code, src.Dir
	}
	p.Glossary = view
}

// linkTerms writes the page's texts as HTML (Page.IntroHTML, SummaryHTML, Section.IntroHTML,
// Block.TextHTML) with the first use of each glossary term linked to the glossary page, in the
// order the default templates show them; the glossary page links none.
func (pb *pageBuilder) linkTerms() {
	p := pb.page
	var l *glossary.Linker
	if page := pb.glossaryPage(); page != "" && p.Kind != "glossary" {
		l = pb.run.glossaries[pb.lang.Code].g.Linker(pb.href(page))
	}
	p.IntroHTML = l.Link(p.Intro)
	p.SummaryHTML = nil
	for _, s := range p.Summary {
		p.SummaryHTML = append(p.SummaryHTML, l.Link(s))
	}
	sections := p.Sections
	if p.Data != nil {
		sections = append(sections[:len(sections):len(sections)], p.Data.Quality, p.Data.Coverage)
	}
	for _, s := range sections {
		if s == nil {
			continue
		}
		s.IntroHTML = l.Link(s.Intro)
		for _, b := range s.Blocks {
			b.TextHTML = l.Link(b.Text)
		}
	}
}
