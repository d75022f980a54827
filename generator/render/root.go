package render

// This file holds the content of the root page (index.html, the language chooser) and of the
// 404 page.

import (
	"strings"

	"elreport/generator/config"
)

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
