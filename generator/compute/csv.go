package compute

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"
)

// csvHeader is the header of metrics.csv (docs/metrics.md).
var csvHeader = []string{"entity_type", "entity_code", "entity_name", "year", "topic", "metric",
	"group", "category", "numerator", "denominator", "value", "suppressed", "suppression", "source"}

// csvRow is a row of metrics.csv. Every field is a string so that a suppressed row, a median's
// numerator and a gap's counts can be left empty.
type csvRow struct {
	EntityType  string `csv:"entity_type"`
	EntityCode  string `csv:"entity_code"`
	EntityName  string `csv:"entity_name"`
	Year        string `csv:"year"`
	Topic       string `csv:"topic"`
	Metric      string `csv:"metric"`
	Group       string `csv:"group"`
	Category    string `csv:"category"`
	Numerator   string `csv:"numerator"`
	Denominator string `csv:"denominator"`
	Value       string `csv:"value"`
	Suppressed  string `csv:"suppressed"`
	// Suppression is why a suppressed figure is hidden: "size" (fewer than min_n students) or
	// "complementary" (hidden so that another hidden figure cannot be worked out); empty when
	// published.
	Suppression string `csv:"suppression"`
	// Source says where the figure comes from: SourceInputs (computed from the district's own
	// files) or a DESE report, its year and file (a site built from public reports alone).
	Source string `csv:"source"`
}

// WriteCSV writes figures as metrics.csv: the header, then one row per figure in the given
// order. Codes, names and categories pass through CSVText. A suppressed row keeps its keys,
// leaves numerator, denominator and value empty and says in suppression why it is hidden; a
// median has no numerator and a gap neither numerator nor denominator. Values are written in
// full precision (strconv 'f', -1): rounding is for display only.
//
// The rows are written with gocsv, whose settings are package globals. WriteCSV changes none
// of them and depends on none: it writes the header itself, and hands gocsv its own
// csv.Writer (so neither gocsv.SetCSVWriter nor gocsv.TagSeparator applies) and rows whose
// fields are all strings, which gocsv writes in field order whatever gocsv.TagName says.
func WriteCSV(w io.Writer, figs []Figure) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	rows := make([]csvRow, len(figs))
	for i := range figs {
		rows[i] = rowOf(&figs[i])
	}
	return gocsv.MarshalCSVWithoutHeaders(rows, gocsv.NewSafeCSVWriter(cw))
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

func rowOf(f *Figure) csvRow {
	r := csvRow{
		EntityType: f.EntityType, EntityCode: CSVText(f.EntityCode), EntityName: CSVText(f.EntityName),
		Year: strconv.Itoa(f.Year), Topic: string(f.Topic), Metric: string(f.Metric), Group: f.Group,
		Category: CSVText(f.Category), Suppressed: strconv.FormatBool(f.Suppressed),
		Suppression: string(f.SuppressedFor), Source: CSVText(sourceText(f)),
	}
	if f.Suppressed {
		return r
	}
	r.Value = strconv.FormatFloat(f.Value, 'f', -1, 64)
	if f.Source != "" {
		// DESE gives its rounded value and the denominator, not the numerator.
		r.Denominator = strconv.Itoa(f.Denominator)
		return r
	}
	switch f.Kind {
	case Share, Count:
		r.Numerator, r.Denominator = strconv.Itoa(f.Numerator), strconv.Itoa(f.Denominator)
	case Median:
		r.Denominator = strconv.Itoa(f.Denominator)
	}
	return r
}
