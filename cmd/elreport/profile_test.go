package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
)

// TestProfileStage checks a stage's line of --profile: its heap in use, and the live heap at
// the last collection (which, with the heap floor, says what the build keeps), and that the
// stage's heap profile is written.
func TestProfileStage(t *testing.T) {
	dir := t.TempDir()
	p, err := startProfile(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		pprof.StopCPUProfile()
		p.cpu.Close()
	}()
	runtime.GC()
	p.stage("load")
	line := p.lines[len(p.lines)-1]
	for _, want := range []string{"load ", "heap in use ", "(live at the last collection ", " MiB), from the system "} {
		if !strings.Contains(line, want) {
			t.Errorf("stage line %q lacks %q", line, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "heap-load.pprof")); err != nil {
		t.Error(err)
	}
}
