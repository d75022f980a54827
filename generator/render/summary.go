package render

import (
	"math"

	"elreport/generator/compute"
	"elreport/generator/i18n"
	"elreport/generator/metric"
)

// summary writes the plain-language sentences of an entity's latest year from its figures,
// through translation templates; a sentence whose figure is missing or suppressed is left out.
func (pb *pageBuilder) summary(e *entity) []string {
	var out []string
	for _, s := range []string{
		pb.trendSentence(e, metric.MakingProgress, "summary.progress"),
		pb.trendSentence(e, metric.Proficient, "summary.proficient"),
		pb.compareSentence(e, metric.GraduationRate, "summary.graduation"),
		pb.trendSentence(e, metric.AnnualDropoutRate, "summary.dropout"),
		pb.compareSentence(e, metric.AnyCollege, "summary.college"),
		pb.gapSentence(e),
	} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// change compares two figures as displayed: "more", "fewer", "same", or "about" (about the
// same: a change of less than threshold points), and the difference in points (not signed).
func change(cur, prev *compute.Figure, threshold float64) (string, float64, bool) {
	c, ok1 := value(cur)
	p, ok2 := value(prev)
	if !ok1 || !ok2 {
		return "", 0, false
	}
	d := i18n.Round(c-p, 1)
	switch {
	case d == 0:
		return "same", 0, true
	case math.Abs(d) < threshold:
		return "about", math.Abs(d), true
	case d > 0:
		return "more", d, true
	}
	return "fewer", -d, true
}

// trendSentence says an EL figure of the latest year and how it changed since the year before:
// key.more, key.fewer, key.same, or key.first when there is no prior figure.
func (pb *pageBuilder) trendSentence(e *entity, id metric.ID, key string) string {
	year := pb.view.latest
	cur := e.get(year, id, "EL", "")
	if _, ok := value(cur); !ok {
		return ""
	}
	args := []string{"pct", pb.format(cur), "year", pb.year(year)}
	if prior, ok := pb.view.prior(year); ok {
		if dir, d, ok := change(cur, e.get(prior, id, "EL", ""), pb.run.cfg.ChangeThreshold); ok {
			k := key + "." + dir
			if dir == "about" {
				k = "reading." + key // "reading.summary.progress": about the same as in {prior}
			}
			return pb.t(k, append(args, "points", pb.loc.NDecimal("unit.points", d, 1), "prior", pb.year(prior))...)
		}
	}
	return pb.t(key+".first", args...)
}

// compareSentence says an EL figure of the latest year beside the figure of students who were
// never ELs: key.compare, or key.el_only.
func (pb *pageBuilder) compareSentence(e *entity, id metric.ID, key string) string {
	year := pb.view.latest
	el := e.get(year, id, "EL", "")
	if _, ok := value(el); !ok {
		return ""
	}
	args := []string{"el", pb.format(el), "year", pb.year(year)}
	if non := e.get(year, id, "NonEL", ""); non != nil && !non.Suppressed {
		return pb.t(key+".compare", append(args, "nonel", pb.format(non))...)
	}
	return pb.t(key+".el_only", args...)
}

// gapSentence names the widest gap of the latest year.
func (pb *pageBuilder) gapSentence(e *entity) string {
	gaps := pb.widestGaps(e, 1)
	if len(gaps) == 0 {
		return ""
	}
	g := gaps[0]
	key := "summary.gap"
	if g.Wide {
		key = "summary.gap_wide"
	}
	return pb.t(key, pb.thresholdArgs(
		"group", pb.t("group."+g.Group+".name"),
		"measure", pb.gapLabel(g.Metric, g.Category),
		"points", pb.loc.NDecimal("unit.points", math.Abs(g.Value), 1))...)
}

// cards returns an entity's headline figures for the latest year; topicHref gives the address
// of a topic's details.
func (pb *pageBuilder) cards(e *entity, topicHref func(metric.Topic) string) []Card {
	ix := pb.run.ix
	year := pb.view.latest
	prior, hasPrior := pb.view.prior(year)
	var cards []Card
	add := func(label string, f *compute.Figure, note, href string) {
		c := Card{Label: label, Href: href, Note: note}
		switch {
		case f == nil:
			return
		case f.Suppressed && f.SuppressedFor == compute.ForComplement:
			c.Value, c.Suppressed = pb.t("suppressed.complementary_mark"), true
			c.Note = pb.t("suppressed.complementary")
		case f.Suppressed:
			c.Value, c.Suppressed = pb.t("suppressed.mark"), true
			c.Note = pb.t("suppressed.text", "n", pb.loc.Int(pb.run.cfg.MinN))
		default:
			c.Value = pb.format(f)
		}
		// A school's card shows its district's figure beside it.
		if e.Type == "school" {
			if d := ix.districts[e.District]; d != nil {
				if df := d.get(f.Year, f.Metric, f.Group, f.Category); df != nil && !df.Suppressed {
					c.Compare = pb.t("reading.district_value", "district", pb.districtName(ix.districtInfo(e.District)), "value", pb.format(df))
				}
			}
		}
		cards = append(cards, c)
	}
	lastYear := func(id metric.ID) string {
		if !hasPrior {
			return ""
		}
		f := e.get(prior, id, "EL", "")
		if _, ok := value(f); !ok {
			return ""
		}
		return pb.t("card.last_year", "value", pb.format(f), "year", pb.year(prior))
	}
	never := func(id metric.ID) string {
		f := e.get(year, id, "NonEL", "")
		if _, ok := value(f); !ok {
			return ""
		}
		return pb.t("card.nonel", "value", pb.format(f))
	}
	tested := e.get(year, metric.Tested, "EL", "")
	if tested == nil {
		tested = e.get(year, metric.Tested, "All", "")
	}
	add(pb.t("card.tested"), tested, lastYearCount(pb, e, prior, hasPrior), topicHref(metric.Benchmarks))
	add(pb.t("card.making_progress"), e.get(year, metric.MakingProgress, "EL", ""), lastYear(metric.MakingProgress), topicHref(metric.Benchmarks))
	add(pb.t("card.proficient"), e.get(year, metric.Proficient, "EL", ""), lastYear(metric.Proficient), topicHref(metric.Benchmarks))
	add(pb.t("card.graduation"), e.get(year, metric.GraduationRate, "EL", ""), never(metric.GraduationRate), topicHref(metric.DropoutRisk))
	add(pb.t("card.dropout"), e.get(year, metric.AnnualDropoutRate, "EL", ""), never(metric.AnnualDropoutRate), topicHref(metric.DropoutRisk))
	add(pb.t("card.college"), e.get(year, metric.AnyCollege, "EL", ""), never(metric.AnyCollege), topicHref(metric.PostGraduation))
	return cards
}

// lastYearCount is the note of the "ELs tested" card.
func lastYearCount(pb *pageBuilder, e *entity, prior int, ok bool) string {
	if !ok {
		return ""
	}
	f := e.get(prior, metric.Tested, "EL", "")
	if f == nil {
		f = e.get(prior, metric.Tested, "All", "")
	}
	if _, ok := value(f); !ok {
		return ""
	}
	return pb.t("card.last_year", "value", pb.format(f), "year", pb.year(prior))
}
