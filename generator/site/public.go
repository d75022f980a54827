package site

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/goal"
	"elreport/generator/render"
)

// preparePublic prepares a site built from DESE's public reports alone ([data] dir = ""): no
// district files are read; the figures are those the reports give of the districts site.toml
// names (one, a list, or every district of the exports) and of their schools, as DESE
// published them (compute.FromPublic), beside the state's and the comparison districts' as on
// any site.
func (p *project) preparePublic(pr *prepared, logw io.Writer) error {
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }
	codes := p.cfg.District.PublicCodes()
	switch {
	case codes == nil:
		logf("no data folder ([data] dir is empty): building every district of DESE's public reports")
	case len(codes) == 1:
		written := p.cfg.District.One // or a list of one
		if p.cfg.District.Listed {
			written = p.cfg.District.List[0]
		}
		logf("no data folder ([data] dir is empty): building district %s from DESE's public reports alone", written)
	default:
		logf("no data folder ([data] dir is empty): building districts %s from DESE's public reports alone", strings.Join(p.cfg.District.List, ", "))
	}
	reports, err := p.readPublic(logf)
	if err != nil {
		return err
	}
	res, err := compute.FromPublic(codes, reports, p.cfg.Years)
	if err != nil {
		msg := " " + err.Error()
		if strings.Contains(msg, "\n") {
			msg = "\n" + prefixLines("  ", err.Error()) // a line per code
		}
		return fmt.Errorf("public data: %s: district = %s, in the reports of %s:%s", p.configName, p.cfg.District, p.cfg.PublicData.Dir, msg)
	}
	if err := figuresOfEach(res, p.cfg); err != nil {
		return err
	}
	schools := 0
	for _, d := range res.Districts {
		schools += len(d.Schools)
	}
	if len(res.Districts) == 1 {
		d := res.Districts[0]
		logf("took %d figures of %s %q and %d %s from the public reports, years %v", len(res.Figures), d.Code, d.Name, schools, plural(schools, "school", "schools"), res.Years)
	} else {
		logf("took %d figures of %d districts and %d %s from the public reports, years %v", len(res.Figures), len(res.Districts), schools, plural(schools, "school", "schools"), res.Years)
	}
	pr.result = res
	headline := res.Years[len(res.Years)-1]
	goals, err := trackPublicGoals(p.cfg.Goals, res, p.cfg.District.One, headline)
	if err != nil {
		return fmt.Errorf("goals: %s", prefixLines(p.configName+": ", err.Error()))
	}
	compare, warnings, err := p.compareDistricts(reports, res, logf)
	if err != nil {
		return err
	}
	pr.warnings = append(pr.warnings, warnings...)
	pr.site = render.Site{
		Goals:      goals,
		Public:     reports,
		Compare:    compare,
		PublicOnly: true,
		Config:     p.cfg, ConfigName: p.configName,
		Result:    res,
		Headline:  headline,
		Templates: p.templates,
		Content:   p.content,
		Log:       logw,
	}
	return nil
}

// figuresOfEach refuses a site from public reports alone with a district of which the reports
// give no figure the site can show: its pages would be empty. (compute.FromPublic leaves such
// districts out of a site of every district.)
func figuresOfEach(res *compute.Result, cfg *config.Config) error {
	count := map[string]int{}
	for i := range res.Figures {
		count[res.Figures[i].District]++
	}
	var empty []string
	for _, d := range res.Districts {
		if count[d.Code] == 0 {
			empty = append(empty, fmt.Sprintf("%s %q", d.Code, d.Name))
		}
	}
	switch {
	case len(res.Districts) == 0:
		return fmt.Errorf("public data: the reports of %s give no figure of any district the site can show (years %v of site.toml included)", cfg.PublicData.Dir, cfg.Years)
	case len(empty) > 0:
		return fmt.Errorf("public data: the reports of %s give no figure of %s the site can show (years %v of site.toml included)", cfg.PublicData.Dir, strings.Join(empty, ", "), cfg.Years)
	}
	return nil
}

// trackPublicGoals tracks the goals of a site from public reports alone (goal.Track). On a site
// of several districts each district's pages are those of a site of that district alone, with
// its own years and headline year (render's view), so each goal is tracked again in the years
// of its district's figures, at its district's latest year, as on that site.
func trackPublicGoals(goals []config.Goal, res *compute.Result, district string, headline int) ([]goal.Progress, error) {
	out, err := goal.Track(goals, res, district, headline)
	if err != nil || len(res.Districts) < 2 {
		return out, err
	}
	years := map[string][]int{}
	for i := range res.Figures {
		f := &res.Figures[i]
		if !slices.Contains(years[f.District], f.Year) {
			years[f.District] = append(years[f.District], f.Year)
		}
	}
	for i, p := range out {
		own := *res // the same figures, in the district's years
		own.Years = slices.Sorted(slices.Values(years[p.District]))
		if len(own.Years) == 0 {
			continue
		}
		again, err := goal.Track([]config.Goal{p.Goal}, &own, district, own.Years[len(own.Years)-1])
		if err != nil {
			return nil, err
		}
		out[i] = again[0]
	}
	return out, nil
}

// plural returns one when n is 1, else other.
func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// publicLines says which public reports a check read and what they are, and on a site built
// from them alone what they give of its district (see CheckResult.Public).
func publicLines(cfg *config.Config, pr *prepared) []string {
	files := pr.site.Public
	if len(files) == 0 {
		return nil
	}
	lines := []string{fmt.Sprintf("public reports read from %s:", cfg.PublicData.Dir)}
	for _, f := range files {
		group := f.GroupName
		if f.Group != "" && f.Group != f.GroupName {
			group += " (" + f.Group + ")"
		}
		lines = append(lines, fmt.Sprintf("  %s: %s, %d, %s, %s level, %d figures", f.Name, f.Kind.Report(), f.Year, group, f.Level, len(f.Figures)))
		for _, n := range f.Notes {
			lines = append(lines, "    note: "+n)
		}
	}
	if pr.site.PublicOnly && pr.result != nil {
		years := make([]string, len(pr.result.Years))
		for i, y := range pr.result.Years {
			years[i] = strconv.Itoa(y)
		}
		schools := 0
		for _, d := range pr.result.Districts {
			schools += len(d.Schools)
		}
		if ds := pr.result.Districts; len(ds) == 1 {
			lines = append(lines, fmt.Sprintf("the site is built from them alone: %d figures of %s %q and of %d schools, years %s",
				len(pr.result.Figures), ds[0].Code, ds[0].Name, schools, strings.Join(years, ", ")))
		} else {
			lines = append(lines, fmt.Sprintf("the site is built from them alone: %d figures of %d districts and of %d schools, years %s",
				len(pr.result.Figures), len(ds), schools, strings.Join(years, ", ")))
			for _, d := range ds {
				n := 0
				for i := range pr.result.Figures {
					if pr.result.Figures[i].District == d.Code {
						n++
					}
				}
				lines = append(lines, fmt.Sprintf("  %s %q: %d figures, %d schools", d.Code, d.Name, n, len(d.Schools)))
			}
		}
	}
	return lines
}
