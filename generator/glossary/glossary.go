// Package glossary reads the glossary of one language of the site, content/glossary/<lang>.toml,
// and links the first use of each of its terms on a page to the glossary page.
//
// # The file
//
// A glossary file is TOML: one [[term]] table per idea, in the order the glossary page lists
// them, and an optional list of prefixes before them:
//
//	[[term]]
//	id = "proficient"
//	term = "Profisienti"
//	variants = ["profisiénsia"]
//	definition = "Ten inglês sufisienti pa prende na aula sen ajuda di programa ..."
//	avoid = ["proficienti", "proficiénsia"]
//
// The keys:
//
//   - id (required) names the idea, the same in every language: lowercase letters, digits and
//     single hyphens. The term's anchor on the glossary page is "term-<id>".
//   - term (required) is the word or words the pages use for the idea, as the glossary page
//     shows them.
//   - variants are other forms of the same word that the pages also use (a plural, another
//     inflection, an abbreviation). The term and its variants are what a page links.
//   - definition (required) says what the idea means, in two or three plain sentences for a
//     family.
//   - avoid lists spellings or words that must not be used for the idea in this language (a
//     second spelling of the term, a word a review rejected). The program does not use them;
//     the repository's tests fail where a shipped text of the language has one.
//   - prefixes (at the top of the file) are letters written joined to the front of a word, such
//     as Arabic's و ("and") and ب ("with"): a term matches after one of them too.
//
// Every other key is an error, and so are an id used twice, a term or variant shorter than two
// characters or shared by two terms, and an avoided spelling that is part of the idea's own
// term or variants (which would fail every text that uses the term). Errors name the file and
// the line of the term's [[term]].
//
// # Links
//
// A page's texts are linked by a Linker, in the order the page shows them: each term is linked
// once per page, at its first use. A term matches where a text has the term or a variant as
// written, except that the first letter may be a capital ("Gap" at the start of a sentence
// matches "gap"; "access" does not match "ACCESS"), and as a whole word: not inside a longer
// word, unless the script writes no spaces between words (Chinese, Japanese) or one of the
// file's prefixes is joined to it. Where two terms match at one place the longer wins, so
// "former English learners" is one link and not a link to "English learners".
//
// # Avoided spellings
//
// Avoided finds the avoided spellings in a text: anywhere, in any case, even inside a longer
// word ("proficienti" in "Proficientis"), so that a spelling cannot slip through attached to
// another word, as Arabic writes its article.
package glossary

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"elreport/generator/textcheck"
)

// Glossary is the glossary of one language.
type Glossary struct {
	// Terms are the glossary's terms, in the file's order.
	Terms []Term
	// Prefixes are letters that may be joined to the front of a term (see the package doc).
	Prefixes []string

	// byFirst lists the terms and variants by their first letter (lowercase), longest first.
	byFirst map[rune][]needle
	// startsASCII says, for each ASCII character, whether byFirst has forms for it (as
	// useAt looks them up, lowercased): Link passes over the other ASCII characters, most of
	// a text, without a lookup.
	startsASCII [utf8.RuneSelf]bool
}

// Term is one idea of a glossary.
type Term struct {
	// ID names the idea in every language; Anchor is its id on the glossary page.
	ID string
	// Term is the word the pages use; Variants are its other forms.
	Term     string
	Variants []string
	// Definition says what the term means, in plain words.
	Definition string
	// Avoid lists the spellings that must not be used for the idea.
	Avoid []string
	// Line is the line of the term's [[term]] in its file.
	Line int
}

// Anchor is the term's id on the glossary page: "term-<id>".
func (t *Term) Anchor() string { return "term-" + t.ID }

// needle is a form of a term that a text may contain.
type needle struct {
	text string
	// rest is what follows the first letter: a use has the first letter in either case, then
	// rest as written.
	rest string
	term int
}

// file is the TOML of a glossary file.
type file struct {
	Prefixes []string    `toml:"prefixes"`
	Terms    []fileEntry `toml:"term"`
}

type fileEntry struct {
	ID         string   `toml:"id"`
	Term       string   `toml:"term"`
	Variants   []string `toml:"variants"`
	Definition string   `toml:"definition"`
	Avoid      []string `toml:"avoid"`
}

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Parse reads a glossary file; name names it in errors ("content/glossary/kea.toml").
func Parse(name string, src []byte) (*Glossary, error) {
	text := string(src)
	var f file
	md, err := toml.Decode(text, &f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d: %s", name, perr.Position.Line, strings.Join(strings.Fields(perr.Message), " "))
		}
		return nil, fmt.Errorf("%s: %s", name, strings.Join(strings.Fields(err.Error()), " "))
	}
	lines := termLines(text)
	lineOf := func(i int) int {
		if i < len(lines) {
			return lines[i]
		}
		return 1
	}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	for _, key := range md.Undecoded() {
		line, where := 1, ""
		if len(key) > 1 && key[0] == "term" {
			// The library does not say which [[term]]; the key's own line does.
			line = keyLineAfter(text, key[len(key)-1], lines)
			where = " in a [[term]] (a term has id, term, variants, definition and avoid)"
		} else {
			line = keyLineAfter(text, key[0], nil)
			where = " (a glossary has prefixes and [[term]] tables)"
		}
		fail(line, "unknown key %q%s", key.String(), where)
	}
	if len(f.Terms) == 0 && len(errs) == 0 {
		fail(1, "no terms: write one [[term]] table per idea (id, term, definition)")
	}
	g := &Glossary{byFirst: map[rune][]needle{}}
	for _, p := range f.Prefixes {
		if p = strings.TrimSpace(p); p == "" {
			fail(keyLineAfter(text, "prefixes", nil), "a prefix is empty")
			continue
		}
		g.Prefixes = append(g.Prefixes, p)
	}
	ids := map[string]int{}
	owner := map[string]int{} // a needle, folded, and its term
	for i, e := range f.Terms {
		line := lineOf(i)
		t := Term{ID: strings.TrimSpace(e.ID), Term: strings.TrimSpace(e.Term), Definition: strings.TrimSpace(e.Definition), Line: line}
		label := fmt.Sprintf("term %q", t.ID)
		switch {
		case t.ID == "":
			fail(line, "a term has no id (id = \"...\": lowercase letters, digits and hyphens)")
			label = "a term"
		case !validID.MatchString(t.ID):
			fail(line, "id %q: use lowercase letters, digits and single hyphens, e.g. \"making-progress\"", t.ID)
		case ids[t.ID] > 0:
			fail(line, "id %q is also the id of the term at line %d", t.ID, ids[t.ID])
		default:
			ids[t.ID] = line
		}
		if t.Term == "" {
			fail(line, "%s has no term (term = \"...\": the word the pages use)", label)
		}
		if t.Definition == "" {
			fail(line, "%s has no definition (definition = \"...\": what it means, in two or three plain sentences)", label)
		}
		for _, s := range append([]string{t.ID, t.Term, t.Definition}, append(e.Variants, e.Avoid...)...) {
			if msg := textcheck.Text(s); msg != "" {
				fail(line, "%s: %s", label, msg)
			}
		}
		forms := []string{t.Term}
		for _, v := range e.Variants {
			if v = strings.TrimSpace(v); v != "" && !slices.Contains(forms, v) {
				t.Variants = append(t.Variants, v)
				forms = append(forms, v)
			}
		}
		for _, form := range forms {
			if form == "" {
				continue
			}
			if utf8.RuneCountInString(form) < 2 {
				fail(line, "%s: %q is too short to find in a text (two characters or more)", label, form)
				continue
			}
			folded := lower(form)
			if j, ok := owner[folded]; ok {
				if j != i {
					fail(line, "%s: %q is also a form of term %q (line %d); a word names one idea", label, form, f.Terms[j].ID, lineOf(j))
				}
				continue
			}
			owner[folded] = i
			first, size := utf8.DecodeRuneInString(form)
			key := unicode.ToLower(first)
			g.byFirst[key] = append(g.byFirst[key], needle{text: form, rest: form[size:], term: i})
		}
		for _, a := range e.Avoid {
			if a = strings.TrimSpace(a); a == "" {
				fail(line, "%s: an avoided spelling is empty", label)
				continue
			}
			for _, form := range forms {
				if strings.Contains(lower(form), lower(a)) {
					fail(line, "%s: the avoided spelling %q is part of the term's own %q, so every text using the term would have it", label, a, form)
				}
			}
			t.Avoid = append(t.Avoid, a)
		}
		g.Terms = append(g.Terms, t)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, ns := range g.byFirst {
		slices.SortStableFunc(ns, func(a, b needle) int { return cmp.Compare(len(b.text), len(a.text)) })
	}
	for c := range g.startsASCII {
		_, g.startsASCII[c] = g.byFirst[unicode.ToLower(rune(c))]
	}
	return g, nil
}

// termLines returns the line of each [[term]] header of a glossary file, in order.
func termLines(text string) []int {
	var out []int
	for i, line := range strings.Split(text, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "[[") && strings.TrimSpace(strings.Trim(l, "[]")) == "term" {
			out = append(out, i+1)
		}
	}
	return out
}

// keyLineAfter returns the first line that sets key, or 1; with headers, the first such line
// after the first header (a key of a [[term]]).
func keyLineAfter(text, key string, headers []int) int {
	from := 0
	if len(headers) > 0 {
		from = headers[0]
	}
	for i, line := range strings.Split(text, "\n") {
		if i+1 <= from {
			continue
		}
		name, _, ok := strings.Cut(line, "=")
		if ok && strings.Trim(strings.TrimSpace(name), `"'`) == key {
			return i + 1
		}
	}
	return 1
}

// lower lowercases s letter by letter, keeping a letter whose lowercase has another length in
// UTF-8, so that an offset in the result is the same offset in s.
func lower(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}

// Term returns the term with an id, or nil.
func (g *Glossary) Term(id string) *Term {
	for i := range g.Terms {
		if g.Terms[i].ID == id {
			return &g.Terms[i]
		}
	}
	return nil
}

// Avoid is an avoided spelling found in a text.
type Avoid struct {
	// Term is the idea the spelling must not be used for; Spelling is as the glossary's avoid
	// list writes it, and Text as the text does.
	Term           *Term
	Spelling, Text string
	// Column is where the spelling starts in the text, in characters from 1.
	Column int
}

// Avoided returns the avoided spellings of the glossary in text, in the text's order.
func (g *Glossary) Avoided(text string) []Avoid {
	var out []Avoid
	low := lower(text)
	for i := range g.Terms {
		t := &g.Terms[i]
		for _, a := range t.Avoid {
			la := lower(a)
			for from := 0; ; {
				j := strings.Index(low[from:], la)
				if j < 0 {
					break
				}
				at := from + j
				out = append(out, Avoid{Term: t, Spelling: a, Text: text[at : at+len(la)],
					Column: utf8.RuneCountInString(text[:at]) + 1})
				from = at + len(la)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Avoid) int { return cmp.Compare(a.Column, b.Column) })
	return out
}

// Linker links the first use of each term of a glossary in the texts of one page. A nil
// *Linker links nothing: Link only escapes.
type Linker struct {
	g *Glossary
	// href is the glossary page's address from the page.
	href   string
	linked []bool
	left   int
}

// Linker returns a Linker for one page; href is the glossary page's address from that page.
// A nil *Glossary gives a nil Linker.
func (g *Glossary) Linker(href string) *Linker {
	if g == nil {
		return nil
	}
	return &Linker{g: g, href: href, linked: make([]bool, len(g.Terms)), left: len(g.Terms)}
}

// Link returns text as HTML, escaped, with the first use on the page of each term not yet
// linked made a link to the term on the glossary page: <a class="term" href="…#term-<id>">.
// Texts must be given in the order the page shows them.
//
// Link reads the text once, from the left: where a word starts with the first letter of some
// forms, the longest form that is there as a whole word is a use of its term, and the text
// goes on after it. A use of a term already linked is not linked again, but its words are
// still taken: "never English learners" is not a use of "English learners".
func (l *Linker) Link(text string) template.HTML {
	if l == nil || l.left == 0 || text == "" {
		return template.HTML(template.HTMLEscapeString(text))
	}
	var sb strings.Builder
	done := 0 // text[:done] is written
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && !l.g.startsASCII[c] {
			i++ // no form starts with it
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		n, ok := l.g.useAt(text, i, r, size)
		if !ok {
			i += size
			continue
		}
		end := i + size + len(n.rest)
		if !l.linked[n.term] {
			l.linked[n.term] = true
			l.left--
			if sb.Len() == 0 {
				sb.Grow(len(text) + 64)
			}
			sb.WriteString(template.HTMLEscapeString(text[done:i]))
			sb.WriteString(`<a class="term" href="`)
			sb.WriteString(template.HTMLEscapeString(l.href + "#" + l.g.Terms[n.term].Anchor()))
			sb.WriteString(`">`)
			sb.WriteString(template.HTMLEscapeString(text[i:end]))
			sb.WriteString(`</a>`)
			done = end
		}
		i = end
	}
	if done == 0 {
		return template.HTML(template.HTMLEscapeString(text))
	}
	sb.WriteString(template.HTMLEscapeString(text[done:]))
	return template.HTML(sb.String())
}

// useAt returns the longest form of a term used at text[i:], whose first letter r takes size
// bytes.
func (g *Glossary) useAt(text string, i int, r rune, size int) (needle, bool) {
	if !g.wordStart(text, i, r) {
		return needle{}, false
	}
	forms := g.byFirst[unicode.ToLower(r)]
	for _, n := range forms {
		if strings.HasPrefix(text[i+size:], n.rest) && wordEnd(text, i+size+len(n.rest), n.text) {
			return n, true
		}
	}
	return needle{}, false
}

// wordStart says whether a term starting at text[start:] (with first letter first) starts a
// word: at the start of the text, after a character that is not part of a word, after one of
// the prefixes that itself starts a word, or where the script writes no spaces.
func (g *Glossary) wordStart(text string, start int, first rune) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	if start == 0 || !inWord(before) || unspaced(before) || unspaced(first) {
		return true
	}
	for _, p := range g.Prefixes {
		if at := start - len(p); strings.HasSuffix(text[:start], p) {
			before, _ := utf8.DecodeLastRuneInString(text[:at])
			if at == 0 || !inWord(before) {
				return true
			}
		}
	}
	return false
}

// wordEnd says whether a term (written form) ending at text[:end] ends a word.
func wordEnd(text string, end int, form string) bool {
	after, _ := utf8.DecodeRuneInString(text[end:])
	last, _ := utf8.DecodeLastRuneInString(form)
	return end == len(text) || !inWord(after) || unspaced(after) || unspaced(last)
}

// inWord says whether r is part of a word: a letter, a digit or a combining mark.
func inWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// unspaced says whether r is of a script written without spaces between words.
func unspaced(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
