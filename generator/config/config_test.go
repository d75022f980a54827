package config

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaults(t *testing.T) {
	cfg, err := Parse("")
	if err != nil {
		t.Fatal(err)
	}
	want := Defaults()
	want.Languages[0].NumberFormat = "en" // filled in by validation
	if !reflect.DeepEqual(*cfg, want) {
		t.Errorf("got  %+v\nwant %+v", *cfg, want)
	}
	if got, want := cfg.MinN, 10; got != want {
		t.Errorf("min_n: got %d, want %d", got, want)
	}
	if got, want := cfg.InputPath("access"), "data/access.csv"; got != want {
		t.Errorf("InputPath: got %q, want %q", got, want)
	}
}

func TestParse(t *testing.T) {
	cfg, err := Parse(`
title = "Springfield EL Report"
years = [2024, 2025]
min_n = 20
proficient_level = 4.5
default_language = "es"

[data]
dir = "exports"
encoding = "CP1252"
allow_rejects = 3
access_format = "dese"
files = { access = "ACCESS_2025.csv" }

[data.columns.access]
overall_level = "Overall Proficiency Level"

[[languages]]
code = "es"
name = "Español"

[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
number_format = "ar-EG"
`)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Title: "Springfield EL Report", Years: []int{2024, 2025}, MinN: 20, ProficientLevel: 4.5,
		GapThreshold: 10, DefaultLanguage: "es",
		Data: Data{Dir: "exports", Encoding: "windows-1252", AllowRejects: 3, AccessFormat: "dese",
			Files:   map[string]string{"access": "ACCESS_2025.csv"},
			Columns: map[string]map[string]string{"access": {"overall_level": "Overall Proficiency Level"}}},
		Languages: []Language{
			{Code: "es", Name: "Español", Dir: "ltr", NumberFormat: "es"},
			{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar-EG"},
		},
	}
	if !reflect.DeepEqual(*cfg, want) {
		t.Errorf("got  %+v\nwant %+v", *cfg, want)
	}
	if got, want := cfg.InputPath("access"), "exports/ACCESS_2025.csv"; got != want {
		t.Errorf("InputPath(access): got %q, want %q", got, want)
	}
	if l, ok := cfg.Language("ar"); !ok || l.Dir != "rtl" {
		t.Errorf("Language(ar): got %+v, %v", l, ok)
	}
	if _, ok := cfg.Language("fr"); ok {
		t.Errorf("Language(fr): found a language that is not listed")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the lines of the error
	}{
		{"unknown key", "title = \"x\"\nmin-n = 20\n",
			[]string{`line 2: unknown key "min-n"`}},
		{"unknown key in a table", "[data]\ndir = \"data\"\nencodnig = \"utf-8\"\n",
			[]string{`line 3: unknown key "data.encodnig"`}},
		{"unknown key in an array of tables", "[[languages]]\ncode = \"en\"\nname = \"English\"\n\n[[languages]]\ncode = \"es\"\nname = \"Español\"\ndirection = \"ltr\"\n",
			[]string{`line 8: unknown key "languages.direction"`}},
		{"unknown keys", "titel = \"x\"\n[data]\nallow_reject = 1\n",
			[]string{`line 1: unknown key "titel"`, `line 3: unknown key "data.allow_reject"`}},
		{"wrong type", "title = \"x\"\nmin_n = \"20\"\n",
			[]string{`line 2: key "min_n": incompatible types: TOML value has type string; destination has type integer`}},
		{"wrong type in a table", "[data]\n\nallow_rejects = 1.5\n",
			[]string{`line 3: key "data.allow_rejects": incompatible types: TOML value has type float64; destination has type integer`}},
		{"wrong type in a map", "[data.columns.access]\noverall_level = 3\n",
			[]string{`line 2: key "data.columns.access.overall_level": incompatible types: TOML value has type int64; destination has type string`}},
		{"syntax", "title = \n",
			[]string{`line 1: key "title": expected value but found '\n' instead`}},
		{"values", "min_n = 0\nproficient_level = 7\ngap_threshold = -1\n[data]\nallow_rejects = -2\nencoding = \"latin1\"\naccess_format = \"wida\"\n",
			[]string{
				`key "min_n": 0 must be 1 or more`,
				`key "proficient_level": 7 is not a proficiency level (1.0-6.0)`,
				`key "gap_threshold": -1 is not a number of percentage points (0-100)`,
				`key "data.allow_rejects": -2 must be 0 or more`,
				`key "data.encoding": "latin1" is not a supported encoding (utf-8, windows-1252)`,
				`key "data.access_format": "wida" is not a format (standard, dese)`,
			}},
		{"inputs", "[data.files]\nstudent = \"s.csv\"\n[data.columns.acess]\ngrade = \"Grade\"\n",
			[]string{
				`key "data.files.student": "student" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`,
				`key "data.columns.acess": "acess" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`,
			}},
		{"paths outside the site", "[data]\ndir = \"../exports\"\nfiles = { access = \"../../access.csv\" }\n",
			[]string{
				`key "data.dir": "../exports" is not a path inside the site's folder (a relative slash path without "..")`,
				`key "data.files.access": "../../access.csv" is not a path inside the site's folder (a relative slash path without "..")`,
			}},
		{"languages", `default_language = "fr"
[[languages]]
name = "English"
[[languages]]
code = "es"
[[languages]]
code = "es"
name = "Español"
dir = "up"
`,
			[]string{
				`languages[0]: key "code" is missing`,
				`languages[1] (es): key "name" is missing`,
				`languages[2]: language "es" is listed twice`,
				`languages[2] (es): key "dir": "up" is not a direction (ltr, rtl)`,
				`key "default_language": "fr" is not one of the listed languages`,
			}},
		{"default language not listed", "[[languages]]\ncode = \"es\"\nname = \"Español\"\n",
			[]string{`key "default_language": "en" is not one of the listed languages`}},
		{"years", "title = \"x\"\nyears = [2024, 25, 2101]\n",
			[]string{
				`line 2: key "years": 25 is not a school year (the spring year, 1990 to 2100: 2025 is 2024-25)`,
				`line 2: key "years": 2101 is not a school year (the spring year, 1990 to 2100: 2025 is 2024-25)`,
			}},
		{"base_url javascript", "title = \"x\"\n\nbase_url = \"javascript:alert(1)\"\n[data]\ndir = \"data\"\n",
			[]string{`line 3: key "base_url": "javascript:alert(1)" is not an absolute http or https address (e.g. "https://www.example.org/el-report/")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text)
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAllowedPaths(t *testing.T) {
	for _, text := range []string{
		"[data]\ndir = \".\"\n",
		"[data]\ndir = \"./exports/2025\"\n",
		"[data]\ndir = \"\"\n",
		"[data]\nfiles = { access = \"../exports/access.csv\" }\n",
	} {
		if _, err := Parse(text); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"site/site.toml": {Data: []byte("title = \"Springfield\"\n")},
		"bad/site.toml":  {Data: []byte("title = \"x\"\nmin-n = 20\n")},
	}
	cfg, err := Load(fsys, "site/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "Springfield" || cfg.Dir != "site" {
		t.Errorf("got title %q, dir %q; want Springfield, site", cfg.Title, cfg.Dir)
	}
	if got, want := cfg.InputPath("schools"), "site/data/schools.csv"; got != want {
		t.Errorf("InputPath: got %q, want %q", got, want)
	}
	_, err = Load(fsys, "bad/site.toml")
	if got, want := err.Error(), `bad/site.toml: line 2: unknown key "min-n"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := Load(fsys, "none/site.toml"); err == nil {
		t.Errorf("Load of a missing file: got no error")
	}
}

func TestTitleIn(t *testing.T) {
	cfg, err := Parse("title = \"Report\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n" +
		"[[languages]]\ncode = \"es\"\nname = \"Español\"\ntitle = \"Informe\"\n")
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{"es": "Informe", "en": "Report", "xx": "Report"} {
		if got := cfg.TitleIn(code); got != want {
			t.Errorf("TitleIn(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestBaseURL(t *testing.T) {
	const want = `is not an absolute http or https address (e.g. "https://www.example.org/el-report/")`
	for value, problem := range map[string]string{
		"":                                     "",
		"https://www.example.org/el-report/":   "",
		"http://example.org":                   "",
		"HTTPS://Example.org:8443/reports":     "",
		"https://example.org/a%20b/":           "",
		"javascript:alert(1)":                  want,
		"JavaScript://example.org/%0aalert(1)": want,
		"data:text/html,x":                     want,
		"ftp://example.org/":                   want,
		"/el-report/":                          want,
		"www.example.org/el-report/":           want,
		"//www.example.org/":                   want,
		"https:example.org":                    want + ": it has no host",
		"https://":                             want + ": it has no host",
		"https://:80/":                         want + ": it has no host",
		"https://user:pw@example.org/":         want + ": it has a user name",
		"https://example.org/?lang=en":         want + ": page paths are added to it, so it may not have a query (?) or a fragment (#)",
		"https://example.org/#top":             want + ": page paths are added to it, so it may not have a query (?) or a fragment (#)",
		"https://example.org/ x":               want + ": it has a space or a control character",
		"https://example.org/\tx":              want + ": it has a space or a control character",
	} {
		got := checkBaseURL(value)
		if got != problem {
			t.Errorf("checkBaseURL(%q) = %q, want %q", value, got, problem)
		}
		cfg, err := Parse("base_url = " + strconv.Quote(value) + "\n")
		if (err == nil) != (problem == "") {
			t.Errorf("Parse(base_url = %q): error %v", value, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), `line 1: key "base_url": `) {
			t.Errorf("Parse(base_url = %q): error %q does not name the line and key", value, err)
		}
		if err == nil && cfg.BaseURL != value {
			t.Errorf("Parse(base_url = %q): got %q", value, cfg.BaseURL)
		}
	}
}
