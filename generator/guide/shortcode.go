package guide

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Shortcode delimiters.
const (
	shortcodeOpen  = "{{<"
	shortcodeClose = ">}}"
)

// A figure shortcode is replaced, before the Markdown is parsed, by a placeholder made of
// private-use characters (which Markdown treats as plain text and which guides may not
// contain): placeholderStart, the figure's index in decimal, placeholderEnd. The placeholder is
// then replaced inside text nodes of the Markdown tree, where the renderer escapes it.
const (
	placeholderStart = '\uE000'
	placeholderEnd   = '\uE001'
	placeholderChars = string(placeholderStart) + string(placeholderEnd)
)

// figureRef is a figure shortcode found in a guide: where it is and the text it stands for.
type figureRef struct {
	line int
	text string
}

// expandShortcodes replaces each shortcode in body (whose first line is line bodyLine of the
// file) with a placeholder, calling figure for its text.
func expandShortcodes(body string, bodyLine int, figure func(args []string) (string, error)) (string, []figureRef, []lineError) {
	var (
		out     strings.Builder
		figures []figureRef
		errs    []lineError
	)
	line := bodyLine
	for {
		start := strings.Index(body, shortcodeOpen)
		if start < 0 {
			out.WriteString(body)
			break
		}
		out.WriteString(body[:start])
		line += strings.Count(body[:start], "\n")
		body = body[start:]
		lineEnd := strings.IndexByte(body, '\n')
		if lineEnd < 0 {
			lineEnd = len(body)
		}
		end := strings.Index(body[:lineEnd], shortcodeClose)
		if end < 0 {
			// No shortcode later on this line can be closed either: go on at the next line.
			errs = append(errs, lineError{line, fmt.Errorf("malformed shortcode %s: no %s on the same line", quoteShort(body[:lineEnd]), shortcodeClose)})
			body = body[lineEnd:]
			continue
		}
		inner := body[len(shortcodeOpen):end]
		body = body[end+len(shortcodeClose):]
		args, err := parseFigure(inner)
		if err != nil {
			errs = append(errs, lineError{line, err})
			continue
		}
		if figure == nil {
			errs = append(errs, lineError{line, errors.New("figure shortcode, but no figures to quote")})
			continue
		}
		text, err := figure(args)
		if err != nil {
			errs = append(errs, lineError{line, err})
			continue
		}
		out.WriteString(placeholder(len(figures)))
		figures = append(figures, figureRef{line: line, text: cleanFigureText(text)})
	}
	return out.String(), figures, errs
}

// parseFigure parses the inside of a shortcode, which must be a figure shortcode, and returns
// its arguments.
func parseFigure(inner string) ([]string, error) {
	s := strings.TrimLeft(inner, " \t")
	nameEnd := strings.IndexAny(s, " \t\"")
	if nameEnd < 0 {
		nameEnd = len(s)
	}
	name := s[:nameEnd]
	if name != "figure" {
		if name == "" {
			return nil, fmt.Errorf("malformed shortcode %s: no shortcode name", quoteShort(shortcodeOpen+inner+shortcodeClose))
		}
		return nil, fmt.Errorf("unknown shortcode %s (guides have one shortcode, figure)", quoteShort(name))
	}
	var args []string
	s = s[nameEnd:]
	for {
		trimmed := strings.TrimLeft(s, " \t")
		if trimmed == "" {
			break
		}
		if len(trimmed) == len(s) || trimmed[0] != '"' {
			return nil, fmt.Errorf("malformed figure shortcode %s: each argument is written in double quotes, separated by spaces", quoteShort(shortcodeOpen+inner+shortcodeClose))
		}
		closing := strings.IndexByte(trimmed[1:], '"')
		if closing < 0 {
			return nil, fmt.Errorf("malformed figure shortcode %s: an argument's closing quote is missing", quoteShort(shortcodeOpen+inner+shortcodeClose))
		}
		args = append(args, trimmed[1:1+closing])
		s = trimmed[2+closing:]
	}
	if len(args) < 3 || len(args) > 4 {
		return nil, fmt.Errorf("malformed figure shortcode %s: it takes 3 or 4 arguments (entity, metric, group, optional category), not %d", shortcodeOpen+inner+shortcodeClose, len(args))
	}
	return args, nil
}

// cleanFigureText keeps a figure's text on one line and free of the placeholder characters and
// of NUL (which the sanitiser keeps in text but replaces in an attribute, an image's alt).
func cleanFigureText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == placeholderStart || r == placeholderEnd || r == 0:
			return '\uFFFD'
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		}
		return r
	}, s)
}

// replacePlaceholders replaces the placeholders in literal with their figures' texts, counting
// each use in used. Text that is not a complete placeholder is kept as it is.
func replacePlaceholders(literal []byte, figures []figureRef, used []int) []byte {
	s := string(literal)
	if !strings.ContainsRune(s, placeholderStart) {
		return literal
	}
	return []byte(fillPlaceholders(s, len(figures), func(n int) string {
		used[n]++
		return figures[n].text
	}))
}

// fillPlaceholders replaces each complete placeholder in s of a figure below count with
// text(n).
func fillPlaceholders(s string, count int, text func(n int) string) string {
	var out strings.Builder
	out.Grow(len(s) + 16*count)
	for {
		i, n, ok := nextPlaceholder(s, count)
		if !ok {
			out.WriteString(s)
			return out.String()
		}
		out.WriteString(s[:i])
		out.WriteString(text(n))
		s = s[i+placeholderLen(n):]
	}
}

// nextPlaceholder finds the first complete placeholder in s for a figure index below count,
// returning its byte offset and index.
func nextPlaceholder(s string, count int) (offset, index int, ok bool) {
	from := 0
	for {
		i := strings.IndexRune(s[from:], placeholderStart)
		if i < 0 {
			return 0, 0, false
		}
		i += from
		rest := s[i+len(string(placeholderStart)):]
		j := strings.IndexRune(rest, placeholderEnd)
		if j > 0 {
			if n, err := strconv.Atoi(rest[:j]); err == nil && n >= 0 && n < count && rest[:j] == strconv.Itoa(n) {
				return i, n, true
			}
		}
		from = i + len(string(placeholderStart))
	}
}

// placeholder returns figure n's placeholder.
func placeholder(n int) string {
	return string(placeholderStart) + strconv.Itoa(n) + string(placeholderEnd)
}

// escapeText escapes a figure's text as the sanitiser writes text (golang.org/x/net/html's
// escaping of a text token), so that a compiled guide filled in is the page render gives.
var escapeText = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;", "\r", "&#13;").Replace

// placeholderLen is the length in bytes of figure n's placeholder.
func placeholderLen(n int) int {
	return len(string(placeholderStart)) + len(strconv.Itoa(n)) + len(string(placeholderEnd))
}

// quoteShort quotes s for an error message, cut short if it is long.
func quoteShort(s string) string {
	const max = 60
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}
