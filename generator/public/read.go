package public

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// Error is a problem with an export: the file (as its path was given), the line (1-based; 0
// for the whole file) and what is wrong.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Path + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// ReadDir reads every .csv file of dir (sorted by name, not in subfolders), each with
// hints[name] (name relative to dir). A file that is not a DESE report elreport reads is an
// error saying what it is not and which reports are read; so is an Excel workbook (.xlsx,
// .xls), which DESE hands out and which must be saved as CSV first. The errors of all files
// are joined; the files read without error are returned either way.
func ReadDir(fsys fs.FS, dir string, hints map[string]Hint) ([]File, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var files []File
	var errs []error
	for _, e := range entries { // fs.ReadDir sorts by name
		name := e.Name()
		p := path.Join(dir, name)
		if e.IsDir() {
			continue
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".csv":
		case ".xlsx", ".xls":
			errs = append(errs, &Error{Path: p, Msg: "an Excel workbook: elreport reads CSV; open DESE's export and save it as \"CSV UTF-8\" beside it (then move the workbook out of the folder)"})
			continue
		default:
			continue
		}
		f, err := read(fsys, p, name, hints[name])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, f)
	}
	return files, errors.Join(errs...)
}

// Read reads one export (a file of fsys) with what site.toml says of it. Errors name the file
// and line; a file with errors gives the zero File.
func Read(fsys fs.FS, name string, hint Hint) (File, error) {
	return read(fsys, name, name, hint)
}

// fileReader reads one file.
type fileReader struct {
	path string // for messages: the path as given
	file File
	hint Hint

	header   *header
	body     int // the index of the first record after the header
	report   *report
	group    string // ours, "" when the file's group is not one of ours
	planCols map[record.Plan]int
	// accessCols are the columns of the reporting elements that give figures (ACCESS).
	accessCols map[metric.ID]accessColumns

	errs  []error
	more  int            // problems beyond maxErrorsOfFile
	seen  map[string]int // a row's key (code, and subject in MCAS) -> its line
	notes map[string]int // a note's text -> rows
}

// fail records a problem at a line (0: the whole file).
func (r *fileReader) fail(line int, format string, args ...any) {
	if len(r.errs) >= maxErrorsOfFile {
		r.more++
		return
	}
	r.errs = append(r.errs, &Error{Path: r.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// err returns the file's problems joined, nil when there are none.
func (r *fileReader) err() error {
	if r.more > 0 {
		r.errs = append(r.errs, &Error{Path: r.path, Msg: fmt.Sprintf("and %d more problems", r.more)})
	}
	return errors.Join(r.errs...)
}

// note counts a row (or the file) under a note.
func (r *fileReader) note(text string) {
	if r.notes == nil {
		r.notes = map[string]int{}
	}
	if _, ok := r.notes[text]; !ok {
		r.file.Notes = append(r.file.Notes, text)
	}
	r.notes[text]++
}

func (r *fileReader) noteSubject(code string) {
	r.note(fmt.Sprintf("Rows of subject %q give no figure: the catalogue's MCAS subjects are ELA, MATH and SCI.", shorten(code)))
}

// csvRecord is a record of the file and the line where it starts.
type csvRecord struct {
	line int
	rec  []string
}

// maxPreamble is how many non-blank rows may come before the header (DESE's workbook has one,
// the title).
const maxPreamble = 3

func read(fsys fs.FS, p, name string, hint Hint) (File, error) {
	r := &fileReader{path: p, hint: hint, file: File{Name: name}}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return File{}, err
	}
	if len(data) > maxFileBytes {
		return File{}, &Error{Path: p, Msg: fmt.Sprintf("the file is %d bytes, more than any DESE export (%d at most)", len(data), maxFileBytes)}
	}
	text, enc, err := decode(data)
	if err != nil {
		return File{}, &Error{Path: p, Msg: err.Error()}
	}
	r.file.Encoding = enc
	if enc == encoding1252 {
		r.note(note1252)
	}
	recs, err := records(text)
	if err != nil {
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return File{}, &Error{Path: p, Line: perr.Line, Msg: "not valid CSV: " + perr.Err.Error()}
		}
		return File{}, &Error{Path: p, Msg: err.Error()}
	}
	if !r.start(recs) {
		return File{}, r.err()
	}
	for _, rec := range recs[r.body:] {
		r.row(rec)
	}
	if err := r.err(); err != nil {
		return File{}, err
	}
	r.finishNotes()
	return r.file, nil
}

// records splits the text into records, each with the line where it starts.
func records(text string) ([]csvRecord, error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	var out []csvRecord
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		out = append(out, csvRecord{line: line, rec: rec})
	}
}

// blankRecord says whether every cell of a record is blank (as spreadsheets write after the
// data).
func blankRecord(rec []string) bool {
	for _, v := range rec {
		if !blank(v) {
			return false
		}
	}
	return true
}

// start finds the title and the header, recognises the report, and settles the kind, the year
// and the group; false when the file cannot be read further. r.body is then the index in recs
// of the first record after the header.
//
// The header is the first row that has a code column or is recognised as a report's; rows
// before it (at most maxPreamble of them, blank rows aside) are the title.
func (r *fileReader) start(recs []csvRecord) bool {
	var preamble []string
	for i, rec := range recs {
		if blankRecord(rec.rec) {
			continue
		}
		h := newHeader(rec.rec)
		if rep := recognise(h); rep != nil || h.level != "" {
			r.header, r.report, r.body = h, rep, i+1
			r.file.Title = strings.Join(preamble, " ")
			if rep == nil {
				r.fail(rec.line, "%s", notAReport(h, r.file.Title))
				return false
			}
			return r.settle(rec.line)
		}
		if len(preamble) == maxPreamble || nonBlank(rec.rec) > 1 && len(preamble) > 0 {
			break
		}
		preamble = append(preamble, strings.Join(cells(rec.rec), " "))
		if nonBlank(rec.rec) > 1 {
			// A row of several cells that is no header: the header of something else.
			r.fail(rec.line, "%s", notAReport(h, ""))
			return false
		}
	}
	// The first rows are a title (or none), and no header follows.
	i := slices.IndexFunc(recs, func(c csvRecord) bool { return !blankRecord(c.rec) })
	if i < 0 {
		r.fail(0, "the file is empty (no header row)")
		return false
	}
	next := slices.IndexFunc(recs[i+1:], func(c csvRecord) bool { return !blankRecord(c.rec) })
	if next < 0 {
		r.fail(recs[i].line, "not a DESE report export elreport reads: it has only the line %q and no header", shorten(preamble[0]))
		return false
	}
	rec := recs[i+1+next]
	r.fail(rec.line, "%s", notAReport(newHeader(rec.rec), preamble[0]))
	return false
}

// cells returns the non-blank cells of a record, trimmed.
func cells(rec []string) []string {
	var out []string
	for _, v := range rec {
		if t := strings.TrimSpace(v); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func nonBlank(rec []string) int { return len(cells(rec)) }
