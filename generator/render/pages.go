package render

import (
	"elreport/generator/compute"
	"elreport/generator/metric"
)

// districtNav sets the navigation of a district's pages; canonical is the page's own address.
func (pb *pageBuilder) districtNav(d *compute.District, canonical string) {
	sc, lang := pb.run.scheme, pb.lang.Code
	type item struct{ key, to string }
	var items []item
	if sc.multi {
		items = append(items, item{"nav.districts", sc.districtList(lang)})
	}
	items = append(items, item{"nav.home", sc.home(lang, d.Code)})
	for _, t := range pb.view.lacking.topics {
		items = append(items, item{"topic." + string(t) + ".nav", sc.topic(lang, d.Code, t.Slug())})
	}
	if len(pb.run.goals.of(d.Code)) > 0 {
		items = append(items, item{"nav.plan", sc.plan(lang, d.Code)})
	}
	items = append(items, item{"nav.data", sc.data(lang, d.Code)}, item{"nav.guides", sc.guides(lang, d.Code)})
	for _, it := range items {
		pb.page.Nav = append(pb.page.Nav, Link{Href: pb.href(it.to), Text: pb.t(it.key), Current: it.to == canonical})
	}
}

// siteNav sets the navigation of the site-wide pages of a site with several districts.
func (pb *pageBuilder) siteNav(canonical string) {
	sc, lang := pb.run.scheme, pb.lang.Code
	for _, it := range []struct{ key, to string }{
		{"nav.districts", sc.districtList(lang)},
		{"nav.data", sc.siteData(lang)},
	} {
		pb.page.Nav = append(pb.page.Nav, Link{Href: pb.href(it.to), Text: pb.t(it.key), Current: it.to == canonical})
	}
}

// districtCrumbs sets the breadcrumb of a district page: the district list (several districts),
// the district's home, then the given trail; the last crumb is the page itself.
func (pb *pageBuilder) districtCrumbs(d *compute.District, trail ...Link) {
	sc, lang := pb.run.scheme, pb.lang.Code
	var crumbs []Link
	if sc.multi {
		crumbs = append(crumbs, Link{Href: pb.href(sc.districtList(lang)), Text: pb.t("nav.districts")})
		crumbs = append(crumbs, Link{Href: pb.href(sc.home(lang, d.Code)), Text: pb.districtName(d)})
	} else {
		crumbs = append(crumbs, Link{Href: pb.href(sc.home(lang, d.Code)), Text: pb.t("nav.home")})
	}
	crumbs = append(crumbs, trail...)
	crumbs[len(crumbs)-1].Href = ""
	pb.page.Crumbs = crumbs
}

// buildHome builds a district's home page.
func (pb *pageBuilder) buildHome(d *compute.District, canonical string) {
	ix, sc, lang := pb.run.ix, pb.run.scheme, pb.lang.Code
	e := ix.districts[d.Code]
	p := pb.page
	p.Kind = "home"
	p.Title = pb.districtName(d)
	p.Intro = pb.latestTitle("home.intro")
	pb.districtNav(d, canonical)
	pb.districtCrumbs(d)
	if !pb.catalog {
		p.Summary = pb.summary(e)
		p.Cards = pb.cards(e, func(t metric.Topic) string { return pb.href(sc.topic(lang, d.Code, t.Slug())) })
	}

	if goals := pb.goalsSection(d, pb.run.goals.of(d.Code), true); goals != nil {
		p.Sections = append(p.Sections, goals)
	}
	if b := pb.compareBlock(d, "compare", homeCompareMetrics); b != nil {
		sec := &Section{ID: "compare", Title: pb.t("compare.section")}
		sec.addBlocks(b)
		p.Sections = append(p.Sections, sec)
	}
	if pb.view.lacking.hasInput(metric.Gaps) {
		gaps := &Section{ID: "gaps", Title: pb.t("home.gaps.title")}
		gaps.addBlocks(pb.widestGapsBlock(e))
		gaps.More = &Link{Href: pb.href(sc.topic(lang, d.Code, metric.Gaps.Slug())), Text: pb.t("home.gaps.more")}
		p.Sections = append(p.Sections, gaps)
	}
	schools := &Section{ID: "schools", Title: pb.t("home.schools.title")}
	schools.addBlocks(pb.block(grid{
		id: "schools", title: pb.latestTitle("home.schools.table"), rowHead: pb.t("table.school"),
		rows: pb.schoolRows(d),
		cols: pb.metricAxes("EL", pb.available(metric.Tested, metric.MakingProgress, metric.Proficient,
			metric.GraduationRate, metric.AnnualDropoutRate)...),
		chart: noChart,
	}))
	p.Sections = append(p.Sections, schools)
	for _, t := range pb.view.lacking.topics {
		p.Links = append(p.Links, Link{Href: pb.href(sc.topic(lang, d.Code, t.Slug())),
			Text: pb.t("topic." + string(t) + ".title"), Note: pb.t("topic." + string(t) + ".summary")})
	}
	if len(pb.run.goals.of(d.Code)) > 0 {
		p.Links = append(p.Links, Link{Href: pb.href(sc.plan(lang, d.Code)), Text: pb.t("plan.title"), Note: pb.t("plan.summary")})
	}
	p.Links = append(p.Links,
		Link{Href: pb.href(sc.guides(lang, d.Code)), Text: pb.t("guides.title"), Note: pb.t("guides.summary")})
	if page := pb.glossaryPage(); page != "" {
		p.Links = append(p.Links, Link{Href: pb.href(page), Text: pb.t("glossary.title"), Note: pb.t("glossary.summary")})
	}
	p.Links = append(p.Links,
		Link{Href: pb.href(sc.data(lang, d.Code)), Text: pb.t("data.title"), Note: pb.t("data.summary")})
}

// widestGapsBlock lists the widest gaps of the latest year.
func (pb *pageBuilder) widestGapsBlock(e *entity) *Block {
	year := pb.view.latest
	title := pb.latestTitle("home.gaps.table")
	t := pb.newTable("widest-gaps", title, pb.t("table.measure"),
		pb.t("table.group"), pb.t("gaps.col.group_value"), pb.groupName("NonEL"), pb.t("gaps.col.gap"), pb.t("gaps.col.change"))
	for _, g := range pb.widestGaps(e, 5) {
		baseMetric, baseCat := gapBase(g.Metric, g.Category)
		change, _ := g.Metric.Change()
		t.Rows = append(t.Rows, Row{Head: pb.metricName(baseMetric, baseCat), Cells: []Cell{
			{Text: pb.groupName(g.Group)},
			pb.cell(t, e.get(year, baseMetric, g.Group, baseCat)),
			pb.cell(t, e.get(year, baseMetric, "NonEL", baseCat)),
			pb.cell(t, g),
			pb.cell(t, e.get(year, change, g.Group, g.Category)),
		}})
	}
	return block("widest-gaps", title, pb.t("home.gaps.text", pb.thresholdArgs()...), nil, t)
}

// buildTopic builds a district's page on one topic.
func (pb *pageBuilder) buildTopic(d *compute.District, topic metric.Topic) {
	ix, sc := pb.run.ix, pb.run.scheme
	canonical := sc.topic(pb.lang.Code, d.Code, topic.Slug())
	p := pb.page
	p.Kind = "topic"
	p.Title = pb.t("topic." + string(topic) + ".title")
	if sc.multi {
		p.Title = pb.t("topic.title_in", "topic", p.Title, "district", pb.districtName(d))
	}
	p.Intro = pb.t("topic." + string(topic) + ".intro")
	pb.districtNav(d, canonical)
	pb.districtCrumbs(d, Link{Text: pb.t("topic." + string(topic) + ".nav")})
	district := &Section{ID: "district", Title: pb.t("topic.section.district", "district", pb.districtName(d))}
	district.addBlocks(pb.topicBlocks(topic, ix.districts[d.Code], "")...)
	pb.addLacking(district, topic)
	p.Sections = append(p.Sections, district)
	if b := pb.compareBlock(d, "compare", topicCompareMetrics(topic)); b != nil {
		sec := &Section{ID: "compare", Title: pb.t("compare.section")}
		sec.addBlocks(b)
		p.Sections = append(p.Sections, sec)
	} else if sec := pb.gapsNotCompared(d, topic); sec != nil {
		p.Sections = append(p.Sections, sec)
	}
	if goals := pb.goalsSection(d, pb.topicGoals(d, topic), false); goals != nil {
		p.Sections = append(p.Sections, goals)
	}
	if len(d.Schools) > 0 && pb.view.lacking.hasInput(topic) {
		schools := &Section{ID: "schools", Title: pb.t("topic.section.schools")}
		schools.addBlocks(pb.schoolsBlocks(topic, d)...)
		p.Sections = append(p.Sections, schools)
	}
}

// buildSchool builds a school's page: the four topics for the school.
func (pb *pageBuilder) buildSchool(d *compute.District, s *compute.School) {
	ix, sc, lang := pb.run.ix, pb.run.scheme, pb.lang.Code
	e := ix.schools[s.Code]
	canonical := sc.school(lang, d.Code, s.Code)
	p := pb.page
	p.Kind = "school"
	p.Title = s.Name
	if s.GradeSpan != "" {
		p.Intro = pb.t("school.intro_span", "district", pb.districtName(d), "span", s.GradeSpan)
	} else {
		p.Intro = pb.t("school.intro", "district", pb.districtName(d))
	}
	pb.districtNav(d, canonical)
	pb.districtCrumbs(d, Link{Text: s.Name})
	if !pb.catalog {
		p.Summary = pb.summary(e)
		p.Cards = pb.cards(e, func(t metric.Topic) string { return "#" + t.Slug() })
	}
	if goals := pb.goalsSection(d, pb.schoolGoals(d, s), false); goals != nil {
		p.Sections = append(p.Sections, goals)
	}
	for _, t := range pb.view.lacking.topics {
		sec := &Section{ID: t.Slug(), Title: pb.t("topic." + string(t) + ".title"), Intro: pb.t("topic." + string(t) + ".summary")}
		sec.addBlocks(pb.topicBlocks(t, e, t.Slug()+"-")...)
		pb.addLacking(sec, t)
		sec.More = &Link{Href: pb.href(sc.topic(lang, d.Code, t.Slug())), Text: pb.t("school.compare", "district", pb.districtName(d))}
		p.Sections = append(p.Sections, sec)
	}
}

// buildDistricts builds the list of districts of a site with several districts.
func (pb *pageBuilder) buildDistricts(canonical string) {
	ix, sc, lang := pb.run.ix, pb.run.scheme, pb.lang.Code
	p := pb.page
	p.Kind = "districts"
	p.Title = pb.t("districts.title")
	p.Intro = pb.latestTitle("districts.intro")
	pb.siteNav(canonical)
	p.Crumbs = []Link{{Text: pb.t("nav.districts")}}
	var rows []axis
	for i := range ix.result.Districts {
		d := &ix.result.Districts[i]
		rows = append(rows, axis{label: pb.districtName(d), entity: ix.districts[d.Code], href: sc.home(lang, d.Code)})
	}
	if pb.run.site.PublicOnly {
		// DESE's reports are of different years: each measure in the latest year they give it.
		p.Intro = pb.t("public_districts.intro")
		sec := &Section{ID: "districts", Title: pb.t("public_districts.table")}
		sec.addBlocks(pb.publicListBlock(rows))
		p.Sections = []*Section{sec}
		return
	}
	sec := &Section{ID: "districts", Title: pb.latestTitle("districts.table")}
	sec.addBlocks(pb.block(grid{
		id: "districts", title: pb.latestTitle("districts.table"), rowHead: pb.t("table.district"), rows: rows,
		cols: append(pb.metricAxes("EL", metric.Tested, metric.MakingProgress, metric.Proficient),
			axis{label: pb.metricForGroup(metric.GraduationRate, "EL"), metric: metric.GraduationRate, group: "EL"},
			axis{label: pb.metricForGroup(metric.GraduationRate, "NonEL"), metric: metric.GraduationRate, group: "NonEL"},
			axis{label: pb.metricForGroup(metric.AnyCollege, "EL"), metric: metric.AnyCollege, group: "EL"},
		),
		chart: noChart,
	}))
	p.Sections = []*Section{sec}
}
