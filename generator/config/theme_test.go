package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestThemeColors(t *testing.T) {
	cfg, err := Parse("[theme]\ndistrict_name = \"Lakeside\"\n\n[theme.colors]\naccent = \"#1B5E20\"\nheader = \"#efe\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Theme.Colors, (Colors{Accent: "#1b5e20", Header: "#eeffee"}); got != want {
		t.Errorf("got %+v, want %+v (written #rrggbb in lower case)", got, want)
	}
	if !cfg.Theme.Colors.Set() {
		t.Error("Set: got false with two colours")
	}
	plain, err := Parse("")
	if err != nil {
		t.Fatal(err)
	}
	if plain.Theme.Colors.Set() {
		t.Error("Set: got true without [theme.colors]")
	}
	if got, want := plain.Theme.Colors.AccentColor().String(), "#0b57a4"; got != want {
		t.Errorf("AccentColor without a theme: got %s, want the built-in %s", got, want)
	}
	// A header alone is checked against the built-in accent, and passes.
	if _, err := Parse("[theme]\ncolors = { header = \"#fff8e1\" }\n"); err != nil {
		t.Errorf("a light header alone: %v", err)
	}
}

// The contrast ratios in these messages were worked out with WCAG 2.1's formulas (see
// generator/theme's tests): #777777 on white is 4.47:1 and on the built-in header (#f2f5f9)
// 4.09:1; on a #707070 header the built-in accent is 1.45:1, the text (#1a1a1a) 3.51:1 and
// visited links (#5c2d91) 1.89:1.
func TestThemeErrors(t *testing.T) {
	checkParseErrors(t, []parseErrorCase{
		{"not colours", "[theme.colors]\naccent = \"blue\"\nheader = \"#12345\"\n",
			[]string{
				`line 2: key "theme.colors.accent": "blue" is not a colour: write it as #rgb or #rrggbb (e.g. "#0b57a4")`,
				`line 3: key "theme.colors.header": "#12345" is not a colour: write it as #rgb or #rrggbb (e.g. "#0b57a4")`,
			}},
		{"not hex digits", "[theme]\ncolors.accent = \"#0g57a4\"\n",
			[]string{`line 2: key "theme.colors.accent": "#0g57a4" is not a colour: write it as #rgb or #rrggbb, with the digits 0-9 and a-f (e.g. "#0b57a4")`}},
		{"unknown colour", "[theme.colors]\nlink = \"#0b57a4\"\n",
			[]string{`line 2: unknown key "theme.colors.link"`}},
		{"accent too light", "title = \"x\"\n[theme.colors]\naccent = \"#777\"\n",
			[]string{
				`line 3: key "theme.colors.accent": "#777777" on the white page has a contrast ratio of 4.47:1; links need at least 4.5:1 (WCAG AA): choose a darker colour`,
				`line 3: key "theme.colors.accent": "#777777" on the header ("#f2f5f9") has a contrast ratio of 4.09:1; links in the header need at least 4.5:1 (WCAG AA): choose a darker colour`,
			}},
		{"header too dark", "[theme]\ndistrict_name = \"Lakeside\"\ncolors = { header = \"#707070\" }\n",
			[]string{
				`line 3: key "theme.colors.header": links (the accent, "#0b57a4") on "#707070" have a contrast ratio of 1.45:1; they need at least 4.5:1 (WCAG AA): choose a lighter header or a darker accent`,
				`line 3: key "theme.colors.header": the text ("#1a1a1a") on "#707070" has a contrast ratio of 3.51:1; text needs at least 4.5:1 (WCAG AA): choose a lighter colour`,
				`line 3: key "theme.colors.header": links already visited ("#5c2d91") on "#707070" have a contrast ratio of 1.89:1; they need at least 4.5:1 (WCAG AA): choose a lighter colour`,
			}},
		{"logo names", "[theme]\nlogo = \"../art/logo.svg\"\n",
			[]string{`line 2: key "theme.logo": "../art/logo.svg" is not a file in the site's folder: put the logo beside site.toml (or in a folder below it) and write its name, e.g. "logo.svg"`}},
		{"absolute logo", "[theme]\n\nlogo = \"/srv/logo.svg\"\n",
			[]string{`line 3: key "theme.logo": "/srv/logo.svg" is not a file in the site's folder: put the logo beside site.toml (or in a folder below it) and write its name, e.g. "logo.svg"`}},
		{"logo format", "[theme]\nlogo = \"logo.gif\"\n",
			[]string{`line 2: key "theme.logo": "logo.gif" is not a PNG, SVG, JPEG or WebP file (.png, .svg, .jpg, .jpeg, .webp)`}},
	})
}

func TestLoadLogo(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>`)
	fsys := fstest.MapFS{
		"site/site.toml":        {Data: []byte("title = \"x\"\n[theme]\nlogo = \"./art/logo.svg\"\n")},
		"site/art/logo.svg":     {Data: svg},
		"missing/site.toml":     {Data: []byte("[theme]\nlogo = \"logo.png\"\n")},
		"script/site.toml":      {Data: []byte("title = \"x\"\n\n[theme]\nlogo = \"logo.svg\"\n")},
		"script/logo.svg":       {Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>\n")},
		"mislabelled/site.toml": {Data: []byte("[theme]\nlogo = \"logo.png\"\n")},
		"mislabelled/logo.png":  {Data: svg},
		"both/site.toml":        {Data: []byte("[theme]\nlogo = \"logo.svg\"\ncolors = { accent = \"#777\" }\n")},
	}
	cfg, err := Load(fsys, "site/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theme.Logo != "art/logo.svg" || string(cfg.Theme.LogoData) != string(svg) {
		t.Errorf("got logo %q with %d bytes, want art/logo.svg with the file's %d", cfg.Theme.Logo, len(cfg.Theme.LogoData), len(svg))
	}
	for name, want := range map[string]string{
		"missing":     `missing/site.toml: line 2: key "theme.logo": there is no file logo.png in the site's folder (the folder of site.toml)`,
		"script":      `script/site.toml: line 4: key "theme.logo": logo.svg:2: the SVG has a <script> element; a logo may not carry scripts or other documents: remove it`,
		"mislabelled": `mislabelled/site.toml: line 2: key "theme.logo": logo.png is not a PNG image: its first bytes are not a PNG file's`,
		// The logo's problem is listed with the other invalid values, not after they are fixed.
		"both": `both/site.toml: line 3: key "theme.colors.accent": "#777777" on the white page has a contrast ratio of 4.47:1; links need at least 4.5:1 (WCAG AA): choose a darker colour
line 3: key "theme.colors.accent": "#777777" on the header ("#f2f5f9") has a contrast ratio of 4.09:1; links in the header need at least 4.5:1 (WCAG AA): choose a darker colour
line 2: key "theme.logo": there is no file logo.svg in the site's folder (the folder of site.toml)`,
	} {
		_, err := Load(fsys, name+"/site.toml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
}
