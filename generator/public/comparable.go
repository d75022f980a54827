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
// district, closest first: DART's way, as far as the public exports allow.
//
// With enrollments (the rows of an Enrollment By Grade export, see Enrollments), only districts
// of district's grade-span group are candidates (Enrollment.Span: K-12, elementary, secondary,
// vocational), as DART compares districts within their group, and a district's enrollment is
// the export's Total. Without them (nil) every district is a candidate, and the enrollment is
// worked out from the largest population's count and share. Each candidate is described by its
// enrollment, on a log scale (500 and 1,000 students are as far apart as 5,000 and 10,000), and
// its shares of English learners, low-income students and students with disabilities; each
// measure is standardised over the candidates (its standard deviation is 1), and candidates
// are ranked by their distance from the district. A district missing a measure, or missing
// from enrollments when they are given, is left out; ties go to the lower code.
func Comparable(pops map[string]Population, enrollments map[string]Enrollment, district string, n int) ([]string, error) {
	features := func(p Population) ([]float64, bool) {
		// The enrollment: the enrollment export's total, else from the population with the
		// most students, whose share is the least distorted by DESE's rounding to one decimal
		// (4 ELs at 0.4% could be 889 to 1,143 students).
		enrollment, most := 0.0, 0
		if enrollments != nil {
			enrollment = float64(enrollments[p.Org.Code].Total)
			most = -1
		}
		for _, s := range []Share{p.EL, p.LowIncome, p.Disabilities, p.HighNeeds, p.FirstLanguageNotEnglish} {
			if most >= 0 && s.Reported && s.Percent > 0 && s.Count > most {
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
	var span GradeSpan
	if enrollments != nil {
		e, ok := enrollments[district]
		if !ok {
			return nil, fmt.Errorf("district %s is not in the enrollment by grade export", district)
		}
		if span = e.Span(); span == "" {
			return nil, fmt.Errorf("district %s has no student in grades K to 12 in the enrollment by grade export", district)
		}
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
		if e, ok := enrollments[code]; enrollments != nil && (!ok || e.Span() != span) {
			continue // another grade-span group, or none known
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
