// Package config reads site.toml, the one file a district edits to describe its site: the
// title, the years to publish, the privacy and benchmark thresholds, where its CSV exports are
// and how their columns are named, and the languages of the site.
//
// Decoding is strict: a key the program does not know, or a value of the wrong type, is an
// error naming the key (and its line where the TOML library reports one), because a mistyped
// setting that is silently ignored (say "min-n = 20") would publish figures the district meant
// to suppress.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"elreport/generator/textcheck"
	"elreport/generator/theme"
)

// Config is a decoded and validated site.toml.
type Config struct {
	// Title is the site's title, shown on every page.
	Title string `toml:"title"`
	// District selects the site's district: the one the home page features when the data
	// holds several, or on a site from DESE's public reports alone the districts built (see
	// DistrictSetting).
	District DistrictSetting `toml:"district"`
	// Years lists the school years to publish (spring years); empty means every year present.
	Years []int `toml:"years"`
	// MinN is the minimum group size: a figure with a smaller denominator is suppressed.
	MinN int `toml:"min_n"`
	// ProficientLevel is the ACCESS overall level counted as proficient (DESE: 4.2).
	ProficientLevel float64 `toml:"proficient_level"`
	// GapThreshold is the gap, in percentage points, beyond which a gap is flagged.
	GapThreshold float64 `toml:"gap_threshold"`
	// ChangeThreshold is the change, in percentage points, below which a change since the year
	// before (of a figure, or of a gap's width) is said to be "about the same".
	ChangeThreshold float64 `toml:"change_threshold"`
	// DefaultLanguage is the code of the language strings and guides fall back to.
	DefaultLanguage string `toml:"default_language"`
	// BaseURL is the public address of the site (e.g. "https://district.example.org/reports/"),
	// used only where relative addresses cannot work: sitemap.xml, and the links of 404.html,
	// which a host serves at any missing address. Pages link relatively.
	BaseURL string `toml:"base_url"`
	// Timestamp, when set, is printed on pages as the build date; empty keeps builds reproducible.
	Timestamp string `toml:"timestamp"`

	Data Data `toml:"data"`
	// PublicData is DESE's public report exports, for comparisons.
	PublicData PublicData `toml:"public_data"`
	Theme      Theme      `toml:"theme"`
	Languages  []Language `toml:"languages"`
	// Goals are the district's improvement plan: each a target for one published figure.
	Goals []Goal `toml:"goals"`

	// Dir is the folder of site.toml (slash-separated, relative to the file system it was read
	// from); input paths are relative to it.
	Dir string `toml:"-"`
}

// Data says where the input CSV files are and how to read them.
type Data struct {
	// Dir is the folder holding the CSV files: relative to site.toml's folder (it may lead
	// out of it, "../exports") or absolute.
	Dir string `toml:"dir"`
	// Encoding is the text encoding of the files: one for all, one per input, or (where it
	// says nothing) detected per file.
	Encoding Encodings `toml:"encoding"`
	// AllowRejects is how many rejected rows a build tolerates; the data page lists them.
	AllowRejects int `toml:"allow_rejects"`
	// AccessFormat is "standard" (the columns of docs/data-contract.md) or "dese" (DESE's ACCESS student data file).
	AccessFormat string `toml:"access_format"`
	// StudentsFormat is "standard" (students.csv's contract columns) or "sims" (a SIMS
	// export, DOE element headers, the year in the file name).
	StudentsFormat string `toml:"students_format"`
	// MCASFormat is "standard" (mcas.csv's contract columns, one row per subject) or "dese"
	// (DESE's MCAS student data file, one wide row per student).
	MCASFormat string `toml:"mcas_format"`
	// AccessSchool is the school a DESE ACCESS result counts in: "testing" (SchoolNumber, the
	// default) or "responsible" (sprp_sch, the school of responsibility).
	AccessSchool string `toml:"access_school"`
	// Files maps an input name (schools, students, access, ...) to its files when they are not
	// <name>.csv: one file, or a list of files and patterns ("dese/ACCESS_*.csv", wildcards in
	// the file name only) whose rows together are the input, each file read with its own
	// header. Paths are relative to Dir (they may lead out of it) or absolute.
	Files map[string]FileList `toml:"files"`
	// Columns maps, per input, a column of the contract to the district's own header.
	Columns map[string]map[string]string `toml:"columns"`
	// Values maps, per input and column, a district's own values to the contract's:
	// Values["students"]["el_status"]["LEP"] = "EL". Column names are in lower case, file
	// values trimmed; every target is a value of its column (or "" for an optional one). The
	// loader compares a file's value with the keys exactly, then without regard to case.
	Values map[string]map[string]map[string]string `toml:"values"`
}

// Theme is how the site presents the district.
type Theme struct {
	// DistrictName is the district's name as the pages show it (titles, headings, breadcrumbs,
	// sentences), in every language that does not give its own (Language.DistrictName); empty
	// shows schools.csv's district_name. It names the site's one district: the only district
	// of the data, or the one District selects. Downloads keep schools.csv's name.
	DistrictName string `toml:"district_name"`
	// Logo is an image file in the site's folder (a slash path from it: PNG, SVG, JPEG or
	// WebP, at most theme.MaxLogoBytes), published as static/logo.<ext> and shown in the header
	// beside the title; empty for none. Load reads and checks it (see theme.CheckLogo).
	Logo string `toml:"logo"`
	// Colors are the site's own colours; each one left empty keeps the built-in one.
	Colors Colors `toml:"colors"`

	// LogoData is the content of the Logo file, read by Load.
	LogoData []byte `toml:"-"`
}

// Colors are the colours [theme.colors] sets, each "#rrggbb" in lower case once validated (site.toml
// may write "#rgb" and capitals), or "" to keep the built-in one. Validation refuses a pair of
// colours that text on the pages takes whose contrast is below WCAG AA's 4.5:1 (see
// theme.Check).
type Colors struct {
	// Accent is the colour of links, buttons, the focus ring and the headline figures.
	Accent string `toml:"accent"`
	// Header is the background of the header, the footer and a table's highlighted row.
	Header string `toml:"header"`
}

// Set says whether site.toml sets any colour, and so whether the site has a static/theme.css.
func (c Colors) Set() bool { return c.Accent != "" || c.Header != "" }

// AccentColor returns the accent: site.toml's, or the built-in one.
func (c Colors) AccentColor() theme.Color { return colorOr(c.Accent, theme.DefaultAccent) }

// HeaderColor returns the header's background: site.toml's, or the built-in one.
func (c Colors) HeaderColor() theme.Color { return colorOr(c.Header, theme.DefaultHeader) }

// colorOr returns the colour s, or def when s is empty or (before validation) not a colour.
func colorOr(s, def string) theme.Color {
	if c, err := theme.ParseColor(s); err == nil {
		return c
	}
	return theme.MustColor(def)
}

// Language is one language of the site.
type Language struct {
	// Code is the BCP 47 code used in URLs and lang attributes, e.g. "es" or "pt-BR".
	Code string `toml:"code"`
	// Name is the language's name in itself, e.g. "Español".
	Name string `toml:"name"`
	// Dir is "ltr" or "rtl".
	Dir string `toml:"dir"`
	// NumberFormat is the BCP 47 tag whose number conventions are used; empty means Code.
	NumberFormat string `toml:"number_format"`
	// Title is the site's title in this language; empty means the top-level title.
	Title string `toml:"title"`
	// DistrictName is the district's name in this language; empty means [theme]'s.
	DistrictName string `toml:"district_name"`
}

// Inputs lists the input names in the order they are loaded.
var Inputs = []string{"schools", "students", "access", "ewis", "courses", "mcas", "cohort", "plans"}

// Defaults returns the settings used where site.toml is silent.
func Defaults() Config {
	return Config{
		Title:           "English Learner Outcomes Report",
		MinN:            10,
		ProficientLevel: 4.2,
		GapThreshold:    10,
		ChangeThreshold: 1,
		DefaultLanguage: "en",
		Data:            Data{Dir: "data", AccessFormat: "standard", MCASFormat: "standard", StudentsFormat: "standard"},
		Languages:       []Language{{Code: "en", Name: "English", Dir: "ltr"}},
	}
}

// Load reads and validates the config file at name (a slash path in fsys), and reads and
// checks the logo it names, if any (Theme.LogoData).
func Load(fsys fs.FS, name string) (*Config, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	cfg, err := parse(string(b))
	if cfg == nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	cfg.Dir = path.Dir(name)
	// The logo's problems are listed with the other invalid values.
	if err := errors.Join(err, cfg.readLogo(fsys, string(b))); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return cfg, nil
}

// readLogo reads the file [theme] logo names, from the folder of site.toml, and checks it; text
// is the site.toml it was named in, for the line of the key.
func (c *Config) readLogo(fsys fs.FS, text string) error {
	if _, ok := theme.LogoExt(c.Theme.Logo); !ok || !fs.ValidPath(c.Theme.Logo) {
		return nil // none, or a name validate refused
	}
	key := toml.Key{"theme", "logo"}
	where := fmt.Sprintf("key %q: ", key.String())
	if line := keyLineNear(text, key); line > 0 {
		where = fmt.Sprintf("line %d: %s", line, where)
	}
	data, err := fs.ReadFile(fsys, path.Join(c.Dir, c.Theme.Logo))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%sthere is no file %s in the site's folder (the folder of site.toml)", where, c.Theme.Logo)
	case err != nil:
		return fmt.Errorf("%s%w", where, err)
	}
	if err := theme.CheckLogo(c.Theme.Logo, data); err != nil {
		return fmt.Errorf("%s%w", where, err)
	}
	c.Theme.LogoData = data
	return nil
}

// Parse decodes and validates the text of a site.toml.
func Parse(text string) (*Config, error) {
	cfg, err := parse(text)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// parse is Parse, except that a config whose values are invalid is returned with the error (it
// is nil only when the text could not be decoded), so that Load can check its logo too.
func parse(text string) (*Config, error) {
	cfg := Defaults()
	cfg.Languages = nil
	md, err := toml.Decode(text, &cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			msg, line := perr.Message, perr.Position.Line
			if perr.LastKey != "" && !strings.Contains(msg, perr.LastKey) {
				msg = fmt.Sprintf("key %q: %s", perr.LastKey, msg)
			}
			// An error of a key inside a table that decodes itself ([data.encoding]) names
			// that key: give its own line.
			if m := keyInMessage.FindStringSubmatch(msg); m != nil {
				if l := keyLine(text, keyParts(m[1])); l > 0 {
					line = l
				}
			}
			return nil, fmt.Errorf("line %d: %s", line, msg)
		}
		// A value of the wrong type is not a ParseError: the library writes
		// `toml: line 3 (last key "min_n"): incompatible types: ...`. Say it the same way.
		if m := typeError.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("line %s: key %q: %s", m[1], m[2], m[3])
		}
		return nil, err
	}
	if errs := checkTables(md, text); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		var errs []error
		for _, k := range undecoded {
			if line := keyLine(text, k); line > 0 {
				errs = append(errs, fmt.Errorf("line %d: unknown key %q", line, k.String()))
			} else {
				errs = append(errs, fmt.Errorf("unknown key %q", k.String()))
			}
		}
		return nil, errors.Join(errs...)
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = Defaults().Languages
	}
	if err := cfg.validate(text); err != nil {
		return &cfg, err
	}
	return &cfg, nil
}

var keyInMessage = regexp.MustCompile(`^key "([^"]+)": `)

// tables gives the TOML type of the keys of site.toml that are tables of tables, at each
// depth below them ("" for a string). The TOML library decodes a string where such a table
// belongs into nothing, without an error, so a mistake like
// `[data.values.students] el_status = "NonEL"` would be silently ignored.
var tables = map[string][]string{
	"data.files":        {"Hash", "String|Array"},
	"public_data.files": {"Hash", "Hash"},
	"data.columns":      {"Hash", "Hash", "String"},
	"data.values":       {"Hash", "Hash", "Hash", "String"},
}

// checkTables returns an error for each key of a table of tables that has the wrong type.
func checkTables(md toml.MetaData, text string) []error {
	var errs []error
	for _, k := range md.Keys() {
		if len(k) < 2 {
			continue
		}
		types, ok := tables[k[0]+"."+k[1]]
		if !ok || len(k)-2 >= len(types) {
			continue
		}
		want := types[len(k)-2]
		if got := md.Type(k...); !slices.Contains(strings.Split(want, "|"), got) {
			line := keyLine(text, k)
			errs = append(errs, fmt.Errorf("line %d: key %q: incompatible types: TOML value has type %s; destination has type %s",
				line, k.String(), tomlTypeName(got), tomlTypeName(want)))
		}
	}
	return errs
}

// tomlTypeName says a type of the TOML library as its errors do.
func tomlTypeName(t string) string {
	if alts := strings.Split(t, "|"); len(alts) > 1 {
		for i, a := range alts {
			alts[i] = tomlTypeName(a)
		}
		return strings.Join(alts, " or ")
	}
	switch t {
	case "Hash":
		return "table"
	case "String":
		return "string"
	case "Integer":
		return "int64"
	case "Float":
		return "float64"
	case "Bool":
		return "bool"
	}
	return strings.ToLower(t)
}

var typeError = regexp.MustCompile(`(?s)^toml: line (\d+) \(last key "(.*?)"\): (.*)$`)

// keyLine finds the line where key k is set, for keys the TOML library reports without one.
// It tracks [table] headers so that "dir" under [data] is not confused with a top-level "dir",
// and reads dotted keys ("encoding.schools = ...") and quoted ones ("\"Non-EL\" = ...").
func keyLine(text string, k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	want := strings.Join(k, ".")
	var current []string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			header, _, _ := strings.Cut(line, "#")
			current = keyParts(strings.Trim(strings.TrimSpace(header), "[] \t"))
			if strings.Join(current, ".") == want {
				return i + 1
			}
			continue
		}
		name, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := append(slices.Clip(current), keyParts(name)...)
		if strings.Join(full, ".") == want {
			return i + 1
		}
	}
	return 0
}

// keyLineNear is keyLine, or when k's own line cannot be found (a key inside an inline table),
// the line of the nearest key that holds it.
func keyLineNear(text string, k toml.Key) int {
	for n := len(k); n > 0; n-- {
		if line := keyLine(text, k[:n]); line > 0 {
			return line
		}
	}
	return 0
}

// keyParts splits a dotted TOML key into its parts, without their quotes.
func keyParts(key string) []string {
	var parts []string
	for _, p := range strings.Split(key, ".") {
		parts = append(parts, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return parts
}

// validate checks the values of a decoded config; text is the site.toml it was decoded from,
// for the lines of the keys whose errors name one.
func (c *Config) validate(text string) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	// badAt is bad for a top-level key, naming its line when it can be found.
	badAt := func(key, format string, args ...any) {
		msg := fmt.Sprintf("key %q: ", key) + fmt.Sprintf(format, args...)
		if line := keyLine(text, toml.Key{key}); line > 0 {
			msg = fmt.Sprintf("line %d: %s", line, msg)
		}
		errs = append(errs, errors.New(msg))
	}
	for _, y := range c.Years {
		if y < minYear || y > maxYear {
			badAt("years", "%d is not a school year (the spring year, %d to %d: 2025 is 2024-25)", y, minYear, maxYear)
		}
	}
	if problem := checkBaseURL(c.BaseURL); problem != "" {
		badAt("base_url", "%q %s", c.BaseURL, problem)
	}
	if c.MinN < 1 {
		bad("key \"min_n\": %d must be 1 or more", c.MinN)
	}
	if c.ProficientLevel < 1 || c.ProficientLevel > 6 {
		bad("key \"proficient_level\": %g is not a proficiency level (1.0-6.0)", c.ProficientLevel)
	}
	if c.GapThreshold < 0 || c.GapThreshold > 100 {
		bad("key \"gap_threshold\": %g is not a number of percentage points (0-100)", c.GapThreshold)
	}
	if c.ChangeThreshold < 0 || c.ChangeThreshold > 100 {
		bad("key \"change_threshold\": %g is not a number of percentage points (0-100)", c.ChangeThreshold)
	}
	if c.Data.AllowRejects < 0 {
		bad("key \"data.allow_rejects\": %d must be 0 or more", c.Data.AllowRejects)
	}
	// badKey is bad for a key of [data], naming its line (or the line of the key that holds
	// it) when it can be found. A key of [data.values] is shown down to its column.
	badKey := func(key []string, format string, args ...any) {
		msg := fmt.Sprintf("key %q: ", toml.Key(key[:min(len(key), 4)]).String()) + fmt.Sprintf(format, args...)
		if line := keyLineNear(text, key); line > 0 {
			msg = fmt.Sprintf("line %d: %s", line, msg)
		}
		errs = append(errs, errors.New(msg))
	}
	c.Data.Encoding.validate(badKey)
	switch c.Data.AccessFormat {
	case "standard", "dese":
	default:
		bad("key \"data.access_format\": %q is not a format (standard, dese)", c.Data.AccessFormat)
	}
	switch c.Data.StudentsFormat {
	case "standard", "sims":
	default:
		bad("key \"data.students_format\": %q is not a format (standard, sims)", c.Data.StudentsFormat)
	}
	switch c.Data.MCASFormat {
	case "standard", "dese":
	default:
		bad("key \"data.mcas_format\": %q is not a format (standard, dese)", c.Data.MCASFormat)
	}
	switch c.Data.AccessSchool {
	case "":
	case "testing", "responsible":
		if c.Data.AccessFormat != "dese" {
			bad("key \"data.access_school\": it says which school of DESE's ACCESS file a result counts in, so it needs access_format = \"dese\"")
		}
	default:
		bad("key \"data.access_school\": %q is not a school (testing: SchoolNumber, responsible: sprp_sch)", c.Data.AccessSchool)
	}
	c.Data.validatePaths(badKey)
	for _, name := range slices.Sorted(maps.Keys(c.Data.Columns)) {
		if !slices.Contains(Inputs, name) {
			badKey([]string{"data", "columns", name}, "%q is not an input (%s)", name, strings.Join(Inputs, ", "))
		}
	}
	c.Data.validateValues(badKey)
	c.PublicData.validate(badKey)
	c.District.validate(c.PublicOnly(), c.PublicData.Dir != "", badAt, badKey)
	seen := map[string]bool{}
	for i, l := range c.Languages {
		switch {
		case l.Code == "":
			bad("languages[%d]: key \"code\" is missing", i)
		case seen[l.Code]:
			bad("languages[%d]: language %q is listed twice", i, l.Code)
		}
		seen[l.Code] = true
		if l.Name == "" {
			bad("languages[%d] (%s): key \"name\" is missing", i, l.Code)
		}
		switch l.Dir {
		case "":
			c.Languages[i].Dir = "ltr"
		case "ltr", "rtl":
		default:
			bad("languages[%d] (%s): key \"dir\": %q is not a direction (ltr, rtl)", i, l.Code, l.Dir)
		}
		if l.NumberFormat == "" {
			c.Languages[i].NumberFormat = l.Code
		}
	}
	checkName := func(where, name string) {
		if problem := nameProblem(name); problem != "" {
			bad("%s: %s", where, problem)
		}
	}
	if c.Theme.DistrictName != "" {
		checkName(`key "theme.district_name"`, c.Theme.DistrictName)
	}
	c.Theme.validate(badKey)
	for i, l := range c.Languages {
		if l.DistrictName != "" {
			checkName(fmt.Sprintf("languages[%d] (%s): key \"district_name\"", i, l.Code), l.DistrictName)
		}
	}
	c.validateGoals(text, bad)
	if !seen[c.DefaultLanguage] {
		bad("key \"default_language\": %q is not one of the listed languages", c.DefaultLanguage)
	}
	return errors.Join(errs...)
}

// maxNameChars is the longest name site.toml may give, as for the names of schools.csv.
const maxNameChars = 200

// nameProblem says what is wrong with a display name: blank, too long, or with a control
// character; "" when nothing is.
func nameProblem(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "the name is only spaces; give a name, or leave the key out to use schools.csv's"
	case utf8.RuneCountInString(name) > maxNameChars:
		return fmt.Sprintf("the name has %d characters, more than %d", utf8.RuneCountInString(name), maxNameChars)
	case strings.ContainsAny(name, "\n\r"):
		return "the name has a line break"
	}
	return textcheck.Text(name)
}

// DistrictNameIn returns the district's name as site.toml gives it for a language (its own,
// else [theme]'s), or "" when it gives none.
func (c *Config) DistrictNameIn(code string) string {
	if l, ok := c.Language(code); ok && l.DistrictName != "" {
		return l.DistrictName
	}
	return c.Theme.DistrictName
}

// The school years a config may name: the domain of the year columns of the inputs
// (docs/data-contract.md).
const (
	minYear = 1990
	maxYear = 2100
)

// checkBaseURL says what is wrong with a base_url, or returns "" when it is empty or an
// absolute http or https address to which page paths can be added: with a host, and without
// user, query or fragment, spaces or control characters. It is written into sitemap.xml and
// the links of 404.html, so anything else (a "javascript:" address, a relative one) is refused.
func checkBaseURL(s string) string {
	if s == "" {
		return ""
	}
	const want = `is not an absolute http or https address (e.g. "https://www.example.org/el-report/")`
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7F || (r >= 0x80 && r < 0xA0) }) {
		return want + ": it has a space or a control character"
	}
	u, err := url.Parse(s)
	if err != nil {
		return want
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return want
	case u.Opaque != "" || u.Host == "" || strings.HasPrefix(u.Host, ":"):
		return want + ": it has no host"
	case u.User != nil:
		return want + ": it has a user name"
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		return want + ": page paths are added to it, so it may not have a query (?) or a fragment (#)"
	}
	return ""
}

// TitleIn returns the site's title in the language with the given code.
func (c *Config) TitleIn(code string) string {
	if l, ok := c.Language(code); ok && l.Title != "" {
		return l.Title
	}
	return c.Title
}

// Language returns the language with the given code.
func (c *Config) Language(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}
