package public

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The encodings of a file.
const (
	encodingUTF8    = "utf-8"
	encoding1252    = "windows-1252"
	utf8BOM         = "\xEF\xBB\xBF"
	note1252        = "The file is not valid UTF-8, so it was read as Windows-1252 (as Excel saves \"CSV\" on Windows)."
	maxFileBytes    = 64 << 20 // far beyond any export (the school-level MCAS export is about 1 MB)
	maxNameChars    = 200      // as generator/load allows a name
	maxShownHeader  = 160      // characters of a header a message quotes
	maxErrorsOfFile = 10       // problems a file reports before "and N more"
)

// decode returns the text of an export: without a UTF-8 byte order mark, from Windows-1252
// when it is not valid UTF-8. It refuses what a spreadsheet may have saved instead of CSV.
//
// The rule is generator/load's (a byte order mark or valid UTF-8 is UTF-8, anything else is
// Windows-1252), but not its code: load detects the encoding while it streams large files, with
// settings from site.toml; these exports are small, so the whole file is checked at once.
func decode(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte(utf8BOM)):
		data = data[len(utf8BOM):]
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("the file starts with a UTF-8 byte order mark but is not valid UTF-8; save the export again as \"CSV UTF-8\"")
		}
		return string(data), encodingUTF8, nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return "", "", fmt.Errorf("the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV; open the export and save it as \"CSV UTF-8\"")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "", "", fmt.Errorf("the file is an Excel workbook (.xlsx), not CSV; open DESE's export and save it as \"CSV UTF-8\"")
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return "", "", fmt.Errorf("the file is an old Excel workbook (.xls), not CSV; open DESE's export and save it as \"CSV UTF-8\"")
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); bytes.HasPrefix(t, []byte("<")) {
		return "", "", fmt.Errorf("the file is a web page (HTML), not CSV; open DESE's export in a spreadsheet and save it as \"CSV UTF-8\"")
	}
	if utf8.Valid(data) {
		return string(data), encodingUTF8, nil
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every byte is a Windows-1252 character
		return "", "", err
	}
	return string(s), encoding1252, nil
}

// normName is the key of a header name: lower case, each run of spaces one space, and no space
// around "#" and "%" ("English Learners %" and "English Learners%" are "english learners%";
// "# in Cohort" is "#in cohort").
func normName(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	for _, sp := range [...]string{" #", "# ", " %", "% "} {
		s = strings.ReplaceAll(s, sp, strings.TrimSpace(sp))
	}
	return s
}

// letterKey is the letters and digits of s in lower case: the key of a group name ("Former
// EL" and "FormerEL" are "formerel").
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// blank says whether a cell is empty: DESE's mark of a suppressed value (an empty cell, or a
// single space in the selected-populations export).
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// parseCount reads a count as DESE writes it: right-aligned with spaces, with thousands
// separators ("  67,914"); ok is false for a blank cell.
func parseCount(s string) (n int, ok bool, err error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, false, nil
	}
	digits := strings.ReplaceAll(t, ",", "")
	if digits == "" || len(digits) > 9 || strings.HasPrefix(t, ",") || strings.HasSuffix(t, ",") || !allDigits(digits) {
		return 0, false, fmt.Errorf("%q is not a count (a whole number such as 1,034)", t)
	}
	n, err = strconv.Atoi(digits)
	if err != nil {
		return 0, false, fmt.Errorf("%q is not a count (a whole number such as 1,034)", t)
	}
	return n, true, nil
}

// parsePercent reads a percentage as DESE writes it ("  30.0", "48"; a trailing "%" is
// allowed); ok is false for a blank cell.
func parsePercent(s string) (v float64, ok bool, err error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, false, nil
	}
	num := strings.TrimSpace(strings.TrimSuffix(t, "%"))
	whole, frac, _ := strings.Cut(num, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) || len(num) > 12 {
		return 0, false, fmt.Errorf("%q is not a percentage (a number from 0 to 100 such as 30.0)", t)
	}
	v, err = strconv.ParseFloat(num, 64)
	if err != nil || v > 100 {
		return 0, false, fmt.Errorf("%q is not a percentage (a number from 0 to 100 such as 30.0)", t)
	}
	return v, true, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseCode reads an organisation's code: DESE's eight digits, or fewer when a spreadsheet
// dropped the leading zeros ("10000" is "00010000").
func parseCode(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" || len(t) > 8 || !allDigits(t) {
		return "", fmt.Errorf("%q is not a DESE code (eight digits, such as 00010000)", shorten(t))
	}
	return strings.Repeat("0", 8-len(t)) + t, nil
}

// checkName checks an organisation's name, which reaches the pages: valid text without control
// characters, and not longer than any real name.
func checkName(s string) error {
	if utf8.RuneCountInString(s) > maxNameChars {
		return fmt.Errorf("the name %q is too long (a name may have at most %d characters)", shorten(s), maxNameChars)
	}
	for _, r := range s {
		if r < 0x20 || r >= 0x7F && r < 0xA0 || r == utf8.RuneError {
			return fmt.Errorf("the name %q has a control character (a tab, a line break or another invisible character)", shorten(s))
		}
	}
	return nil
}

// shorten cuts a value for a message to 60 characters.
func shorten(s string) string {
	const most = 60
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
}
