package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"elreport/generator/record"
)

// manyAccessRows returns the students.csv and access.csv of n EL students, one access row each,
// enough rows for several batches.
func manyAccessRows(n int) (students, access string) {
	var s, a strings.Builder
	s.WriteString(strings.Split(studentsCSV, "\n")[0] + "\n")
	a.WriteString(accessHeader + "\n")
	for i := range n {
		fmt.Fprintf(&s, "2025,T%d,00010005,3,EL,,,\n", i)
		fmt.Fprintf(&a, "2025,T%d,00010005,3,3.4,,,,,,,,,,\n", i)
	}
	return s.String(), a.String()
}

// failingFS is fsys whose file at path fails to read after its first n bytes.
type failingFS struct {
	fstest.MapFS
	path string
	n    int
}

var errDisk = errors.New("disk on fire")

func (f failingFS) Open(name string) (fs.File, error) {
	file, err := f.MapFS.Open(name)
	if err != nil || name != f.path {
		return file, err
	}
	return &failingFile{File: file, left: f.n}, nil
}

type failingFile struct {
	fs.File
	left int
}

func (f *failingFile) Read(p []byte) (int, error) {
	if f.left == 0 {
		return 0, errDisk
	}
	n, err := f.File.Read(p[:min(len(p), f.left)])
	f.left -= n
	return n, err
}

// cancelSink cancels a load at its n-th access row and counts the access rows it gets.
type cancelSink struct {
	discard
	n, rows int
	cancel  func()
}

func (s *cancelSink) Access(record.Access) {
	if s.rows++; s.rows == s.n {
		s.cancel()
	}
}

// panicSink panics at its n-th access row.
type panicSink struct {
	discard
	n, rows int
}

func (s *panicSink) Access(record.Access) {
	if s.rows++; s.rows == s.n {
		panic("sink failed")
	}
}

// checkGoroutines fails the test if, within a second, the number of goroutines does not come
// back to want: a load must stop the goroutine that splits records whichever way it ends.
func checkGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > want {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after the load, %d before", runtime.NumGoroutine(), want)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestLoadStopsItsGoroutines(t *testing.T) {
	students, access := manyAccessRows(5000)
	fsys := inputs(map[string]string{"students": students, "access": access})

	t.Run("read error mid-file", func(t *testing.T) {
		before := runtime.NumGoroutine()
		ffs := failingFS{MapFS: fsys, path: "data/access.csv", n: len(access) / 2}
		var c collector
		report, err := Load(context.Background(), ffs, defaultConfig(), &c)
		if !errors.Is(err, errDisk) || report != nil {
			t.Fatalf("got %v, %v; want the read error and no report", report, err)
		}
		if !strings.HasPrefix(err.Error(), "data/access.csv: ") {
			t.Errorf("error %q does not name the file", err)
		}
		if len(c.access) == 0 || len(c.access) >= 5000 {
			t.Errorf("%d access rows reached the sink, want some but not all", len(c.access))
		}
		checkGoroutines(t, before)
	})
	t.Run("cancelled mid-file", func(t *testing.T) {
		before := runtime.NumGoroutine()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		sink := &cancelSink{n: 1000, cancel: cancel}
		report, err := Load(ctx, fsys, defaultConfig(), sink)
		if !errors.Is(err, context.Canceled) || report != nil {
			t.Fatalf("got %v, %v; want context.Canceled and no report", report, err)
		}
		if sink.rows >= 5000 {
			t.Errorf("the sink got all %d rows of a cancelled load", sink.rows)
		}
		checkGoroutines(t, before)
	})
	t.Run("sink panics", func(t *testing.T) {
		before := runtime.NumGoroutine()
		func() {
			defer func() {
				if r := recover(); r != "sink failed" {
					t.Errorf("recovered %v, want the sink's panic", r)
				}
			}()
			Load(context.Background(), fsys, defaultConfig(), &panicSink{n: 1000})
		}()
		checkGoroutines(t, before)
	})
}

// TestLinesAcrossBatches checks physical lines in a file of several batches whose records
// include quoted fields with line breaks (in a column the contract does not name: a name may
// not have one), so that records and lines drift apart: each error is reported at the line of
// its value, and rows reach the sink in file order.
func TestLinesAcrossBatches(t *testing.T) {
	var students strings.Builder
	students.WriteString("year,student_id,school_code,grade,el_status,notes,el_program,end_status,home_language\n")
	line := 1
	var wantErrors, wantLanguages []string
	for i := range 3000 {
		notes, program, grade := "", "", "3"
		language := fmt.Sprintf("Language %d", i%100)
		if i%7 == 0 {
			notes = "\"a note\r\nof two lines\""
		}
		row := line + 1
		switch i {
		case 510, 1023, 2999: // bad grade, on the row's first line
			grade = "X"
			wantErrors = append(wantErrors, fmt.Sprintf(`data/students.csv:%d: column "grade": "X" is not a grade (PK, K, 1-12, SP)`, row))
		case 511, 1022, 1024, 2044: // bad program, after the line break for multiples of 7
			program = "Immersion"
			nextLine := row
			if i%7 == 0 {
				nextLine++
			}
			wantErrors = append(wantErrors, fmt.Sprintf(`data/students.csv:%d: column "el_program": "Immersion" is not an EL program (SEI, TBE, DualLanguage, Other or blank)`, nextLine))
		case 1500: // not CSV
			fmt.Fprintf(&students, "2025,T%d,0001\"0005,3,EL,,,\n", i)
			wantErrors = append(wantErrors, fmt.Sprintf(`data/students.csv:%d: row is not valid CSV: bare " in non-quoted-field`, row))
			line++
			continue
		default:
			wantLanguages = append(wantLanguages, language)
		}
		fmt.Fprintf(&students, "2025,T%d,00010005,%s,EL,%s,%s,,%s\n", i, grade, notes, program, language)
		line += 1 + strings.Count(notes, "\n")
		if i%500 == 0 {
			students.WriteString(",,,,,,,,\n") // skipped, but still a line
			line++
		}
	}
	report, c := run(t, inputs(map[string]string{"students": students.String()}), defaultConfig())
	f := fileReport(t, report, "students")
	got := errorStrings(f)
	if !reflect.DeepEqual(got, wantErrors) {
		t.Errorf("errors:\ngot  %q\nwant %q", got, wantErrors)
	}
	if f.Read != 3000 || f.Rejected != len(wantErrors) {
		t.Errorf("read %d, rejected %d; want 3000, %d", f.Read, f.Rejected, len(wantErrors))
	}
	var languages []string
	for _, s := range c.students {
		languages = append(languages, s.HomeLanguage)
	}
	if !reflect.DeepEqual(languages, wantLanguages) {
		t.Errorf("the sink got %d students' languages, not the %d of the file in order", len(languages), len(wantLanguages))
	}
}
