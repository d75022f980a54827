package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"

	"elreport/generator/site"
)

// profiler is elreport build --profile: a CPU profile of the whole build, a heap profile as
// each stage ends (what is live then: go tool pprof -sample_index=inuse_space), and the wall
// time of each stage, written to stages.txt and printed.
type profiler struct {
	dir    string
	cpu    *os.File
	start  time.Time
	last   time.Time
	lines  []string
	failed error
}

func startProfile(dir string) (*profiler, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--profile: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return nil, fmt.Errorf("--profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--profile: %w", err)
	}
	now := time.Now()
	return &profiler{dir: dir, cpu: f, start: now, last: now}, nil
}

// stage records the end of the build stage name: its time, and the heap then.
func (p *profiler) stage(name string) {
	now := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	// The heap in use counts garbage not yet collected, up to the heap floor (see gc.go) on a
	// small site: the live heap at the last collection says what the build keeps.
	live := "no collection yet"
	if ms.NumGC > 0 {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = fmt.Sprintf("live at the last collection %4d MiB", sample[0].Value.Uint64()>>20)
		}
	}
	p.lines = append(p.lines, fmt.Sprintf("%-8s %7.2fs  heap in use %4d MiB (%s), from the system %4d MiB",
		name, now.Sub(p.last).Seconds(), ms.HeapInuse>>20, live, ms.Sys>>20))
	p.last = now
	f, err := os.Create(filepath.Join(p.dir, "heap-"+name+".pprof"))
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && p.failed == nil {
		p.failed = fmt.Errorf("--profile: %w", err)
	}
	// The profiles are taken outside the stages' times.
	p.last = time.Now()
}

// stop ends the CPU profile and writes and prints the stages' times.
func (p *profiler) stop(w io.Writer, sum site.Summary) error {
	pprof.StopCPUProfile()
	err := p.cpu.Close()
	lines := append(p.lines,
		fmt.Sprintf("(auditing %6.2fs  of compute, the privacy audit)", sum.Auditing.Seconds()),
		fmt.Sprintf("(writing %7.2fs  of render, handing files to the staging folder)", sum.Writing.Seconds()),
		fmt.Sprintf("total    %7.2fs", time.Since(p.start).Seconds()),
		"suppression: "+sum.Suppression.String(),
		"final audit: "+sum.Audit.String())
	text := strings.Join(lines, "\n") + "\n"
	fmt.Fprint(w, text)
	if werr := os.WriteFile(filepath.Join(p.dir, "stages.txt"), []byte(text), 0o644); err == nil {
		err = werr
	}
	if err == nil {
		err = p.failed
	}
	if err != nil {
		return fmt.Errorf("--profile: %w", err)
	}
	return nil
}
