package config

import (
	"io/fs"
	"path"
	"strings"

	"elreport/generator/theme"
)

// validate checks [theme]'s logo name and colours (the logo's file is read by Load), writes the
// colours as "#rrggbb" in lower case, and reports each problem through bad, with the key's path.
func (t *Theme) validate(bad func(key []string, format string, args ...any)) {
	if t.Logo != "" {
		key := []string{"theme", "logo"}
		clean := path.Clean(t.Logo)
		switch {
		case strings.Contains(t.Logo, `\`) || !fs.ValidPath(clean) || clean == ".":
			bad(key, "%q is not a file in the site's folder: put the logo beside site.toml (or in a folder below it) and write its name, e.g. \"logo.svg\"", t.Logo)
		default:
			if _, ok := theme.LogoExt(clean); !ok {
				bad(key, "%q is not a PNG, SVG, JPEG or WebP file (.png, .svg, .jpg, .jpeg, .webp)", t.Logo)
			}
			t.Logo = clean
		}
	}
	ok := true
	for _, c := range []struct {
		name  string
		value *string
	}{{"accent", &t.Colors.Accent}, {"header", &t.Colors.Header}} {
		if *c.value == "" {
			continue
		}
		color, err := theme.ParseColor(*c.value)
		if err != nil {
			bad([]string{"theme", "colors", c.name}, "%v", err)
			ok = false
			continue
		}
		*c.value = color.String()
	}
	if !ok || !t.Colors.Set() {
		return
	}
	for _, p := range theme.Check(t.Colors.AccentColor(), t.Colors.HeaderColor(), t.Colors.Header != "") {
		bad([]string{"theme", "colors", p.Key}, "%s", p.Text)
	}
}
