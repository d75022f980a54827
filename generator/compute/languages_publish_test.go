package compute

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// One hidden home-language count alone could be worked out from a total of the district's
// ELs, so the smallest shown count is hidden with it; two hidden counts that add up to fewer
// than min_n would give away their sum, so one more is hidden.
func TestPublishLanguages(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts []int // Spanish, Arabic, Portuguese, Khmer, Dari as far as given
		want   string
	}{
		// Khmer 4 < 10 is hidden; alone it is Spanish+Arabic+Portuguese short of the total, so
		// Portuguese (22, the smallest shown) is hidden too: 26 hidden together.
		{"one small", []int{120, 35, 22, 4}, "Spanish 120, Arabic 35, Khmer -, Portuguese -"},
		// Khmer 4 and Dari 8: 12 >= 10 together, so nothing more.
		{"two small, enough together", []int{120, 35, 22, 4, 8}, "Spanish 120, Arabic 35, Portuguese 22, Dari -, Khmer -"},
		// Khmer 4 and Dari 3: 7 < 10 together, so Portuguese goes too.
		{"two small, too few together", []int{120, 35, 22, 4, 3}, "Spanish 120, Arabic 35, Dari -, Khmer -, Portuguese -"},
		{"none small", []int{120, 35, 22}, "Spanish 120, Arabic 35, Portuguese 22"},
		// Everything is small: all hidden, by name.
		{"all small", []int{5, 3}, "Arabic -, Spanish -"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names := []string{"Spanish", "Arabic", "Portuguese", "Khmer", "Dari"}
			var counts []LanguageCount
			for i, n := range tc.counts {
				counts = append(counts, LanguageCount{Language: names[i], ELStudents: n})
			}
			var got []string
			for _, lc := range PublishLanguages(counts, 10) {
				n := strconv.Itoa(lc.ELStudents)
				if lc.Suppressed {
					n = "-"
				}
				got = append(got, lc.Language+" "+n)
			}
			if g := strings.Join(got, ", "); g != tc.want {
				t.Errorf("got %s, want %s", g, tc.want)
			}
		})
	}
}

// On random counts, with the total known to a reader: every count below min_n is hidden, no
// hidden count shows a number, the hidden ones together describe at least min_n students
// unless every count is hidden, and the hidden ones come last, by name.
func TestPublishLanguagesProperty(t *testing.T) {
	for seed := range uint64(2000) {
		rng := rand.New(rand.NewPCG(seed, 17))
		minN := 1 + rng.IntN(20)
		var counts []LanguageCount
		for i := range 1 + rng.IntN(8) {
			n := 1 + rng.IntN(3*minN)
			counts = append(counts, LanguageCount{Language: string(rune('A' + i)), ELStudents: n})
		}
		slices.SortStableFunc(counts, func(a, b LanguageCount) int { return b.ELStudents - a.ELStudents })
		got := PublishLanguages(counts, minN)
		if len(got) != len(counts) {
			t.Fatalf("seed %d: %d counts, want %d", seed, len(got), len(counts))
		}
		original := map[string]int{}
		for _, lc := range counts {
			original[lc.Language] = lc.ELStudents
		}
		hiddenSum, hidden, seenHidden := 0, 0, false
		var hiddenNames []string
		for _, lc := range got {
			n := original[lc.Language]
			switch {
			case n < minN && !lc.Suppressed:
				t.Fatalf("seed %d: %s (%d < %d) shown", seed, lc.Language, n, minN)
			case lc.Suppressed && lc.ELStudents != 0:
				t.Fatalf("seed %d: hidden %s keeps its count", seed, lc.Language)
			case !lc.Suppressed && seenHidden:
				t.Fatalf("seed %d: shown %s after a hidden count", seed, lc.Language)
			case !lc.Suppressed && lc.ELStudents != n:
				t.Fatalf("seed %d: %s shows %d, want %d", seed, lc.Language, lc.ELStudents, n)
			}
			if lc.Suppressed {
				seenHidden = true
				hiddenSum += n
				hidden++
				hiddenNames = append(hiddenNames, lc.Language)
			}
		}
		if hidden > 0 && hidden < len(got) && hiddenSum < minN {
			t.Fatalf("seed %d: hidden counts add up to %d < min_n %d, derivable from the total", seed, hiddenSum, minN)
		}
		if !slices.IsSorted(hiddenNames) {
			t.Fatalf("seed %d: hidden counts in order %v, want by name", seed, hiddenNames)
		}
	}
}
