package main

import (
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// TestGCPercent checks the GOGC for a live heap: the next collection at the floor (320 MiB
// here) while twice the live heap is below it, Go's default from there, and never more than
// the GOGC whose minimum heap (4 MiB times GOGC/100) is the floor.
func TestGCPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 8000},         // before the first collection: 4 MiB × 80 = 320 MiB
		{1 * mib, 8000},   // 319 / 1 × 100 would set the minimum heap to 1.2 GiB
		{4 * mib, 7900},   // 4 + 4 × 79 = 320
		{40 * mib, 700},   // 40 + 40 × 7 = 320
		{100 * mib, 220},  // 100 + 100 × 2.2 = 320
		{159 * mib, 101},  // 159 + 159 × 1.01 = 320 (rounded down)
		{160 * mib, 100},  // twice 160 is the floor
		{400 * mib, 100},  // a state's: as Go does by default
		{4000 * mib, 100}, // larger still
	} {
		if got := gcPercent(c.live, 320*mib); got != c.want {
			t.Errorf("gcPercent(%d MiB) = %d, want %d", c.live/mib, got, c.want)
		}
	}
	if got := gcPercent(0, 1*mib); got != 100 {
		t.Errorf("a floor below Go's own minimum: %d, want 100", got)
	}
}

// TestGCTuner checks that the tuner sets GOGC from the live heap after each collection while
// the live heap is small (its finalizer re-arms itself), and that once the live heap reaches
// half the floor it sets Go's default and stops.
func TestGCTuner(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	const floor = 64 << 20
	tu := newGCTuner(floor, 0, 0) // no memory limit
	defer tu.stopped.Store(true)  // should the test stop early
	tu.set(gcPercent(0, floor))
	if got := debug.SetGCPercent(-1); got != gcPercent(0, floor) {
		t.Fatalf("GOGC %d before the first collection, want %d", got, gcPercent(0, floor))
	}
	debug.SetGCPercent(int(tu.pct.Load()))
	tu.arm()
	collect := func(wait time.Duration) int64 { return collectUntilSet(&tu.pct, wait) }
	// The test's own heap is a few MB: above Go's default, twice.
	for i := range 2 {
		if got := collect(5 * time.Second); got <= 100 {
			t.Fatalf("collection %d with a small heap: GOGC %d, want more than 100", i+1, got)
		}
	}
	// 40 MiB live: twice that is over the floor, so GOGC goes back to 100, and stays.
	// No collection while allocating: one seeing part of it could stop the tuner early.
	gogc := debug.SetGCPercent(-1)
	live := make([][]byte, 40)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	debug.SetGCPercent(gogc)
	if got := collect(5 * time.Second); got != 100 {
		t.Fatalf("GOGC %d after a collection with 40 MiB live, want 100", got)
	}
	runtime.KeepAlive(live)
	live = nil
	if got := collect(500 * time.Millisecond); got != -2 {
		t.Errorf("the tuner set GOGC %d after it stopped", got)
	}
}

// TestMemoryLimit checks the soft memory limit for a live heap: the ceiling, or the live heap
// and a third of itself above it, at least the headroom, once that is more.
func TestMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, 512 * mib},
		{300 * mib, 512 * mib},
		{384 * mib, 512 * mib},         // 384 + 128
		{387 * mib, 387*mib + 129*mib}, // a third is more than 128
		{900 * mib, 1200 * mib},        // a third above
		{3000 * mib, 4000 * mib},
	} {
		if got := memoryLimit(c.live, 512*mib, 128*mib); got != c.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d", c.live/mib, got/mib, c.want/mib)
		}
	}
}

// TestGCTunerLimit checks that a tuner with a ceiling sets the memory limit after each
// collection, the live heap and a third of itself when that is above the ceiling and the
// third above the headroom, and keeps adjusting once GOGC is back at Go's default.
func TestGCTunerLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const floor, ceiling, headroom = 16 << 20, 24 << 20, 8 << 20
	tu := newGCTuner(floor, ceiling, headroom)
	defer tu.stopped.Store(true)
	tu.arm()
	collect := func() int64 { return collectUntilSet(&tu.limit, 5*time.Second) }
	gogc := debug.SetGCPercent(-1)
	live := make([][]byte, 40)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	debug.SetGCPercent(gogc)
	for i := range 2 { // the second after GOGC went back to 100: the tuner goes on
		got := collect()
		// 40 MiB and the test's own few: a third of it (13 MiB and more) is above the 8 MiB
		// headroom, which alone would give 48 MiB and more.
		if got < 40<<20+40<<20/3 || got > 80<<20 {
			t.Fatalf("collection %d with 40 MiB live: limit %.1f MiB, want 40 MiB and more, plus a third", i+1, float64(got)/(1<<20))
		}
		if runtime := debug.SetMemoryLimit(-1); runtime != got {
			t.Errorf("collection %d: the runtime's limit is %d, the tuner's %d", i+1, runtime, got)
		}
	}
	if got := tu.pct.Load(); got != 100 {
		t.Errorf("GOGC %d with 40 MiB live and a floor of 16 MiB, want 100", got)
	}
	runtime.KeepAlive(live)
}

// collectUntilSet sets v to -2 and runs collections until the tuner has set it (after a
// collection) or wait has passed, and returns it. It may take more than one: the tuner arms
// its next collection's sentinel only after it has set v, and a collection that starts in
// between finds no sentinel to finalize.
func collectUntilSet(v *atomic.Int64, wait time.Duration) int64 {
	v.Store(-2)
	deadline := time.Now().Add(wait)
	for {
		runtime.GC()
		for poll := time.Now().Add(20 * time.Millisecond); time.Now().Before(poll); time.Sleep(time.Millisecond) {
			if got := v.Load(); got != -2 {
				return got
			}
		}
		if time.Now().After(deadline) {
			return v.Load()
		}
	}
}
