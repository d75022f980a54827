package config

import (
	"reflect"
	"slices"
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
		GapThreshold: 10, ChangeThreshold: 1, DefaultLanguage: "es",
		Data: Data{Dir: "exports", Encoding: Encodings{All: "windows-1252"}, AllowRejects: 3, AccessFormat: "dese", MCASFormat: "standard", StudentsFormat: "standard",
			Files:   map[string]FileList{"access": {"ACCESS_2025.csv"}},
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
	tests := []parseErrorCase{
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
				`line 6: key "data.encoding": "latin1" is not a supported encoding (utf-8, windows-1252, auto)`,
				`key "data.access_format": "wida" is not a format (standard, dese)`,
			}},
		{"inputs", "[data.files]\nstudent = \"s.csv\"\n[data.columns.acess]\ngrade = \"Grade\"\n",
			[]string{
				`line 2: key "data.files.student": "student" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`,
				`line 3: key "data.columns.acess": "acess" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`,
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
		{"district names", "[theme]\ndistrict_name = \"   \"\n[[languages]]\ncode = \"en\"\nname = \"English\"\ndistrict_name = \"Lakeside\\u0000Schools\"\n" +
			"[[languages]]\ncode = \"es\"\nname = \"Español\"\ndistrict_name = \"" + strings.Repeat("é", 201) + "\"\n" +
			"[[languages]]\ncode = \"vi\"\nname = \"Tiếng Việt\"\ndistrict_name = \"Lakeside\\nSchools\"\n",
			[]string{
				`key "theme.district_name": the name is only spaces; give a name, or leave the key out to use schools.csv's`,
				`languages[0] (en): key "district_name": the text has byte 0x00 (a control character) at character 9; remove it`,
				`languages[1] (es): key "district_name": the name has 201 characters, more than 200`,
				`languages[2] (vi): key "district_name": the name has a line break`,
			}},
		{"files", "[data.files]\naccess = []\newis = [\"ewis.csv\", 3]\n",
			[]string{`line 3: key "data.files.ewis": item 2: incompatible types: TOML value has type int64; destination has type string`}},
		{"file patterns", "[data.files]\naccess = [\"*/ACCESS.csv\", \"ACCESS_[2024*.csv\"]\nmcas = [\"\"]\nplans = []\n",
			[]string{
				`line 2: key "data.files.access": "*/ACCESS.csv" has a wildcard in a folder name; wildcards (*, ?, [...]) may only be in the file name`,
				`line 2: key "data.files.access": "ACCESS_[2024*.csv" is not a valid pattern (an unclosed [ ?)`,
				`line 3: key "data.files.mcas": "" is not a file name: it is empty`,
				`line 4: key "data.files.plans": the list is empty; name the input's files, or leave the key out to read plans.csv`,
			}},
		{"base_url javascript", "title = \"x\"\n\nbase_url = \"javascript:alert(1)\"\n[data]\ndir = \"data\"\n",
			[]string{`line 3: key "base_url": "javascript:alert(1)" is not an absolute http or https address (e.g. "https://www.example.org/el-report/")`}},
	}
	checkParseErrors(t, tests)
}

func TestAllowedPaths(t *testing.T) {
	for _, text := range []string{
		"[data]\ndir = \".\"\n",
		"[data]\ndir = \"./exports/2025\"\n",
		"district = \"1490000\"\n[data]\ndir = \"\"\n[public_data]\ndir = \"public-data\"\n",
		"[data]\nfiles = { access = \"../exports/access.csv\" }\n",
	} {
		if _, err := Parse(text); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

// TestPublicOnly checks what a site from DESE's public reports alone ([data] dir = "") needs:
// the folder of the reports, and which districts it is built for: one code, a list of codes,
// or every district ("all", or district left out).
func TestPublicOnly(t *testing.T) {
	cfg, err := Parse("district = \"01490000\"\n[data]\ndir = \"\"\n[public_data]\ndir = \"public-data\"\n")
	if err != nil || !cfg.PublicOnly() {
		t.Fatalf("got %v (public only %v), want a site from public reports alone", err, cfg != nil && cfg.PublicOnly())
	}
	if cfg, _ := Parse("title = \"x\"\n"); cfg.PublicOnly() {
		t.Error("a site with the default [data] dir is public only")
	}
	for _, c := range []struct {
		name, district string
		want           []string // PublicCodes
		text           string   // String
	}{
		{"one code", `district = "1810000"`, []string{"01810000"}, `"1810000"`},
		{"a list", `district = ["2510000", "01810000"]`, []string{"02510000", "01810000"}, `["2510000", "01810000"]`},
		{"a list of one", `district = ["01810000"]`, []string{"01810000"}, `["01810000"]`},
		{"all", `district = "all"`, nil, `"all"`},
		{"left out", ``, nil, ``},
	} {
		cfg, err := Parse(c.district + "\n[data]\ndir = \"\"\n[public_data]\ndir = \"p\"\n")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := cfg.District.PublicCodes(); !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%s: PublicCodes() = %q, want %q", c.name, got, c.want)
		}
		if got := cfg.District.String(); got != c.text {
			t.Errorf("%s: String() = %s, want %s", c.name, got, c.text)
		}
	}
	// On a site of district files, "all" is every district of schools.csv, as leaving it out.
	if cfg, err := Parse("district = \"all\"\n"); err != nil || !cfg.District.All || cfg.District.One != "" {
		t.Errorf(`district = "all" on a site of district files: got %+v, %v; want every district`, cfg, err)
	}
	public := "\n[data]\ndir = \"\"\n[public_data]\ndir = \"p\"\n"
	checkParseErrors(t, []parseErrorCase{
		{"no public data", "district = \"01490000\"\n[data]\ndir = \"\"\n",
			[]string{`line 3: key "data.dir": is empty, which builds a site from DESE's public reports alone: name their folder in [public_data] dir (e.g. dir = "public-data")`}},
		{"a name", "district = \"Lowell\"" + public,
			[]string{`line 1: key "district": "Lowell" is not a DESE district code (eight digits, e.g. "01490000"): a site from DESE's public reports alone names its districts by code`}},
		{"a name in a list", "district = [\"01810000\", \"Lowell\"]" + public,
			[]string{`line 1: key "district": "Lowell" is not a DESE district code (eight digits, e.g. "01490000"): a site from DESE's public reports alone names its districts by code`}},
		{"the state", "district = [\"01810000\", \"0\"]" + public,
			[]string{`line 1: key "district": "0" is the code of the state's row (State Totals), not of a district; the state is set beside every district of the site already`}},
		{"twice", "district = [\"1810000\", \"01810000\"]" + public,
			[]string{`line 1: key "district": "01810000" is listed twice`}},
		{"an empty list", "district = []" + public,
			[]string{`line 1: key "district": the list names no district: list their DESE codes (district = ["01810000", "02510000"]), or write district = "all" for every district of the exports`}},
		{"not a string", "district = 1810000" + public,
			[]string{`line 1: key "district": incompatible types: TOML value has type int64; destination has type string, array of DESE codes, or "all"`}},
		{"a list on a site of district files", "district = [\"01810000\", \"02510000\"]\n",
			[]string{`line 1: key "district": a list of districts is for a site from DESE's public reports alone ([data] dir = ""); a site of district files has the pages of every district of schools.csv, or, with district = "<code>", features that one`}},
	})
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

func TestInputFiles(t *testing.T) {
	cfg, err := Parse(`[data.files]
students = "sims/students.csv"
access = ["dese/ACCESS_*.csv", "./extra/access 2025.csv", "dese/ACCESS_2023.csv"]
`)
	if err != nil {
		t.Fatal(err)
	}
	for input, want := range map[string][]string{
		"students": {"sims/students.csv"},
		"access":   {"dese/ACCESS_*.csv", "extra/access 2025.csv", "dese/ACCESS_2023.csv"},
		"ewis":     {"ewis.csv"},
	} {
		if got := cfg.InputFiles(input); !reflect.DeepEqual(got, want) {
			t.Errorf("InputFiles(%s) = %q, want %q", input, got, want)
		}
	}
	if !IsPattern("dese/ACCESS_*.csv") || IsPattern("dese/ACCESS_2023.csv") {
		t.Error("IsPattern")
	}
}

func TestDistrictNameIn(t *testing.T) {
	cfg, err := Parse("[theme]\ndistrict_name = \"Lakeside Public Schools\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n" +
		"[[languages]]\ncode = \"es\"\nname = \"Español\"\ndistrict_name = \"Escuelas Públicas de Lakeside\"\n")
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{"es": "Escuelas Públicas de Lakeside", "en": "Lakeside Public Schools", "xx": "Lakeside Public Schools"} {
		if got := cfg.DistrictNameIn(code); got != want {
			t.Errorf("DistrictNameIn(%q) = %q, want %q", code, got, want)
		}
	}
	if got := config0().DistrictNameIn("en"); got != "" {
		t.Errorf("without [theme]: DistrictNameIn = %q, want \"\" (schools.csv's name)", got)
	}
}

func config0() *Config {
	cfg := Defaults()
	return &cfg
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

// [data] encoding is one string for every file, or a table with an encoding per input; where
// it says nothing, a file's encoding is detected.
func TestEncodings(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string // input -> Of(input)
		setting    map[string]string // input -> Setting(input)
	}{
		{"none", "", map[string]string{"schools": Detect, "students": Detect}, map[string]string{"schools": ""}},
		{"one for all", "[data]\nencoding = \"CP1252\"\n",
			map[string]string{"schools": Windows1252, "students": Windows1252},
			map[string]string{"students": `[data] encoding = "windows-1252"`}},
		{"auto for all", "[data]\nencoding = \"auto\"\n",
			map[string]string{"schools": Detect}, map[string]string{"schools": ""}},
		{"table", "[data.encoding]\nschools = \"windows-1252\"\nplans = \"utf8\"\n",
			map[string]string{"schools": Windows1252, "students": Detect, "plans": UTF8},
			map[string]string{"schools": `[data.encoding] schools = "windows-1252"`, "students": ""}},
		{"inline table", "[data]\nencoding = { schools = \"windows-1252\" }\n",
			map[string]string{"schools": Windows1252, "students": Detect}, nil},
		{"dotted key", "[data]\nencoding.schools = \"windows-1252\"\n",
			map[string]string{"schools": Windows1252, "students": Detect}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			for input, want := range tt.want {
				if got := cfg.Data.Encoding.Of(input); got != want {
					t.Errorf("Of(%s) = %q, want %q", input, got, want)
				}
			}
			for input, want := range tt.setting {
				if got := cfg.Data.Encoding.Setting(input); got != want {
					t.Errorf("Setting(%s) = %q, want %q", input, got, want)
				}
			}
		})
	}
	for text, want := range map[string]string{
		"[data]\nencoding = \"latin1\"\n":                 `line 2: key "data.encoding": "latin1" is not a supported encoding (utf-8, windows-1252, auto)`,
		"[data.encoding]\nschool = \"utf-8\"\n":           `line 2: key "data.encoding.school": "school" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`,
		"[data.encoding]\n\nschools = \"latin1\"\n":       `line 3: key "data.encoding.schools": "latin1" is not a supported encoding (utf-8, windows-1252, auto)`,
		"[data]\nencoding = 1252\n":                       `line 2: key "data.encoding": incompatible types: TOML value has type int64; destination has type string (one encoding for every file) or table (an encoding per input)`,
		"[data.encoding]\nschools = 1252\n":               `line 2: key "data.encoding.schools": incompatible types: TOML value has type int64; destination has type string`,
		"[data]\nencoding = \"utf-8\"\n[data.encoding]\n": `line 3: Key 'data.encoding' has already been defined.`,
	} {
		_, err := Parse(text)
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q):\ngot  %v\nwant %s", text, err, want)
		}
	}
}

// [data] dir may be any folder: relative to site.toml's folder, leading out of it, or
// absolute; [data.files] entries likewise, relative to the data folder. Messages name the
// files as the user knows them.
func TestDataOutsideTheSite(t *testing.T) {
	tests := []struct {
		text, dataPath, schools, access string
		// DataFolder("/srv/site"), not cleaned: the system takes ".." after the links of the
		// site's folder
		folder   string
		accessOn string // InputFileOn("/srv/site", InputFiles("access")[0])
	}{
		{"", "data", "data/schools.csv", "data/access.csv", "/srv/site/data", "/srv/site/data/access.csv"},
		{"[data]\ndir = \"../exports\"\n", "../exports", "../exports/schools.csv", "../exports/access.csv",
			"/srv/site/../exports", "/srv/site/../exports/access.csv"},
		{"[data]\ndir = \"../../district/exports/\"\n[data.files]\naccess = \"../access/ACCESS Student Data 2025.csv\"\n",
			"../../district/exports", "../../district/exports/schools.csv", "../../district/access/ACCESS Student Data 2025.csv",
			"/srv/site/../../district/exports", "/srv/site/../../district/exports/../access/ACCESS Student Data 2025.csv"},
		{"[data]\ndir = \"/home/lead/exports\"\n", "/home/lead/exports", "/home/lead/exports/schools.csv", "/home/lead/exports/access.csv",
			"/home/lead/exports", "/home/lead/exports/access.csv"},
		{"[data]\ndir = \".\"\nfiles = { access = \"/mnt/wida/access.csv\" }\n", ".", "schools.csv", "/mnt/wida/access.csv",
			"/srv/site", "/mnt/wida/access.csv"},
	}
	for _, tt := range tests {
		cfg, err := Parse(tt.text)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.text, err)
			continue
		}
		for _, c := range []struct{ what, got, want string }{
			{"DataPath", cfg.DataPath(), tt.dataPath},
			{"InputPath(schools)", cfg.InputPath("schools"), tt.schools},
			{"InputPath(access)", cfg.InputPath("access"), tt.access},
			{"DataFolder", cfg.DataFolder("/srv/site"), tt.folder},
			{"InputFileOn(access)", cfg.InputFileOn("/srv/site", cfg.InputFiles("access")[0]), tt.accessOn},
		} {
			if c.got != c.want {
				t.Errorf("%q: %s = %q, want %q", tt.text, c.what, c.got, c.want)
			}
		}
	}
	for text, want := range map[string]string{
		"[data]\ndir = \"ex\\u0000ports\"\n":      `line 2: key "data.dir": "ex\x00ports" is not a path: it has a control character`,
		"[data.files]\naccess = \"../\"\n":        `line 2: key "data.files.access": "../" is not a file name`,
		"[data]\nfiles = { access = \"..\" }\n":   `line 2: key "data.files.access": ".." is not a file name`,
		"[data]\nfiles = { acces = \"a.csv\" }\n": `line 2: key "data.files.acces": "acces" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`,
	} {
		_, err := Parse(text)
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q):\ngot  %v\nwant %s", text, err, want)
		}
	}
}

// [data.values.<input>] maps a district's own values to the contract's; a target that is not
// a value of its column, or a column the input does not have, is an error naming the line.
func TestValues(t *testing.T) {
	cfg, err := Parse(`[data.values.students]
el_status = { "Non-EL" = "NonEL", "Former EL" = "formerel", " LEP " = "EL" }
School_Code = { "500012" = "00500012" }
end_status = { "Active" = "" }

[data.values.access.test]
"Alt ACCESS" = "ALT"
`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]map[string]string{
		"students": {
			"el_status":   {"Non-EL": "NonEL", "Former EL": "formerel", "LEP": "EL"},
			"school_code": {"500012": "00500012"},
			"end_status":  {"Active": ""},
		},
		"access": {"test": {"Alt ACCESS": "ALT"}},
	}
	if !reflect.DeepEqual(cfg.Data.Values, want) {
		t.Errorf("Values:\ngot  %v\nwant %v", cfg.Data.Values, want)
	}
	tests := []parseErrorCase{
		{"unknown target", "title = \"x\"\n[data.values.students]\nel_status = { \"Non-EL\" = \"Non EL\" }\n",
			[]string{`line 3: key "data.values.students.el_status": maps "Non-EL" to "Non EL", which is not an EL status (EL, FormerEL, NonEL)`}},
		{"unknown target in a table", "[data.values.students.el_status]\n\"Non-EL\" = \"NonEL\"\n\"Former EL\" = \"Former\"\n",
			[]string{`line 3: key "data.values.students.el_status": maps "Former EL" to "Former", which is not an EL status (EL, FormerEL, NonEL)`}},
		{"unknown column", "[data.values.students]\n\nstatus = { \"Non-EL\" = \"NonEL\" }\n",
			[]string{`line 3: key "data.values.students.status": "status" is not a column of students (year, student_id, school_code, grade, el_status, home_language, el_program, end_status)`}},
		{"unknown input", "[data.values.student]\nel_status = { \"Non-EL\" = \"NonEL\" }\n",
			[]string{`line 1: key "data.values.student": "student" is not an input (schools, students, access, ewis, courses, mcas, cohort, plans)`}},
		{"blank target of a required column", "[data.values.ewis]\nrisk_level = { \"N/A\" = \"\" }\n",
			[]string{`line 2: key "data.values.ewis.risk_level": maps "N/A" to "", which is blank, but the column requires a value`}},
		{"numbers and levels", "[data.values.access]\noverall_level = { \"Bridging\" = \"6.5\" }\nsgpa = { \"n/a\" = \"0\" }\n",
			[]string{
				`line 2: key "data.values.access.overall_level": maps "Bridging" to "6.5", which is not a proficiency level (1.0-6.0)`,
				`line 3: key "data.values.access.sgpa": maps "n/a" to "0", which is out of range (1-99)`,
			}},
		{"one value, two targets", "[data.values.mcas]\nsubject = { \"math\" = \"Math\", \"MATH\" = \"ELA\" }\n",
			[]string{`line 2: key "data.values.mcas.subject": maps "MATH" and "math", which are the same value but for case, to different values ("ELA" and "Math")`}},
		{"not a table of strings", "[data.values.students]\nel_status = \"NonEL\"\n",
			[]string{`line 2: key "data.values.students.el_status": incompatible types: TOML value has type string; destination has type table`}},
		{"files not a table", "[data]\nfiles = \"students.csv\"\n",
			[]string{`line 2: key "data.files": incompatible types: TOML value has type string; destination has type table`}},
	}
	checkParseErrors(t, tests)
}

// The contract's columns and the value domains of config agree: every column that is not a
// text column has a domain, and every domain is a column.
func TestContractDomains(t *testing.T) {
	text := map[string]bool{"district_code": true, "district_name": true, "school_code": true, "school_name": true,
		"grade_span": true, "level": true, "student_id": true, "home_language": true}
	seen := map[string]bool{}
	for _, input := range Inputs {
		if len(Columns[input]) == 0 {
			t.Errorf("input %s has no columns", input)
		}
		for _, c := range Columns[input] {
			seen[c.Name] = true
			if _, ok := domains[c.Name]; ok == text[c.Name] {
				t.Errorf("column %s: has a domain %v, is a text column %v", c.Name, ok, text[c.Name])
			}
		}
	}
	for name := range domains {
		if !seen[name] {
			t.Errorf("domain %s is no column", name)
		}
	}
}

// parseErrorCase is a site.toml text and the lines of the error Parse must give for it.
type parseErrorCase struct {
	name, text string
	want       []string
}

// checkParseErrors runs each case as a subtest: Parse must fail with exactly its lines.
func checkParseErrors(t *testing.T, tests []parseErrorCase) {
	t.Helper()
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

// Two spellings of one file value may map to one target written in two cases: the target is
// read in any case, so it is one value ("el" and "EL").
func TestValuesSameTargetButForCase(t *testing.T) {
	cfg, err := Parse("[data.values.students]\nel_status = { \"LEP\" = \"el\", \"lep\" = \"EL\" }\n")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got := cfg.Data.Values["students"]["el_status"]; len(got) != 2 {
		t.Errorf("el_status values = %v, want both spellings", got)
	}
	// A text column's targets are compared as written.
	if _, err := Parse("[data.values.students]\nhome_language = { \"SPA\" = \"Spanish\", \"spa\" = \"spanish\" }\n"); err == nil {
		t.Error("home_language: two targets but for case were accepted")
	}
}
