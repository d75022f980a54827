package compute

import (
	"testing"
	"unsafe"
)

// TestFigureSize keeps a figure at 144 bytes on a 64-bit machine: a state's build holds a
// million of them, and a field added, or a byte placed after the counts rather than beside
// Kind, costs 8 MB or more. A field that must grow it should change this test on purpose.
func TestFigureSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes counted for 64-bit words")
	}
	if got := unsafe.Sizeof(Figure{}); got != 144 {
		t.Errorf("a Figure is %d bytes, want 144", got)
	}
}
