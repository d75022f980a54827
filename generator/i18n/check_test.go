package i18n

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// loadErrors loads en and es (and ar when given) from i18n/ and returns the error's lines.
func loadErrors(t *testing.T, en, es, ar string) []string {
	t.Helper()
	fsys := fstest.MapFS{"i18n/en.toml": {Data: []byte(en)}, "i18n/es.toml": {Data: []byte(es)}}
	langs := testLangs[:2]
	if ar != "" {
		fsys["i18n/ar.toml"] = &fstest.MapFile{Data: []byte(ar)}
		langs = append(langs[:2:2], testLangs[4])
	}
	_, err := LoadNamed(fsys, "i18n", "content/i18n", langs, "en")
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

const placeholdersEn = `
[data]
suppression = "Fewer than {n} students: not shown"
intro = "{pct} of English learners, {year}"
plain = "No placeholder"
wide = "Gaps wider than {threshold} points are flagged"

[unit]
students = { one = "{n} student", other = "{n} students" }
`

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		name, es, ar string
		want         []string
	}{
		{name: "same placeholders", es: `
[data]
suppression = "Menos de {n} estudiantes: no se muestra"
intro = "{year}: {pct} de los estudiantes"  # order is free
plain = "Sin marcador"
wide = "Se señalan las brechas de más de {threshold_points}"  # an alternative the program fills in
[unit]
students = { one = "un estudiante", other = "{n} estudiantes" }
`},
		{name: "renamed", es: `
[data]
intro = "{pct} de los estudiantes, {year}"

suppression = "Menos de {numero} estudiantes: no se muestra"
`, want: []string{
			`content/i18n/es.toml:5: key "data.suppression": placeholder {numero} is not the default language's {n}; keep the names in braces as the default language writes them`,
		}},
		{name: "missing, added, plural forms", es: `
[data]
intro = "{pct} de los estudiantes"
plain = "Sin {marcador}"
[unit.students]
one = "{numero} estudiante"
other = "estudiantes"
`, want: []string{
			`content/i18n/es.toml:3: key "data.intro": lacks the placeholder {year} of the default language's text; keep the names in braces as the default language writes them`,
			`content/i18n/es.toml:4: key "data.plain": placeholder {marcador} is not in the default language's text, which has none; keep the names in braces as the default language writes them`,
			`content/i18n/es.toml:5: key "unit.students" (form "other"): lacks the placeholder {n} of the default language's text; keep the names in braces as the default language writes them`,
			`content/i18n/es.toml:5: key "unit.students" (form "one"): placeholder {numero} is not in the default language's text ({n}); keep the names in braces as the default language writes them`,
		}},
		{name: "two renamed", es: "[data]\nintro = \"{porcentaje} de los estudiantes, {año}\"\n", want: []string{
			`content/i18n/es.toml:2: key "data.intro": placeholders {año} {porcentaje} are not the default language's {pct} {year}; keep the names in braces as the default language writes them`,
		}},
		{name: "plural against plain", es: "[unit]\nstudents = \"{n} estudiantes\"\n"},
		{name: "Arabic forms without the number", es: "",
			ar: `[unit]
students = { zero = "لا طلاب", one = "طالب واحد", two = "طالبان", few = "{n} طلاب", many = "{n} طالبًا", other = "{n} طالب" }
`},
		{name: "errors in two files", es: "[data]\nplain = \"{x}\"\n", ar: "[data]\n\n\nsuppression = \"{m}\"\n", want: []string{
			`content/i18n/es.toml:2: key "data.plain": placeholder {x} is not in the default language's text, which has none; keep the names in braces as the default language writes them`,
			`content/i18n/ar.toml:4: key "data.suppression": placeholder {m} is not the default language's {n}; keep the names in braces as the default language writes them`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := loadErrors(t, placeholdersEn, tt.es, tt.ar); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestPlaceholdersBounded checks that at most 20 errors of a file are listed, in line order.
func TestPlaceholdersBounded(t *testing.T) {
	var en, es strings.Builder
	for i := range 25 {
		fmt.Fprintf(&en, "k%02d = \"{n}\"\n", i)
		fmt.Fprintf(&es, "k%02d = \"{m}\"\n", i)
	}
	got := loadErrors(t, en.String(), es.String(), "")
	if len(got) != 21 || !strings.HasPrefix(got[0], "content/i18n/es.toml:1: ") ||
		!strings.HasPrefix(got[19], "content/i18n/es.toml:20: ") || got[20] != "content/i18n/es.toml: 5 more errors" {
		t.Errorf("got %d lines: %q", len(got), got)
	}
}

func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name, es string
		want     []string
	}{
		{name: "NUL byte", es: "[data]\nplain = \"Sin\x00 marcador\"\n",
			want: []string{`content/i18n/es.toml:2:13: byte 0x00 (a control character); remove it`}},
		{name: "invalid UTF-8", es: "[data]\n# a comment\nplain = \"Mam\xe1\"\nintro = \"\xff\"\n",
			want: []string{
				`content/i18n/es.toml:3:13: invalid UTF-8 (byte 0xE1); save the file as UTF-8`,
				`content/i18n/es.toml:4:10: invalid UTF-8 (byte 0xFF); save the file as UTF-8`,
			}},
		{name: "C1 control after letters beyond ASCII", es: "[data]\nplain = \"Señal\u0085\"\n",
			want: []string{`content/i18n/es.toml:2:15: character U+0085 (a control character); remove it`}},
		{name: "escaped controls", es: "[data]\nplain = \"a\\u0000b\"\n[unit]\nstudents = { one = \"un\\u001b\", other = \"{n}\\tx\\ny\\r\\n\" }\n",
			want: []string{
				`content/i18n/es.toml:2: key "data.plain": the text has byte 0x00 (a control character) at character 2; remove it`,
				`content/i18n/es.toml:4: key "unit.students" (form "one"): the text has byte 0x1B (a control character) at character 3; remove it`,
			}},
		{name: "tabs, line breaks and a byte order mark", es: "\uFEFF[data]\r\nplain = \"\"\"\r\n\tSin\r\n\tmarcador\"\"\"\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := loadErrors(t, placeholdersEn, tt.es, ""); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
	// The default language's file is checked the same way.
	if got := loadErrors(t, "a = \"x\\u007f\"\n", "", ""); !reflect.DeepEqual(got, []string{
		`content/i18n/en.toml:1: key "a": the text has byte 0x7F (a control character) at character 2; remove it`}) {
		t.Errorf("en.toml: got %q", got)
	}
}

func TestFindKeyLines(t *testing.T) {
	src := `# comment with key = "x"
top = "a"   # trailing
"quoted.key" = 'b'
multi = """
not.a.key = "c"
[not.a.table]
"""
literal = '''
x = y
'''
[site]
skip = "d"
nav.main = "e"
  "spaced" . other = "f"
arr = [
  [1, 2],
  "g",
]
[[list]]
item = "h"
[ site . deeper ]
inline = { one = "i", other = "j" }
esc = "a \" b = c"
after = "k"
`
	want := keyLines{
		"top": 2, "quoted.key": 3, "multi": 4, "literal": 8, "site": 11, "site.skip": 12,
		"site.nav.main": 13, "site.spaced.other": 14, "site.arr": 15, "list": 19, "list.item": 20,
		"site.deeper": 21, "site.deeper.inline": 22, "site.deeper.esc": 23, "site.deeper.after": 24,
	}
	got := findKeyLines(src)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if line := got.of("site.deeper.inline.one"); line != 22 {
		t.Errorf("of(a key of an inline table) = %d, want 22", line)
	}
	if line := got.of("nowhere"); line != 0 {
		t.Errorf("of(unknown) = %d, want 0", line)
	}
}

func TestLoadNames(t *testing.T) {
	fsys := fstest.MapFS{"i18n/en.toml": {Data: []byte("a = ")}}
	_, err := Load(fsys, "i18n", testLangs[:1], "en")
	if err == nil || !strings.HasPrefix(err.Error(), "i18n/en.toml:1: ") {
		t.Errorf("Load: got %v, want an error naming i18n/en.toml:1", err)
	}
	_, err = Load(fstest.MapFS{"i18n/en.toml": {Data: []byte("\n[x]\ny = 3\n")}}, "i18n", testLangs[:1], "en")
	if got, want := fmt.Sprint(err), `i18n/en.toml:3: key "x.y": int64 is not a string or a table`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestControlCharactersBounded(t *testing.T) {
	got := loadErrors(t, placeholdersEn, "a = \""+strings.Repeat("\x01", 30)+"\"\n", "")
	if len(got) != 21 || got[0] != "content/i18n/es.toml:1:6: byte 0x01 (a control character); remove it" ||
		got[20] != "content/i18n/es.toml: 10 more errors" {
		t.Errorf("got %d lines: %q", len(got), got)
	}
}
