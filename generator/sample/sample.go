// Package sample generates a synthetic school district: the eight input files of the data
// contract (docs/data-contract.md) for districts, schools and students that do not exist. It is the
// work behind `elreport gen`, which makes the sample site's data/ folder, and it gives the other
// stages realistic data at any scale for tests and benchmarks.
//
// The data set is internally consistent in the ways the loader checks (unique keys, every row
// joined to a student and a school, ACCESS rows only for ELs, progress agreeing with the
// prior year's target, cohort outcomes agreeing with end statuses) and realistic in the ways the
// report shows: about 15-20% English learners speaking a dozen home languages, an ACCESS row
// for every EL of grades K-12 (about 3% of them did not test), ACCESS levels that rise with
// years in a program, long-term ELs, DESE's exit (RE2, RE3) and six-year (RE5) flags that
// agree with the levels, the years in program and the next year's EL status, and EL versus
// non-EL gaps in MCAS results, course passing, early-warning risk, dropout, graduation and
// plans after high school. A small newcomer high school makes some school figures fall below
// the minimum group size.
//
// Enrollment is modeled as seats ("slots"): every slot holds exactly one student each year, and
// when a student graduates, drops out or moves away, a new student takes the slot the next year
// (a kindergartner, or a transfer or newcomer at the grade the leaver would have reached). A
// slot's whole history, from fourteen years before the first reported year so that every
// student's past is simulated too, is a pure function of the seed and the slot number: it is
// drawn from a PCG generator seeded with them. Generate replays each slot once per reported
// year and writes that year's rows of every file, so memory does not grow with the number of
// students, and the same options always produce the same bytes.
package sample

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

// Options are the parameters of a generated data set. A zero field takes its default.
type Options struct {
	// Districts is the number of districts; default 1.
	Districts int
	// SchoolsPerDistrict is the number of schools in each district; default 9.
	SchoolsPerDistrict int
	// Students is the number of students enrolled each year across all districts; default 6000.
	Students int
	// Years is the number of school years; default 3.
	Years int
	// FirstYear is the spring year of the first school year; default 2023 (2022-23).
	FirstYear int
	// Seed selects the data set; default 1. The same options always give the same bytes.
	Seed uint64
}

// The defaults of Options, which make the shipped sample district.
const (
	DefaultDistricts          = 1
	DefaultSchoolsPerDistrict = 9
	DefaultStudents           = 6000
	DefaultYears              = 3
	DefaultFirstYear          = 2023
	DefaultSeed               = 1
)

// Limits of Options, set by the codes and identifiers the generator writes.
const (
	// MaxDistricts is the most districts: district codes have four digits.
	MaxDistricts = 9000
	// MaxSchoolsPerDistrict is the most schools a district may have: school codes have four
	// digits and step by five.
	MaxSchoolsPerDistrict = 1999
	// MaxYears is the most school years a data set may span.
	MaxYears = 50
)

// Stats says what Generate wrote.
type Stats struct {
	// Files lists the files written, in the order of docs/data-contract.md.
	Files []FileStat
}

// FileStat is the size of one written file.
type FileStat struct {
	// Name is the file's name, e.g. "students.csv".
	Name string
	// Rows is the number of data rows, not counting the header.
	Rows int
	// Bytes is the size of the file.
	Bytes int64
}

// withDefaults returns the options with zero fields set to their defaults, or an error naming
// the first option that is out of range.
func (o Options) withDefaults() (Options, error) {
	if o.Districts == 0 {
		o.Districts = DefaultDistricts
	}
	if o.SchoolsPerDistrict == 0 {
		o.SchoolsPerDistrict = DefaultSchoolsPerDistrict
	}
	if o.Students == 0 {
		o.Students = DefaultStudents
	}
	if o.Years == 0 {
		o.Years = DefaultYears
	}
	if o.FirstYear == 0 {
		o.FirstYear = DefaultFirstYear
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	switch {
	case o.Districts < 1 || o.Districts > MaxDistricts:
		return o, fmt.Errorf("districts: %d is out of range (1-%d)", o.Districts, MaxDistricts)
	case o.SchoolsPerDistrict < 1 || o.SchoolsPerDistrict > MaxSchoolsPerDistrict:
		return o, fmt.Errorf("schools per district: %d is out of range (1-%d)", o.SchoolsPerDistrict, MaxSchoolsPerDistrict)
	case o.Years < 1 || o.Years > MaxYears:
		return o, fmt.Errorf("years: %d is out of range (1-%d)", o.Years, MaxYears)
	case o.FirstYear < 1990 || o.FirstYear+o.Years-1 > 2100:
		return o, fmt.Errorf("first year: %d is out of range (1990-%d)", o.FirstYear, 2101-o.Years)
	case o.Students < 1 || uint64(o.Students)*uint64(slotOccupants(o.Years)) > idSpace:
		return o, fmt.Errorf("students: %d is out of range (1-%d for %d years)", o.Students, idSpace/uint64(slotOccupants(o.Years)), o.Years)
	}
	return o, nil
}

// fileNames are the files Generate writes, in the order of docs/data-contract.md.
var fileNames = [...]string{"schools.csv", "students.csv", "access.csv", "ewis.csv", "courses.csv", "mcas.csv", "cohort.csv", "plans.csv"}

// The indexes of fileNames.
const (
	schoolsFile = iota
	studentsFile
	accessFile
	ewisFile
	coursesFile
	mcasFile
	cohortFile
	plansFile
	fileCount
)

// headers are the header rows of the files, in the column names of docs/data-contract.md;
// access.csv's columns added later come last, so that the earlier ones keep their place.
var headers = [fileCount][]string{
	{"district_code", "district_name", "school_code", "school_name", "grade_span", "level"},
	{"year", "student_id", "school_code", "grade", "el_status", "home_language", "el_program", "end_status"},
	{"year", "student_id", "school_code", "grade", "overall_level", "test", "listening", "speaking", "reading", "writing", "future_target", "difficulty_index", "sgpa", "progress", "years_in_program", "literacy", "met_exit_criteria",
		"test_status", "exited_after_exit_criteria", "not_proficient_six_years"},
	{"year", "student_id", "school_code", "grade", "risk_level"},
	{"year", "student_id", "school_code", "courses_taken", "courses_passed"},
	{"year", "student_id", "school_code", "grade", "subject", "achievement_level"},
	{"cohort_year", "student_id", "school_code", "el_in_cohort", "outcome"},
	{"year", "student_id", "school_code", "plan"},
}

// Generate writes schools.csv, students.csv, access.csv, ewis.csv, courses.csv, mcas.csv,
// cohort.csv and plans.csv into dir, creating dir if it is missing, and reports the rows
// written per file. Each file is written under a temporary name and renamed into place only
// when all eight are complete, so a failed or canceled run leaves no partial data set behind
// (files of an earlier run stay as they were). Rows are ordered by year, then by district and
// seat, so the files read like one export per year appended to the next.
func Generate(ctx context.Context, dir string, opts Options) (Stats, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return Stats{}, fmt.Errorf("generate: %w", err)
	}
	g := newGenerator(opts)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("generate: %w", err)
	}
	var outs [fileCount]*output
	defer func() {
		for _, out := range outs {
			if out != nil {
				out.discard()
			}
		}
	}()
	for i := range outs {
		out, err := createOutput(dir, fileNames[i], headers[i])
		if err != nil {
			return Stats{}, fmt.Errorf("generate: %w", err)
		}
		outs[i] = out
	}
	if err := g.write(ctx, &outs); err != nil {
		return Stats{}, fmt.Errorf("generate: %w", err)
	}
	var stats Stats
	for _, out := range outs {
		size, err := out.finish()
		if err != nil {
			return Stats{}, fmt.Errorf("generate: %w", err)
		}
		stats.Files = append(stats.Files, FileStat{Name: out.name, Rows: out.rows, Bytes: size})
	}
	for i, out := range outs {
		if err := os.Rename(out.file.Name(), filepath.Join(dir, out.name)); err != nil {
			return Stats{}, fmt.Errorf("generate: %w", err)
		}
		outs[i] = nil
	}
	return stats, nil
}

// output is one CSV file being written under a temporary name.
type output struct {
	name string
	file *os.File
	buf  *bufio.Writer
	csv  *csv.Writer
	rows int
}

func createOutput(dir, name string, header []string) (*output, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return nil, err
	}
	// CreateTemp makes the file private (0600); the data set is meant to be shared like any
	// export, so give it the usual permissions before it is renamed into place.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	buf := bufio.NewWriterSize(f, 256<<10)
	out := &output{name: name, file: f, buf: buf, csv: csv.NewWriter(buf)}
	if err := out.csv.Write(header); err != nil {
		out.discard()
		return nil, err
	}
	return out, nil
}

// write adds a data row.
func (o *output) write(row []string) error {
	o.rows++
	return o.csv.Write(row)
}

// finish flushes and closes the file and returns its size.
func (o *output) finish() (int64, error) {
	o.csv.Flush()
	err := o.csv.Error()
	if err == nil {
		err = o.buf.Flush()
	}
	var size int64
	if err == nil {
		var fi os.FileInfo
		if fi, err = o.file.Stat(); err == nil {
			size = fi.Size()
		}
	}
	if cerr := o.file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", o.name, err)
	}
	return size, nil
}

// discard removes the temporary file of an output that will not be renamed into place.
func (o *output) discard() {
	o.file.Close() // may already be closed by finish; the file goes either way
	os.Remove(o.file.Name())
}
