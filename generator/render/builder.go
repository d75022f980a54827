package render

import (
	"cmp"
	"hash/fnv"
	"html/template"
	"math"
	"strconv"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/i18n"
	"elreport/generator/metric"
)

// pageBuilder builds the model of one page in one language: its tables (with their downloads)
// and charts.
type pageBuilder struct {
	run  *run
	loc  *i18n.Localizer
	lang config.Language
	page *Page
	// csvDir is the folder of the page's downloads ("data/schools/0101/"), ending in "/".
	csvDir string
	// chartKey is derived from the page's language-neutral address; chart ids start with it.
	chartKey string
	// listing, on a district's data page, holds what the district's pages offer for download
	// (see listing); nil elsewhere.
	listing *listing
	// catalog builds tables only (to list downloads): no charts, no formatting needed beyond
	// captions.
	catalog bool

	// view is the page's years, headline year and what the data lacks: the site's (run.view),
	// or its district's (see inDistrict).
	view *view

	tables []*Table
	charts int
}

func newPageBuilder(r *run, lang config.Language, path, csvDir string) *pageBuilder {
	loc := r.bundle.For(lang.Code)
	neutral := strings.TrimPrefix(path, lang.Code+"/")
	h := fnv.New32a()
	h.Write([]byte(neutral))
	page := &Page{
		Path:      path,
		Lang:      lang,
		Root:      rootOf(path),
		SiteTitle: r.cfg.TitleIn(lang.Code),
		Timestamp: r.cfg.Timestamp,
		loc:       loc,
		keys:      r.keys,
	}
	page.Static = page.Root + "static/"
	page.Styles = r.stylesFrom(page.Root)
	page.Logo = r.logoFor(lang.Code, page.Root)
	if y := r.view.latest; y != 0 {
		page.Year = loc.Plain(y)
	}
	for _, l := range r.cfg.Languages {
		page.Langs = append(page.Langs, Link{
			Href:    relPath(path, inLanguage(path, lang.Code, l.Code)),
			Text:    l.Name,
			Lang:    l.Code,
			Dir:     l.Dir,
			Current: l.Code == lang.Code,
		})
	}
	return &pageBuilder{run: r, loc: loc, lang: lang, page: page, csvDir: csvDir, view: &r.view,
		chartKey: strconv.FormatUint(uint64(h.Sum32()), 36)}
}

// href returns the relative address of a page or file (from the site root) from this page.
func (pb *pageBuilder) href(to string) string { return relPath(pb.page.Path, to) }

// t translates.
func (pb *pageBuilder) t(key string, args ...string) string {
	return pb.loc.T(cmp.Or(pb.run.keys[key], key), args...)
}

// tOr translates key when the translation files know it, and returns fallback otherwise; for
// keys made from the data (categories, metrics) that the files may not list.
func (pb *pageBuilder) tOr(key, fallback string, args ...string) string {
	if !pb.loc.Has(key) {
		return fallback
	}
	return pb.loc.T(key, args...)
}

// year formats a school year.
func (pb *pageBuilder) year(y int) string { return pb.loc.Plain(y) }

// newTable starts a table whose download is <csvDir><id>.csv.
func (pb *pageBuilder) newTable(id, caption, rowHead string, cols ...string) *Table {
	t := &Table{
		ID:       id,
		Caption:  caption,
		RowHead:  rowHead,
		Cols:     cols,
		csvPath:  pb.csvDir + id + ".csv",
		SupMark:  pb.t("suppressed.mark"),
		SupText:  pb.t("suppressed.text", "n", pb.loc.Int(pb.run.cfg.MinN)),
		NoneText: pb.t("table.none"),
	}
	t.CSV = pb.href(t.csvPath)
	t.CSVLabel = pb.t("table.download", "title", caption)
	pb.tables = append(pb.tables, t)
	return t
}

// cell formats a figure for table t and records it for t's download.
func (pb *pageBuilder) cell(t *Table, f *compute.Figure) Cell {
	if f == nil {
		if !pb.catalog {
			t.addNoneNote(noneMark + " " + pb.t("table.none_note"))
		}
		return Cell{Text: noneMark, None: true, Num: true}
	}
	t.figs = append(t.figs, f)
	if pb.catalog {
		return Cell{} // only the table's existence and caption matter
	}
	if f.Suppressed {
		return pb.suppressedCell(t, f)
	}
	c := Cell{Text: pb.format(f), Num: true, Sort: sortKey(shown(f.Kind, f.Value))}
	if f.Metric.Info().Gap != nil {
		var v float64
		c.Text, v = pb.gapWords(f)
		c.Sort = sortKey(v)
		c.Words = true
	}
	if f.Kind == compute.Share && f.Denominator > 0 {
		c.Of = pb.t("reading.of_total", "n", pb.loc.Int(f.Denominator))
	}
	if f.Wide {
		c.Badge = pb.t("gap.wide_badge", pb.thresholdArgs()...)
	}
	return c
}

// gapWords says a gap, or its change since the year before, in words rather than by its sign:
// "15.1 points lower" (than students who were never English learners, as the table's header
// says), "15.2 points narrower" (the change of the gap's width as the two years show it). A
// change of less than site.toml's change_threshold is "about the same", none at all "the
// same". A change whose gaps are not both shown, or whose gap changed side (its width alone
// would call -10 then +10 "the same"), is shown as a signed number, as in the downloads.
//
// The number returned is the one the words say, signed, to sort by: the gap (below zero when
// lower), the change of its width (below zero when narrower; "about the same" keeps its small
// width, "the same" is 0), or the signed change.
func (pb *pageBuilder) gapWords(f *compute.Figure) (string, float64) {
	g := f.Metric.Info().Gap
	if !g.Change {
		return pb.pointsWords(f.Value), i18n.Round(f.Value, 1)
	}
	e := pb.run.ix.entity(f.EntityType, f.EntityCode)
	gap, ok := value(e.get(f.Year, g.Of, f.Group, f.Category))
	prior, hasPrior := pb.view.prior(f.Year)
	before, okBefore := value(e.get(prior, g.Of, f.Group, f.Category))
	if !ok || !hasPrior || !okBefore || gap*before < 0 {
		return pb.format(f), shown(f.Kind, f.Value)
	}
	// The gap's width now and the year before, as the two years show them.
	width := i18n.Round(math.Abs(gap)-math.Abs(before), 1)
	switch {
	case width == 0:
		return pb.t("reading.gap_none"), 0
	case math.Abs(width) < pb.run.cfg.ChangeThreshold:
		return pb.t("reading.about_same"), width
	case width < 0:
		return pb.loc.NDecimal("reading.gap_narrower", -width, 1), width
	}
	return pb.loc.NDecimal("reading.gap_wider", width, 1), width
}

// suppressedCell is the cell of a suppressed figure. A figure hidden for size has the mark
// SupMark ("*") and, for screen readers, SupText ("Fewer than 10 students..."); one hidden as a
// complement (which may describe many more students) has its own mark and text
// (suppressed.complementary_mark, suppressed.complementary: "hidden so that another hidden
// figure cannot be worked out"). The table's one note (SupNote) explains the kinds its cells
// use, in that order.
func (pb *pageBuilder) suppressedCell(t *Table, f *compute.Figure) Cell {
	if f.SuppressedFor == compute.ForSource {
		// DESE left it blank in its public report (a site from public reports alone).
		return Cell{Text: pb.t("compare.not_reported"), Num: true}
	}
	if f.SuppressedFor != compute.ForComplement {
		t.addSupNote(t.SupMark, t.SupText)
		return Cell{Text: t.SupMark, Sup: true, Num: true}
	}
	mark, text := pb.t("suppressed.complementary_mark"), pb.t("suppressed.complementary")
	t.compText = text
	t.addSupNote(mark, text)
	return Cell{Text: mark, Sup: true, Num: true}
}

// intCell is the cell of a whole number that is not a figure (a count of rows or guides).
func (pb *pageBuilder) intCell(n int) Cell {
	return Cell{Text: pb.loc.Int(n), Num: true, Sort: strconv.Itoa(n)}
}

// noneMark is the text of a cell without a figure.
const noneMark = "–"

// addNoneNote adds a sentence to the note about cells without a figure, once.
func (t *Table) addNoneNote(text string) {
	switch {
	case t.NoneNote == "":
		t.NoneNote = text
	case !strings.Contains(t.NoneNote, text):
		t.NoneNote += " · " + text
	}
}

// addSupNote adds "mark text" to the table's note about suppressed cells, once per mark.
func (t *Table) addSupNote(mark, text string) {
	item := mark + " " + text
	if t.SupNote == "" {
		t.SupNote = item
		return
	}
	if strings.Contains(t.SupNote, item) {
		return
	}
	if mark == t.SupMark { // the size note first
		t.SupNote = item + " · " + t.SupNote
		return
	}
	t.SupNote += " · " + item
}

// format formats a figure's value by its kind, in the page's language.
func (pb *pageBuilder) format(f *compute.Figure) string {
	switch f.Kind {
	case compute.Share:
		return pb.loc.Percent(f.Value)
	case compute.Count:
		return pb.loc.Int(int(f.Value))
	case compute.Median:
		if f.Value == float64(int64(f.Value)) {
			return pb.loc.Number(f.Value, 0)
		}
		return pb.loc.Number(f.Value, 1)
	case compute.Points:
		return pb.loc.Points(f.Value)
	}
	return pb.loc.Number(f.Value, 1)
}

// shown is a value of a kind rounded as format writes it: the number a reader sees.
func shown(kind compute.Kind, v float64) float64 {
	switch kind {
	case compute.Count:
		return float64(int(v))
	case compute.Median:
		if v == float64(int64(v)) {
			return v
		}
	}
	return i18n.Round(v, 1)
}

// sortKey writes a shown value for a cell's data-sort: the shortest plain decimal, with a
// point and no grouping ("65.4", "-12.3", "982"), whatever the page's number format.
func sortKey(v float64) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// threshold formats site.toml's gap_threshold as given: a whole number without decimals,
// otherwise with the decimals it has (up to two), so that 7.5 is not said as "8".
func (pb *pageBuilder) threshold() string {
	return pb.loc.Number(pb.run.cfg.GapThreshold, thresholdDecimals(pb.run.cfg.GapThreshold))
}

// thresholdDecimals is the number of decimals the gap threshold is written with (up to two).
func thresholdDecimals(v float64) int {
	for d := 0; d < 2; d++ {
		if i18n.Round(v, d) == v {
			return d
		}
	}
	return 2
}

// thresholdArgs are the placeholders for the gap threshold: {threshold}, the number, and
// {threshold_points}, the number with the word for points in its plural form (Arabic says
// "نقطتين" for 2, "نقاط" for 3-10 and "نقطة" from 11, so a fixed word after {threshold}
// is right for one threshold only).
func (pb *pageBuilder) thresholdArgs(args ...string) []string {
	v := pb.run.cfg.GapThreshold
	return append(args, "threshold", pb.threshold(),
		"threshold_points", pb.loc.NDecimal("unit.threshold_points", v, thresholdDecimals(v)))
}

// value returns a figure's value as displayed (rounded to one decimal), and false when the
// figure is missing or suppressed.
func value(f *compute.Figure) (float64, bool) {
	if f == nil || f.Suppressed {
		return 0, false
	}
	return i18n.Round(f.Value, 1), true
}

// point makes a chart point of a figure; category and series name the point in its tooltip.
func (pb *pageBuilder) point(f *compute.Figure, category, series string) chartPoint {
	v, ok := value(f)
	if !ok {
		return chartPoint{}
	}
	label := pb.format(f)
	tip := category + "\n" + label
	if series != "" {
		tip = category + "\n" + series + ": " + label
	}
	return chartPoint{value: v, ok: true, label: label, tip: tip}
}

// numberingSystems names the CLDR numbering system of a zero digit.
var numberingSystems = map[string]string{"0": "latn", "٠": "arab", "۰": "arabext", "०": "deva", "০": "beng", "๐": "thai"}

// numberLocale is the page's number format as a BCP 47 tag with its numbering system
// ("ar-u-nu-arab"), so that a browser whose CLDR differs from the generator's writes the same
// digits as the page's tables.
func (pb *pageBuilder) numberLocale() string {
	if nu, ok := numberingSystems[pb.loc.Int(0)]; ok && !strings.Contains(pb.lang.NumberFormat, "-u-") {
		return pb.lang.NumberFormat + "-u-nu-" + nu
	}
	return pb.lang.NumberFormat
}

// chart turns a spec into a page chart named name; nil when building a catalog.
func (pb *pageBuilder) chart(name, title string, spec chartSpec) *Chart {
	if pb.catalog {
		return nil
	}
	has := false
	for _, s := range spec.series {
		for _, p := range s.points {
			has = has || p.ok
		}
	}
	if !has {
		return nil // nothing to draw: the table says why
	}
	spec.id = "chart-" + pb.chartKey + "-" + name
	spec.label = pb.t("chart.label", "title", title)
	spec.rtl = pb.lang.Dir == "rtl"
	spec.locale = pb.numberLocale()
	pb.charts++
	pb.page.HasCharts = true
	chart := &Chart{ID: spec.id, Label: spec.label, Option: spec.optionJSON()}
	if spec.kind == hbarChart {
		// Horizontal bars get a height for their number: the stylesheet reads --bars.
		chart.Bars = len(spec.categories) * max(1, len(spec.series))
	}
	return chart
}

// block makes a block of a chart and a table; nil when the table shows no figure at all.
func block(id, title, text string, chart *Chart, t *Table) *Block {
	if t == nil || (len(t.figs) == 0 && t.rows == nil) {
		return nil
	}
	return &Block{ID: id, Title: title, Text: text, Chart: chart, Table: t}
}

// addBlocks appends the blocks that exist.
func (s *Section) addBlocks(blocks ...*Block) {
	for _, b := range blocks {
		if b != nil {
			s.Blocks = append(s.Blocks, b)
		}
	}
}

// groupName returns the name of a group of students for table headers.
func (pb *pageBuilder) groupName(group string) string { return pb.t("group." + group + ".short") }

// metricForGroup labels a metric for one group, e.g. "Four-year graduation rate (English
// learners)"; the brackets and spacing are the language's (Chinese uses full-width ones).
func (pb *pageBuilder) metricForGroup(id metric.ID, group string) string {
	return pb.t("compose.metric_group", "metric", pb.metricName(id, ""), "group", pb.groupName(group))
}

// sentences joins two sentences as the language does (Chinese puts no space between them).
func (pb *pageBuilder) sentences(first, second string) string {
	return pb.t("compose.sentences", "first", first, "second", second)
}

// metricName returns the name of a metric, and of its category when it has one.
func (pb *pageBuilder) metricName(id metric.ID, category string) string {
	name := pb.tOr(id.Info().NameKey, string(id))
	if category == "" {
		return name
	}
	return pb.t("label.with_category", "name", name, "category", pb.categoryLabel(id, category))
}

// gapLabel names what a gap (or its change) compares, e.g. "Four-year graduation rate" or
// "Meeting or exceeding expectations: Math".
func (pb *pageBuilder) gapLabel(gap metric.ID, category string) string {
	name := pb.t(gap.Info().Gap.NameKey)
	if category == "" {
		return name
	}
	return pb.t("label.with_category", "name", name, "category", pb.categoryLabel(gap, category))
}

// categoryLabel returns the words for a category of a metric, as its catalogue entry says.
func (pb *pageBuilder) categoryLabel(id metric.ID, category string) string {
	cs := id.Info().Categories
	if cs == nil {
		return category
	}
	switch cs.Label {
	case metric.LabelArgument:
		if cs.LabelArg == "band" {
			return pb.t(cs.LabelKey, cs.LabelArg, pb.bandText(category))
		}
		return pb.t(cs.LabelKey, cs.LabelArg, category)
	case metric.LabelGradeBand:
		if grade, band, ok := metric.SplitGradeBand(category); ok {
			return pb.t(cs.LabelKey, "grade", grade, "band", pb.bandText(band))
		}
		return category
	case metric.LabelCount:
		if n, err := strconv.Atoi(category); err == nil {
			return pb.loc.N(cs.LabelKey, n)
		}
		if category == cs.Values[len(cs.Values)-1] {
			return pb.t(cs.LastKey)
		}
		return category
	}
	return pb.tOr(cs.LabelKey+"."+category, category)
}

// stackCols is the number of value columns from which a table stacks on a phone (Table.Stack).
const stackCols = 3

// bandText writes a band of ACCESS levels ("1.0-1.9", "6.0") in the page's number format
// ("1,0–1,9" where the decimal sign is a comma); a category that is not one stays as it is.
func (pb *pageBuilder) bandText(band string) string {
	lo, hi, isRange := strings.Cut(band, "-")
	parts := []string{lo}
	if isRange {
		parts = append(parts, hi)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return band
		}
		parts[i] = pb.loc.Number(v, 1)
	}
	return strings.Join(parts, "–")
}

// finish writes the HTML of the table's cells (see Row.CellsHTML). A stacking table's cells
// carry their column's name (data-label), which the stylesheet shows beside the value on a
// phone; a cell showing a number carries it as a plain decimal (data-sort, see Cell.Sort),
// by which static/sort.js sorts the column.
func (t *Table) finish() {
	esc := template.HTMLEscapeString
	t.Stack = len(t.Cols) >= stackCols
	labels := make([]string, len(t.Cols))
	if t.Stack {
		for i, c := range t.Cols {
			labels[i] = ` data-label="` + esc(c) + `"`
		}
	}
	// The cells of every row are written into one string, sized up front, which each row's
	// CellsHTML is a part of: a string a row, grown as it was written, allocated twice the
	// markup, and a table's cells are most of a site's markup.
	size := 0
	for i := range t.Rows {
		for _, c := range t.Rows[i].Cells {
			size += 80 + len(c.Sort) + len(c.Mark) + len(c.Text) + len(c.Of) + len(c.Badge)
		}
	}
	if t.Stack {
		for _, l := range labels {
			size += len(l) * len(t.Rows)
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	// w writes pieces one by one: joining them first would allocate a string per cell.
	w := func(pieces ...string) {
		for _, p := range pieces {
			sb.WriteString(p)
		}
	}
	ends := make([]int, len(t.Rows))
	for i := range t.Rows {
		for j, c := range t.Rows[i].Cells {
			switch {
			case c.Num && c.Words:
				w(`<td class="num words"`)
			case c.Num:
				w(`<td class="num"`)
			default:
				w(`<td`)
			}
			if j < len(labels) {
				w(labels[j])
			}
			if c.Sort != "" {
				w(` data-sort="`, esc(c.Sort), `"`)
			}
			w(`>`)
			if c.Mark != "" {
				w(`<span aria-hidden="true">`, esc(c.Mark), `</span> `)
			}
			switch {
			case c.Sup:
				text := t.SupText
				if c.Text != t.SupMark && t.compText != "" {
					text = t.compText
				}
				w(`<span class="mark" aria-hidden="true">`, esc(c.Text), `</span><span class="vh">`, esc(text), `</span>`)
			case c.None:
				w(`<span aria-hidden="true">`, esc(c.Text), `</span><span class="vh">`, esc(t.NoneText), `</span>`)
			default:
				w(esc(c.Text))
			}
			if c.Of != "" {
				w(` <span class="of">`, esc(c.Of), `</span>`)
			}
			if c.Badge != "" {
				w(` <span class="badge">`, esc(c.Badge), `</span>`)
			}
			w(`</td>`)
		}
		ends[i] = sb.Len()
	}
	cells, start := sb.String(), 0
	for i, end := range ends {
		t.Rows[i].CellsHTML = template.HTML(cells[start:end])
		start = end
	}
}
