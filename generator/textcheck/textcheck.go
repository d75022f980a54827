// Package textcheck finds what may not be in a text file a person edits (a guide, a
// translation file): bytes that are not UTF-8, which would reach a page as they are, and
// control characters other than tab and line breaks, which no reader can see.
package textcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a file, at a line and column (in characters, from 1).
type Problem struct {
	Line, Column int
	Message      string // what, and what to do
}

// Source checks a file's bytes (a UTF-8 BOM aside). Lines end at LF, CRLF or a lone CR. It
// returns the first max problems, and how many there are.
func Source(src []byte, max int) (problems []Problem, total int) {
	s, _ := strings.CutPrefix(string(src), "\uFEFF")
	line, col := 1, 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if total++; total <= max {
				problems = append(problems, Problem{line, col, fmt.Sprintf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8", s[i])})
			}
		case r == '\n' || (r == '\r' && !strings.HasPrefix(s[i+1:], "\n")):
			line, col = line+1, 0
		case IsControl(r) && r != '\t' && r != '\r':
			if total++; total <= max {
				problems = append(problems, Problem{line, col, DescribeControl(r) + "; remove it"})
			}
		}
		i += size
		col++
	}
	return problems, total
}

// Text returns what is wrong with a text value (a TOML string, whose escapes such as \u0000
// can put any character in it): a control character other than tab and line breaks; "" when
// nothing is.
func Text(s string) string {
	n := 0
	for _, r := range s {
		n++
		if IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return fmt.Sprintf("the text has %s at character %d; remove it", DescribeControl(r), n)
		}
	}
	return ""
}

// IsControl reports whether r is a control character: C0, DEL or C1.
func IsControl(r rune) bool { return r < 0x20 || (r >= 0x7F && r < 0xA0) }

// DescribeControl names a control character: "byte 0x00 (a control character)",
// "character U+0085 (a control character)".
func DescribeControl(r rune) string {
	if r < utf8.RuneSelf {
		return fmt.Sprintf("byte 0x%02X (a control character)", r)
	}
	return fmt.Sprintf("character U+%04X (a control character)", r)
}

// Distance is the edit distance (Levenshtein, in bytes) of two words, for the "did you mean"
// of a misspelled name a person typed (a column, a metric).
func Distance(a, b string) int { return distance(a, b, false) }

// SwapDistance is Distance with a swap of two neighbouring bytes counted as one edit (the
// optimal string alignment distance): "nav.hoem" is 1 from "nav.home", where Distance says 2.
func SwapDistance(a, b string) int { return distance(a, b, true) }

// distance fills the table of distances between the prefixes of a and b row by row, keeping
// the rows i-2, i-1 and i.
func distance(a, b string, swaps bool) int {
	var rows [3][]int
	for r := range rows {
		rows[r] = make([]int, len(b)+1)
	}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev2, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if swaps && i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, prev2
	}
	return rows[1][len(b)]
}
