// Package e2e checks the built site in a real browser. It has no code of its own: its tests
// build the sample site (site.toml and data/ at the root of the module) once, serve it from a
// loopback server under a sub-path (/reports/district/) and open it from file://, and drive
// headless Chromium with chromedp through every page type (home, the four topics, a school,
// data, the guides index and a guide) in English, Spanish and Arabic.
//
// On each page they check that
//
//   - nothing is written to the console as an error, no script throws, no request fails or
//     answers 400 or more, and no request leaves the local server (or file://);
//   - every chart container holds a chart that ECharts drew (an SVG or a canvas) and has an
//     accessible label;
//   - axe-core (testdata/axe-core, pinned) finds no WCAG 2.0/2.1 A or AA violation;
//   - at 375 CSS pixels wide (a phone) nothing is wider than the screen, except inside a
//     scroll region made for it, which must fit itself, and no two texts of a chart (names,
//     values, legend) overlap;
//   - at 1024 and 1280 CSS pixels wide (laptops) no table is wider than its place, so none
//     scrolls sideways or hides a column, and no two texts of a chart overlap (over http;
//     from file:// at 1280 only);
//   - laid out for print at the width of a US Letter sheet (print media emulated), the
//     navigation, language switcher and skip link are not shown; headings keep with what
//     follows; each chart is whole, drawn again at the printed size (its drawing within its
//     box, clear of the table below) with no overlapping texts; table rows do not break and
//     the header row repeats; nothing is wider than the sheet;
//   - every link, stylesheet and script points at a file of the built site;
//   - every table of two rows or more has a sort button in each column header
//     (static/sort.js), and a column of numbers sorts as numbers: a click sorts it ascending,
//     Enter on the focused header descending, the header's aria-sort says so, cells without a
//     number come last and the district's row stays on top (axe-core runs after sorting).
//
// TestDarkMode runs the same checks, but print, on the home page, a topic, a school and the
// plan in English and Arabic, 404.html and the language chooser, with the system in dark mode
// (prefers-color-scheme: dark): the page has the dark background, each chart is drawn with its
// dark palette, every chart text has 4.5:1 contrast with the page, and when the system turns
// light the page and its charts are drawn again in their light colours. TestThemedDarkMode does
// the same on a site with [theme] colours (and its 404.html), whose colours must stay with the
// light page.
//
// The sample is also built with a [theme] (colours near the edge of the contrast site.toml
// accepts, and a logo) and a custom.css, and its home and school pages in English and Arabic,
// and its language chooser, get the same checks over http, axe-core's contrast rules
// included, and a check that the theme's colours, logo and custom.css are in effect.
//
// TestPrintPDF prints a school page (in English and Arabic) and two topic pages to PDF with
// Chromium's own printing (page.PrintToPDF, US Letter) and checks the sheets, rendered with
// pdftoppm: the page's title at the head of each (pdftotext reads it) and its number at the
// foot, no sheet but the last less than a third full, the last not empty, and no more sheets
// than the page's printed height needs and a quarter more, nor fewer than four fifths of them
// (the browser shrinks a page with something wider than the sheet). Without pdftoppm it checks
// only the number of sheets, or fails with ELREPORT_REQUIRE_BROWSER=1.
//
// Over file:// they run the same checks except axe-core and print, which depend only on the
// page and run over http (axe-core cannot read stylesheets from file://). TestChecksFindProblems
// runs the checks on a page with known faults, to prove that each check can fail.
//
// They also save full-page screenshots of the English and Arabic home pages, a school page and
// the plan, at a phone's width and at a laptop's, in light colours and dark
// (<lang>-<page>-<phone|desktop>[-dark].png), and the PDFs TestPrintPDF prints with their
// sheets side by side as one image (<lang>-<page>.pdf, <lang>-<page>-print.png), into
// $ELREPORT_ARTIFACTS, or os.TempDir()/elreport-artifacts, and log their paths.
//
// The browser is $ELREPORT_CHROMIUM, or chromium (or chromium-browser) on PATH. Without one,
// the tests skip and say how to install it (apt-get install chromium); with
// ELREPORT_REQUIRE_BROWSER=1 (as in CI, see .ci/run) a missing browser fails them instead.
//
//	go test ./e2e/ -v -count=1
package e2e
