package render

import (
	"strings"

	"elreport/generator/compute"
	"elreport/generator/metric"
)

// The topics of the site, in the order of the navigation (see metric.Topic.Slug for their
// pages' names).
var topics = metric.Topics()

// pathSegment turns a code from the inputs (a district, school or guide code) into a file name
// that is safe on every file system and URL: letters, digits, "-" and "." (neither first nor
// last) stay; otherwise the name starts with "_" and every other byte becomes "_" and two hex
// digits. The mapping is one to one, so two codes never share a file. (Codes that differ only
// in case would still collide on a case-insensitive file system.)
func pathSegment(code string) string {
	innerDot := func(i int) bool { return code[i] == '.' && i > 0 && i < len(code)-1 }
	safe := code != ""
	for i := 0; i < len(code) && safe; i++ {
		safe = isPlain(code[i]) || innerDot(i)
	}
	if safe {
		return code
	}
	const hex = "0123456789ABCDEF"
	var sb strings.Builder
	sb.WriteByte('_') // never empty, never "." or ".."
	for i := 0; i < len(code); i++ {
		c := code[i]
		if isPlain(c) || innerDot(i) {
			sb.WriteByte(c)
			continue
		}
		sb.WriteByte('_')
		sb.WriteByte(hex[c>>4])
		sb.WriteByte(hex[c&15])
	}
	return sb.String()
}

func isPlain(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

// relPath returns the relative address of the file to (a slash path from the site root) as seen
// from the page from (also from the root). Addresses name files ("index.html"), never folders,
// so the site works from file:// too.
func relPath(from, to string) string {
	fromDir := from[:strings.LastIndexByte(from, '/')+1] // "" at the root
	// Drop the common folders.
	for {
		i := strings.IndexByte(fromDir, '/')
		if i < 0 {
			break
		}
		j := strings.IndexByte(to, '/')
		if j != i || fromDir[:i] != to[:j] {
			break
		}
		fromDir, to = fromDir[i+1:], to[j+1:]
	}
	ups := strings.Count(fromDir, "/")
	if ups == 0 {
		if to == "" {
			return "./"
		}
		return to
	}
	return strings.Repeat("../", ups) + to
}

// rootOf returns the relative address of the site root from a page, ending in "/" ("" for a page
// at the root).
func rootOf(page string) string { return strings.Repeat("../", strings.Count(page, "/")) }

// scheme places the pages of a site. Every page exists in every language, under "<lang>/".
//
//   - One district in the data: the district's pages are at the top of each language:
//     "<lang>/index.html" (home), "<lang>/<topic>.html", "<lang>/schools/<school>.html",
//     "<lang>/data.html", "<lang>/guides/index.html" and "<lang>/guides/<slug>.html", and
//     "<lang>/plan.html" when site.toml sets goals for it.
//   - The glossary is "<lang>/glossary.html", for one district or several (its words are
//     the language's, not a district's).
//   - Several districts: each district has the same pages under "<lang>/districts/<district>/";
//     "<lang>/districts/index.html" lists the districts with headline figures, and
//     "<lang>/data.html" holds the site-wide data page. "<lang>/index.html" is the district
//     list, or the home page of the district site.toml names (district = "...").
//
// Downloads are language-neutral (they hold codes and figures): the CSV of a table is
// "data/<district folder>/<page>/<table>.csv", where the district folder is empty for a
// one-district site and "districts/<district>/" otherwise, and <page> is "home", the topic slug,
// or "schools/<school>". "data/metrics.csv" holds every figure.
type scheme struct {
	multi    bool
	featured *compute.District // shown at <lang>/index.html, or nil
}

// districtBase returns the folder of a district's pages within a language, ending in "/".
func (s scheme) districtBase(lang, district string) string {
	if !s.multi {
		return lang + "/"
	}
	return lang + "/districts/" + pathSegment(district) + "/"
}

// districtData returns the folder of a district's downloads, ending in "/".
func (s scheme) districtData(district string) string {
	if !s.multi {
		return "data/"
	}
	return "data/districts/" + pathSegment(district) + "/"
}

func (s scheme) home(lang, district string) string {
	return s.districtBase(lang, district) + "index.html"
}

func (s scheme) topic(lang, district, slug string) string {
	return s.districtBase(lang, district) + slug + ".html"
}

func (s scheme) school(lang, district, school string) string {
	return s.districtBase(lang, district) + "schools/" + pathSegment(school) + ".html"
}

func (s scheme) data(lang, district string) string {
	return s.districtBase(lang, district) + "data.html"
}

// plan is a district's improvement plan (a district with goals only).
func (s scheme) plan(lang, district string) string {
	return s.districtBase(lang, district) + "plan.html"
}

func (s scheme) guides(lang, district string) string {
	return s.districtBase(lang, district) + "guides/index.html"
}

func (s scheme) guide(lang, district, slug string) string {
	return s.districtBase(lang, district) + "guides/" + pathSegment(slug) + ".html"
}

// glossary is the glossary page of a language: one per language, for every district.
func (s scheme) glossary(lang string) string { return lang + "/glossary.html" }

// siteHome is the first page of a language.
func (s scheme) siteHome(lang string) string { return lang + "/index.html" }

// districtList is the list of districts (several districts only).
func (s scheme) districtList(lang string) string { return lang + "/districts/index.html" }

// siteData is the site-wide data page; for one district it is the district's data page.
func (s scheme) siteData(lang string) string { return lang + "/data.html" }

// inLanguage returns the address of the same page in another language.
func inLanguage(page, from, to string) string {
	return to + strings.TrimPrefix(page, from)
}
