package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/load"
)

// recommendedMinN is the smallest min_n the privacy rules recommend (docs/privacy.md).
const recommendedMinN = 10

// Warnings returns the risky settings of a site that check and build go ahead with, each as a
// sentence to print.
func Warnings(cfg *config.Config) []string {
	var out []string
	if cfg.MinN < recommendedMinN {
		out = append(out, fmt.Sprintf("min_n = %d is below %d: figures about groups of %d to %d students will be published, "+
			"which may let readers recognise a student; the data page states min_n", cfg.MinN, recommendedMinN, cfg.MinN, recommendedMinN-1))
	}
	return out
}

// publishable refuses a site that would publish nothing: years that match no year of the data,
// or figures all hidden by min_n.
func publishable(cfg *config.Config, report *load.Report, r *compute.Result) error {
	if err := report.CheckYears(cfg.Years); err != nil {
		return err
	}
	if len(r.Figures) == 0 {
		return fmt.Errorf("the inputs give no figure to publish (years %s): check the data folder and [data.files] in site.toml", yearList(report.Years()))
	}
	for i := range r.Figures {
		if !r.Figures[i].Suppressed {
			return nil
		}
	}
	largest, file := 0, ""
	for _, f := range report.Files {
		for _, c := range f.Counts {
			if c.Rows > largest {
				largest, file = c.Rows, f.Path
			}
		}
	}
	return fmt.Errorf("nothing to publish: min_n = %d hides every one of the %d figures (the most rows for one school and year is %d, in %s); lower min_n in site.toml",
		cfg.MinN, len(r.Figures), largest, file)
}

// headlineYear returns the year the pages lead with: the latest of the published years in which
// every input with rows in a published year has rows (in one of its files), so that one stray row dated a later
// year (or a file a year ahead of the others) does not make a year of mostly missing figures
// the headline. When no year has every file, it is the latest published year.
func headlineYear(report *load.Report, published []int) int {
	if len(published) == 0 {
		return 0
	}
	// The years of each input with rows (an input may have a file per year).
	byInput := map[string]map[int]bool{}
	var inputs []string
	for _, f := range report.Files {
		for _, c := range f.Counts {
			if !slices.Contains(published, c.Year) {
				continue
			}
			if byInput[f.Input] == nil {
				byInput[f.Input] = map[int]bool{}
				inputs = append(inputs, f.Input)
			}
			byInput[f.Input][c.Year] = true
		}
	}
	var files []map[int]bool
	for _, in := range inputs {
		files = append(files, byInput[in])
	}
	for i := len(published) - 1; i >= 0; i-- {
		y := published[i]
		if !slices.ContainsFunc(files, func(years map[int]bool) bool { return !years[y] }) {
			return y
		}
	}
	return published[len(published)-1]
}

// yearList writes years as site.toml would: [2023, 2024].
func yearList(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// reportedDistricts returns the codes of the districts whose figures check reports on, or nil
// for all of them: the district the guides are checked with (site.toml's district, or the
// first), and the districts of the goals (their school's, or their district). A code or name
// is matched loosely (a code also as a number, with or without leading zeros): a district
// computed in vain costs time, one left out would change what check says.
func reportedDistricts(cfg *config.Config, ds []compute.District) []string {
	if len(ds) <= 1 {
		return nil
	}
	var names []string // districts named by site.toml, as codes or names
	if cfg.District.One != "" {
		names = append(names, cfg.District.One)
	}
	names = append(names, cfg.District.List...)
	var schools []string
	for _, g := range cfg.Goals {
		if g.District != "" {
			names = append(names, g.District)
		}
		if g.School != "" {
			schools = append(schools, g.School)
		}
	}
	matches := func(a, b string) bool { return a == b || config.SameNumber(a, b) }
	codes := []string{ds[0].Code}
	for _, d := range ds[1:] {
		named := slices.ContainsFunc(names, func(n string) bool { return matches(d.Code, n) || d.Name == n })
		for _, s := range d.Schools {
			named = named || slices.ContainsFunc(schools, func(c string) bool { return matches(s.Code, c) })
		}
		if named {
			codes = append(codes, d.Code)
		}
	}
	if len(codes) == len(ds) {
		return nil
	}
	return codes
}
