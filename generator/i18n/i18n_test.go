package i18n

import (
	"errors"
	"os"
	"reflect"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
)

var testLangs = []config.Language{
	{Code: "en", Name: "English", Dir: "ltr", NumberFormat: "en"},
	{Code: "es", Name: "Español", Dir: "ltr", NumberFormat: "es"},
	{Code: "pt-BR", Name: "Português (Brasil)", Dir: "ltr", NumberFormat: "pt-BR"},
	{Code: "fr", Name: "Français", Dir: "ltr", NumberFormat: "fr"},
	{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar"},
}

const enTOML = `
title = "Report"
progress = "{pct} of English learners made progress, {points} fewer than last year"

[nav]
home = "Home"

[unit]
students = { one = "{n} student", other = "{n} students" }
points = { one = "{n} point", other = "{n} points" }
`

const esTOML = `
title = "Informe"
[unit]
students = { one = "{n} estudiante", other = "{n} estudiantes" }
`

const arTOML = `
[unit]
students = { zero = "لا طلاب", one = "طالب واحد", two = "طالبان", few = "{n} طلاب", many = "{n} طالبًا", other = "{n} طالب" }
`

func testBundle(t *testing.T) *Bundle {
	t.Helper()
	fsys := fstest.MapFS{
		"i18n/en.toml": {Data: []byte(enTOML)},
		"i18n/es.toml": {Data: []byte(esTOML)},
		"i18n/ar.toml": {Data: []byte(arTOML)},
		// pt-BR and fr have no file: everything falls back.
	}
	b, err := Load(fsys, "i18n", testLangs, "en")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPercent(t *testing.T) {
	b := testBundle(t)
	tests := []struct {
		lang string
		v    float64
		want string
	}{
		{"en", 45.2, "45.2%"},
		{"en", 45.25, "45.3%"}, // half away from zero, not half even
		{"en", 45.35, "45.4%"},
		{"en", 0.04, "0.0%"},
		{"en", -0.04, "0.0%"}, // never "-0.0%"
		{"en", 100, "100.0%"},
		{"es", 45.2, "45,2\u00a0%"},
		{"pt-BR", 45.2, "45,2%"},
		{"fr", 45.2, "45,2\u00a0%"},
		{"ar", 45.2, "٤٥٫٢٪\u061c"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := b.For(tt.lang).Percent(tt.v); got != tt.want {
				t.Errorf("Percent(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	b := testBundle(t)
	tests := []struct {
		lang, what, got, want string
	}{
		{"en", "Int", b.For("en").Int(6012), "6,012"},
		{"es", "Int", b.For("es").Int(6012), "6.012"},
		{"fr", "Int", b.For("fr").Int(6012), "6\u00a0012"},
		{"ar", "Int", b.For("ar").Int(6012), "٦٬٠١٢"},
		{"ar", "Number", b.For("ar").Number(7.25, 1), "٧٫٣"},
		{"en", "Number", b.For("en").Number(1234.5, 0), "1,235"},
		{"es", "Number", b.For("es").Number(-2.25, 1), "-2,3"},
		{"en", "Plain", b.For("en").Plain(2024), "2024"},
		{"ar", "Plain", b.For("ar").Plain(2024), "٢٠٢٤"},
		{"en", "Points+", b.For("en").Points(7.04), "+7.0"},
		{"en", "Points-", b.For("en").Points(-7.05), "-7.1"},
		{"en", "Points0", b.For("en").Points(-0.04), "0.0"},
		{"es", "Points", b.For("es").Points(3.5), "+3,5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s %s: got %q, want %q", tt.lang, tt.what, tt.got, tt.want)
		}
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want float64
	}{
		{0.15, 1, 0.2}, {0.25, 1, 0.3}, {-0.25, 1, -0.3}, {2.675, 2, 2.68},
		{9.95, 1, 10.0}, {99.96, 1, 100.0}, {45.3125, 1, 45.3}, {12.5, 0, 13}, {-12.5, 0, -13},
		{1.0 / 3 * 100, 1, 33.3}, {7, 1, 7},
	}
	for _, tt := range tests {
		if got := Round(tt.v, tt.d); got != tt.want {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.v, tt.d, got, tt.want)
		}
	}
}

func TestTranslate(t *testing.T) {
	b := testBundle(t)
	en, es := b.For("en"), b.For("es")
	if got, want := en.T("progress", "pct", "38%", "points", "7"), "38% of English learners made progress, 7 fewer than last year"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := es.T("title"), "Informe"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A missing string falls back to the default language...
	if got, want := es.T("nav.home"), "Home"; got != want {
		t.Errorf("fallback: got %q, want %q", got, want)
	}
	// ...and is reported.
	wantMissing := map[string][]string{
		"es":    {"nav.home", "progress", "unit.points"},
		"pt-BR": {"nav.home", "progress", "title", "unit.points", "unit.students"},
		"fr":    {"nav.home", "progress", "title", "unit.points", "unit.students"},
		"ar":    {"nav.home", "progress", "title", "unit.points"},
	}
	if got := b.Missing(); !reflect.DeepEqual(got, wantMissing) {
		t.Errorf("Missing() = %v, want %v", got, wantMissing)
	}
	// A key unknown to the default language is an error.
	_, err := es.Translate("nav.hme")
	var unknown *UnknownKeyError
	if !errors.As(err, &unknown) || unknown.Key != "nav.hme" {
		t.Errorf("Translate(unknown) error = %v, want *UnknownKeyError", err)
	}
	if got, want := en.T("nav.hme"), "[nav.hme]"; got != want {
		t.Errorf("T(unknown) = %q, want %q", got, want)
	}
	if got, want := b.Unknown(), []string{"nav.hme"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Unknown() = %v, want %v", got, want)
	}
	// A placeholder without a value stays.
	if got, want := en.T("progress", "pct", "1%"), "1% of English learners made progress, {points} fewer than last year"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPlural(t *testing.T) {
	b := testBundle(t)
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 student"},
		{"en", 0, "0 students"},
		{"en", 1200, "1,200 students"},
		{"es", 1, "1 estudiante"},
		{"es", 2, "2 estudiantes"},
		{"fr", 2, "2 students"}, // falls back to English, with French digits grouping
		{"ar", 0, "لا طلاب"},
		{"ar", 1, "طالب واحد"},
		{"ar", 2, "طالبان"},
		{"ar", 3, "٣ طلاب"},
		{"ar", 11, "١١ طالبًا"},
		{"ar", 100, "١٠٠ طالب"},
	}
	for _, tt := range tests {
		if got := b.For(tt.lang).N("unit.students", tt.n); got != tt.want {
			t.Errorf("%s N(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	en := b.For("en")
	if got, want := en.NDecimal("unit.points", 1, 1), "1.0 points"; got != want {
		t.Errorf("NDecimal(1.0) = %q, want %q", got, want)
	}
	if got, want := en.NDecimal("unit.points", 1, 0), "1 point"; got != want {
		t.Errorf("NDecimal(1) = %q, want %q", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	langs := testLangs[:2]
	tests := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"no default file", fstest.MapFS{"i18n/es.toml": {Data: []byte(`a = "b"`)}}},
		{"bad toml", fstest.MapFS{"i18n/en.toml": {Data: []byte("a = ")}}},
		{"not a string", fstest.MapFS{"i18n/en.toml": {Data: []byte("a = 3")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Load(tt.fsys, "i18n", langs, "en"); err == nil {
				t.Error("got no error")
			}
		})
	}
	bad := []config.Language{{Code: "en", Name: "English", NumberFormat: "not a tag!"}}
	if _, err := Load(fstest.MapFS{"i18n/en.toml": {Data: []byte(`a = "b"`)}}, "i18n", bad, "en"); err == nil {
		t.Error("bad number format: got no error")
	}
}

func BenchmarkPercent(b *testing.B) {
	fsys := fstest.MapFS{"i18n/en.toml": {Data: []byte(enTOML)}}
	bundle, err := Load(fsys, "i18n", testLangs, "en")
	if err != nil {
		b.Fatal(err)
	}
	loc := bundle.For("es")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		loc.Percent(float64(i%1000) / 10)
	}
}

// TestContentTranslations loads the translation files shipped in content/i18n with the sample
// site's languages: they pass every check of Load (text, placeholders).
func TestContentTranslations(t *testing.T) {
	cfg, err := config.Load(os.DirFS("../.."), "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadNamed(os.DirFS("../../content"), "i18n", "content/i18n", cfg.Languages, cfg.DefaultLanguage); err != nil {
		t.Error(err)
	}
}
