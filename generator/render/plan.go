package render

// This file holds the plan of a build: the jobs (one page in one language), the list of them
// for a language, and the building of a job's page model.

import (
	"fmt"
	"sync"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/metric"
)

// job is one page to render in one language.
type job struct {
	lang config.Language
	kind string
	path string
	// csvDir is the folder of the page's downloads; writeCSV is set for one language (the
	// default) and the page's own address, so that each download is written once.
	csvDir   string
	writeCSV bool
	district *compute.District
	school   *compute.School
	topic    metric.Topic // topic pages
	slug     string       // guide pages
	site     bool         // data page: with the site-wide parts
	// listed is set on a page whose downloads its district's data page lists, which records
	// them there; listing, on that data page, holds them (see listing).
	listed  *listing
	listing *listing
}

// listing collects what a district's pages in one language offer for download, as each page
// is built, for the district's data page, which would otherwise build every page's tables a
// second time. The data page comes after the district's home, topic and school pages in the
// jobs, so nearly all of them have recorded theirs when it is built; it builds the tables of
// any other (one another worker is still building) itself, which lists the same downloads,
// rather than wait.
type listing struct {
	mu    sync.Mutex
	pages map[string]listedPage // by the page's path
}

// listedPage is a page's title and its downloads: each table shown, by its path and caption.
type listedPage struct {
	title string
	files []Link // Href is the download's path from the site root
}

// record keeps what page pb offers for download.
func (l *listing) record(path string, pb *pageBuilder) {
	lp := listedPageOf(pb)
	l.mu.Lock()
	l.pages[path] = lp
	l.mu.Unlock()
}

// listedPageOf returns the title and downloads of the page pb has built.
func listedPageOf(pb *pageBuilder) listedPage {
	lp := listedPage{title: pb.page.Title}
	for _, t := range pb.tables {
		if len(t.figs) == 0 && t.rows == nil {
			continue // not shown, so not offered
		}
		lp.files = append(lp.files, Link{Href: t.csvPath, Text: t.Caption})
	}
	return lp
}

// jobs lists the pages of one language.
func (r *run) jobs(lang config.Language) []job {
	sc, code := r.scheme, lang.Code
	canonical := code == r.cfg.DefaultLanguage
	var jobs []job
	if sc.multi {
		jobs = append(jobs,
			job{lang: lang, kind: "districts", path: sc.districtList(code), csvDir: "data/", writeCSV: canonical},
			job{lang: lang, kind: "data", path: sc.siteData(code), csvDir: "data/", writeCSV: canonical, site: true})
		if f := sc.featured; f != nil {
			jobs = append(jobs, job{lang: lang, kind: "home", path: sc.siteHome(code), district: f,
				csvDir: sc.districtData(f.Code) + "home/"})
		} else {
			jobs = append(jobs, job{lang: lang, kind: "districts", path: sc.siteHome(code), csvDir: "data/"})
		}
	}
	for i := range r.ix.result.Districts {
		d := &r.ix.result.Districts[i]
		dataDir := sc.districtData(d.Code)
		l := &listing{pages: make(map[string]listedPage)}
		jobs = append(jobs, job{lang: lang, kind: "home", path: sc.home(code, d.Code), district: d,
			csvDir: dataDir + "home/", writeCSV: canonical, listed: l})
		for _, t := range topics {
			jobs = append(jobs, job{lang: lang, kind: "topic", path: sc.topic(code, d.Code, t.Slug()), district: d,
				topic: t, csvDir: dataDir + t.Slug() + "/", writeCSV: canonical, listed: l})
		}
		for j := range d.Schools {
			s := &d.Schools[j]
			jobs = append(jobs, job{lang: lang, kind: "school", path: sc.school(code, d.Code, s.Code), district: d,
				school: s, csvDir: dataDir + "schools/" + pathSegment(s.Code) + "/", writeCSV: canonical, listed: l})
		}
		// The data page of a one-district site is also the site's.
		jobs = append(jobs, job{lang: lang, kind: "data", path: sc.data(code, d.Code), district: d,
			csvDir: "data/", writeCSV: canonical, site: !sc.multi, listing: l})
		if len(r.goals.of(d.Code)) > 0 {
			jobs = append(jobs, job{lang: lang, kind: "plan", path: sc.plan(code, d.Code), district: d,
				csvDir: dataDir + "plan/", writeCSV: canonical})
		}
		jobs = append(jobs, job{lang: lang, kind: "guides", path: sc.guides(code, d.Code), district: d})
		for _, slug := range r.guides.slugs {
			jobs = append(jobs, job{lang: lang, kind: "guide", path: sc.guide(code, d.Code, slug), district: d, slug: slug})
		}
	}
	if r.glossaries[code].g != nil {
		j := job{lang: lang, kind: "glossary", path: sc.glossary(code)}
		if !sc.multi {
			j.district = &r.ix.result.Districts[0]
		}
		jobs = append(jobs, j)
	}
	return jobs
}

// build builds a job's page model.
func (r *run) build(j job) (*pageBuilder, error) {
	pb := newPageBuilder(r, j.lang, j.path, j.csvDir)
	pb.page.Home = pb.href(r.scheme.siteHome(j.lang.Code))
	if j.district != nil {
		pb.inDistrict(j.district)
		pb.page.DataHref = pb.href(r.scheme.data(j.lang.Code, j.district.Code))
	} else {
		pb.page.DataHref = pb.href(r.scheme.siteData(j.lang.Code))
	}
	if page := pb.glossaryPage(); page != "" {
		pb.page.GlossaryHref = pb.href(page)
	}
	switch j.kind {
	case "home":
		pb.buildHome(j.district, r.scheme.home(j.lang.Code, j.district.Code))
	case "topic":
		pb.buildTopic(j.district, j.topic)
	case "school":
		pb.buildSchool(j.district, j.school)
	case "districts":
		pb.buildDistricts(r.scheme.districtList(j.lang.Code))
	case "data":
		pb.listing = j.listing
		pb.buildData(j.district, j.site, j.path)
	case "guides":
		if err := pb.buildGuides(j.district); err != nil {
			return nil, err
		}
	case "guide":
		if err := pb.buildGuide(j.district, j.slug); err != nil {
			return nil, err
		}
	case "plan":
		if err := pb.buildPlan(j.district); err != nil {
			return nil, err
		}
	case "glossary":
		pb.buildGlossary(j.district)
	default:
		return nil, fmt.Errorf("render: unknown page kind %q", j.kind)
	}
	for _, s := range pb.page.Sections {
		if len(s.Blocks) == 0 && s.Intro == "" {
			s.Intro = pb.t("section.empty")
		}
	}
	pb.linkTerms()
	for _, t := range pb.tables {
		t.finish()
	}
	return pb, nil
}
