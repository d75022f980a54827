package compute

import (
	"math"
	"slices"

	"elreport/generator/metric"
)

// gapKey identifies a figure by entity, year, metric, group and category.
type gapKey struct {
	entityType, entityCode string
	year                   int
	metric                 metric.ID
	group, cat             string
}

// gapSide returns the gap metric that compares f, and the gap's category, if any (see
// metric.GapOf).
func gapSide(f *Figure) (gap metric.ID, category string, ok bool) {
	return metric.GapOf(f.Metric, f.Category)
}

// gaps adds the gap figures: for each base figure of EL and of FormerEL whose NonEL
// counterpart exists, value(group) - value(NonEL); then each gap's change since the prior year
// present. Suppression has been applied: a gap with a suppressed side is suppressed, and so is
// a change with a suppressed gap.
func (b *builder) gaps(years []int) {
	nonEL := make(map[gapKey]int)
	for i := range b.figs {
		f := &b.figs[i]
		if gap, cat, ok := gapSide(f); ok && f.Group == GroupNonEL {
			nonEL[gapKey{f.EntityType, f.EntityCode, f.Year, gap, "", cat}] = i
		}
	}
	gapAt := make(map[gapKey]int) // year, metric, group, category -> index in b.figs
	var gapFigs []int
	n := len(b.figs)
	for i := 0; i < n; i++ {
		f := b.figs[i]
		gap, cat, ok := gapSide(&f)
		if !ok || (f.Group != GroupEL && f.Group != GroupFormerEL) {
			continue
		}
		j, ok := nonEL[gapKey{f.EntityType, f.EntityCode, f.Year, gap, "", cat}]
		if !ok {
			continue
		}
		other := b.figs[j]
		g := f
		g.Metric, g.Category, g.Kind = gap, cat, Points
		g.Numerator, g.Denominator, g.Value = 0, 0, 0
		g.Suppressed = f.Suppressed || other.Suppressed
		if !g.Suppressed {
			g.Value = f.Value - other.Value
			g.Wide = math.Abs(g.Value) > b.opts.GapThreshold
		}
		gapAt[gapKey{g.EntityType, g.EntityCode, g.Year, g.Metric, g.Group, g.Category}] = len(b.figs)
		gapFigs = append(gapFigs, len(b.figs))
		b.figs = append(b.figs, g)
		b.figPop = append(b.figPop, -1)
	}
	for _, i := range gapFigs {
		g := b.figs[i]
		y := slices.Index(years, g.Year)
		if y <= 0 {
			continue
		}
		j, ok := gapAt[gapKey{g.EntityType, g.EntityCode, years[y-1], g.Metric, g.Group, g.Category}]
		if !ok {
			continue
		}
		prior := b.figs[j]
		c := g
		c.Metric, _ = g.Metric.Change()
		c.Wide, c.Value = false, 0
		c.Suppressed = g.Suppressed || prior.Suppressed
		if !c.Suppressed {
			c.Value = g.Value - prior.Value
		}
		b.figs = append(b.figs, c)
		b.figPop = append(b.figPop, -1)
	}
}
