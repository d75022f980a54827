package compute

import (
	"math"
	"slices"
)

// gapKey identifies a figure by entity, year, metric, group and category.
type gapKey struct {
	entityType, entityCode string
	year                   int
	metric, group, cat     string
}

// gapSide returns the base metric and the category of the gap that compares f, if any.
func gapSide(f *Figure) (base, category string, ok bool) {
	switch f.Metric {
	case "ewis_risk":
		return "ewis_high", "", f.Category == "High"
	case "annual_dropout_rate", "graduation_rate", "cohort_dropout_rate", "grade9_course_pass", "mcas_meeting", "any_college":
		return f.Metric, f.Category, true
	}
	return "", "", false
}

// gaps adds the gap figures: for each base figure of EL and of FormerEL whose NonEL
// counterpart exists, value(group) - value(NonEL); then each gap's change since the prior year
// present. Suppression has been applied: a gap with a suppressed side is suppressed, and so is
// a change with a suppressed gap.
func (b *builder) gaps(years []int) {
	nonEL := make(map[gapKey]int)
	for i := range b.figs {
		f := &b.figs[i]
		if base, cat, ok := gapSide(f); ok && f.Group == GroupNonEL {
			nonEL[gapKey{f.EntityType, f.EntityCode, f.Year, base, "", cat}] = i
		}
	}
	gapAt := make(map[gapKey]int) // year, metric, group, category -> index in b.figs
	var gapFigs []int
	n := len(b.figs)
	for i := 0; i < n; i++ {
		f := b.figs[i]
		base, cat, ok := gapSide(&f)
		if !ok || (f.Group != GroupEL && f.Group != GroupFormerEL) {
			continue
		}
		j, ok := nonEL[gapKey{f.EntityType, f.EntityCode, f.Year, base, "", cat}]
		if !ok {
			continue
		}
		other := b.figs[j]
		g := f
		g.Topic, g.Metric, g.Category, g.Kind = TopicGaps, base+"_gap", cat, Points
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
		c.Metric, c.Wide, c.Value = g.Metric+"_change", false, 0
		c.Suppressed = g.Suppressed || prior.Suppressed
		if !c.Suppressed {
			c.Value = g.Value - prior.Value
		}
		b.figs = append(b.figs, c)
		b.figPop = append(b.figPop, -1)
	}
}
