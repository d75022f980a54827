package compute

import (
	"fmt"

	"elreport/generator/metric"

	"math"
	"testing"

	"elreport/generator/record"
)

// fixture builds an aggregator with one district D1 ("Harbor") and the given schools.
func fixture(opts Options, schools ...string) *Aggregator {
	a := New(opts)
	for _, s := range schools {
		a.School(record.School{DistrictCode: "D1", DistrictName: "Harbor", SchoolCode: s, SchoolName: "School " + s})
	}
	return a
}

// key names a figure in tests.
type key struct {
	entity string // "D1" is the district, anything else a school
	year   int
	metric metric.ID
	group  string
	cat    string
}

func (k key) lookup(r *Result) (Figure, bool) {
	typ := EntitySchool
	if k.entity == "D1" {
		typ = EntityDistrict
	}
	return r.Lookup(typ, k.entity, k.year, k.metric, k.group, k.cat)
}

// want is an expected published figure; num and den are ignored for gaps.
type want struct {
	key
	num, den int
	value    float64
}

func checkFigures(t *testing.T, r *Result, wants []want) {
	t.Helper()
	for _, w := range wants {
		f, ok := w.lookup(r)
		if !ok {
			t.Errorf("%+v: figure missing", w.key)
			continue
		}
		if f.Suppressed {
			t.Errorf("%+v: suppressed, want published", w.key)
			continue
		}
		if f.Kind != Points && (f.Numerator != w.num || f.Denominator != w.den) {
			t.Errorf("%+v: got %d/%d, want %d/%d", w.key, f.Numerator, f.Denominator, w.num, w.den)
		}
		if math.Abs(f.Value-w.value) > 1e-9 {
			t.Errorf("%+v: got value %v, want %v", w.key, f.Value, w.value)
		}
	}
}

func checkAbsent(t *testing.T, r *Result, keys ...key) {
	t.Helper()
	for _, k := range keys {
		if f, ok := k.lookup(r); ok {
			t.Errorf("%+v: got %+v, want no figure", k, f)
		}
	}
}

func checkSuppressed(t *testing.T, r *Result, suppressed bool, keys ...key) {
	t.Helper()
	for _, k := range keys {
		f, ok := k.lookup(r)
		if !ok {
			t.Errorf("%+v: figure missing", k)
			continue
		}
		if f.Suppressed != suppressed {
			t.Errorf("%+v: got suppressed %v, want %v", k, f.Suppressed, suppressed)
		}
		if f.Suppressed && (f.Numerator != 0 || f.Denominator != 0 || f.Value != 0) {
			t.Errorf("%+v: suppressed figure keeps %d/%d = %v", k, f.Numerator, f.Denominator, f.Value)
		}
	}
}

// testEntity names entity e of a property test's district: D1 for 0, S1, S2, ... for its schools.
func testEntity(e int) string {
	if e == 0 {
		return "D1"
	}
	return fmt.Sprintf("S%d", e)
}

// schoolSums are the sums of a property test's table laid out entity by entity (parts cells
// each, the district first): for each of the first n parts, the district's cell is the sum of
// its schools'.
func schoolSums(parts, schools, n int) [][]int {
	var out [][]int
	for p := 0; p < n; p++ {
		sum := []int{p}
		for s := 1; s <= schools; s++ {
			sum = append(sum, s*parts+p)
		}
		out = append(out, sum)
	}
	return out
}
