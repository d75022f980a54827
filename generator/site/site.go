// Package site runs a build: it reads site.toml, loads and validates the inputs, computes the
// figures, renders the pages and swaps the finished site into place. Each stage's failure is
// reported with the stage's name; a failed build leaves the previous site untouched.
package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"elreport/content"
	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/goal"
	"elreport/generator/load"
	"elreport/generator/public"
	"elreport/generator/render"
	"elreport/templates"
)

// Options says which site to build and where.
type Options struct {
	// Config is the path of site.toml; inputs, templates/ and content/ overrides are relative
	// to its folder.
	Config string
	// Out is the folder the site is written to; empty means "public" beside site.toml.
	Out string
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Output, when set, receives the site's files instead of the output folder: Out is
	// ignored, nothing is written to disk and no folder is checked, locked or swapped.
	// elreport serve builds into a Memory this way.
	Output render.Output
	// Cache, when set, keeps the loaded inputs and computed figures for the next build with
	// the same Cache, which reuses them if only content/ or templates/ changed (see Cache).
	Cache *Cache
	// Stage, when set, is called as each stage of the build ends, with the stage's name:
	// "load" (reading and aggregating the inputs), "compute" (the figures, their suppression
	// and its audit), "prepare" (goals, public data), "render" (pages, charts and downloads,
	// written to the staging folder as they are made) and "swap". elreport build --profile
	// times the stages and takes a heap profile at each with it.
	Stage func(name string)
}

// Summary is what a build did.
type Summary struct {
	Out                      string
	Pages, Downloads, Charts int
	Files                    int
	Bytes                    int64
	Rows                     int // rows accepted by the load
	Rejected                 int
	Figures                  int
	Elapsed                  time.Duration
	// Writing is the time the rendering spent handing files to the output (the staging
	// folder's writes), added up over its writers: with several, it can exceed the wall time
	// of rendering.
	Writing time.Duration
	// Auditing is the part of computing spent in the privacy audit: the suppression loop's
	// audits and the final one (wall time; the audit runs on every core).
	Auditing time.Duration
	// Suppression and Audit describe the suppression and the final audit (compute.Result's).
	Suppression compute.SuppressionStats
	Audit       compute.AuditStats
	// MissingTranslations lists, per language, the interface strings that fell back to the
	// default language.
	MissingTranslations map[string][]string
	// Coverage says, for each home language of the EL students, which guides exist in it.
	Coverage []render.Coverage
	// Warnings are risky settings the build went ahead with (see Warnings).
	Warnings []string
}

// add records what Render did.
func (sum *Summary) add(stats render.Stats) {
	sum.Pages, sum.Downloads, sum.Charts = stats.Pages, stats.Downloads, stats.Charts
	sum.Writing = stats.Writing
	sum.MissingTranslations = stats.Missing
	sum.Coverage = stats.Coverage
	sum.Warnings = append(sum.Warnings, stats.Warnings...)
}

// project is a site.toml and the file systems around it.
type project struct {
	cfg *config.Config
	// configName is site.toml's path as the user gave it, for messages.
	configName string
	dir        string // folder of site.toml, OS path
	fsys       fs.FS  // rooted at dir
	// dataDir is the data folder, OS path: [data] dir, which may be outside dir; data is the
	// file system the loader reads it through.
	dataDir   string
	data      fs.FS
	templates fs.FS
	content   fs.FS
	// stage is Options.Stage, or does nothing.
	stage func(name string)
}

func open(configPath string) (*project, error) {
	abs, err := filepath.Abs(configPath)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(abs)
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys, filepath.Base(abs))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("config: %s not found (run elreport in the folder of site.toml, or pass --config)", configPath)
		}
		return nil, fmt.Errorf("config: %s: %w", configPath, unwrapPath(err))
	}
	p := &project{cfg: cfg, configName: configPath, dir: dir, fsys: fsys, dataDir: cfg.DataFolder(dir), stage: func(string) {}}
	// The data folder may be anywhere ([data] dir = "../exports"); take its links and ".."
	// as the system does, for the refusals of CheckOutput to compare it.
	if r, err := filepath.EvalSymlinks(p.dataDir); err == nil {
		p.dataDir = r
	}
	p.data = load.DataFS(p.dataDir)
	p.templates = Overlay(subIfDir(fsys, "templates"), templates.FS)
	p.content = Overlay(subIfDir(fsys, "content"), content.FS)
	return p, nil
}

// readPublic reads DESE's public report exports of [public_data], each with what site.toml
// says of it, and refuses a [public_data.files] entry without a file and a comparison district
// that no export has.
func (p *project) readPublic(logf func(string, ...any)) ([]public.File, error) {
	folder := p.cfg.PublicFolder(p.dir)
	if folder == "" {
		return nil, nil
	}
	hints := map[string]public.Hint{}
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(p.cfg.PublicData.Files)) {
		f := p.cfg.PublicData.Files[name]
		if _, err := os.Stat(filepath.Join(folder, name)); err != nil {
			errs = append(errs, fmt.Errorf("%s: [public_data.files] names %q, which is not a file of %s", p.configName, name, p.cfg.PublicData.Dir))
		}
		hints[name] = public.Hint{Kind: public.Kind(f.Report), Year: f.Year, Group: f.Group}
	}
	files, err := public.ReadDir(os.DirFS(folder), ".", hints)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("public data: %w", err)
	}
	// Districts of the exports, and one figure per key: two files giving the same figure
	// differently (an edited copy, two grade spans of one MCAS year) must not be settled by
	// which file's name sorts last.
	districts := map[string]bool{}
	type key struct {
		metric               string
		group, category, org string
		year                 int
	}
	seen := map[key]*public.Figure{}
	pairs := map[[2]string]bool{}
	for _, f := range files {
		for _, o := range f.Orgs {
			if o.Level == public.LevelDistrict {
				districts[o.Code] = true
			}
		}
		for i := range f.Figures {
			fig := &f.Figures[i]
			k := key{string(fig.Metric), fig.Group, fig.Category, fig.OrgCode, fig.Year}
			if other, ok := seen[k]; ok && (other.Value != fig.Value || other.Suppressed != fig.Suppressed) {
				if pair := [2]string{other.Source.File, fig.Source.File}; !pairs[pair] {
					pairs[pair] = true
					what := strings.TrimSpace(fmt.Sprintf("%s %s %s", fig.Metric, fig.Group, fig.Category))
					errs = append(errs, fmt.Errorf("%s and %s give different figures for the same organisation, group and year (e.g. %s of %s in %d: %g and %g); keep one of them in %s",
						other.Source.File, fig.Source.File, what, fig.OrgName, fig.Year, other.Value, fig.Value, p.cfg.PublicData.Dir))
				}
				continue
			}
			seen[k] = fig
		}
	}
	for _, c := range p.cfg.PublicData.CompareDistricts.Codes {
		if !districts[config.PadCode(c)] {
			errs = append(errs, fmt.Errorf("%s: [public_data] compare_districts: %q is a district of none of the exports of %s", p.configName, c, p.cfg.PublicData.Dir))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("public data: %w", err)
	}
	logf("read %d public reports from %s", len(files), p.cfg.PublicData.Dir)
	return files, nil
}

// compareDistricts returns, per district of the data, the codes of the districts compared
// with it: site.toml's list, or with compare_districts = "auto" each district's comparable
// districts in the latest selected populations export (public.Comparable). On a site of one
// district, a district the method cannot place is an error; on a site of several, that district
// is compared with the state alone, and a warning says so.
func (p *project) compareDistricts(reports []public.File, res *compute.Result, logf func(string, ...any)) (map[string][]string, []string, error) {
	list := p.cfg.PublicData.CompareDistricts
	out := map[string][]string{}
	if !list.Auto {
		for _, d := range res.Districts {
			out[d.Code] = list.Codes
		}
		return out, nil, nil
	}
	var pops *public.File
	for i := range reports {
		if f := &reports[i]; f.Kind == public.SelectedPops && f.Level == public.LevelDistrict && (pops == nil || f.Year > pops.Year) {
			pops = f
		}
	}
	if pops == nil {
		return nil, nil, fmt.Errorf("public data: %s: compare_districts = \"auto\" finds comparable districts in DESE's Enrollment by Selected Population export (district level), and %s has none", p.configName, p.cfg.PublicData.Dir)
	}
	populations := public.Populations(*pops)
	// The grade spans, from the latest district-level Enrollment By Grade export: without one,
	// districts of every grade span are candidates.
	var grades *public.File
	for i := range reports {
		if f := &reports[i]; f.Kind == public.EnrollmentGrades && f.Level == public.LevelDistrict && (grades == nil || f.Year > grades.Year) {
			grades = f
		}
	}
	var enrollments map[string]public.Enrollment
	spans := fmt.Sprintf("no Enrollment By Grade export in %s, so districts of every grade span are compared", p.cfg.PublicData.Dir)
	if grades != nil {
		enrollments = public.Enrollments(*grades)
		spans = fmt.Sprintf("grade spans of %s, %d", grades.Name, grades.Year)
	}
	var errs []error
	var unplaced []string // the warnings of a site of several districts
	for _, d := range res.Districts {
		code := config.PadCode(d.Code)
		codes, err := public.Comparable(populations, enrollments, code, public.ComparableCount)
		if err != nil {
			errs = append(errs, fmt.Errorf("district %s: %w", d.Code, err))
			unplaced = append(unplaced, fmt.Sprintf("compare_districts = \"auto\" (%s): %v, so %s is compared with the state alone", pops.Name, err, d.Name))
			continue
		}
		out[d.Code] = codes
		group := ""
		if enrollments != nil {
			group = fmt.Sprintf(", %s districts", enrollments[code].Span())
		}
		found := strings.Join(codes, ", ")
		if len(codes) == 0 {
			found = "none"
		}
		logf("comparable districts of %s (%s, %d; %s%s): %s", d.Code, pops.Name, pops.Year, spans, group, found)
	}
	if len(errs) == 0 {
		return out, nil, nil
	}
	if len(res.Districts) == 1 {
		// The one district's error names it already ("district 01810000 is not in …").
		return nil, nil, fmt.Errorf("public data: %s: compare_districts = \"auto\" (%s): %w; list the districts to compare with instead (compare_districts = [\"<code>\", …]), or add a selected populations export that has it", p.configName, pops.Name, errors.Unwrap(errs[0]))
	}
	// A site of several districts (a state's, from statewide exports of different years) goes
	// ahead: the districts the exports place are compared with theirs.
	const shown = 5
	if len(unplaced) > shown {
		more := len(unplaced) - shown
		unplaced = append(unplaced[:shown], fmt.Sprintf("compare_districts = \"auto\" (%s): %d more districts cannot be placed either and are compared with the state alone", pops.Name, more))
	}
	return out, unplaced, nil
}

// prefixLines puts prefix before each line of text.
func prefixLines(prefix, text string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}

// unwrapPath drops the file name that config.Load (or the file system) put before a config
// error, since open names the file as the user gave it.
func unwrapPath(err error) error {
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}

func subIfDir(fsys fs.FS, dir string) fs.FS {
	info, err := fs.Stat(fsys, dir)
	if err != nil || !info.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}

// Check loads and validates every input and computes the figures without writing anything,
// and returns the ledger. It runs every check a build runs before it writes (the figures'
// suppression and the refusals of publishable, the translations, templates and guides), so a
// passing check means a build that does not stop on its inputs. The error is non-nil when the
// inputs could not be read or are not fit to publish.
//
// What check reports of the figures is of a few districts: the guides are checked with one,
// the goals are of some. So by default it computes, suppresses and audits the figures of those
// districts alone (reportedDistricts), which on a site of a single district is all of them;
// a district's figures are the same computed alone or with the others. The one thing this
// leaves to the build is the final audit of the other districts (a failure there is a defect
// of the suppression: none is known). opts.AllDistricts computes every district's, as build
// does.
func Check(ctx context.Context, configPath string, opts CheckOptions) (*CheckResult, error) {
	p, err := open(configPath)
	if err != nil {
		return nil, err
	}
	res := &CheckResult{Config: p.cfg, Warnings: Warnings(p.cfg)}
	ov, err := p.siteOverrides()
	if err != nil {
		return res, err
	}
	res.Warnings = append(res.Warnings, ov.warnings...)
	pr, err := p.prepareFor(ctx, io.Discard, !opts.AllDistricts)
	res.Report = pr.report
	res.Public = publicLines(p.cfg, pr)
	if pr.report != nil {
		res.Warnings = append(res.Warnings, loadWarnings(pr.report)...)
	}
	res.Warnings = append(res.Warnings, pr.warnings...)
	var rejects rejectsError
	if errors.As(err, &rejects) {
		return res, rejects.err // check prints every error itself
	}
	if err != nil {
		return res, err
	}
	if res.MissingTranslations, err = p.checkTranslations(); err != nil {
		return res, err
	}
	guideWarnings, err := render.Validate(pr.site)
	res.Warnings = append(res.Warnings, guideWarnings...)
	if err != nil {
		return res, fmt.Errorf("render: %w", err)
	}
	return res, nil
}

// CheckOptions are check's settings.
type CheckOptions struct {
	// AllDistricts computes, suppresses and audits the figures of every district, as build
	// does, not only those check reports on.
	AllDistricts bool
}

// CheckResult is what Check found.
type CheckResult struct {
	Config *config.Config
	// Report is the load's ledger; nil when the load did not run.
	Report *load.Report
	// Warnings are problems that do not stop a build: risky settings, inputs worth a look,
	// raw HTML left out of guides. Each is a line to print after "warning: ".
	Warnings []string
	// MissingTranslations lists, per language, the interface strings that would fall back to
	// the default language (at most MaxMissingStrings each); nil when the check stopped before.
	MissingTranslations map[string][]string
	// Public says, in lines to print, which of DESE's public reports were read (each with its
	// report, year, group and notes) and, on a site built from them alone, what they give of
	// the district; nil without [public_data] or when the check stopped before.
	Public []string
}

// loadWarnings returns the load's warnings as lines.
func loadWarnings(r *load.Report) []string {
	out := make([]string, len(r.Warnings))
	for i, w := range r.Warnings {
		out[i] = w.String()
	}
	return out
}

// rejectsError is a load whose rejected rows make the inputs unfit to publish.
type rejectsError struct{ err error }

func (e rejectsError) Error() string { return e.err.Error() }

// prepared is a build up to rendering: the inputs loaded, the figures computed and checked.
type prepared struct {
	report *load.Report
	result *compute.Result
	// warnings are the preparation's problems that do not stop a build, each a line to
	// print after "warning: " (the load's are in report).
	warnings []string
	// site is what render needs.
	site render.Site
}

// prepare loads the inputs, computes the figures and refuses a site that is not fit to
// publish (see publishable). The report is set whenever the load ran.
func (p *project) prepare(ctx context.Context, logw io.Writer) (*prepared, error) {
	return p.prepareFor(ctx, logw, false)
}

// prepareFor is prepare; with reported set, it computes the figures of the districts check
// reports on alone (see reportedDistricts), unless none of them is published.
func (p *project) prepareFor(ctx context.Context, logw io.Writer, reported bool) (*prepared, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }
	pr := &prepared{}
	if p.cfg.PublicOnly() {
		return pr, p.preparePublic(pr, logw)
	}
	logf("loading %s", p.cfg.DataPath())
	agg := compute.New(compute.OptionsFrom(p.cfg))
	report, err := load.LoadWith(ctx, p.fsys, p.cfg, agg, load.Options{Data: p.data})
	pr.report = report
	if err != nil {
		return pr, fmt.Errorf("load: %w", err)
	}
	rows := 0
	for _, f := range report.Files {
		rows += f.Accepted
	}
	logf("loaded %d rows, %d rejected", rows, report.Rejected())
	p.stage("load")
	if err := report.Err(); err != nil {
		return pr, rejectsError{err}
	}
	if reported {
		// Suppression and the audit never cross districts: a district's figures are the same
		// computed alone. "Nothing to publish" is about every district's, so it is decided
		// on all of them when the reported ones have no figure published.
		if codes := reportedDistricts(p.cfg, agg.Districts()); codes != nil {
			pr.result = agg.ResultOf(codes)
			if !slices.ContainsFunc(pr.result.Figures, func(f compute.Figure) bool { return !f.Suppressed }) {
				pr.result = nil
			}
		}
	}
	if pr.result == nil {
		pr.result = agg.Result()
	}
	p.stage("compute")
	if err := pr.result.AuditErr; err != nil {
		return pr, fmt.Errorf("compute: %w (nothing published)", err)
	}
	districts := "districts"
	if len(pr.result.Districts) == 1 {
		districts = "district"
	}
	logf("computed %d figures for %d %s, years %v", len(pr.result.Figures), len(pr.result.Districts), districts, pr.result.Years)
	if err := publishable(p.cfg, report, pr.result); err != nil {
		return pr, err
	}
	headline := headlineYear(report, pr.result.Years)
	if headline != pr.result.Years[len(pr.result.Years)-1] {
		// The home languages are of the year the pages lead with.
		pr.result.HomeLanguages = agg.HomeLanguages(headline)
		pr.result.PublishedLanguages = compute.PublishLanguages(pr.result.HomeLanguages, p.cfg.MinN)
	}
	goals, err := goal.Track(p.cfg.Goals, pr.result, p.cfg.District.One, headline)
	if err != nil {
		return pr, fmt.Errorf("goals: %s", prefixLines(p.configName+": ", err.Error()))
	}
	reports, err := p.readPublic(logf)
	if err != nil {
		return pr, err
	}
	compare, warnings, err := p.compareDistricts(reports, pr.result, logf)
	if err != nil {
		return pr, err
	}
	pr.warnings = append(pr.warnings, warnings...)
	p.stage("prepare")
	pr.site = render.Site{
		Goals:   goals,
		Public:  reports,
		Compare: compare,
		Config:  p.cfg, ConfigName: p.configName,
		Result:    pr.result,
		Report:    report,
		Headline:  headline,
		Templates: p.templates,
		Content:   p.content,
		Log:       logw,
	}
	return pr, nil
}

// Build builds the site.
func Build(ctx context.Context, opts Options) (Summary, error) {
	start := time.Now()
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}

	p, err := open(opts.Config)
	if err != nil {
		return Summary{}, err
	}
	if opts.Stage != nil {
		p.stage = opts.Stage
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(p.dir, "public")
	}
	sum := Summary{Out: out, Warnings: Warnings(p.cfg)}
	if opts.Output != nil {
		sum.Out = ""
	} else if err := CheckOutput(opts); err != nil {
		// Refuse an output folder that is not elreport's before reading anything, naming
		// which of the project's folders it is; the staging folder checks again under the lock.
		return sum, err
	}
	// Say which of the site's own templates, assets, translations, guides and glossaries are
	// in effect, and which copies of built-in files elreport has changed since.
	ov, err := p.siteOverrides()
	if err != nil {
		return sum, err
	}
	for _, line := range ov.used {
		fmt.Fprintln(logw, line)
	}
	sum.Warnings = append(sum.Warnings, ov.warnings...)

	pr, err := opts.Cache.prepare(ctx, p, logw)
	if pr != nil && pr.report != nil {
		for _, f := range pr.report.Files {
			sum.Rows += f.Accepted
		}
		sum.Rejected = pr.report.Rejected()
		sum.Warnings = append(sum.Warnings, loadWarnings(pr.report)...)
	}
	if pr != nil {
		sum.Warnings = append(sum.Warnings, pr.warnings...)
	}
	var rejects rejectsError
	if errors.As(err, &rejects) {
		return sum, fmt.Errorf("load: %w (run elreport check for every error)", rejects.err)
	}
	if err != nil {
		return sum, err
	}
	sum.Figures = len(pr.result.Figures)
	sum.Auditing = pr.result.Suppression.AuditTime + pr.result.Audit.Duration
	sum.Suppression, sum.Audit = pr.result.Suppression, pr.result.Audit
	if _, err := p.checkTranslations(); err != nil {
		return sum, err
	}

	if opts.Output != nil {
		stats, err := render.Render(ctx, pr.site, opts.Output)
		if err != nil {
			return sum, fmt.Errorf("render: %w", err)
		}
		sum.add(stats)
		p.stage("render")
		sum.Elapsed = time.Since(start)
		return sum, ctx.Err()
	}
	stage, err := newStagingDir(ctx, out, logw)
	if err != nil {
		return sum, fmt.Errorf("write: %w", err)
	}
	stats, err := render.Render(ctx, pr.site, stage)
	if err != nil {
		stage.discard()
		return sum, fmt.Errorf("render: %w", err)
	}
	sum.add(stats)
	sum.Files, sum.Bytes = stage.files, stage.bytes
	p.stage("render")
	if err := ctx.Err(); err != nil {
		stage.discard()
		return sum, err
	}
	if err := stage.commit(out); err != nil {
		stage.discard()
		return sum, fmt.Errorf("write: %w", err)
	}
	p.stage("swap")
	sum.Elapsed = time.Since(start)
	return sum, nil
}
