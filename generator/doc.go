// Package generator is the home of elreport's pipeline; its subpackages are the stages, and
// this comment is the contract of a site: what the generator reads, and what it writes.
//
// # Stages
//
// Data flows one way through one package per stage, with no state shared between them:
//
//	config   site.toml -> config.Config (unknown keys and wrong types are errors)
//	load     CSV files -> typed, validated rows (record), streamed to a Sink, with a ledger
//	         (load.Report) of every row read, accepted or rejected and why
//	compute  rows -> compute.Result: every metric for the district and each school, year and
//	         group, then small-group and complementary suppression; pure, no I/O
//	render   Result + templates + content -> pages, charts and CSV downloads, per language
//	site     runs the stages in order and swaps the finished site in place atomically
//
// public reads DESE's public report exports into figures of the same catalogue, to compare
// with (docs/public-data.md). sample writes synthetic inputs (elreport gen); guide renders
// parent guides; i18n holds translation bundles and number formats.
//
// # Inputs
//
// A site is a folder holding site.toml. Paths in it are relative to that folder:
//
//	site.toml          settings (config.Config documents every key)
//	data/*.csv         the eight exports of docs/data-contract.md (schools, students, access,
//	                   ewis, courses, mcas, cohort, plans); [data] dir, files and columns
//	                   say where they are and how their columns are named
//	templates/         optional: files that override the embedded templates by name (the
//	                   build lists them, and warns of a copy whose "elreport: copied from
//	                   <sha256>" marker names an older built-in file); static/custom.css is
//	                   the site's own CSS, linked after style.css on every page
//	<logo file>        optional: [theme] logo, a PNG, SVG (without scripts or outside
//	                   references), JPEG or WebP image of at most 512 KB (see package theme)
//	content/i18n/      optional: <code>.toml interface strings per language, merged key by
//	                   key over the embedded file of the language (see package i18n)
//	content/guides/    optional: <slug>.<code>.md parent guides
//
// schools.csv and students.csv are required; a missing other file leaves its topic without
// figures. A row is either accepted or rejected with a reason naming file, line, column and
// value; a build with more rejected rows than [data] allow_rejects fails.
//
// Guides begin with TOML front matter between "+++" lines (title, summary) and may quote live
// figures with {{< figure "district" "making_progress" "EL" >}} (or "school:<code>", and an
// optional category); see package guide.
//
// # Output
//
// For each language code L of site.toml, with one district (or site.toml's district key naming one):
//
//	index.html                      chooses a language (follows the browser where JS runs)
//	L/index.html                    the district home page
//	L/benchmarks.html, L/dropout-risk.html, L/gaps.html, L/post-graduation.html
//	L/schools/<school code>.html    a school's four topics
//	L/data.html                     downloads, definitions, suppression rule, data quality
//	L/guides/index.html, L/guides/<slug>.html
//	data/metrics.csv                every published figure (columns in docs/metrics.md)
//	data/.../<table>.csv            each table's figures, exactly as shown
//	404.html, sitemap.xml, static/  (stylesheet, scripts, pinned ECharts; theme.css with
//	                                [theme] colours, logo.<ext> with a [theme] logo)
//
// With several districts the district pages move under L/districts/<code>/ and L/index.html
// lists the districts. Every link is relative, so the site works from any sub-path and from
// file://; nothing is loaded from another host. The same inputs give byte-identical output.
//
// # Privacy
//
// Rows carry no student id past the load stage. A figure whose denominator is below min_n is
// suppressed, and further figures are suppressed until no hidden figure can be derived from
// published ones (package compute documents the rule). Pages, charts and downloads are made
// from the same suppressed figures.
package generator
