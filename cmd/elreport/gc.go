package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// heapFloor is the heap the garbage collector lets build and check reach before it collects.
//
// Go collects when the heap is twice what the last collection found live (GOGC=100). A
// build's live heap is small next to what it allocates: at 200 schools it is 40-100 MB while
// loading, auditing and rendering allocate gigabytes, so the collector ran 71 times, marking
// the figures each time, for a tenth of the build's CPU. With the floor it runs 10 times, and
// the build takes 5-10% less time, in about 310-335 MiB of resident memory instead of
// 130-155 MiB. A site whose live heap passes half the floor (a state's does while loading)
// collects as Go does by default (see gcTuner.adjust). A floor of 320 MiB was faster still at
// 200 schools, but raised the peak of a state's check from 911-937 MiB to 969-1,058 MiB,
// where 256 MiB left it at 913-954 MiB.
const heapFloor = 256 << 20

// gcPercent is the GOGC that makes the next collection happen at about the larger of floor
// and twice the live heap: 100 (Go's default) from a live heap of half the floor up. (About:
// the runtime multiplies the live heap plus the goroutines' stacks and the globals by
// GOGC/100, so with a few MiB live the goal passes the floor by a few tens of MiB.) It is at
// most the GOGC that puts the first collection at floor (Go's minimum heap is 4 MB times
// GOGC/100, so a larger one would raise the minimum above floor), which it is before the
// first collection (live 0).
func gcPercent(live, floor uint64) int {
	most := max(100, floor*100/(4<<20))
	switch {
	case live == 0:
		return int(most)
	case 2*live >= floor:
		return 100
	}
	return int(min(most, (floor-live)*100/live))
}

// tuneGC sets GOGC from gcPercent after every collection, unless the environment sets GOGC
// (or GOMEMLIMIT: a user who bounds the heap has said what they want). It is for main only:
// the setting is the process's.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	t := newGCTuner(heapFloor)
	t.set(gcPercent(0, t.floor))
	t.arm()
}

func newGCTuner(floor uint64) *gcTuner {
	t := &gcTuner{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.pct.Store(-2)
	return t
}

// gcTuner adjusts GOGC after each collection: a finalizer on an object nothing references
// runs once the collection that found it unreachable is over, and arms the next one.
type gcTuner struct {
	floor  uint64
	sample []metrics.Sample
	pct    atomic.Int64 // the GOGC set; -2 before the first (read by tests)
}

// gcSentinel is the object whose finalizer marks a collection. It holds a pointer so that it
// is not combined with other small objects (a finalizer on such an object may never run).
type gcSentinel struct{ t *gcTuner }

func (t *gcTuner) arm() {
	runtime.SetFinalizer(&gcSentinel{t: t}, func(s *gcSentinel) {
		if s.t.adjust() {
			s.t.arm()
		}
	})
}

// adjust sets GOGC for the live heap the last collection found. It returns false, having set
// Go's default, once the live heap has reached half the floor: a build that large (a state's)
// gains nothing from the floor, and stays at the default to the end.
func (t *gcTuner) adjust() bool {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		t.set(100) // not reported by this runtime
		return false
	}
	pct := gcPercent(t.sample[0].Value.Uint64(), t.floor)
	t.set(pct)
	return pct != 100
}

func (t *gcTuner) set(pct int) {
	if int64(pct) != t.pct.Load() {
		debug.SetGCPercent(pct)
		t.pct.Store(int64(pct))
	}
}
