package load

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"elreport/generator/config"
	"elreport/generator/metric"
)

// A format maps the headers and values of a file onto an input's contract columns, so that
// every format is read by the same row functions and parsers. The standard format is the
// contract itself; the DESE preset reads DESE's ACCESS for ELLs student data file.
type format struct {
	// name says what the format reads, for messages.
	name string
	// headers gives, per contract column, the header that holds it when it is not the
	// column's own name.
	headers map[int]string
	// yearSuffixed gives, per contract column, the prefix of year-suffixed headers: the field
	// read for a row is the one whose suffix is the row's year plus one.
	yearSuffixed map[int]string
	// values gives, per contract column, a function that turns the file's value into the
	// contract's; columns without one go through missing (when set), else unchanged.
	values  map[int]func(string) (string, error)
	missing func(string) (string, error)
	// yearFromName says the file has no year column: its name gives the year of every row
	// (a SIMS export).
	yearFromName bool
}

// deseAccess reads DESE's ACCESS for ELLs student data file (site.toml: [data] access_format =
// "dese") in its layout of 2019 on (the 2021, 2023 and 2024 files have it): adminyear,
// SchoolNumber (the testing school; sprp_sch, the school of responsibility, with [data]
// access_school = "responsible"), SASID, grade ("01".."12", "KG"), yrsinmass, overalllevel,
// ALT (1/Y: Alternate ACCESS), overalllevel_alt (P1-P3, A1-A3), teststatus (T or ALT: tested;
// ABS, INV, EXE or any other code: not tested), the domain levels (listeninglevel .. writinglevel, literacylevel),
// madeprogress_RE1 (1/0), SGPA, MadeExitCriteria_RE2 (1/0), ExitedELInstruction_RE3 (1/0:
// exited EL status after meeting the exit criteria; NA for a student who did not meet them),
// NotMeetingExitCriteria_RE5 (1/0: did not attain English proficiency within six years; the
// scrubbed samples also write -1, read as no value), FEL_Year (the year the student
// exited EL status), and the pair ProgressTarget<YYYY>/DifficultyIndex<YYYY> of the following
// year (adminyear+1), which are the future target and difficulty index. "NA" and "-1" mean no
// value in every column. ELP_prog and firstlanguage are ignored: program and language come
// from students.csv. See deseAccess2018 for the older layout.
var deseAccess = &format{
	name: "DESE ACCESS student data file (2019 on)",
	headers: map[int]string{
		colYear: "adminyear", colSchool: "schoolnumber", colStudent: "sasid", accGrade: "grade",
		accYears: "yrsinmass", accOverall: "overalllevel", accTest: "alt",
		accProgress: "madeprogress_re1", accSGPA: "sgpa",
		accListening: "listeninglevel", accSpeaking: "speakinglevel", accReading: "readinglevel",
		accWriting: "writinglevel", accLiteracy: "literacylevel", accAlt: "overalllevel_alt",
		accStatus: "teststatus", accMetExit: "madeexitcriteria_re2", accExitYear: "fel_year",
		accExited: "exitedelinstruction_re3", accSixYears: "notmeetingexitcriteria_re5",
	},
	yearSuffixed: map[int]string{accTarget: "progresstarget", accDifficulty: "difficultyindex"},
	values: map[int]func(string) (string, error){
		accTest: deseALT, accProgress: deseProgress, accMetExit: deseProgress, accStatus: deseTestStatus,
		accExited: deseProgress, accSixYears: deseProgress,
	},
	missing: deseMissing,
}

// deseAccess2018 reads the ACCESS student data file in its layout of 2018 and before: the
// levels are the adjusted ones (overalllevel_adj, listeninglevel_adj, ...), progress is
// MadeProgress, exit MadeExitCriteria, and there is no FEL_Year. Nor are there
// ExitedELInstruction_RE3 and NotMeetingExitCriteria_RE5 in the layout as the ETL
// Assistant's MA_ACCESS_18 signature lists it: DESE first released RE3, RE5 and the FEL year
// in January 2019 (its "EL Assessment Update" of January 3, 2019). They keep their later
// headers here, so a 2018 file that has them is read, and one that lacks them leaves RE3
// and RE5 out for its year, as check says. Its ProgressTarget18 and
// DifficultyIndex18 are the year's own (two-digit suffix), not the next year's: the file has
// no future target or difficulty index in deseAccess's sense, and check says so.
var deseAccess2018 = func() *format {
	f := *deseAccess
	f.name = "DESE ACCESS student data file (2018 and before)"
	f.headers = maps.Clone(deseAccess.headers)
	maps.Copy(f.headers, map[int]string{
		accOverall: "overalllevel_adj", accProgress: "madeprogress", accMetExit: "madeexitcriteria",
		accListening: "listeninglevel_adj", accSpeaking: "speakinglevel_adj", accReading: "readinglevel_adj",
		accWriting: "writinglevel_adj", accLiteracy: "literacylevel_adj",
	})
	delete(f.headers, accExitYear)
	return &f
}()

// deseTestStatus reads teststatus: T (tested) and ALT (took Alternate ACCESS), or no value,
// are a tested student; ABS (absent), INV (invalid), EXE (exempt) and any other code, one who
// did not test, whom check counts by code. (The codes are those of DESE's 2018 layout, as the
// PowerSchool ETL Assistant's signature file MA_ACCESS_18.sig lists them.)
func deseTestStatus(s string) (string, error) {
	s, _ = deseMissing(s)
	if s == "" || strings.EqualFold(s, "T") || strings.EqualFold(s, "ALT") {
		return "Tested", nil
	}
	return "NotTested", nil
}

// deseFormatFor returns the layout of DESE's ACCESS file that a header has: the 2018 one when
// it has overalllevel_adj, else the current one.
func deseFormatFor(header []string) *format {
	for _, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "overalllevel_adj") {
			return deseAccess2018
		}
	}
	return deseAccess
}

// deseMissing turns DESE's markers of a missing value ("NA", "-1") into a blank.
func deseMissing(s string) (string, error) {
	if s == "-1" || strings.EqualFold(s, "NA") {
		return "", nil
	}
	return s, nil
}

// deseALT reads the ALT flag as a test: 1/Y is ALT, 0/N or no value is ACCESS.
func deseALT(s string) (string, error) {
	s, _ = deseMissing(s)
	switch strings.ToUpper(s) {
	case "1", "Y", "YES", "ALT":
		return "ALT", nil
	case "", "0", "N", "NO", "ACCESS":
		return "", nil
	}
	return "", valueError{value: s, reason: "is not an ALT flag (1/Y, 0/N or blank)"}
}

// deseProgress reads madeprogress_RE1: 1 is Yes, 0 is No, no value is no indicator.
func deseProgress(s string) (string, error) {
	s, _ = deseMissing(s)
	switch strings.ToUpper(s) {
	case "1", "Y", "YES":
		return "Yes", nil
	case "0", "N", "NO":
		return "No", nil
	case "":
		return "", nil
	}
	return "", valueError{value: s, reason: "is not a progress flag (1, 0, NA or blank)"}
}

// formatOf returns the format of an input's file under cfg, given its header: nil for the
// standard contract. DESE's ACCESS file has a layout per period (deseFormatFor), and the
// school a student counts in is the testing school unless [data] access_school says
// "responsible" (sprp_sch).
func formatOf(cfg *config.Config, input string, header []string) *format {
	if input == "mcas" && cfg.Data.MCASFormat == "dese" {
		return deseMCAS
	}
	if input == "students" && cfg.Data.StudentsFormat == "sims" {
		return simsStudents
	}
	if input != "access" || cfg.Data.AccessFormat != "dese" {
		return nil
	}
	f := deseFormatFor(header)
	if cfg.Data.AccessSchool == "responsible" {
		g := *f
		g.headers = maps.Clone(f.headers)
		g.headers[colSchool] = "sprp_sch"
		f = &g
	}
	return f
}

// layout is where a file holds each contract column, resolved once from its header.
type layout struct {
	// pos is the field of each contract column, -1 when the file lacks it.
	pos []int
	// suffixed lists, per contract column, the year-suffixed fields of a DESE file.
	suffixed [][]yearField
	// transform is the value function of each column; nil leaves the value as it is.
	transform []func(string) (string, error)
}

// absent returns the optional contract columns of t the file lacks, in contract order.
func (l *layout) absent(t *table) []string {
	var out []string
	for col, c := range t.columns {
		if l.pos[col] < 0 && (l.suffixed == nil || len(l.suffixed[col]) == 0) && !c.required {
			out = append(out, c.name)
		}
	}
	return out
}

// absentWarning says which metrics a file's absent columns leave out, when some metric reads
// one: they are not computed, rather than computed as if every row were blank.
func absentWarning(path, input string, absent []string, oneOfSeveral bool) (Warning, bool) {
	var cols, metrics []string
	for _, name := range absent {
		used := false
		for _, m := range metric.Catalogue() {
			if m.Gap == nil && slices.Contains(m.Inputs, metric.Column{File: input, Name: name}) {
				used = true
				if !slices.Contains(metrics, string(m.ID)) {
					metrics = append(metrics, string(m.ID))
				}
			}
		}
		if used {
			cols = append(cols, strconv.Quote(name))
		}
	}
	if len(cols) == 0 {
		return Warning{}, false
	}
	word := "column"
	if len(cols) > 1 {
		word = "columns"
	}
	which := ""
	if oneOfSeveral {
		which = " for the years of this file's rows"
	}
	return Warning{Path: path, Message: fmt.Sprintf(
		"no %s %s, so %s (and the gaps made from them) are not computed%s, rather than shown as if every row were blank; the pages say which column would give them; if the file has it under another name, map it in [data.columns.%s]",
		word, joinAnd(cols), joinAnd(metrics), which, input)}, true
}

type yearField struct {
	year, field int
}

// looseMatch is a header that matched a contract column only loosely: not its name (or the
// mapped or preset header) in any case, but the same letters and digits.
type looseMatch struct {
	header, column string
}

// resolveLayout matches a file's header against the contract columns of t, after site.toml's
// column mapping and the file's format. A header matches a column when it is the column's
// name (or the header site.toml or the format gives it) compared case-insensitively after
// trimming, or failing that, when it has the same letters and digits ("School Code" is
// school_code, "EL Status" el_status): the loose matches are returned, for check to list. The
// error names the problem (missing required columns, with the lines of site.toml that would
// map them; a duplicate; a bad mapping) and the headers found; it does not include the file's
// path.
func resolveLayout(t *table, cfg *config.Config, f *format, header []string) (layout, []looseMatch, error) {
	// exact: lower-case header name -> contract column; loose: headerKey -> contract column,
	// -1 when two columns have the same key.
	exact := make(map[string]int, len(t.columns))
	loose := make(map[string]int, len(t.columns))
	prefixes := map[int]string{}
	mapping := cfg.Data.Columns[t.input]
	for name := range mapping {
		if !slices.ContainsFunc(t.columns, func(c column) bool { return c.name == strings.ToLower(strings.TrimSpace(name)) }) {
			return layout{}, nil, fmt.Errorf("site.toml [data.columns.%s] maps %q, which is not a column of %s (%s)",
				t.input, name, t.input, columnNames(t))
		}
	}
	lookFor := make([]string, len(t.columns))
	for col, c := range t.columns {
		lookFor[col] = c.name
		if h, ok := mappedHeader(mapping, c.name); ok {
			lookFor[col] = h
		} else if f != nil {
			if p, ok := f.yearSuffixed[col]; ok {
				prefixes[col] = headerKey(p)
				lookFor[col] = p + "<year>"
				continue
			}
			if h, ok := f.headers[col]; ok {
				lookFor[col] = h
			}
		}
		name := strings.ToLower(lookFor[col])
		if other, ok := exact[name]; ok {
			return layout{}, nil, fmt.Errorf("site.toml [data.columns.%s] gives columns %q and %q the same header %q",
				t.input, t.columns[other].name, c.name, lookFor[col])
		}
		exact[name] = col
		if k := headerKey(lookFor[col]); k != "" {
			if _, ok := loose[k]; ok {
				loose[k] = -1
			} else {
				loose[k] = col
			}
		}
	}

	l := layout{
		pos:       make([]int, len(t.columns)),
		suffixed:  make([][]yearField, len(t.columns)),
		transform: make([]func(string) (string, error), len(t.columns)),
	}
	for col, c := range t.columns {
		l.pos[col] = -1
		if f != nil {
			l.transform[col] = f.missing
			if fn, ok := f.values[col]; ok {
				l.transform[col] = fn
			}
		}
		if values := cfg.Data.Values[t.input][c.name]; len(values) > 0 {
			l.transform[col] = mapValues(values, l.transform[col])
		}
	}
	duplicate := func(i, j int) error {
		return fmt.Errorf("header %q appears twice (fields %d and %d)", strings.TrimSpace(header[i]), j+1, i+1)
	}
	candidates := map[int][]int{} // contract column -> the fields that match it loosely
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			continue
		}
		if col, ok := exact[name]; ok {
			if l.pos[col] >= 0 {
				return layout{}, nil, duplicate(i, l.pos[col])
			}
			l.pos[col] = i
			continue
		}
		key := headerKey(h)
		if col, ok := loose[key]; ok && col >= 0 {
			candidates[col] = append(candidates[col], i)
			continue
		}
		for col, prefix := range prefixes {
			year, ok := strings.CutPrefix(key, prefix)
			if n, err := strconv.Atoi(year); ok && err == nil && len(year) == 4 {
				for _, yf := range l.suffixed[col] {
					if yf.year == n {
						return layout{}, nil, duplicate(i, yf.field)
					}
				}
				l.suffixed[col] = append(l.suffixed[col], yearField{n, i})
			}
		}
	}
	var matches []looseMatch
	for col := range t.columns {
		fields := candidates[col]
		if l.pos[col] >= 0 || len(fields) == 0 {
			continue // an exact match wins over loose ones
		}
		if len(fields) > 1 {
			var names []string
			for _, i := range fields {
				names = append(names, fmt.Sprintf("%q (field %d)", strings.TrimSpace(header[i]), i+1))
			}
			return layout{}, nil, fmt.Errorf("headers %s all read as column %q; say which one it is: %s",
				strings.Join(names, " and "), t.columns[col].name,
				pasteBlock("data.columns."+t.input, len(mapping) > 0,
					fmt.Sprintf("%s = %s", t.columns[col].name, tomlString(strings.TrimSpace(header[fields[0]])))))
		}
		l.pos[col] = fields[0]
		matches = append(matches, looseMatch{header: strings.TrimSpace(header[fields[0]]), column: t.columns[col].name})
	}

	m := &missingError{t: t, cfg: cfg, header: header, pos: l.pos, lookFor: lookFor}
	for col, c := range t.columns {
		if c.required && l.pos[col] < 0 && len(l.suffixed[col]) == 0 && !(col == colYear && f != nil && f.yearFromName) {
			m.missing = append(m.missing, col)
		}
	}
	if len(m.missing) > 0 {
		return layout{}, nil, m
	}
	return l, matches, nil
}

// missingError is a header without some required columns.
type missingError struct {
	t       *table
	cfg     *config.Config
	header  []string
	pos     []int    // the field of each contract column, -1 when missing
	lookFor []string // the header each contract column was looked for under
	missing []int    // the required columns missing
}

// Error names the missing columns and the headers found, and ends with the lines of site.toml
// that would map them, guessed from the headers.
func (m *missingError) Error() string {
	var missing []string
	for _, col := range m.missing {
		name := m.t.columns[col].name
		s := strconv.Quote(name)
		if m.lookFor[col] != name {
			s += fmt.Sprintf(" (header %q)", m.lookFor[col])
		}
		missing = append(missing, s)
	}
	s := ""
	if len(missing) > 1 {
		s = "s"
	}
	found := make([]string, len(m.header))
	for i, h := range m.header {
		found[i] = strconv.Quote(strings.TrimSpace(h))
	}
	lead := "if the file has it under another name, "
	if len(m.missing) > 1 {
		lead = "if the file has them under other names, "
	}
	return fmt.Sprintf("missing required column%s %s; the header has %s\n%s%s",
		s, strings.Join(missing, ", "), strings.Join(found, ", "), lead,
		pasteBlock("data.columns."+m.t.input, len(m.cfg.Data.Columns[m.t.input]) > 0, m.lines()...))
}

// lines returns the lines of site.toml's [data.columns.<input>] that map the missing columns.
func (m *missingError) lines() []string {
	return suggestColumns(m.t, m.header, m.pos, m.missing)
}

// mapValues returns the value function of a column that site.toml's [data.values] maps: a
// value it names (exactly, else in any case) becomes its target; any other goes through next
// (the format's function), if any.
func mapValues(values map[string]string, next func(string) (string, error)) func(string) (string, error) {
	lower := make(map[string]string, len(values))
	for from, to := range values {
		lower[strings.ToLower(from)] = to
	}
	return func(s string) (string, error) {
		if v, ok := values[s]; ok {
			return v, nil
		}
		if v, ok := lower[strings.ToLower(s)]; ok {
			return v, nil
		}
		if next != nil {
			return next(s)
		}
		return s, nil
	}
}

// headerKey returns a header (or a column's name) as loose matching compares it: its letters
// and digits, in lower case ("School Code" and "school_code" are both "schoolcode").
func headerKey(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b = append(b, byte(r))
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// looseHeaderWarning lists the headers of a file read loosely as contract columns.
func looseHeaderWarning(path string, matches []looseMatch) Warning {
	parts := make([]string, len(matches))
	for i, m := range matches {
		parts[i] = fmt.Sprintf("%q as %s", m.header, m.column)
		if i == 0 {
			parts[i] = fmt.Sprintf("header %q as column %s", m.header, m.column)
		}
	}
	return Warning{Path: path, Message: fmt.Sprintf("read %s (names compared without case, spaces and punctuation)", joinAnd(parts))}
}

// joinAnd joins items as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// mappedHeader returns the header site.toml maps a contract column to, if any.
func mappedHeader(mapping map[string]string, column string) (string, bool) {
	for k, v := range mapping {
		if strings.ToLower(strings.TrimSpace(k)) == column {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

func columnNames(t *table) string {
	names := make([]string, len(t.columns))
	for i, c := range t.columns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// resolveYear points the year-suffixed columns of a DESE file at the fields of the year after
// year (the targets for next year's test); a column without such a field reads as blank.
func (l *layout) resolveYear(year int) {
	for col, fields := range l.suffixed {
		if len(fields) == 0 {
			continue
		}
		l.pos[col] = -1
		for _, yf := range fields {
			if yf.year == year+1 {
				l.pos[col] = yf.field
			}
		}
	}
}
