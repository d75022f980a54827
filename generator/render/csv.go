package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"sync/atomic"
	"time"

	"elreport/generator/compute"
)

// csvSize is room for a download of rows rows: a row is 100-150 bytes (the figure's names
// and source).
func csvSize(rows int) int { return 256 + 160*rows }

// figuresCSV writes figures in the layout of data/metrics.csv (compute.WriteCSV).
func figuresCSV(figs []compute.Figure) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(csvSize(len(figs))) // grown as written, it would allocate twice that
	if err := compute.WriteCSV(&buf, figs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// streamCSV writes figures to the file name of out as figuresCSV returns them, a buffer at a
// time, adding the time spent in the file's writes to writing (nanoseconds). It stops at the
// next buffer once ctx is done (a page failed, or the build was interrupted).
func streamCSV(ctx context.Context, out StreamOutput, name string, figs []compute.Figure, writing *atomic.Int64) error {
	f, err := out.CreateFile(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(timedWriter{ctx, f, writing}, 256<<10)
	err = compute.WriteCSV(bw, figs)
	if err == nil {
		// encoding/csv flushes bw already, as it writes into a *bufio.Writer it is given;
		// it does not document that.
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// timedWriter adds the time each write takes to d (nanoseconds), and refuses to write once
// ctx is done.
type timedWriter struct {
	ctx context.Context
	w   io.Writer
	d   *atomic.Int64
}

func (t timedWriter) Write(p []byte) (int, error) {
	if err := t.ctx.Err(); err != nil {
		return 0, err
	}
	start := time.Now()
	n, err := t.w.Write(p)
	t.d.Add(int64(time.Since(start)))
	return n, err
}

// rowsCSV writes rows (the first is the header) as CSV, every cell through compute.CSVText.
func rowsCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	err := writeRowsCSV(&buf, rows)
	return buf.Bytes(), err
}

// writeRowsCSV writes rows into w as rowsCSV returns them.
func writeRowsCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	safe := make([]string, 0, 8)
	for _, row := range rows {
		safe = safe[:0]
		for _, cell := range row {
			safe = append(safe, compute.CSVText(cell))
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeTableCSV writes the download of a table into w: exactly the figures (or rows) it
// shows, in the order it shows them.
func writeTableCSV(w io.Writer, t *Table) error {
	if t.rows != nil {
		return writeRowsCSV(w, t.rows)
	}
	return compute.WriteCSVOf(w, t.figs)
}
