package compute

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"elreport/generator/metric"
	"elreport/generator/public"
)

// ForSource is the reason of a figure DESE left blank in its public report (a small group, by
// DESE's own rule): a site built from the public reports alone shows it as DESE did.
const ForSource SuppressionReason = "source"

// SourceInputs is the Source of a figure computed from the district's own files.
const SourceInputs = "inputs"

// PublicSource names where a public figure comes from, for metrics.csv's source column: "DESE",
// the report, its year and the file ("DESE Plans of High School Graduates 2018 (plans.csv)").
func PublicSource(s public.Source) string {
	return fmt.Sprintf("DESE %s %d (%s)", s.Report, s.Year, s.File)
}

// FromPublic makes the Result of a site built from DESE's public reports alone, with no
// district files ([data] dir = ""): the figures the reports give of one district and of its
// schools, as DESE published them. Nothing is computed and nothing suppressed again: a value
// DESE left blank is suppressed for ForSource, and a figure keeps DESE's rounded value and
// denominator (its numerator is unknown, so 0). Each figure's Source names its report.
//
// The district is the one of the reports whose code is district (eight digits, or fewer when
// zeros were dropped); its name is the reports'. Its schools are the organisations of the
// school-level reports whose codes begin with the district's first four digits, as DESE's
// school codes do (01490005 is a school of 01490000). Groups and categories the catalogue does
// not have for a metric are left out, as are years not in years (when years is not empty).
// Identical figures of two files are kept once; readers refuse two files that disagree.
func FromPublic(district string, files []public.File, years []int) (*Result, error) {
	code := district
	if len(code) < 8 && code != "" && strings.Trim(code, "0123456789") == "" {
		code = strings.Repeat("0", 8-len(code)) + code
	}
	prefix := code[:min(4, len(code))]
	var d District
	schools := map[string]string{}
	for _, f := range files {
		for _, o := range f.Orgs {
			switch {
			case o.Level == public.LevelDistrict && o.Code == code && d.Code == "":
				d = District{Code: o.Code, Name: o.Name}
			case o.Level == public.LevelSchool && strings.HasPrefix(o.Code, prefix) && o.Code != code:
				if _, ok := schools[o.Code]; !ok {
					schools[o.Code] = o.Name
				}
			}
		}
	}
	if d.Code == "" {
		return nil, fmt.Errorf("district %s is in none of the district-level reports", district)
	}
	for _, c := range slices.Sorted(maps.Keys(schools)) {
		d.Schools = append(d.Schools, School{Code: c, Name: schools[c], DistrictCode: d.Code})
	}
	type key struct {
		typ, code string
		year      int
		id        metric.ID
		group     string
		category  string
	}
	seen := map[key]bool{}
	var figs []Figure
	for _, f := range files {
		for _, pf := range f.Figures {
			typ := ""
			switch {
			case pf.OrgLevel == public.LevelDistrict && pf.OrgCode == d.Code:
				typ = EntityDistrict
			case pf.OrgLevel == public.LevelSchool && schools[pf.OrgCode] != "":
				typ = EntitySchool
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
			fig := Figure{
				EntityType: typ, EntityCode: pf.OrgCode, EntityName: pf.OrgName, District: d.Code,
				Year: pf.Year, Topic: m.Topic, Metric: pf.Metric, Group: pf.Group, Category: pf.Category,
				Kind: m.Kind, Denominator: pf.Denominator, Value: pf.Value, Source: PublicSource(pf.Source),
			}
			if pf.Suppressed {
				fig.Value, fig.Denominator, fig.Suppressed, fig.SuppressedFor = 0, 0, true, ForSource
			}
			figs = append(figs, fig)
		}
	}
	r := &Result{Districts: []District{d}}
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

// sourceText is a figure's source column: SourceInputs for the site's own figures.
func sourceText(f *Figure) string {
	if f.Source == "" {
		return SourceInputs
	}
	return f.Source
}
