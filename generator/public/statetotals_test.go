package public

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"elreport/generator/metric"
)

// The State Totals test: DESE's "State Totals" row of a district-level export is the state's
// figure, so the district rows, each weighted by its denominator, must reproduce it within
// rounding. It checks the reader on every row of a real export (a count misread, "   3,567" as
// 3, or a row lost, breaks the sums) and that the fixtures are whole copies.

// completeExport is a fixture holding every row of DESE's export.
type completeExport struct {
	name           string
	hint           Hint
	denominatorGap int
}

// completeExports are the fixtures that hold every row of DESE's export, with what the test
// knows of each: hint is what the file does not say itself.
//
// Where the districts' denominators do not add up to the state's, denominatorGap says by how
// much (the districts' sum less the state's); the test allows for those students, who may
// have any value.
var completeExports = []completeExport{
	// 302 districts; their Total Count adds up to the state's 67,914 exactly. Five districts
	// (8 graduates) have every percentage blank.
	{name: "plansofhsgrads_district_2017-18.csv"},
	// 304 districts. Their cohorts add up to 74,242, 16 more than the state's 74,226: DESE's
	// export does not say why (the state's cohort is counted once statewide, the districts'
	// each on its own).
	{name: "gradrates_4yr_district_2021_notitle.csv", hint: Hint{Kind: Graduation4, Year: 2021, Group: "All Students"}, denominatorGap: 16},
	// 309 districts (three with no high school: 0 enrolled, every rate blank); their
	// enrollments add up to the state's 288,358 exactly.
	{name: "dropout_district_notitle.csv", hint: Hint{Year: 2021, Group: "All Students"}},
}

// trimmedExports are the fixtures that keep only a few rows of DESE's export (the rows their
// tests need, see testdata/README.md), so their district rows cannot add up to the state's:
//
//   - mcas_nextgen_district_2023.csv: Abington's three subjects, Acton-Boxborough's ELA and
//     the state's ELA and MATH rows, of about 1,200 rows (a complete copy is some 200 KB).
//   - accessreportingelements_district_2024.csv: three districts, whose 2024 rows are the
//     only ones of one year at hand, and no state row (its layout is rebuilt from DESE's
//     page; see testdata/README.md).
//   - selectedpopulations_district_2024-25.csv: five districts and State Totals; it gives no
//     figures (populations for choosing comparable districts).
//   - enrollmentbygrade_district_2017-18.csv: eleven districts (of each grade span) and State
//     Totals; it gives no figures (grade spans for choosing comparable districts).
//   - gradsattendingcollege_district_2017-18_econdisadv.csv: four districts and State
//     Totals; it gives no figures (actual college enrollment, not plans).
var trimmedExports = []string{
	"mcas_nextgen_district_2023.csv",
	"accessreportingelements_district_2024.csv",
	"selectedpopulations_district_2024-25.csv",
	"enrollmentbygrade_district_2017-18.csv",
	"gradsattendingcollege_district_2017-18_econdisadv.csv",
}

// roundedTerms is how many of DESE's rounded percentages a figure adds: any_college adds the
// four college columns, four_year_college the two four-year ones.
func roundedTerms(id metric.ID) int {
	switch id {
	case metric.AnyCollege:
		return 4
	case metric.FourYearCollege:
		return 2
	}
	return 1
}

func TestStateTotals(t *testing.T) {
	for _, tt := range completeExports {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(os.DirFS("testdata"), tt.name, tt.hint)
			if err != nil {
				t.Fatal(err)
			}
			type key struct {
				id       metric.ID
				category string
			}
			type sums struct {
				weighted   float64 // value × denominator over the district rows shown
				shown      int     // their denominators
				suppressed int     // the denominators of the district rows DESE left blank
				state      *Figure
			}
			byKey := map[key]*sums{}
			var keys []key
			for i := range f.Figures {
				g := &f.Figures[i]
				k := key{g.Metric, g.Category}
				s := byKey[k]
				if s == nil {
					s = &sums{}
					byKey[k] = s
					keys = append(keys, k)
				}
				switch {
				case g.OrgLevel == LevelState:
					if s.state != nil {
						t.Fatalf("%s %s: two state figures", g.Metric, g.Category)
					}
					s.state = g
				case g.Suppressed:
					s.suppressed += g.Denominator
				default:
					s.weighted += g.Value * float64(g.Denominator)
					s.shown += g.Denominator
				}
			}
			if len(keys) == 0 {
				t.Fatal("no figures")
			}
			for _, k := range keys {
				s := byKey[k]
				name := fmt.Sprintf("%s %s", k.id, k.category)
				if s.state == nil {
					t.Errorf("%s: no State Totals figure", name)
					continue
				}
				// The denominators: the districts' add up to the state's (less the gap
				// the export is known to have).
				if got, want := s.shown+s.suppressed, s.state.Denominator+tt.denominatorGap; got != want {
					t.Errorf("%s: the districts' denominators add up to %d, want %d (the state's %d and a gap of %d)",
						name, got, want, s.state.Denominator, tt.denominatorGap)
				}
				// The value: each district's percentage and the state's are rounded to 0.05
				// points (a sum of n of them to n × 0.05), so the weighted mean of the
				// districts' is within 2 × n × 0.05 of the state's; the students of blank
				// rows and of the gap may have any value, 0 to 100.
				weighted := s.weighted / float64(s.shown)
				unknown := float64(s.suppressed+abs(tt.denominatorGap)) / float64(s.state.Denominator) * 100
				tolerance := 2*float64(roundedTerms(k.id))*0.05 + unknown + 1e-9
				if d := math.Abs(weighted - s.state.Value); d > tolerance {
					t.Errorf("%s: the districts weighted by their denominators give %.3f, the state's row %.1f: %.3f apart, more than %.3f",
						name, weighted, s.state.Value, d, tolerance)
				}
			}
		})
	}
}

// TestStateTotalsFixtures checks that every fixture with a State Totals row is either checked
// by TestStateTotals or listed as trimmed, with its reason.
func TestStateTotalsFixtures(t *testing.T) {
	names, err := filepath.Glob("testdata/*.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range names {
		name := filepath.Base(p)
		complete := slices.ContainsFunc(completeExports, func(c completeExport) bool { return c.name == name })
		trimmed := slices.Contains(trimmedExports, name)
		if complete == trimmed {
			t.Errorf("%s: listed as complete %v and as trimmed %v; list it in one of completeExports or trimmedExports", name, complete, trimmed)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
