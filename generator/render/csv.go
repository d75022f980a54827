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

// rowsCSV writes rows (the first is the header) as CSV, every cell through compute.CSVText.
func rowsCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	safe := make([]string, 0, 8)
	for _, row := range rows {
		safe = safe[:0]
		for _, cell := range row {
			safe = append(safe, compute.CSVText(cell))
		}
		if err := w.Write(safe); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
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
