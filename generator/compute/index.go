package compute

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
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
	m, c := metric.Ranks(k.metric, k.cat)
	r := rankedKey{code: codeOf(k.entityType, k.entityCode), year: k.year, metric: m, cat: c,
		group: slices.Index(groupNames[:], k.group), id: k.metric, groupName: k.group, cn: k.cat}
	switch k.entityType {
	case EntityDistrict:
	case EntitySchool:
		r.entity = 1
	default:
		r.entity = 2
	}
	return r
}

// codeOf is the code a rankedKey orders an entity by: its code, or for an entity of neither
// type its type and code.
func codeOf(entityType, code string) string {
	if entityType != EntityDistrict && entityType != EntitySchool {
		return entityType + "\x00" + code
	}
	return code
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
	r.index, r.ranks = nil, nil
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

// figIndex finds figures by their keys in about a fifth of the memory of a map keyed by
// figureKey (its six fields take 96 bytes a key; a state's million figures took 190 MB): it
// keys each figure by a 64-bit hash of its key, and checks the figure found. A key whose
// hash another key already has goes to a small map of whole keys.
type figIndex struct {
	figs   []Figure
	seed   maphash.Seed
	byHash map[uint64]int32
	spill  map[figureKey]int32
}

// newFigIndex indexes the figures of figs that each visits (each calls its function with
// indexes in figs until it returns false). When two visited figures have one key, the later
// is found, as a map keeps the last.
func newFigIndex(figs []Figure, n int, each func(func(int) bool)) *figIndex {
	ix := &figIndex{figs: figs, seed: maphash.MakeSeed(), byHash: make(map[uint64]int32, n)}
	each(func(i int) bool {
		k := keyOf(&figs[i])
		h := ix.hash(k)
		if j, ok := ix.byHash[h]; ok && keyOf(&figs[j]) != k {
			if ix.spill == nil {
				ix.spill = make(map[figureKey]int32)
			}
			ix.spill[k] = int32(i)
			return true
		}
		ix.byHash[h] = int32(i)
		return true
	})
	return ix
}

func (ix *figIndex) hash(k figureKey) uint64 {
	var h maphash.Hash
	h.SetSeed(ix.seed)
	for _, s := range []string{k.entityType, k.entityCode, string(k.metric), k.group, k.cat} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	var y [8]byte
	binary.LittleEndian.PutUint64(y[:], uint64(k.year))
	h.Write(y[:])
	return h.Sum64()
}

// find returns the index in figs of the figure with key k, and false when none has it.
func (ix *figIndex) find(k figureKey) (int, bool) {
	if i, ok := ix.spill[k]; ok {
		return int(i), true
	}
	i, ok := ix.byHash[ix.hash(k)]
	if !ok || keyOf(&ix.figs[i]) != k {
		return 0, false
	}
	return int(i), true
}

// packRank packs the ranks that order an entity's figures (year, metric, group, category;
// see rankedKey) into one number that orders as they do, and false when one does not fit or
// the metric is not in the catalogue (whose ties the metric's name breaks, before the group)
// or the group is not (likewise, before the category).
func packRank(year, metricRank, group, cat int) (uint64, bool) {
	// A group no list ranks (rank -1) is ordered by its name before the category, which the
	// number has no room for.
	if year < 0 || year >= 1<<20 || metricRank < 0 || metricRank >= unknownMetricRank || metricRank >= 1<<12 ||
		group < 0 || group >= 1<<4-1 || cat < 0 || cat >= 1<<24 {
		return 0, false
	}
	return uint64(year)<<40 | uint64(metricRank)<<28 | uint64(group+1)<<24 | uint64(cat), true
}

// unknownMetricRank is metric.Rank of an id the catalogue does not have.
var unknownMetricRank = metric.Rank("")

// EntityFigures are the figures of one district or school, in Result's order, to find a
// figure among them (Find). Result.Entity returns them.
type EntityFigures struct {
	Figures []Figure
	// ranks are the packed ranks of Figures (packRank); nil when a figure's do not pack.
	ranks []uint64
}

// Entity returns the figures of an entity (entityType "district" or "school"), and false
// when r's figures are not in Result's order (a Result made or changed by hand): use Lookup
// then. The figures are r's own (a window on r.Figures).
func (r *Result) Entity(entityType, code string) (EntityFigures, bool) {
	if !r.ordered {
		return EntityFigures{}, false
	}
	first := rankedKey{entity: rankOf(figureKey{entityType: entityType}).entity, code: codeOf(entityType, code)}
	lo, _ := slices.BinarySearchFunc(r.Figures, first, func(f Figure, k rankedKey) int {
		return cmp.Or(cmp.Compare(rankOf(figureKey{entityType: f.EntityType}).entity, k.entity),
			strings.Compare(codeOf(f.EntityType, f.EntityCode), k.code))
	})
	hi := lo
	for hi < len(r.Figures) && r.Figures[hi].EntityType == entityType && r.Figures[hi].EntityCode == code {
		hi++
	}
	e := EntityFigures{Figures: r.Figures[lo:hi:hi]}
	if r.ranks != nil {
		e.ranks = r.ranks[lo:hi:hi]
	}
	return e, true
}

// Find returns the figure of a year, metric, group and category ("" for a metric without
// categories), or nil when there is none. It searches in logarithmic time.
func (e EntityFigures) Find(year int, id metric.ID, group, category string) *Figure {
	if len(e.Figures) == 0 {
		return nil
	}
	match := func(f *Figure) bool {
		return f.Year == year && f.Metric == id && f.Group == group && f.Category == category
	}
	if e.ranks != nil {
		m, c := metric.Ranks(id, category)
		if want, ok := packRank(year, m, slices.Index(groupNames[:], group), c); ok {
			i, found := slices.BinarySearch(e.ranks, want)
			// Figures of one packed rank differ in the names that rank alike (categories no
			// list ranks, such as schools.csv's grade spans): look through them.
			for ; found && i < len(e.ranks) && e.ranks[i] == want; i++ {
				if match(&e.Figures[i]) {
					return &e.Figures[i]
				}
			}
			return nil
		}
	}
	f0 := &e.Figures[0]
	want := rankOf(figureKey{f0.EntityType, f0.EntityCode, year, id, group, category})
	i, ok := slices.BinarySearchFunc(e.Figures, want, func(f Figure, k rankedKey) int {
		return compareRanked(rankOf(keyOf(&f)), k)
	})
	if !ok {
		return nil
	}
	return &e.Figures[i]
}
