package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/metric"
)

// The groups of students, in the order tables show them.
var groups = metric.Groups()

// figKey identifies a figure of one entity.
type figKey struct {
	year            int
	metric          metric.ID
	group, category string
}

// entity is one district or school and its figures, indexed once per build so that a page
// looks figures up instead of scanning them.
type entity struct {
	Type, Code, Name string
	District         string // code of the district (itself for a district)
	// sorted finds the entity's figures in the Result's order (compute.Result.Entity); figs
	// holds them instead when the Result was made by hand.
	sorted compute.EntityFigures
	figs   map[figKey]*compute.Figure
	// categories lists, per metric, the categories the entity has, in display order.
	categories map[metric.ID][]string
}

// get returns the figure, or nil when the entity has none.
func (e *entity) get(year int, id metric.ID, group, category string) *compute.Figure {
	if e == nil {
		return nil
	}
	if e.figs == nil {
		return e.sorted.Find(year, id, group, category)
	}
	return e.figs[figKey{year, id, group, category}]
}

// districtInfo returns the district with the given code (nil when there is none).
func (ix *index) districtInfo(code string) *compute.District { return ix.districtByCode[code] }

// entity returns the district or school with the given type and code (nil when there is none).
func (ix *index) entity(typ, code string) *entity {
	if typ == "school" {
		return ix.schools[code]
	}
	return ix.districts[code]
}

// cats returns the categories of a metric in display order.
func (e *entity) cats(id metric.ID) []string { return e.categories[id] }

// index holds every entity of a Result.
type index struct {
	result    *compute.Result
	years     []int
	districts map[string]*entity
	schools   map[string]*entity
	// schoolInfo maps a school code to its description; districtByCode a district's code to
	// the district (every school card of a site asks for its district's).
	schoolInfo     map[string]*compute.School
	districtByCode map[string]*compute.District
	// headline is the year of the pages' latest figures (see latest); 0 for the latest year.
	headline int
	// gaps lists the gap metrics present (<base>_gap, not their changes), in display order.
	gaps []metric.ID
}

// newEntity returns an entity of r, finding its figures through r's order when r has one.
func newEntity(r *compute.Result, typ, code, name, district string) *entity {
	e := &entity{Type: typ, Code: code, Name: name, District: district, categories: map[metric.ID][]string{}}
	var ok bool
	if e.sorted, ok = r.Entity(typ, code); !ok {
		e.figs = map[figKey]*compute.Figure{}
	}
	return e
}

// newIndex indexes the figures of r in one pass.
func newIndex(r *compute.Result) *index {
	ix := &index{
		result:         r,
		years:          slices.Clone(r.Years),
		districts:      make(map[string]*entity, len(r.Districts)),
		schools:        make(map[string]*entity),
		schoolInfo:     make(map[string]*compute.School),
		districtByCode: make(map[string]*compute.District, len(r.Districts)),
	}
	slices.Sort(ix.years)
	for i := range r.Districts {
		d := &r.Districts[i]
		ix.districtByCode[d.Code] = d
		ix.districts[d.Code] = newEntity(r, "district", d.Code, d.Name, d.Code)
		for j := range d.Schools {
			s := &d.Schools[j]
			ix.schoolInfo[s.Code] = s
			ix.schools[s.Code] = newEntity(r, "school", s.Code, s.Name, d.Code)
		}
	}
	type catKey struct {
		e        *entity
		metric   metric.ID
		category string
	}
	seenCat := map[catKey]bool{}
	present := map[metric.ID]bool{}
	for i := range r.Figures {
		f := &r.Figures[i]
		var e *entity
		switch f.EntityType {
		case "district":
			e = ix.districts[f.EntityCode]
		case "school":
			e = ix.schools[f.EntityCode]
		}
		if e == nil {
			continue // a figure of an entity the Result does not list: nothing links to it
		}
		present[f.Metric] = true
		if e.figs != nil {
			e.figs[figKey{f.Year, f.Metric, f.Group, f.Category}] = f
		}
		if f.Category != "" {
			if k := (catKey{e, f.Metric, f.Category}); !seenCat[k] {
				seenCat[k] = true
				e.categories[f.Metric] = append(e.categories[f.Metric], f.Category)
			}
		}
	}
	for _, m := range metric.GapsForDisplay() {
		if present[m] {
			ix.gaps = append(ix.gaps, m)
		}
	}
	for _, m := range []map[string]*entity{ix.districts, ix.schools} {
		for _, e := range m {
			for id, cats := range e.categories {
				slices.SortFunc(cats, func(a, b string) int { return compareCategory(id, a, b) })
			}
		}
	}
	return ix
}

// latest returns the headline year: the year the pages' "latest" figures are of. It is
// Site.Headline when that is a year of the data, else the latest year of the data (0 when
// there is none).
func (ix *index) latest() int {
	if ix.headline != 0 {
		return ix.headline
	}
	if len(ix.years) == 0 {
		return 0
	}
	return ix.years[len(ix.years)-1]
}

// prior returns the year before y in the data, and false when y is the first.
func (ix *index) prior(y int) (int, bool) {
	i := slices.Index(ix.years, y)
	if i <= 0 {
		return 0, false
	}
	return ix.years[i-1], true
}

// compareCategory orders two categories of a metric: in the catalogue's order, then others
// (grade spans of schools.csv, say) by their first grade and as text.
func compareCategory(id metric.ID, a, b string) int {
	cs := id.Info().Categories
	ia, oka := cs.Rank(a)
	ib, okb := cs.Rank(b)
	switch {
	case oka && okb:
		return cmp.Compare(ia, ib)
	case oka:
		return -1
	case okb:
		return 1
	}
	// Grade spans such as "K-5" and "9-12": by their first grade, then as text.
	ga, gb := firstGrade(a), firstGrade(b)
	if ga != gb {
		return cmp.Compare(ga, gb)
	}
	return strings.Compare(a, b)
}

// firstGrade returns the first grade of a grade span as a number (PK -1, K 0), or 99.
func firstGrade(span string) int {
	first, _, _ := strings.Cut(span, "-")
	switch strings.ToUpper(strings.TrimSpace(first)) {
	case "PK":
		return -1
	case "K":
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(first)); err == nil {
		return n
	}
	return 99
}
