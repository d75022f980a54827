package load

import (
	"fmt"
	"strings"
	"testing"
)

// TestStudentIndex checks the student table through growth and compaction, with ids of every
// length up to 300 bytes (so that some lengths take more than one uvarint byte) and ids that
// share prefixes.
func TestStudentIndex(t *testing.T) {
	id := func(i int) string { return fmt.Sprintf("S%d", i) + strings.Repeat("x", i%300) }
	const students = 5000
	var x studentIndex
	if first, inYear := x.find("S1", 2025); first != -1 || inYear != -1 {
		t.Fatalf("empty index: found %d, %d", first, inYear)
	}
	for year := 2022; year <= 2025; year++ {
		for i := range students {
			if (i+year)%3 == 0 {
				continue // not enrolled that year
			}
			if !x.add(id(i), enrollment{year: int16(year), school: int32(i)}) {
				t.Fatalf("add %q %d: reported a duplicate", id(i), year)
			}
		}
	}
	if x.add(id(7), enrollment{year: 2025}) {
		t.Errorf("a second %q in 2025 was added", id(7))
	}
	check := func(when string) {
		t.Helper()
		for i := range students {
			for year := 2021; year <= 2026; year++ {
				first, inYear := x.find(id(i), year)
				if first < 0 || int(x.enrollments[first].school) != i {
					t.Fatalf("%s: %q %d: first enrollment %d", when, id(i), year, first)
				}
				enrolled := year >= 2022 && year <= 2025 && (i+year)%3 != 0
				if (inYear >= 0) != enrolled || inYear >= 0 && (int(x.enrollments[inYear].year) != year || int(x.enrollments[inYear].school) != i) {
					t.Fatalf("%s: %q %d: enrollment %d, want enrolled %v", when, id(i), year, inYear, enrolled)
				}
			}
		}
		for _, missing := range []string{"S", "S5000", id(12)[:len(id(12))-1], id(12) + "x", "s1"} {
			if first, _ := x.find(missing, 2025); first != -1 {
				t.Errorf("%s: found %q, which was never added", when, missing)
			}
		}
	}
	check("before compact")
	x.compact()
	check("after compact")
	if x.used != students || 2*x.used > len(x.slots) {
		t.Errorf("%d students in %d slots", x.used, len(x.slots))
	}
}
