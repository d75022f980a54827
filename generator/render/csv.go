package render

import (
	"bytes"
	"encoding/csv"

	"elreport/generator/compute"
)

// figuresCSV writes figures in the layout of data/metrics.csv (compute.WriteCSV).
func figuresCSV(figs []compute.Figure) ([]byte, error) {
	var buf bytes.Buffer
	if err := compute.WriteCSV(&buf, figs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// rowsCSV writes rows (the first is the header) as CSV.
func rowsCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tableCSV returns the download of a table: exactly the figures (or rows) it shows, in the
// order it shows them.
func tableCSV(t *Table) ([]byte, error) {
	if t.rows != nil {
		return rowsCSV(t.rows)
	}
	figs := make([]compute.Figure, len(t.figs))
	for i, f := range t.figs {
		figs[i] = *f
	}
	return figuresCSV(figs)
}
