package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
)

// FuzzLoad feeds arbitrary translation files (TOML with nested tables, plural tables and
// placeholders) to Load, as the default language's file (src) and another language's (other),
// and formats every key it knows: no input may panic, every error line must name its file, and
// a file that loads must give a string for every key, with any argument values.
func FuzzLoad(f *testing.F) {
	f.Add("[site]\nskip = \"Skip to {what}\"\n", "[site]\nskip = \"Saltar a {que}\"\n", "Sección {n}")
	f.Add("points = { one = \"{n} point\", other = \"{n} points\" }\n", "points = { one = \"una\", other = \"{numero}\" }\n", "{n}")
	f.Add("a = \"{\"\nb = \"}{x\"\n[c]\nd = { zero = \"\", many = \"{n}{n}\" }\n", "a = \"{\"\n", "{{n}}")
	f.Add("x = 1\n[y]\nz = [1, 2]\n", "x = \"\x00\"\n", "")
	f.Add("t = \"{threshold}\"\n", "t = \"{threshold_points}\"\n\"q.k\" . r = '''\nx = 1\n'''\n", "")
	f.Add("m = \"\"\"\n[a]\nb = \"{n}\"\n\"\"\"\n", "m = \"a\\u0000\\u0085\"\nn = \"\xe9\"\n", "")
	langs := []config.Language{{Code: "en", Name: "English", Dir: "ltr", NumberFormat: "en"},
		{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar"}}
	f.Fuzz(func(t *testing.T, src, other, arg string) {
		fsys := fstest.MapFS{"i18n/en.toml": {Data: []byte(src)}, "i18n/ar.toml": {Data: []byte(other)}}
		findKeyLines(src) // must not panic on any text
		b, err := Load(fsys, "i18n", langs, "en")
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "i18n/en.toml") && !strings.HasPrefix(line, "i18n/ar.toml") {
					t.Fatalf("error line %q does not name its file", line)
				}
			}
			return
		}
		for _, code := range b.Codes() {
			loc := b.For(code)
			for _, key := range keysOf(src) {
				loc.T(key, "n", arg, "what", arg)
				loc.N(key, len(arg), "n", arg)
			}
			loc.Percent(float64(len(arg)) / 3)
		}
	})
}

// keysOf returns the dotted keys of a TOML text, or none when it does not parse.
func keysOf(src string) []string {
	cat, problems := parse(src)
	if len(problems) > 0 {
		return nil
	}
	keys := make([]string, 0, len(cat))
	for k := range cat {
		keys = append(keys, k)
	}
	return keys
}
