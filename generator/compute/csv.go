package compute

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader is the header of metrics.csv (docs/metrics.md). suppression says why a suppressed
// figure is hidden ("size", "complementary", "source"); source where a figure comes from
// (SourceInputs, or a DESE report, its year and file).
var csvHeader = [...]string{"entity_type", "entity_code", "entity_name", "year", "topic", "metric",
	"group", "category", "numerator", "denominator", "value", "suppressed", "suppression", "source"}

// WriteCSV writes figures as metrics.csv: the header, then one row per figure in the given
// order. Codes, names and categories pass through CSVText. A suppressed row keeps its keys,
// leaves numerator, denominator and value empty and says in suppression why it is hidden; a
// median has no numerator and a gap neither numerator nor denominator. Values are written in
// full precision (strconv 'f', -1): rounding is for display only.
//
// The rows are written with encoding/csv, a row of strings at a time. (They went through
// gocsv's typed rows until its reflection, a fifth of the downloads' time and an allocation
// per cell, showed in the profile of a state-scale build: 42,759 downloads.)
func WriteCSV(w io.Writer, figs []Figure) error {
	return writeCSV(w, len(figs), func(i int) *Figure { return &figs[i] })
}

// WriteCSVOf writes the figures figs points to as WriteCSV does: a table's download, whose
// figures are the result's, without copying them.
func WriteCSVOf(w io.Writer, figs []*Figure) error {
	return writeCSV(w, len(figs), func(i int) *Figure { return figs[i] })
}

// writeCSV writes the n figures fig returns as WriteCSV does. encoding/csv buffers what it
// writes in a bufio.Writer, of its own unless w is one already.
func writeCSV(w io.Writer, n int, fig func(i int) *Figure) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader[:]); err != nil {
		return err
	}
	var row [len(csvHeader)]string
	for i := range n {
		rowOf(fig(i), &row)
		if err := cw.Write(row[:]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVText makes a text cell safe to open in a spreadsheet: a value from the inputs that
// starts with =, +, -, @, a tab or a carriage return would be read as a formula by Excel and
// its kin (a school named =HYPERLINK(...) in a committee member's download), so such a value
// gets a leading apostrophe, which spreadsheets show as text. Numbers (-12.5) are left alone.
func CSVText(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// rowOf fills row with f's cells, in csvHeader's order. Every cell is a string so that a
// suppressed row, a median's numerator and a gap's counts can be left empty.
func rowOf(f *Figure, row *[len(csvHeader)]string) {
	*row = [len(csvHeader)]string{
		f.EntityType, CSVText(f.EntityCode), CSVText(f.EntityName()), strconv.Itoa(f.Year),
		string(f.Topic()), string(f.Metric), f.Group, CSVText(f.Category),
		"", "", "", strconv.FormatBool(f.Suppressed), f.SuppressedFor.String(), CSVText(sourceText(f)),
	}
	if f.Suppressed {
		return
	}
	const numerator, denominator, value = 8, 9, 10
	row[value] = strconv.FormatFloat(f.Value, 'f', -1, 64)
	if f.Source() != "" {
		// DESE gives its rounded value and the denominator, not the numerator.
		row[denominator] = strconv.Itoa(f.Denominator)
		return
	}
	switch f.Kind {
	case Share, Count:
		row[numerator], row[denominator] = strconv.Itoa(f.Numerator), strconv.Itoa(f.Denominator)
	case Median:
		row[denominator] = strconv.Itoa(f.Denominator)
	}
}
