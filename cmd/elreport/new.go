package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"elreport/generator/config"
	"elreport/generator/sample"
)

// runNew writes a new site folder: DIR/site (site.toml, every setting written out with its
// default and a comment) beside DIR/exports (the data folder, outside the site's folder, so
// student records stay out of what is published or versioned), with the sample data or, with
// --empty, the eight input files as headers only, and a README of the next steps.
func runNew(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	empty := fs.Bool("empty", false, "write the eight input files with their headers only, instead of the sample data")
	title := fs.String("title", "English Learner Outcomes Report", "the site's `title`")
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if dir == "" {
		return usageError{"new", errors.New("new: give the folder to create: elreport new DIR")}
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("new: %s already exists and is not empty; choose a new folder", dir)
	}
	siteDir, exportsDir := filepath.Join(dir, "site"), filepath.Join(dir, "exports")
	for _, d := range []string{siteDir, exportsDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("new: %w", err)
		}
	}
	files := map[string]string{
		filepath.Join(siteDir, "site.toml"): newSiteTOML(*title),
		filepath.Join(dir, ".gitignore"):    "# Student records never go into version control, nor does the built site.\nexports/\nsite/public/\n",
		filepath.Join(dir, "README.md"):     newReadme(*empty),
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return fmt.Errorf("new: %w", err)
		}
	}
	if *empty {
		for _, input := range config.Inputs {
			var names []string
			for _, c := range config.Columns[input] {
				names = append(names, c.Name)
			}
			if err := os.WriteFile(filepath.Join(exportsDir, input+".csv"), []byte(strings.Join(names, ",")+"\n"), 0o644); err != nil {
				return fmt.Errorf("new: %w", err)
			}
		}
	} else if _, err := sample.Generate(ctx, exportsDir, sample.Options{}); err != nil {
		return fmt.Errorf("new: %w", err)
	}
	what := "the sample district's data"
	if *empty {
		what = "the eight input files, headers only"
	}
	fmt.Fprintf(stdout, "created %s:\n  %s\tsite.toml, the site's settings\n  %s\t%s (outside the site's folder)\n  %s\tnext steps\nnext: cd %s && elreport build\n",
		dir, siteDir, exportsDir, what, filepath.Join(dir, "README.md"), siteDir)
	return nil
}

// newSiteTOML is the site.toml of a new site: every setting, with its default, and what it
// does; the data folder is ../exports.
func newSiteTOML(title string) string {
	return `# site.toml: the settings of an elreport site (docs/site-toml.md). Paths are relative to
# this file. Every key is optional; an unknown key is an error, so a typo cannot silently change
# the site. The lines starting with # are the defaults: remove the # to change one.

title = ` + fmt.Sprintf("%q", title) + `

# With several districts in schools.csv: the district_code (or district_name) whose pages are
# the site's home. It selects; it does not name (see [theme]).
# district = "01490000"

# The school years to publish (spring year: 2025 = 2024-25); leave out to publish all.
# years = [2023, 2024, 2025]

# Privacy: a figure about fewer students than min_n is not published (docs/privacy.md).
# min_n = 10

# The ACCESS overall level counted as proficient (DESE: 4.2).
# proficient_level = 4.2

# Gaps wider than this many percentage points are flagged.
# gap_threshold = 10.0

# Changes since the year before smaller than this many points are "about the same".
# change_threshold = 1.0

# The language strings and guides fall back to.
# default_language = "en"

# The public address of the site, for sitemap.xml and 404.html only; pages link relatively.
# base_url = "https://www.example.org/el-report/"

# Printed on every page as the build date; leave out for byte-identical builds.
# timestamp = "2025-10-01"

[data]
# The exports, outside this folder so that student records are never published or versioned
# with the site.
dir = "../exports"
# encoding = "auto"           # detected per file; or "utf-8", "windows-1252", or a table per input
# allow_rejects = 0           # rows a build may leave out (the data page lists them)
# access_format = "standard"  # "dese": DESE's ACCESS for ELLs student data file, unedited
# access_school = "testing"   # with access_format = "dese": "responsible" counts results in sprp_sch
# mcas_format = "standard"    # "dese": DESE's MCAS student data file, unedited
# students_format = "standard" # "sims": a SIMS export (the year in the file name: SIMS_FY25.csv)

# Files not named <input>.csv: a file, or a list of files and patterns, e.g.
# [data.files]
# access = "dese/ACCESS_*.csv"

# A district's own column names, e.g.:
# [data.columns.students]
# el_status = "EL Status"

# A district's own values, e.g.:
# [data.values.students]
# el_status = { "LEP" = "EL", "Monitored" = "FormerEL" }

# How the site presents the district: its name, a logo beside this file (PNG, SVG, JPEG or
# WebP, at most 512 KB), and colours, which must keep text readable (WCAG AA, 4.5:1). A
# district's own CSS goes in templates/static/custom.css.
# [theme]
# district_name = "Riverbend Public Schools"
# logo = "logo.svg"
# [theme.colors]
# accent = "#0b57a4"    # links, buttons, the focus ring
# header = "#f2f5f9"    # the header's and footer's background

# Each language: its code, its name in itself, the text direction, optionally the number
# conventions to use (a BCP 47 tag), the site's title and the district's name in it. The
# built-in translations: en, es, pt-BR, ht, kea, vi, zh-Hans, ar.
[[languages]]
code = "en"
name = "English"
dir = "ltr"

# [[languages]]
# code = "es"
# name = "Español"
# title = "Informe de resultados de los estudiantes de inglés"
# dir = "ltr"

# The improvement plan (docs/goals.md): each goal a target for one published figure, with its
# words in content/goals/<id>.<lang>.md beside this file (required in the default language).
# [[goals]]
# id = "el-graduation-gap"
# metric = "graduation_rate_gap"   # a metric of docs/metrics.md that has a better direction
# group = "EL"
# school = "01490005"              # a school's goal; the district's when left out
# baseline_year = 2023             # its figure must be published
# target = -5.0
# target_year = 2027
`
}

// newReadme is the README of a new site: the folders and the next steps.
func newReadme(empty bool) string {
	data := "`exports/` holds a synthetic sample district, so the site builds as it is."
	if empty {
		data = "`exports/` holds the eight input files with their headers only: put your exports there (or point `[data] dir` in `site/site.toml` at them). Until they have rows, `check` and `build` say there is nothing to publish."
	}
	return `# An elreport site

- ` + "`site/`" + `: the site's settings (` + "`site.toml`" + `), and later your own guides (` + "`content/`" + `) and
  template overrides (` + "`templates/`" + `). This is the folder to version and to build from.
- ` + "`exports/`" + `: the data. It is outside ` + "`site/`" + ` so that student records never go into the
  published site or its version control (` + "`.gitignore`" + ` leaves them out). ` + data + `

Next steps:

1. ` + "`cd site`" + `, then ` + "`elreport check`" + `: what was read, accepted and rejected, per file.
2. ` + "`elreport build`" + `: the site in ` + "`site/public/`" + `; open ` + "`public/index.html`" + `, or copy ` + "`public/`" + ` to
   any static host.
3. Your own exports: see "Your own exports in 15 minutes" (docs/own-exports.md in elreport's
   repository); every setting is in ` + "`site.toml`" + `, with its default.
`
}
