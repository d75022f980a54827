package guide

import (
	"errors"

	"elreport/generator/textcheck"
)

// checkSource finds the bytes of a guide file that may not be in it (see package textcheck),
// with their line and column, lines as normalize counts them. It returns the first maxErrors
// of them, and how many there are.
func checkSource(src []byte) (errs []lineError, total int) {
	problems, total := textcheck.Source(src, maxErrors)
	for _, p := range problems {
		errs = append(errs, lineError{p.Line, columnError{p.Column, errors.New(p.Message)}})
	}
	return errs, total
}

// checkText returns what is wrong with a front matter text (see textcheck.Text).
func checkText(s string) string { return textcheck.Text(s) }
