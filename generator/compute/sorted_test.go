package compute

import (
	"math/rand/v2"
	"slices"
	"testing"

	"elreport/generator/metric"
)

// TestSortedIsCompareRanked: builder.sorted orders random figures (odd entity types, groups,
// categories and metrics included) exactly as compareRanked does.
func TestSortedIsCompareRanked(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	types := []string{EntityDistrict, EntitySchool, "state", "zz", ""}
	codes := []string{"01490000", "01490005", "0149", "A", "", "b", "01490000\x00x"}
	groups := []string{GroupEL, GroupFormerEL, GroupNonEL, GroupAll, "Other", "", "AAA"}
	ids := []metric.ID{metric.Tested, metric.LevelBand, metric.ProficientByYears, metric.LevelBandByGrade, "zz_unknown", "aa_unknown", ""}
	for iter := 0; iter < 200; iter++ {
		seen := make(map[figureKey]bool)
		var figs []Figure
		for range 300 {
			id := ids[rng.IntN(len(ids))]
			cats := []string{"", "weird", "1"}
			if c := id.Info().Categories; c != nil {
				cats = append(cats, c.Values...)
			}
			f := Figure{EntityType: types[rng.IntN(len(types))], EntityCode: codes[rng.IntN(len(codes))], Year: 2020 + rng.IntN(4),
				Metric: id, Group: groups[rng.IntN(len(groups))], Category: cats[rng.IntN(len(cats))], Numerator: len(figs)}
			if seen[keyOf(&f)] {
				continue
			}
			seen[keyOf(&f)] = true
			figs = append(figs, f)
		}
		want := slices.Clone(figs)
		slices.SortFunc(want, func(x, y Figure) int { return compareRanked(rankOf(keyOf(&x)), rankOf(keyOf(&y))) })
		b := &builder{figs: slices.Clone(figs)}
		got := b.sorted([]int{2020, 2021, 2022, 2023})
		if len(got) != len(want) {
			t.Fatalf("%d figures, want %d", len(got), len(want))
		}
		for i := range got {
			if keyOf(&got[i]) != keyOf(&want[i]) {
				t.Fatalf("iter %d: figure %d is %+v, want %+v", iter, i, keyOf(&got[i]), keyOf(&want[i]))
			}
		}
	}
}
