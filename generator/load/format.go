package load

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"elreport/generator/config"
)

// A format maps the headers and values of a file onto an input's contract columns, so that
// every format is read by the same row functions and parsers. The standard format is the
// contract itself; the DESE preset reads DESE's ACCESS for ELLs student data file.
type format struct {
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
}

// deseAccess reads DESE's ACCESS for ELLs student data file (site.toml: [data] access_format =
// "dese"): adminyear, SchoolNumber, SASID, grade ("01".."12", "KG"), yrsinmass, overalllevel,
// ALT (1/Y: Alternate ACCESS; 0/N/blank: ACCESS), madeprogress_RE1 (1/0), SGPA, and the pair
// ProgressTarget<YYYY>/DifficultyIndex<YYYY> of the following year (adminyear+1), which are the
// future target and difficulty index. "NA" and "-1" mean no value in every column. ELP_prog and
// firstlanguage are ignored: program and language come from students.csv.
var deseAccess = &format{
	headers: map[int]string{
		colYear: "adminyear", colSchool: "schoolnumber", colStudent: "sasid", accGrade: "grade",
		accYears: "yrsinmass", accOverall: "overalllevel", accTest: "alt",
		accProgress: "madeprogress_re1", accSGPA: "sgpa",
	},
	yearSuffixed: map[int]string{accTarget: "progresstarget", accDifficulty: "difficultyindex"},
	values:       map[int]func(string) (string, error){accTest: deseALT, accProgress: deseProgress},
	missing:      deseMissing,
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

// formatOf returns the format of an input under cfg: nil for the standard contract.
func formatOf(cfg *config.Config, input string) *format {
	if input == "access" && cfg.Data.AccessFormat == "dese" {
		return deseAccess
	}
	return nil
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

type yearField struct {
	year, field int
}

// resolveLayout matches a file's header against the contract columns of t, after site.toml's
// column mapping and the file's format: names compared case-insensitively after trimming. The
// error names the problem (missing required columns, a duplicate, a bad mapping) and the
// headers found; it does not include the file's path.
func resolveLayout(t *table, cfg *config.Config, f *format, header []string) (layout, error) {
	// want: lower-case header name -> contract column.
	want := make(map[string]int, len(t.columns))
	prefixes := map[int]string{}
	mapping := cfg.Data.Columns[t.input]
	for name := range mapping {
		if !slices.ContainsFunc(t.columns, func(c column) bool { return c.name == strings.ToLower(strings.TrimSpace(name)) }) {
			return layout{}, fmt.Errorf("site.toml [data.columns.%s] maps %q, which is not a column of %s (%s)",
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
				prefixes[col] = p
				lookFor[col] = p + "<year>"
				continue
			}
			if h, ok := f.headers[col]; ok {
				lookFor[col] = h
			}
		}
		name := strings.ToLower(lookFor[col])
		if other, ok := want[name]; ok {
			return layout{}, fmt.Errorf("site.toml [data.columns.%s] gives columns %q and %q the same header %q",
				t.input, t.columns[other].name, c.name, lookFor[col])
		}
		want[name] = col
	}

	l := layout{
		pos:       make([]int, len(t.columns)),
		suffixed:  make([][]yearField, len(t.columns)),
		transform: make([]func(string) (string, error), len(t.columns)),
	}
	for col := range l.pos {
		l.pos[col] = -1
		if f != nil {
			l.transform[col] = f.missing
			if fn, ok := f.values[col]; ok {
				l.transform[col] = fn
			}
		}
	}
	duplicate := func(i, j int) error {
		return fmt.Errorf("header %q appears twice (fields %d and %d)", strings.TrimSpace(header[i]), j+1, i+1)
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			continue
		}
		if col, ok := want[name]; ok {
			if l.pos[col] >= 0 {
				return layout{}, duplicate(i, l.pos[col])
			}
			l.pos[col] = i
			continue
		}
		for col, prefix := range prefixes {
			year, ok := strings.CutPrefix(name, prefix)
			if n, err := strconv.Atoi(year); ok && err == nil && len(year) == 4 {
				for _, yf := range l.suffixed[col] {
					if yf.year == n {
						return layout{}, duplicate(i, yf.field)
					}
				}
				l.suffixed[col] = append(l.suffixed[col], yearField{n, i})
			}
		}
	}

	var missing []string
	for col, c := range t.columns {
		if !c.required || l.pos[col] >= 0 || len(l.suffixed[col]) > 0 {
			continue
		}
		m := strconv.Quote(c.name)
		if lookFor[col] != c.name {
			m += fmt.Sprintf(" (header %q)", lookFor[col])
		}
		missing = append(missing, m)
	}
	if len(missing) > 0 {
		s := ""
		if len(missing) > 1 {
			s = "s"
		}
		found := make([]string, len(header))
		for i, h := range header {
			found[i] = strconv.Quote(strings.TrimSpace(h))
		}
		return layout{}, fmt.Errorf("missing required column%s %s; the header has %s",
			s, strings.Join(missing, ", "), strings.Join(found, ", "))
	}
	return l, nil
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
