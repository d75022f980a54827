package compute

import "elreport/generator/metric"

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

// Lookup returns the figure of an entity (entityType "district" or "school", and its code) in
// a year, for a metric, group and category ("" for a metric without categories). It takes
// constant time on a Result made by Aggregator.Result; on a Result built or changed by hand,
// call Reindex first (until then Lookup scans the figures).
func (r *Result) Lookup(entityType, entityCode string, year int, id metric.ID, group, category string) (Figure, bool) {
	key := figureKey{entityType, entityCode, year, id, group, category}
	if r.index != nil {
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

// Reindex rebuilds the index Lookup uses from r.Figures. Result calls it; call it again after
// changing r.Figures. It must not run concurrently with Lookup.
func (r *Result) Reindex() {
	r.index = make(map[figureKey]int, len(r.Figures))
	for i := range r.Figures {
		r.index[keyOf(&r.Figures[i])] = i
	}
}
