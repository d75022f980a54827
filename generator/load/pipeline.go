package load

import (
	"encoding/csv"
	"errors"
	"io"
)

// The records of a file travel from the goroutine that reads and splits them to the one that
// validates them in batches, each handed over once it holds batchRecords records or
// batchFields fields, with at most batchesInFlight batches in existence, so memory does not
// grow with the file.
const (
	batchRecords    = 512
	batchFields     = 512 * 32
	batchesInFlight = 4
)

// batch is a run of consecutive records of a file, in file order. Lines of empty fields are
// left out, as the loader skips them.
type batch struct {
	// fields holds the fields of the records, one record after the other. The strings are
	// encoding/csv's, which does not reuse their bytes, so a row function may keep them.
	fields []string
	recs   []batchRecord
	// lines holds the physical line of every field of the records that span several lines.
	lines []int
	// eof marks the last batch of the file; err, set in the last batch, is a failure to read
	// the file after its records (anything but a CSV syntax error).
	eof bool
	err error
}

// batchRecord is a record of a batch, or a record that is not valid CSV.
type batchRecord struct {
	start, n int32 // the record is fields[start : start+n]
	// line is the physical line of the record's first field (of the record's start for a
	// syntax error); when the record spans several lines, lines[fieldLines:] holds the line
	// of each field, else fieldLines is -1 and every field is on line.
	line       int
	fieldLines int32
	// syntax, when set, is the reason the record is not valid CSV, and the record has no
	// fields.
	syntax error
}

func (b *batch) reset() {
	clear(b.fields) // let the collector have the strings of the previous use
	b.fields, b.recs, b.lines = b.fields[:0], b.recs[:0], b.lines[:0]
	b.eof, b.err = false, nil
}

// full reports whether the batch should be handed over before another record is added.
func (b *batch) full() bool { return len(b.recs) >= batchRecords || len(b.fields) >= batchFields }

// add appends the record cr has just read.
func (b *batch) add(rec []string, cr *csv.Reader) {
	r := batchRecord{start: int32(len(b.fields)), n: int32(len(rec)), fieldLines: -1}
	r.line, _ = cr.FieldPos(0)
	if last, _ := cr.FieldPos(len(rec) - 1); last != r.line { // a quoted field with line breaks
		r.fieldLines = int32(len(b.lines))
		for i := range rec {
			line, _ := cr.FieldPos(i)
			b.lines = append(b.lines, line)
		}
	}
	b.fields = append(b.fields, rec...)
	b.recs = append(b.recs, r)
}

// record returns the fields of the i-th record.
func (b *batch) record(i int) []string {
	r := &b.recs[i]
	return b.fields[r.start : r.start+r.n : r.start+r.n]
}

// fieldLine returns the physical line of field j of the i-th record.
func (b *batch) fieldLine(i, j int) int {
	r := &b.recs[i]
	if r.fieldLines < 0 {
		return r.line
	}
	return b.lines[int(r.fieldLines)+j]
}

// splitter is the goroutine that reads the records of a file (after its header) into batches:
// it takes an empty batch from free (or makes one, up to batchesInFlight), fills it and sends
// it on full, until the end of the file or a failure to read it, or until the reading side
// closes done. exited is closed when it returns, after which it no longer touches the
// csv.Reader or the file.
type splitter struct {
	free, full   chan *batch
	done, exited chan struct{}
	made         int // batches made so far
	// fields is the number of fields of the first full batch: the batches made after it
	// start with that capacity rather than growing to it.
	fields int
}

// split starts a splitter of cr. The caller must call stop once it no longer receives.
func split(cr *csv.Reader) *splitter {
	s := &splitter{
		free:   make(chan *batch, batchesInFlight),
		full:   make(chan *batch, batchesInFlight),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	go s.run(cr)
	return s
}

func (s *splitter) run(cr *csv.Reader) {
	defer close(s.exited)
	for {
		b := s.batch()
		if b == nil {
			return
		}
		for !b.full() {
			rec, err := cr.Read()
			if err == io.EOF {
				b.eof = true
				break
			}
			if err != nil {
				var perr *csv.ParseError
				if !errors.As(err, &perr) {
					b.eof, b.err = true, err
					break
				}
				b.recs = append(b.recs, batchRecord{start: int32(len(b.fields)), line: perr.StartLine,
					fieldLines: -1, syntax: perr.Err})
				continue
			}
			if blank(rec) {
				continue // a line of empty fields, as spreadsheets write after the data
			}
			b.add(rec, cr)
		}
		if s.fields == 0 && b.full() {
			s.fields = min(len(b.fields), batchFields) * 17 / 16 // and room for a few wider records
		}
		select {
		case s.full <- b:
		case <-s.done:
			return
		}
		if b.eof {
			return
		}
	}
}

// batch returns an empty batch, or nil when done is closed.
func (s *splitter) batch() *batch {
	select {
	case <-s.done:
		return nil
	default:
	}
	var b *batch
	select {
	case b = <-s.free:
	default:
		if s.made < batchesInFlight {
			s.made++
			return &batch{fields: make([]string, 0, s.fields)}
		}
		select {
		case b = <-s.free:
		case <-s.done:
			return nil
		}
	}
	b.reset()
	return b
}

// stop tells the splitter to stop and waits until it has.
func (s *splitter) stop() {
	close(s.done)
	<-s.exited
}
