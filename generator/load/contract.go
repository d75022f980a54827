package load

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"elreport/generator/record"
)

// Sink receives the accepted rows of a load, one at a time, in this order: every school, then
// every student, then the rows of access, ewis, courses, mcas, cohort and plans, file by file.
// Rows carry no student id; the loader has already joined each row with the student's EL status
// (and program) from students.csv. The compute stage's aggregator is a Sink; a check that only
// validates passes Discard.
type Sink interface {
	School(record.School)
	Student(record.Student)
	Access(record.Access)
	EWIS(record.EWIS)
	Course(record.Course)
	MCAS(record.MCAS)
	Cohort(record.Cohort)
	Plan(record.PlanRow)
}

// ColumnSink is a Sink that is told which optional columns of the contract a file lacks (a
// lacking column is not a blank one: figures made from it must not be computed at all), and
// the years of the file's accepted rows, which therefore lack them. The loader calls Absent
// once per file with accepted rows that lacks some, after its rows. An input may have several
// files (one per year, say), with different columns. The compute stage's aggregator is a
// ColumnSink.
type ColumnSink interface {
	Sink
	Absent(input string, columns []string, years []int)
}

// Discard is a Sink that drops every row.
var Discard Sink = discard{}

type discard struct{}

func (discard) School(record.School)   {}
func (discard) Student(record.Student) {}
func (discard) Access(record.Access)   {}
func (discard) EWIS(record.EWIS)       {}
func (discard) Course(record.Course)   {}
func (discard) MCAS(record.MCAS)       {}
func (discard) Cohort(record.Cohort)   {}
func (discard) Plan(record.PlanRow)    {}

// Report is the ledger of a load: for every input file, how many rows were read, accepted and
// rejected and why. Read == Accepted + Rejected for every file.
type Report struct {
	Files []FileReport
	// AllowRejects is the number of rejected rows site.toml tolerates.
	AllowRejects int
	// Warnings are things check should show that do not make the inputs unfit to publish, in
	// file order: per file, what the loader inferred (an encoding detected as Windows-1252,
	// headers and values read loosely) and values worth a mapping in site.toml (values of a
	// column it does not know, school codes without their leading zeros), a file with a header
	// and no rows, a year with a tiny fraction of a file's rows; then the CSV files of the
	// data folder no input reads, and the years of site.toml without data. Err ignores them.
	Warnings []Warning
}

// Warning is something about the inputs worth a look that does not stop a build. Its String
// is a sentence to print after "warning: ", e.g.
//
//	data/plans.csv: the file has a header but no rows; the figures made from it will be absent
type Warning struct {
	Path    string // the input file, e.g. "data/access.csv"; "site.toml" for a setting
	Line    int    // 0 when the warning is about the whole file
	Message string // what, and what to do
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Message)
	}
	return fmt.Sprintf("%s: %s", w.Path, w.Message)
}

// FileReport is the ledger of one input file.
type FileReport struct {
	Input string // "schools", "students", "access", ...
	// Path is the file as the user knows it, relative to the folder of site.toml or
	// absolute: "data/access.csv", "../exports/access.csv", "/srv/exports/access.csv". It is
	// for messages: it may name folders of the user's computer.
	Path string
	// Name is the file within the data folder, as site.toml's [data.files] gives it or
	// <input>.csv: "access.csv", "ACCESS Student Data 2025.csv". It names no folder outside
	// the data folder unless [data.files] does; PublicName, what the site publishes, never
	// does.
	Name string
	// Encoding is the encoding the file's text was read in (its header at least): "utf-8" or
	// "windows-1252", detected or as site.toml says; "" when the file was not opened or was
	// refused before its text (a byte order mark under "windows-1252", UTF-16).
	Encoding string
	// HeaderOnly is true when only the file's header was checked, because a file it depends
	// on (schools.csv, students.csv) could not be read; Err then says so.
	HeaderOnly bool
	// Err is a file-level problem (missing file, missing required column, undecodable text)
	// that made every row of the file unusable; nil when the file was read.
	Err error
	// Missing is true when an optional input file does not exist (Err is then nil and Read 0):
	// the district has no such data, and the figures made from it are simply absent.
	Missing bool
	// Absent lists the optional columns of the contract the file's header lacks, in contract
	// order (nil when the file was not read): the figures made from them are not computed.
	Absent []string

	Read, Accepted, Rejected int
	// Uncounted is the number of accepted rows counted under no school and year (not in
	// Counts): an MCAS file's retest administrations.
	Uncounted int
	// Unused counts, by reason, the results of accepted rows that no figure counts: the
	// rows of students who did not test (access.csv test_status), an MCAS file's subjects
	// not tested and its retest administrations. Most first.
	Unused []ReasonCount
	// Reasons counts rejected rows by reason (the message without the line and value),
	// most frequent first, then by reason. A row rejected for several reasons counts under
	// each of them.
	Reasons []ReasonCount
	// Errors holds the first errors of the file in line order (one per bad value, so a row
	// may have several); MoreErrors counts the rest.
	Errors     []*RowError
	MoreErrors int
	// Counts holds the accepted rows per school and year, sorted by school then year (the
	// year is cohort_year for cohort.csv; schools.csv, which has no year, has no counts; the
	// Uncounted rows are in none).
	Counts []SchoolYearCount
}

// PublicName returns the file's name as the site may publish it: Name when the file is
// within the data folder ("access.csv", "2025/access.csv"), the file's own name alone when
// [data.files] leads out of it ("/home/jsmith/Desktop/plans.csv" and
// "../exports/access.csv" give "plans.csv" and "access.csv"): a folder outside the data
// folder may name a staff member's account (docs/privacy.md).
func (f *FileReport) PublicName() string {
	if f.Name == "" {
		return f.Input + ".csv"
	}
	return withinDataFolder(f.Name)
}

// withinDataFolder returns name (a [data.files] entry, cleaned, or <input>.csv) as
// PublicName publishes it.
func withinDataFolder(name string) string {
	// Cleaned with backslashes as separators too: on Windows [data.files] may say
	// .\..\exports\plans.csv, which path.Clean (slashes only) left as it was.
	slash := strings.ReplaceAll(name, `\`, "/")
	if !strings.HasPrefix(slash, "//") { // a UNC path (\\server\share) keeps its two slashes
		slash = path.Clean(slash)
	}
	first, _, _ := strings.Cut(slash, "/")
	if filepath.IsAbs(name) || strings.HasPrefix(slash, "/") || first == ".." || strings.HasSuffix(first, ":") || filepath.VolumeName(name) != "" {
		return path.Base(slash)
	}
	return name
}

// PublicProblem returns Err's message as the site may publish it: with the file's name as
// PublicName gives it where the message names the file by Path.
func (f *FileReport) PublicProblem() string {
	if f.Err == nil {
		return ""
	}
	if f.Path == "" {
		return f.Err.Error()
	}
	return strings.ReplaceAll(f.Err.Error(), f.Path, f.PublicName())
}

// Lacks reports whether the inputs lack a column of an input: no file of the input was read
// with the column (its files are missing or were not read, or their headers have no such
// column). A report without the input (Load's always has every input) says nothing of it:
// false.
func (r *Report) Lacks(input, column string) bool {
	seen := false
	for i := range r.Files {
		f := &r.Files[i]
		if f.Input != input {
			continue
		}
		seen = true
		if !f.Missing && f.Err == nil && !slices.Contains(f.Absent, column) {
			return false
		}
	}
	return seen
}

// ReasonCount is a reject reason and the number of rows rejected for it.
type ReasonCount struct {
	Reason string // e.g. `column "overall_level": is not a proficiency level (1.0-6.0)`
	Rows   int
}

// SchoolYearCount is the number of accepted rows of a file for one school and year.
type SchoolYearCount struct {
	SchoolCode string
	Year       int
	Rows       int
}

// RowError is a problem with one row: where it is, which column, which value, and why.
type RowError struct {
	Path   string // e.g. "data/access.csv"
	Line   int    // physical line of the file, 1-based (the header is line 1)
	Column string // the contract's column name; blank for a row-level problem
	Value  string // cut to its first 60 characters and "…" when longer
	Reason string // e.g. "is not a proficiency level (1.0-6.0)"
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s:%d: column %q: %q %s", e.Path, e.Line, e.Column, e.Value, e.Reason)
}
