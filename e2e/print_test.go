package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
)

// The printed sheet: US Letter, with the margins of the @page rule of static/style.css
// (1.8 cm at the top, 1.5 cm at the sides, 1.6 cm at the bottom), in CSS pixels (96 to the
// inch).
const (
	paperW, paperH = 8.5 * 96, 11 * 96
	marginTop      = 1.8 / 2.54 * 96
	marginSide     = 1.5 / 2.54 * 96
	marginBottom   = 1.6 / 2.54 * 96
	// printW is the width of a sheet's content (paperW - 2*marginSide, 702.6 px, rounded), at
	// which the checks lay a page out for print.
	printW int64 = 703
)

// rasterDPI is the resolution at which TestPrintPDF renders the printed pages.
const rasterDPI = 50

// printed are the pages TestPrintPDF prints: a school page (the long report the issue was
// about) in English and in Arabic, and two topic pages.
var printed = []struct{ lang, page string }{
	{"en", "school-"}, {"ar", "school-"}, {"en", "gaps"}, {"es", "benchmarks"},
}

// TestPrintPDF prints pages to PDF as the browser's print would (US Letter) and checks the
// result: each sheet has the page's title at its head and its number at its foot, no sheet
// but the last is less than a third full (a near-empty sheet is what a block that cannot
// break leaves behind it), the last is not empty, and there are not many more sheets than
// the page's printed height needs, nor many fewer (the browser shrinks a page that has
// something wider than the sheet). It saves each PDF, and its sheets side by side as one
// PNG, into the artifacts folder (<lang>-<page>.pdf, <lang>-<page>-print.png). The sheets
// are rendered with pdftoppm (poppler-utils); without it only the number of sheets is
// checked, or with ELREPORT_REQUIRE_BROWSER=1 the test fails.
func TestPrintPDF(t *testing.T) {
	e := suite(t)
	raster, err := exec.LookPath("pdftoppm")
	if err != nil {
		const how = "pdftoppm not found: install poppler-utils (apt-get install poppler-utils) to check the printed sheets"
		if required() {
			t.Fatalf("%s; %s=%s says the browser tests must run whole", how, envRequire, os.Getenv(envRequire))
		}
		t.Log(how + "; only the number of sheets is checked")
		raster = ""
	}
	for _, pr := range printed {
		i := slices.IndexFunc(e.pages, func(p page) bool { return strings.HasPrefix(p.name, pr.page) })
		if i < 0 {
			t.Fatalf("no page type %q to print", pr.page)
		}
		p := e.pages[i]
		t.Run(pr.lang+"/"+p.name, func(t *testing.T) {
			t.Parallel()
			printPDF(t, e, check{env: e, base: e.httpBase, lang: pr.lang, page: p}, raster)
		})
	}
}

// printPDF prints the page of c to PDF and checks the sheets (see TestPrintPDF); raster is
// pdftoppm, or "".
func printPDF(t *testing.T, e *env, c check, raster string) {
	ctx, done := openTab(e)
	defer done()
	if err := chromedp.Do(ctx, chromedp.Navigate(c.url())); err != nil {
		t.Fatalf("%s: %v", c.url(), err)
	}
	c.checkCharts(t, ctx)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter)))
	if err != nil {
		t.Fatalf("%s: printing to PDF: %v", c.url(), err)
	}
	name := filepath.Join(e.shots, fmt.Sprintf("%s-%s", c.lang, c.page.name))
	if err := os.WriteFile(name+".pdf", pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// The page's height laid out for print, to bound the number of sheets.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(printW, desktopH), emulatePrint(), settle()); err != nil {
		t.Fatalf("%s: print media: %v", c.url(), err)
	}
	doc := eval[struct {
		Height     float64
		Title, Dir string
	}](t, ctx, "printed height", `({height: document.documentElement.getBoundingClientRect().height, title: document.title, dir: document.dir})`)

	sheets := pdfPages(pdf)
	content := paperH - marginTop - marginBottom
	need := int(math.Ceil(doc.Height / content))
	if allowed := need + max(1, need/4); sheets > allowed {
		t.Errorf("%s printed on %d sheets; its printed height (%.0f px, %d sheets of %.0f px) allows %d",
			c.url(), sheets, doc.Height, need, content, allowed)
	}
	if 5*sheets < 4*need {
		t.Errorf("%s printed on %d sheets, fewer than its printed height needs (%d): the browser shrank the page, to fit something wider than the sheet",
			c.url(), sheets, need)
	}
	if raster == "" {
		t.Logf("printed %s: %d sheets (%d by its height), %s.pdf", c.url(), sheets, need, name)
		return
	}
	pages := rasterise(t, raster, name+".pdf")
	if len(pages) != sheets {
		t.Fatalf("pdftoppm rendered %d sheets of %s.pdf, which has %d", len(pages), name, sheets)
	}
	var fills []string
	for i, im := range pages {
		s := inspectSheet(im)
		fills = append(fills, fmt.Sprintf("%.0f%%", 100*s.fill))
		last := i == len(pages)-1
		switch {
		case !last && s.fill < 1.0/3:
			t.Errorf("%s, sheet %d of %d is near-empty: its content ends %.0f%% of the way down", c.url(), i+1, len(pages), 100*s.fill)
		case last && s.fill == 0:
			t.Errorf("%s, sheet %d of %d, the last, is empty", c.url(), i+1, len(pages))
		}
		if !s.head || !s.foot {
			t.Errorf("%s, sheet %d: no running title at its head (%v) or no number at its foot (%v)", c.url(), i+1, s.head, s.foot)
		}
	}
	checkSheetTexts(t, c.url(), name+".pdf", doc.Title, doc.Dir == "rtl", sheets)
	sheet := contactSheet(pages)
	var buf bytes.Buffer
	if err := png.Encode(&buf, sheet); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name+"-print.png", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("printed %s: %d sheets (%d by its height), filled %s; %s.pdf, %s-print.png",
		c.url(), sheets, need, strings.Join(fills, " "), name, name)
}

// pdfPageRe matches a page object of a PDF (not the /Pages tree).
var pdfPageRe = regexp.MustCompile(`/Type\s*/Page[^s]`)

// pdfPages returns the number of pages of a PDF written by Chromium (its page objects are
// not compressed).
func pdfPages(pdf []byte) int { return len(pdfPageRe.FindAll(pdf, -1)) }

// rasterise renders the pages of a PDF with pdftoppm at rasterDPI and returns them in order.
func rasterise(t *testing.T, pdftoppm, pdf string) []image.Image {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command(pdftoppm, "-r", fmt.Sprint(rasterDPI), "-png", pdf, filepath.Join(dir, "sheet")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", pdf, err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "sheet-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names) // pdftoppm pads the numbers to the same width
	var pages []image.Image
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		im, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		pages = append(pages, im)
	}
	return pages
}

// sheet is what inspectSheet finds on a printed sheet.
type sheet struct {
	// fill is how far down the content area the content reaches, 0 (empty) to 1.
	fill float64
	// head and foot say whether the top and the bottom margins have anything printed in
	// them (the running title and the sheet's number).
	head, foot bool
}

// inspectSheet finds the ink (pixels darker than a light grey) on a sheet rendered at
// rasterDPI: in the content area, how far down it reaches; in the margins, whether any.
func inspectSheet(im image.Image) sheet {
	b := im.Bounds()
	scale := float64(b.Dy()) / paperH
	top := int(marginTop * scale)
	bottom := b.Dy() - int(marginBottom*scale)
	ink := func(y int) bool {
		for x := b.Min.X; x < b.Max.X; x++ {
			if g := color.GrayModel.Convert(im.At(x, b.Min.Y+y)).(color.Gray); g.Y < 200 {
				return true
			}
		}
		return false
	}
	var s sheet
	for y := 0; y < top && !s.head; y++ {
		s.head = ink(y)
	}
	for y := bottom; y < b.Dy() && !s.foot; y++ {
		s.foot = ink(y)
	}
	for y := bottom - 1; y >= top; y-- {
		if ink(y) {
			s.fill = float64(y-top+1) / float64(bottom-top)
			break
		}
	}
	return s
}

// checkSheetTexts checks, with pdftotext (poppler-utils, beside pdftoppm), that each sheet
// starts with the page's title and ends with its number ("3 / 7"). pdftotext gives a
// right-to-left page's lines in the order they are drawn, its Arabic letters as they are
// shaped: there, only the number is checked, in either order.
func checkSheetTexts(t *testing.T, url, pdf, title string, rtl bool, sheets int) {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Errorf("pdftotext not found beside pdftoppm (poppler-utils): %v", err)
		return
	}
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	texts := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	if len(texts) != sheets {
		t.Fatalf("pdftotext found %d sheets in %s, which has %d", len(texts), pdf, sheets)
	}
	// squeeze drops the spaces and the bidirectional controls pdftotext writes.
	squeeze := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || unicode.Is(unicode.Bidi_Control, r) {
				return -1
			}
			return r
		}, s)
	}
	for i, text := range texts {
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			t.Errorf("%s, sheet %d: no text", url, i+1)
			continue
		}
		first, last := lines[0], lines[len(lines)-1]
		if !rtl && squeeze(first) != squeeze(title) {
			t.Errorf("%s, sheet %d: its first line is %q, want the page's title %q", url, i+1, strings.TrimSpace(first), title)
		}
		number, reversed := fmt.Sprintf("%d/%d", i+1, sheets), fmt.Sprintf("%d/%d", sheets, i+1)
		if got := squeeze(last); got != number && !(rtl && got == reversed) {
			t.Errorf("%s, sheet %d: its last line is %q, want its number %q", url, i+1, strings.TrimSpace(last), number)
		}
	}
}

// contactSheet sets the sheets side by side, five to a row, on grey.
func contactSheet(pages []image.Image) image.Image {
	const perRow, gap = 5, 12
	w, h := pages[0].Bounds().Dx(), pages[0].Bounds().Dy()
	cols := min(perRow, len(pages))
	rows := (len(pages) + perRow - 1) / perRow
	out := image.NewRGBA(image.Rect(0, 0, cols*(w+gap)+gap, rows*(h+gap)+gap))
	draw.Draw(out, out.Bounds(), &image.Uniform{color.Gray{Y: 160}}, image.Point{}, draw.Src)
	for i, p := range pages {
		at := image.Pt(gap+(i%perRow)*(w+gap), gap+(i/perRow)*(h+gap))
		draw.Draw(out, p.Bounds().Sub(p.Bounds().Min).Add(at), p, p.Bounds().Min, draw.Src)
	}
	return out
}

// TestInspectSheet checks what inspectSheet finds on sheets drawn here: a running title and
// a number in the margins, and content reaching a fifth or all of the way down.
func TestInspectSheet(t *testing.T) {
	const dpi = rasterDPI
	w, h := int(8.5*dpi), 11*dpi
	px := func(css float64) int { return int(css * dpi / 96) }
	sheetWith := func(head, foot bool, fill float64) image.Image {
		im := image.NewGray(image.Rect(0, 0, w, h))
		draw.Draw(im, im.Bounds(), image.White, image.Point{}, draw.Src)
		line := func(y int) {
			for x := w / 4; x < 3*w/4; x++ {
				im.SetGray(x, y, color.Gray{Y: 0})
			}
		}
		if head {
			line(px(marginTop) / 2)
		}
		if foot {
			line(h - px(marginBottom)/2)
		}
		top, bottom := px(marginTop)+1, h-px(marginBottom)-1
		for y := top; fill > 0 && y <= top+int(fill*float64(bottom-top)); y += 4 {
			line(y)
		}
		return im
	}
	for _, tc := range []struct {
		head, foot bool
		fill       float64
	}{{true, true, 0.2}, {true, false, 1}, {false, true, 0}} {
		s := inspectSheet(sheetWith(tc.head, tc.foot, tc.fill))
		if s.head != tc.head || s.foot != tc.foot || math.Abs(s.fill-tc.fill) > 0.02 {
			t.Errorf("a sheet with head %v, foot %v, content %.0f%% down: got head %v, foot %v, %.0f%%",
				tc.head, tc.foot, 100*tc.fill, s.head, s.foot, 100*s.fill)
		}
	}
	if n := pdfPages([]byte("<< /Type /Pages /Count 2 >> << /Type /Page /Parent 1 0 R >> <</Type/Page/Parent 1 0 R>>")); n != 2 {
		t.Errorf("pdfPages counts %d pages, want 2", n)
	}
}
