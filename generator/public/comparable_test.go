package public

import (
	"slices"
	"strings"
	"testing"
)

// TestComparable ranks five districts worked by hand. A (the district) has 1,000 students, 10%
// ELs, 30% low income and 15% with disabilities; B is the same; C has 20% ELs and 20% with
// disabilities; D has 10,000 students; G has 90% low income; E lacks low income and is left
// out, as is the state. Over A, B, C, D and G each measure has one district apart from four
// equal ones, whose distance is 2.5 standard deviations (a lone outlier among five is always
// 2.5 of them away: sd = distance × 2/5). So B is at 0, D and G at 2.5 (D first by code), C at
// √(2.5² + 2.5²) ≈ 3.54.
func TestComparable(t *testing.T) {
	pop := func(code, level string, enrollment, el, low, swd float64, lowReported bool) Population {
		share := func(pct float64) Share {
			return Share{Count: int(enrollment * pct / 100), Percent: pct, Reported: true}
		}
		p := Population{Org: Org{Code: code, Level: level}, EL: share(el), LowIncome: share(low), Disabilities: share(swd)}
		p.LowIncome.Reported = lowReported
		return p
	}
	pops := map[string]Population{}
	for _, p := range []Population{
		pop("A", LevelDistrict, 1000, 10, 30, 15, true),
		pop("B", LevelDistrict, 1000, 10, 30, 15, true),
		pop("C", LevelDistrict, 1000, 20, 30, 20, true),
		pop("D", LevelDistrict, 10000, 10, 30, 15, true),
		pop("G", LevelDistrict, 1000, 10, 90, 15, true),
		pop("E", LevelDistrict, 1000, 10, 30, 15, false),
		pop(StateCode, LevelState, 900000, 10, 30, 15, true),
	} {
		pops[p.Org.Code] = p
	}
	got, err := Comparable(pops, nil, "A", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"B", "D", "G", "C"}; !slices.Equal(got, want) {
		t.Errorf("Comparable = %v, want %v", got, want)
	}
	if got, _ := Comparable(pops, nil, "A", 2); !slices.Equal(got, []string{"B", "D"}) {
		t.Errorf("Comparable(2) = %v, want [B D]", got)
	}
	if _, err := Comparable(pops, nil, "Z", 10); err == nil || !strings.Contains(err.Error(), "not in the selected populations export") {
		t.Errorf("an unknown district: %v", err)
	}
	if _, err := Comparable(pops, nil, "E", 10); err == nil || !strings.Contains(err.Error(), "low-income") {
		t.Errorf("a district without low income: %v", err)
	}
}

// TestComparableGradeSpan ranks the districts of TestComparable within A's grade-span group:
// B (elementary) and F (vocational) are left out, as is H, in no enrollment export. Over A, C, D
// and G each measure has one district apart from three equal ones, 4/√3 ≈ 2.31 standard
// deviations away (sd = distance × √3/4), so D and G are at 2.31 (D first by code) and C at
// √2 × 2.31 ≈ 3.27. The enrollments' totals are the enrollment measure: D's 10,000 shares
// would give 10,000 too, so the order is that of the shares.
func TestComparableGradeSpan(t *testing.T) {
	share := func(n int, pct float64) Share {
		return Share{Count: int(float64(n) * pct / 100), Percent: pct, Reported: true}
	}
	pop := func(code string, n int, el, low, swd float64) Population {
		return Population{Org: Org{Code: code, Level: LevelDistrict}, EL: share(n, el), LowIncome: share(n, low), Disabilities: share(n, swd)}
	}
	pops := map[string]Population{}
	for _, p := range []Population{
		pop("A", 1000, 10, 30, 15), pop("B", 1000, 10, 30, 15), pop("C", 1000, 20, 30, 20),
		pop("D", 10000, 10, 30, 15), pop("F", 1000, 10, 30, 15), pop("G", 1000, 10, 90, 15), pop("H", 1000, 10, 30, 15),
	} {
		pops[p.Org.Code] = p
	}
	enrolled := func(code, name string, lowest, highest, total int) Enrollment {
		e := Enrollment{Org: Org{Code: code, Name: name, Level: LevelDistrict}, Total: total}
		for g := lowest; g <= highest; g++ {
			e.Grades[g] = 1
		}
		return e
	}
	enrollments := map[string]Enrollment{
		"A": enrolled("A", "A", 0, 12, 1000), "B": enrolled("B", "B", 0, 8, 1000), "C": enrolled("C", "C", 0, 12, 1000),
		"D": enrolled("D", "D", 0, 12, 10000), "F": enrolled("F", "F Regional Vocational Technical", 9, 12, 1000),
		"G": enrolled("G", "G", 0, 12, 1000),
	}
	got, err := Comparable(pops, enrollments, "A", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"D", "G", "C"}; !slices.Equal(got, want) {
		t.Errorf("Comparable = %v, want %v", got, want)
	}
	if _, err := Comparable(pops, enrollments, "H", 10); err == nil || !strings.Contains(err.Error(), "not in the enrollment by grade export") {
		t.Errorf("a district without an enrollment row: %v", err)
	}
	enrollments["A"] = Enrollment{Org: Org{Code: "A"}}
	if _, err := Comparable(pops, enrollments, "A", 10); err == nil || !strings.Contains(err.Error(), "no student in grades K to 12") {
		t.Errorf("a district without students: %v", err)
	}
}
