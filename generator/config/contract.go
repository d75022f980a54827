package config

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"elreport/generator/record"
)

// Column is a column of an input in the data contract (docs/data-contract.md).
type Column struct {
	Name     string
	Required bool
}

// Columns lists, per input, the columns of the contract, in the order the loader indexes them
// (generator/load/tables.go). site.toml's [data.values.<input>] keys are checked against it.
var Columns = map[string][]Column{
	"schools": {
		{"district_code", true}, {"district_name", true}, {"school_code", true}, {"school_name", true},
		{"grade_span", false}, {"level", false},
	},
	"students": studentColumns("year",
		Column{"grade", true}, Column{"el_status", true}, Column{"home_language", false},
		Column{"el_program", false}, Column{"end_status", false},
	),
	"access": studentColumns("year",
		// overall_level is required of a tested student's row without alt_level only; the
		// loader enforces that, so a mapping may make it blank.
		Column{"grade", true}, Column{"overall_level", false}, Column{"test", false},
		Column{"listening", false}, Column{"speaking", false}, Column{"reading", false}, Column{"writing", false},
		Column{"future_target", false}, Column{"difficulty_index", false}, Column{"sgpa", false},
		Column{"progress", false}, Column{"years_in_program", false},
		Column{"literacy", false}, Column{"alt_level", false}, Column{"test_status", false},
		Column{"met_exit_criteria", false}, Column{"exit_year", false},
		Column{"exited_after_exit_criteria", false}, Column{"not_proficient_six_years", false},
	),
	"ewis":    studentColumns("year", Column{"grade", true}, Column{"risk_level", true}),
	"courses": studentColumns("year", Column{"courses_taken", true}, Column{"courses_passed", true}),
	"mcas": studentColumns("year",
		Column{"grade", true}, Column{"subject", true}, Column{"achievement_level", true},
	),
	"cohort": studentColumns("cohort_year", Column{"el_in_cohort", true}, Column{"outcome", true}),
	"plans":  studentColumns("year", Column{"plan", true}),
}

// Every student-level input starts with its year, student_id and school_code.
func studentColumns(first string, own ...Column) []Column {
	return append([]Column{{first, true}, {"student_id", true}, {"school_code", true}}, own...)
}

// column returns the column of an input with the given name.
func column(input, name string) (Column, bool) {
	for _, c := range Columns[input] {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// columnNames lists the columns of an input for a message: "year, student_id, …".
func columnNames(input string) string {
	names := make([]string, len(Columns[input]))
	for i, c := range Columns[input] {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// domains holds, per column name, the check of a value of the column: the parser the loader
// reads it with, strictly (a [data.values] target is a contract value as the contract writes
// it, in any case). The text columns are checked in checkValue.
var domains = map[string]func(string) error{
	"year":                       ignore(record.ParseYear),
	"cohort_year":                ignore(record.ParseYear),
	"grade":                      ignore(record.ParseGrade),
	"el_status":                  ignore(record.ParseELStatus),
	"el_program":                 ignore(record.ParseProgram),
	"end_status":                 ignore(record.ParseEndStatus),
	"overall_level":              level(10, 60),
	"listening":                  level(10, 60),
	"speaking":                   level(10, 60),
	"reading":                    level(10, 60),
	"writing":                    level(10, 60),
	"future_target":              level(10, 42),
	"difficulty_index":           whole(1, 99),
	"sgpa":                       whole(1, 99),
	"years_in_program":           whole(1, 30),
	"literacy":                   level(10, 60),
	"alt_level":                  ignore(record.ParseAltLevel),
	"test_status":                ignore(record.ParseTestStatus),
	"met_exit_criteria":          ignore(record.ParseProgress),
	"exited_after_exit_criteria": ignore(record.ParseProgress),
	"not_proficient_six_years":   ignore(record.ParseProgress),
	"exit_year":                  ignore(record.ParseYear),
	"test":                       ignore(record.ParseTest),
	"progress":                   ignore(record.ParseProgress),
	"risk_level":                 ignore(record.ParseRisk),
	"courses_taken":              whole(0, 99),
	"courses_passed":             whole(0, 99),
	"subject":                    ignore(record.ParseSubject),
	"achievement_level":          ignore(record.ParseAchievement),
	"el_in_cohort":               yesNo,
	"outcome":                    ignore(record.ParseOutcome),
	"plan":                       ignore(record.ParsePlan),
}

func ignore[T any](parse func(string) (T, error)) func(string) error {
	return func(s string) error { _, err := parse(s); return err }
}

func level(lo, hi record.Level) func(string) error {
	return func(s string) error { _, err := record.ParseLevel(s, lo, hi); return err }
}

func whole(lo, hi int) func(string) error {
	return func(s string) error { _, err := record.ParseWhole(s, lo, hi); return err }
}

func yesNo(s string) error {
	if strings.EqualFold(s, "yes") || strings.EqualFold(s, "no") {
		return nil
	}
	return fmt.Errorf("%q is not Yes or No", s)
}

// checkValue returns why value is not a value of the column (a reason without the value, e.g.
// "is not an EL status (EL, FormerEL, NonEL)"), or "". A blank value is fine for an optional
// column only. A text column (a code, a name, a student_id) takes any one line of text.
func checkValue(c Column, value string) string {
	if value == "" {
		if c.Required {
			return "is blank, but the column requires a value"
		}
		return ""
	}
	check, ok := domains[c.Name]
	if !ok { // a text column
		if !utf8.ValidString(value) || strings.ContainsFunc(value, unicode.IsControl) {
			return "has a control character"
		}
		return ""
	}
	err := check(value)
	if err == nil {
		return ""
	}
	msg := err.Error()
	if r, ok := strings.CutPrefix(msg, strconv.Quote(value)+" "); ok {
		return r
	}
	return msg
}

// validateValues checks [data.values]: every table an input, every key a column of it, every
// target a value of the column, and no file value given two targets. It rewrites the column
// names and file values in their canonical form (trimmed, column names in lower case). bad
// records a problem of a key (its parts).
func (d *Data) validateValues(bad func(key []string, format string, args ...any)) {
	for _, input := range slices.Sorted(maps.Keys(d.Values)) {
		columns := d.Values[input]
		if !isInput(input) {
			bad([]string{"data", "values", input}, "%q is not an input (%s)", input, strings.Join(Inputs, ", "))
			continue
		}
		clean := make(map[string]map[string]string, len(columns))
		for _, name := range slices.Sorted(maps.Keys(columns)) {
			mapping := columns[name]
			key := []string{"data", "values", input, name}
			c, ok := column(input, strings.ToLower(strings.TrimSpace(name)))
			if !ok {
				bad(key, "%q is not a column of %s (%s)", name, input, columnNames(input))
				continue
			}
			if clean[c.Name] != nil {
				bad(key, "column %q is given twice", c.Name)
				continue
			}
			values := make(map[string]string, len(mapping))
			folded := map[string]string{} // lower-case file value -> its spelling in site.toml
			for _, from := range slices.Sorted(maps.Keys(mapping)) {
				from, to := strings.TrimSpace(from), strings.TrimSpace(mapping[from])
				if problem := checkValue(c, to); problem != "" {
					bad(append(key, from), "maps %q to %q, which %s", from, to, problem)
					continue
				}
				lower := strings.ToLower(from)
				if other, ok := folded[lower]; ok && !sameTarget(c, values[other], to) {
					bad(append(key, from), "maps %q and %q, which are the same value but for case, to different values (%q and %q)",
						other, from, values[other], to)
					continue
				}
				folded[lower] = from
				values[from] = to
			}
			clean[c.Name] = values
		}
		d.Values[input] = clean
	}
}

// sameTarget reports whether two targets of [data.values] are one value of the column c: the
// same text, or for a column of words or numbers (whose values are read in any case: "EL",
// "el") the same but for case.
func sameTarget(c Column, a, b string) bool {
	if a == b {
		return true
	}
	_, domain := domains[c.Name]
	return domain && strings.EqualFold(a, b)
}

func isInput(name string) bool {
	for _, in := range Inputs {
		if in == name {
			return true
		}
	}
	return false
}
