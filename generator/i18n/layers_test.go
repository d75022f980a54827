package i18n

import (
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
)

// layered is a site's content folder (upper) over the built-in content (lower), as
// site.Overlay makes it.
type layered struct{ upper, lower fs.FS }

func (l layered) Open(name string) (fs.File, error) {
	f, err := l.upper.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return l.lower.Open(name)
	}
	return f, err
}

func (l layered) Layers() (upper, lower fs.FS) { return l.upper, l.lower }

// builtin is the built-in content of the tests: English and Spanish, complete.
var builtin = fstest.MapFS{
	"i18n/en.toml": {Data: []byte(enTOML)},
	"i18n/es.toml": {Data: []byte(`
title = "Informe"
progress = "{pct} de los estudiantes de inglés progresaron, {points} menos que el año pasado"
[nav]
home = "Inicio"
[unit]
students = { one = "{n} estudiante", other = "{n} estudiantes" }
points = { one = "{n} punto", other = "{n} puntos" }
`)},
}

// loadSite loads the built-in content under a site's own i18n files (name to text), in the
// languages given, and returns the bundle, or the error's lines.
func loadSite(t *testing.T, site map[string]string, langs ...config.Language) (*Bundle, []string) {
	t.Helper()
	upper := fstest.MapFS{}
	for name, text := range site {
		upper["i18n/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	b, err := LoadNamed(layered{upper, builtin}, "i18n", "content/i18n", langs, "en")
	if err != nil {
		return nil, strings.Split(err.Error(), "\n")
	}
	return b, nil
}

var (
	langEn = testLangs[0]
	langEs = testLangs[1]
	langSo = config.Language{Code: "so", Name: "Soomaali", Dir: "ltr"}
)

// TestOverrideOneKey checks that a site's file holding one key changes that string and keeps
// every other string of the built-in file of its language.
func TestOverrideOneKey(t *testing.T) {
	b, errs := loadSite(t, map[string]string{
		"es.toml": "[nav]\nhome = \"Portada\"\n",
		"en.toml": "title = \"Lakeside report\"\n",
	}, langEn, langEs)
	if errs != nil {
		t.Fatal(errs)
	}
	es, en := b.For("es"), b.For("en")
	for _, tt := range []struct{ got, want string }{
		{es.T("nav.home"), "Portada"},               // the site's
		{es.T("title"), "Informe"},                  // built-in Spanish, not English
		{es.N("unit.students", 2), "2 estudiantes"}, // built-in Spanish plural
		{en.T("title"), "Lakeside report"},          // the site's English
		{en.T("nav.home"), "Home"},                  // built-in English
		{es.T("progress", "pct", "5%", "points", "1"), "5% de los estudiantes de inglés progresaron, 1 menos que el año pasado"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if missing := b.Missing(); len(missing) != 0 {
		t.Errorf("Missing() = %v, want none: the built-in Spanish file has every key", missing)
	}
}

// TestNewLanguageFromSiteFile checks that a language with no built-in file takes its strings
// from the site's file alone, falling back to the default language for the rest.
func TestNewLanguageFromSiteFile(t *testing.T) {
	b, errs := loadSite(t, map[string]string{"so.toml": "title = \"Warbixin\"\n[nav]\nhome = \"Bogga hore\"\n"}, langEn, langSo)
	if errs != nil {
		t.Fatal(errs)
	}
	if got, want := b.For("so").T("nav.home"), "Bogga hore"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	want := map[string][]string{"so": {"progress", "unit.points", "unit.students"}}
	if got := b.Missing(); !reflect.DeepEqual(got, want) {
		t.Errorf("Missing() = %v, want %v", got, want)
	}
}

// TestSiteFileErrors checks what is wrong in a site's files: keys the built-in default file does
// not define (with the closest key when one is close), and placeholders that differ from the
// built-in default text, even in the site's own file of the default language.
func TestSiteFileErrors(t *testing.T) {
	tests := []struct {
		name string
		site map[string]string
		want []string
	}{
		{"misspelled", map[string]string{"es.toml": "# Spanish overrides\n\n[nav]\nhoem = \"Portada\"\n"}, []string{
			`content/i18n/es.toml:4: unknown key "nav.hoem": the default language's file does not define it; did you mean "nav.home"?`,
		}},
		{"not close to any key", map[string]string{"es.toml": "footer = \"Pie\"\n"}, []string{
			`content/i18n/es.toml:1: unknown key "footer": the default language's file does not define it`,
		}},
		{"a plural without other", map[string]string{"es.toml": "[unit.students]\none = \"un estudiante\"\n"}, []string{
			`content/i18n/es.toml:2: unknown key "unit.students.one": the default language's file does not define it; did you mean "unit.students"?`,
		}},
		{"in the wrong table", map[string]string{"es.toml": "[site]\nhome = \"Inicio\"\n"}, []string{
			`content/i18n/es.toml:2: unknown key "site.home": the default language's file does not define it; did you mean "nav.home"?`,
		}},
		{"a key of the site's default language file", map[string]string{"en.toml": "[nav]\nhome = \"Home\"\nhme = \"Start\"\n"}, []string{
			`content/i18n/en.toml:3: unknown key "nav.hme": the default language's file does not define it; did you mean "nav.home"?`,
		}},
		{"placeholders of the built-in default", map[string]string{"en.toml": "progress = \"{pct} made progress\"\n"}, []string{
			`content/i18n/en.toml:1: key "progress": lacks the placeholder {points} of the default language's text; keep the names in braces as the default language writes them`,
		}},
		{"a new language", map[string]string{"so.toml": "titel = \"Warbixin\"\n"}, []string{
			`content/i18n/so.toml:1: unknown key "titel": the default language's file does not define it; did you mean "title"?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := loadSite(t, tt.site, langEn, langEs, langSo)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestBuiltinFileErrorsNamed checks that a problem in a file of a lower layer (the built-in
// content) is named as built-in, and that keys of a built-in file the default language lacks
// are not the site's mistake.
func TestBuiltinFileErrorsNamed(t *testing.T) {
	lower := fstest.MapFS{
		"i18n/en.toml": {Data: []byte(enTOML)},
		"i18n/es.toml": {Data: []byte("title = \"{x}\"\nretired = \"Viejo\"\n")},
	}
	_, err := LoadNamed(layered{fstest.MapFS{}, lower}, "i18n", "content/i18n", []config.Language{langEn, langEs}, "en")
	want := `built-in content/i18n/es.toml:1: key "title": placeholder {x} is not in the default language's text, which has none; keep the names in braces as the default language writes them`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestClosestKey(t *testing.T) {
	ref := catalog{"nav.home": {}, "site.skip": {}, "site.title": {}, "home.title": {}, "unit.students": {}}
	for key, want := range map[string]string{
		"nav.hoem":          "nav.home",
		"nav.hom":           "nav.home",
		"unit.students.one": "unit.students",
		"nav.skip":          "site.skip", // the one key ending in skip
		"nav.title":         "",          // two keys end in title, and neither is close
		"footer":            "",
	} {
		if got := closestKey(key, ref); got != want {
			t.Errorf("closestKey(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestUnknownKeyOneLayer checks that without layers (the built-in content alone, or a test's
// folder) a key of another language's file that the default language's file lacks is an error
// too: the built-in files are held to what a site's files are.
func TestUnknownKeyOneLayer(t *testing.T) {
	got := loadErrors(t, placeholdersEn, "[data]\nplain = \"Sin marcador\"\nplian = \"Sin marcador\"\n", "")
	want := []string{`content/i18n/es.toml:3: unknown key "data.plian": the default language's file does not define it; did you mean "data.plain"?`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\ngot  %q\nwant %q", got, want)
	}
}
