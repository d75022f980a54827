package i18n

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/number"
)

// roundText is Round as it was first written, on the decimal text in new strings: the
// definition Round keeps.
func roundText(v float64, decimals int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || decimals < 0 {
		return v
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) <= decimals {
		return v
	}
	digits := []byte(intPart + frac[:decimals])
	if frac[decimals] >= '5' {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	point := len(digits) - decimals
	text := string(digits[:point])
	if decimals > 0 {
		text += "." + string(digits[point:])
	}
	r, _ := strconv.ParseFloat(text, 64)
	if v < 0 {
		r = -r
	}
	return r
}

// TestRoundAsText checks Round against roundText on rates, counts, halves, nines that
// carry, and values of every magnitude.
func TestRoundAsText(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	values := []float64{0, math.Copysign(0, -1), -0.04, 0.05, 0.15, 0.25, -2.25, 9.95, 99.95, 999.5, 0.5, -0.5, 1e-9, 123456789.987654321,
		1e300, 1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64, 5e-324, 0.9999999, 99.99999999, math.NaN(), math.Inf(1), math.Inf(-1)}
	for range 500000 {
		switch rng.IntN(4) {
		case 0:
			values = append(values, float64(rng.IntN(100000))/float64(1+rng.IntN(1000)))
		case 1:
			values = append(values, float64(rng.IntN(2001)-1000)/20)
		case 2:
			values = append(values, (rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(40)-20)))
		default:
			values = append(values, math.Float64frombits(rng.Uint64()))
		}
	}
	for _, v := range values {
		for d := -1; d <= 6; d++ {
			got, want := Round(v, d), roundText(v, d)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("Round(%v, %d) = %v, want %v", v, d, got, want)
			}
		}
	}
}

func BenchmarkRound(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		Round(float64(i%100000)/7, 1)
	}
}

func BenchmarkRoundText(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		roundText(float64(i%100000)/7, 1)
	}
}

// TestIntCached checks that Int gives the same text from its table of small numbers, the
// first time and after, as formatting the number does, on both sides of the table's end.
func TestIntCached(t *testing.T) {
	bundle, err := Load(fstest.MapFS{"i18n/en.toml": {Data: []byte(enTOML)}}, "i18n", testLangs, "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"en", "es", "fr", "ar"} {
		loc := bundle.For(code)
		for _, n := range []int{0, 1, 999, 1000, 6012, smallInts - 1, smallInts, 1234567, -1, -6012} {
			want := loc.sprint(number.Decimal(n))
			for range 2 {
				if got := loc.Int(n); got != want {
					t.Errorf("%s: Int(%d) = %q, want %q", code, n, got, want)
				}
			}
		}
	}
}

func BenchmarkInt(b *testing.B) {
	bundle, err := Load(fstest.MapFS{"i18n/en.toml": {Data: []byte(enTOML)}}, "i18n", testLangs, "en")
	if err != nil {
		b.Fatal(err)
	}
	loc := bundle.For("es")
	for i := 0; b.Loop(); i++ {
		loc.Int(i % 5000)
	}
}
