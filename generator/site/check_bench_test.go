package site

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// BenchmarkCheckSideBySide runs, alternately on a generated data set, check, check
// --all-districts and a plain single-threaded encoding/csv pass over the same files that parses
// every field as a number (ParseFloat), the floor issue 14 compares check with. It reports
// each one's seconds and check's over the pass's (check/csv; at most 1 is the goal). Run one
// size at a time:
//
//	go test ./generator/site -run '^$' -bench 'BenchmarkCheckSideBySide/schools=200/' -benchtime 3x
//	ELREPORT_STATE_SCALE=1 go test ./generator/site -run '^$' -bench 'BenchmarkCheckSideBySide/schools=2000/' -benchtime 3x -timeout 1h
func BenchmarkCheckSideBySide(b *testing.B) {
	for _, size := range benchSizes() {
		b.Run(size.name(), func(b *testing.B) {
			dir := b.TempDir()
			config := generateSite(b, dir, size.districts, 5, size.students)
			files, err := filepath.Glob(filepath.Join(dir, "data", "*.csv"))
			if err != nil || len(files) == 0 {
				b.Fatalf("no CSV files in %s: %v", dir, err)
			}
			check := func(all bool) time.Duration {
				start := time.Now()
				if _, err := Check(context.Background(), config, CheckOptions{AllDistricts: all}); err != nil {
					b.Fatal(err)
				}
				return time.Since(start)
			}
			var ours, all, pass time.Duration
			for b.Loop() {
				ours += check(false)
				all += check(true)
				start := time.Now()
				csvPass(b, files)
				pass += time.Since(start)
			}
			n := float64(b.N)
			b.ReportMetric(ours.Seconds()/n, "check-s/op")
			b.ReportMetric(all.Seconds()/n, "all-districts-s/op")
			b.ReportMetric(pass.Seconds()/n, "csv-s/op")
			b.ReportMetric(ours.Seconds()/pass.Seconds(), "check/csv")
		})
	}
}

// csvPass reads every record of the files with encoding/csv and parses every field as a
// number, in one goroutine, and returns how many parsed.
func csvPass(tb testing.TB, files []string) int {
	numbers := 0
	readFile := func(name string) error {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
		r.ReuseRecord = true
		for rec, err := r.Read(); err != io.EOF; rec, err = r.Read() {
			if err != nil {
				return err
			}
			for _, v := range rec {
				if _, perr := strconv.ParseFloat(v, 64); perr == nil {
					numbers++
				}
			}
		}
		return nil
	}
	for _, name := range files {
		if err := readFile(name); err != nil {
			tb.Fatal(err)
		}
	}
	return numbers
}
