package load

import (
	"fmt"
	"unicode/utf8"
)

// Names and codes are published (page titles, addresses, CSV downloads), so their text is
// checked: valid UTF-8, no control characters, and no longer than a limit that no real name
// or code comes near, so that a damaged export cannot put a megabyte name on every page. Only
// the text columns are checked this way (the codes and names of schools.csv, and student_id
// and home_language of students.csv); every other column has a parser that accepts only its
// few words or digits, and the keys of the other files are looked up in the indexes, which hold
// only checked text (see notFound).
const (
	maxNameChars = 200 // district_name, school_name, grade_span, level, home_language
	maxCodeChars = 40  // district_code, school_code
	maxIDChars   = 100 // student_id: room for a pseudonymous id such as a SHA-256 digest in hex
)

// reasonControl is the reason of a text value with a control character.
const reasonControl = "has a control character (a tab, a line break or another invisible character)"

// reasonReplacement is the reason of a text value with U+FFFD, the character that stands for
// one lost: an export that could not write a letter, or a byte that Windows-1252 does not
// define (0x81, 0x8D, 0x8F, 0x90, 0x9D) decoded. Published, it shows as "�" in a school's name.
const reasonReplacement = "has the character U+FFFD (�), which stands for a letter the export lost or a byte that Windows-1252 does not define; correct the name in the export"

// textKind is a kind of text column and its limit.
type textKind struct {
	what  string // "a name", as the messages say it
	limit int    // characters
	long  string // the reason of a value over the limit
}

func newTextKind(what string, limit int) *textKind {
	return &textKind{what: what, limit: limit,
		long: fmt.Sprintf("is too long (%s may have at most %d characters)", what, limit)}
}

var (
	nameText = newTextKind("a name", maxNameChars)
	codeText = newTextKind("a code", maxCodeChars)
	idText   = newTextKind("a student_id", maxIDChars)
)

// Parsers of the text columns.
var (
	parseName = nameText.parse
	parseCode = codeText.parse
	parseID   = idText.parse
)

// parse reads a text value of the kind: anything that check accepts.
func (k *textKind) parse(s string) (string, error) {
	if reason, detail := k.check(s); reason != "" {
		return "", valueError{value: s, reason: reason, detail: detail}
	}
	return s, nil
}

// check returns why s is not a valid text value of the kind, and where: not valid UTF-8, a
// control character (C0, DEL or C1: tabs and line breaks included, even in a quoted field),
// U+FFFD (a letter lost), or more characters than the limit. The reason is the same for every value with that problem
// (the ledger counts rows by it); the detail says what and where in this value. Both are
// empty when s is fine.
func (k *textKind) check(s string) (reason, detail string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			return k.checkText(s)
		}
	}
	// Printable ASCII, the usual value: one byte per character.
	if len(s) > k.limit {
		return k.long, fmt.Sprintf("is %d characters long; %s may have at most %d", len(s), k.what, k.limit)
	}
	return "", ""
}

// checkText is check for a value that is not all printable ASCII.
func (k *textKind) checkText(s string) (reason, detail string) {
	if !utf8.ValidString(s) {
		return reasonUTF8, ""
	}
	n := 0 // characters before i
	for i := 0; i < len(s); n++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return reasonControl, fmt.Sprintf("has %s at character %d", describeControl(rune(c)), n+1)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0xA0 { // C1 controls, U+0080 to U+009F
			return reasonControl, fmt.Sprintf("has %s at character %d", describeControl(r), n+1)
		}
		if r == utf8.RuneError {
			return reasonReplacement, fmt.Sprintf("has U+FFFD at character %d", n+1)
		}
		i += size
	}
	if n > k.limit {
		return k.long, fmt.Sprintf("is %d characters long; %s may have at most %d", n, k.what, k.limit)
	}
	return "", ""
}

// describeControl names a control character for a message: "byte 0x09 (a tab)",
// "character U+0085 (a control character)".
func describeControl(r rune) string {
	switch r {
	case '\t':
		return "byte 0x09 (a tab)"
	case '\n', '\r':
		return fmt.Sprintf("byte 0x%02X (a line break)", r)
	}
	if r < utf8.RuneSelf {
		return fmt.Sprintf("byte 0x%02X (a control character)", r)
	}
	return fmt.Sprintf("character U+%04X (a control character)", r)
}

// maxValueChars is how much of a value a RowError keeps: enough to recognise it, without
// printing a damaged megabyte.
const maxValueChars = 60

// shorten cuts a value for a RowError to maxValueChars characters, marking the cut with "…".
func shorten(s string) string {
	if len(s) <= maxValueChars {
		return s
	}
	i, n := 0, 0
	for i < len(s) && n < maxValueChars {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}
