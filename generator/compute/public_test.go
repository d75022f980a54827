package compute

import (
	"cmp"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/metric"
	"elreport/generator/public"
)

// publicFixtures reads the real exports of generator/public/testdata, with what site.toml
// would say of the two without a title row.
func publicFixtures(t *testing.T) []public.File {
	t.Helper()
	files, err := public.ReadDir(os.DirFS("../public/testdata"), ".", map[string]public.Hint{
		"gradrates_4yr_district_2021_notitle.csv": {Kind: public.Graduation4, Year: 2021, Group: "All Students"},
		"dropout_district_notitle.csv":            {Year: 2021, Group: "All Students"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFromPublic makes the Result of a site from public reports alone for Methuen (01810000),
// which the real fixtures give in three reports, and for a made-up school-level plans export
// of its schools.
func TestFromPublic(t *testing.T) {
	// Methuen's school rows are made up (codes and values): no school-level export is at hand.
	schools := "2017-18 Plans of High School Graduates Report (School) ,,,,,,,,,,,,,,\n" +
		"District Name,District Code,School Name,School Code,4 Year Private College,4 Year Public College,2 Year Private College,2 Year Public College,Other Post Secondary,Apprenticeship,Work,Military,Other,Unknown,Total Count\n" +
		"Methuen,01810000,Methuen High,01810505,  22.0,  24.4,   0.4,  30.3,   3.4,   0.0,   7.6,   2.0,   0.2,   9.6,     446\n" +
		"Methuen,01810000,Tiny School,01810900,,,,,,,,,,,       3\n" +
		"Lowell,01600000,Lowell High,01600505,  15.5,  34.6,   0.1,  29.6,   1.4,   0.1,   5.8,   2.8,   4.4,   5.4,     702\n"
	sf, err := public.Read(fstest.MapFS{"s.csv": {Data: []byte(schools)}}, "s.csv", public.Hint{})
	if err != nil {
		t.Fatal(err)
	}
	files := append(publicFixtures(t), sf)

	r, err := FromPublic([]string{"1810000"}, files, nil) // without the leading zero, as a spreadsheet keeps it
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Districts) != 1 || r.Districts[0].Code != "01810000" || r.Districts[0].Name != "Methuen" {
		t.Fatalf("got districts %+v, want Methuen", r.Districts)
	}
	if got := r.Districts[0].Schools; len(got) != 2 || got[0].Code != "01810505" || got[1].Name != "Tiny School" {
		t.Errorf("got schools %+v, want Methuen High and Tiny School (not Lowell High)", got)
	}
	if want := []int{2018, 2021, 2024}; !slices.Equal(r.Years, want) {
		t.Errorf("got years %v, want %v", r.Years, want)
	}
	for _, w := range []struct {
		typ, code string
		year      int
		id        metric.ID
		group     string
		value     float64
		denom     int
		source    string
	}{
		{EntityDistrict, "01810000", 2018, metric.AnyCollege, GroupAll, 77.1, 446, "DESE Plans of High School Graduates 2018 (plansofhsgrads_district_2017-18.csv)"},
		{EntityDistrict, "01810000", 2021, metric.GraduationRate, GroupAll, 91.0, 489, "DESE Graduation Rates (4-year) 2021 (gradrates_4yr_district_2021_notitle.csv)"},
		{EntityDistrict, "01810000", 2021, metric.AnnualDropoutRate, GroupAll, 0.8, 1906, "DESE Dropout Report 2021 (dropout_district_notitle.csv)"},
		{EntityDistrict, "01810000", 2024, metric.MakingProgress, GroupEL, 35, 899, "DESE ACCESS for ELLs Reporting Elements 2024 (accessreportingelements_district_2024.csv)"},
		{EntitySchool, "01810505", 2018, metric.FourYearCollege, GroupAll, 46.4, 446, "DESE Plans of High School Graduates 2018 (s.csv)"},
	} {
		f, ok := r.Lookup(w.typ, w.code, w.year, w.id, w.group, "")
		if !ok || f.Suppressed || f.Value != w.value || f.Denominator != w.denom || f.Numerator != 0 || f.Source() != w.source || f.District != "01810000" {
			t.Errorf("%s %s %d %s %s: got %+v (found %v), want %v of %d from %q", w.typ, w.code, w.year, w.id, w.group, f, ok, w.value, w.denom, w.source)
		}
	}
	// DESE left Tiny School's percentages blank: suppressed by the source, not again by size.
	if f, ok := r.Lookup(EntitySchool, "01810900", 2018, metric.AnyCollege, GroupAll, ""); !ok || !f.Suppressed || f.SuppressedFor != ForSource || f.Value != 0 || f.Denominator != 0 {
		t.Errorf("Tiny School's any_college: got %+v (found %v), want suppressed for the source", f, ok)
	}
	// No other district's figures, no state's.
	for _, f := range r.Figures {
		if f.District != "01810000" || f.EntityCode == "00000000" || f.EntityCode == "01600000" || f.EntityCode == "01600505" {
			t.Errorf("got a figure of %s %s", f.EntityType, f.EntityCode)
		}
	}
	// metrics.csv order: the district before its schools, then year and the catalogue's order.
	school := func(f Figure) int {
		if f.EntityType == EntitySchool {
			return 1
		}
		return 0
	}
	if !slices.IsSortedFunc(r.Figures, func(a, b Figure) int {
		return cmp.Or(cmp.Compare(school(a), school(b)), strings.Compare(a.EntityCode, b.EntityCode),
			cmp.Compare(a.Year, b.Year), cmp.Compare(metric.Rank(a.Metric), metric.Rank(b.Metric)))
	}) {
		t.Error("the figures are not in the order of metrics.csv")
	}

	// site.toml's years keep only those.
	r, err = FromPublic([]string{"01810000"}, files, []int{2021})
	if err != nil || !slices.Equal(r.Years, []int{2021}) || len(r.Figures) != 3 {
		t.Errorf("years = [2021]: got years %v and %d figures (%v), want [2021] and 3", r.Years, len(r.Figures), err)
	}
	// A district in no report.
	if _, err := FromPublic([]string{"09990000"}, files, nil); err == nil || !strings.Contains(err.Error(), "no district-level report has district 09990000") {
		t.Errorf("got error %v, want one saying the district is in none of the reports", err)
	}
}

// TestFromPublicDistricts makes the Result of a site from public reports alone for three real
// districts of the fixtures (Rockland, Methuen and Abington, listed out of order and one
// without its leading zero), and for every district of the fixtures (district = "all"). Every
// expected figure is read off the fixture's row, as the comments say.
func TestFromPublicDistricts(t *testing.T) {
	// Schools of Methuen and Rockland, made up (codes and values): no school-level export is
	// at hand. Each goes to the district of its first four digits; Lowell's to none.
	schools := "2017-18 Plans of High School Graduates Report (School) ,,,,,,,,,,,,,,\n" +
		"District Name,District Code,School Name,School Code,4 Year Private College,4 Year Public College,2 Year Private College,2 Year Public College,Other Post Secondary,Apprenticeship,Work,Military,Other,Unknown,Total Count\n" +
		"Methuen,01810000,Methuen High,01810505,  22.0,  24.4,   0.4,  30.3,   3.4,   0.0,   7.6,   2.0,   0.2,   9.6,     446\n" +
		"Rockland,02510000,Rockland Senior High,02510505,  26.1,  40.3,   0.7,  13.4,   3.7,   2.2,   6.7,   2.2,   2.2,   2.2,     134\n" +
		"Lowell,01600000,Lowell High,01600505,  15.5,  34.6,   0.1,  29.6,   1.4,   0.1,   5.8,   2.8,   4.4,   5.4,     702\n"
	sf, err := public.Read(fstest.MapFS{"s.csv": {Data: []byte(schools)}}, "s.csv", public.Hint{})
	if err != nil {
		t.Fatal(err)
	}
	files := append(publicFixtures(t), sf)

	r, err := FromPublic([]string{"02510000", "1810000", "00010000"}, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range r.Districts {
		got = append(got, d.Code+" "+d.Name)
		for _, s := range d.Schools {
			got = append(got, "  "+s.Code+" "+s.Name+" of "+s.DistrictCode)
		}
	}
	want := []string{"00010000 Abington", "01810000 Methuen", "  01810505 Methuen High of 01810000",
		"02510000 Rockland", "  02510505 Rockland Senior High of 02510000"}
	if !slices.Equal(got, want) {
		t.Errorf("got districts and schools\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The years of every report: plans 2017-18, graduation and dropout 2021 (site.toml's),
	// MCAS 2023 (Abington's), ACCESS 2024 (Methuen's and Rockland's).
	if want := []int{2018, 2021, 2023, 2024}; !slices.Equal(r.Years, want) {
		t.Errorf("got years %v, want %v", r.Years, want)
	}
	const (
		plans  = "DESE Plans of High School Graduates 2018 (plansofhsgrads_district_2017-18.csv)"
		grad   = "DESE Graduation Rates (4-year) 2021 (gradrates_4yr_district_2021_notitle.csv)"
		drop   = "DESE Dropout Report 2021 (dropout_district_notitle.csv)"
		mcas   = "DESE Next Generation MCAS Achievement Results 2023 (mcas_nextgen_district_2023.csv)"
		access = "DESE ACCESS for ELLs Reporting Elements 2024 (accessreportingelements_district_2024.csv)"
	)
	for _, w := range []struct {
		typ, code, district string
		year                int
		id                  metric.ID
		group, category     string
		value               float64
		denom               int
		source              string
	}{
		// Abington,00010000,  25.2,  39.8,   0.0,  12.2, ...,     123: the four college
		// columns add up to 77.2, the two four-year ones to 65.0.
		{EntityDistrict, "00010000", "00010000", 2018, metric.AnyCollege, GroupAll, "", 77.2, 123, plans},
		{EntityDistrict, "00010000", "00010000", 2018, metric.FourYearCollege, GroupAll, "", 65.0, 123, plans},
		// Abington,00010000,       163,    93.3, ...,     3.7,     0.0
		{EntityDistrict, "00010000", "00010000", 2021, metric.GraduationRate, GroupAll, "", 93.3, 163, grad},
		{EntityDistrict, "00010000", "00010000", 2021, metric.CohortDropoutRate, GroupAll, "", 3.7, 163, grad},
		// Abington,00010000,     611,       8,   1.3, ...
		{EntityDistrict, "00010000", "00010000", 2021, metric.AnnualDropoutRate, GroupAll, "", 1.3, 611, drop},
		// Abington,00010000,ELA,         467,48, ...,         976,99, ...: M+E % of the students included.
		{EntityDistrict, "00010000", "00010000", 2023, metric.MCASMeeting, GroupAll, "ELA", 48, 976, mcas},
		// Methuen,01810000,ALL,"1,247",99,899,35, ...: RE1 % of its students included.
		{EntityDistrict, "01810000", "01810000", 2024, metric.MakingProgress, GroupEL, "", 35, 899, access},
		// Methuen,01810000,       489,    91.0, ...
		{EntityDistrict, "01810000", "01810000", 2021, metric.GraduationRate, GroupAll, "", 91.0, 489, grad},
		// Rockland,02510000,ALL,262,100,194,34,40,15,262,6, ...: RE1 34% of 194, RE2 6% of
		// 262, participation 100% of the 262 enrolled.
		{EntityDistrict, "02510000", "02510000", 2024, metric.MakingProgress, GroupEL, "", 34, 194, access},
		{EntityDistrict, "02510000", "02510000", 2024, metric.MetExitCriteria, GroupEL, "", 6, 262, access},
		{EntityDistrict, "02510000", "02510000", 2024, metric.ParticipationRate, GroupEL, "", 100, 262, access},
		// Rockland,02510000,  26.1,  40.3,   0.7,  13.4, ...,     134: 26.1+40.3+0.7+13.4 = 80.5.
		{EntityDistrict, "02510000", "02510000", 2018, metric.AnyCollege, GroupAll, "", 80.5, 134, plans},
		// Rockland,02510000,       137,    90.5, ...; Rockland,02510000,     565,      11,   1.9, ...
		{EntityDistrict, "02510000", "02510000", 2021, metric.GraduationRate, GroupAll, "", 90.5, 137, grad},
		{EntityDistrict, "02510000", "02510000", 2021, metric.AnnualDropoutRate, GroupAll, "", 1.9, 565, drop},
		// The made-up school row: 26.1 + 40.3 = 66.4 to four-year colleges, of Rockland.
		{EntitySchool, "02510505", "02510000", 2018, metric.FourYearCollege, GroupAll, "", 66.4, 134, "DESE Plans of High School Graduates 2018 (s.csv)"},
	} {
		f, ok := r.Lookup(w.typ, w.code, w.year, w.id, w.group, w.category)
		if !ok || f.Suppressed || f.Value != w.value || f.Denominator != w.denom || f.Numerator != 0 || f.Source() != w.source || f.District != w.district {
			t.Errorf("%s %s %d %s %s %s: got %+v (found %v), want %v of %d from %q in %s", w.typ, w.code, w.year, w.id, w.group, w.category, f, ok, w.value, w.denom, w.source, w.district)
		}
	}
	// Each district has 21 figures: 15 of the plans (ten plan shares, any_college,
	// four_year_college, work, military, unknown), 2 of the graduation rates, 1 of the dropout
	// report, and 3 of MCAS (Abington: ELA, Math, Science) or of ACCESS (the others); the
	// schools 15 each, of the plans. Nothing of Lowell, of Lowell High or of the state.
	count := map[string]int{}
	for _, f := range r.Figures {
		count[f.EntityCode]++
		if f.District != "00010000" && f.District != "01810000" && f.District != "02510000" {
			t.Errorf("got a figure of %s %s of district %s", f.EntityType, f.EntityCode, f.District)
		}
	}
	if want := map[string]int{"00010000": 21, "01810000": 21, "02510000": 21, "01810505": 15, "02510505": 15}; !maps.Equal(count, want) {
		t.Errorf("got figures per organisation %v, want %v", count, want)
	}

	// Every district of the fixtures: the district codes of the plans (302), graduation
	// (304), dropout (309), MCAS (2) and ACCESS (3) files together are 316, each with a figure;
	// Amherst (00080000), only in the enrollment export, has none and is left out, and the
	// state's row is never a district.
	all, err := FromPublic(nil, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Districts) != 316 {
		t.Errorf("every district: got %d districts, want 316", len(all.Districts))
	}
	for i, d := range all.Districts {
		if d.Code == "00000000" || d.Code == "00080000" || i > 0 && all.Districts[i-1].Code >= d.Code {
			t.Errorf("every district: got %s %q at %d (the districts are in the order of their codes, without the state or Amherst)", d.Code, d.Name, i)
		}
	}
	// The state's own site has a figure of the state nowhere.
	for _, f := range all.Figures {
		if f.EntityCode == "00000000" {
			t.Fatalf("every district: got a figure of the state: %+v", f)
		}
	}

	// Codes that are no district of the reports: a digit swapped names the district it is
	// near; a school's code names its district; a code near none names some districts.
	for _, c := range []struct{ code, want string }{
		{"01801000", `no district-level report has district 01801000; did you mean 01810000 "Methuen"?`},
		{"2510505", `no district-level report has district 02510505: it is the code of the school "Rockland Senior High" of 02510000 "Rockland", not of a district`},
		{"99990000", `no district-level report has district 99990000; the reports have 317 districts: 00010000 "Abington", 00030000 "Acushnet", 00050000 "Agawam", 00070000 "Amesbury", 00080000 "Amherst", and 312 more`},
	} {
		_, err := FromPublic([]string{"01810000", c.code}, files, nil)
		if err == nil || err.Error() != c.want {
			t.Errorf("district %s: got error %v, want %q", c.code, err, c.want)
		}
	}
}
