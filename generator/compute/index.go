package compute

import (
	"cmp"
	"slices"
	"strings"

	"elreport/generator/metric"
)

// figureKey identifies a figure.
type figureKey struct {
	entityType, entityCode string
	year                   int
	metric                 metric.ID
	group, cat             string
}

func keyOf(f *Figure) figureKey {
	return figureKey{f.EntityType, f.EntityCode, f.Year, f.Metric, f.Group, f.Category}
}

// rankedKey is a figureKey with the ranks that order it: Result lists its figures in this
// order (compareRanked), districts before schools, then by code, year, the catalogue's order
// of metrics, the groups' order and each metric's order of categories; names break the ties
// of what no list ranks.
type rankedKey struct {
	entity        int // 0 district, 1 school
	code          string
	year, metric  int
	group, cat    int
	id            metric.ID
	groupName, cn string
}

func rankOf(k figureKey) rankedKey {
	r := rankedKey{code: k.entityCode, year: k.year, metric: metric.Rank(k.metric), cat: categoryRank(k.metric, k.cat),
		group: slices.Index(groupNames[:], k.group), id: k.metric, groupName: k.group, cn: k.cat}
	if k.entityType != EntityDistrict {
		r.entity = 1
		if k.entityType != EntitySchool {
			r.entity = 2
			r.code = k.entityType + "\x00" + k.entityCode
		}
	}
	return r
}

func compareRanked(a, b rankedKey) int {
	return cmp.Or(
		cmp.Compare(a.entity, b.entity),
		strings.Compare(a.code, b.code),
		cmp.Compare(a.year, b.year),
		cmp.Compare(a.metric, b.metric),
		strings.Compare(string(a.id), string(b.id)),
		cmp.Compare(a.group, b.group),
		strings.Compare(a.groupName, b.groupName),
		cmp.Compare(a.cat, b.cat),
		strings.Compare(a.cn, b.cn),
	)
}

// Lookup returns the figure of an entity (entityType "district" or "school", and its code) in
// a year, for a metric, group and category ("" for a metric without categories). On a Result
// made by Aggregator.Result it searches the figures' order in logarithmic time, with no index
// in memory; on a Result built or changed by hand, call Reindex first (until then Lookup
// scans the figures).
func (r *Result) Lookup(entityType, entityCode string, year int, id metric.ID, group, category string) (Figure, bool) {
	key := figureKey{entityType, entityCode, year, id, group, category}
	switch {
	case r.ordered:
		want := rankOf(key)
		i, ok := slices.BinarySearchFunc(r.Figures, want, func(f Figure, want rankedKey) int {
			return compareRanked(rankOf(keyOf(&f)), want)
		})
		if ok {
			return r.Figures[i], true
		}
		return Figure{}, false
	case r.index != nil:
		if i, ok := r.index[key]; ok && i < len(r.Figures) && keyOf(&r.Figures[i]) == key {
			return r.Figures[i], true
		}
		return Figure{}, false
	}
	for i := range r.Figures {
		if keyOf(&r.Figures[i]) == key {
			return r.Figures[i], true
		}
	}
	return Figure{}, false
}

// Reindex prepares Lookup for r.Figures as they are now. Result calls it; call it again after
// changing r.Figures. Figures in Result's order (see rankedKey) need no index: Lookup searches
// them; others get a map. It must not run concurrently with Lookup.
func (r *Result) Reindex() {
	r.index = nil
	r.ordered = slices.IsSortedFunc(r.Figures, func(a, b Figure) int {
		return compareRanked(rankOf(keyOf(&a)), rankOf(keyOf(&b)))
	}) && !hasDuplicateKeys(r.Figures)
	if r.ordered {
		return
	}
	r.index = make(map[figureKey]int, len(r.Figures))
	for i := range r.Figures {
		r.index[keyOf(&r.Figures[i])] = i
	}
}

// hasDuplicateKeys reports whether two neighbouring figures (of figures in order) have the
// same key, which a search could not tell apart (the map keeps the last, as it always has).
func hasDuplicateKeys(figs []Figure) bool {
	for i := 1; i < len(figs); i++ {
		if keyOf(&figs[i-1]) == keyOf(&figs[i]) {
			return true
		}
	}
	return false
}
