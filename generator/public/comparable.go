package public

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
)

// ComparableCount is how many comparable districts Comparable finds, as DESE's District
// Analysis and Review Tool (DART) shows.
const ComparableCount = 10

// Comparable returns the codes of the districts of a selected-populations export most like
// district, closest first: DART's way, as far as the public exports allow. Each district is
// described by its enrollment (worked out from its largest population's count and share, on a
// log scale: 500 and 1,000 students are as far apart as 5,000 and 10,000) and its shares of English learners, low-income students and students with
// disabilities; each measure is standardised over the districts of the export (its standard
// deviation is 1), and districts are ranked by their distance from the district. A district
// missing a measure is left out; ties go to the lower code. DART also keeps to districts of
// the same grade span, which the export does not give, so that step is not taken.
func Comparable(pops map[string]Population, district string, n int) ([]string, error) {
	features := func(p Population) ([]float64, bool) {
		// The enrollment, from the population with the most students: its share is the least
		// distorted by DESE's rounding to one decimal (4 ELs at 0.4% could be 889 to 1,143
		// students).
		enrollment, most := 0.0, 0
		for _, s := range []Share{p.EL, p.LowIncome, p.Disabilities, p.HighNeeds, p.FirstLanguageNotEnglish} {
			if s.Reported && s.Percent > 0 && s.Count > most {
				enrollment, most = float64(s.Count)*100/s.Percent, s.Count
			}
		}
		if enrollment <= 0 || !p.EL.Reported || !p.LowIncome.Reported || !p.Disabilities.Reported {
			return nil, false
		}
		return []float64{math.Log(enrollment), p.EL.Percent, p.LowIncome.Percent, p.Disabilities.Percent}, true
	}
	own, ok := pops[district]
	if !ok {
		return nil, fmt.Errorf("district %s is not in the selected populations export", district)
	}
	target, ok := features(own)
	if !ok {
		return nil, fmt.Errorf("district %s has no enrollment or no share of English learners, low-income students or students with disabilities in the selected populations export", district)
	}
	type candidate struct {
		code string
		x    []float64
	}
	var all []candidate
	for _, code := range slices.Sorted(maps.Keys(pops)) {
		p := pops[code]
		if p.Org.Level != LevelDistrict {
			continue
		}
		if x, ok := features(p); ok {
			all = append(all, candidate{code, x})
		}
	}
	// The standard deviation of each measure over the districts.
	sd := make([]float64, len(target))
	for i := range sd {
		var sum, sq float64
		for _, c := range all {
			sum += c.x[i]
		}
		mean := sum / float64(len(all))
		for _, c := range all {
			sq += (c.x[i] - mean) * (c.x[i] - mean)
		}
		sd[i] = math.Sqrt(sq / float64(len(all)))
		if sd[i] == 0 {
			sd[i] = 1
		}
	}
	type ranked struct {
		code string
		d    float64
	}
	var out []ranked
	for _, c := range all {
		if c.code == district {
			continue
		}
		var d float64
		for i := range target {
			z := (c.x[i] - target[i]) / sd[i]
			d += z * z
		}
		out = append(out, ranked{c.code, math.Sqrt(d)})
	}
	slices.SortFunc(out, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.code, b.code)) })
	codes := make([]string, 0, n)
	for _, r := range out[:min(n, len(out))] {
		codes = append(codes, r.code)
	}
	return codes, nil
}
