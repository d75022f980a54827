package render

import (
	"slices"

	"elreport/generator/compute"
	"elreport/generator/metric"
)

// view is what a page takes from the data as a whole: the years of its tables, the headline
// year its "latest" figures are of, and what the data cannot give (lacking). A site has one
// view, run.view, which its pages share; but a site from DESE's public reports alone with
// several districts gives each district its own, made from the district's figures alone, since
// the reports give some districts figures of years or reports that others lack (a report of a
// few districts, a year of one report). A district's pages are then those of a site built for
// that district alone.
type view struct {
	years   []int
	latest  int
	lacking lacking
}

// prior returns the year before y in the view's years, and false when y is the first.
func (v *view) prior(y int) (int, bool) {
	i := slices.Index(v.years, y)
	if i <= 0 {
		return 0, false
	}
	return v.years[i-1], true
}

// publicViews returns the view of each district of a site from public reports alone: its
// years and its latest (those of its figures and its schools'), and what the reports lack of
// it (newLackingPublic).
func publicViews(res *compute.Result) map[string]*view {
	years := map[string][]int{}
	given := map[string]map[metric.ID]bool{}
	for i := range res.Figures {
		f := &res.Figures[i]
		if !slices.Contains(years[f.District], f.Year) {
			years[f.District] = append(years[f.District], f.Year)
		}
		if given[f.District] == nil {
			given[f.District] = map[metric.ID]bool{}
		}
		given[f.District][f.Metric] = true
	}
	out := make(map[string]*view, len(res.Districts))
	for _, d := range res.Districts {
		v := &view{years: years[d.Code], lacking: newLackingPublic(given[d.Code])}
		slices.Sort(v.years)
		if len(v.years) > 0 {
			v.latest = v.years[len(v.years)-1]
		}
		out[d.Code] = v
	}
	return out
}

// inDistrict makes the page a page of district d: it takes the district's own view, when the
// site gives its districts one (see view).
func (pb *pageBuilder) inDistrict(d *compute.District) {
	v, ok := pb.run.districtViews[d.Code]
	if !ok {
		return
	}
	pb.view = v
	pb.page.Year = ""
	if v.latest != 0 {
		pb.page.Year = pb.loc.Plain(v.latest)
	}
}
