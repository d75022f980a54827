// Package load reads a district's CSV exports (docs/data-contract.md) into typed, validated rows,
// streamed one at a time to a Sink, and keeps a ledger of what it rejected and why.
//
// # Input contract
//
// The inputs are schools, students, access, ewis, courses, mcas, cohort and plans, each a CSV
// file with a header row at config.Config.InputFile(input) in the data folder, which may be
// anywhere (Options.Data); messages name it by config.Config.InputPath. schools.csv and
// students.csv are required: without them the rows of the other files cannot be checked, so
// only their headers are (FileReport.HeaderOnly). The others are optional: a missing one is
// reported as Missing and simply contributes no rows. A CSV file of the data folder that no
// input reads is reported in a Warning, with the input its header looks like.
//
// Headers are matched case-insensitively after trimming, after site.toml's column mapping
// ([data.columns.<input>] column = "Their Header"), and failing that by their letters and
// digits alone ("School Code" is school_code); unknown columns are ignored. A missing required
// column or a column given twice is an error of the whole file (FileReport.Err), which ends
// with the lines of site.toml that would map the missing columns, guessed from the headers,
// and none of its rows is read. Each file's encoding is detected (a byte order mark or valid
// UTF-8 is UTF-8, anything else Windows-1252, with a Warning), unless site.toml sets it for
// every file or per input; a file that is UTF-8 under "windows-1252" is a file error, rather
// than letters published wrong. Records may end in CRLF or LF, fields may be quoted (with
// embedded commas, quotes and line breaks), values are trimmed, and lines of empty fields (as
// spreadsheets write after the data) are skipped and not counted.
//
// Values go through site.toml's [data.values.<input>] first; a value of an enumerated column
// that names one of its values only after removing spaces and punctuation ("Non-EL") is that
// value (record.Loose), and the Report says which values were read so.
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
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"

	"elreport/generator/config"
)

// Load reads every input of cfg from fsys, the file system site.toml was read from (the data
// folder is cfg.DataPath() in it), validates it, and streams accepted rows to sink in the
// Sink's documented order, calling it only from the goroutine that called Load. It returns the
// ledger. The error is only for failures that stop the load outright (the context is
// cancelled, a file that exists cannot be read); the Report is then nil. Problems with the
// data go in the Report.
//
// Load is LoadWith with the zero Options: the current school year comes from the clock, and
// the data folder must be inside fsys.
func Load(ctx context.Context, fsys fs.FS, cfg *config.Config, sink Sink) (*Report, error) {
	return LoadWith(ctx, fsys, cfg, sink, Options{})
}

// Options are the settings of a load that do not come from site.toml.
type Options struct {
	// Now returns the current time, whose school year (SchoolYear) bounds the years of the
	// data: a year later than the next school year is an error. Nil means time.Now.
	Now func() time.Time
	// Data is the file system of the data folder, in which an input's file is
	// cfg.InputFile(input); a DataFS for a folder on disk, which may be outside the site's
	// folder. Nil means the folder cfg.DataPath() of the fsys given to LoadWith. Messages
	// name the files by cfg.InputPath either way.
	Data fs.FS
}

// LoadWith is Load with options.
func LoadWith(ctx context.Context, fsys fs.FS, cfg *config.Config, sink Sink, opts Options) (*Report, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	data, err := dataFS(fsys, cfg, opts)
	if err != nil {
		return nil, err
	}
	l := newLoader(data, cfg, sink)
	l.setNow(now())
	report := &Report{AllowRejects: cfg.Data.AllowRejects}
	blocked := "" // the path of a base file that could not be read
	for _, t := range tables {
		t = tableFor(cfg, t)
		if t.input == "students" && cfg.Data.StudentsFormat == "sims" {
			if err := l.readHistory(ctx, t); err != nil {
				return nil, err
			}
		}
		baseFailed := ""
		for _, f := range l.files(t.input) {
			fr := FileReport{Input: t.input, Path: cfg.DataFilePath(f.name), Name: f.name}
			if err := l.readFile(ctx, t, &fr, blocked, f.unmatched); err != nil {
				return nil, err
			}
			if t.base && fr.Err != nil && baseFailed == "" {
				baseFailed = fr.Path
			}
			report.Warnings = append(report.Warnings, l.warnings...)
			l.warnings = l.warnings[:0]
			if fr.Err == nil && !fr.Missing && fr.Read == 0 && !fr.HeaderOnly {
				msg := "the file has a header but no rows; check the export"
				if !t.base {
					msg = "the file has a header but no rows, so its topic has no figures; check the export"
				}
				report.Warnings = append(report.Warnings, Warning{Path: fr.Path, Message: msg})
			}
			report.Warnings = append(report.Warnings, tinyYears(&fr)...)
			report.Files = append(report.Files, fr)
		}
		if blocked == "" {
			blocked = baseFailed
		}
		if t.input == "students" {
			l.students.compact() // for the lookups of the files that follow
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	report.Warnings = append(report.Warnings, l.unclaimed(report)...)
	report.Warnings = append(report.Warnings, report.yearWarnings(cfg.Years)...)
	return report, nil
}

// loader holds what a load knows across files: the schools and students to check the other
// files against.
type loader struct {
	data     fs.FS // the data folder
	cfg      *config.Config
	sink     Sink
	schools  schoolIndex
	students studentIndex
	interned map[string]internedText // interned values (home languages)
	// stats holds the file information of the names of the data folder compared by sameFile,
	// each looked up once (nil: the name does not stat).
	stats map[string]fs.FileInfo
	// outsiders holds the cohort members not in students.csv, to find their duplicates; it
	// grows with such members only.
	outsiders map[outsiderKey]struct{}
	// lastYear is the latest year a row may have: the school year after the current one.
	// lateYear is the reason of a later year.
	lastYear int
	lateYear string
	// warnings holds the warnings of the file being read, for the Report.
	warnings []Warning
	// simsFirstEL holds, for a SIMS export, the first year each student was an EL (see
	// readHistory); nil for other formats. history is set while readHistory reads.
	simsFirstEL map[string]int
	history     bool
	// opened holds the names of the input files found in the data folder.
	opened map[string]bool
}

// outsiderKey identifies a cohort member who is not in students.csv.
type outsiderKey struct {
	id   string
	year int
}

func newLoader(data fs.FS, cfg *config.Config, sink Sink) *loader {
	l := &loader{data: data, cfg: cfg, sink: sink, interned: make(map[string]internedText),
		outsiders: make(map[outsiderKey]struct{}), opened: make(map[string]bool)}
	l.setNow(time.Now())
	return l
}

// setNow sets the latest year a row may have from the current time.
func (l *loader) setNow(now time.Time) {
	l.lastYear = SchoolYear(now) + 1
	l.lateYear = lateYearReason(l.lastYear)
}

// warn records a warning about the file being read.
func (l *loader) warn(w Warning) { l.warnings = append(l.warnings, w) }

// readFile reads the input of t into fr. Problems with the file or its rows go in fr; the
// error is for I/O failures and cancellation. When blocked names a base file that could not be
// read, the rows cannot be checked: only the file's header is (HeaderOnly).
func (l *loader) readFile(ctx context.Context, t *table, fr *FileReport, blocked string, unmatched bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	file, err := l.data.Open(fr.Name)
	if unmatched { // a pattern that matched no file (see files)
		if err == nil {
			file.Close()
		}
		err = fs.ErrNotExist
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		notFound := "file not found"
		if unmatched {
			notFound = "no file matches"
		}
		if t.base {
			fr.Err = fmt.Errorf("%s: %s (the %s file is required)%s", fr.Path, notFound, t.input, l.folderHint())
		} else {
			fr.Missing = true
		}
		return nil
	}
	if err != nil {
		return err
	}
	l.opened[fr.Name] = true
	enc := l.cfg.Data.Encoding.Of(t.input)
	if enc == config.Windows1252 {
		// A UTF-8 file read as Windows-1252 decodes without an error into wrong letters
		// ("FrÃ©dÃ©rick"), so look for UTF-8 first, and read the file again if it is not.
		line, example, err := sniffUTF8(file)
		file.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", fr.Path, err)
		}
		if line > 0 {
			fr.Err = fmt.Errorf("%s:%d: the file is UTF-8 (e.g. %q), but site.toml says %s; %s",
				fr.Path, line, example, l.cfg.Data.Encoding.Setting(t.input), l.removeEncoding(t.input))
			return nil
		}
		if file, err = l.data.Open(fr.Name); err != nil {
			return err
		}
	}
	defer file.Close()
	return l.read(ctx, t, fr, file, enc, blocked)
}

// removeEncoding says how to fix an encoding that site.toml sets wrong for an input: remove the
// setting, and the loader detects the encoding of each file (which never contradicts what it
// says of another file).
func (l *loader) removeEncoding(input string) string {
	if l.cfg.Data.Encoding.All != "" {
		if _, ok := l.cfg.Data.Encoding.Inputs[input]; !ok {
			return "remove that line: elreport then detects the encoding of each file"
		}
	}
	return fmt.Sprintf("remove %q from [data.encoding]: elreport then detects the file's encoding", input)
}

// folderHint adds to the message of a missing required file that its whole folder is missing,
// when it is.
func (l *loader) folderHint() string {
	if _, err := fs.Stat(l.data, "."); err != nil {
		return fmt.Sprintf("; the data folder %s does not exist (site.toml [data] dir)", l.cfg.DataPath())
	}
	return ""
}

// The reasons of a value that is not valid UTF-8, by what made the loader read the file as
// UTF-8. None names the value: reasons are published on the data page.
const (
	reasonUTF8Setting = "is not valid UTF-8, but site.toml says the file is UTF-8; if the export is Windows-1252, remove that setting: elreport then detects the encoding of each file"
	reasonUTF8BOM     = "is not valid UTF-8, though the file starts with a UTF-8 byte order mark; save the export again in one encoding"
	reasonMixed       = "is not valid UTF-8, though the file's text before it is UTF-8; the file mixes two encodings: save the export again in one"
)

// read reads the input of t from r (the bytes of the file at fr.Path) into fr, in the
// encoding enc (config.UTF8, config.Windows1252 or config.Detect).
func (l *loader) read(ctx context.Context, t *table, fr *FileReport, r io.Reader, enc, blocked string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	start, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", fr.Path, err)
	}
	utf8Reason := reasonUTF8Setting
	switch {
	case bytes.HasPrefix(start, []byte("\xEF\xBB\xBF")):
		if enc == config.Windows1252 {
			fr.Err = fmt.Errorf("%s: the file starts with a UTF-8 byte order mark, but site.toml says %s; %s",
				fr.Path, l.cfg.Data.Encoding.Setting(t.input), l.removeEncoding(t.input))
			return nil
		}
		br.Discard(3)
		if enc == config.Detect {
			enc, utf8Reason = config.UTF8, reasonUTF8BOM
		}
	case bytes.HasPrefix(start, []byte("\xFF\xFE")), bytes.HasPrefix(start, []byte("\xFE\xFF")):
		fr.Err = fmt.Errorf("%s: the file is UTF-16 text; export it as CSV (UTF-8 or Windows-1252)", fr.Path)
		return nil
	}
	var text io.Reader = br
	var det *detector
	switch enc {
	case config.Windows1252:
		text = bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), 64<<10)
		fr.Encoding = config.Windows1252
	case config.Detect:
		// Read past br's buffer once it is empty, straight into the CSV reader's buffer.
		src := readerFunc(func(p []byte) (int, error) {
			if br.Buffered() > 0 {
				return br.Read(p)
			}
			return r.Read(p)
		})
		det = newDetector(src, br.Peek)
		text = bufio.NewReaderSize(det, 64<<10)
		utf8Reason = reasonMixed
		fr.Encoding = config.UTF8
	default:
		fr.Encoding = config.UTF8
	}
	// The file's warnings: its encoding, when detected as Windows-1252 (also in a file whose
	// header fails), then the headers and the values read loosely.
	defer func() {
		if det != nil && det.state == is1252 {
			fr.Encoding = config.Windows1252
			l.warnings = slices.Insert(l.warnings, 0, l.detected1252(t.input, fr, det.offset))
		}
	}()
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
	format := formatOf(l.cfg, t.input, header)
	layout, loose, err := resolveLayout(t, l.cfg, format, header)
	if err != nil {
		fr.Err = fmt.Errorf("%s: %w", fr.Path, err)
		return nil
	}
	if len(loose) > 0 {
		l.warn(looseHeaderWarning(fr.Path, loose))
	}
	if blocked != "" {
		fr.HeaderOnly = true
		fr.Err = fmt.Errorf("%s: header read, but no row checked, because %s could not be read", fr.Path, blocked)
		return nil
	}
	fr.Absent = layout.absent(t)
	entries := l.cfg.InputFiles(t.input)
	oneOfSeveral := len(entries) > 1 || config.IsPattern(entries[0])
	if w, ok := absentWarning(fr.Path, t.input, fr.Absent, oneOfSeveral); ok {
		l.warn(w)
	}
	f := &fileReader{t: t, report: fr, layout: layout, width: len(header), utf8Reason: utf8Reason, headerRow: slices.Clone(header)}
	if format != nil && format.yearFromName && layout.pos[colYear] < 0 {
		year, ok := simsYear(fr.Name)
		if !ok {
			fr.Err = fmt.Errorf("%s: a %s has no year column, and the file's name says no one school year; name it with the year (SIMS_2025.csv, or FY25 for 2024-25)", fr.Path, format.name)
			return nil
		}
		f.fixedYear = strconv.Itoa(year)
		l.warn(Warning{Path: fr.Path, Message: fmt.Sprintf("a %s has no year column: its rows are of the school year %d-%02d (%d), as its name says; rename the file if that is not its school year",
			format.name, year-1, year%100, year)})
	}
	if t.input != "schools" { // every other input has a student_id
		f.students = &l.students
	}
	if err := f.rows(ctx, cr, func(f *fileReader) { t.row(l, f) }); err != nil {
		return err
	}
	f.finish(&l.schools)
	if cs, ok := l.sink.(ColumnSink); ok && len(fr.Absent) > 0 && len(fr.Counts) > 0 {
		cs.Absent(t.input, fr.Absent, fileYears(fr))
	}
	for _, w := range f.valueWarnings(l.cfg) {
		l.warn(w)
	}
	if w, ok := f.unusedWarning(); ok {
		l.warn(w)
	}
	return nil
}

// readHistory reads the files of students.csv once before the load proper, through the same
// layout, mappings and checks, for the first year each student was an EL (simsFirstEL): SIMS
// has no former-EL code, so a student who is not an EL now and was one in an earlier year of
// the data is a former EL, whatever the order of the files and rows. Only rows the load would
// accept count; this pass reports nothing (the load proper does).
func (l *loader) readHistory(ctx context.Context, t *table) error {
	l.simsFirstEL = make(map[string]int)
	l.history = true
	defer func() { l.history = false; l.warnings = l.warnings[:0] }()
	for _, f := range l.files(t.input) {
		fr := FileReport{Input: t.input, Path: l.cfg.DataFilePath(f.name), Name: f.name}
		if err := l.readFile(ctx, t, &fr, "", f.unmatched); err != nil {
			return err
		}
	}
	return nil
}

// inputFile is a file of an input: a name in the data folder, or, when unmatched, a pattern
// of site.toml that matched no file (readFile reports it as a missing file).
type inputFile struct {
	name      string
	unmatched bool
}

// files returns the files of an input in the data folder, in the order site.toml names them:
// each file it names, and for a pattern the files that match it, by name. An entry that is a
// file's own name is that file even when the name has a wildcard character ("ACCESS
// [2024].csv"); a pattern that matches no file is returned as it is, unmatched.
func (l *loader) files(input string) []inputFile {
	var out []inputFile
	add := func(f inputFile) {
		if !slices.ContainsFunc(out, func(o inputFile) bool { return o.name == f.name || l.sameFile(o.name, f.name) }) {
			out = append(out, f)
		}
	}
	for _, f := range l.cfg.InputFiles(input) {
		if !config.IsPattern(f) {
			add(inputFile{name: f})
			continue
		}
		if info, err := fs.Stat(l.data, f); err == nil && !info.IsDir() {
			add(inputFile{name: f})
			continue
		}
		matches := l.glob(f)
		if len(matches) == 0 {
			add(inputFile{name: f, unmatched: true})
		}
		for _, m := range matches {
			add(inputFile{name: m})
		}
	}
	return out
}

// sameFile reports whether two names of the data folder's file system are one file on disk
// ("plans.csv" and "/srv/exports/plans.csv", or "../exports/plans.csv"): site.toml may name a
// file twice, and its rows are then read once. A file system that is not on disk (a test's)
// has no such identity: names are compared as names. Each name is looked up once (stat), so
// that comparing the thousands of files a pattern may match costs no system call per pair.
func (l *loader) sameFile(a, b string) bool {
	ia, ib := l.stat(a), l.stat(b)
	return ia != nil && ib != nil && os.SameFile(ia, ib)
}

// stat returns the file information of a name of the data folder, or nil, looked up once.
func (l *loader) stat(name string) fs.FileInfo {
	if info, ok := l.stats[name]; ok {
		return info
	}
	if l.stats == nil {
		l.stats = map[string]fs.FileInfo{}
	}
	info, err := fs.Stat(l.data, name)
	if err != nil {
		info = nil
	}
	l.stats[name] = info
	return info
}

// glob returns the files of the data folder's file system that a pattern matches (wildcards
// in the file name only), sorted by name.
func (l *loader) glob(pattern string) []string {
	dir, base := path.Split(pattern)
	entries, err := fs.ReadDir(l.data, cmp.Or(strings.TrimSuffix(dir, "/"), "."))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if ok, _ := path.Match(base, e.Name()); ok && !e.IsDir() {
			out = append(out, dir+e.Name())
		}
	}
	slices.Sort(out)
	return out
}

// fileYears returns the years of a file's accepted rows, ascending.
func fileYears(fr *FileReport) []int {
	var years []int
	for _, c := range fr.Counts {
		if !slices.Contains(years, c.Year) {
			years = append(years, c.Year)
		}
	}
	slices.Sort(years)
	return years
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// detected1252 is the notice of a file whose encoding the loader found to be Windows-1252: at
// offset (after any byte order mark) is its first byte that is neither ASCII nor UTF-8.
func (l *loader) detected1252(input string, fr *FileReport, offset int64) Warning {
	w := Warning{Path: fr.Path}
	example := ""
	if file, err := l.data.Open(fr.Name); err == nil {
		w.Line, example = lineAndWord(file, offset)
		file.Close()
	}
	if example != "" {
		example = fmt.Sprintf(" (e.g. %q)", example)
	}
	line := fmt.Sprintf("%s = %q", input, config.Windows1252)
	how := pasteBlock("data.encoding", len(l.cfg.Data.Encoding.Inputs) > 0, line)
	if l.cfg.Data.Encoding.All == config.Detect { // encoding = "auto": the table would clash with it
		how = fmt.Sprintf("under [data] in site.toml, replace encoding = %q with:\n  encoding = { %s }", config.Detect, line)
	}
	w.Message = fmt.Sprintf("the file is not UTF-8, so it was read as Windows-1252%s; to say so, and no longer see this warning, %s", example, how)
	return w
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
