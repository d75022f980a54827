package guide

import (
	"errors"
	"fmt"
	stdhtml "html"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/gomarkdown/markdown"
	"github.com/gomarkdown/markdown/ast"
	"github.com/gomarkdown/markdown/html"
	"github.com/gomarkdown/markdown/parser"
	"github.com/microcosm-cc/bluemonday"
)

// markdownExtensions are the Markdown features a guide may use: CommonMark plus tables,
// fenced code, strikethrough, autolinks and {#id} after a heading. A list or quote may follow
// a paragraph without a blank line, as most people expect.
const markdownExtensions = parser.NoIntraEmphasis | parser.Tables | parser.FencedCode |
	parser.Autolink | parser.Strikethrough | parser.SpaceHeadings | parser.HeadingIDs |
	parser.BackslashLineBreak | parser.NoEmptyLineBeforeBlock

// htmlFlags make the Markdown renderer drop raw HTML (blocks and inline tags) and render a link
// with an unsafe address as plain text. Smartypants is off: quotation marks differ between
// languages.
const htmlFlags = html.SkipHTML | html.Safelink

// externalLinkRel is the rel attribute of links to other sites: the other site gets neither
// a handle on the guide's window nor the address of the page the family came from.
const externalLinkRel = `rel="noopener noreferrer"`

// renderMarkdown renders the body (whose first line is line bodyLine of the file, and whose
// shortcodes are placeholders for figures) to sanitised HTML. It also returns, as warnings,
// the pieces of raw HTML that the page leaves out.
func (r *Renderer) renderMarkdown(body string, bodyLine int, figures []figureRef, keep bool) (string, []lineError, []lineError) {
	doc := markdown.Parse([]byte(body), parser.NewWithExtensions(markdownExtensions))

	used := make([]int, len(figures))
	ids := headingIDs{seen: map[string]bool{}}
	var dropped []lineError
	var images []*ast.Image // of other hosts, left out
	where := locator{text: body, firstLine: bodyLine}
	ast.WalkFunc(doc, func(node ast.Node, entering bool) ast.WalkStatus {
		if !entering {
			return ast.GoToNext
		}
		switch n := node.(type) {
		case *ast.HTMLBlock:
			if w, ok := droppedHTML(n.Literal, n.Content, &where); ok {
				dropped = append(dropped, w)
			}
		case *ast.HTMLSpan:
			if w, ok := droppedHTML(n.Literal, n.Content, &where); ok {
				dropped = append(dropped, w)
			}
		case *ast.Heading:
			// Children are not substituted yet: the id is made from the guide's own words.
			n.HeadingID = ids.assign(n)
		case *ast.Link:
			if !isSafeURL(n.Destination) {
				dropped = append(dropped, lineError{where.find(string(n.Destination)), fmt.Errorf(
					"the link to %s is left out of the page, its text kept (a guide links only to http, https and mailto addresses, and to pages of the site)",
					quoteShort(string(n.Destination)))})
			} else if isExternalURL(n.Destination) {
				n.AdditionalAttributes = append(n.AdditionalAttributes, externalLinkRel)
			}
		case *ast.Image:
			if !localImagePattern.Match(n.Destination) {
				dropped = append(dropped, lineError{where.find(string(n.Destination)), fmt.Errorf(
					"the image %s is left out of the page, its text kept (a guide shows only images of the site itself: another host would learn who reads the guide); put it in the site's templates/static/ folder and give its address there",
					quoteShort(string(n.Destination)))})
				images = append(images, n)
			}
		case *ast.Text:
			n.Literal = replacePlaceholders(n.Literal, figures, used)
		case *ast.Code:
			where.skip(n.Literal)
			n.Literal = replacePlaceholders(n.Literal, figures, used)
		case *ast.CodeBlock:
			where.skip(n.Literal)
			n.Literal = replacePlaceholders(n.Literal, figures, used)
		}
		return ast.GoToNext
	})
	for _, img := range images {
		keepText(img)
	}
	var errs []lineError
	for i, n := range used {
		if n != 1 {
			errs = append(errs, lineError{figures[i].line, errNotInText})
		}
	}
	if len(errs) > 0 {
		return "", nil, errs
	}

	renderer := html.NewRenderer(html.RendererOptions{Flags: htmlFlags})
	renderer.IsSafeURLOverride = isSafeURL
	out := r.policy.Sanitize(string(markdown.Render(doc, renderer)))
	out = strings.ReplaceAll(out, "<p></p>\n", "") // left where raw HTML was dropped
	if i := strings.IndexAny(out, placeholderChars); i >= 0 && !keep {
		// Not expected after the check above; never publish a half-filled page.
		line := 1
		if _, n, ok := nextPlaceholder(out[i:], len(figures)); ok {
			line = figures[n].line
		} else if len(figures) > 0 {
			line = figures[0].line
		}
		return "", nil, []lineError{{line, errNotInText}}
	}
	return out, dropped, nil
}

// keepText puts the children of node (an image's text) in its place in the tree.
func keepText(node ast.Node) {
	parent := node.GetParent()
	if parent == nil {
		return
	}
	var children []ast.Node
	for _, c := range parent.GetChildren() {
		if c != node {
			children = append(children, c)
			continue
		}
		for _, k := range node.GetChildren() {
			k.SetParent(parent)
			children = append(children, k)
		}
	}
	parent.SetChildren(children)
}

// droppedHTML returns the warning about a piece of raw HTML (a block or an inline tag) that the
// page leaves out, at its line. An HTML comment is left out without a word: it is a note to
// the guide's editors, not meant for the page.
func droppedHTML(literal, content []byte, where *locator) (lineError, bool) {
	text := literal
	if len(text) == 0 {
		text = content
	}
	first, _, _ := strings.Cut(strings.TrimSpace(string(text)), "\n")
	first = strings.TrimSpace(first)
	if first == "" {
		return lineError{}, false
	}
	line := where.find(first)
	if strings.HasPrefix(first, "<!--") {
		return lineError{}, false
	}
	return lineError{line, fmt.Errorf("HTML %s is left out of the page (a guide is Markdown, and raw HTML is not published); write it in Markdown, or remove it",
		quoteShort(first))}, true
}

// locator finds the lines of pieces of a guide's body, which the Markdown tree does not keep:
// it looks for each piece's text from where the previous one was found (the tree is walked in
// the order of the text), so that a piece is placed at the first place it can be, after the
// pieces before it.
type locator struct {
	text      string
	firstLine int // the file line of text's first line
	offset    int // where the previous piece was found
	line      int // the file line of offset
}

// find returns the file line of the next occurrence of piece, and moves past it; a piece not
// found (the tree may hold a piece changed from its text) is placed where the previous one
// ended.
func (l *locator) find(piece string) int {
	if l.line == 0 {
		l.line = l.firstLine
	}
	i := strings.Index(l.text[l.offset:], piece)
	if i < 0 {
		return l.line
	}
	start := l.offset + i
	line := l.line + strings.Count(l.text[l.offset:start], "\n")
	l.offset = start + len(piece)
	l.line = line + strings.Count(piece, "\n")
	return line
}

// skip moves past the next occurrence of the first line of a code span or block, so that HTML
// shown as code is not taken for a later piece of raw HTML.
func (l *locator) skip(code []byte) {
	first, _, _ := strings.Cut(string(code), "\n")
	if first = strings.TrimSpace(first); first != "" {
		l.find(first)
	}
}

var errNotInText = errors.New("a figure shortcode can only stand in text (a paragraph, heading, list item or table cell), not in a link address, a heading id or HTML")

// headingIDs assigns unique, stable ids to the headings of one guide.
type headingIDs struct {
	seen  map[string]bool
	count int
}

// assign returns the id of heading h: its {#id} if it has one, else a slug of its words, else
// "section-N" for the N-th heading; "-2", "-3", ... are added to repeats.
func (ids *headingIDs) assign(h *ast.Heading) string {
	ids.count++
	id := slug(h.HeadingID)
	if id == "" {
		var words strings.Builder
		ast.WalkFunc(h, func(node ast.Node, entering bool) ast.WalkStatus {
			if leaf := node.AsLeaf(); entering && leaf != nil {
				words.Write(leaf.Literal)
				words.WriteByte(' ')
			}
			return ast.GoToNext
		})
		id = slug(withoutPlaceholders(words.String()))
	}
	if id == "" {
		id = "section-" + strconv.Itoa(ids.count)
	}
	unique := id
	for n := 2; ids.seen[unique]; n++ {
		unique = id + "-" + strconv.Itoa(n)
	}
	ids.seen[unique] = true
	return unique
}

// slug lowercases the letters, marks and digits of s and joins its words with "-".
func slug(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || (unicode.IsMark(r) && b.Len() > 0 && !gap):
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
		default:
			gap = true
		}
	}
	return b.String()
}

// withoutPlaceholders removes figure placeholders from s.
func withoutPlaceholders(s string) string {
	for {
		i := strings.IndexRune(s, placeholderStart)
		if i < 0 {
			return s
		}
		j := strings.IndexRune(s[i:], placeholderEnd)
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + " " + s[i+j+len(string(placeholderEnd)):]
	}
}

// isSafeURL reports whether a link address may be used: a relative address, or one whose
// scheme is http, https or mailto. The scheme is read the way browsers read it, ignoring tabs
// and newlines anywhere and control characters and spaces in front, and ignoring case, so
// that "JaVaScRiPt:" or "java\tscript:" is caught. The sanitiser checks addresses again.
func isSafeURL(dest []byte) bool {
	switch urlScheme(dest) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}

// isExternalURL reports whether a link address leads to another site: it has a scheme other
// than mailto, or is protocol-relative ("//host/...").
func isExternalURL(dest []byte) bool {
	switch urlScheme(dest) {
	case "":
		return strings.HasPrefix(strings.TrimLeftFunc(string(dest), isControlOrSpace), "//")
	case "mailto":
		return false
	}
	return true
}

// urlScheme returns the lowercased scheme of a link address, or "" for a relative address.
// It reads the address as the renderer writes it and a browser then reads it: character
// references decoded, tabs and newlines ignored anywhere, control characters and spaces in
// front ignored.
func urlScheme(dest []byte) string {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, stdhtml.UnescapeString(string(dest)))
	s = strings.TrimLeftFunc(s, isControlOrSpace)
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return ""
	}
	return strings.ToLower(s[:i])
}

func isControlOrSpace(r rune) bool { return r <= ' ' }

// Patterns of the attribute values the sanitising policy lets through.
var (
	headingIDPattern = regexp.MustCompile(`^[\p{L}\p{M}\p{N}-]+$`)
	alignPattern     = regexp.MustCompile(`^(?:left|center|right)$`)
	relPattern       = regexp.MustCompile(`^noopener noreferrer$`)
	// An image must come from the site itself: a relative address, without a scheme and not
	// protocol-relative ("//host/...").
	localImagePattern = regexp.MustCompile(`^(?:/?[^/:\s][^:\s]*)$`)
)

// newPolicy returns the allow-list the rendered HTML is sanitised with.
//
// It is narrower than bluemonday.UGCPolicy on purpose. A guide is edited by district staff and
// published on a public site read by families, so the policy allows exactly what the Markdown
// of a guide produces and nothing more: text structure, lists, quotes, code, tables, links and
// images. Compared with UGCPolicy it drops the global id/class/dir/lang/title attributes
// (ids are kept only on headings, in the form the renderer makes them), definition lists,
// figures, details and the like, and it allows images only from the site itself: an image
// from another host would let that host log every family that opens the guide. Links may use
// http, https, mailto or a relative address; links to other sites carry rel="noopener
// noreferrer".
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "blockquote", "pre", "code",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "strong", "em", "del",
		"table", "thead", "tbody", "tfoot", "tr", "th", "td")
	p.AllowAttrs("id").Matching(headingIDPattern).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("align").Matching(alignPattern).OnElements("th", "td")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(relPattern).OnElements("a")
	p.AllowAttrs("title").OnElements("a", "img")
	p.AllowAttrs("src").Matching(localImagePattern).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}
