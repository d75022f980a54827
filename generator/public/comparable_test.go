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
	got, err := Comparable(pops, "A", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"B", "D", "G", "C"}; !slices.Equal(got, want) {
		t.Errorf("Comparable = %v, want %v", got, want)
	}
	if got, _ := Comparable(pops, "A", 2); !slices.Equal(got, []string{"B", "D"}) {
		t.Errorf("Comparable(2) = %v, want [B D]", got)
	}
	if _, err := Comparable(pops, "Z", 10); err == nil || !strings.Contains(err.Error(), "not in the selected populations export") {
		t.Errorf("an unknown district: %v", err)
	}
	if _, err := Comparable(pops, "E", 10); err == nil || !strings.Contains(err.Error(), "low-income") {
		t.Errorf("a district without low income: %v", err)
	}
}
