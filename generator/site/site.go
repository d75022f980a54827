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
	"os"
	"path/filepath"
	"time"

	"elreport/content"
	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/load"
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
	// MissingTranslations lists, per language, the interface strings that fell back to the
	// default language.
	MissingTranslations map[string][]string
	// Coverage says, for each home language of the EL students, which guides exist in it.
	Coverage []render.Coverage
}

// project is a site.toml and the file systems around it.
type project struct {
	cfg       *config.Config
	dir       string // folder of site.toml, OS path
	fsys      fs.FS  // rooted at dir
	templates fs.FS
	content   fs.FS
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
	p := &project{cfg: cfg, dir: dir, fsys: fsys}
	p.templates = Overlay(subIfDir(fsys, "templates"), templates.FS)
	p.content = Overlay(subIfDir(fsys, "content"), content.FS)
	return p, nil
}

// unwrapPath drops the file-system prefix of a config error that already names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
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

// Check loads and validates every input without building, and returns the ledger. The error is
// non-nil when the inputs could not be read or are not fit to publish.
func Check(ctx context.Context, configPath string) (*config.Config, *load.Report, error) {
	p, err := open(configPath)
	if err != nil {
		return nil, nil, err
	}
	report, err := load.Load(ctx, p.fsys, p.cfg, load.Discard)
	if err != nil {
		return p.cfg, report, fmt.Errorf("load: %w", err)
	}
	return p.cfg, report, report.Err()
}

// Build builds the site.
func Build(ctx context.Context, opts Options) (Summary, error) {
	start := time.Now()
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }

	p, err := open(opts.Config)
	if err != nil {
		return Summary{}, err
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(p.dir, "public")
	}
	sum := Summary{Out: out}

	logf("loading %s", filepath.Join(p.cfg.Dir, p.cfg.Data.Dir))
	agg := compute.New(compute.OptionsFrom(p.cfg))
	report, err := load.Load(ctx, p.fsys, p.cfg, agg)
	if err != nil {
		return sum, fmt.Errorf("load: %w", err)
	}
	for _, f := range report.Files {
		sum.Rows += f.Accepted
	}
	sum.Rejected = report.Rejected()
	logf("loaded %d rows, %d rejected", sum.Rows, sum.Rejected)
	if err := report.Err(); err != nil {
		return sum, fmt.Errorf("load: %w (run elreport check for every error)", err)
	}

	result := agg.Result()
	sum.Figures = len(result.Figures)
	logf("computed %d figures for %d districts, years %v", sum.Figures, len(result.Districts), result.Years)

	stage, err := newStagingDir(out)
	if err != nil {
		return sum, fmt.Errorf("write: %w", err)
	}
	stats, err := render.Render(ctx, render.Site{
		Config:    p.cfg,
		Result:    result,
		Report:    report,
		Templates: p.templates,
		Content:   p.content,
		Log:       logw,
	}, stage)
	if err != nil {
		stage.discard()
		return sum, fmt.Errorf("render: %w", err)
	}
	sum.Pages, sum.Downloads, sum.Charts = stats.Pages, stats.Downloads, stats.Charts
	sum.MissingTranslations = stats.Missing
	sum.Coverage = stats.Coverage
	sum.Files, sum.Bytes = stage.files, stage.bytes
	if err := ctx.Err(); err != nil {
		stage.discard()
		return sum, err
	}
	if err := stage.commit(out); err != nil {
		stage.discard()
		return sum, fmt.Errorf("write: %w", err)
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}
