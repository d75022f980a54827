package load

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"elreport/generator/record"
)

// maxRowErrors is how many RowErrors a FileReport keeps; the rest are counted in MoreErrors.
const maxRowErrors = 20

// Reasons of row errors the loader writes itself (the parsers in record write the others).
const (
	reasonMissing = "is missing; the column requires a value"
	// reasonUTF8 stands for the reason of a value that is not valid UTF-8, which depends on
	// why the file was read as UTF-8 (fileReader.utf8Reason replaces it).
	reasonUTF8 = "is not valid UTF-8"
)

// fileReader reads the records of one file and keeps its ledger. A row function reads the
// current record through field, records problems with fail, and calls accept when it hands the
// row to the Sink.
type fileReader struct {
	t      *table
	report *FileReport
	layout
	width int // fields in the header
	// students, when set, is warmed for the student_id of each batch's records.
	students *studentIndex

	batch *batch // the batch of the current record
	index int    // the current record's index in batch
	rec   []string
	// The current row's problems: how many, and their reasons without duplicates.
	rowErrors  int
	rowReasons []reasonKey
	rowStart   int // the row's first error in report.Errors

	reasons map[reasonKey]int
	counts  [][]yearCount // accepted rows, by school index

	// utf8Reason is the reason of a value that is not valid UTF-8 in this file.
	utf8Reason string
	// notes counts the values of note, for the warnings of valueWarnings; nil until one.
	notes map[valueNote]noteCount
	// unused counts the results no figure counts, by reason (see countUnused); nil until one.
	unused map[string]int
	// headerRow holds the file's header, to name a column as the file does.
	headerRow []string
	// fixedYear is the year of every row of a file without a year column, which its name
	// gives (a SIMS export); "" otherwise.
	fixedYear string
}

type reasonKey struct {
	column, reason string
}

func (k reasonKey) String() string {
	if k.column == "" {
		return k.reason
	}
	return fmt.Sprintf("column %q: %s", k.column, k.reason)
}

type yearCount struct {
	year, rows int
}

// valueError is a bad value and why, in record's message form (`"7.4" is not ...`). The
// reason is what the ledger counts rows by; detail, when set, says more about this value
// (where in it the problem is) and replaces the reason in the RowError.
type valueError struct {
	value, reason, detail string
}

func (e valueError) Error() string { return strconv.Quote(e.value) + " " + cmp.Or(e.detail, e.reason) }

// reasonOf returns the reason of a parser's error about value (the message without the quoted
// value record's parsers begin it with) and its detail, if any.
func reasonOf(value string, err error) (reason, detail string) {
	var ve valueError
	if errors.As(err, &ve) {
		return ve.reason, ve.detail
	}
	msg := err.Error()
	if r, ok := strings.CutPrefix(msg, strconv.Quote(value)+" "); ok {
		return r, ""
	}
	return msg, ""
}

// rows reads every record after the header from cr and passes each to row, in file order.
// The records are read and split on a second goroutine, which the calls of row (and so the
// Sink) never run on, and which has stopped when rows returns. rows returns only errors that
// stop the load: a cancelled context or a failure to read the file.
func (f *fileReader) rows(ctx context.Context, cr *csv.Reader, row func(*fileReader)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s := split(cr)
	defer s.stop()
	for {
		var b *batch
		select {
		case b = <-s.full:
		case <-ctx.Done():
			return ctx.Err()
		}
		f.batch = b
		if f.students != nil {
			f.students.warm(b, f.pos[colStudent])
		}
		for i := range b.recs {
			f.record(i, row)
		}
		f.batch, f.rec = nil, nil
		if b.err != nil {
			return fmt.Errorf("%s: %w", f.report.Path, b.err)
		}
		if b.eof {
			return nil
		}
		s.free <- b // never blocks: there are batchesInFlight batches
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// record reads the i-th record of the current batch.
func (f *fileReader) record(i int, row func(*fileReader)) {
	b := f.batch
	f.index, f.rowStart = i, len(f.report.Errors)
	f.report.Read++
	if err := b.recs[i].syntax; err != nil {
		f.failAt(b.recs[i].line, reasonKey{reason: "row is not valid CSV: " + err.Error()}, "", "")
		f.endRow()
		return
	}
	f.rec = b.record(i)
	if len(f.rec) != f.width {
		f.failAt(b.recs[i].line, reasonKey{reason: "row has the wrong number of fields"}, "",
			fmt.Sprintf("row has %d fields, but the header has %d", len(f.rec), f.width))
	} else {
		row(f)
	}
	f.endRow()
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// header returns the file's own header of a contract column (its contract name when the file
// lacks it).
func (f *fileReader) header(col int) string {
	if i := f.pos[col]; i >= 0 && i < len(f.headerRow) {
		return strings.TrimSpace(f.headerRow[i])
	}
	return f.t.columns[col].name
}

// value returns the trimmed value of a contract column in the current record; blank when the
// file lacks the column (the year of a file whose name gives it, see fixedYear).
func (f *fileReader) value(col int) string {
	i := f.pos[col]
	if i < 0 {
		if col == colYear {
			return f.fixedYear
		}
		return ""
	}
	return trim(f.rec[i])
}

// trim is strings.TrimSpace with a fast path for the usual value, which has nothing to trim.
func trim(s string) string {
	if n := len(s); n > 0 && s[0] > ' ' && s[0] < utf8.RuneSelf && s[n-1] > ' ' && s[n-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// field reads a contract column of the current record with parse. A blank value is the zero
// value of T: an error for a required column, else fine. It reports false when it recorded
// an error for the value.
func field[T any](f *fileReader, col int, parse func(string) (T, error)) (T, bool) {
	return fieldAs(f, col, parse, f.t.columns[col].required)
}

// fieldAs is field for a column whose value is required in this row or not (overall_level is
// required of a tested student's row only).
func fieldAs[T any](f *fileReader, col int, parse func(string) (T, error), required bool) (T, bool) {
	var zero T
	raw := f.value(col)
	v := raw
	if fn := f.transform[col]; fn != nil {
		var err error
		if v, err = fn(raw); err != nil {
			reason, detail := reasonOf(raw, err)
			f.failWith(col, raw, reason, detail)
			return zero, false
		}
	}
	if v == "" {
		if required {
			f.fail(col, raw, reasonMissing)
			return zero, false
		}
		return zero, true
	}
	t, err := parse(v)
	if err != nil {
		if record.IsEnum[T]() && v == raw {
			// A value that names one of the column's values but for case, spaces and
			// punctuation ("Non-EL") is that value; check lists which were read so.
			if lt, ok := record.Loose[T](v); ok {
				f.note(noteLoose, col, v, fmt.Sprint(lt))
				return lt, true
			}
			if utf8.ValidString(v) {
				f.note(noteUnknown, col, v, "")
			}
		}
		reason, detail := reasonOf(v, err)
		if !utf8.ValidString(raw) {
			// The likely cause of any bad value with bad bytes; the text parsers check it
			// themselves.
			reason, detail = reasonUTF8, ""
		}
		f.failWith(col, raw, reason, detail)
		return zero, false
	}
	return t, true
}

// failed reports whether the current row has a problem.
func (f *fileReader) failed() bool { return f.rowErrors > 0 }

// fail records a problem with the value of a contract column in the current row.
func (f *fileReader) fail(col int, value, reason string) { f.failWith(col, value, reason, "") }

// failWith is fail with a detail: a more specific reason for the RowError (see failAt).
func (f *fileReader) failWith(col int, value, reason, detail string) {
	field := max(f.pos[col], 0)
	f.failAt(f.batch.fieldLine(f.index, field), reasonKey{f.t.columns[col].name, reason}, value, detail)
}

// failAt records a problem of the current row at a line. The key is the reason the ledger
// counts; detail, when set, is a more specific reason for the RowError.
func (f *fileReader) failAt(line int, key reasonKey, value, detail string) {
	if key.reason == reasonUTF8 && f.utf8Reason != "" {
		key.reason = f.utf8Reason
	}
	f.rowErrors++
	if !slices.Contains(f.rowReasons, key) {
		f.rowReasons = append(f.rowReasons, key)
	}
	if len(f.report.Errors) == maxRowErrors {
		f.report.MoreErrors++
		return
	}
	reason := cmp.Or(detail, key.reason)
	f.report.Errors = append(f.report.Errors, &RowError{
		Path: f.report.Path, Line: line, Column: key.column, Value: shorten(value), Reason: reason,
	})
}

// accept counts the current row as accepted for a school (index; -1 for none) and year.
func (f *fileReader) accept(school int32, year int) {
	f.report.Accepted++
	if school < 0 {
		return
	}
	for int(school) >= len(f.counts) {
		f.counts = append(f.counts, nil)
	}
	c := f.counts[school]
	for i := range c {
		if c[i].year == year {
			c[i].rows++
			return
		}
	}
	f.counts[school] = append(c, yearCount{year, 1})
}

// endRow closes the ledger of the current row: rejected if it had a problem, once per reason.
// The row's errors are put in line order (a row function checks columns in its own order,
// and a quoted field may span lines).
func (f *fileReader) endRow() {
	if f.rowErrors == 0 {
		return
	}
	slices.SortStableFunc(f.report.Errors[f.rowStart:], func(a, b *RowError) int { return cmp.Compare(a.Line, b.Line) })
	f.report.Rejected++
	if f.reasons == nil {
		f.reasons = make(map[reasonKey]int)
	}
	for _, k := range f.rowReasons {
		f.reasons[k]++
	}
	f.rowErrors, f.rowReasons = 0, f.rowReasons[:0]
}

// finish writes the reasons and counts into the report, sorted.
func (f *fileReader) finish(schools *schoolIndex) {
	for k, n := range f.reasons {
		f.report.Reasons = append(f.report.Reasons, ReasonCount{Reason: k.String(), Rows: n})
	}
	slices.SortFunc(f.report.Reasons, func(a, b ReasonCount) int {
		return cmp.Or(cmp.Compare(b.Rows, a.Rows), cmp.Compare(a.Reason, b.Reason))
	})
	for school, years := range f.counts {
		for _, c := range years {
			f.report.Counts = append(f.report.Counts, SchoolYearCount{
				SchoolCode: schools.schools[school].code, Year: c.year, Rows: c.rows,
			})
		}
	}
	slices.SortFunc(f.report.Counts, func(a, b SchoolYearCount) int {
		return cmp.Or(cmp.Compare(a.SchoolCode, b.SchoolCode), cmp.Compare(a.Year, b.Year))
	})
}
