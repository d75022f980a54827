package guide

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/microcosm-cc/bluemonday"
)

// Page is a rendered guide.
type Page struct {
	// Title and Summary are the front matter's plain text; templates escape them.
	Title, Summary string
	// Body is the guide's Markdown rendered to sanitised HTML, figures filled in.
	Body template.HTML
}

// MaxSize is the largest guide file Render accepts, in bytes (64 KiB). A guide is a few
// kilobytes; the limit keeps a damaged or hostile file from stalling the build, since the
// Markdown parser takes time growing with the square of the length on some inputs (such as
// thousands of unclosed brackets: 50,000 take about three seconds).
const MaxSize = 64 << 10

// Renderer renders guides. It holds the HTML sanitising policy, built once by NewRenderer, and
// the warnings of the guides it rendered; a Renderer is safe for concurrent use.
type Renderer struct {
	policy *bluemonday.Policy

	mu       sync.Mutex
	warnings []Warning
	seen     map[Warning]bool
	// compiled holds each guide file rendered once with its figures left as placeholders,
	// keyed by file name and content: a build renders a guide for every district, and only
	// the figures differ (see compile).
	compiled map[compiledKey]*compiledGuide
}

// compiledKey names a guide file and its content.
type compiledKey struct{ file, src string }

// compiledGuide is a guide rendered to sanitised HTML with each figure shortcode left as its
// placeholder, which Render replaces with the figure's escaped text.
type compiledGuide struct {
	page     Page
	figures  []compiledFigure
	warnings []Warning
}

// compiledFigure is a figure shortcode of a compiled guide: its line and arguments.
type compiledFigure struct {
	line int
	args []string
}

// Warning is a problem of a guide that does not stop it from being published: a piece of raw
// HTML that the page leaves out. Its String is a line to print after "warning: ", e.g.
//
//	content/guides/benchmarks.es.md:14: HTML "<span style=\"color:red\">" is left out of the page (a guide is Markdown, and raw HTML is not published); write it in Markdown, or remove it
type Warning struct {
	File    string
	Line    int
	Message string
}

func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message) }

// Warnings returns the warnings of every guide the Renderer has rendered, each once (a build
// renders a guide for every district), sorted by file and line.
func (r *Renderer) Warnings() []Warning {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.warnings)
	slices.SortStableFunc(out, func(a, b Warning) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}

func (r *Renderer) note(warnings []Warning) {
	if len(warnings) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[Warning]bool{}
	}
	for _, w := range warnings {
		if !r.seen[w] {
			r.seen[w] = true
			r.warnings = append(r.warnings, w)
		}
	}
}

// NewRenderer returns a Renderer.
func NewRenderer() *Renderer {
	return &Renderer{policy: newPolicy()}
}

// Render parses a guide file: TOML front matter between +++ lines (title, summary; unknown keys
// are errors naming the key), then Markdown. Each figure shortcode is replaced by the escaped
// text figure returns for its arguments. Errors name the file and line; all shortcode errors of
// a file are reported together.
//
// Render is a convenience for NewRenderer().Render; a build rendering many guides should
// create one Renderer and reuse it.
func Render(file string, src []byte, figure func(args []string) (string, error)) (Page, error) {
	return NewRenderer().Render(file, src, figure)
}

// Render parses and renders one guide file; see the package-level Render. Its warnings are
// kept for Warnings.
func (r *Renderer) Render(file string, src []byte, figure func(args []string) (string, error)) (Page, error) {
	if figure != nil {
		if c := r.compile(file, src); c != nil {
			page, err := c.fill(file, figure)
			r.note(c.warnings)
			return page, err
		}
	}
	page, warnings, err := r.render(file, src, figure)
	r.note(warnings)
	return page, err
}

// compile returns the guide file rendered with its figures as placeholders, from the cache or
// rendered now; nil when the file has an error, which render then reports as it always does.
//
// Rendering once and filling in the figures gives the page render would give: a figure's text
// is never parsed as Markdown (render puts it into the parsed tree's text nodes), so only its
// escaping depends on it, and fill escapes it as the sanitiser writes text (escapeText).
func (r *Renderer) compile(file string, src []byte) *compiledGuide {
	key := compiledKey{file, string(src)}
	r.mu.Lock()
	c, ok := r.compiled[key]
	r.mu.Unlock()
	if ok {
		return c
	}
	var args [][]string
	page, warnings, figures, err := r.renderWith(file, src, func(a []string) (string, error) {
		args = append(args, slices.Clone(a))
		return "", nil
	}, true)
	if err == nil && placeholdersOnce(string(page.Body), len(figures)) {
		c = &compiledGuide{page: page, warnings: warnings}
		for i, f := range figures {
			c.figures = append(c.figures, compiledFigure{line: f.line, args: args[i]})
		}
	}
	r.mu.Lock()
	if r.compiled == nil {
		r.compiled = map[compiledKey]*compiledGuide{}
	}
	r.compiled[key] = c
	r.mu.Unlock()
	return c
}

// placeholdersOnce reports whether html holds each of count figures' placeholders exactly once
// and no other placeholder character.
func placeholdersOnce(html string, count int) bool {
	if strings.Count(html, string(placeholderStart)) != count || strings.Count(html, string(placeholderEnd)) != count {
		return false
	}
	for n := range count {
		if strings.Count(html, placeholder(n)) != 1 {
			return false
		}
	}
	return true
}

// fill returns the compiled page with each placeholder replaced by its figure's text, escaped
// as the sanitiser escapes text. Errors of the figure function are reported with their lines,
// as render reports them.
func (c *compiledGuide) fill(file string, figure func(args []string) (string, error)) (Page, error) {
	texts := make([]string, len(c.figures))
	var errs []lineError
	for i, f := range c.figures {
		text, err := figure(f.args)
		if err != nil {
			errs = append(errs, lineError{f.line, err})
			continue
		}
		texts[i] = escapeText(cleanFigureText(text))
	}
	if len(errs) > 0 {
		return Page{}, fileErrors(file, errs)
	}
	page := c.page
	page.Body = template.HTML(fillPlaceholders(string(page.Body), len(texts), func(n int) string { return texts[n] }))
	return page, nil
}

// Check parses a guide file as Render does, with every figure shortcode's syntax checked but
// not its figure, and returns its warnings, or the error that would stop Render. It is for
// checking the guides without the figures of a build (a build gets the same warnings from
// Warnings).
func (r *Renderer) Check(file string, src []byte) ([]Warning, error) {
	_, warnings, err := r.render(file, src, func([]string) (string, error) { return "0", nil })
	return warnings, err
}

// Check is NewRenderer().Check.
func Check(file string, src []byte) ([]Warning, error) { return NewRenderer().Check(file, src) }

func (r *Renderer) render(file string, src []byte, figure func(args []string) (string, error)) (Page, []Warning, error) {
	page, warnings, _, err := r.renderWith(file, src, figure, false)
	return page, warnings, err
}

// renderWith is render; with keep, each figure is left in the page as its placeholder (which
// compile's caller fills in) instead of the text figure returns.
func (r *Renderer) renderWith(file string, src []byte, figure func(args []string) (string, error), keep bool) (Page, []Warning, []figureRef, error) {
	if len(src) > MaxSize {
		return Page{}, nil, nil, fmt.Errorf("%s: the file has %d bytes; a guide may have at most %d", file, len(src), MaxSize)
	}
	if errs, total := checkSource(src); total > 0 {
		err := fileErrors(file, errs)
		if total > len(errs) {
			err = errors.Join(err, fmt.Errorf("%s: %d more errors", file, total-len(errs)))
		}
		return Page{}, nil, nil, err
	}
	text := normalize(src)
	fm, body, bodyLine, err := splitFrontMatter(text)
	if err != nil {
		return Page{}, nil, nil, fileErrors(file, []lineError{*err})
	}
	page, errs := decodeFrontMatter(fm)
	if len(errs) > 0 {
		return Page{}, nil, nil, fileErrors(file, errs)
	}
	if strings.ContainsAny(body, placeholderChars) {
		line := bodyLine + strings.Count(body[:strings.IndexAny(body, placeholderChars)], "\n")
		return Page{}, nil, nil, fmt.Errorf("%s:%d: the text contains a private-use character (U+E000 or U+E001), which guides may not use", file, line)
	}
	body, figures, errs := expandShortcodes(body, bodyLine, figure)
	if len(errs) > 0 {
		return Page{}, nil, nil, fileErrors(file, errs)
	}
	if keep {
		for i := range figures {
			figures[i].text = placeholder(i)
		}
	}
	html, dropped, errs := r.renderMarkdown(body, bodyLine, figures, keep)
	if len(errs) > 0 {
		return Page{}, nil, nil, fileErrors(file, errs)
	}
	page.Body = template.HTML(html)
	return page, fileWarnings(file, dropped), figures, nil
}

// lineError is an error at a line of a guide file (and at a column, when err is a
// columnError); Render prefixes the file name.
type lineError struct {
	line int
	err  error
}

func (e lineError) Error() string {
	if c, ok := e.err.(columnError); ok {
		return fmt.Sprintf("%d:%d: %v", e.line, c.col, c.err)
	}
	return fmt.Sprintf("%d: %v", e.line, e.err)
}

// columnError is an error at a column (in characters, from 1) of a line.
type columnError struct {
	col int
	err error
}

func (e columnError) Error() string { return e.err.Error() }

func (e columnError) Unwrap() error { return e.err }

func (e lineError) Unwrap() error { return e.err }

// maxErrors bounds the errors reported for one file.
const maxErrors = 20

// fileErrors joins the errors of a file, each prefixed with "file:"; past maxErrors it says
// how many more there are.
func fileErrors(file string, errs []lineError) error {
	var joined []error
	for i, e := range errs {
		if i == maxErrors {
			joined = append(joined, fmt.Errorf("%s: %d more errors", file, len(errs)-maxErrors))
			break
		}
		joined = append(joined, fmt.Errorf("%s:%w", file, e))
	}
	return errors.Join(joined...)
}

// fileWarnings makes the warnings of a file, at most maxErrors, then one that counts the rest.
func fileWarnings(file string, warnings []lineError) []Warning {
	var out []Warning
	for i, w := range warnings {
		if i == maxErrors {
			out = append(out, Warning{File: file, Line: w.line,
				Message: fmt.Sprintf("and %d more pieces of HTML are left out of the page", len(warnings)-maxErrors)})
			break
		}
		out = append(out, Warning{File: file, Line: w.line, Message: w.err.Error()})
	}
	return out
}

// normalize drops a UTF-8 byte order mark and turns CRLF and CR line endings into LF, as the
// Markdown parser does, so that line numbers agree with what an editor shows.
func normalize(src []byte) string {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// frontMatterFence is the line that opens and closes the front matter.
const frontMatterFence = "+++"

// splitFrontMatter returns the TOML between the fences, the body after them, and the line
// number of the body's first line.
func splitFrontMatter(text string) (frontMatter, body string, bodyLine int, err *lineError) {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != frontMatterFence {
		return "", "", 0, &lineError{1, errors.New("missing front matter: a guide starts with a +++ line, then title = \"...\" and summary = \"...\", then a +++ line")}
	}
	offset := len(lines[0])
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == frontMatterFence {
			return text[len(lines[0]):offset], text[offset+len(lines[i]):], i + 2, nil
		}
		offset += len(lines[i])
	}
	return "", "", 0, &lineError{1, errors.New("front matter is not closed: no +++ line follows the one on line 1")}
}

// frontMatter is the TOML front matter of a guide.
type frontMatter struct {
	Title   string `toml:"title"`
	Summary string `toml:"summary"`
}

// frontMatterFirstLine is the file line of the front matter's first line (after the fence).
const frontMatterFirstLine = 2

// decodeFrontMatter decodes and checks the front matter.
func decodeFrontMatter(text string) (Page, []lineError) {
	var fm frontMatter
	md, err := toml.Decode(text, &fm)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			msg := strings.Join(strings.Fields(perr.Message), " ") // one line, as every error here
			if perr.LastKey != "" && !strings.Contains(msg, perr.LastKey) {
				msg = fmt.Sprintf("key %q: %s", perr.LastKey, msg)
			}
			return Page{}, []lineError{{perr.Position.Line + frontMatterFirstLine - 1, errors.New(msg)}}
		}
		// A value of the wrong type (title = 3): find the key's line if it is one of ours.
		msg := strings.Join(strings.Fields(err.Error()), " ")
		for _, key := range []string{"title", "summary"} {
			if strings.Contains(msg, key) {
				if line := keyLine(text, key); line > 0 {
					return Page{}, []lineError{{line + frontMatterFirstLine - 1, fmt.Errorf("key %q: %s", key, msg)}}
				}
			}
		}
		return Page{}, []lineError{{frontMatterFirstLine - 1, errors.New(msg)}}
	}
	var errs []lineError
	for _, key := range md.Undecoded() {
		line := keyLine(text, key[0])
		if line == 0 {
			line = 1
		}
		errs = append(errs, lineError{line + frontMatterFirstLine - 1,
			fmt.Errorf("unknown front matter key %q (a guide has title and summary)", key.String())})
	}
	if len(errs) > 0 {
		return Page{}, errs
	}
	fm.Title = strings.TrimSpace(fm.Title)
	fm.Summary = strings.TrimSpace(fm.Summary)
	if fm.Title == "" {
		return Page{}, []lineError{{frontMatterFirstLine - 1, errors.New(`front matter has no title (title = "...")`)}}
	}
	for _, kv := range [...][2]string{{"title", fm.Title}, {"summary", fm.Summary}} {
		if msg := checkText(kv[1]); msg != "" {
			return Page{}, []lineError{{keyLine(text, kv[0]) + frontMatterFirstLine - 1, fmt.Errorf("key %q: %s", kv[0], msg)}}
		}
		if strings.Contains(kv[1], shortcodeOpen) {
			return Page{}, []lineError{{keyLine(text, kv[0]) + frontMatterFirstLine - 1,
				fmt.Errorf("key %q: shortcodes are not allowed in the front matter", kv[0])}}
		}
	}
	return Page{Title: fm.Title, Summary: fm.Summary}, nil
}

// keyLine returns the line (counting from 1) of the front matter where the top-level key or
// table name is set, or 0.
func keyLine(text, key string) int {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			name := strings.Trim(line, "[] \t")
			name, _, _ = strings.Cut(name, ".")
			if strings.Trim(name, `"'`) == key {
				return i + 1
			}
			continue
		}
		name, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, ".")
		if strings.Trim(strings.TrimSpace(name), `"'`) == key {
			return i + 1
		}
	}
	return 0
}

// headingTag matches the start and end tags of the headings of a rendered guide, with the id
// of a start tag; localLink matches a link to an id of the page.
var (
	headingTag = regexp.MustCompile(`<(/?)h([1-6])( id="([^"]*)")?>`)
	localLink  = regexp.MustCompile(`href="#([^"]*)"`)
)

// Nest makes the HTML of a rendered guide fit inside a section of a page whose heading is an h2:
// each heading goes one level down, at least to h3 and at most to h6, and each heading id, and
// each link to one of them, starts with prefix, so that two texts on one page do not share an
// id. Links to ids outside the text are left as they are.
func Nest(body template.HTML, prefix string) template.HTML {
	ids := map[string]bool{}
	s := headingTag.ReplaceAllStringFunc(string(body), func(tag string) string {
		m := headingTag.FindStringSubmatch(tag)
		level := min(max(int(m[2][0]-'0')+1, 3), 6)
		h := "h" + string(rune('0'+level))
		if m[3] == "" {
			return "<" + m[1] + h + ">"
		}
		ids[m[4]] = true
		return "<" + h + ` id="` + prefix + m[4] + `">`
	})
	s = localLink.ReplaceAllStringFunc(s, func(link string) string {
		if id := localLink.FindStringSubmatch(link)[1]; ids[id] {
			return `href="#` + prefix + id + `"`
		}
		return link
	})
	return template.HTML(s)
}

// renderOnly renders a guide without the compiled cache, for tests that compare the two.
func (r *Renderer) renderOnly(file string, src []byte, figure func(args []string) (string, error)) (Page, error) {
	page, _, err := r.render(file, src, figure)
	return page, err
}
