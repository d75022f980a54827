// Package load reads a district's CSV exports (docs/data-contract.md) into typed, validated rows,
// streamed one at a time to a Sink, and keeps a ledger of what it rejected and why.
//
// # Input contract
//
// The inputs are schools, students, access, ewis, courses, mcas, cohort and plans, each a CSV
// file with a header row at config.Config.InputPath(input). schools.csv and students.csv are
// required: without them nothing else can be checked, so the other files are then not read.
// The others are optional: a missing one is reported as Missing and simply contributes no rows.
//
// Headers are matched case-insensitively after trimming, after site.toml's column mapping
// ([data.columns.<input>] column = "Their Header"); unknown columns are ignored. A missing
// required column or a column given twice is an error of the whole file (FileReport.Err), and
// none of its rows is read. Text is UTF-8, with or without a byte order mark, or Windows-1252
// when site.toml says [data] encoding = "windows-1252" (a file that is UTF-8 with letters
// beyond ASCII is then a file error, rather than letters published wrong). Records may end in
// CRLF or LF, fields may be quoted (with embedded commas, quotes and line breaks), values are
// trimmed, and lines of empty fields (as spreadsheets write after the data) are skipped and not
// counted.
//
// The text columns (the codes and names of schools.csv, student_id and home_language of
// students.csv), which reach the site, must be valid UTF-8 without control characters (tabs
// and line breaks included) and at most 40 (codes), 100 (student_id) or 200 (names) characters
// long; see text.go. A year later than the school year after the current one (SchoolYear of
// Options.Now) is an error of its row.
//
// Every value is checked against its domain with record's parsers, and every row against the
// integrity rules: school_code unique in schools.csv and known to it everywhere else;
// student_id + year unique in students.csv and, in the other student-level files, present
// there (once per file, and per subject in mcas.csv); access.csv rows only for students who
// are EL that year, courses.csv rows only for students in grade 9 that year; cohort.csv
// students once per cohort_year. A four-year cohort includes students who left before the
// years of students.csv (a grade-9 dropout three years ago), so a cohort member need not be in
// students.csv: its group is EL when el_in_cohort is Yes and NonEL otherwise, since its earlier
// EL history is unknown; members found in students.csv are FormerEL when it ever records them
// as EL or FormerEL. The loader joins each
// row with the student's EL status (and, for access.csv, program) from students.csv, so no row
// handed to the Sink carries a student id.
//
// With [data] access_format = "dese", access.csv is DESE's ACCESS for ELLs student data file
// as districts receive it, read through a mapping of headers and values onto the same contract
// and parsers: adminyear, SchoolNumber, SASID, grade ("01".."12", "KG"), yrsinmass,
// overalllevel, ALT (1/Y for Alternate ACCESS), madeprogress_RE1 (1/0), SGPA, and
// ProgressTarget<YYYY> and DifficultyIndex<YYYY> of the year after adminyear as future_target
// and difficulty_index; "NA" and "-1" mean no value. ELP_prog and firstlanguage are ignored.
//
// # Ledger
//
// Every row read is either accepted (handed to the Sink) or rejected: Read == Accepted +
// Rejected for each file. A rejected row with several bad values gets one RowError per bad
// value, each at the physical line of that value (the header is line 1), and counts once under
// each of its reasons in Reasons, so Reasons may add up to more than Rejected. A FileReport
// keeps the first 20 RowErrors in line order and counts the others in MoreErrors. Row-level
// problems about a student (unknown, duplicate, not EL, not in grade 9) name the student_id
// column and value; a row with the wrong number of fields, or that is not valid CSV, has no
// column. Report.Err says whether the inputs are fit to publish. Report.Warnings holds what
// check should show besides (a file with a header and no rows, a year with a tiny share of a
// file's rows, a year of site.toml's years without data); Report.CheckYears is the error of
// site.toml's years when none has data.
//
// # Concurrency and memory
//
// Each file is parsed and validated in two goroutines: one reads and splits the CSV records
// and hands them over in bounded batches; the other, the goroutine that called Load, finds
// each record's student (a batch's lookups at once, so their cache misses overlap), validates
// and joins it, and delivers the rows to the Sink in file order. The Sink is only ever called
// from that goroutine, so it needs no locking, and the output, ledger and errors are the same
// as if one goroutine did it all. Both goroutines stop before Load returns, however it ends.
//
// Memory does not grow with the number of rows: at most a few batches of records are in
// flight, and the loader keeps only a compact index of students.csv (a 16-byte hash table
// slot, at most half the table full, and the id's bytes per student; 16 bytes per
// student-year), the interned school codes and bounded ledgers.
package load

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"

	"elreport/generator/config"
)

// Load reads every input of cfg from fsys (slash paths from cfg.InputPath), validates it, and
// streams accepted rows to sink in the Sink's documented order, calling it only from the
// goroutine that called Load. It returns the ledger. The error is only for failures that stop
// the load outright (the context is cancelled, a file that exists cannot be read); the Report
// is then nil. Problems with the data go in the Report.
//
// Load is LoadWith with the zero Options: the current school year comes from the clock.
func Load(ctx context.Context, fsys fs.FS, cfg *config.Config, sink Sink) (*Report, error) {
	return LoadWith(ctx, fsys, cfg, sink, Options{})
}

// Options are the settings of a load that do not come from site.toml.
type Options struct {
	// Now returns the current time, whose school year (SchoolYear) bounds the years of the
	// data: a year later than the next school year is an error. Nil means time.Now.
	Now func() time.Time
}

// LoadWith is Load with options.
func LoadWith(ctx context.Context, fsys fs.FS, cfg *config.Config, sink Sink, opts Options) (*Report, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	l := newLoader(fsys, cfg, sink)
	l.setNow(now())
	report := &Report{AllowRejects: cfg.Data.AllowRejects}
	blocked := "" // the path of a base file that could not be read
	for _, t := range tables {
		fr := FileReport{Input: t.input, Path: cfg.InputPath(t.input)}
		if blocked != "" {
			fr.Err = fmt.Errorf("%s: not read, because %s could not be read", fr.Path, blocked)
		} else if err := l.readFile(ctx, t, &fr); err != nil {
			return nil, err
		}
		if t.base && fr.Err != nil && blocked == "" {
			blocked = fr.Path
		}
		if t.input == "students" {
			l.students.compact() // for the lookups of the files that follow
		}
		if fr.Err == nil && !fr.Missing && fr.Read == 0 {
			msg := "the file has a header but no rows; check the export"
			if !t.base {
				msg = "the file has a header but no rows, so its topic has no figures; check the export"
			}
			report.Warnings = append(report.Warnings, Warning{Path: fr.Path, Message: msg})
		}
		report.Warnings = append(report.Warnings, tinyYears(&fr)...)
		report.Files = append(report.Files, fr)
	}
	report.Warnings = append(report.Warnings, report.yearWarnings(cfg.Years)...)
	return report, nil
}

// loader holds what a load knows across files: the schools and students to check the other
// files against.
type loader struct {
	fsys     fs.FS
	cfg      *config.Config
	sink     Sink
	schools  schoolIndex
	students studentIndex
	interned map[string]string // interned values (home languages)
	// outsiders holds the cohort members not in students.csv, to find their duplicates; it
	// grows with such members only.
	outsiders map[outsiderKey]struct{}
	// lastYear is the latest year a row may have: the school year after the current one.
	// lateYear is the reason of a later year.
	lastYear int
	lateYear string
	// windows1252 is whether site.toml says the files are Windows-1252.
	windows1252 bool
}

// outsiderKey identifies a cohort member who is not in students.csv.
type outsiderKey struct {
	id   string
	year int
}

func newLoader(fsys fs.FS, cfg *config.Config, sink Sink) *loader {
	l := &loader{fsys: fsys, cfg: cfg, sink: sink, interned: make(map[string]string),
		outsiders: make(map[outsiderKey]struct{}), windows1252: strings.EqualFold(cfg.Data.Encoding, "windows-1252")}
	l.setNow(time.Now())
	return l
}

// setNow sets the latest year a row may have from the current time.
func (l *loader) setNow(now time.Time) {
	l.lastYear = SchoolYear(now) + 1
	l.lateYear = lateYearReason(l.lastYear)
}

// readFile reads the input of t into fr. Problems with the file or its rows go in fr; the
// error is for I/O failures and cancellation.
func (l *loader) readFile(ctx context.Context, t *table, fr *FileReport) error {
	file, err := l.fsys.Open(fr.Path)
	if errors.Is(err, fs.ErrNotExist) {
		if t.base {
			fr.Err = fmt.Errorf("%s: file not found (the %s file is required)", fr.Path, t.input)
		} else {
			fr.Missing = true
		}
		return nil
	}
	if err != nil {
		return err
	}
	if l.windows1252 {
		// A UTF-8 file read as Windows-1252 decodes without an error into wrong letters
		// ("FrÃ©dÃ©rick"), so look for UTF-8 first, and read the file again if it is not.
		line, example, err := sniffUTF8(file)
		file.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", fr.Path, err)
		}
		if line > 0 {
			fr.Err = fmt.Errorf("%s:%d: the file is UTF-8 (e.g. %q), but site.toml says [data] encoding = %q; remove the setting if the exports are UTF-8 (it applies to every input file, so save them all in one encoding)",
				fr.Path, line, example, "windows-1252")
			return nil
		}
		if file, err = l.fsys.Open(fr.Path); err != nil {
			return err
		}
	}
	defer file.Close()
	return l.read(ctx, t, fr, file)
}

// read reads the input of t from r (the bytes of the file at fr.Path) into fr.
func (l *loader) read(ctx context.Context, t *table, fr *FileReport, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	start, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", fr.Path, err)
	}
	windows1252 := l.windows1252
	switch {
	case bytes.HasPrefix(start, []byte("\xEF\xBB\xBF")):
		if windows1252 {
			fr.Err = fmt.Errorf("%s: the file starts with a UTF-8 byte order mark, but site.toml says [data] encoding = %q; remove the setting if the export is UTF-8",
				fr.Path, "windows-1252")
			return nil
		}
		br.Discard(3)
	case bytes.HasPrefix(start, []byte("\xFF\xFE")), bytes.HasPrefix(start, []byte("\xFE\xFF")):
		fr.Err = fmt.Errorf("%s: the file is UTF-16 text; export it as CSV (UTF-8 or Windows-1252)", fr.Path)
		return nil
	}
	var text io.Reader = br
	if windows1252 {
		text = bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), 64<<10)
	}
	cr := csv.NewReader(text)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	var perr *csv.ParseError
	switch {
	case err == io.EOF:
		fr.Err = fmt.Errorf("%s: the file is empty (no header row)", fr.Path)
		return nil
	case errors.As(err, &perr):
		fr.Err = fmt.Errorf("%s:%d: the header is not valid CSV: %v", fr.Path, perr.StartLine, perr.Err)
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", fr.Path, err)
	}
	format := formatOf(l.cfg, t.input)
	layout, err := resolveLayout(t, l.cfg, format, header)
	if err != nil {
		fr.Err = fmt.Errorf("%s: %w", fr.Path, err)
		return nil
	}
	f := &fileReader{t: t, report: fr, layout: layout, width: len(header)}
	if t.input != "schools" { // every other input has a student_id
		f.students = &l.students
	}
	if err := f.rows(ctx, cr, func(f *fileReader) { t.row(l, f) }); err != nil {
		return err
	}
	f.finish(&l.schools)
	return nil
}

// Err returns nil when the inputs are fit to publish: no file-level error and no more rejected
// rows than site.toml allows. Otherwise it says why, e.g. "3 rows rejected, site.toml allows 0".
func (r *Report) Err() error {
	var errs []error
	for _, f := range r.Files {
		if f.Err != nil {
			errs = append(errs, f.Err)
		}
	}
	if n := r.Rejected(); n > r.AllowRejects {
		rows := "rows"
		if n == 1 {
			rows = "row"
		}
		errs = append(errs, fmt.Errorf("%d %s rejected, site.toml allows %d", n, rows, r.AllowRejects))
	}
	return errors.Join(errs...)
}

// Rejected returns the number of rejected rows of all files.
func (r *Report) Rejected() int {
	n := 0
	for _, f := range r.Files {
		n += f.Rejected
	}
	return n
}
