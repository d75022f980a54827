package render

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
)

// A block (h3 with its chart and table) is most of a page's markup, and executing its
// templates ("block", "chart" and "table" of layout.html) was about half of the templates'
// time: each value goes through html/template's escapers, called by reflection. Where the
// templates in effect are the built-in ones and "block" is called in HTML text, the block is
// written by blockHTML instead, byte for byte what they give (TestBlockHTML executes them and
// compares), and the page's templates call it once per block. A page kind whose templates
// define any of the three differently, or call "block" elsewhere (in a comment, say), renders
// its blocks through its own templates.

// fastDefines are the templates blockHTML writes in one; sectionHTML writes "section" with
// its blocks, and sectionsHTML "sections", where those are the built-in ones too.
var fastDefines = []string{"block", "chart", "table", "section", "sections"}

// useBlockHTML makes t (a page kind's templates, not yet executed, entered at entry; builtin
// the sources of the built-in ones, see builtinKind) write
// its blocks with blockHTML, when its "block", "chart" and "table" are the built-in ones and
// "block" is called only in HTML text; it says whether it did. Where "section" is the
// built-in one too, and called only in HTML text, sectionHTML writes it; and where
// "sections" is as well, sectionsHTML does.
func useBlockHTML(t *template.Template, builtin map[string]string, entry string) (bool, error) {
	if !sameAsBuiltin(t, builtin, "block", "chart", "table") {
		return false, nil
	}
	inText, ok := calledInText(t, entry)
	if !ok || !inText["block"] {
		return false, nil
	}
	// "section" and "sections" are looked at before "block" is replaced below.
	section := sameAsBuiltin(t, builtin, "section") && inText["section"]
	sections := section && sameAsBuiltin(t, builtin, "sections") && inText["sections"]
	t.Funcs(template.FuncMap{"blockHTML": blockHTML, "sectionHTML": sectionHTML, "sectionsHTML": sectionsHTML})
	if _, err := t.New("block").Parse(`{{blockHTML .}}`); err != nil {
		return false, err
	}
	if !section {
		return true, nil
	}
	if _, err := t.New("section").Parse(`{{sectionHTML .}}`); err != nil {
		return false, err
	}
	if sections {
		if _, err := t.New("sections").Parse(`{{sectionsHTML .}}`); err != nil {
			return false, err
		}
	}
	return true, nil
}

// calledInText says, of "block", "section" and "sections", whether every call of it in what
// entry reaches is in HTML text, where its markup is what the template writes; ok is false
// when the templates cannot be escaped (executing them will say why). html/template escapes
// a template called elsewhere (in a comment, a <textarea>, a <script>, an attribute) as a
// variant of its own, named "block$htmltemplate_…", which writes something else, or
// nothing: a site's template that comments its blocks out must not see them written. The
// variants show once a copy of t is escaped, which executing it does first (on no data, it
// then stops at once).
func calledInText(t *template.Template, entry string) (inText map[string]bool, ok bool) {
	probe, ok := escaped(t, entry)
	if !ok {
		return nil, false
	}
	// The variants are in the set the templates are executed from, which DefinedTemplates
	// lists ("; defined templates are: "block", "block$htmltemplate_stateHTMLCmt", ...).
	defined := probe.DefinedTemplates()
	inText = make(map[string]bool, 3)
	for _, name := range []string{"block", "section", "sections"} {
		inText[name] = !strings.Contains(defined, `"`+name+`$`)
	}
	return inText, true
}

// escaped returns a copy of t escaped for entry, which executing it does first (on no data,
// it then stops at once), and false when t cannot be escaped for entry: executing t will
// say why.
func escaped(t *template.Template, entry string) (*template.Template, bool) {
	probe, err := t.Clone()
	if err != nil {
		return nil, false
	}
	var escErr *template.Error
	if err := probe.ExecuteTemplate(io.Discard, entry, nil); errors.As(err, &escErr) {
		return nil, false
	}
	return probe, true
}

// sameAsBuiltin says whether t defines each of names as builtin (see builtinKind) does.
func sameAsBuiltin(t *template.Template, builtin map[string]string, names ...string) bool {
	for _, name := range names {
		if own := sourceOf(t, name); own == "" || own != builtin[name] {
			return false
		}
	}
	return true
}

// writeBlocksTo makes blockHTML and sectionHTML write the blocks and sections of p into
// out, the page's output, as the page's template runs (out nil: as they return). Written
// there, in the template's order, a block's markup is not first built apart and then
// copied: a block is most of a page. A page's sections and blocks are its own (each job
// builds its page afresh), so no other page's template can reach them while this one runs.
func writeBlocksTo(p *Page, out *bytes.Buffer) {
	sections := p.Sections
	if d := p.Data; d != nil {
		sections = append(slices.Clip(sections), d.Quality, d.Coverage)
	}
	for _, s := range sections {
		if s == nil {
			continue
		}
		s.out = out
		for _, b := range s.Blocks {
			b.out = out
		}
	}
}

// sectionHTML returns the markup of s, as the built-in "section" template writes it with
// its blocks; or, while the page's template writes into s.out (see writeBlocksTo), writes
// it there and returns nothing.
func sectionHTML(s *Section) (template.HTML, error) {
	return sectionsHTML([]*Section{s})
}

// sectionsHTML returns the markup of ss, as the built-in "sections" template writes it; or
// writes it into the page's output (see sectionHTML).
func sectionsHTML(ss []*Section) (template.HTML, error) {
	if len(ss) == 0 {
		return "", nil
	}
	if err := checkSections(ss); err != nil {
		return "", err
	}
	size := sectionsSize(ss)
	out := ss[0].out
	var w htmlWriter
	if out != nil {
		out.Grow(size)
		w.b = out.AvailableBuffer()
	} else {
		w.b = make([]byte, 0, size)
	}
	for _, s := range ss {
		w.section(s)
	}
	if out != nil {
		out.Write(w.b)
		return "", nil
	}
	return template.HTML(w.b), nil
}

// checkSections returns the error the templates would fail on: a nil section, or a block
// without a table.
func checkSections(ss []*Section) error {
	for _, s := range ss {
		if s == nil {
			return errors.New("a nil section")
		}
		for _, b := range s.Blocks {
			if b == nil || b.Table == nil {
				return errors.New("a block without a table")
			}
		}
	}
	return nil
}

// blockHTML returns the markup of b, as the built-in "block" template writes it; or, while
// the page's template writes into b.out (see writeBlocksTo), writes it there and returns
// nothing. The template writes straight into its output as it goes, so what comes before the
// block is there already.
func blockHTML(b *Block) (template.HTML, error) {
	if b == nil || b.Table == nil {
		return "", errors.New("a block without a table")
	}
	size := b.size()
	if b.out != nil {
		b.out.Grow(size)
		w := htmlWriter{b: b.out.AvailableBuffer()}
		w.block(b)
		b.out.Write(w.b)
		return "", nil
	}
	w := htmlWriter{b: make([]byte, 0, size)}
	w.block(b)
	return template.HTML(w.b), nil
}

// size returns the size of b's markup, unless values need escaping: its fixed part and its
// values.
func (b *Block) size() int {
	t := b.Table
	size := 800 + 3*len(b.ID) + len(b.Title) + len(b.TextHTML) + 5*len(t.ID) + len(t.Caption) + len(t.RowHead) +
		len(t.SupNote) + len(t.NoneNote) + len(t.CSV) + len(t.CSVLabel)
	if c := b.Chart; c != nil {
		size += 200 + 4*len(c.ID) + len(c.Label) + len(c.Option)
	}
	for _, s := range b.Sources {
		size += 32 + len(s)
	}
	for _, c := range t.Cols {
		size += 24 + len(c)
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		size += 80 + len(r.Head) + len(r.Href) + len(r.Lang) + len(r.Dir) + len(r.CellsHTML)
	}
	return size
}

// htmlWriter appends markup, escaping each value as html/template does in its context.
type htmlWriter struct{ b []byte }

// raw writes s as it is. (A value is written by a call of its own: joined to the markup
// around it with +, it would first be copied into a new string.)
func (w *htmlWriter) raw(s string) { w.b = append(w.b, s...) }

// text writes s in text or in a quoted attribute: html/template's htmlEscaper and
// attrEscaper on a string.
func (w *htmlWriter) text(s string) {
	b := w.b
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, repl...)
		start = i + 1
	}
	w.b = append(b, s[start:]...)
}

// langDir writes the lang and dir attributes of a text in another language than the page's,
// each when set.
func (w *htmlWriter) langDir(lang, dir string) {
	if lang != "" {
		w.raw(` lang="`)
		w.text(lang)
		w.raw(`"`)
	}
	if dir != "" {
		w.raw(` dir="`)
		w.text(dir)
		w.raw(`"`)
	}
}

// anchor writes a link: <a href="href">text</a>.
func (w *htmlWriter) anchor(href, text string) {
	w.raw(`<a href="`)
	w.url(href)
	w.raw(`">`)
	w.text(text)
	w.raw("</a>")
}

// url writes s as the whole value of an href attribute: html/template's urlFilter (a scheme
// other than http, https and mailto gives "#ZgotmplZ"), urlNormalizer (bytes outside a URL's
// characters percent-encoded) and attrEscaper.
func (w *htmlWriter) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	var norm []byte // s normalized, when a byte had to be encoded
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		norm = append(norm, s[start:i]...)
		norm = append(norm, '%', hex[c>>4], hex[c&0xf])
		start = i + 1
	}
	if norm != nil {
		s = string(append(norm, s[start:]...))
	}
	w.text(s)
}

// urlPart writes s as a part of an address after its start (a fragment after "#"):
// html/template's urlEscaper (every byte but the unreserved ones percent-encoded) and
// attrEscaper, which then finds nothing to escape.
func (w *htmlWriter) urlPart(s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			w.b = append(w.b, c)
			continue
		}
		w.b = append(w.b, '%', hex[c>>4], hex[c&0xf])
	}
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// section writes layout.html's "section", with its blocks.
func (w *htmlWriter) section(s *Section) {
	w.raw("\n")
	w.open("section", "", s.ID, "h2", s.Title, s.IntroHTML)
	for _, b := range s.Blocks {
		w.block(b)
	}
	w.raw("\n")
	if len(s.Lacking) > 0 {
		w.raw(`<div class="lacking"><p>`)
		w.text(s.LackingIntro)
		w.raw("</p>\n<ul>")
		for _, l := range s.Lacking {
			w.raw("<li>")
			w.text(l)
			w.raw("</li>")
		}
		w.raw("</ul>\n</div>\n")
	}
	if m := s.More; m != nil {
		w.raw(`<p class="more">`)
		w.anchor(m.Href, m.Text)
		w.raw("</p>\n")
	}
	w.raw("</section>\n")
}

// open writes the start of a section or block as layout.html does: the element of class
// class, labelled by its heading (tag) whose id is prefix+id+"-h", and the text under the
// heading, when there is one.
func (w *htmlWriter) open(class, prefix, id, tag, title string, text template.HTML) {
	// Piece by piece: joining the variables first would allocate on every block.
	w.raw(`<section class="`)
	w.raw(class)
	w.raw(`" id="`)
	w.raw(prefix)
	w.text(id)
	w.raw(`" aria-labelledby="`)
	w.raw(prefix)
	w.text(id)
	w.raw(`-h">` + "\n<")
	w.raw(tag)
	w.raw(` id="`)
	w.raw(prefix)
	w.text(id)
	w.raw(`-h">`)
	w.text(title)
	w.raw("</")
	w.raw(tag)
	w.raw(">\n")
	if text != "" {
		w.raw("<p>")
		w.raw(string(text))
		w.raw("</p>\n")
	}
}

// block writes layout.html's "block".
func (w *htmlWriter) block(b *Block) {
	w.open("block", "b-", b.ID, "h3", b.Title, b.TextHTML)
	if b.Chart != nil {
		w.raw(`<div class="viz with-chart">` + "\n")
		w.chart(b.Chart)
	} else {
		w.raw(`<div class="viz">` + "\n")
	}
	w.table(b.Table)
	w.raw("\n</div>\n")
	for _, s := range b.Sources {
		w.raw(`<p class="note source">`)
		w.text(s)
		w.raw("</p>\n")
	}
	w.raw("</section>\n")
}

// chart writes layout.html's "chart".
func (w *htmlWriter) chart(c *Chart) {
	w.raw(`<div class="chart`)
	if c.Bars != 0 {
		w.raw(` bars`)
	}
	w.raw(`" dir="ltr" id="`)
	w.text(c.ID)
	w.raw(`"`)
	if c.Bars != 0 {
		w.raw(` style="--bars: ` + strconv.Itoa(c.Bars) + `"`)
	}
	w.raw(` role="img" aria-label="`)
	w.text(c.Label)
	w.raw(`" data-option="`)
	w.text(c.ID)
	w.raw(`-option" hidden></div>` + "\n" + `<script type="application/json" id="`)
	w.text(c.ID)
	w.raw(`-option">`)
	w.raw(string(c.Option))
	w.raw("</script>\n")
}

// table writes layout.html's "table".
func (w *htmlWriter) table(t *Table) {
	w.raw(`<div class="table-wrap">` + "\n" + `<div class="table-scroll" role="region" aria-labelledby="`)
	w.text(t.ID)
	w.raw(`-caption" tabindex="0">` + "\n" + `<table id="table-`)
	w.text(t.ID)
	w.raw(`"`)
	if t.Stack {
		w.raw(` class="stack"`)
	}
	w.raw(">\n" + `<caption id="`)
	w.text(t.ID)
	w.raw(`-caption">`)
	w.text(t.Caption)
	w.raw("</caption>\n<thead>\n" + `<tr><th scope="col">`)
	w.text(t.RowHead)
	w.raw(`</th>`)
	for _, c := range t.Cols {
		w.raw(`<th scope="col">`)
		w.text(c)
		w.raw(`</th>`)
	}
	w.raw("</tr>\n</thead>\n<tbody>")
	for i := range t.Rows {
		r := &t.Rows[i]
		w.raw("\n<tr")
		if r.Strong {
			w.raw(` class="strong"`)
		}
		w.raw(`><th scope="row"`)
		w.langDir(r.Lang, r.Dir)
		w.raw(`>`)
		if r.Href != "" {
			w.anchor(r.Href, r.Head)
		} else {
			w.text(r.Head)
		}
		w.raw("</th>")
		w.raw(string(r.CellsHTML))
		w.raw("</tr>")
	}
	w.raw("\n</tbody>\n</table>\n</div>\n")
	if t.SupNote != "" {
		w.raw(`<p class="note">`)
		w.text(t.SupNote)
		w.raw("</p>\n")
	}
	if t.NoneNote != "" {
		w.raw(`<p class="note">`)
		w.text(t.NoneNote)
		w.raw("</p>\n")
	}
	w.raw(`<p class="download"><a href="`)
	w.url(t.CSV)
	w.raw(`" download>`)
	w.text(t.CSVLabel)
	w.raw("</a></p>\n</div>\n")
}
