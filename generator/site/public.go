package site

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/goal"
	"elreport/generator/render"
)

// preparePublic prepares a site built from DESE's public reports alone ([data] dir = ""): no
// district files are read; the figures are those the reports give of the district site.toml
// names and of its schools, as DESE published them (compute.FromPublic), beside the state's
// and the comparison districts' as on any site.
func (p *project) preparePublic(pr *prepared, logw io.Writer) error {
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }
	logf("no data folder ([data] dir is empty): building district %s from DESE's public reports alone", p.cfg.District)
	reports, err := p.readPublic(logf)
	if err != nil {
		return err
	}
	res, err := compute.FromPublic(p.cfg.District, reports, p.cfg.Years)
	if err != nil {
		return fmt.Errorf("public data: %s: district = %q: %w of %s", p.configName, p.cfg.District, err, p.cfg.PublicData.Dir)
	}
	d := res.Districts[0]
	if len(res.Figures) == 0 {
		return fmt.Errorf("public data: the reports of %s give no figure of %s %q the site can show (years %v of site.toml included)", p.cfg.PublicData.Dir, d.Code, d.Name, p.cfg.Years)
	}
	schools := "schools"
	if len(d.Schools) == 1 {
		schools = "school"
	}
	logf("took %d figures of %s %q and %d %s from the public reports, years %v", len(res.Figures), d.Code, d.Name, len(d.Schools), schools, res.Years)
	pr.result = res
	headline := res.Years[len(res.Years)-1]
	goals, err := goal.Track(p.cfg.Goals, res, p.cfg.District, headline)
	if err != nil {
		return fmt.Errorf("goals: %s", prefixLines(p.configName+": ", err.Error()))
	}
	compare, err := p.compareDistricts(reports, res, logf)
	if err != nil {
		return err
	}
	pr.site = render.Site{
		Goals:      goals,
		Public:     reports,
		Compare:    compare,
		PublicOnly: true,
		Config:     p.cfg,
		Result:     res,
		Headline:   headline,
		Templates:  p.templates,
		Content:    p.content,
		Log:        logw,
	}
	return nil
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
		d := pr.result.Districts[0]
		years := make([]string, len(pr.result.Years))
		for i, y := range pr.result.Years {
			years[i] = strconv.Itoa(y)
		}
		lines = append(lines, fmt.Sprintf("the site is built from them alone: %d figures of %s %q and of %d schools, years %s",
			len(pr.result.Figures), d.Code, d.Name, len(d.Schools), strings.Join(years, ", ")))
	}
	return lines
}
