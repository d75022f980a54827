package compute

import (
	"fmt"
	"testing"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// domainRow is a tested EL of school S1 in 2025 with the given domain levels (0: blank).
func domainRow(school string, listening, speaking, reading, writing record.Level) record.Access {
	return record.Access{Year: 2025, SchoolCode: school, Grade: 3, Overall: 30, YearsInProgram: 2,
		Listening: listening, Speaking: speaking, Reading: reading, Writing: writing}
}

func TestDomainBands(t *testing.T) {
	bands := levelBands
	cases := []struct {
		name   string
		id     metric.ID
		levels []record.Level // one per tested EL, 0 blank
		want   [6]int         // numerators by band
	}{
		// The example of the issue: 1.5, 2.3, 2.7, blank, 5.0 -> 20%, 40%, 0, 0, 20%, 0 of 5.
		{"listening", metric.ListeningBand, []record.Level{15, 23, 27, 0, 50}, [6]int{1, 2, 0, 0, 1, 0}},
		// Band edges: 1.0 and 1.9 in the first band, 2.0 in the second, 5.9 in the fifth, 6.0 alone.
		{"speaking", metric.SpeakingBand, []record.Level{10, 19, 20, 59, 60}, [6]int{2, 1, 0, 0, 1, 1}},
		// Every level blank: every band 0 of 5 (all five in the remainder).
		{"reading", metric.ReadingBand, []record.Level{0, 0, 0, 0, 0}, [6]int{}},
		{"writing", metric.WritingBand, []record.Level{39, 40, 49, 30, 41}, [6]int{0, 0, 2, 3, 0, 0}},
	}
	a := fixture(Options{MinN: 1}, "S1")
	for i := range 5 {
		var l [4]record.Level
		for d, c := range cases {
			l[d] = c.levels[i]
		}
		a.Access(domainRow("S1", l[0], l[1], l[2], l[3]))
	}
	// An Alternate ACCESS result without an overall level is not tested: in no band, even
	// with domain levels.
	a.Access(record.Access{Year: 2025, SchoolCode: "S1", Grade: 3, Test: record.AltACCESS, Alt: record.AltP2, Listening: 20})
	// A student who did not test neither.
	a.Access(record.Access{Year: 2025, SchoolCode: "S1", Grade: 3, NotTested: true, Listening: 20})
	r := a.Result()
	if r.AuditErr != nil {
		t.Fatal(r.AuditErr)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var wants []want
			for i, n := range c.want {
				wants = append(wants,
					want{key{"S1", 2025, c.id, GroupEL, bands[i]}, n, 5, 100 * float64(n) / 5},
					want{key{"D1", 2025, c.id, GroupEL, bands[i]}, n, 5, 100 * float64(n) / 5})
			}
			checkFigures(t, r, wants)
			checkAbsent(t, r, key{"S1", 2025, c.id, GroupAll, bands[0]}, key{"S1", 2025, c.id, GroupEL, ""})
		})
	}
}

// TestDomainBandsAbsentColumn: a file without a domain's column computes no band of it.
func TestDomainBandsAbsentColumn(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	a.Absent("access", []string{"reading"}, []int{2025})
	a.Access(domainRow("S1", 20, 20, 0, 20))
	r := a.Result()
	checkAbsent(t, r, key{"S1", 2025, metric.ReadingBand, GroupEL, "2.0-2.9"}, key{"S1", 2025, metric.ReadingBand, GroupEL, "1.0-1.9"})
	checkFigures(t, r, []want{{key{"S1", 2025, metric.ListeningBand, GroupEL, "2.0-2.9"}, 1, 1, 100}})
}

// domainSchools adds the tested ELs of schools: per school, how many, and how many of them
// have no reading level.
func domainSchools(a *Aggregator, schools map[string][2]int) {
	for code, n := range schools {
		for i := range n[0] {
			reading := record.Level(25)
			if i < n[1] {
				reading = 0
			}
			a.Access(domainRow(code, record.Level(10+i%50), 35, reading, 42))
		}
	}
}

// TestDomainRemainderIsProtected: school S1 has 12 tested ELs, 2 of them without a reading
// level. Published, S1's tested (12) and reading bands (10 in all) would give the 2: a set of
// students below min_n. So S1's tested (and every figure of the tested) is hidden as a
// complement, and so is the district's, whose reading remainder is the same 2; S2 and S3,
// with every reading level, stay published, and the audit passes. Without the protection
// the audit finds the remainder.
func TestDomainRemainderIsProtected(t *testing.T) {
	a := fixture(Options{MinN: 10}, "S1", "S2", "S3")
	domainSchools(a, map[string][2]int{"S1": {12, 2}, "S2": {15, 0}, "S3": {20, 0}})
	r := a.Result()
	if r.AuditErr != nil {
		t.Fatal(r.AuditErr)
	}
	k := func(e string, id metric.ID, cat string) key { return key{e, 2025, id, GroupEL, cat} }
	for _, e := range []string{"S1", "D1"} {
		for _, kk := range []key{k(e, metric.Tested, ""), k(e, metric.ReadingBand, "2.0-2.9"), k(e, metric.ListeningBand, "1.0-1.9"), k(e, metric.LevelBand, "3.0-3.9")} {
			if f, _ := kk.lookup(r); !f.Suppressed || f.SuppressedFor != ForComplement {
				t.Errorf("%+v: suppressed %v (%q), want hidden as a complement", kk, f.Suppressed, f.SuppressedFor)
			}
		}
	}
	checkFigures(t, r, []want{
		{k("S2", metric.Tested, ""), 15, 15, 15},
		{k("S2", metric.ReadingBand, "2.0-2.9"), 15, 15, 100},
		{k("S3", metric.ReadingBand, "2.0-2.9"), 20, 20, 100},
		{k("S3", metric.WritingBand, "4.0-4.9"), 20, 20, 100},
	})

	// The audit on its own: with S1 and the district published, the remainder is pinned.
	b := a.builder(a.years(), a.districts(), nil)
	b.markSuppressed(nil) // nothing hidden
	rep := Audit(b.figs, 10)
	found := false
	for _, v := range rep.Violations {
		if v.Remainder && v.Metric == metric.ReadingBand && v.Kind == Pinned && v.Lo == 2 && v.Hi == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("the audit does not find the 2 students without a reading level: %v", rep.Err())
	}
}

// TestDomainRemainderAcrossSchools: the remainders of two hidden schools must not add up to a
// derivable set below min_n. S1 (12 tested, 1 without reading) and S2 (11, 1 without) are
// hidden for their remainders; the district's remainder is 2, hidden too; whatever the
// suppression chooses, the audit passes and no remainder of 1 to 9 is published.
func TestDomainRemainderAcrossSchools(t *testing.T) {
	for _, sizes := range []map[string][2]int{
		{"S1": {12, 1}, "S2": {11, 1}, "S3": {30, 0}, "S4": {25, 0}},
		{"S1": {12, 1}, "S2": {11, 0}, "S3": {30, 12}, "S4": {25, 0}}, // district remainder 13: published
		{"S1": {5, 1}, "S2": {11, 0}, "S3": {30, 0}, "S4": {25, 0}},   // S1 hidden for size
	} {
		t.Run(fmt.Sprint(sizes), func(t *testing.T) {
			a := fixture(Options{MinN: 10}, "S1", "S2", "S3", "S4")
			domainSchools(a, sizes)
			r := a.Result()
			if r.AuditErr != nil {
				t.Fatal(r.AuditErr)
			}
			for _, f := range r.Figures {
				if f.Metric != metric.Tested || f.Suppressed {
					continue
				}
				code := f.EntityCode
				n := 0
				if f.EntityType == EntityDistrict {
					for _, s := range sizes {
						n += s[1]
					}
				} else {
					n = sizes[code][1]
				}
				if n > 0 && n < 10 {
					t.Errorf("%s %s: tested published with %d students without a reading level", f.EntityType, code, n)
				}
			}
		})
	}
}
