package compute

import (
	"fmt"
	"slices"
	"testing"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// gradeRow is a tested EL of a school in 2025 with a grade and an overall level.
func gradeRow(school string, grade record.Grade, overall record.Level) record.Access {
	return record.Access{Year: 2025, SchoolCode: school, Grade: grade, Overall: overall, YearsInProgram: 2}
}

func gb(grade, band string) string { return metric.GradeBand(grade, band) }

// TestLevelBandByGrade: figures computed by hand, for the district only. S1: K at 1.5 and
// 2.9; grade 3 at 3.5, 4.0, 4.9 and 6.0; PK at 2.0 and SP at 5.0 (in no grade); an Alternate
// ACCESS result and a student who did not test (not tested, in no band). S2: grade 3 at 1.0.
func TestLevelBandByGrade(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1", "S2")
	for _, r := range []struct {
		grade record.Grade
		level record.Level
	}{{record.GradeK, 15}, {record.GradeK, 29}, {3, 35}, {3, 40}, {3, 49}, {3, 60}, {record.GradePK, 20}, {record.GradeSP, 50}} {
		a.Access(gradeRow("S1", r.grade, r.level))
	}
	a.Access(record.Access{Year: 2025, SchoolCode: "S1", Grade: 4, Test: record.AltACCESS, Alt: record.AltP2})
	a.Access(record.Access{Year: 2025, SchoolCode: "S1", Grade: 4, NotTested: true})
	a.Access(gradeRow("S2", 3, 10))
	r := a.Result()
	if r.AuditErr != nil {
		t.Fatal(r.AuditErr)
	}
	id := metric.LevelBandByGrade
	w := func(e, cat string, num, den int) want {
		return want{key{e, 2025, id, GroupEL, cat}, num, den, 100 * float64(num) / float64(den)}
	}
	checkFigures(t, r, []want{
		w("D1", gb("K", "1.0-1.9"), 1, 2), w("D1", gb("K", "2.0-2.9"), 1, 2), w("D1", gb("K", "3.0-3.9"), 0, 2),
		w("D1", gb("K", "6.0"), 0, 2),
		// Grade 3 is S1's 4 and S2's 1.
		w("D1", gb("3", "1.0-1.9"), 1, 5), w("D1", gb("3", "2.0-2.9"), 0, 5), w("D1", gb("3", "3.0-3.9"), 1, 5),
		w("D1", gb("3", "4.0-4.9"), 2, 5), w("D1", gb("3", "5.0-5.9"), 0, 5), w("D1", gb("3", "6.0"), 1, 5),
		// level_band counts PK and SP too.
		{key{"S1", 2025, metric.LevelBand, GroupEL, "2.0-2.9"}, 2, 8, 25},
	})
	checkAbsent(t, r,
		key{"D1", 2025, id, GroupEL, gb("1", "1.0-1.9")}, // no tested EL of grade 1
		key{"D1", 2025, id, GroupEL, gb("4", "1.0-1.9")}, // alternate and not tested only
		key{"D1", 2025, id, GroupEL, gb("PK", "2.0-2.9")},
		key{"D1", 2025, id, GroupEL, gb("SP", "5.0-5.9")},
		key{"D1", 2025, id, GroupAll, gb("K", "1.0-1.9")},
		// Schools have none.
		key{"S1", 2025, id, GroupEL, gb("K", "1.0-1.9")},
		key{"S2", 2025, id, GroupEL, gb("3", "1.0-1.9")},
	)
	// Every figure in the catalogue's order: K's six bands, then grade 3's.
	var cats []string
	for _, f := range r.Figures {
		if f.Metric == id {
			cats = append(cats, f.Category)
		}
	}
	if len(cats) != 12 || cats[0] != gb("K", "1.0-1.9") || cats[5] != gb("K", "6.0") || cats[6] != gb("3", "1.0-1.9") {
		t.Errorf("the district's categories: %v", cats)
	}
}

// TestLevelBandByGradeAbsentColumn: without access.csv's grade, no figure by grade.
func TestLevelBandByGradeAbsentColumn(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	a.Absent("access", []string{"grade"}, []int{2025})
	a.Access(gradeRow("S1", 3, 30))
	r := a.Result()
	checkAbsent(t, r, key{"D1", 2025, metric.LevelBandByGrade, GroupEL, gb("3", "3.0-3.9")})
	checkFigures(t, r, []want{{key{"S1", 2025, metric.LevelBand, GroupEL, "3.0-3.9"}, 1, 1, 100}})
}

// TestLevelBandByGradeSmallGrade: at min_n 10, the district has 3 tested ELs of grade 3 (all
// of school S1), 37 of grade 4 and 15 of grade 5 (S1 12 and 15, S2 25 of grade 4). Its grade
// 3 is hidden for size; with its tested (55) published, another grade must be hidden as its
// complement (else 55 - 37 - 15 = 3), and the hidden grades must describe 10 or more students
// together; the tested themselves (and level_band) stay published. The audit passes.
func TestLevelBandByGradeSmallGrade(t *testing.T) {
	a := fixture(Options{MinN: 10}, "S1", "S2")
	levels := []record.Level{12, 25, 33, 38, 44, 47, 51}
	add := func(school string, grade record.Grade, n int) {
		for i := range n {
			a.Access(gradeRow(school, grade, levels[i%len(levels)]))
		}
	}
	add("S1", 3, 3)
	add("S1", 4, 12)
	add("S1", 5, 15)
	add("S2", 4, 25)
	r := a.Result()
	if r.AuditErr != nil {
		t.Fatal(r.AuditErr)
	}
	id := metric.LevelBandByGrade
	f, ok := key{"D1", 2025, id, GroupEL, gb("3", "1.0-1.9")}.lookup(r)
	if !ok || !f.Suppressed || f.SuppressedFor != ForSize {
		t.Fatalf("grade 3: %+v, want hidden for size", f)
	}
	sizes := map[string]map[string]int{"D1": {"3": 3, "4": 37, "5": 15}}
	for e, grades := range sizes {
		hidden, hiddenGrades := 0, 0
		for grade, n := range grades {
			for _, band := range metric.LevelBands {
				f, ok := key{e, 2025, id, GroupEL, gb(grade, band)}.lookup(r)
				if !ok {
					t.Fatalf("%s grade %s %s: no figure", e, grade, band)
				}
				if !f.Suppressed && f.Denominator < 10 {
					t.Errorf("%s grade %s: published with %d students", e, grade, f.Denominator)
				}
				if band == metric.LevelBands[0] && f.Suppressed {
					hidden += n
					hiddenGrades++
				}
			}
		}
		if hiddenGrades > 0 && hidden < 10 {
			t.Errorf("%s: the hidden grades describe %d students, derivable from the tested", e, hidden)
		}
		if hiddenGrades < 2 {
			t.Errorf("%s: %d grades hidden, want the small one and a complement", e, hiddenGrades)
		}
	}
	checkSuppressed(t, r, false,
		key{"S1", 2025, metric.Tested, GroupEL, ""}, key{"S2", 2025, metric.Tested, GroupEL, ""},
		key{"D1", 2025, metric.Tested, GroupEL, ""}, key{"D1", 2025, metric.LevelBand, GroupEL, "3.0-3.9"})
	rep := r.Audit
	if rep.Figures == 0 {
		t.Error("no audit stats")
	}
}

// TestLevelBandByGradeRemainderIsProtected: the district's tested ELs of grade 3 and of PK (in
// no grade). With the tested (39) and grade 3 (37) published, the 2 of PK would be derivable: a
// set of students below min_n. So something more is hidden, and the audit passes.
func TestLevelBandByGradeRemainderIsProtected(t *testing.T) {
	for _, schools := range [][2]int{{12, 2}, {30, 9}, {12, 0}} {
		t.Run(fmt.Sprint(schools), func(t *testing.T) {
			a := fixture(Options{MinN: 10}, "S1", "S2")
			for i := range schools[0] {
				a.Access(gradeRow("S1", 3, record.Level(10+i*3)))
			}
			for range schools[1] {
				a.Access(gradeRow("S1", record.GradePK, 20))
			}
			for i := range 25 {
				a.Access(gradeRow("S2", 3, record.Level(10+i*2)))
			}
			r := a.Result()
			if r.AuditErr != nil {
				t.Fatal(r.AuditErr)
			}
			for _, e := range []string{"D1"} {
				tested, ok1 := key{e, 2025, metric.Tested, GroupEL, ""}.lookup(r)
				grade, ok2 := key{e, 2025, metric.LevelBandByGrade, GroupEL, gb("3", "1.0-1.9")}.lookup(r)
				if !ok1 || !ok2 {
					t.Fatalf("%s: no figures", e)
				}
				if !tested.Suppressed && !grade.Suppressed {
					if rem := tested.Denominator - grade.Denominator; rem > 0 && rem < 10 {
						t.Errorf("%s: tested %d and grade 3 %d published: the %d of PK are derivable", e, tested.Denominator, grade.Denominator, rem)
					}
				}
			}
			if schools[1] == 0 {
				// Nothing to protect: grade 3's 37 are published.
				checkSuppressed(t, r, false, key{"D1", 2025, metric.LevelBandByGrade, GroupEL, gb("3", "1.0-1.9")})
			}
		})
	}
}

// TestAuditKnowsGradeRelations: the audit, on its own, finds what the grade breakdown gives
// away when the suppression is left out. The district (school S1 alone) has 3 tested ELs of
// grade 3 (hidden for size
// alone), 12 of grade 4 and 15 of grade 5, all published with the tested: the 3 are at most
// the tested minus the others (some could be of PK or SP), a set below min_n. And with grades 3 and 4 hidden together (15 students) but grade
// 5's two students at 6.0 published with level_band 6.0 (2), no student of the hidden grades
// is at 6.0: their 6.0 numerators are pinned at 0.
func TestAuditKnowsGradeRelations(t *testing.T) {
	a := fixture(Options{MinN: 10}, "S1")
	for i := range 3 {
		a.Access(gradeRow("S1", 3, record.Level(15+i*10)))
	}
	for i := range 12 {
		a.Access(gradeRow("S1", 4, record.Level(15+i%4*10)))
	}
	for i := range 15 {
		level := record.Level(25)
		if i < 2 {
			level = 60
		}
		a.Access(gradeRow("S1", 5, level))
	}
	for _, hide := range [][]int{{3}, {3, 4}} {
		b := a.builder(a.years(), a.districts(), nil)
		for i := range b.pops {
			p := &b.pops[i]
			if slices.Contains(hide, p.part-partGrade) {
				p.suppressed = true
			}
		}
		b.markSuppressed(nil)
		rep := Audit(b.figs, 10)
		found := false
		for _, v := range rep.Violations {
			if v.Metric != metric.LevelBandByGrade || v.EntityCode != "D1" {
				continue
			}
			if len(hide) == 1 && v.Kind == SmallSet && v.Quantity == "denominator" && v.Hi == 3 {
				found = true
			}
			if len(hide) == 2 && v.Kind == Pinned && v.Quantity == "numerator" && v.Category == gb("3", "6.0") && v.Hi == 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("hiding grades %v: the audit does not find it: %v", hide, rep.Err())
		}
	}
}
