package i18n

import (
	"elreport/generator/textcheck"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/feature/plural"
)

// problem is an error at a line (and column) of a translation file; Load prefixes the file's
// name. line 0 means the file as a whole, col 0 the line as a whole.
type problem struct {
	line, col int
	msg       string
}

// maxErrors bounds the errors reported for one file; the rest are counted.
const maxErrors = 20

// fileErrors joins the problems of a file, sorted by line, each prefixed with "name:line:col:";
// past maxErrors it says how many more there are.
func fileErrors(name string, problems []problem) []error {
	slices.SortStableFunc(problems, func(a, b problem) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return a.col - b.col
	})
	var errs []error
	for i, p := range problems {
		if i == maxErrors {
			errs = append(errs, fmt.Errorf("%s: %d more errors", name, len(problems)-maxErrors))
			break
		}
		switch {
		case p.line > 0 && p.col > 0:
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s", name, p.line, p.col, p.msg))
		case p.line > 0:
			errs = append(errs, fmt.Errorf("%s:%d: %s", name, p.line, p.msg))
		default:
			errs = append(errs, fmt.Errorf("%s: %s", name, p.msg))
		}
	}
	return errs
}

// checkSource finds the bytes of a translation file that may not be in it (see package
// textcheck), with their line and column. The TOML parser refuses them too, but names only the
// line. It returns the first maxErrors of them, and how many there are.
func checkSource(b []byte) (problems []problem, total int) {
	found, total := textcheck.Source(b, maxErrors)
	for _, p := range found {
		problems = append(problems, problem{p.Line, p.Column, p.Message})
	}
	return problems, total
}

// checkText returns what is wrong with a translated text (see textcheck.Text).
func checkText(s string) string { return textcheck.Text(s) }

// checkEntries checks the texts of a catalog (see checkText).
func checkEntries(cat catalog, lines keyLines) []problem {
	var out []problem
	for _, key := range sortedKeys(cat) {
		e := cat[key]
		if e.forms == nil {
			if msg := checkText(e.text); msg != "" {
				out = append(out, problem{lines.of(key), 0, fmt.Sprintf("key %q: %s", key, msg)})
			}
			continue
		}
		for _, form := range formOrder {
			if s, ok := e.forms[form]; ok {
				if msg := checkText(s); msg != "" {
					out = append(out, problem{lines.of(key), 0, fmt.Sprintf("key %q (form %q): %s", key, formNames[form], msg)})
				}
			}
		}
	}
	return out
}

// formOrder lists the plural forms in the order messages name them.
var formOrder = []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}

var formNames = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// placeholders returns the names of the placeholders of a text, sorted and without repeats,
// read as substitute reads them: from a "{" to the next "}".
func placeholders(text string) []string {
	var names []string
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		names = append(names, text[open+1:open+end])
		text = text[open+end+1:]
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// checkPlaceholders compares the placeholders of a language's catalog with the default
// language's, key by key: the program fills in the default language's names, so a renamed
// placeholder would be published as written ("{numero}"), and a missing one would drop a
// figure from the sentence. A plain text, and the "other" form of a plural message, must have
// exactly the default language's placeholders (its "other" form's), or their alternatives (see
// placeholderAlternatives); the other plural forms may leave some out (Arabic writes "one
// student" without the number) but may not add any.
func checkPlaceholders(cat, def catalog, lines keyLines) []problem {
	var out []problem
	for _, key := range sortedKeys(cat) {
		d, ok := def[key]
		if !ok {
			continue // ignored
		}
		e := cat[key]
		want := placeholders(d.text)
		if msg := placeholderProblem(placeholders(e.text), want); msg != "" {
			where := fmt.Sprintf("key %q", key)
			if e.forms != nil {
				where += ` (form "other")`
			}
			out = append(out, problem{lines.of(key), 0, where + ": " + msg})
		}
		if e.forms == nil {
			continue
		}
		allowed := want
		for _, s := range d.forms {
			allowed = append(allowed, placeholders(s)...)
		}
		slices.Sort(allowed)
		allowed = slices.Compact(allowed)
		for _, form := range formOrder {
			s, ok := e.forms[form]
			if !ok || form == plural.Other {
				continue
			}
			got := placeholders(s)
			if extra := difference(got, allowed); len(extra) > 0 {
				out = append(out, problem{lines.of(key), 0, fmt.Sprintf("key %q (form %q): %s",
					key, formNames[form], extraProblem(extra, allowed))})
			}
		}
	}
	return out
}

// placeholderAdvice is what to do about a placeholder problem.
const placeholderAdvice = "; keep the names in braces as the default language writes them"

// placeholderProblem says how the placeholders got differ from want, or returns "".
func placeholderProblem(got, want []string) string {
	extra, missing := difference(got, want), difference(want, got)
	switch {
	case len(extra) == 0 && len(missing) == 0:
		return ""
	case len(extra) == 0:
		return fmt.Sprintf("lacks %s of the default language's text%s", placeholderNames(missing, "the placeholder"), placeholderAdvice)
	case len(want) == 0 || len(missing) == 0:
		return extraProblem(extra, want)
	}
	return fmt.Sprintf("%s not the default language's %s%s", placeholderNames(got, "are"), braces(want), placeholderAdvice)
}

// extraProblem says that the placeholders extra are not among want.
func extraProblem(extra, want []string) string {
	if len(want) == 0 {
		return fmt.Sprintf("%s not in the default language's text, which has none%s", placeholderNames(extra, "are"), placeholderAdvice)
	}
	return fmt.Sprintf("%s not in the default language's text (%s)%s", placeholderNames(extra, "are"), braces(want), placeholderAdvice)
}

// placeholderNames writes names as placeholders for a sentence: with verb "are", "placeholder
// {x} is" or "placeholders {x} {y} are"; with a noun phrase ("the placeholder"), "the
// placeholder {x}" or "the placeholders {x} {y}".
func placeholderNames(names []string, verb string) string {
	if verb == "are" {
		if len(names) == 1 {
			return "placeholder " + braces(names) + " is"
		}
		return "placeholders " + braces(names) + " are"
	}
	if len(names) == 1 {
		return verb + " " + braces(names)
	}
	return verb + "s " + braces(names)
}

// braces writes names in braces, separated by spaces: "{n} {pct}".
func braces(names []string) string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = "{" + n + "}"
	}
	return strings.Join(s, " ")
}

// placeholderAlternatives lists, for a placeholder, the other names the program fills in
// wherever it fills in that one, so that a translation may use either: {threshold} is the gap
// threshold as a number, {threshold_points} the number with the word for points in the plural
// form the number needs (Arabic has four), for languages where a fixed word after the number
// would be wrong. A placeholder and its alternatives count as one in checkPlaceholders.
var placeholderAlternatives = map[string][]string{
	"threshold": {"threshold_points"},
}

// samePlaceholder reports whether a and b are the same placeholder or alternatives of one.
func samePlaceholder(a, b string) bool {
	return a == b || slices.Contains(placeholderAlternatives[a], b) || slices.Contains(placeholderAlternatives[b], a)
}

// difference returns the names of a that are not in b (see samePlaceholder).
func difference(a, b []string) []string {
	var out []string
	for _, n := range a {
		if !slices.ContainsFunc(b, func(m string) bool { return samePlaceholder(n, m) }) {
			out = append(out, n)
		}
	}
	return out
}

// keyLines maps the dotted keys of a TOML text to the lines where they are set; see findKeyLines.
type keyLines map[string]int

// of returns the line of key, or of the longest key or table it is within (a key of an inline
// table is found at its table's line); 0 when none is known.
func (k keyLines) of(key string) int {
	for {
		if line, ok := k[key]; ok {
			return line
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

// findKeyLines finds the line of each key set in a TOML text (which must be valid TOML: the
// lines are for messages about a file that parsed): each "[table]" or "[[table]]" header, and
// each "key = value" at the start of a line, with its table's name in front and dotted and
// quoted keys joined with dots, as the flattened catalog writes them. It skips strings
// (multi-line ones too), comments, and the insides of arrays and inline tables, whose keys get
// their outer key's line.
func findKeyLines(src string) keyLines {
	lines := keyLines{}
	table := ""
	line := 1
	depth := 0        // of brackets and braces in a value
	lineStart := true // nothing but spaces since the last line break
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			lineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		if lineStart && depth == 0 {
			lineStart = false
			if c == '[' {
				j := i + 1
				if j < len(src) && src[j] == '[' {
					j++
				}
				path, n := readKeyPath(src[j:])
				if path != "" {
					table = path
					if _, ok := lines[table]; !ok {
						lines[table] = line
					}
				}
				i = j + n
				for i < len(src) && src[i] != '\n' && src[i] != '#' {
					i++
				}
				continue
			}
			path, n := readKeyPath(src[i:])
			if path != "" && i+n < len(src) && src[i+n] == '=' {
				full := path
				if table != "" {
					full = table + "." + path
				}
				if _, ok := lines[full]; !ok {
					lines[full] = line
				}
				i += n + 1
				continue
			}
		}
		lineStart = false
		switch c {
		case '"', '\'':
			n, breaks := skipString(src[i:])
			line += breaks
			i += n
			continue
		case '[', '{':
			depth++
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
		i++
	}
	return lines
}

// readKeyPath reads a dotted key (bare or quoted parts, spaces around the dots) at the start
// of s, up to "=" or "]", and returns it with its parts joined with dots and the bytes read
// (up to, not including, the "=" or "]"). It returns "" when s does not start with a key.
func readKeyPath(s string) (string, int) {
	var parts []string
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return "", i
		}
		switch c := s[i]; {
		case c == '"' || c == '\'':
			n, breaks := skipString(s[i:])
			if breaks > 0 || n < 2 {
				return "", i
			}
			part := s[i+1 : i+n-1]
			if c == '"' {
				part = unescapeKey(part)
			}
			parts = append(parts, part)
			i += n
		case isBareKeyChar(c):
			j := i
			for j < len(s) && isBareKeyChar(s[j]) {
				j++
			}
			parts = append(parts, s[i:j])
			i = j
		default:
			return "", i
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i < len(s) && s[i] == '.' {
			i++
			continue
		}
		if i < len(s) && (s[i] == '=' || s[i] == ']') {
			return strings.Join(parts, "."), i
		}
		return "", i
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// unescapeKey undoes the simple escapes of a quoted key (enough for messages).
func unescapeKey(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(s)
}

// skipString returns the length of the string that s starts with (basic or literal, single
// or multi-line, quotes included) and the line breaks in it; an unclosed string runs to the
// end of its line (or of s, for a multi-line one).
func skipString(s string) (n, breaks int) {
	q := s[0]
	if strings.HasPrefix(s, strings.Repeat(string(q), 3)) {
		i := 3
		for i < len(s) {
			switch {
			case q == '"' && s[i] == '\\':
				if i+1 < len(s) && s[i+1] == '\n' {
					breaks++
				}
				i += 2
				continue
			case s[i] == '\n':
				breaks++
			case strings.HasPrefix(s[i:], strings.Repeat(string(q), 3)):
				i += 3
				for i < len(s) && s[i] == q { // up to two more quotes belong to the content
					i++
				}
				return i, breaks
			}
			i++
		}
		return len(s), breaks
	}
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == '\n':
			return i, 0
		case s[i] == q:
			return i + 1, 0
		}
	}
	return len(s), 0
}
