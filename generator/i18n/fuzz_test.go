package i18n

import (
	"testing"
	"testing/fstest"

	"elreport/generator/config"
)

// FuzzLoad feeds arbitrary translation files (TOML with nested tables, plural tables and
// placeholders) to Load and formats every key it knows: no input may panic, and a file that
// loads must give a string for every key, with any argument values.
func FuzzLoad(f *testing.F) {
	f.Add("[site]\nskip = \"Skip to {what}\"\n", "Sección {n}")
	f.Add("points = { one = \"{n} point\", other = \"{n} points\" }\n", "{n}")
	f.Add("a = \"{\"\nb = \"}{x\"\n[c]\nd = { zero = \"\", many = \"{n}{n}\" }\n", "{{n}}")
	f.Add("x = 1\n[y]\nz = [1, 2]\n", "")
	langs := []config.Language{{Code: "en", Name: "English", Dir: "ltr", NumberFormat: "en"},
		{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar"}}
	f.Fuzz(func(t *testing.T, src, arg string) {
		fsys := fstest.MapFS{"i18n/en.toml": {Data: []byte(src)}, "i18n/ar.toml": {Data: []byte(src)}}
		b, err := Load(fsys, "i18n", langs, "en")
		if err != nil {
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
	cat, err := parse(src)
	if err != nil {
		return nil
	}
	keys := make([]string, 0, len(cat))
	for k := range cat {
		keys = append(keys, k)
	}
	return keys
}
