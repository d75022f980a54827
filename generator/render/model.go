package render

import (
	"bytes"
	"cmp"
	"html/template"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/i18n"
)

// Page is what a page template receives. Every text is already in the page's language and every
// address is relative to the page; templates add markup, not logic.
type Page struct {
	// Path is the page's address from the site root, e.g. "es/schools/0101.html".
	Path string
	// Kind names the page template: home, districts, topic, school, data, guides, guide, plan,
	// glossary.
	Kind string
	// Lang is the page's language; Langs offers every language, the current one marked.
	Lang  config.Language
	Langs []Link
	// Root is the relative address of the site root ("../../"; empty at the root).
	Root string
	// Static is the relative address of the static folder, ending in "/".
	Static string
	// Styles are the addresses of the stylesheets linked after style.css, in order:
	// static/theme.css when site.toml's [theme] sets colours, static/custom.css when the
	// site's templates/static/ has one. Empty for a site without either.
	Styles []string
	// Logo is the site's logo, shown beside SiteTitle; nil when site.toml's [theme] has none.
	Logo *Logo
	// Home is the address of the language's first page; DataHref the data page's;
	// GlossaryHref the glossary page's ("" when the site has no glossary).
	Home, DataHref, GlossaryHref string
	// SiteTitle is site.toml's title; Title is the page's h1 (and, with SiteTitle, its <title>).
	SiteTitle, Title string
	// TitleLang and TitleDir are set when the title is in another language than the page (a
	// guide not yet translated).
	TitleLang, TitleDir string
	// Intro is a paragraph under the h1; IntroHTML is Intro escaped, with the first use on the
	// page of each glossary term linked to the glossary (as are SummaryHTML, Section.IntroHTML
	// and Block.TextHTML).
	Intro     string
	IntroHTML template.HTML
	// Crumbs is the breadcrumb trail; the last crumb is the page itself (no Href).
	Crumbs []Link
	// Nav is the navigation of the district (or site) the page belongs to.
	Nav []Link
	// Summary holds the plain-language sentences written from the figures; SummaryHTML the
	// same with glossary links.
	Summary     []string
	SummaryHTML []template.HTML
	// Cards are the headline figures of a home page.
	Cards []Card
	// Sections are the parts of the page, each with blocks of a chart and its table.
	Sections []*Section
	// Links lists related pages (topic pages on a home page, guides on the guides index).
	Links []Link
	// Data is the data page's content (nil on other pages).
	Data *DataPage
	// Guide is a guide page's content (nil on other pages).
	Guide *GuideView
	// Glossary is the glossary page's content (nil on other pages).
	Glossary *GlossaryView
	// HasCharts says whether the page needs the chart scripts.
	HasCharts bool
	// Timestamp is site.toml's timestamp, shown in the footer when set.
	Timestamp string
	// Year is the latest school year of the data, formatted.
	Year string

	loc *i18n.Localizer
	// keys replaces some keys with others (publicOnlyKeys, on a site from public reports alone).
	keys map[string]string
}

// T translates key for templates; an unknown key stops the build with the template's name and
// line.
func (p *Page) T(key string, args ...string) (string, error) {
	return p.loc.Translate(cmp.Or(p.keys[key], key), args...)
}

// PrintStyle is the print stylesheet's rule that heads each printed sheet with the page's
// title and the site's: a CSS string escaped here, as html/template's cssEscaper would. In
// the template a title put at the start of a CSS string went through html/template's URL
// filter as well, which replaced any title with a colon ("Gaps: Riverside Public Schools")
// by "#ZgotmplZ".
func (p *Page) PrintStyle() template.CSS {
	return template.CSS(p.appendPrintStyle(make([]byte, 0, 64+len(p.Title)+len(p.SiteTitle))))
}

// appendPrintStyle appends PrintStyle's rule to b.
func (p *Page) appendPrintStyle(b []byte) []byte {
	b = append(b, `@page { @top-center { content: "`...)
	b = appendCSSString(b, p.Title)
	b = append(b, " – "...)
	b = appendCSSString(b, p.SiteTitle)
	return append(b, `"; } }`...)
}

// appendCSSString appends s escaped for a quoted CSS string (and for an HTML attribute or
// a <style> element around it), as html/template's cssEscaper does: control characters,
// quotes, the HTML specials and the characters that end a string, a rule or a comment as
// hexadecimal escapes, followed by a space where the next character would read as part of
// the escape.
func appendCSSString(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = `\0`
		case '\t':
			repl = `\9`
		case '\n':
			repl = `\a`
		case '\f':
			repl = `\c`
		case '\r':
			repl = `\d`
		case '"':
			repl = `\22`
		case '&':
			repl = `\26`
		case '\'':
			repl = `\27`
		case '(':
			repl = `\28`
		case ')':
			repl = `\29`
		case '+':
			repl = `\2b`
		case '/':
			repl = `\2f`
		case ':':
			repl = `\3a`
		case ';':
			repl = `\3b`
		case '<':
			repl = `\3c`
		case '>':
			repl = `\3e`
		case '\\':
			repl = `\\`
		case '{':
			repl = `\7b`
		case '}':
			repl = `\7d`
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, repl...)
		start = i + 1
		if repl != `\\` && (start == len(s) || isHexDigit(s[start]) || isCSSSpace(s[start])) {
			b = append(b, ' ')
		}
	}
	return append(b, s[start:]...)
}

// isCSSSpace is html/template's: the characters CSS reads as white space.
func isCSSSpace(c byte) bool {
	switch c {
	case '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// Link is an address and its text.
type Link struct {
	Href, Text string
	// Note is a line under the link (a summary, a language's name in English, ...).
	Note string
	// Lang and Dir are set when the text is in another language than the page.
	Lang, Dir string
	// Current marks the link to the page itself (aria-current).
	Current bool
}

// Card is one headline figure.
type Card struct {
	Label, Value string
	// Note compares the figure (with last year, or with students who were never ELs);
	// Compare, on a school's page, gives the district's figure.
	Note, Compare string
	// Suppressed marks a figure not shown to protect privacy; Value is then the mark.
	Suppressed bool
	// Href leads to the topic page with the details.
	Href string
}

// Section is a part of a page with a heading (h2) and blocks.
type Section struct {
	ID, Title, Intro string
	// IntroHTML is Intro with glossary links (see Page.IntroHTML).
	IntroHTML template.HTML
	// TitleLang and TitleDir are set when the title is in another language than the page (a
	// goal whose words are not yet translated).
	TitleLang, TitleDir string
	// Goal is a goal of the plan page (nil on other sections).
	Goal   *GoalView
	Blocks []*Block
	// Lacking lists the metrics of the section's subject the data lacks a column for, each
	// with the columns that would give it, under LackingIntro.
	LackingIntro string
	Lacking      []string
	// More leads to a page with more on the section's subject.
	More *Link

	// out is the page's output while its template runs, for sectionHTML (see writeBlocksTo).
	out *bytes.Buffer
}

// Block is one subject (h3) shown as a chart and the same figures as a table.
type Block struct {
	ID, Title, Text string
	// TextHTML is Text with glossary links (see Page.IntroHTML).
	TextHTML template.HTML
	Chart    *Chart
	Table    *Table
	// Sources names where figures not of the district's own data come from (DESE's public
	// reports), a line each under the table.
	Sources []string

	// out is the page's output while its template runs, for blockHTML (see writeBlocksTo).
	out *bytes.Buffer
}

// Chart is an ECharts chart. Option is its option as JSON, for a
// <script type="application/json"> element (its strings escaped so that none can end the
// element); static/charts.js draws it.
type Chart struct {
	ID string
	// Label describes the chart for assistive technology and says where its table is.
	Label  string
	Option template.JS
	// Bars is the number of bars of a horizontal bar chart (0 for other charts); the container
	// grows with it.
	Bars int
}

// Table is a data table with a caption, header cells and a CSV download of what it shows.
type Table struct {
	ID, Caption string
	// RowHead is the header of the first column (the rows' own headers).
	RowHead string
	Cols    []string
	Rows    []Row
	// CSV is the relative address of the table's download; CSVLabel its link text.
	CSV, CSVLabel string
	// SupMark, SupText and SupNote explain a suppressed cell: the mark, its text for screen
	// readers, and the note under the table (set only when a cell is suppressed).
	SupMark, SupText, SupNote string
	// Stack lays the table out as a card per row on a phone's screen (each value under its
	// column's name, from the cells' data-label), so that no column is out of sight; set on
	// tables of three or more columns of values.
	Stack bool
	// NoneText is the screen-reader text of a cell without a figure; NoneNote, under the
	// table, explains the mark of such cells ("–") and names the columns the data lacks for
	// the table's metrics (set only when a cell has no figure).
	NoneText, NoneNote string

	// compText is the screen-reader text of a cell hidden as a complement (SupText is that of
	// a cell hidden for size); set with the first such cell.
	compText string
	csvPath  string
	figs     []*compute.Figure
	// rows, when set, replaces the figures in the CSV (tables not made of figures).
	rows [][]string
}

// Row is a table row: a header cell (th scope=row), optionally a link, and data cells.
type Row struct {
	Head, Href string
	// Strong marks the row of the district among its schools.
	Strong bool
	// Lang and Dir are set when the header is in another language than the page.
	Lang, Dir string
	Cells     []Cell
	// CellsHTML is Cells as <td> elements, escaped: the default template writes a row's cells
	// with one action, which matters on a site of thousands of tables. Templates may range
	// over Cells instead.
	CellsHTML template.HTML
}

// Cell is a data cell.
type Cell struct {
	Text string
	// Sup marks a suppressed figure (the text is then the mark); None a figure that does not
	// exist (the text is then a dash).
	Sup, None bool
	// Badge flags the figure ("wide gap"), in words so that meaning never rests on colour.
	Badge string
	// Of is the count a share is of ("of 412"), shown under it.
	Of string
	// Mark is a symbol before the text that the text says in words (a goal's status), hidden
	// from screen readers.
	Mark string
	// Num aligns the cell as a number.
	Num bool
	// Words marks a number said in words ("15.1 points lower"), which may wrap between its
	// words where the column is narrow; a bare number ("65.4%") never wraps.
	Words bool
	// Sort is the number the cell shows, as a plain decimal rounded as shown ("65.4", "-12.3",
	// "982"), whatever words or number format the text uses ("12.3 points lower", "٦٥٫٤٪"):
	// static/sort.js sorts a column by it (data-sort). It is empty when the cell shows no number
	// (a suppressed cell, one without a figure, a public figure not reported), and such cells
	// sort last.
	Sort string
}

// DataPage is the content of a data page.
type DataPage struct {
	// Downloads groups the CSV downloads by page.
	Downloads []DownloadGroup
	// Definitions explains each metric, by topic.
	Definitions []DefinitionGroup
	// Suppression states the privacy rule with min_n.
	Suppression string
	// Quality is the data-quality ledger (nil when the build has none); Files and Reasons are
	// its tables.
	Quality *Section
	// Coverage is translation coverage: EL students by home language and what exists in their
	// language.
	Coverage *Section
	// Districts links to the data page of each district (site-wide data page only).
	Districts []Link
}

// DownloadGroup is the downloads of one page.
type DownloadGroup struct {
	Title string
	Href  string // the page
	Files []Link
}

// DefinitionGroup is the metrics of one topic.
type DefinitionGroup struct {
	Title string
	Terms []Definition
}

// Definition is a metric's name and plain-language definition.
type Definition struct {
	ID, Term, Text string
}

// GuideView is a guide page's content.
type GuideView struct {
	Summary string
	// Fallback is the notice shown when the guide is not yet in the page's language.
	Fallback string
	// BodyLang is the language of the body when it differs from the page's.
	BodyLang, BodyDir string
	Body              template.HTML // sanitised by the guide renderer
}
