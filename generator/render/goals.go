package render

// This file holds the improvement plan: the plan page of a district with goals, the "Our
// goals" sections of the home, topic and school pages, and data/goals.csv.

import (
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"sync"

	"elreport/generator/compute"
	"elreport/generator/goal"
	"elreport/generator/guide"
	"elreport/generator/i18n"
	"elreport/generator/metric"
)

// GoalView is one goal on the plan page: its status in words and a symbol, what it measures,
// where it stands, and its words from content/goals.
type GoalView struct {
	// Status is the status in words; Symbol its mark (aria-hidden: the words carry it); Class
	// the status as in goals.csv (met, on_track, ...), for styling.
	Status, Symbol, Class string
	// Measure names the figure and the entity ("Gap in four-year graduation rate ..., Riverbend
	// Public Schools"); Sentence says where it stands; Baseline where it started.
	Measure, Sentence, Baseline string
	Summary                     string
	// Fallback is the notice shown when the goal's words are not in the page's language;
	// BodyLang and BodyDir are then the words' language.
	Fallback          string
	BodyLang, BodyDir string
	Body              template.HTML
}

// goalSymbols are the marks of the statuses: the words beside them carry the meaning.
var goalSymbols = map[goal.Status]string{
	goal.Met: "✓", goal.OnTrack: "●", goal.Behind: "⚠", goal.NotPublished: "⊘", goal.NoData: "–",
}

// goalAnchor is the id of a goal's section on the plan page, "goal-<id>"; the goal's table is
// "goal-<id>_years" and the ids of its words "goal-<id>--<heading>". Goal ids have neither "_"
// nor "--", and heading ids no "_", so no two of these meet, nor the page's own ids.
func goalAnchor(p *goal.Progress) string { return "goal-" + p.Goal.ID }

// goalSet is the site's goals, by district, with their words.
type goalSet struct {
	all []goal.Progress
	// byDistrict lists, per district code, the indexes in all of its goals (its own and its
	// schools'), in site.toml's order.
	byDistrict map[string][]int
	words      *guideSet
	// rendered holds each goal's words per language once rendered (the plan page and every
	// page listing the goal show them), by goal id and page language.
	mu       sync.Mutex
	rendered map[[2]string]renderedWords
	// orphans names the files of content/goals whose id is no goal's, for a warning.
	orphans []string
}

// renderedWords is a goal's words rendered for one language, with their language.
type renderedWords struct {
	page    GuidePage
	srcLang string
}

// newGoalSet indexes the goals and finds their words: every goal needs a file in the default
// language (content/goals/<id>.<lang>.md).
func newGoalSet(progress []goal.Progress, content fs.FS, langs []string, defaultLang, configName string) (*goalSet, error) {
	gs := &goalSet{all: progress, byDistrict: map[string][]int{}, rendered: map[[2]string]renderedWords{}}
	words, err := findContent(content, "goals", langs)
	if err != nil {
		return nil, fmt.Errorf("goals: %w", err)
	}
	gs.words = words
	var errs errorList
	ids := map[string]bool{}
	for i, p := range progress {
		ids[p.Goal.ID] = true
		gs.byDistrict[p.District] = append(gs.byDistrict[p.District], i)
		if _, ok := words.files[p.Goal.ID][defaultLang]; !ok {
			errs.add(fmt.Errorf("goal %q (%s line %d): its words are missing: write content/goals/%s.%s.md (a title and summary in front matter, then why the goal matters, the actions and who leads them, and how families can take part; see docs/goals.md)",
				p.Goal.ID, configName, p.Goal.Line, p.Goal.ID, defaultLang))
		}
	}
	for _, slug := range words.slugs {
		if !ids[slug] {
			for _, lang := range slices.Sorted(maps.Keys(words.files[slug])) {
				gs.orphans = append(gs.orphans, path.Join("content", words.files[slug][lang]))
			}
		}
	}
	return gs, errs.err()
}

// warnings says which files of content/goals belong to no goal (a misspelled id would
// otherwise leave the goal in the default language without a word).
func (gs *goalSet) warnings() []string {
	var out []string
	for _, f := range gs.orphans {
		out = append(out, fmt.Sprintf("%s: no goal of site.toml has this id, so the file is not published (is the id misspelled?)", f))
	}
	return out
}

// of returns the goals of a district (its own and its schools') in site.toml's order.
func (gs *goalSet) of(district string) []*goal.Progress {
	var out []*goal.Progress
	for _, i := range gs.byDistrict[district] {
		out = append(out, &gs.all[i])
	}
	return out
}

// csv returns data/goals.csv: every goal, a row per year.
func (gs *goalSet) csv() [][]string {
	rows := [][]string{goal.CSVHeader}
	for i := range gs.all {
		rows = append(rows, gs.all[i].CSVRows()...)
	}
	return rows
}

// statusText returns a status's symbol and words.
func (pb *pageBuilder) statusText(s goal.Status) (symbol, words string) {
	return goalSymbols[s], pb.t("plan.status." + string(s))
}

// goalValue formats a value of a goal's metric: as its figures are shown, and a count with a
// decimal when it has one (an expected number of students on the way to a target).
// In a table or a sentence a gap is in words, as its figure's cell says it ("27.9 points
// lower", not "-27.9"); in a chart it is a signed number (goalNumber), as the chart's figures.
func (pb *pageBuilder) goalValue(p *goal.Progress, v float64) string {
	if g := p.Metric.Gap; g != nil && !g.Change {
		return pb.pointsWords(v)
	}
	return pb.goalNumber(p, v)
}

// goalNumber is goalValue with a gap as a signed number.
func (pb *pageBuilder) goalNumber(p *goal.Progress, v float64) string {
	if p.Metric.Kind == metric.Count && v != float64(int64(v)) {
		return pb.loc.Number(v, 1)
	}
	return pb.format(&compute.Figure{Kind: p.Metric.Kind, Value: v})
}

// goalCell is the table cell of a value of a goal's metric, written as goalValue does.
func (pb *pageBuilder) goalCell(p *goal.Progress, v float64) Cell {
	shownValue := shown(p.Metric.Kind, v)
	if p.Metric.Kind == metric.Count && v != float64(int64(v)) {
		shownValue = i18n.Round(v, 1)
	}
	g := p.Metric.Gap
	return Cell{Text: pb.goalValue(p, v), Num: true, Words: g != nil && !g.Change, Sort: sortKey(shownValue)}
}

// goalMeasure names what a goal measures, without the entity.
func (pb *pageBuilder) goalMeasure(p *goal.Progress) string {
	m, g := p.Metric, p.Goal
	if m.Gap != nil {
		base, cat := gapBase(m.ID, g.Category)
		return pb.t("plan.goal.gap_measure", "measure", pb.metricName(base, cat), "group", pb.groupName(g.Group))
	}
	return pb.t("compose.metric_group", "metric", pb.metricName(m.ID, g.Category), "group", pb.groupName(g.Group))
}

// goalEntity names the district or school of a goal.
func (pb *pageBuilder) goalEntity(p *goal.Progress) string {
	if d := pb.run.ix.districtInfo(p.EntityCode); p.EntityType == "district" && d != nil {
		return pb.districtName(d)
	}
	return p.EntityName
}

// headlinePoint returns the goal's point of the headline year (nil when it has none).
func headlinePoint(p *goal.Progress) *goal.Point {
	for i := range p.Years {
		if p.Years[i].Year == p.Year {
			return &p.Years[i]
		}
	}
	return nil
}

// goalSentence says where a goal stands in the headline year.
func (pb *pageBuilder) goalSentence(p *goal.Progress) string {
	args := []string{"year", pb.year(p.Year), "target", pb.goalValue(p, p.Target), "target_year", pb.year(p.Goal.TargetYear)}
	pt := headlinePoint(p)
	switch {
	case pt != nil && pt.HasValue:
		return pb.t("plan.goal.sentence", append(args, "value", pb.goalValue(p, pt.Value), "expected", pb.goalValue(p, pt.Expected))...)
	case pt != nil && pt.Status == goal.NotPublished:
		return pb.t("plan.goal.sentence_hidden", args...)
	}
	return pb.t("plan.goal.sentence_none", args...)
}

// goalWords renders a goal's words in the page's language (or the fallback's) and returns
// them with their language; each goal and language is rendered once.
func (pb *pageBuilder) goalWords(d *compute.District, p *goal.Progress) (GuidePage, string, error) {
	r := pb.run
	key := [2]string{p.Goal.ID, pb.lang.Code}
	r.goals.mu.Lock()
	done, ok := r.goals.rendered[key]
	r.goals.mu.Unlock()
	if ok {
		return done.page, done.srcLang, nil
	}
	file, srcLang := r.goals.words.source(p.Goal.ID, pb.lang.Code, r.cfg.DefaultLanguage, r.bundle.Codes())
	src, err := fs.ReadFile(r.site.Content, file)
	if err != nil {
		return GuidePage{}, "", err
	}
	page, err := r.guideRenderer(path.Join("content", file), src, pb.figureFunc(d))
	if err != nil {
		return GuidePage{}, "", fmt.Errorf("%w (in the %s plan page of district %s)", err, pb.lang.Code, d.Code)
	}
	if page.Title == "" {
		page.Title = p.Goal.ID
	}
	// The words sit inside the goal's section (h2): their headings go one level down and
	// their ids get the goal's, so that two goals' "#why" do not clash.
	page.Body = guide.Nest(page.Body, goalAnchor(p)+"--")
	r.goals.mu.Lock()
	r.goals.rendered[key] = renderedWords{page, srcLang}
	r.goals.mu.Unlock()
	return page, srcLang, nil
}

// buildPlan builds a district's plan page: each goal with its status, chart, table and words,
// then the rule the statuses follow.
func (pb *pageBuilder) buildPlan(d *compute.District) error {
	sc, lang := pb.run.scheme, pb.lang.Code
	p := pb.page
	p.Kind = "plan"
	p.Title = pb.t("plan.title")
	if sc.multi {
		p.Title = pb.t("plan.title_in", "district", pb.districtName(d))
	}
	p.Intro = pb.t("plan.intro")
	canonical := sc.plan(lang, d.Code)
	pb.districtNav(d, canonical)
	pb.districtCrumbs(d, Link{Text: pb.t("nav.plan")})
	for _, g := range pb.run.goals.of(d.Code) {
		words, srcLang, err := pb.goalWords(d, g)
		if err != nil {
			return err
		}
		symbol, status := pb.statusText(g.Status)
		view := &GoalView{Status: status, Symbol: symbol, Class: string(g.Status),
			Measure:  pb.t("plan.goal.where", "measure", pb.goalMeasure(g), "entity", pb.goalEntity(g)),
			Sentence: pb.goalSentence(g),
			Baseline: pb.t("plan.goal.baseline", "baseline", pb.goalValue(g, g.Baseline), "baseline_year", pb.year(g.Goal.BaselineYear)),
			Summary:  words.Summary, Body: words.Body}
		if srcLang != lang {
			src, _ := pb.run.cfg.Language(srcLang)
			view.Fallback = pb.t("plan.fallback", "language", src.Name)
			view.BodyLang, view.BodyDir = src.Code, src.Dir
		}
		sec := &Section{ID: goalAnchor(g), Title: words.Title, Goal: view}
		if srcLang != lang {
			sec.TitleLang, sec.TitleDir = view.BodyLang, view.BodyDir
		}
		sec.addBlocks(pb.goalBlock(g))
		p.Sections = append(p.Sections, sec)
	}
	p.Sections = append(p.Sections, &Section{ID: "rule", Title: pb.t("plan.rule.title"), Intro: pb.t("plan.rule.text")})
	return nil
}

// goalBlock is a goal's chart (actual figures, the dashed path to the target, the target) and
// its table twin, a row per year; the download is the goal's rows of data/goals.csv.
func (pb *pageBuilder) goalBlock(g *goal.Progress) *Block {
	id := goalAnchor(g) + "_years"
	// The measure, in the page's language, names the table (the goal's title may not be).
	title := pb.t("plan.goal.table", "goal", pb.goalMeasure(g))
	t := pb.newTable(id, title, pb.t("table.year"), pb.t("plan.col.actual"), pb.t("plan.col.expected"), pb.t("plan.col.status"))
	t.rows = append([][]string{goal.CSVHeader}, g.CSVRows()...)
	actual := chartSeries{name: pb.t("plan.series.actual")}
	path := chartSeries{name: pb.t("plan.series.expected"), dashed: true, quiet: true}
	target := chartSeries{name: pb.t("plan.series.target"), symbol: "diamond"}
	var years []string
	for i := range g.Years {
		pt := &g.Years[i]
		year := pb.year(pt.Year)
		years = append(years, year)
		symbol, status := pb.statusText(pt.Status)
		actualCell := pb.cell(t, pt.Figure)
		actualCell.Badge = "" // the goal, not the gap threshold, is the measure here
		t.Rows = append(t.Rows, Row{Head: year, Cells: []Cell{
			actualCell,
			pb.goalCell(g, pt.Expected),
			{Mark: symbol, Text: status},
		}})
		if pb.catalog {
			continue
		}
		actual.points = append(actual.points, pb.point(pt.Figure, year, actual.name))
		path.points = append(path.points, pb.valuePoint(g, pt.Expected, year, path.name))
		if pt.Year == g.Goal.TargetYear {
			target.points = append(target.points, pb.valuePoint(g, g.Target, year, target.name))
		} else {
			target.points = append(target.points, chartPoint{})
		}
	}
	chart := pb.chart(id, pb.t("plan.goal.chart", "measure", pb.goalMeasure(g)), chartSpec{kind: lineChart, categories: years,
		series: []chartSeries{actual, path, target}})
	return block(id, title, "", chart, t)
}

// valuePoint is a chart point of a value that is not a figure (an expected value, a target).
func (pb *pageBuilder) valuePoint(g *goal.Progress, v float64, category, series string) chartPoint {
	label := pb.goalNumber(g, v)
	return chartPoint{value: v, ok: true, label: label, tip: category + "\n" + series + ": " + label}
}

// goalsSection lists goals where they stand in the headline year: the home page's "Our
// goals" (every goal of the district), and a topic or school page's (the goals it concerns).
// It is nil when there are none.
func (pb *pageBuilder) goalsSection(d *compute.District, gs []*goal.Progress, home bool) *Section {
	if len(gs) == 0 {
		return nil
	}
	year := pb.year(pb.view.latest)
	plan := pb.run.scheme.plan(pb.lang.Code, d.Code)
	sec := &Section{ID: "goals", Title: pb.t("plan.section.title"), Intro: pb.t("plan.section.text", "year", year)}
	title := pb.t("plan.home.table", "year", year)
	if home {
		sec.Intro = pb.t("plan.home.text")
	}
	t := pb.newTable("goals", title, pb.t("plan.col.goal"),
		pb.t("plan.col.actual"), pb.t("plan.col.expected"), pb.t("plan.col.target"), pb.t("plan.col.status"))
	t.rows = [][]string{goal.CSVHeader}
	for _, g := range gs {
		words, srcLang, err := pb.goalWords(d, g)
		name := g.Goal.ID
		if err == nil {
			name = words.Title
		}
		row := Row{Head: name, Href: pb.href(plan) + "#" + goalAnchor(g)}
		if err == nil && srcLang != pb.lang.Code {
			src, _ := pb.run.cfg.Language(srcLang)
			row.Lang, row.Dir = src.Code, src.Dir
		}
		pt := headlinePoint(g)
		expected := Cell{Text: noneMark, None: true, Num: true}
		actual := Cell{Text: noneMark, None: true, Num: true}
		if pt != nil {
			var fig *compute.Figure
			fig = pt.Figure
			actual = pb.cell(t, fig)
			actual.Badge = ""
			expected = pb.goalCell(g, pt.Expected)
			for _, row := range g.CSVRows() {
				if row[10] == strconv.Itoa(pt.Year) {
					t.rows = append(t.rows, row)
				}
			}
		}
		symbol, status := pb.statusText(g.Status)
		row.Cells = []Cell{
			actual, expected,
			{Text: pb.t("plan.col.target_value", "target", pb.goalValue(g, g.Target), "target_year", pb.year(g.Goal.TargetYear)), Num: true,
				Words: pb.goalCell(g, g.Target).Words, Sort: pb.goalCell(g, g.Target).Sort},
			{Mark: symbol, Text: status},
		}
		t.Rows = append(t.Rows, row)
	}
	sec.addBlocks(block("goals", title, "", nil, t))
	sec.More = &Link{Href: pb.href(plan), Text: pb.t("plan.more")}
	return sec
}

// topicGoals returns the goals a district's topic page concerns: the district's own, on a
// metric of the topic.
func (pb *pageBuilder) topicGoals(d *compute.District, topic metric.Topic) []*goal.Progress {
	var out []*goal.Progress
	for _, g := range pb.run.goals.of(d.Code) {
		if g.EntityType == "district" && g.Metric.Topic == topic {
			out = append(out, g)
		}
	}
	return out
}

// schoolGoals returns the goals of a school.
func (pb *pageBuilder) schoolGoals(d *compute.District, s *compute.School) []*goal.Progress {
	var out []*goal.Progress
	for _, g := range pb.run.goals.of(d.Code) {
		if g.EntityType == "school" && g.EntityCode == s.Code {
			out = append(out, g)
		}
	}
	return out
}
