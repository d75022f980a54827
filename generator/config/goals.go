package config

import (
	"fmt"
	"regexp"
	"strings"
)

// Goal is one goal of the district's improvement plan: a [[goals]] entry of site.toml, tied
// to one published figure. Config checks what it can alone (the keys are there, the id is a
// file name, the years are in order); generator/goal checks the rest against the metric
// catalogue and the data, naming Line.
type Goal struct {
	// ID names the goal: its words are content/goals/<id>.<lang>.md, its place on the plan
	// page is #<id>. Lower-case letters, digits and "-".
	ID string `toml:"id"`
	// Metric, Group and Category name the figure (a metric of the catalogue; a group it is
	// published for; a category where the metric has them).
	Metric   string `toml:"metric"`
	Group    string `toml:"group"`
	Category string `toml:"category"`
	// District and School name the entity: the site's one district when both are left out, a
	// school of it with School, another district of the data with District.
	District string `toml:"district"`
	School   string `toml:"school"`
	// BaselineYear is the year the goal starts from (its figure must be published);
	// TargetYear the year Target is to be reached.
	BaselineYear int      `toml:"baseline_year"`
	Target       *float64 `toml:"target"`
	TargetYear   int      `toml:"target_year"`

	// Line is the line of the goal's [[goals]] header in site.toml (0 when not known).
	Line int `toml:"-"`
}

// goalID is what a goal id may be: it becomes a file name and a page anchor.
var goalID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// maxGoalID is the longest goal id.
const maxGoalID = 64

// validateGoals checks the [[goals]] entries and sets their lines; text is site.toml.
func (c *Config) validateGoals(text string, bad func(format string, args ...any)) {
	seen := map[string]int{}
	for i := range c.Goals {
		g := &c.Goals[i]
		g.Line = arrayTableLine(text, "goals", i)
		where := fmt.Sprintf("goals[%d]", i)
		if g.ID != "" {
			where = fmt.Sprintf("goal %q", g.ID)
		}
		if g.Line > 0 {
			where = fmt.Sprintf("line %d: %s", g.Line, where)
		}
		problem := func(format string, args ...any) { bad("%s: "+format, append([]any{where}, args...)...) }
		switch {
		case g.ID == "":
			problem(`key "id" is missing: name the goal (e.g. id = "el-graduation-gap"); its words are content/goals/<id>.<lang>.md`)
		case len(g.ID) > maxGoalID || !goalID.MatchString(g.ID):
			problem(`key "id": %q is not an id: lower-case letters, digits and single "-" between them, at most %d characters (it names the file content/goals/<id>.<lang>.md)`, g.ID, maxGoalID)
		default:
			if first, ok := seen[g.ID]; ok {
				if line := c.Goals[first].Line; line > 0 {
					problem("the id is already that of the goal on line %d; each goal needs its own", line)
				} else {
					problem("the id is already that of goal %d of site.toml; each goal needs its own", first+1)
				}
			}
			seen[g.ID] = i
		}
		if g.Metric == "" {
			problem(`key "metric" is missing: name the figure the goal tracks (a metric of docs/metrics.md)`)
		}
		if g.Group == "" {
			problem(`key "group" is missing: EL, FormerEL, NonEL or All`)
		}
		if g.District != "" && g.School != "" {
			problem(`give "school" or "district", not both: a school names its district`)
		}
		switch {
		case g.BaselineYear == 0:
			problem(`key "baseline_year" is missing: the school year the goal starts from (its figure must be published)`)
		case g.BaselineYear < minYear || g.BaselineYear > maxYear:
			problem(`key "baseline_year": %d is not a school year (the spring year, %d to %d)`, g.BaselineYear, minYear, maxYear)
		}
		switch {
		case g.TargetYear == 0:
			problem(`key "target_year" is missing: the school year the target is to be reached`)
		case g.TargetYear < minYear || g.TargetYear > maxYear:
			problem(`key "target_year": %d is not a school year (the spring year, %d to %d)`, g.TargetYear, minYear, maxYear)
		case g.BaselineYear != 0 && g.TargetYear <= g.BaselineYear:
			problem(`key "target_year": %d is not after baseline_year %d`, g.TargetYear, g.BaselineYear)
		}
		if g.Target == nil {
			problem(`key "target" is missing: the value the figure is to reach by target_year`)
		}
	}
}

// arrayTableLine returns the line of the i-th (from 0) [[name]] header of text, or 0.
func arrayTableLine(text, name string, i int) int {
	n := 0
	for l, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "[[") {
			continue
		}
		header, _, _ := strings.Cut(line, "#")
		if strings.Join(keyParts(strings.Trim(strings.TrimSpace(header), "[] \t")), ".") != name {
			continue
		}
		if n == i {
			return l + 1
		}
		n++
	}
	return 0
}
