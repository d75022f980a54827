package main

import (
	"math"
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
// goes back to Go's default GOGC (see gcTuner.adjust), within the memory limit
// (memoryCeiling). A floor of 320 MiB was faster still at 200 schools, but raised the peak of
// a state's check from 911-937 MiB to 969-1,058 MiB, where 256 MiB left it at 913-954 MiB.
const heapFloor = 256 << 20

// memoryCeiling is the memory build and check keep to, as a soft limit
// (debug.SetMemoryLimit), set from the start: below the floor it does not bind. Go collects
// more often as its memory nears the limit, rather than letting the heap grow to twice what
// is live. At 2,000 schools (a state), with 330-400 MB live while auditing and rendering, a
// build's peak resident memory went from 788-831 MiB to 554-557 MiB, in 26.7-28.6 s against
// 26.7-27.4 s (three interleaved runs); check's from 797-812 MiB to 556 MiB, in 15.9-17.0 s
// against 15.4-15.8 s. A limit of 512 MiB cost 2-3 s of the build (519-525 MiB); one of
// 576 MiB left the peak at 563-586 MiB.
const memoryCeiling = 544 << 20

// memoryHeadroom is the least room the limit leaves above the live heap.
const memoryHeadroom = 128 << 20

// memoryLimit is the soft memory limit for a live heap: the ceiling, or, if more, the live
// heap with room above it of a third of itself and at least headroom. A site larger than a
// state (a third of 384 MiB is 128 MiB) thus collects at most about three times as often as
// Go's default would, every third of its live heap allocated, rather than every headroom: it
// is slower, never stalled.
func memoryLimit(live, ceiling, headroom uint64) int64 {
	return int64(max(ceiling, live+max(headroom, live/3)))
}

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

// tuneGC sets GOGC from gcPercent and the memory limit from memoryLimit after every
// collection, unless the environment sets GOGC or GOMEMLIMIT (a user who sets either has said
// what they want). It is for main only: the settings are the process's.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	t := newGCTuner(heapFloor, memoryCeiling, memoryHeadroom)
	t.set(gcPercent(0, t.floor))
	t.setLimit(memoryLimit(0, t.ceiling, t.headroom))
	t.arm()
}

// newGCTuner returns a tuner for floor, and for a memory limit of ceiling and headroom
// (none if ceiling is 0).
func newGCTuner(floor, ceiling, headroom uint64) *gcTuner {
	t := &gcTuner{floor: floor, ceiling: ceiling, headroom: headroom,
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.pct.Store(-2)
	t.limit.Store(-2)
	return t
}

// gcTuner adjusts GOGC and the memory limit after each collection: a finalizer on an object
// nothing references runs once the collection that found it unreachable is over, and arms
// the next one.
type gcTuner struct {
	floor, ceiling, headroom uint64
	sample                   []metrics.Sample
	pct                      atomic.Int64 // the GOGC set; -2 before the first (read by tests)
	limit                    atomic.Int64 // the memory limit set; -2 before the first
	floorDone                bool         // GOGC is back at Go's default, for good
	stopped                  atomic.Bool  // set by tests: adjust no more
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

// adjust sets GOGC and the memory limit for the live heap the last collection found, and
// says whether to adjust after the next. GOGC goes back to Go's default once the live heap
// has reached half the floor, and stays there: a build that large (a state's) gains nothing
// from the floor. Without a memory limit to follow, the tuner then stops.
func (t *gcTuner) adjust() bool {
	if t.stopped.Load() {
		return false
	}
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		t.set(100) // not reported by this runtime: Go's defaults, no limit
		t.setLimit(math.MaxInt64)
		return false
	}
	live := t.sample[0].Value.Uint64()
	if !t.floorDone {
		pct := gcPercent(live, t.floor)
		t.set(pct)
		t.floorDone = pct == 100
	}
	if t.ceiling > 0 {
		t.setLimit(memoryLimit(live, t.ceiling, t.headroom))
	}
	return !t.floorDone || t.ceiling > 0
}

func (t *gcTuner) setLimit(limit int64) {
	if limit != t.limit.Load() {
		debug.SetMemoryLimit(limit)
		t.limit.Store(limit)
	}
}

func (t *gcTuner) set(pct int) {
	if int64(pct) != t.pct.Load() {
		debug.SetGCPercent(pct)
		t.pct.Store(int64(pct))
	}
}
