package compute

import (
	"cmp"
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

	r, err := FromPublic("1810000", files, nil) // without the leading zero, as a spreadsheet keeps it
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
		if !ok || f.Suppressed || f.Value != w.value || f.Denominator != w.denom || f.Numerator != 0 || f.Source != w.source || f.District != "01810000" {
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
	r, err = FromPublic("01810000", files, []int{2021})
	if err != nil || !slices.Equal(r.Years, []int{2021}) || len(r.Figures) != 3 {
		t.Errorf("years = [2021]: got years %v and %d figures (%v), want [2021] and 3", r.Years, len(r.Figures), err)
	}
	// A district in no report.
	if _, err := FromPublic("09990000", files, nil); err == nil || !strings.Contains(err.Error(), "district 09990000 is in none of the district-level reports") {
		t.Errorf("got error %v, want one saying the district is in none of the reports", err)
	}
}
