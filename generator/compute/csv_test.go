package compute

import (
	"io"
	"strings"
	"testing"
)

func TestWriteCSV(t *testing.T) {
	district := Figure{EntityType: EntityDistrict, EntityCode: "D1", About: &About{EntityName: "Harbor, City"}, District: "D1", Year: 2025, Metric: "making_progress", Group: GroupEL}
	school := Figure{EntityType: EntitySchool, EntityCode: "S1", About: &About{EntityName: `The "Quoted" School`}, District: "D1", Year: 2025, Metric: "making_progress_gap", Group: GroupFormerEL}
	with := func(f Figure, change func(*Figure)) Figure { change(&f); return f }
	figs := []Figure{
		with(district, func(f *Figure) { f.Metric, f.Kind, f.Numerator, f.Denominator, f.Value = "tested", Count, 12, 12, 12 }),
		with(district, func(f *Figure) {
			f.Metric, f.Kind, f.Numerator, f.Denominator, f.Value = "proficient", Share, 1, 3, 100.0/3
		}),
		with(district, func(f *Figure) { f.Metric, f.Kind, f.Denominator, f.Value = "sgpa_median", Median, 4, 47.5 }),
		with(district, func(f *Figure) {
			f.Metric, f.Category, f.Kind, f.Suppressed, f.SuppressedFor = "level_band", "1.0-1.9", Share, true, ForSize
		}),
		with(school, func(f *Figure) { f.Metric, f.Kind, f.Value, f.Wide = "graduation_rate_gap", Points, -25.5, true }),
		with(school, func(f *Figure) {
			f.Metric, f.Category, f.Kind, f.Suppressed, f.SuppressedFor = "mcas_meeting_gap", "Math", Points, true, ForComplement
		}),
		// A DESE figure (a site from public reports alone): DESE's value and denominator, no
		// numerator, and its source; one DESE left blank.
		with(district, func(f *Figure) {
			f.Metric, f.Kind, f.Denominator, f.Value, f.About = "any_college", Share, 3567, 70.9, &About{"Harbor, City", "DESE Plans of High School Graduates 2018 (plans.csv)"}
		}),
		with(district, func(f *Figure) {
			f.Metric, f.Kind, f.Suppressed, f.SuppressedFor, f.About = "work", Share, true, ForSource, &About{"Harbor, City", "DESE Plans of High School Graduates 2018 (plans.csv)"}
		}),
	}
	const want = `entity_type,entity_code,entity_name,year,topic,metric,group,category,numerator,denominator,value,suppressed,suppression,source
district,D1,"Harbor, City",2025,benchmarks,tested,EL,,12,12,12,false,,inputs
district,D1,"Harbor, City",2025,benchmarks,proficient,EL,,1,3,33.333333333333336,false,,inputs
district,D1,"Harbor, City",2025,benchmarks,sgpa_median,EL,,,4,47.5,false,,inputs
district,D1,"Harbor, City",2025,benchmarks,level_band,EL,1.0-1.9,,,,true,size,inputs
school,S1,"The ""Quoted"" School",2025,gaps,graduation_rate_gap,FormerEL,,,,-25.5,false,,inputs
school,S1,"The ""Quoted"" School",2025,gaps,mcas_meeting_gap,FormerEL,Math,,,,true,complementary,inputs
district,D1,"Harbor, City",2025,post_graduation,any_college,EL,,,3567,70.9,false,,DESE Plans of High School Graduates 2018 (plans.csv)
district,D1,"Harbor, City",2025,post_graduation,work,EL,,,,,true,source,DESE Plans of High School Graduates 2018 (plans.csv)
`
	var b strings.Builder
	if err := WriteCSV(&b, figs); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	b.Reset()
	if err := WriteCSV(&b, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), strings.SplitAfter(want, "\n")[0]; got != want {
		t.Errorf("no figures: got %q, want the header %q", got, want)
	}
}

func TestCSVText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Lincoln Elementary", "Lincoln Elementary"},
		{"", ""},
		{`=HYPERLINK("http://x.example","click")`, `'=HYPERLINK("http://x.example","click")`},
		{"+1+2", "'+1+2"},
		{"-cmd", "'-cmd"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"-12.5", "-12.5"}, // a number stays a number
		{"+3", "+3"},
		{"6+", "6+"}, // the years-in-program category
	} {
		if got := CSVText(tc.in); got != tc.want {
			t.Errorf("CSVText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// BenchmarkWriteCSV writes the download of 1,000 figures, a large table's.
func BenchmarkWriteCSV(b *testing.B) {
	figs := make([]Figure, 1000)
	for i := range figs {
		figs[i] = Figure{EntityType: EntitySchool, EntityCode: "01490005", About: &About{EntityName: "Bonsai Elementary School"},
			District: "01490000", Year: 2020 + i%5, Metric: "making_progress", Group: GroupEL,
			Kind: Share, Numerator: i, Denominator: 1000, Value: float64(i) / 10, Suppressed: i%7 == 0}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCSV(io.Discard, figs); err != nil {
			b.Fatal(err)
		}
	}
}
