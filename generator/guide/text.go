package guide

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkSource finds the bytes of a guide file that may not be in it, with their line and
// column (in characters, counting from 1, lines as normalize counts them): bytes that are not
// UTF-8, which would reach the page as they are, and control characters other than tab and
// line breaks (CR, LF), which no reader can see. It returns the first maxErrors of them, and
// how many there are.
func checkSource(src []byte) (errs []lineError, total int) {
	var out []lineError
	s, _ := strings.CutPrefix(string(src), "\uFEFF")
	line, col := 1, 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if total++; total <= maxErrors {
				out = append(out, lineError{line, columnError{col, fmt.Errorf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8", s[i])}})
			}
		case r == '\n' || (r == '\r' && !strings.HasPrefix(s[i+1:], "\n")):
			line, col = line+1, 0
		case isControl(r) && r != '\t' && r != '\r':
			if total++; total <= maxErrors {
				out = append(out, lineError{line, columnError{col, fmt.Errorf("%s; remove it", describeControl(r))}})
			}
		}
		i += size
		col++
	}
	return out, total
}

// isControl reports whether r is a control character: C0, DEL or C1.
func isControl(r rune) bool { return r < 0x20 || (r >= 0x7F && r < 0xA0) }

// describeControl names a control character: "byte 0x00 (a control character)",
// "character U+0085 (a control character)".
func describeControl(r rune) string {
	if r < utf8.RuneSelf {
		return fmt.Sprintf("byte 0x%02X (a control character)", r)
	}
	return fmt.Sprintf("character U+%04X (a control character)", r)
}

// checkText returns what is wrong with a front matter text: a control character other than
// tab and line breaks, which a TOML escape such as \u0000 can put in a string.
func checkText(s string) string {
	n := 0
	for _, r := range s {
		n++
		if isControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return fmt.Sprintf("the text has %s at character %d; remove it", describeControl(r), n)
		}
	}
	return ""
}
