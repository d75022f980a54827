package render

import (
	"strconv"
	"strings"
	"testing"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/metric"
)

// TestSortValues checks the number each kind of cell carries to sort by (Cell.Sort, written as
// data-sort): the value rounded as the cell shows it, as a plain decimal whatever the page's
// number format, and nothing for a cell that shows no number. The number read back from the
// cell's text, in the page's own digits and decimal sign, must be the same.
func TestSortValues(t *testing.T) {
	langs := []struct {
		lang config.Language
		// decimal is the decimal sign of the number format; digits its zero to nine.
		decimal string
		digits  string
	}{
		{config.Language{Code: "en", Name: "English", Dir: "ltr", NumberFormat: "en"}, ".", "0123456789"},
		// English words with a decimal comma and a space before the percent sign.
		{config.Language{Code: "en", Name: "English", Dir: "ltr", NumberFormat: "pt"}, ",", "0123456789"},
		{config.Language{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar"}, "٫", "٠١٢٣٤٥٦٧٨٩"},
	}
	cases := []struct {
		name   string
		metric metric.ID
		kind   compute.Kind
		value  float64
		want   string
	}{
		{"share", metric.MakingProgress, compute.Share, 65.44, "65.4"},
		{"share rounded up", metric.MakingProgress, compute.Share, 65.45, "65.5"},
		{"share of nearly nothing", metric.MakingProgress, compute.Share, 0.04, "0"},
		{"whole share", metric.MakingProgress, compute.Share, 23, "23"},
		{"count", metric.Tested, compute.Count, 982, "982"},
		{"count in thousands", metric.Tested, compute.Count, 12345, "12345"},
		{"whole median", metric.SGPAMedian, compute.Median, 52, "52"},
		{"median with a half", metric.SGPAMedian, compute.Median, 52.25, "52.3"},
	}
	for _, l := range langs {
		s := testSite(t)
		s.Config = testConfig(l.lang)
		if l.lang.Code != "en" {
			s.Config = testConfig(langs[0].lang, l.lang) // English is the default
		}
		r, err := newRun(s)
		if err != nil {
			t.Fatal(err)
		}
		pb := newPageBuilder(r, l.lang, l.lang.Code+"/index.html", "data/")
		for _, c := range cases {
			t.Run(l.lang.NumberFormat+"/"+c.name, func(t *testing.T) {
				tbl := pb.newTable("t", "T", "Row", "Value")
				f := &compute.Figure{Metric: c.metric, Kind: c.kind, Value: c.value, Group: "EL", Denominator: 200}
				cell := pb.cell(tbl, f)
				if cell.Sort != c.want {
					t.Errorf("%s %g: Sort %q, want %q", c.kind, c.value, cell.Sort, c.want)
				}
				// The number the text shows, read in the page's format, is the sort value.
				if got := readNumber(cell.Text, l.decimal, l.digits); got != c.want {
					t.Errorf("%s %g: the text %q reads as %q, the sort value is %q", c.kind, c.value, cell.Text, got, c.want)
				}
			})
		}
		t.Run(l.lang.NumberFormat+"/no number", func(t *testing.T) {
			tbl := pb.newTable("t", "T", "Row", "Value")
			hidden := &compute.Figure{Metric: metric.MakingProgress, Kind: compute.Share, Value: 50, Suppressed: true}
			complement := &compute.Figure{Metric: metric.MakingProgress, Kind: compute.Share, Value: 50, Suppressed: true,
				SuppressedFor: compute.ForComplement}
			for name, cell := range map[string]Cell{"suppressed": pb.cell(tbl, hidden),
				"complementary": pb.cell(tbl, complement), "no figure": pb.cell(tbl, nil)} {
				if cell.Sort != "" {
					t.Errorf("a %s cell has the sort value %q, want none (it sorts last)", name, cell.Sort)
				}
			}
		})
	}
}

// readNumber reads the (positive) number of a cell's text as a reader would: its digits and
// decimal sign, ignoring grouping, the percent sign and direction marks.
func readNumber(text, decimal, digits string) string {
	zero := []rune(digits)[0]
	var b strings.Builder
	for _, r := range text {
		switch {
		case string(r) == decimal:
			b.WriteByte('.')
		case r >= zero && r <= zero+9:
			b.WriteRune('0' + r - zero)
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return "unreadable: " + err.Error()
	}
	return sortKey(v)
}

// TestSortAttribute checks that a table writes each cell's sort value as data-sort, and none
// on the cells that show no number.
func TestSortAttribute(t *testing.T) {
	tbl := &Table{Cols: []string{"A", "B", "C", "D"}, SupMark: "*", SupText: "Fewer than 10", NoneText: "no figure"}
	tbl.Rows = []Row{{Head: "Row", Cells: []Cell{
		{Text: "65.4%", Of: "of 200", Num: true, Sort: "65.4"},
		{Text: "*", Sup: true, Num: true},
		{Text: noneMark, None: true, Num: true},
		{Text: "12.3 points lower", Num: true, Sort: "-12.3"},
	}}}
	tbl.finish()
	got := string(tbl.Rows[0].CellsHTML)
	for _, want := range []string{
		`<td class="num" data-label="A" data-sort="65.4">65.4% <span class="of">of 200</span></td>`,
		`<td class="num" data-label="B"><span class="mark" aria-hidden="true">*</span>`,
		`<td class="num" data-label="C"><span aria-hidden="true">–</span>`,
		`<td class="num" data-label="D" data-sort="-12.3">12.3 points lower</td>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the row's cells lack %s:\n%s", want, got)
		}
	}
}
