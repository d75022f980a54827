// Package goal tracks the district's improvement plan: each goal of site.toml ([[goals]]) is a
// target for one published figure, and this package says, year by year, where the figure is,
// where the plan expected it to be, and whether that is on track.
//
// # The rule
//
// The expected value in a year is on the straight line from the baseline (the published
// figure of the baseline year) to the target in the target year; after the target year it is
// the target. The metric catalogue's direction says which side is better: higher, lower, or
// for a gap, closer to zero. A year's status, from its published figure:
//
//   - met: at least as good as the target;
//   - on_track: not met, but at least as good as the expected value;
//   - behind: worse than the expected value;
//   - not_published: the figure is suppressed (its value is never looked at);
//   - no_data: there is no figure (the year is not in the data, or the group had no students).
//
// Values are compared as the pages show them, rounded to one decimal. The goal's status is
// its status in the headline year, the year the pages lead with.
//
// Track runs after compute and before render, on the published figures only: it reads no
// student row and no suppressed value, so a status can never reveal a hidden figure.
package goal

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/i18n"
	"elreport/generator/metric"
	"elreport/generator/textcheck"
)

// Status is where a figure stands against its goal in one year.
type Status string

// The statuses, best first.
const (
	Met          Status = "met"
	OnTrack      Status = "on_track"
	Behind       Status = "behind"
	NotPublished Status = "not_published"
	NoData       Status = "no_data"
)

// Statuses lists the statuses in the order above.
func Statuses() []Status { return []Status{Met, OnTrack, Behind, NotPublished, NoData} }

// Progress is one goal tracked against the figures.
type Progress struct {
	Goal   config.Goal
	Metric metric.Metric
	// EntityType ("district" or "school"), EntityCode and EntityName name the entity as the
	// figures do (schools.csv's spelling of the code); District is the code of its district.
	EntityType, EntityCode, EntityName string
	District                           string
	// Baseline is the published figure of the baseline year, rounded to one decimal; Target
	// is site.toml's.
	Baseline, Target float64
	// Years holds a point per year from the baseline year to the later of the target year and
	// the last year of the data: each year of the data (Result.Years), then each year to come.
	Years []Point
	// Year is the headline year and Status the goal's status in it (NoData when the headline
	// year is not among Years).
	Year   int
	Status Status
}

// Point is a goal in one year.
type Point struct {
	Year int
	// Figure is the year's figure (nil when there is none); Value its value rounded to one
	// decimal, set only when the figure is published (HasValue).
	Figure   *compute.Figure
	Value    float64
	HasValue bool
	// Expected is the value on the straight line from the baseline to the target, rounded to
	// one decimal (the target after the target year).
	Expected float64
	Status   Status
}

// Expected returns the value the plan expects in year: on the straight line from baseline in
// baseYear to target in targetYear, the baseline before baseYear and the target from
// targetYear on. It is rounded to one decimal, as the pages show it.
func Expected(baseline, target float64, baseYear, targetYear, year int) float64 {
	switch {
	case year <= baseYear || targetYear <= baseYear:
		return round(baseline)
	case year >= targetYear:
		return round(target)
	}
	share := float64(year-baseYear) / float64(targetYear-baseYear)
	return round(baseline + (target-baseline)*share)
}

// StatusOf returns the status of a published value against the expected value and the target,
// better being the metric's direction. Neutral metrics have no status: StatusOf panics, as
// Track refuses goals on them. The values are compared as given (Track rounds them).
func StatusOf(better metric.Direction, value, expected, target float64) Status {
	switch {
	case atLeastAsGood(better, value, target):
		return Met
	case atLeastAsGood(better, value, expected):
		return OnTrack
	}
	return Behind
}

// atLeastAsGood says whether a is at least as good as b.
func atLeastAsGood(better metric.Direction, a, b float64) bool {
	switch better {
	case metric.Higher:
		return a >= b
	case metric.Lower:
		return a <= b
	case metric.TowardZero:
		return math.Abs(a) <= math.Abs(b)
	}
	panic("goal: metric without a better direction")
}

// round rounds to one decimal, as the pages show figures.
func round(v float64) float64 { return i18n.Round(v, 1) }

// Track tracks the goals against the figures of res. district is the code or name of the
// district a goal without school or district is about when the data has several (site.toml's
// district); headline is the year the pages lead with (0: the last year of the data). Every
// goal that names something the catalogue or the data does not have, or whose baseline year
// has no published figure, is an error naming its line of site.toml.
func Track(goals []config.Goal, res *compute.Result, district string, headline int) ([]Progress, error) {
	if len(goals) == 0 {
		return nil, nil
	}
	if len(res.Years) == 0 {
		return nil, errors.New("goals: the data has no school year, so no goal can be tracked")
	}
	if !slices.Contains(res.Years, headline) {
		headline = res.Years[len(res.Years)-1]
	}
	var out []Progress
	var errs []error
	for _, g := range goals {
		p, err := track(g, res, district, headline)
		if err != nil {
			where := fmt.Sprintf("goal %q", g.ID)
			if g.Line > 0 {
				where = fmt.Sprintf("line %d: %s", g.Line, where)
			}
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}

func track(g config.Goal, res *compute.Result, district string, headline int) (Progress, error) {
	m, ok := metric.Lookup(metric.ID(g.Metric))
	if !ok {
		return Progress{}, fmt.Errorf("metric %q is not in the catalogue (docs/metrics.md)%s", g.Metric, suggest(g.Metric))
	}
	if m.Better == metric.Neutral {
		return Progress{}, fmt.Errorf("metric %q has no better direction (a count of students, a distribution, a change), so progress toward a target cannot be judged; choose a metric whose direction in docs/metrics.md is higher, lower or toward zero", m.ID)
	}
	if !slices.Contains(m.Groups, g.Group) {
		return Progress{}, fmt.Errorf("group %q: metric %q is published for %s", g.Group, m.ID, strings.Join(m.Groups, ", "))
	}
	p := Progress{Goal: g, Metric: m, Target: *g.Target}
	if err := p.entity(res, district); err != nil {
		return Progress{}, err
	}
	if err := p.checkCategory(res); err != nil {
		return Progress{}, err
	}
	if err := checkTarget(m, p.Target); err != nil {
		return Progress{}, err
	}
	base, ok := res.Lookup(p.EntityType, p.EntityCode, g.BaselineYear, m.ID, g.Group, g.Category)
	switch {
	case !ok && !slices.Contains(res.Years, g.BaselineYear):
		years := make([]string, len(res.Years))
		for i, y := range res.Years {
			years[i] = strconv.Itoa(y)
		}
		return Progress{}, fmt.Errorf("baseline_year %d: the site has no figures of that year; its years are %s (those of the data that site.toml's years keeps); choose one of them",
			g.BaselineYear, strings.Join(years, ", "))
	case !ok:
		return Progress{}, fmt.Errorf("baseline_year %d: %s has no %s figure for %s that year%s; choose a year whose figure is published",
			g.BaselineYear, p.EntityName, m.ID, g.Group, p.yearsWithFigure(res))
	case base.Suppressed:
		return Progress{}, fmt.Errorf("baseline_year %d: the %s figure of %s for %s that year is not published (suppressed: %s)%s; choose a year whose figure is published",
			g.BaselineYear, m.ID, p.EntityName, g.Group, base.SuppressedFor, p.yearsWithFigure(res))
	}
	p.Baseline = round(base.Value)
	lastData := res.Years[len(res.Years)-1]
	last := max(g.TargetYear, lastData)
	p.Year, p.Status = headline, NoData
	for y := g.BaselineYear; y <= last; y++ {
		if y <= lastData && !slices.Contains(res.Years, y) {
			continue // a past year the site does not publish (site.toml years)
		}
		pt := Point{Year: y, Expected: Expected(p.Baseline, p.Target, g.BaselineYear, g.TargetYear, y), Status: NoData}
		if f, ok := res.Lookup(p.EntityType, p.EntityCode, y, m.ID, g.Group, g.Category); ok {
			pt.Figure = &f
			if f.Suppressed {
				pt.Status = NotPublished
			} else {
				pt.Value, pt.HasValue = round(f.Value), true
				pt.Status = StatusOf(m.Better, pt.Value, pt.Expected, round(p.Target))
			}
		}
		if y == headline {
			p.Status = pt.Status
		}
		p.Years = append(p.Years, pt)
	}
	return p, nil
}

// entity finds the goal's district or school in the data.
func (p *Progress) entity(res *compute.Result, district string) error {
	g := p.Goal
	// A code written as schools.csv writes it is that one; only then is it compared as a
	// number (schools.csv may have both 02190010 and 2190010).
	if g.School != "" {
		d, s, ok := findSchool(res, func(code string) bool { return code == g.School })
		if !ok {
			d, s, ok = findSchool(res, func(code string) bool { return config.SameNumber(code, g.School) })
		}
		if ok {
			p.EntityType, p.EntityCode, p.EntityName, p.District = "school", s.Code, s.Name, d.Code
			return nil
		}
		var near []string
		for _, d := range res.Districts {
			for _, s := range d.Schools {
				near = append(near, s.Code)
			}
		}
		return fmt.Errorf("school %q is not a school_code of schools.csv (%s)", g.School, list(near))
	}
	want := g.District
	if want == "" {
		want = district
	}
	if want == "" {
		if len(res.Districts) != 1 {
			return fmt.Errorf(`the data has %d districts: say which one the goal is about with district = "<code>" (or set site.toml's district)`, len(res.Districts))
		}
		want = res.Districts[0].Code
	}
	i := slices.IndexFunc(res.Districts, func(d compute.District) bool { return d.Code == want || d.Name == want })
	if i < 0 {
		i = slices.IndexFunc(res.Districts, func(d compute.District) bool { return config.SameNumber(d.Code, want) })
	}
	if i >= 0 {
		d := &res.Districts[i]
		p.EntityType, p.EntityCode, p.EntityName, p.District = "district", d.Code, d.Name, d.Code
		return nil
	}
	var codes []string
	for _, d := range res.Districts {
		codes = append(codes, d.Code)
	}
	return fmt.Errorf("district %q is not a district_code or district_name of schools.csv (%s)", want, list(codes))
}

// findSchool returns the first school of the data whose code matches, and its district.
func findSchool(res *compute.Result, match func(code string) bool) (compute.District, compute.School, bool) {
	for _, d := range res.Districts {
		for _, s := range d.Schools {
			if match(s.Code) {
				return d, s, true
			}
		}
	}
	return compute.District{}, compute.School{}, false
}

// checkCategory checks the goal's category against the metric and the entity's figures.
func (p *Progress) checkCategory(res *compute.Result) error {
	m, c := p.Metric, p.Goal.Category
	switch {
	case m.Categories == nil && c != "":
		return fmt.Errorf("category %q: metric %q has no categories; leave category out", c, m.ID)
	case m.Categories == nil:
		return nil
	}
	var have []string
	for i := range res.Figures {
		f := &res.Figures[i]
		if f.Metric == m.ID && f.EntityType == p.EntityType && f.EntityCode == p.EntityCode &&
			f.Group == p.Goal.Group && !slices.Contains(have, f.Category) {
			have = append(have, f.Category)
		}
	}
	if c != "" && slices.Contains(have, c) {
		return nil
	}
	if len(have) == 0 {
		have = m.Categories.Values
	}
	if c == "" {
		return fmt.Errorf("metric %q has categories (%s): say which with category = \"...\"", m.ID, list(have))
	}
	return fmt.Errorf("category %q: %s has no %s figure in that category (%s)", c, p.EntityName, m.ID, list(have))
}

// checkTarget checks that a target is a value the metric can take.
func checkTarget(m metric.Metric, target float64) error {
	lo, hi, what := 0.0, 100.0, "a percentage (0-100)"
	switch m.Kind {
	case metric.Count:
		hi, what = math.MaxInt32, "a number of students (0 or more)"
	case metric.Points:
		lo, what = -100, "a difference in percentage points (-100 to 100)"
	case metric.Median:
		lo, hi, what = 1, 99, "a median percentile (1-99)"
	}
	if math.IsNaN(target) || target < lo || target > hi {
		return fmt.Errorf("target %s is not %s, which metric %q is", strconv.FormatFloat(target, 'f', -1, 64), what, m.ID)
	}
	return nil
}

// yearsWithFigure says in which years the goal's figure is published, for a message.
func (p *Progress) yearsWithFigure(res *compute.Result) string {
	var years []string
	for _, y := range res.Years {
		if f, ok := res.Lookup(p.EntityType, p.EntityCode, y, p.Metric.ID, p.Goal.Group, p.Goal.Category); ok && !f.Suppressed {
			years = append(years, strconv.Itoa(y))
		}
	}
	if len(years) == 0 {
		return " (no year of the data has it published)"
	}
	return " (published in " + strings.Join(years, ", ") + ")"
}

// suggest returns ` (did you mean "x"?)` for the catalogue metric closest to a misspelled one.
func suggest(id string) string {
	best, bestD := "", 4
	for _, m := range metric.Catalogue() {
		if d := textcheck.Distance(id, string(m.ID)); d < bestD {
			best, bestD = string(m.ID), d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// list names up to ten values for a message.
func list(values []string) string {
	values = slices.Clone(values)
	slices.SortFunc(values, cmp.Compare)
	values = slices.Compact(values)
	if len(values) > 10 {
		return strings.Join(values[:10], ", ") + fmt.Sprintf(" and %d more", len(values)-10)
	}
	return strings.Join(values, ", ")
}

// CSVHeader is the header of data/goals.csv.
var CSVHeader = []string{"goal", "entity_type", "entity_code", "metric", "group", "category",
	"baseline_year", "baseline", "target_year", "target", "year", "value", "expected", "status"}

// CSVRows returns the goal's rows of data/goals.csv: one per year of Years. value is blank
// unless the figure is published; numbers are rounded to one decimal, as the status compares
// them.
func (p *Progress) CSVRows() [][]string {
	num := func(v float64) string { return strconv.FormatFloat(round(v), 'f', -1, 64) }
	rows := make([][]string, 0, len(p.Years))
	for _, pt := range p.Years {
		value := ""
		if pt.HasValue {
			value = num(pt.Value)
		}
		rows = append(rows, []string{p.Goal.ID, p.EntityType, p.EntityCode, string(p.Metric.ID), p.Goal.Group, p.Goal.Category,
			strconv.Itoa(p.Goal.BaselineYear), num(p.Baseline), strconv.Itoa(p.Goal.TargetYear), num(p.Target),
			strconv.Itoa(pt.Year), value, num(pt.Expected), string(pt.Status)})
	}
	return rows
}
