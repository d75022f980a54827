package load

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"elreport/generator/config"
	"elreport/generator/homelang"
)

// The loader notes, per file, values that check should say something about beyond the row
// errors: values it read loosely, values of an enumerated column it does not know, school
// codes that lost their leading zeros, and home languages it does not recognise (which the
// site counts as "Other"; check is the only place their text appears). Notes are taken only off the usual path (when a value
// does not parse as it is), and a file keeps at most maxNotes distinct ones.

// The kinds of note.
const (
	noteLoose     = iota // a value read as a contract value that differs only in case, spaces and punctuation
	noteUnknown          // a value of an enumerated column that is not one of its values
	noteZeros            // a school code that is in schools.csv only with leading zeros
	noteLanguage         // a home_language that names no language elreport recognises
	noteOpenYears        // a years_in_program written "5+": at least that many, not known
)

// valueNote is a value of a column of the file and what the loader made of it.
type valueNote struct {
	kind   int
	col    int
	value  string
	target string // the contract value it was read as, or may stand for
}

const (
	maxNotes      = 64 // distinct notes a file keeps
	maxNotesShown = 5  // values a warning lists
)

// noteCount is how many rows have a note's value, and the line of the first.
type noteCount struct {
	rows, line int
}

// note counts a row with a value of a column that is worth a note.
func (f *fileReader) note(kind, col int, value, target string) {
	k := valueNote{kind, col, value, target}
	if f.notes == nil {
		f.notes = make(map[valueNote]noteCount)
	}
	n, ok := f.notes[k]
	if !ok {
		if len(f.notes) >= maxNotes {
			return
		}
		k.value = strings.Clone(value) // value points into the record
		n.line = f.batch.fieldLine(f.index, max(f.pos[col], 0))
	}
	n.rows++
	f.notes[k] = n
}

// valueWarnings returns the warnings of the file's notes: per column, the values read loosely,
// then the values it does not know, and the school codes without their leading zeros, each
// with the lines of site.toml's [data.values.<input>] that would map them.
func (f *fileReader) valueWarnings(cfg *config.Config) []Warning {
	if len(f.notes) == 0 {
		return nil
	}
	type counted struct {
		valueNote
		noteCount
	}
	groups := map[[2]int][]counted{} // (kind, column) -> its notes
	for k, n := range f.notes {
		key := [2]int{k.kind, k.col}
		groups[key] = append(groups[key], counted{k, n})
	}
	keys := make([][2]int, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[1], b[1]), cmp.Compare(a[0], b[0])) })
	input := f.t.input
	table := "data.values." + input
	exists := len(cfg.Data.Values[input]) > 0
	var out []Warning
	for _, key := range keys {
		notes := groups[key]
		slices.SortFunc(notes, func(a, b counted) int {
			if key[0] == noteLanguage { // in file order, to fix them by line
				return cmp.Compare(a.line, b.line)
			}
			return cmp.Or(cmp.Compare(b.rows, a.rows), cmp.Compare(a.value, b.value))
		})
		rows := 0
		for _, n := range notes {
			rows += n.rows
		}
		shown := notes[:min(len(notes), maxNotesShown)]
		more := ""
		if len(notes) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(notes)-len(shown))
		}
		column := f.t.columns[key[1]].name
		var list, pairs []string
		for _, n := range shown {
			switch key[0] {
			case noteLoose:
				list = append(list, fmt.Sprintf("%q as %s (%s)", n.value, n.target, plural(n.rows, "row")))
			case noteUnknown:
				list = append(list, fmt.Sprintf("%q (%s)", n.value, plural(n.rows, "row")))
				pairs = append(pairs, fmt.Sprintf("%s = \"…\"", tomlString(n.value)))
			case noteZeros:
				list = append(list, fmt.Sprintf("%q as %q (%s)", n.value, n.target, plural(n.rows, "row")))
			case noteOpenYears:
				list = append(list, fmt.Sprintf("%q (%s)", n.value, plural(n.rows, "row")))
			case noteLanguage:
				where := fmt.Sprintf("line %d", n.line)
				if n.rows > 1 {
					where = fmt.Sprintf("line %d and %s", n.line, plural(n.rows-1, "more row"))
				}
				list = append(list, fmt.Sprintf("%q (%s)", n.value, where))
			}
		}
		var msg string
		switch key[0] {
		case noteLoose:
			msg = fmt.Sprintf("column %q: read %s%s, which differ from the contract's values only in case, spaces or punctuation",
				column, joinAnd(list), more)
		case noteUnknown:
			msg = fmt.Sprintf("column %q: %s with values that are not values of the column: %s%s; if they stand for some, say which in site.toml (the rows are rejected until then), %s",
				column, plural(rows, "row"), strings.Join(list, ", "), more,
				pasteBlock(table, exists, fmt.Sprintf("%s = { %s }", column, strings.Join(pairs, ", "))))
		case noteOpenYears:
			msg = fmt.Sprintf("column %q: read %s as not known: \"at least\" so many years is neither a number of years nor 6+, so those students are in no years-in-program category and not counted as long-term ELs (like a blank); export the number itself if you can",
				column, joinAnd(list))
		case noteLanguage:
			msg = fmt.Sprintf("column %q: %s with a value that names no language elreport recognises: %s%s; the site counts them as %q and never shows the value; write the language's English name, its name in itself or its ISO 639 code instead",
				column, plural(rows, "row"), strings.Join(list, ", "), more, homelang.Other)
		case noteZeros:
			msg = fmt.Sprintf("column %q: read %s%s, the codes schools.csv writes with leading zeros (school codes are compared as numbers, as DESE's are; the export may have lost the zeros, as a spreadsheet does)",
				column, joinAnd(list), more)
		}
		out = append(out, Warning{Path: f.report.Path, Message: msg})
	}
	return out
}

// withZeros returns the code of schools.csv that is code, a number, but for leading zeros
// ("00500012" for "500012"), or "" when there is none or more than one.
func (x *schoolIndex) withZeros(code string) string {
	if x.unpadded == nil {
		x.unpadded = make(map[string]int32, len(x.schools))
		for i, s := range x.schools {
			k := strings.TrimLeft(s.code, "0")
			if _, ok := x.unpadded[k]; ok {
				x.unpadded[k] = -1
			} else {
				x.unpadded[k] = int32(i)
			}
		}
	}
	if code == "" || strings.Trim(code, "0123456789") != "" {
		return "" // only numbers lose their zeros
	}
	i, ok := x.unpadded[strings.TrimLeft(code, "0")]
	if !ok || i < 0 || x.schools[i].code == code {
		return ""
	}
	return x.schools[i].code
}

// sameNumber returns the codes of schools.csv that are the number code is but for leading
// zeros, when there are several (so withZeros matches none): a near miss to name in the error.
func (x *schoolIndex) sameNumber(code string) []string {
	if x.withZeros(code); x.unpadded[strings.TrimLeft(code, "0")] != -1 {
		return nil
	}
	var out []string
	for _, s := range x.schools {
		if strings.TrimLeft(s.code, "0") == strings.TrimLeft(code, "0") && s.code != code {
			out = append(out, s.code)
		}
	}
	return out
}

// countUnused counts a result the file holds that no figure counts (a student who did not
// test, an MCAS retest administration), by the reason, which says what it is and names the
// file's value: `students who did not test (teststatus "ABS")`.
func (f *fileReader) countUnused(reason string) {
	if f.unused == nil {
		f.unused = make(map[string]int)
	}
	if _, ok := f.unused[reason]; !ok && len(f.unused) >= maxNotes {
		reason = "other results no figure counts"
	}
	f.unused[reason]++
}

// unusedWarning says what the file holds that no figure counts: read, not rejected, and
// counted nowhere.
func (f *fileReader) unusedWarning() (Warning, bool) {
	if len(f.unused) == 0 {
		return Warning{}, false
	}
	for reason, n := range f.unused {
		f.report.Unused = append(f.report.Unused, ReasonCount{Reason: reason, Rows: n})
	}
	slices.SortFunc(f.report.Unused, func(a, b ReasonCount) int {
		return cmp.Or(cmp.Compare(b.Rows, a.Rows), cmp.Compare(a.Reason, b.Reason))
	})
	parts := make([]string, len(f.report.Unused))
	for i, u := range f.report.Unused {
		parts[i] = fmt.Sprintf("%s, %s", u.Reason, plural(u.Rows, "row"))
	}
	counted := "counted in no figure, as they hold no result to count"
	if f.t.input == "access" {
		counted = "no result to count: a student who did not test counts only in participation_rate's denominator"
	}
	return Warning{Path: f.report.Path, Message: fmt.Sprintf("%s: read and not rejected; %s", strings.Join(parts, "; "), counted)}, true
}

// quoteAll quotes each string, as %q does.
func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
