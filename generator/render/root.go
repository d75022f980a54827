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
	// Styles are the stylesheets linked after style.css (see Page.Styles); Logo is the
	// site's logo, nil for none (the 404 page, self-contained, does not show it).
	Styles []string
	Logo   *Logo
	// Accent is the colour of links of site.toml's [theme], for the 404 page's own style
	// ("" without one).
	Accent string
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
	doc := rootDoc{Lang: def, SiteTitle: r.cfg.TitleIn(def.Code), Styles: r.stylesFrom(""), Logo: r.logoFor(def.Code, "")}
	if colors := r.cfg.Theme.Colors; colors.Set() {
		doc.Accent = colors.AccentColor().String()
	}
	for _, l := range r.cfg.Languages {
		loc := r.bundle.For(l.Code)
		doc.Langs = append(doc.Langs, rootLang{Code: l.Code, Name: l.Name, Dir: l.Dir,
			Href: r.scheme.siteHome(l.Code), Open: loc.T("root.open"), NotFound: loc.T("notfound.text")})
	}
	return doc
}

// notFoundPage is the 404 page's content. A static host serves 404.html at whatever address
// was missing, at any depth, where links relative to the site root would break; so when
// site.toml gives base_url the links, and the stylesheets after its own style (theme.css,
// custom.css), are absolute addresses of the site itself. It takes the theme's accent into its
// own style, and shows no logo.
func (r *run) notFoundPage() rootDoc {
	doc := r.rootPage()
	doc.Logo = nil
	if r.cfg.BaseURL == "" {
		return doc
	}
	base := strings.TrimSuffix(r.cfg.BaseURL, "/") + "/"
	for i := range doc.Langs {
		doc.Langs[i].Href = base + doc.Langs[i].Href
	}
	doc.Styles = r.stylesFrom(base)
	return doc
}
