package render

// This file holds what a site's look adds to the pages besides its templates: the stylesheets
// linked after style.css (static/theme.css with the colours of site.toml's [theme], and the
// site's own static/custom.css) and the logo.

import (
	"errors"
	"fmt"
	"io/fs"

	"elreport/generator/theme"
)

// customCSS is the stylesheet a site may add in its templates/static/ folder, linked after
// style.css (and theme.css) on every page: the place for a district's own CSS.
const customCSS = "static/custom.css"

// look is a site's own look, worked out once per build.
type look struct {
	// styles are the stylesheets linked after style.css, as paths from the site root.
	styles []string
	// logo is the logo's path from the site root ("static/logo.svg"), or "" for none.
	logo string
}

// newLook works out the site's look from site.toml's [theme] and the templates' static/, and
// refuses a file of the site's templates/static/ that the theme would overwrite.
func (r *run) newLook() error {
	var errs []error
	generated := func(name, from string) {
		if _, err := fs.Stat(r.site.Templates, name); err == nil {
			errs = append(errs, fmt.Errorf("templates/%s: elreport writes %s from %s in site.toml, and would replace your file; rename it (templates/%s is linked on every page, after style.css)",
				name, name, from, customCSS))
		}
	}
	if colors := r.cfg.Theme.Colors; colors.Set() {
		name := "static/" + theme.StylesheetName
		generated(name, "[theme.colors]")
		r.look.styles = append(r.look.styles, name)
	}
	if _, err := fs.Stat(r.site.Templates, customCSS); err == nil {
		r.look.styles = append(r.look.styles, customCSS)
	}
	if logo := r.cfg.Theme.Logo; logo != "" {
		if r.cfg.Theme.LogoData == nil {
			return fmt.Errorf("site.toml: [theme] logo %s was not read (config.Load reads it)", logo)
		}
		name := "static/" + theme.LogoName(logo)
		generated(name, "[theme] logo")
		r.look.logo = name
	}
	return errors.Join(errs...)
}

// writeLook writes the files of the site's look that are not copied from static/: theme.css
// and the logo.
func (r *run) writeLook(write func(string, []byte) error) error {
	if colors := r.cfg.Theme.Colors; colors.Set() {
		if err := write("static/"+theme.StylesheetName, theme.Stylesheet(colors.AccentColor(), colors.HeaderColor())); err != nil {
			return err
		}
	}
	if r.look.logo != "" {
		return write(r.look.logo, r.cfg.Theme.LogoData)
	}
	return nil
}

// Logo is the site's logo image ([theme] logo), shown beside the site's title.
type Logo struct {
	// Src is the image's address.
	Src string
	// Alt is its text: the district's name as the pages show it. On a site of several
	// districts it is empty: the logo is the site's, and the title beside it, in the same
	// link, already names the link.
	Alt string
}

// logoFor returns the logo as a page in language code at root (the relative address of the
// site root) shows it, or nil when the site has none.
func (r *run) logoFor(code, root string) *Logo {
	if r.look.logo == "" {
		return nil
	}
	logo := &Logo{Src: root + r.look.logo}
	if d := r.scheme.featured; d != nil {
		logo.Alt = d.Name
		if name := r.cfg.DistrictNameIn(code); name != "" {
			logo.Alt = name
		}
	}
	return logo
}

// stylesFrom returns the addresses of the stylesheets linked after style.css, from a page
// whose site root is at root.
func (r *run) stylesFrom(root string) []string {
	var out []string
	for _, s := range r.look.styles {
		out = append(out, root+s)
	}
	return out
}
