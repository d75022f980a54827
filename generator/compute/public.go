package compute

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"elreport/generator/metric"
	"elreport/generator/public"
	"elreport/generator/textcheck"
)

// SourceInputs is the Source of a figure computed from the district's own files.
const SourceInputs = "inputs"

// PublicSource names where a public figure comes from, for metrics.csv's source column: "DESE",
// the report, its year and the file ("DESE Plans of High School Graduates 2018 (plans.csv)").
func PublicSource(s public.Source) string {
	return fmt.Sprintf("DESE %s %d (%s)", s.Report, s.Year, s.File)
}

// FromPublic makes the Result of a site built from DESE's public reports alone, with no
// district files ([data] dir = ""): the figures the reports give of some districts and of
// their schools, as DESE published them. Nothing is computed and nothing suppressed again: a
// value DESE left blank is suppressed for ForSource, and a figure keeps DESE's rounded value and
// denominator (its numerator is unknown, so 0). Each figure's Source names its report.
//
// The districts are those of the district-level reports whose codes are in codes (eight
// digits, or fewer when zeros were dropped; a code twice is built once), or with no codes every
// district of the district-level reports that gives at least one figure (the state's site;
// the state's row is never a district). A district's name is the reports'. A code that is no
// district of the reports is an error naming the districts whose codes are a digit away, or
// some of those the reports have. A district's schools are the organisations of the
// school-level reports whose codes begin with its first four digits, as DESE's school codes do
// (01490005 is a school of 01490000). Groups and categories the catalogue does not have for a
// metric are left out, as are years not in years (when years is not empty). Identical figures
// of two files are kept once; readers refuse two files that disagree. Result.Districts is in
// the order of their codes.
func FromPublic(codes []string, files []public.File, years []int) (*Result, error) {
	// Every district of the district-level reports, and every school of the school-level
	// ones, by code, with the first name the files give.
	districtNames, schoolNames := map[string]string{}, map[string]string{}
	for _, f := range files {
		for _, o := range f.Orgs {
			switch o.Level {
			case public.LevelDistrict:
				if _, ok := districtNames[o.Code]; !ok {
					districtNames[o.Code] = o.Name
				}
			case public.LevelSchool:
				if _, ok := schoolNames[o.Code]; !ok {
					schoolNames[o.Code] = o.Name
				}
			}
		}
	}
	every := len(codes) == 0
	var chosen []string
	if every {
		chosen = slices.Sorted(maps.Keys(districtNames))
	} else {
		var errs []error
		for _, c := range codes {
			code := padCode(c)
			if _, ok := districtNames[code]; !ok {
				errs = append(errs, unknownDistrict(code, districtNames, schoolNames))
				continue
			}
			if !slices.Contains(chosen, code) {
				chosen = append(chosen, code)
			}
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		slices.Sort(chosen)
	}
	// The district of each school: the chosen district of its first four digits (the lower
	// code, should two share them).
	byPrefix := map[string]string{}
	for _, code := range chosen {
		if p := code[:min(4, len(code))]; byPrefix[p] == "" {
			byPrefix[p] = code
		}
	}
	schoolDistrict := map[string]string{}
	for code := range schoolNames {
		if d := byPrefix[code[:min(4, len(code))]]; d != "" && d != code {
			schoolDistrict[code] = d
		}
	}
	type key struct {
		typ, code string
		year      int
		id        metric.ID
		group     string
		category  string
	}
	seen := map[key]bool{}
	abouts := map[About]*About{}
	var figs []Figure
	district := map[string]bool{}
	for _, c := range chosen {
		district[c] = true
	}
	for _, f := range files {
		for _, pf := range f.Figures {
			typ, dc := "", ""
			switch {
			case pf.OrgLevel == public.LevelDistrict && district[pf.OrgCode]:
				typ, dc = EntityDistrict, pf.OrgCode
			case pf.OrgLevel == public.LevelSchool && schoolDistrict[pf.OrgCode] != "":
				typ, dc = EntitySchool, schoolDistrict[pf.OrgCode]
			default:
				continue
			}
			m := pf.Metric.Info()
			if !slices.Contains(m.Groups, pf.Group) || (m.Categories == nil) != (pf.Category == "") {
				continue
			}
			if len(years) > 0 && !slices.Contains(years, pf.Year) {
				continue
			}
			k := key{typ, pf.OrgCode, pf.Year, pf.Metric, pf.Group, pf.Category}
			if seen[k] {
				continue
			}
			seen[k] = true
			fig := PublicFigure(pf, typ, dc)
			if a, ok := abouts[*fig.About]; ok {
				fig.About = a // one About per organisation and report
			} else {
				abouts[*fig.About] = fig.About
			}
			figs = append(figs, fig)
		}
	}
	// The districts, with their schools; for the state's site, those with a figure.
	withFigures := map[string]bool{}
	for i := range figs {
		withFigures[figs[i].District] = true
	}
	r := &Result{}
	index := map[string]int{}
	for _, code := range chosen {
		if every && !withFigures[code] {
			continue
		}
		index[code] = len(r.Districts)
		r.Districts = append(r.Districts, District{Code: code, Name: districtNames[code]})
	}
	for _, sc := range slices.Sorted(maps.Keys(schoolDistrict)) {
		dc := schoolDistrict[sc]
		if i, ok := index[dc]; ok {
			r.Districts[i].Schools = append(r.Districts[i].Schools, School{Code: sc, Name: schoolNames[sc], DistrictCode: dc})
		}
	}
	for _, f := range figs {
		if !slices.Contains(r.Years, f.Year) {
			r.Years = append(r.Years, f.Year)
		}
	}
	slices.Sort(r.Years)
	// The order of metrics.csv: districts before schools, then code, year, metric, group and
	// category.
	groupRank := func(g string) int { return slices.Index(groupNames[:], g) }
	school := func(f Figure) int {
		if f.EntityType == EntitySchool {
			return 1
		}
		return 0
	}
	slices.SortFunc(figs, func(a, b Figure) int {
		return cmp.Or(
			cmp.Compare(school(a), school(b)),
			strings.Compare(a.EntityCode, b.EntityCode),
			cmp.Compare(a.Year, b.Year),
			cmp.Compare(metric.Rank(a.Metric), metric.Rank(b.Metric)),
			cmp.Compare(groupRank(a.Group), groupRank(b.Group)),
			cmp.Compare(categoryRank(a.Metric, a.Category), categoryRank(b.Metric, b.Category)),
		)
	})
	r.Figures = figs
	r.Reindex()
	return r, nil
}

// PublicFigure is a figure of DESE's public reports as a Figure of entity type typ (district,
// school, or "state" for the state's row) of district (empty for the state): DESE's value and
// denominator, no numerator (DESE publishes none), its report as Source; a value DESE left
// blank is suppressed for ForSource, without a value or a denominator.
func PublicFigure(pf public.Figure, typ, district string) Figure {
	m := pf.Metric.Info()
	fig := Figure{
		EntityType: typ, EntityCode: pf.OrgCode, District: district,
		Year: pf.Year, Metric: pf.Metric, Group: pf.Group, Category: pf.Category,
		Kind: m.Kind, Denominator: pf.Denominator, Value: pf.Value,
		About: &About{EntityName: pf.OrgName, Source: PublicSource(pf.Source)},
	}
	if pf.Suppressed {
		fig.Value, fig.Denominator, fig.Suppressed, fig.SuppressedFor = 0, 0, true, ForSource
	}
	return fig
}

// padCode writes a DESE code with the leading zeros a spreadsheet may have dropped: "1810000"
// is "01810000" (config.PadCode; compute does not import config).
func padCode(code string) string {
	if len(code) < 8 && code != "" && strings.Trim(code, "0123456789") == "" {
		return strings.Repeat("0", 8-len(code)) + code
	}
	return code
}

// unknownDistrict says that code is no district of the reports: a school's code says whose
// school it is, and a code a digit away from some districts' (a digit changed, added, dropped
// or two swapped) names them; otherwise the message names some of the districts there are.
func unknownDistrict(code string, districts, schools map[string]string) error {
	msg := fmt.Sprintf("no district-level report has district %s", code)
	if name, ok := schools[code]; ok {
		d := code[:min(4, len(code))] + "0000"
		if dn, ok := districts[d]; ok {
			return fmt.Errorf("%s: it is the code of the school %q of %s %q, not of a district", msg, name, d, dn)
		}
		return fmt.Errorf("%s: it is the code of the school %q, not of a district", msg, name)
	}
	var near []string
	for _, c := range slices.Sorted(maps.Keys(districts)) {
		if textcheck.SwapDistance(code, c) <= 1 && len(near) < 3 {
			near = append(near, fmt.Sprintf("%s %q", c, districts[c]))
		}
	}
	if len(near) > 0 {
		return fmt.Errorf("%s; did you mean %s?", msg, strings.Join(near, " or "))
	}
	all := slices.Sorted(maps.Keys(districts))
	if len(all) == 0 {
		return fmt.Errorf("%s: the reports have no district-level export", msg)
	}
	var some []string
	for _, c := range all[:min(5, len(all))] {
		some = append(some, fmt.Sprintf("%s %q", c, districts[c]))
	}
	if len(all) > 5 {
		some = append(some, fmt.Sprintf("and %d more", len(all)-5))
	}
	return fmt.Errorf("%s; the reports have %d districts: %s", msg, len(all), strings.Join(some, ", "))
}

// sourceText is a figure's source column: SourceInputs for the site's own figures.
func sourceText(f *Figure) string {
	if s := f.Source(); s != "" {
		return s
	}
	return SourceInputs
}
