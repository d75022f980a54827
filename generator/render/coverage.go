package render

import (
	"slices"

	"elreport/generator/compute"
	"elreport/generator/config"
)

// Coverage says, for one home language of the EL students, whether the site serves it: the
// site language that matches it and the guides written in that language.
type Coverage struct {
	HomeLanguage string
	ELStudents   int    // EL students with this home language in the latest year
	SiteLanguage string // the matching site language's code; empty when none matches
	Guides       []string
}

// siteLanguageOf returns the site language that serves a home language, matched by its ISO
// code first and by its name otherwise.
func (r *run) siteLanguageOf(hl compute.LanguageCount) (config.Language, bool) {
	if l, ok := matchLanguage(hl.Code, r.cfg.Languages); ok {
		return l, true
	}
	return matchLanguage(hl.Language, r.cfg.Languages)
}

// coverage lists translation coverage for every home language of Result.HomeLanguages, in its
// order (most students first). It is for the build's report to the district's data team; the
// data page shows the same with small counts suppressed.
func (r *run) coverage() []Coverage {
	var list []Coverage
	for _, hl := range r.ix.result.HomeLanguages {
		c := Coverage{HomeLanguage: hl.Language, ELStudents: hl.ELStudents}
		if l, ok := r.siteLanguageOf(hl); ok {
			c.SiteLanguage = l.Code
			for _, slug := range r.guides.slugs {
				if _, ok := r.guides.files[slug][l.Code]; ok {
					c.Guides = append(c.Guides, slug)
				}
			}
			slices.Sort(c.Guides)
		}
		list = append(list, c)
	}
	return list
}
