package load

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"elreport/generator/config"
	"elreport/generator/record"
)

// benchRows is the size of the access.csv of BenchmarkAccess (100,000 with -short).
func benchRows() int {
	if testing.Short() {
		return 100_000
	}
	return 1_000_000
}

// writeBenchInputs writes, under dir/data, a schools.csv of 20 schools, a students.csv of
// studentYears rows (studentYears/4 EL students, each enrolled in 2022-2025), and one
// access.csv per size in accessRows (access-<n>.csv) whose row i is the student-year of row i
// of students.csv. Rows are ordered as exports usually are: by year, then school, then student.
func writeBenchInputs(tb testing.TB, dir string, studentYears int, accessRows ...int) {
	tb.Helper()
	perYear := studentYears / 4
	// row i of either file: its year, student and school (20 blocks of students).
	year := func(i int) int { return 2022 + i/perYear }
	student := func(i int) int { return i % perYear }
	school := func(i int) string { return fmt.Sprintf("0001%04d", student(i)*20/perYear) }
	grade := func(i int) int { return 1 + (student(i)+i/perYear)%12 }
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o777); err != nil {
		tb.Fatal(err)
	}
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(data, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fill(w)
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	write("schools.csv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "district_code,district_name,school_code,school_name,grade_span,level")
		for i := range 20 {
			fmt.Fprintf(w, "0001,Springfield,0001%04d,School %d,K-12,Other\n", i, i)
		}
	})
	write("students.csv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "year,student_id,school_code,grade,el_status,home_language,el_program,end_status")
		for i := range studentYears {
			fmt.Fprintf(w, "%d,S%07d,%s,%d,EL,Spanish,SEI,\n", year(i), student(i), school(i), grade(i))
		}
	})
	for _, n := range accessRows {
		write(fmt.Sprintf("access-%d.csv", n), func(w *bufio.Writer) {
			fmt.Fprintln(w, accessHeader)
			progress := [...]string{"Yes", "No", ""}
			for i := range n {
				r := uint32(i)*2654435761 + 12345 // a cheap, deterministic spread of values
				level := func(shift uint32) string { l := 10 + (r>>shift)%51; return fmt.Sprintf("%d.%d", l/10, l%10) }
				target := 10 + r%33
				fmt.Fprintf(w, "%d,S%07d,%s,%d,%s,ACCESS,%s,%s,%s,%s,%d.%d,%d,%d,%s,%d\n",
					year(i), student(i), school(i), grade(i), level(0), level(3), level(6), level(9), level(12),
					target/10, target%10, 1+(r>>4)%99, 1+(r>>11)%99, progress[r%3], 1+(r>>7)%6)
			}
		})
	}
}

// benchLoader returns a loader of dir whose schools and students are loaded, and the table and
// report of access-<rows>.csv.
func benchLoader(tb testing.TB, dir string, rows int) (*loader, *table, FileReport) {
	tb.Helper()
	cfg := config.Defaults()
	cfg.Data.Files = map[string]config.FileList{"access": {fmt.Sprintf("access-%d.csv", rows)}}
	l := newLoader(os.DirFS(filepath.Join(dir, "data")), &cfg, Discard)
	for _, t := range tables[:2] {
		fr := FileReport{Input: t.input, Path: cfg.InputPath(t.input), Name: cfg.InputFiles(t.input)[0]}
		if err := l.readFile(context.Background(), t, &fr, "", false); err != nil || fr.Err != nil || fr.Rejected > 0 {
			tb.Fatalf("%s: %v %v %d rejected", fr.Path, err, fr.Err, fr.Rejected)
		}
	}
	l.students.compact()
	return l, tables[2], FileReport{Input: "access", Path: cfg.InputPath("access"), Name: cfg.InputFiles("access")[0]}
}

// forgetAccess clears the marks of a previous read of access.csv, so that reading it again
// does not find its rows duplicates.
func forgetAccess(l *loader) {
	for i := range l.students.enrollments {
		l.students.enrollments[i].flags &^= seenAccess
	}
}

// readAccess reads the access file into a copy of fr and checks that every row was accepted.
func readAccess(tb testing.TB, l *loader, t *table, fr FileReport, rows int) {
	if err := l.readFile(context.Background(), t, &fr, "", false); err != nil || fr.Err != nil || fr.Accepted != rows {
		tb.Fatalf("%s: %v %v: accepted %d of %d: %q", fr.Path, err, fr.Err, fr.Accepted, rows, errorStrings(fr))
	}
}

// BenchmarkAccess compares the loader's reading of a large access.csv (values parsed, rows
// checked against the student index and handed to a Sink) with a plain encoding/csv read of
// the same file. Besides the wall time (ns/op), each reports the CPU time of the process per
// op (cpu-ns/op: every thread, the garbage collector's included), which is above the wall
// time when more than one core works, as the loader's two goroutines may.
func BenchmarkAccess(b *testing.B) {
	rows := benchRows()
	dir := b.TempDir()
	writeBenchInputs(b, dir, rows, rows)
	l, t, fr := benchLoader(b, dir, rows)
	path := filepath.Join(dir, filepath.FromSlash(fr.Path))
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B, cpu time.Duration) {
		b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}

	b.Run("loader", func(b *testing.B) {
		b.SetBytes(info.Size())
		b.ReportAllocs()
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			forgetAccess(l)
			start := processCPU()
			b.StartTimer()
			readAccess(b, l, t, fr, rows)
			cpu += processCPU() - start
		}
		report(b, cpu)
	})
	b.Run("encoding-csv", func(b *testing.B) {
		b.SetBytes(info.Size())
		b.ReportAllocs()
		start := processCPU()
		for b.Loop() {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			r := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
			r.ReuseRecord = true
			n := -1 // the header
			for {
				_, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			f.Close()
			if n != rows {
				b.Fatalf("read %d rows, want %d", n, rows)
			}
		}
		report(b, processCPU()-start)
	})
}

// heapSampler is a Sink that samples the heap in use every 50,000 access rows.
type heapSampler struct {
	discard
	rows int
	peak uint64
}

func (s *heapSampler) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s.peak = max(s.peak, m.HeapInuse)
}

func (s *heapSampler) Access(record.Access) {
	if s.rows++; s.rows%50_000 == 0 {
		s.sample()
	}
}

// BenchmarkAccessMemory shows that the loader's memory does not grow with the rows of a file:
// with the same student index (1,000,000 student-years), it reads access files of 100,000 and
// 1,000,000 rows and reports the heap of the index, the peak heap while reading above it, the
// heap retained after reading (nothing: it is all garbage), and the bytes allocated per row
// (the record's one string, as for a plain encoding/csv read). The peak is the collector's
// headroom (GOGC, relative to the live heap, which is the index), not a function of the rows.
func BenchmarkAccessMemory(b *testing.B) {
	students := 1_000_000
	sizes := []int{100_000, 1_000_000}
	if testing.Short() {
		students, sizes = 100_000, []int{10_000, 100_000}
	}
	dir := b.TempDir()
	writeBenchInputs(b, dir, students, sizes...)
	for _, rows := range sizes {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			l, t, report := benchLoader(b, dir, rows)
			sampler := &heapSampler{}
			l.sink = sampler
			var before, after runtime.MemStats
			for b.Loop() {
				b.StopTimer()
				forgetAccess(l)
				runtime.GC()
				runtime.ReadMemStats(&before)
				sampler.peak = before.HeapInuse
				b.StartTimer()
				readAccess(b, l, t, report, rows)
				b.StopTimer()
				sampler.sample()
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.StartTimer()
			}
			mb := func(n uint64) float64 { return float64(n) / (1 << 20) }
			b.ReportMetric(mb(before.HeapInuse), "index-heap-MB")
			b.ReportMetric(mb(sampler.peak-before.HeapInuse), "peak-above-index-MB")
			b.ReportMetric(mb(after.HeapInuse)-mb(before.HeapInuse), "retained-MB")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(rows), "alloc-B/row")
		})
	}
}

// BenchmarkStudents reads a students.csv of 1,000,000 rows (100,000 with -short) into a fresh
// index: the file whose text columns (student_id, home_language) are checked as text on every
// row, where BenchmarkAccess's access.csv has none.
func BenchmarkStudents(b *testing.B) {
	rows := benchRows()
	dir := b.TempDir()
	writeBenchInputs(b, dir, rows)
	cfg := config.Defaults()
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		l := newLoader(os.DirFS(filepath.Join(dir, "data")), &cfg, Discard)
		start := processCPU()
		b.StartTimer()
		for _, t := range tables[:2] {
			fr := FileReport{Input: t.input, Path: cfg.InputPath(t.input), Name: cfg.InputFiles(t.input)[0]}
			if err := l.readFile(context.Background(), t, &fr, "", false); err != nil || fr.Err != nil || fr.Rejected > 0 {
				b.Fatalf("%s: %v %v %d rejected", fr.Path, err, fr.Err, fr.Rejected)
			}
		}
		cpu += processCPU() - start
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
}
