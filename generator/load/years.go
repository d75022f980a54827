package load

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"elreport/generator/record"
)

// SchoolYear returns the school year t is in, as a spring year: a school year ends in June, so
// July to December belong to the next calendar year's school year (2026-09-01 is in 2027,
// that is 2026-27) and January to June to their own (2027-03-01 is in 2027).
func SchoolYear(t time.Time) int {
	if t.Month() >= time.July {
		return t.Year() + 1
	}
	return t.Year()
}

// year reads the year column (cohort_year in cohort.csv) of the current row. A year later than
// the school year after the current one (l.lastYear) is an error: no export holds data of a
// school year that has not begun, and such a row (typically a typing mistake, 2052 for 2025)
// would make a year of its own. ok is false for a bad or late year; year is the value read
// when it is a year at all.
func (l *loader) year(f *fileReader) (year int, ok bool) {
	year, ok = field(f, colYear, record.ParseYear)
	if ok && year > l.lastYear {
		f.failWith(colYear, f.value(colYear), l.lateYear,
			fmt.Sprintf("%s; today is in school year %d (%d-%02d)", l.lateYear, l.lastYear-1, l.lastYear-2, (l.lastYear-1)%100))
		return year, false
	}
	return year, ok
}

// lateYearReason is the reason of a year later than last.
func lateYearReason(last int) string {
	return fmt.Sprintf("is later than next school year (%d)", last)
}

// The rule for a year with a tiny share of a file's rows: a year whose accepted rows are fewer
// than tinyYearShare of the median of the file's other years is reported, when that says
// something: the file has at least three years, or the median of the other years is at least
// tinyYearMedian rows (with two small years, 3 rows against 80 is no sign of a stray row).
const (
	tinyYearShare  = 0.05
	tinyYearMedian = 100
)

// tinyYears returns a warning for each year of a file whose accepted rows are a tiny fraction
// of its other years' (see tinyYearShare): most likely stray rows with a wrong year, which
// would otherwise make a year of their own on the site.
func tinyYears(f *FileReport) []Warning {
	if f.Input == "schools" || f.Err != nil {
		return nil
	}
	rows := map[int]int{}
	for _, c := range f.Counts {
		rows[c.Year] += c.Rows
	}
	if len(rows) < 2 {
		return nil
	}
	years := make([]int, 0, len(rows))
	for y := range rows {
		years = append(years, y)
	}
	slices.Sort(years)
	column := "year"
	if f.Input == "cohort" {
		column = "cohort_year"
	}
	var out []Warning
	for _, y := range years {
		var others []int
		for _, o := range years {
			if o != y {
				others = append(others, rows[o])
			}
		}
		m := median(others)
		if float64(rows[y]) >= tinyYearShare*m || (len(years) < 3 && m < tinyYearMedian) {
			continue
		}
		out = append(out, Warning{Path: f.Path, Message: fmt.Sprintf(
			"%s %d has %s, against a median of %s in the file's other years (%s); check the %s of those rows, or remove them",
			column, y, plural(rows[y], "row"), strconv.FormatFloat(m, 'f', -1, 64), joinYears(years, y), column)})
	}
	return out
}

// median returns the median of xs (not empty); it sorts xs.
func median(xs []int) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return float64(xs[n/2])
	}
	return float64(xs[n/2-1]+xs[n/2]) / 2
}

// joinYears lists years other than skip (0 for none), in their order: "2023, 2024, 2025".
func joinYears(years []int, skip int) string {
	s := make([]string, 0, len(years))
	for _, y := range years {
		if y != skip {
			s = append(s, strconv.Itoa(y))
		}
	}
	return strings.Join(s, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Years returns, ascending, the years with an accepted row in any file (cohort_year for
// cohort.csv).
func (r *Report) Years() []int {
	var years []int
	for _, f := range r.Files {
		for _, c := range f.Counts {
			if !slices.Contains(years, c.Year) {
				years = append(years, c.Year)
			}
		}
	}
	slices.Sort(years)
	return years
}

// CheckYears checks site.toml's years against the years of the data (Report.Years): it
// returns an error when years is not empty and none of them has data, e.g.
//
//	site.toml: years = [2030] matches no year in the data, which has [2023, 2024, 2025]
//
// since the site would have no figures. It says nothing when the data has no year at all (the
// load's errors say why). Load itself adds a Warning for each year of site.toml without data
// when others have data. Check and build call CheckYears after a load whose Err is nil.
func (r *Report) CheckYears(years []int) error {
	data := r.Years()
	if len(years) == 0 || len(data) == 0 || slices.ContainsFunc(years, func(y int) bool { return slices.Contains(data, y) }) {
		return nil
	}
	return fmt.Errorf("site.toml: years = [%s] matches no year in the data, which has [%s]", joinYears(years, 0), joinYears(data, 0))
}

// yearWarnings returns a warning for each of site.toml's years without data, when some of them
// have data (CheckYears is the error when none has).
func (r *Report) yearWarnings(years []int) []Warning {
	data := r.Years()
	if r.CheckYears(years) != nil || len(data) == 0 {
		return nil
	}
	var out []Warning
	for i, y := range years {
		if !slices.Contains(data, y) && !slices.Contains(years[:i], y) {
			out = append(out, Warning{Path: "site.toml", Message: fmt.Sprintf(
				"years = [%s]: %d matches no year in the data, which has [%s]; it will have no figures",
				joinYears(years, 0), y, joinYears(data, 0))})
		}
	}
	return out
}
