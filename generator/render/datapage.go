package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/load"
	"elreport/generator/metric"
)

// buildData builds a data page: the downloads of district d (nil for the site-wide page of a
// site with several districts), and, when site is set, the site-wide parts: every figure, the
// data-quality ledger and translation coverage.
func (pb *pageBuilder) buildData(d *compute.District, site bool, canonical string) {
	r, sc, lang := pb.run, pb.run.scheme, pb.lang.Code
	p := pb.page
	p.Kind = "data"
	p.Title = pb.t("data.title")
	if d != nil {
		if sc.multi {
			p.Title = pb.t("data.title_in", "district", pb.districtName(d))
		}
		pb.districtNav(d, canonical)
		pb.districtCrumbs(d, Link{Text: pb.t("nav.data")})
	} else {
		pb.siteNav(canonical)
		p.Crumbs = []Link{{Href: pb.href(sc.districtList(lang)), Text: pb.t("nav.districts")}, {Text: pb.t("nav.data")}}
	}
	p.Intro = pb.t("data.intro")
	data := &DataPage{
		Suppression: pb.sentences(pb.t("data.suppression", "n", pb.loc.Int(r.cfg.MinN)), pb.t("data.complementary")),
	}
	if r.site.PublicOnly {
		// DESE hid its small groups; the site hides nothing more.
		data.Suppression = pb.t("data.suppression")
	}
	p.Data = data
	if site {
		data.Downloads = append(data.Downloads, DownloadGroup{Title: pb.t("data.all.title"), Files: []Link{
			{Href: pb.href("data/metrics.csv"), Text: pb.t("data.all.metrics")},
		}})
		if sc.multi {
			// The list of districts' title: on a site from public reports alone its measures
			// are of different years (publicListBlock), so it names none.
			text := pb.latestTitle("districts.table")
			if r.site.PublicOnly {
				text = pb.t("public_districts.table")
			}
			data.Downloads[0].Files = append(data.Downloads[0].Files,
				Link{Href: pb.href("data/districts.csv"), Text: text})
		}
		if len(r.goals.all) > 0 {
			data.Downloads[0].Files = append(data.Downloads[0].Files,
				Link{Href: pb.href("data/goals.csv"), Text: pb.t("data.all.goals")})
		}
	}
	if d != nil {
		data.Downloads = append(data.Downloads, pb.districtDownloads(d)...)
	}
	if site && sc.multi {
		for i := range r.ix.result.Districts {
			dd := &r.ix.result.Districts[i]
			data.Districts = append(data.Districts, Link{Href: pb.href(sc.data(lang, dd.Code)), Text: pb.districtName(dd)})
		}
	}
	if d != nil && sc.multi {
		p.Links = []Link{{Href: pb.href(sc.siteData(lang)), Text: pb.t("data.site_link")}}
	}
	data.Definitions = pb.definitions()
	if site {
		data.Quality = pb.qualitySection()
		data.Coverage = pb.coverageSection()
		for _, sec := range []*Section{data.Quality, data.Coverage} {
			for _, b := range sec.Blocks {
				data.Downloads[0].Files = append(data.Downloads[0].Files, Link{Href: b.Table.CSV, Text: b.Table.Caption})
			}
		}
	}
}

// districtDownloads lists the downloads of every page of a district: those its pages recorded
// as they were built (pb.listing), or, for a page that has not (yet), those of its tables built
// here without charts, which are the same.
func (pb *pageBuilder) districtDownloads(d *compute.District) []DownloadGroup {
	r, sc, lang := pb.run, pb.run.scheme, pb.lang.Code
	var groups []DownloadGroup
	add := func(path, csvDir string, build func(*pageBuilder)) {
		var lp listedPage
		recorded := false
		if pb.listing != nil {
			pb.listing.mu.Lock()
			lp, recorded = pb.listing.pages[path]
			pb.listing.mu.Unlock()
		}
		if !recorded {
			sub := newPageBuilder(r, pb.lang, path, csvDir)
			sub.inDistrict(d)
			sub.catalog = true
			build(sub)
			lp = listedPageOf(sub)
		}
		g := DownloadGroup{Title: lp.title, Href: pb.href(path)}
		for _, f := range lp.files {
			g.Files = append(g.Files, Link{Href: pb.href(f.Href), Text: f.Text})
		}
		if len(g.Files) > 0 {
			groups = append(groups, g)
		}
	}
	dataDir := sc.districtData(d.Code)
	add(sc.home(lang, d.Code), dataDir+"home/", func(b *pageBuilder) { b.buildHome(d, sc.home(lang, d.Code)) })
	for _, t := range topics {
		add(sc.topic(lang, d.Code, t.Slug()), dataDir+t.Slug()+"/", func(b *pageBuilder) { b.buildTopic(d, t) })
	}
	for i := range d.Schools {
		s := &d.Schools[i]
		add(sc.school(lang, d.Code, s.Code), dataDir+"schools/"+pathSegment(s.Code)+"/", func(b *pageBuilder) { b.buildSchool(d, s) })
	}
	if len(r.goals.of(d.Code)) > 0 {
		add(sc.plan(lang, d.Code), dataDir+"plan/", func(b *pageBuilder) { _ = b.buildPlan(d) })
	}
	return groups
}

// definitions returns the plain-language definitions of the groups and the metrics.
func (pb *pageBuilder) definitions() []DefinitionGroup {
	out := []DefinitionGroup{{Title: pb.t("data.groups")}}
	for _, g := range groups {
		out[0].Terms = append(out[0].Terms, Definition{ID: "group-" + g, Term: pb.t("group." + g + ".name"),
			Text: pb.t("group." + g + ".definition")})
	}
	for _, topic := range topics {
		group := DefinitionGroup{Title: pb.t("topic." + string(topic) + ".title")}
		defined := map[string]bool{} // the gap metrics share one definition
		for _, m := range metric.OfTopic(topic) {
			if defined[m.DefinitionKey] {
				continue
			}
			defined[m.DefinitionKey] = true
			group.Terms = append(group.Terms, Definition{ID: definitionID(m),
				Term: pb.t(m.NameKey), Text: pb.t(m.DefinitionKey,
					pb.thresholdArgs("level", pb.loc.Number(pb.run.cfg.ProficientLevel, 1),
						"exit_overall", pb.loc.Number(4.2, 1), "exit_literacy", pb.loc.Number(3.9, 1))...)})
		}
		out = append(out, group)
	}
	return out
}

// definitionID is the id of a metric's definition on the data page: "metric-making-progress",
// and "metric-gap" for every gap.
func definitionID(m metric.Metric) string {
	term := strings.TrimSuffix(strings.TrimPrefix(m.DefinitionKey, "metric."), ".definition")
	return "metric-" + strings.ReplaceAll(term, "_", "-")
}

// qualitySection shows the load's ledger: rows rejected per file, and the reasons for rejecting
// rows. Row-level details (lines, values) stay out: they could identify a student. So do the rows
// read and accepted: a file's accepted rows are the sum of published denominators (access.csv's
// are the tested ELs of every district and year), so they would give away a suppressed one by
// subtraction.
func (pb *pageBuilder) qualitySection() *Section {
	report := pb.run.site.Report
	sec := &Section{ID: "quality", Title: pb.t("data.quality.title")}
	if report == nil {
		sec.Intro = pb.t("data.quality.none")
		return sec
	}
	sec.Intro = pb.t("data.quality.intro", "n", pb.loc.Int(report.AllowRejects))
	files := pb.newTable("data-quality", pb.t("data.quality.files"), pb.t("data.quality.file"),
		pb.t("data.quality.rejected"), pb.t("data.quality.problem"))
	files.rows = [][]string{{"input", "path", "rejected", "problem"}}
	reasons := pb.newTable("data-quality-reasons", pb.t("data.quality.reasons"), pb.t("data.quality.file"),
		pb.t("data.quality.reason"), pb.t("data.quality.rows"))
	reasons.rows = [][]string{{"input", "path", "reason", "rows"}}
	// One row per input, its files together: an input read from a file per year (or per
	// school) would otherwise publish its rejects per year, finer than the district's.
	for _, in := range qualityInputs(report) {
		files.Rows = append(files.Rows, Row{Head: in.name, Cells: []Cell{
			pb.intCell(in.rejected), {Text: in.problem},
		}})
		files.rows = append(files.rows, []string{in.input, in.name, strconv.Itoa(in.rejected), in.problem})
		for _, rc := range in.reasons {
			reasons.Rows = append(reasons.Rows, Row{Head: in.name, Cells: []Cell{
				{Text: rc.Reason}, pb.intCell(rc.Rows),
			}})
			reasons.rows = append(reasons.rows, []string{in.input, in.name, rc.Reason, strconv.Itoa(rc.Rows)})
		}
	}
	sec.addBlocks(block("data-quality", files.Caption, "", nil, files))
	if len(reasons.Rows) > 0 {
		sec.addBlocks(block("data-quality-reasons", reasons.Caption, "", nil, reasons))
	} else {
		pb.dropTable(reasons)
	}
	return sec
}

// qualityInput is the data-quality record of an input: its files' names (within the data
// folder, never where that folder is), rejected rows, problems and reasons added up.
type qualityInput struct {
	input, name, problem string
	rejected             int
	reasons              []load.ReasonCount
}

// qualityInputs adds up the file reports of each input, in the report's order.
func qualityInputs(report *load.Report) []qualityInput {
	var out []qualityInput
	for _, f := range report.Files {
		if len(out) == 0 || out[len(out)-1].input != f.Input {
			out = append(out, qualityInput{input: f.Input})
		}
		in := &out[len(out)-1]
		name := f.PublicName()
		if in.name == "" {
			in.name = name
		} else {
			in.name += ", " + name
		}
		if f.Err != nil {
			in.problem = strings.TrimPrefix(in.problem+"; "+f.PublicProblem(), "; ")
		}
		in.rejected += f.Rejected
		for _, rc := range f.Reasons {
			i := slices.IndexFunc(in.reasons, func(r load.ReasonCount) bool { return r.Reason == rc.Reason })
			if i < 0 {
				in.reasons = append(in.reasons, rc)
			} else {
				in.reasons[i].Rows += rc.Rows
			}
		}
	}
	for i := range out {
		slices.SortStableFunc(out[i].reasons, func(a, b load.ReasonCount) int {
			return cmp.Or(cmp.Compare(b.Rows, a.Rows), strings.Compare(a.Reason, b.Reason))
		})
	}
	return out
}

// dropTable forgets a table that is not shown, so that it gets no download.
func (pb *pageBuilder) dropTable(t *Table) {
	for i, x := range pb.tables {
		if x == t {
			pb.tables = append(pb.tables[:i], pb.tables[i+1:]...)
			return
		}
	}
}

// coverageSection shows the EL students by home language and, for each, the site language that
// serves them and how many guides exist in it. Counts below min_n are not shown.
func (pb *pageBuilder) coverageSection() *Section {
	r := pb.run
	sec := &Section{ID: "coverage", Title: pb.t("data.coverage.title"), Intro: pb.t("data.coverage.intro")}
	t := pb.newTable("home-languages", pb.t("data.coverage.table"), pb.t("data.coverage.language"),
		pb.t("data.coverage.students"), pb.t("data.coverage.site_language"), pb.t("data.coverage.guides"))
	t.rows = [][]string{{"home_language", "el_students", "suppressed", "site_language", "guides"}}
	for _, hl := range r.ix.result.PublishedLanguages {
		count := pb.intCell(hl.ELStudents)
		csvCount, suppressed := strconv.Itoa(hl.ELStudents), "false"
		if hl.Suppressed {
			count = Cell{Text: t.SupMark, Sup: true, Num: true}
			t.SupNote = t.SupMark + " " + t.SupText
			csvCount, suppressed = "", "true"
		}
		siteLang, guides := Cell{Text: "–", None: true}, Cell{Text: "–", None: true, Num: true}
		csvLang, csvGuides := "", ""
		if l, ok := r.siteLanguageOf(hl); ok {
			n := r.guides.count(l.Code)
			siteLang = Cell{Text: l.Name}
			guides = pb.intCell(n)
			csvLang, csvGuides = l.Code, strconv.Itoa(n)
		}
		t.Rows = append(t.Rows, Row{Head: hl.Language, Cells: []Cell{count, siteLang, guides}})
		t.rows = append(t.rows, []string{hl.Language, csvCount, suppressed, csvLang, csvGuides})
	}
	if len(t.Rows) == 0 {
		pb.dropTable(t)
		sec.Intro = pb.t("data.coverage.none")
		return sec
	}
	sec.addBlocks(block("home-languages", t.Caption, "", nil, t))
	return sec
}

// count returns the number of guides written in a language.
func (gs *guideSet) count(lang string) int {
	n := 0
	for _, slug := range gs.slugs {
		if _, ok := gs.files[slug][lang]; ok {
			n++
		}
	}
	return n
}

// matchLanguage finds the site language serving a home language given as a name ("Spanish",
// "Español") or a code ("es", "pt-BR"): same code, same name, or same base language.
func matchLanguage(home string, langs []config.Language) (config.Language, bool) {
	h := strings.ToLower(strings.TrimSpace(home))
	if h == "" {
		return config.Language{}, false
	}
	homeTag, tagErr := language.Parse(h)
	for _, l := range langs {
		if strings.ToLower(l.Code) == h || strings.ToLower(l.Name) == h {
			return l, true
		}
	}
	for _, l := range langs {
		tag, err := language.Parse(l.Code)
		if err != nil {
			continue
		}
		base, _ := tag.Base()
		if strings.ToLower(display.English.Languages().Name(language.Make(base.String()))) == h ||
			strings.ToLower(display.English.Tags().Name(tag)) == h {
			return l, true
		}
		if tagErr == nil {
			if hb, _ := homeTag.Base(); hb == base {
				return l, true
			}
		}
	}
	return config.Language{}, false
}
