package public

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
	"elreport/generator/metric"
)

// The fixtures in testdata are real exports (see testdata/README.md for their sources): the
// values below are copied from them by hand.

// fig finds a figure of a file, or nil.
func fig(f File, id metric.ID, category, org string) *Figure {
	for i := range f.Figures {
		g := &f.Figures[i]
		if g.Metric == id && g.Category == category && g.OrgCode == org {
			return g
		}
	}
	return nil
}

// wantFig is an expected figure: its value, denominator and suppression.
type wantFig struct {
	id          metric.ID
	category    string
	org         string
	value       float64
	denominator int
	suppressed  bool
}

func TestFixtures(t *testing.T) {
	fsys := os.DirFS("testdata")
	tests := []struct {
		name       string
		hint       Hint
		kind       Kind
		title      string
		year       int
		group      string
		groupName  string
		orgs       []Org // the first and the last
		nOrgs      int
		nFigures   int
		figures    []wantFig
		wantInNote string
	}{
		{
			name: "plansofhsgrads_district_2017-18.csv", kind: Plans,
			title: "2017-18 Plans of High School Graduates Report (District)", year: 2018,
			group: metric.AllStudents, groupName: "All Students",
			orgs:  []Org{{"04450000", "Abby Kelley Foster Charter Public (District)", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 303, nFigures: 303 * 15, // 302 districts and the state; ten plan shares and five sums per row
			figures: []wantFig{
				{metric.PlanShare, "FourYearPrivate", "00010000", 25.2, 123, false},
				{metric.PlanShare, "Unknown", "00010000", 1.6, 123, false},
				{metric.AnyCollege, "", "00010000", 77.2, 123, false},        // 25.2 + 39.8 + 0.0 + 12.2
				{metric.FourYearCollege, "", "00010000", 65.0, 123, false},   // 25.2 + 39.8
				{metric.Work, "", "00010000", 8.9, 123, false},               //
				{metric.Military, "", "00010000", 8.1, 123, false},           //
				{metric.Unknown, "", "00010000", 1.6, 123, false},            //
				{metric.AnyCollege, "", "00350000", 70.9, 3567, false},       // 16.9 + 35.4 + 1.4 + 17.2; "   3,567"
				{metric.AnyCollege, "", "00000000", 80.0, 67914, false},      // 29.3 + 31.1 + 0.5 + 19.1; "  67,914"
				{metric.FourYearCollege, "", "00000000", 60.4, 67914, false}, // 29.3 + 31.1
				{metric.PlanShare, "TwoYearPublic", "03480000", 37.7, 1747, false},
				// Acushnet: one graduate, every percentage blank.
				{metric.PlanShare, "FourYearPrivate", "00030000", 0, 1, true},
				{metric.AnyCollege, "", "00030000", 0, 1, true},
				{metric.Unknown, "", "00030000", 0, 1, true},
			},
		},
		{
			name: "gradrates_4yr_district_2021_notitle.csv", hint: Hint{Kind: Graduation4, Year: 2021, Group: "English Learners"},
			kind: Graduation4, year: 2021, group: metric.EL, groupName: "English Learners",
			orgs:  []Org{{"04450000", "Abby Kelley Foster Charter Public (District)", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 305, nFigures: 2 * 305,
			figures: []wantFig{
				{metric.GraduationRate, "", "00010000", 93.3, 163, false},
				{metric.CohortDropoutRate, "", "00010000", 3.7, 163, false},
				{metric.GraduationRate, "", "00350000", 78.8, 3867, false},
				{metric.GraduationRate, "", "04660000", 62.5, 8, false},
				{metric.GraduationRate, "", "00000000", 89.8, 74226, false},
				{metric.CohortDropoutRate, "", "00000000", 4.6, 74226, false},
			},
		},
		{
			name: "gradrates_4yr_district_2021_notitle.csv", hint: Hint{Kind: Graduation5, Year: 2021, Group: "All Students"},
			kind: Graduation5, year: 2021, group: metric.AllStudents, groupName: "All Students",
			orgs:  []Org{{"04450000", "Abby Kelley Foster Charter Public (District)", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 305, nFigures: 0, wantInNote: "Five-year graduation rates give no figures",
		},
		{
			name: "dropout_district_notitle.csv", hint: Hint{Year: 2021, Group: "All"},
			kind: Dropout, year: 2021, group: metric.AllStudents, groupName: "All",
			orgs:  []Org{{"04450000", "Abby Kelley Foster Charter Public (District)", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 310, nFigures: 310,
			figures: []wantFig{
				// Provincetown,02420000,       0,,,,,, (no high school: no one enrolled, every rate blank)
				{metric.AnnualDropoutRate, "", "02420000", 0, 0, true},
				{metric.AnnualDropoutRate, "", "00350000", 2.0, 14342, false},
				{metric.AnnualDropoutRate, "", "35030000", 5.8, 69, false},
				{metric.AnnualDropoutRate, "", "04680000", 0.0, 98, false},
				{metric.AnnualDropoutRate, "", "00000000", 1.5, 288358, false},
			},
		},
		{
			name: "mcas_nextgen_district_2023.csv", kind: MCAS,
			title: "2023 Next Generation MCAS Achievement Results", year: 2023,
			group: metric.AllStudents, groupName: "All Students",
			orgs:  []Org{{"00010000", "Abington", "district"}, {"00000000", "State", "state"}},
			nOrgs: 7, nFigures: 7,
			figures: []wantFig{
				{metric.MCASMeeting, "ELA", "00010000", 48, 976, false},
				{metric.MCASMeeting, "Math", "00010000", 43, 972, false},
				{metric.MCASMeeting, "Science", "00010000", 44, 338, false},
				{metric.MCASMeeting, "ELA", "06000000", 67, 2359, false},
				{metric.MCASMeeting, "ELA", "00000000", 42, 396861, false},
				{metric.MCASMeeting, "Math", "00000000", 41, 396955, false},
				{metric.MCASMeeting, "Science", "00000000", 41, 133498, false},
			},
			wantInNote: "names no student group",
		},
		{
			// The layout is rebuilt from the columns of DESE's page (see testdata/README.md);
			// the values are the page's, of three districts in 2024.
			name: "accessreportingelements_district_2024.csv", kind: AccessElements,
			title: "2024 ACCESS for ELLs Reporting Elements (District)", year: 2024,
			group: metric.EL, groupName: "English Learners",
			orgs:  []Org{{"04100000", "Excel Academy Charter (District)", "district"}, {"02510000", "Rockland", "district"}},
			nOrgs: 9, nFigures: 3 * 3, // three grade rows per district; the ALL row gives three figures
			figures: []wantFig{
				// Methuen,01810000,ALL,"1,247",99,899,35,225,15,"1,247",12,153,100,"1,247",19
				{metric.ParticipationRate, "", "01810000", 99, 1247, false},
				{metric.MakingProgress, "", "01810000", 35, 899, false},
				{metric.MetExitCriteria, "", "01810000", 12, 1247, false},
				{metric.MakingProgress, "", "02510000", 34, 194, false},
				{metric.MetExitCriteria, "", "04100000", 17, 203, false},
			},
			wantInNote: "Rows of grades other than ALL",
		},
		{
			name: "selectedpopulations_district_2024-25.csv", kind: SelectedPops,
			title: "2024-25 Enrollment by Selected Population (District)", year: 2025,
			group: metric.AllStudents, groupName: "All Students",
			orgs:  []Org{{"00010000", "Abington", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 6, nFigures: 0,
		},
		{
			name: "enrollmentbygrade_district_2017-18.csv", kind: EnrollmentGrades,
			title: "2017-18 Enrollment By Grade (District)", year: 2018,
			group: metric.AllStudents, groupName: "All Students",
			orgs:  []Org{{"00010000", "Abington", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 12, nFigures: 0, wantInNote: "lost their leading zeros",
		},
		{
			name: "gradsattendingcollege_district_2017-18_econdisadv.csv", kind: AttendingCollege,
			title: "2017-18  Graduates Attending Institutions of Higher Education (District) - Economically Disadvantaged - All Colleges and Universities",
			year:  2018, group: "", groupName: "Economically Disadvantaged",
			orgs:  []Org{{"04450000", "Abby Kelley Foster Charter Public (District)", "district"}, {"00000000", "State Totals", "state"}},
			nOrgs: 5, nFigures: 0, wantInNote: `"Economically Disadvantaged" is not one of the site's`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+string(tt.kind), func(t *testing.T) {
			f, err := Read(fsys, tt.name, tt.hint)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if f.Name != tt.name || f.Kind != tt.kind || f.Title != tt.title || f.Year != tt.year ||
				f.Group != tt.group || f.GroupName != tt.groupName || f.Level != LevelDistrict || f.Encoding != "utf-8" {
				t.Errorf("got %q %q title %q year %d group %q (%q) level %q encoding %q, want %q %q title %q year %d group %q (%q) level district encoding utf-8",
					f.Name, f.Kind, f.Title, f.Year, f.Group, f.GroupName, f.Level, f.Encoding,
					tt.name, tt.kind, tt.title, tt.year, tt.group, tt.groupName)
			}
			if len(f.Orgs) != tt.nOrgs {
				t.Fatalf("got %d orgs, want %d", len(f.Orgs), tt.nOrgs)
			}
			if first, last := f.Orgs[0], f.Orgs[len(f.Orgs)-1]; first != tt.orgs[0] || last != tt.orgs[1] {
				t.Errorf("got orgs %v ... %v, want %v ... %v", first, last, tt.orgs[0], tt.orgs[1])
			}
			if len(f.Figures) != tt.nFigures {
				t.Errorf("got %d figures, want %d", len(f.Figures), tt.nFigures)
			}
			for _, w := range tt.figures {
				g := fig(f, w.id, w.category, w.org)
				if g == nil {
					t.Errorf("no figure %s %q of %s", w.id, w.category, w.org)
					continue
				}
				if g.Value != w.value || g.Denominator != w.denominator || g.Suppressed != w.suppressed {
					t.Errorf("%s %q of %s: got %v of %d (suppressed %v), want %v of %d (suppressed %v)",
						w.id, w.category, w.org, g.Value, g.Denominator, g.Suppressed, w.value, w.denominator, w.suppressed)
				}
				if g.Group != tt.group || g.Year != tt.year {
					t.Errorf("%s of %s: got group %q year %d, want %q %d", w.id, w.org, g.Group, g.Year, tt.group, tt.year)
				}
				wantSrc := Source{Report: reportOf(tt.kind).name, Year: tt.year, File: tt.name, Title: tt.title}
				if g.Source != wantSrc {
					t.Errorf("%s of %s: got source %+v, want %+v", w.id, w.org, g.Source, wantSrc)
				}
			}
			if tt.wantInNote != "" && !slices.ContainsFunc(f.Notes, func(n string) bool { return strings.Contains(n, tt.wantInNote) }) {
				t.Errorf("got notes %q, want one with %q", f.Notes, tt.wantInNote)
			}
			checkFile(t, f)
		})
	}
}

// TestPlansSuppressedRow checks the figures of the rows whose percentages DESE left blank (five
// districts with one to three graduates): all suppressed, with the row's count; and that no
// other row's figure is.
func TestPlansSuppressedRow(t *testing.T) {
	f, err := Read(os.DirFS("testdata"), "plansofhsgrads_district_2017-18.csv", Hint{})
	if err != nil {
		t.Fatal(err)
	}
	blankRows := map[string]int{ // code -> Total Count, from the file
		"00030000": 1, // Acushnet
		"06620000": 1, // Farmington River Reg
		"01450000": 3, // Kingston
		"01690000": 2, // Marion
		"02130000": 1, // Northborough
	}
	n := map[string]int{}
	for _, g := range f.Figures {
		count, blank := blankRows[g.OrgCode]
		if !blank {
			if g.Suppressed {
				t.Errorf("%s %s of %s is suppressed", g.Metric, g.Category, g.OrgName)
			}
			continue
		}
		n[g.OrgCode]++
		if !g.Suppressed || g.Value != 0 || g.Denominator != count {
			t.Errorf("%s %s %s: got %v of %d suppressed %v, want suppressed of %d", g.OrgName, g.Metric, g.Category, g.Value, g.Denominator, g.Suppressed, count)
		}
	}
	for code := range blankRows {
		if n[code] != 15 {
			t.Errorf("got %d figures of %s, want 15", n[code], code)
		}
	}
}

func TestPopulations(t *testing.T) {
	f, err := Read(os.DirFS("testdata"), "selectedpopulations_district_2024-25.csv", Hint{})
	if err != nil {
		t.Fatal(err)
	}
	pops := Populations(f)
	if len(pops) != 6 {
		t.Fatalf("got %d populations, want 6", len(pops))
	}
	tests := []struct {
		code string
		want Population
	}{
		// Abington,00010000,"   1,034",  47.5,     263,  12.3,     435,  20.3,     707,  33.0, , ,     435,  20.0
		{"00010000", Population{Org: Org{"00010000", "Abington", "district"},
			HighNeeds: Share{1034, 47.5, true}, EL: Share{263, 12.3, true}, FirstLanguageNotEnglish: Share{435, 20.3, true},
			LowIncome: Share{707, 33.0, true}, Disabilities: Share{435, 20.0, true}}},
		{"04930000", Population{Org: Org{"04930000", "Phoenix Academy Charter Public High School, Chelsea (District)", "district"},
			HighNeeds: Share{193, 97.5, true}, EL: Share{124, 62.6, true}, FirstLanguageNotEnglish: Share{141, 71.2, true},
			LowIncome: Share{151, 76.3, true}, Disabilities: Share{20, 10.1, true}}},
		{"00000000", Population{Org: Org{"00000000", "State Totals", "state"},
			HighNeeds: Share{517093, 55.8, true}, EL: Share{127673, 13.9, true}, FirstLanguageNotEnglish: Share{249477, 27.2, true},
			LowIncome: Share{385161, 42.1, true}, Disabilities: Share{190967, 20.6, true}}},
	}
	for _, tt := range tests {
		if got := pops[tt.code]; got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.code, got, tt.want)
		}
	}
	if Populations(File{}) != nil {
		t.Errorf("Populations of a file of no populations is not nil")
	}
}

// TestAccessElements reads the ACCESS for ELLs Reporting Elements layout without a Grade column
// (its rows read as of every grade, with a note), with DESE's "-" for a percentage it did not
// compute (fewer than 10 students: suppressed, with the students included), and refuses a
// group other than English learners.
func TestAccessElements(t *testing.T) {
	const header = "District Name,District Code,Enrolled #,Part. Rate %,RE1 - Made Progress (All Students) #,RE1 - Made Progress (All Students) %,RE2 - Met Exit Criteria #,RE2 - Met Exit Criteria %\n"
	data := header + "Rockland,02510000,53,100,9,-,53,4\nState Totals,00000000,\"104,143\",97,\"74,394\",43,\"104,142\",12\n"
	f, err := Read(fstest.MapFS{"x.csv": {Data: []byte(data)}}, "x.csv", Hint{Year: 2022})
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != AccessElements || f.Group != metric.EL || f.GroupName != "English Learners" {
		t.Errorf("got kind %q group %q (%q), want %q EL (English Learners)", f.Kind, f.Group, f.GroupName, AccessElements)
	}
	for _, w := range []wantFig{
		{metric.MakingProgress, "", "02510000", 0, 9, true},
		{metric.MetExitCriteria, "", "02510000", 4, 53, false},
		{metric.ParticipationRate, "", "02510000", 100, 53, false},
		{metric.MakingProgress, "", "00000000", 43, 74394, false},
		{metric.MetExitCriteria, "", "00000000", 12, 104142, false},
	} {
		g := fig(f, w.id, w.category, w.org)
		if g == nil || g.Value != w.value || g.Denominator != w.denominator || g.Suppressed != w.suppressed {
			t.Errorf("%s of %s: got %+v, want %v of %d (suppressed %v)", w.id, w.org, g, w.value, w.denominator, w.suppressed)
		}
	}
	if !slices.ContainsFunc(f.Notes, func(n string) bool { return strings.Contains(n, "no Grade column") }) {
		t.Errorf("got notes %q, want one saying the file has no Grade column", f.Notes)
	}
	checkFile(t, f)

	_, err = Read(fstest.MapFS{"x.csv": {Data: []byte(data)}}, "x.csv", Hint{Year: 2022, Group: "Low Income"})
	if want := `says group = "Low Income", but the ACCESS for ELLs Reporting Elements export has no student group (it is of english learners)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got error %v, want one containing %q", err, want)
	}
	if _, err := Read(fstest.MapFS{"x.csv": {Data: []byte(data)}}, "x.csv", Hint{Year: 2022, Group: "EL"}); err != nil {
		t.Errorf("group = \"EL\": %v", err)
	}
	// The elements that give figures must have both their columns.
	noPercent := strings.Replace(header, ",RE2 - Met Exit Criteria %", "", 1) + "Rockland,02510000,53,100,9,-,53\n"
	if _, err := Read(fstest.MapFS{"x.csv": {Data: []byte(noPercent)}}, "x.csv", Hint{Year: 2022}); err == nil || !strings.Contains(err.Error(), `lacks the columns of "RE2 - Met Exit Criteria"`) {
		t.Errorf("got error %v, want one naming the columns of RE2", err)
	}
}

// TestEnrollments reads the real 2017-18 Enrollment By Grade export (its codes without their
// leading zeros, as the stored copy has them; the state's is 0) and the grade span of each
// district.
func TestEnrollments(t *testing.T) {
	f, err := Read(os.DirFS("testdata"), "enrollmentbygrade_district_2017-18.csv", Hint{})
	if err != nil {
		t.Fatal(err)
	}
	es := Enrollments(f)
	if len(es) != 12 {
		t.Fatalf("got %d rows, want 12", len(es))
	}
	// Worcester,3480000,"1,225","2,110",...,"1,722",60,"25,306"
	w := es["03480000"]
	if w.Org.Name != "Worcester" || w.PK != 1225 || w.Grades[0] != 2110 || w.Grades[12] != 1722 || w.SP != 60 || w.Total != 25306 {
		t.Errorf("Worcester: got %+v", w)
	}
	if s := es[StateCode]; s.Org.Level != LevelState || s.Total != 954034 {
		t.Errorf("the state: got %+v", s)
	}
	for code, want := range map[string]GradeSpan{
		"00010000": SpanK12,        // Abington, PK-12
		"00030000": SpanElementary, // Acushnet, PK-8
		"00080000": SpanElementary, // Amherst, PK-6
		"06050000": SpanSecondary,  // Amherst-Pelham, 7-12
		"08010000": SpanVocational, // Assabet Valley Regional Vocational Technical, 9-12
		"04930000": SpanSecondary,  // Phoenix Charter Academy, 9-12
		"07600000": SpanSecondary,  // Silver Lake, PK and 7-12: PK does not count
		"03480000": SpanK12,        // Worcester
	} {
		if got := es[code].Span(); got != want {
			t.Errorf("%s %s: got span %q, want %q", code, es[code].Org.Name, got, want)
		}
	}
	if got := (Enrollment{}).Span(); got != "" {
		t.Errorf("no students: got span %q, want none", got)
	}
	if Enrollments(File{}) != nil {
		t.Error("Enrollments of a file of no enrollments is not nil")
	}
}

// TestPopulationsOlderLayout reads the header of the older selected-populations layout
// (tianledong/ds5110-final-project selectedpopulations.csv, found in the research for issue 12:
// re-saved, no title, "English Language Learner %", "High Needs #" twice); the row is made up.
func TestPopulationsOlderLayout(t *testing.T) {
	data := "District Name,District Code,First Language Not English #,First Language Not English %,English Language Learner #,English Language Learner %,Students With Disabilities #,Students With Disabilities %,Low Income #,Low Income %,Free Lunch #,Free Lunch %,Reduced Lunch #,Reduced Lunch %,High Needs #,High Needs #,Economically Disadvantaged #,Economically Disadvantaged %\n" +
		"Abington,10000,400,19.0,200,9.5,300,14.3,,,,,,,900,42.9,650,31.0\n"
	f, err := Read(fstest.MapFS{"sp.csv": {Data: []byte(data)}}, "sp.csv", Hint{Year: 2021})
	if err != nil {
		t.Fatal(err)
	}
	got := Populations(f)["00010000"]
	want := Population{Org: Org{"00010000", "Abington", "district"},
		FirstLanguageNotEnglish: Share{400, 19.0, true}, EL: Share{200, 9.5, true}, Disabilities: Share{300, 14.3, true},
		LowIncome: Share{650, 31.0, true}, // Low Income blank: Economically Disadvantaged
		HighNeeds: Share{900, 0, false}}   // the first "High Needs #"; no percentage column
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// The cases below are made up around the real layouts (header lines copied from the fixtures);
// titles naming a group follow the form seen in the attending-college and advanced-course
// exports ("(District) - High Needs").
const (
	gradHeader    = "District Name,District Code,# in Cohort,% Graduated,% Still in School,% Non-Grad Completers,% H.S. Equiv.,% Dropped Out,% Permanently Excluded"
	dropoutHeader = "District Name,District Code,# Enrolled Grades 09 through 12,# Dropout All Grades,% Dropout All Grades,% Dropout Grade 09,% Dropout Grade 10,% Dropout Grade 11,% Dropout Grade 12"
	plansHeader   = "District Name,District Code,4 Year Private College,4 Year Public College,2 Year Private College,2 Year Public College,Other Post Secondary,Apprenticeship,Work,Military,Other,Unknown,Total Count"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		hint  Hint
		check func(t *testing.T, f File)
	}{
		{"group in the title, LF, no BOM",
			"2023-24 Dropout Report (District) - English Learners,,,,,,,,\n" + dropoutHeader + "\n" +
				"Boston,00350000,\"   4,321\",     130,   3.0,   2.1,   2.8,   3.3,   4.0\n" +
				"State Totals,00000000,\"  40,000\",     600,   1.5,   1.0,   1.4,   1.6,   2.0\n",
			Hint{},
			func(t *testing.T, f File) {
				if f.Year != 2024 || f.Group != metric.EL || f.GroupName != "English Learners" || len(f.Figures) != 2 {
					t.Fatalf("got year %d group %q (%q), %d figures; want 2024 EL (English Learners), 2", f.Year, f.Group, f.GroupName, len(f.Figures))
				}
				g := f.Figures[0]
				if g.Metric != metric.AnnualDropoutRate || g.Group != metric.EL || g.Value != 3.0 || g.Denominator != 4321 {
					t.Errorf("got %+v, want annual_dropout_rate EL 3.0 of 4321", g)
				}
			}},
		{"group and further selectors, doubled spaces",
			"2021  Graduation Rates (District)  - Former English Learners - 4-Year Graduation Rate,,,,,,,,\r\n" + gradHeader + "\r\n" +
				"Lowell,01600000,        50,    80.0,    10.0,     0.0,     0.0,    10.0,     0.0\r\n",
			Hint{},
			func(t *testing.T, f File) {
				if f.Kind != Graduation4 || f.Year != 2021 || f.Group != metric.FormerEL || len(f.Figures) != 2 {
					t.Fatalf("got %s %d %q, %d figures; want graduation_4yr 2021 FormerEL, 2", f.Kind, f.Year, f.Group, len(f.Figures))
				}
			}},
		{"a group not ours: read, no figures",
			gradHeader + "\n" + "Lowell,01600000,        50,    80.0,    10.0,     0.0,     0.0,    10.0,     0.0\n",
			Hint{Kind: Graduation4, Year: 2021, Group: "Low Income"},
			func(t *testing.T, f File) {
				if f.Group != "" || f.GroupName != "Low Income" || len(f.Figures) != 0 || len(f.Orgs) != 1 {
					t.Errorf("got group %q (%q), %d figures, %d orgs; want \"\" (Low Income), 0, 1", f.Group, f.GroupName, len(f.Figures), len(f.Orgs))
				}
			}},
		{"codes without their zeros, a school file, Windows-1252",
			"2024 Graduation Rates 4-Year (School),,,,,,,,\n" +
				"School Name,School Code,# in Cohort,% Graduated,% Still in School,% Non-Grad Completers,% H.S. Equiv.,% Dropped Out,% Permanently Excluded\n" +
				"Lowell - Lowell High School Caf\xe9,1600505,       800,    80.0,    10.0,     0.0,     0.0,    10.0,     0.0\n" +
				"State Totals,0,       900,    90.0,     5.0,     0.0,     0.0,     5.0,     0.0\n",
			Hint{},
			func(t *testing.T, f File) {
				want := []Org{{"01600505", "Lowell - Lowell High School Café", "school"}, {"00000000", "State Totals", "state"}}
				if !slices.Equal(f.Orgs, want) || f.Level != LevelSchool || f.Encoding != "windows-1252" || f.Kind != Graduation4 {
					t.Errorf("got %v level %q encoding %q kind %q, want %v level school windows-1252 graduation_4yr", f.Orgs, f.Level, f.Encoding, f.Kind, want)
				}
				if f.Figures[0].OrgLevel != LevelSchool || f.Figures[2].OrgLevel != LevelState {
					t.Errorf("got levels %q and %q, want school and state", f.Figures[0].OrgLevel, f.Figures[2].OrgLevel)
				}
			}},
		{"a suppressed cohort, blank rows and a footnote",
			gradHeader + "\n" + "Tiny,09990000,         4,,,,,,\n" + ",,,,,,,,\n" + "Source: DESE,,,,,,,,\n",
			Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			func(t *testing.T, f File) {
				if len(f.Figures) != 2 || !f.Figures[0].Suppressed || f.Figures[0].Denominator != 4 || f.Figures[0].Value != 0 {
					t.Errorf("got %+v, want two suppressed figures of 4", f.Figures)
				}
			}},
		{"header names spaced differently",
			"District Name,District Code,#  in cohort,%Graduated,% Dropped  Out\n" + "Lowell,01600000,50,80,10\n",
			Hint{Kind: Graduation4, Year: 2021, Group: "All"},
			func(t *testing.T, f File) {
				if len(f.Figures) != 2 || f.Figures[0].Value != 80 || f.Figures[1].Value != 10 {
					t.Errorf("got %+v, want 80 and 10", f.Figures)
				}
			}},
		{"a title without a group on a file of no group selector, hint All",
			"2017-18 Plans of High School Graduates Report (District) ,,,,,,,,,,,,\n" + plansHeader + "\n" +
				"Abington,00010000,  25.2,  39.8,   0.0,  12.2,   0.8,   3.3,   8.9,   8.1,   0.0,   1.6,     123\n",
			Hint{Group: "All Students", Year: 2018},
			func(t *testing.T, f File) {
				if f.Group != metric.AllStudents || len(f.Figures) != 15 {
					t.Errorf("got group %q, %d figures; want All, 15", f.Group, len(f.Figures))
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(fstest.MapFS{"x.csv": {Data: []byte(tt.data)}}, "x.csv", tt.hint)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			tt.check(t, f)
			checkFile(t, f)
		})
	}
}

func TestReadErrors(t *testing.T) {
	grad := gradHeader + "\n" + "Lowell,01600000,        50,    80.0,    10.0,     0.0,     0.0,    10.0,     0.0\n"
	tests := []struct {
		name string
		data string
		hint Hint
		want []string // parts of the message
	}{
		{"no title and no hint", grad, Hint{},
			[]string{"x.csv: the file has no title row, so it does not say whether its rates are 4-year or 5-year, its year or its student group; name them in site.toml:",
				`[public_data.files."x.csv"]`, `report = "graduation_4yr"`, "year = 2024", `group = "English Learners"`}},
		{"no title, the year only missing", grad, Hint{Kind: Graduation4, Group: "EL"},
			[]string{"x.csv: the file has no title row, so it does not say its year; name it in site.toml:", "year = 2024"}},
		{"a title without the year",
			"Dropout Report (District) - English Learners,,,,,,,,\n" + dropoutHeader + "\n", Hint{},
			[]string{`the title row "Dropout Report (District) - English Learners" does not say its year`}},
		{"the district's own plans file", "year,student_id,school_code,plan\n2025,S5,00010505,Work\n", Hint{},
			[]string{"x.csv:1: not a DESE report export elreport reads", `"year,student_id,school_code,plan"`, "student id column",
				`Plans of High School Graduates (statereport/plansofhsgrads.aspx): a header with "4 Year Private College" and "Total Count"`,
				`Graduation Rates (4-year or 5-year)`, `"# Enrolled Grades 09 through 12"`, `"M+E %" and "Subject"`,
				`"English Learners%" or "English Language Learner %"`, `"Attending Coll./Univ. (%)"`}},
		{"another DESE report, with its title",
			"2023Per Pupil Expenditure,,,\nDistrict Name,District Code,In-District Expenditures,Total Expenditures\nAbington,00010000,1,2\n", Hint{},
			[]string{"x.csv:2: not a DESE report export elreport reads", `under the title "2023Per Pupil Expenditure"`}},
		{"a title and nothing else", "2023 Next Generation MCAS Achievement Results ,,,,\n", Hint{},
			[]string{"x.csv:1: not a DESE report export elreport reads: it has only the line"}},
		{"empty", "", Hint{}, []string{"x.csv: the file is empty"}},
		{"an Excel workbook", "PK\x03\x04rest", Hint{}, []string{"x.csv: the file is an Excel workbook (.xlsx), not CSV"}},
		{"UTF-16", "\xff\xfeD\x00", Hint{}, []string{"UTF-16"}},
		{"a bad percentage", gradHeader + "\n" + "Lowell,01600000,50,80.0,10.0,0.0,0.0,ten,0.0\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:2: column "% Dropped Out": "ten" is not a percentage`}},
		{"a percentage over 100", gradHeader + "\n" + "Lowell,01600000,50,180.0,10.0,0.0,0.0,1,0.0\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:2: column "% Graduated": "180.0" is not a percentage`}},
		{"a bad count", gradHeader + "\n" + "Lowell,01600000,\"5,0,\",80.0,10.0,0.0,0.0,1,0.0\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:2: column "# in Cohort": "5,0," is not a count`}},
		{"a bad code", gradHeader + "\n" + "Lowell,0160000X,50,80.0,10.0,0.0,0.0,1,0.0\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:2: column "District Code": "0160000X" is not a DESE code`}},
		{"a code twice", grad + "Lowell,1600000,50,80.0,10.0,0.0,0.0,1,0.0\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:3: 01600000 "Lowell" is also on line 2`}},
		{"a short row", grad + "Lowell,1600000,50\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:3: the row has 3 cells, but the header has 9`}},
		{"not CSV", gradHeader + "\nLowell,\"016\"00000,50\n", Hint{Kind: Graduation4, Year: 2021, Group: "EL"},
			[]string{`x.csv:2: not valid CSV`}},
		{"the hint's year against the title's",
			"2017-18 Plans of High School Graduates Report (District) ,,,,,,,,,,,,\n" + plansHeader + "\n", Hint{Year: 2019},
			[]string{`site.toml [public_data.files."x.csv"] says year = 2019, but the title row "2017-18 Plans of High School Graduates Report (District)" says 2018`}},
		{"the hint's group against the title's",
			"2023-24 Dropout Report (District) - English Learners,,,,,,,,\n" + dropoutHeader + "\n", Hint{Group: "All Students"},
			[]string{`says group = "All Students", but the title row`, `names the group "English Learners"`}},
		{"a group for a report without one",
			"2017-18 Plans of High School Graduates Report (District) ,,,,,,,,,,,,\n" + plansHeader + "\n", Hint{Group: "EL"},
			[]string{`says group = "EL", but the Plans of High School Graduates export has no student group`}},
		{"the hint's report against the header", grad, Hint{Kind: Dropout, Year: 2021, Group: "EL"},
			[]string{`says report = "dropout", but the header is that of Graduation Rates`}},
		{"the hint's rate against the title's",
			"2021 Graduation Rates (District) - English Learners - 5-Year Graduation Rate,,,,,,,,\n" + grad, Hint{Kind: Graduation4},
			[]string{`says report = "graduation_4yr", but the title row`, "is of the Graduation Rates (5-year)"}},
		{"an unknown report in the hint", grad, Hint{Kind: "gradrates"}, []string{`says report = "gradrates", which is not a report`}},
		{"a year out of range in the hint", grad, Hint{Kind: Graduation4, Year: 24, Group: "EL"}, []string{"says year = 24, which is not a school year"}},
		{"a title with a year that is not a school year",
			"2017-19 Plans of High School Graduates Report (District) ,,,,,,,,,,,,\n" + plansHeader + "\n", Hint{},
			[]string{`x.csv:1: the title row's year "2017-19" is not a school year`}},
		{"a Plans header without a plan", strings.Replace(plansHeader, ",Military", ",Armed Forces", 1) + "\n", Hint{Year: 2018},
			[]string{`lacks "Military"`}},
		{"a code column without a name column", "District Code,# in Cohort,% Graduated,% Dropped Out\n", Hint{},
			[]string{`has no "District Name" or "School Name" column`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(fstest.MapFS{"x.csv": {Data: []byte(tt.data)}}, "x.csv", tt.hint)
			if err == nil {
				t.Fatalf("got %+v, want an error", f)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to contain %q", err, w)
				}
			}
			if f.Name != "" || f.Figures != nil {
				t.Errorf("got a file with an error: %+v", f)
			}
		})
	}
}

// TestManyErrors checks that a file reports its first problems and counts the rest.
func TestManyErrors(t *testing.T) {
	data := gradHeader + "\n" + strings.Repeat("Lowell,x,50,80.0,10.0,0.0,0.0,1,0.0\n", 15)
	_, err := Read(fstest.MapFS{"x.csv": {Data: []byte(data)}}, "x.csv", Hint{Kind: Graduation4, Year: 2021, Group: "EL"})
	if err == nil || strings.Count(err.Error(), "is not a DESE code") != maxErrorsOfFile || !strings.Contains(err.Error(), "x.csv: and 5 more problems") {
		t.Errorf("got %v, want %d problems and 5 more", err, maxErrorsOfFile)
	}
}

func TestReadDir(t *testing.T) {
	fsys := fstest.MapFS{
		"public/b_grad.csv":    {Data: []byte(gradHeader + "\nLowell,01600000,50,80.0,10.0,0.0,0.0,1,0.0\n")},
		"public/a_plans.csv":   {Data: []byte("2017-18 Plans of High School Graduates Report (District) ,,,,,,,,,,,,\n" + plansHeader + "\n")},
		"public/c_own.CSV":     {Data: []byte("year,student_id\n")},
		"public/d.xlsx":        {Data: []byte("PK\x03\x04")},
		"public/notes.txt":     {Data: []byte("downloaded 2024-10-01")},
		"public/old/e.csv":     {Data: []byte("nothing")},
		"public/f_dropout.csv": {Data: []byte(dropoutHeader + "\n")},
	}
	files, err := ReadDir(fsys, "public", map[string]Hint{
		"b_grad.csv":    {Kind: Graduation4, Year: 2021, Group: "English Learners"},
		"f_dropout.csv": {Year: 2021},
	})
	var names []string
	for _, f := range files {
		names = append(names, f.Name+" "+string(f.Kind))
	}
	if want := []string{"a_plans.csv plans", "b_grad.csv graduation_4yr"}; !slices.Equal(names, want) {
		t.Errorf("got %q, want %q", names, want)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	for _, w := range []string{"public/c_own.CSV:1: not a DESE report", "public/d.xlsx: an Excel workbook",
		"public/f_dropout.csv: the file has no title row, so it does not say its student group", `[public_data.files."f_dropout.csv"]`} {
		if !strings.Contains(msg, w) {
			t.Errorf("got %q, want it to contain %q", msg, w)
		}
	}
	if strings.Contains(msg, "notes.txt") || strings.Contains(msg, "e.csv") {
		t.Errorf("got %q, which names a file that is not read", msg)
	}
}

func TestParseTitle(t *testing.T) {
	tests := []struct {
		text  string
		year  int
		group string
		rate  Kind
	}{
		{"2017-18 Plans of High School Graduates Report (District)", 2018, "", ""},
		{"2023 Next Generation MCAS Achievement Results", 2023, "", ""},
		{"2018 Advanced Course Completion Report (District)  - High Needs", 2018, "High Needs", ""},
		{"2017-18  Graduates Attending Institutions of Higher Education (District) - Economically Disadvantaged - All Colleges and Universities", 2018, "Economically Disadvantaged", ""},
		{"2023Per Pupil Expenditure", 2023, "", ""},
		{"2024-25 Enrollment by Selected Population (District)", 2025, "", ""},
		{"2017-2018 Plans of High School Graduates Report (School)", 2018, "", ""},
		{"1999-00 Plans of High School Graduates Report (District)", 2000, "", ""},
		{"2021 Graduation Rate (District) - 5yr Grad - English Learners", 2021, "English Learners", Graduation5},
		{"2021 4-Year Graduation Rates (District) - Non-Hisp./Lat.", 2021, "Non-Hisp./Lat.", Graduation4},
		{"Graduation Rates", 0, "", ""},
		{"", 0, "", ""},
	}
	for _, tt := range tests {
		got, err := parseTitle(tt.text)
		if err != nil || got.year != tt.year || got.group != tt.group || got.rate != tt.rate {
			t.Errorf("parseTitle(%q) = %d %q %q, %v; want %d %q %q", tt.text, got.year, got.group, got.rate, err, tt.year, tt.group, tt.rate)
		}
	}
}

func TestOurGroup(t *testing.T) {
	tests := map[string]string{
		"All Students": "All", "All": "All", "all students": "All",
		"English Learners": "EL", "EL": "EL", "English Language Learners": "EL", "ELL": "EL", "LEP": "EL",
		"Former English Learners": "FormerEL", "Former EL": "FormerEL", "FormerEL": "FormerEL",
		"English Learners and Former English Learners": "", "English\u00a0Learners and Former English Learners": "",
		"Low Income": "", "High Needs": "", "NonEL": "", "": "",
	}
	for name, want := range tests {
		if got := ourGroup(name); got != want {
			t.Errorf("ourGroup(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	counts := []struct {
		in   string
		n    int
		ok   bool
		fail bool
	}{
		{"     123", 123, true, false}, {"   3,567", 3567, true, false}, {" 288,358", 288358, true, false},
		{"24212", 24212, true, false}, {"", 0, false, false}, {" ", 0, false, false},
		{"1.5", 0, false, true}, {"-3", 0, false, true}, {",", 0, false, true}, {"1,", 0, false, true},
		{"1 000", 0, false, true}, {"9999999999", 0, false, true},
	}
	for _, tt := range counts {
		n, ok, err := parseCount(tt.in)
		if n != tt.n || ok != tt.ok || (err != nil) != tt.fail {
			t.Errorf("parseCount(%q) = %d %v %v, want %d %v error %v", tt.in, n, ok, err, tt.n, tt.ok, tt.fail)
		}
	}
	pcts := []struct {
		in   string
		v    float64
		ok   bool
		fail bool
	}{
		{"  30.0", 30, true, false}, {"48", 48, true, false}, {"    93.3", 93.3, true, false}, {"100", 100, true, false},
		{"12.5%", 12.5, true, false}, {"", 0, false, false}, {" ", 0, false, false},
		{"100.1", 0, false, true}, {"-1", 0, false, true}, {"NaN", 0, false, true}, {"1e2", 0, false, true},
		{".", 0, false, true}, {"0x10", 0, false, true}, {"1.2.3", 0, false, true},
	}
	for _, tt := range pcts {
		v, ok, err := parsePercent(tt.in)
		if v != tt.v || ok != tt.ok || (err != nil) != tt.fail {
			t.Errorf("parsePercent(%q) = %v %v %v, want %v %v error %v", tt.in, v, ok, err, tt.v, tt.ok, tt.fail)
		}
	}
	codes := map[string]string{"00010000": "00010000", "10000": "00010000", "4450000": "04450000", "0": "00000000", " 350000 ": "00350000"}
	for in, want := range codes {
		if got, err := parseCode(in); got != want || err != nil {
			t.Errorf("parseCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "123456789", "1234-567", "S1"} {
		if got, err := parseCode(in); err == nil {
			t.Errorf("parseCode(%q) = %q, want an error", in, got)
		}
	}
}

func TestKinds(t *testing.T) {
	want := []Kind{Plans, Graduation4, Graduation5, Dropout, MCAS, AccessElements, SelectedPops, EnrollmentGrades, AttendingCollege}
	if got := Kinds(); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, k := range want {
		if got, err := ParseKind(string(k)); got != k || err != nil {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
		if k.Report() == string(k) {
			t.Errorf("%q has no report name", k)
		}
	}
	if _, err := ParseKind("gradrates"); err == nil || !strings.Contains(err.Error(), "graduation_4yr") {
		t.Errorf("ParseKind(gradrates): got %v, want an error listing the kinds", err)
	}
}

// TestCatalogueTerms checks that the translation speaks the catalogue's terms: MCAS subjects
// and plan categories are categories of their metrics, and Definition says which pairs match.
func TestCatalogueTerms(t *testing.T) {
	cats := metric.MCASMeeting.Info().Categories
	for code, subject := range mcasSubjects {
		if _, ok := cats.Rank(subject); !ok {
			t.Errorf("MCAS subject %s is read as %q, which is not a category of mcas_meeting %v", code, subject, cats.Values)
		}
	}
	if len(mcasSubjects) != len(cats.Values) {
		t.Errorf("got %d MCAS subjects, want the catalogue's %d", len(mcasSubjects), len(cats.Values))
	}
	matching := map[Kind][]metric.ID{
		Graduation4:    {metric.GraduationRate, metric.CohortDropoutRate},
		AccessElements: {metric.MakingProgress},
		Plans:          {metric.PlanShare, metric.AnyCollege, metric.FourYearCollege, metric.Work, metric.Military, metric.Unknown},
	}
	differing := map[Kind]map[metric.ID]string{
		Dropout:          {metric.AnnualDropoutRate: "October 1"},
		MCAS:             {metric.MCASMeeting: "does not say which"},
		Graduation5:      {metric.GraduationRate: "five years"},
		AttendingCollege: {metric.AnyCollege: "actually enrolled"},
		AccessElements:   {metric.MetExitCriteria: "every enrolled", metric.ParticipationRate: "enrolled in SIMS"},
	}
	for _, k := range Kinds() {
		for _, m := range metric.Catalogue() {
			def := Definition(k, m.ID)
			switch {
			case slices.Contains(matching[k], m.ID):
				if def != "" {
					t.Errorf("Definition(%s, %s) = %q, want \"\"", k, m.ID, def)
				}
			case differing[k][m.ID] != "":
				if !strings.Contains(def, differing[k][m.ID]) || !strings.Contains(def, m.Definition) {
					t.Errorf("Definition(%s, %s) = %q, want it to say %q and the site's rule", k, m.ID, def, differing[k][m.ID])
				}
			case def == "":
				t.Errorf("Definition(%s, %s) = \"\", but the report has no such figure", k, m.ID)
			}
		}
	}
}

// checkFile checks what every File read without error holds: figures in the catalogue's terms,
// eight-digit codes, levels, and no figures of a group not ours.
func checkFile(t *testing.T, f File) {
	t.Helper()
	if reportOf(f.Kind) == nil || f.Year < minYear || f.Year > maxYear || f.GroupName == "" {
		t.Errorf("got kind %q year %d group name %q", f.Kind, f.Year, f.GroupName)
	}
	if f.Group != "" && !slices.Contains([]string{metric.AllStudents, metric.EL, metric.FormerEL}, f.Group) {
		t.Errorf("got group %q", f.Group)
	}
	if f.Group == "" && len(f.Figures) > 0 {
		t.Errorf("got %d figures of a group not ours", len(f.Figures))
	}
	validOrg := func(code, level string) bool {
		return len(code) == 8 && allDigits(code) && (code == StateCode) == (level == LevelState) &&
			(level == LevelState || level == f.Level)
	}
	for _, o := range f.Orgs {
		if !validOrg(o.Code, o.Level) || o.Name == "" {
			t.Errorf("got org %+v", o)
		}
	}
	for _, g := range f.Figures {
		m, ok := metric.Lookup(g.Metric)
		if !ok {
			t.Errorf("got figure of unknown metric %q", g.Metric)
			continue
		}
		if _, ok := m.Categories.Rank(g.Category); (m.Categories != nil) != ok || (m.Categories == nil) != (g.Category == "") {
			t.Errorf("%s: got category %q, want one of %v", g.Metric, g.Category, m.Categories)
		}
		if !slices.Contains(m.Groups, g.Group) || g.Group != f.Group || g.Year != f.Year {
			t.Errorf("%s: got group %q year %d", g.Metric, g.Group, g.Year)
		}
		if g.Value < 0 || g.Value > 100 || g.Suppressed && g.Value != 0 || g.Denominator < 0 || !validOrg(g.OrgCode, g.OrgLevel) {
			t.Errorf("got figure %+v", g)
		}
	}
}

// TestFixturesKeepQuirks checks that the fixtures still have what they are there to test: a
// UTF-8 byte order mark, CRLF line ends, padded and quoted numbers (testdata/.gitattributes
// keeps git from rewriting them).
func TestFixturesKeepQuirks(t *testing.T) {
	names, err := filepath.Glob("testdata/*.csv")
	if err != nil || len(names) != 8 {
		t.Fatalf("got fixtures %q (%v), want 8", names, err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if !strings.HasPrefix(s, utf8BOM) || !strings.Contains(s, "\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
			t.Errorf("%s: lost its byte order mark or its CRLF line ends", name)
		}
	}
	plans, _ := os.ReadFile("testdata/plansofhsgrads_district_2017-18.csv")
	if !strings.Contains(string(plans), `,"  67,914"`) || !strings.Contains(string(plans), ",  25.2,") {
		t.Errorf("the Plans fixture lost its padded and quoted numbers")
	}
}

// TestDocs checks that docs/public-data.md names every report as the reports table does: its
// site.toml name, its page and the columns that recognise it.
func TestDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/public-data.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, r := range reports {
		for _, s := range []string{"(`" + string(r.kind) + "`)", "`" + strings.TrimPrefix(r.page, "statereport/") + "`"} {
			if !strings.Contains(doc, s) {
				t.Errorf("docs/public-data.md does not name %s as %s", r.kind, s)
			}
		}
		for _, col := range r.columns {
			if !strings.Contains(doc, "`"+col+"`") {
				t.Errorf("docs/public-data.md does not name the column %q of %s", col, r.kind)
			}
		}
	}
}

// TestConfigNamesEveryReport checks that site.toml's report names are exactly the reports read.
func TestConfigNamesEveryReport(t *testing.T) {
	var kinds []string
	for _, k := range Kinds() {
		kinds = append(kinds, string(k))
	}
	if !slices.Equal(kinds, config.PublicReports) {
		t.Errorf("config.PublicReports is %v, the reports read are %v", config.PublicReports, kinds)
	}
}

// TestAccessElementsSchool reads the ACCESS for ELLs Reporting Elements export at school level:
// each school's figures are of the school, the grade rows read as for a district, a "-" as a
// percentage DESE did not compute. No school-level copy of this export is stored publicly (nor
// a district one, see testdata/README.md); the header's first two columns are School Name and
// School Code as in DESE's other school-level exports, the rest as in the district layout, and
// the values are Methuen High's district-page figures.
func TestAccessElementsSchool(t *testing.T) {
	data := "2024 ACCESS for ELLs Reporting Elements (School),,,,,,,,,\n" +
		"School Name,School Code,Grade,Enrolled #,Part. Rate %,RE1 - Made Progress (All Students) #,RE1 - Made Progress (All Students) %,RE2 - Met Exit Criteria #,RE2 - Met Exit Criteria %\n" +
		"Methuen - Methuen High,01810505,HS,277,96,201,10,277,6\n" +
		"Methuen - Methuen High,01810505,ALL,277,96,201,10,277,6\n" +
		"Methuen - Tenney Grammar School,01810050,K-8,8,100,6,-,8,-\n" +
		"Methuen - Tenney Grammar School,01810050,ALL,8,100,6,-,8,-\n"
	f, err := Read(fstest.MapFS{"x.csv": {Data: []byte(data)}}, "x.csv", Hint{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != AccessElements || f.Year != 2024 || f.Level != LevelSchool {
		t.Errorf("got kind %q year %d level %q, want %q 2024 school", f.Kind, f.Year, f.Level, AccessElements)
	}
	for _, w := range []wantFig{
		{metric.MakingProgress, "", "01810505", 10, 201, false},
		{metric.MetExitCriteria, "", "01810505", 6, 277, false},
		{metric.ParticipationRate, "", "01810505", 96, 277, false},
		{metric.MakingProgress, "", "01810050", 0, 6, true},
		{metric.MetExitCriteria, "", "01810050", 0, 8, true},
	} {
		g := fig(f, w.id, w.category, w.org)
		if g == nil || g.Value != w.value || g.Denominator != w.denominator || g.Suppressed != w.suppressed || g.OrgLevel != LevelSchool {
			t.Errorf("%s of %s: got %+v, want %v of %d (suppressed %v) at school level", w.id, w.org, g, w.value, w.denominator, w.suppressed)
		}
	}
	checkFile(t, f)
}
