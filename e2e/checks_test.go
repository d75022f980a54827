package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// tabs limits the pages open at once, whatever -parallel says: each tab costs a renderer.
var tabs = make(chan struct{}, 3)

// check is the run of every check on one page.
type check struct {
	env   *env
	base  string // http or file URL of the site root, ending in "/"
	lang  string // language folder; "" for the pages at the root of the site
	page  page
	axe   bool // run axe-core
	print bool // check the print styles
	shots bool // save screenshots
	// laptops checks the layout at every width of laptopWidths; otherwise at desktopW only.
	laptops bool
	// dark emulates a system in dark mode (prefers-color-scheme: dark): the page and its
	// charts must be dark, and its charts drawn again light when the system turns light.
	dark bool
}

// tb is the part of testing.TB the checks use; TestChecksFindProblems gives them a fake that
// records instead of failing.
type tb interface {
	Helper()
	Log(args ...any)
	Logf(format string, args ...any)
	Error(args ...any)
	Errorf(format string, args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// url is the address of the page.
func (c check) url() string {
	if c.lang == "" {
		return c.base + c.page.path
	}
	return c.base + c.lang + "/" + c.page.path
}

// run opens the page in a new tab of the shared browser and checks it: first at a phone's
// width, then at a laptop's, then for print. The browser's own reports (console, exceptions,
// requests) are checked last, so that they cover everything the page did meanwhile.
func (c check) run(t tb) {
	tabs <- struct{}{}
	defer func() { <-tabs }()
	tab, cancel := chromedp.NewContext(c.env.browser)
	defer cancel()
	rec := &recorder{allowed: c.allowedRequest, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(tab, rec.event); err != nil { // opens the tab
		t.Fatal(err)
	}
	ctx, stop := context.WithTimeout(tab, pageTimeout)
	defer stop()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			rec.report(t)
			t.Fatalf("%s: %s: %v", c.url(), what, err)
		}
	}

	if c.dark {
		do("dark scheme", emulateScheme("dark"))
	}
	do("phone viewport", chromedp.EmulateViewport(phoneW, phoneH, phone...))
	do("load", chromedp.Navigate(c.url()))
	c.checkDocument(t, ctx)
	charts := c.checkCharts(t, ctx)
	if c.dark {
		c.checkScheme(t, ctx, "dark")
	}
	c.checkPhone(t, ctx)
	if c.shots {
		c.screenshot(t, ctx, c.shotName("phone"), phoneW, phoneH, phone...)
	}

	widths := []int64{desktopW}
	if c.laptops {
		widths = laptopWidths
	}
	for _, w := range widths {
		do(fmt.Sprintf("laptop viewport, %d px", w), chromedp.EmulateViewport(w, desktopH), settle())
		c.checkCharts(t, ctx) // redrawn at the new width
		c.checkLaptop(t, ctx, w)
	}
	if widths[len(widths)-1] != desktopW {
		do("laptop viewport", chromedp.EmulateViewport(desktopW, desktopH), settle())
	}
	if c.shots {
		c.screenshot(t, ctx, c.shotName("desktop"), desktopW, desktopH)
	}
	sorted := c.checkSort(t, ctx, do)
	links := c.checkLinks(t, ctx)
	rules := "not run"
	if c.axe {
		rules = c.checkAxe(t, ctx) // after sorting: the headers have their buttons and aria-sort
	}
	scheme := "light"
	if c.dark {
		scheme = "dark, then light"
		do("light scheme", emulateScheme("light"), settle())
		c.checkCharts(t, ctx)
		c.checkScheme(t, ctx, "light")
	}
	pairs := "not checked"
	if c.print {
		do("print media", chromedp.EmulateViewport(printW, desktopH), emulatePrint(), settle())
		pairs = fmt.Sprintf("%d charts at %d px", c.checkPrint(t, ctx), printW)
	}
	requests := rec.report(t)
	t.Logf("%s (%s): %d charts drawn, %d requests, %d links; sorting: %s; axe-core: %s; print: %s",
		c.url(), scheme, charts, requests, links, sorted, rules, pairs)
}

// shotName names a screenshot of the page at a viewport, in the scheme checked.
func (c check) shotName(viewport string) string {
	if c.dark {
		return viewport + "-dark"
	}
	return viewport
}

// emulateScheme makes the page see the system's colour scheme as scheme ("dark", "light").
func emulateScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// emulatePrint lays the page out for print (print media), the system's colour scheme as it was.
func emulatePrint() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
}

// settle waits until the page has handled what happened so far: two animation frames (the
// charts redraw in one after a resize) and a task.
func settle() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))`, chromedp.EvalAwaitPromise)
}

// eval runs a script and decodes its result, failing the test on error.
func eval[T any](t tb, ctx context.Context, what, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// jsDescribe names an element in messages: tag, id and classes.
const jsDescribe = `
const describe = (el) => {
  if (!el || !el.tagName) return String(el);
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
  return s;
};
const rendered = (el) => {
  for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return false;
  return true;
};
`

// checkDocument checks the language and direction of the page.
func (c check) checkDocument(t tb, ctx context.Context) {
	t.Helper()
	doc := eval[struct{ Lang, Dir, Title string }](t, ctx, "document", `({lang: document.documentElement.lang, dir: document.documentElement.dir, title: document.title})`)
	if doc.Title == "" {
		t.Errorf("%s: empty <title>", c.url())
	}
	if c.lang == "" {
		return
	}
	wantDir := "ltr"
	if c.lang == "ar" {
		wantDir = "rtl"
	}
	if doc.Lang != c.lang || doc.Dir != wantDir {
		t.Errorf("%s: <html lang=%q dir=%q>, want lang=%q dir=%q", c.url(), doc.Lang, doc.Dir, c.lang, wantDir)
	}
}

// chartInfo is what the page says of one chart container.
type chartInfo struct {
	ID       string
	Drawn    bool    // an SVG with shapes, or a canvas, inside
	Instance bool    // echarts.getInstanceByDom knows it
	Label    string  // aria-label of the container, else of its svg
	Width    float64 // size of the container
	Height   float64
	SVGWidth float64 // size of the drawing
	// Rotate is the rotation of the category names under vertical bars (90 in the phone
	// layout of narrow charts, 0 otherwise).
	Rotate float64
}

// jsCharts waits (up to 15 s) until every chart container that has its option holds a
// drawing, then describes them all.
const jsCharts = `new Promise((resolve) => {
  const nodes = () => Array.from(document.querySelectorAll('.chart'));
  const drawable = (el) => !!document.getElementById(el.getAttribute('data-option') || '');
  const drawn = (el) => {
    const canvas = el.querySelector('canvas');
    const svg = el.querySelector('svg');
    return !!canvas || !!(svg && svg.querySelector('path, rect, text, circle, line, polyline, polygon'));
  };
  const describe = () => nodes().map((el) => {
    const svg = el.querySelector('svg');
    const r = el.getBoundingClientRect();
    const s = svg ? svg.getBoundingClientRect() : {width: 0};
    const label = (el.getAttribute('aria-label') || '').trim() || (svg && (svg.getAttribute('aria-label') || '').trim()) || '';
    const inst = window.echarts && echarts.getInstanceByDom(el);
    const opt = inst ? inst.getOption() : null;
    const rotate = opt && opt.xAxis && opt.xAxis[0] && opt.xAxis[0].axisLabel ? (opt.xAxis[0].axisLabel.rotate || 0) : 0;
    return {id: el.id, drawn: drawn(el), instance: !!inst,
      label, width: r.width, height: r.height, svgWidth: s.width, rotate};
  });
  const deadline = Date.now() + 15000;
  const poll = () => {
    if (nodes().every((el) => drawn(el) || !drawable(el)) || Date.now() > deadline) {
      requestAnimationFrame(() => resolve(describe()));
    } else {
      setTimeout(poll, 25);
    }
  };
  poll();
})`

// checkCharts checks that each chart container holds a chart drawn by ECharts, fitting the
// container, with an accessible label.
func (c check) checkCharts(t tb, ctx context.Context) int {
	t.Helper()
	charts := eval[[]chartInfo](t, ctx, "charts", jsCharts)
	if c.page.charts && len(charts) == 0 {
		t.Errorf("%s: no chart container; this page type has charts", c.url())
	}
	for _, ch := range charts {
		switch {
		case !ch.Drawn:
			t.Errorf("%s: chart #%s holds no SVG or canvas drawing (charts.js did not draw it)", c.url(), ch.ID)
		case !ch.Instance:
			t.Errorf("%s: chart #%s has no ECharts instance", c.url(), ch.ID)
		case ch.Width < 100 || ch.Height < 100:
			t.Errorf("%s: chart #%s is %.0f×%.0f px", c.url(), ch.ID, ch.Width, ch.Height)
		case ch.SVGWidth > ch.Width+1:
			t.Errorf("%s: chart #%s is drawn %.0f px wide in a %.0f px container", c.url(), ch.ID, ch.SVGWidth, ch.Width)
		case ch.Width > 500 && ch.Rotate != 0:
			// A chart drawn for a phone and then widened (a phone turned, a window resized)
			// gets its wide layout back.
			t.Errorf("%s: chart #%s keeps its phone layout at %.0f px (names rotated %.0f°)", c.url(), ch.ID, ch.Width, ch.Rotate)
		}
		if ch.Label == "" {
			t.Errorf("%s: chart #%s has no aria-label on its container or its svg", c.url(), ch.ID)
		}
	}
	return len(charts)
}

// jsPhone measures the page against the width of the screen. Elements inside a horizontal
// scroll region (overflow-x auto or scroll, e.g. a wide table) may be wider: the region
// itself is measured instead. The drawing of a chart is measured by its svg.
const jsPhone = `(() => {` + jsDescribe + jsOverlaps + `
  const vw = document.documentElement.clientWidth;
  const scroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return p;
    }
    return null;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left >= -0.5 && r.right <= vw + 0.5) continue;
    if (scroller(el)) continue;
    wide.push(describe(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const overlaps = chartOverlaps();
  const header = document.querySelector('.site-header');
  const headerHeight = header ? Math.round(header.getBoundingClientRect().height) : 0;
  const scrolling = [];
  for (const s of document.querySelectorAll('.table-scroll')) {
    if (s.scrollWidth > s.clientWidth + 1) {
      scrolling.push(describe(s.querySelector('table')) + ' is ' + s.scrollWidth + ' px wide in ' + s.clientWidth + ' px');
    }
  }
  return {innerWidth: window.innerWidth, innerHeight: window.innerHeight, clientWidth: vw,
    scrollWidth: document.documentElement.scrollWidth, wide, scrolling, overlaps, headerHeight};
})()`

// jsOverlaps defines chartOverlaps(), which lists the pairs of texts of a chart's drawing
// (axis labels, value labels, the legend) that overlap, by their boxes less a pixel of
// antialiasing.
const jsOverlaps = `
const chartOverlaps = () => {
  const overlaps = [];
  for (const svg of document.querySelectorAll('.chart svg')) {
    const boxes = [];
    for (const tx of svg.querySelectorAll('text')) {
      if (!tx.textContent.trim() || getComputedStyle(tx).display === 'none') continue;
      const op = tx.getAttribute('opacity') || tx.getAttribute('fill-opacity');
      if (op !== null && Number(op) === 0) continue;
      const r = tx.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      boxes.push({t: tx.textContent.trim(), r});
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        if (a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom) {
          overlaps.push(describe(svg.closest('.chart')) + ': "' + boxes[i].t + '" and "' + boxes[j].t + '"');
        }
      }
    }
  }
  return overlaps;
};
`

// jsLaptop measures the page at a laptop's width: the tables wider than their place (they
// scroll sideways), and the overlapping texts of the charts.
const jsLaptop = `(() => {` + jsDescribe + jsOverlaps + `
  const scrolling = [];
  for (const s of document.querySelectorAll('.table-scroll')) {
    if (s.scrollWidth > s.clientWidth + 1) {
      scrolling.push(describe(s.querySelector('table')) + ' (' + s.querySelectorAll('thead th').length + ' columns) is ' +
        s.scrollWidth + ' px wide in ' + s.clientWidth + ' px');
    }
  }
  return {width: window.innerWidth, scrolling, overlaps: chartOverlaps()};
})()`

// checkLaptop checks the page at a laptop's width w (the caller sets the viewport): no table
// is clipped or scrolls inside its place, every column is in sight, and no two texts of a
// chart overlap (long category names wrap or are cut, whole in the table and the tooltips).
func (c check) checkLaptop(t tb, ctx context.Context, w int64) {
	t.Helper()
	m := eval[struct {
		Width               int64
		Scrolling, Overlaps []string
	}](t, ctx, "laptop layout", jsLaptop)
	if m.Width != w {
		t.Fatalf("%s: the window is %d px wide, want %d: the viewport emulation did not take effect", c.url(), m.Width, w)
	}
	if len(m.Scrolling) > 0 {
		t.Errorf("%s at %d px: %d tables scroll sideways in their place:\n\t%s",
			c.url(), w, len(m.Scrolling), strings.Join(first(m.Scrolling, 15), "\n\t"))
	}
	if len(m.Overlaps) > 0 {
		t.Errorf("%s at %d px: %d pairs of chart labels overlap:\n\t%s",
			c.url(), w, len(m.Overlaps), strings.Join(first(m.Overlaps, 15), "\n\t"))
	}
}

// checkPhone checks that nothing on the page is wider than a phone's screen, and that no table
// needs scrolling sideways: a reader sees every column without it.
func (c check) checkPhone(t tb, ctx context.Context) {
	t.Helper()
	m := eval[struct {
		InnerWidth, InnerHeight, ClientWidth, ScrollWidth, HeaderHeight int
		Wide, Scrolling, Overlaps                                       []string
	}](t, ctx, "phone layout", jsPhone)
	if len(m.Overlaps) > 0 {
		t.Errorf("%s at %d px: %d pairs of chart labels overlap:\n\t%s",
			c.url(), phoneW, len(m.Overlaps), strings.Join(first(m.Overlaps, 15), "\n\t"))
	}
	// The content starts in the first screen: the header takes at most a quarter of it.
	if m.HeaderHeight > m.InnerHeight/4 {
		t.Errorf("%s at %d px: the header is %d px high, more than a quarter of the %d px screen", c.url(), phoneW, m.HeaderHeight, m.InnerHeight)
	}
	if len(m.Scrolling) > 0 {
		t.Errorf("%s at %d px: %d tables are wider than the screen (they scroll sideways):\n\t%s",
			c.url(), phoneW, len(m.Scrolling), strings.Join(first(m.Scrolling, 15), "\n\t"))
	}
	if m.InnerWidth != phoneW || m.ScrollWidth > m.InnerWidth {
		t.Errorf("%s at %d px: the page is %d px wide (window.innerWidth %d): it scrolls sideways", c.url(), phoneW, m.ScrollWidth, m.InnerWidth)
	}
	if len(m.Wide) > 0 {
		t.Errorf("%s at %d px: %d elements reach past the screen (%d px) outside a scroll region:\n\t%s",
			c.url(), phoneW, len(m.Wide), m.ClientWidth, strings.Join(first(m.Wide, 15), "\n\t"))
	}
}

// jsPrint checks the print styles and the page laid out for print (the caller emulates
// print media at the width of a printed sheet, printW): the navigation, language switcher,
// breadcrumb and skip link are not rendered; headings keep with what follows; each chart is
// printed whole and drawn again at the printed size (its drawing within its box, which does
// not reach the table below it), without overlapping texts; table rows are not split and the
// header row repeats; nothing is wider than the sheet.
const jsPrint = `(() => {` + jsDescribe + jsOverlaps + `
  const problems = [];
  const hide = 'nav, .skip-link, .languages, .main-nav, .breadcrumb, .site-header';
  let hidden = 0;
  for (const el of document.querySelectorAll(hide)) {
    if (rendered(el)) problems.push(describe(el) + ' is printed');
    else hidden++;
  }
  const avoids = (el, prop) => { const v = getComputedStyle(el)[prop]; return v === 'avoid' || v === 'avoid-page'; };
  for (const h of document.querySelectorAll('main h2, main h3')) {
    if (rendered(h) && !avoids(h, 'breakAfter')) problems.push(describe(h) + ' has break-after: ' + getComputedStyle(h).breakAfter);
  }
  let charts = 0;
  for (const chart of document.querySelectorAll('.chart')) {
    const box = chart.closest('.viz');
    const table = box && box.querySelector('table');
    if (!table) {
      problems.push(describe(chart) + ': no .viz holds the chart and a table');
      continue;
    }
    if (!rendered(chart)) problems.push(describe(chart) + ' is not printed');
    if (!rendered(table)) problems.push(describe(table) + ' is not printed');
    if (!avoids(chart, 'breakInside')) problems.push(describe(chart) + ' has break-inside: ' + getComputedStyle(chart).breakInside);
    const r = chart.getBoundingClientRect();
    const svg = chart.querySelector('svg');
    if (svg) {
      const d = svg.getBoundingClientRect();
      if (d.left < r.left - 1 || d.right > r.right + 1 || d.top < r.top - 1 || d.bottom > r.bottom + 1) {
        problems.push(describe(chart) + ' is drawn ' + Math.round(d.width) + '×' + Math.round(d.height) + ' px in a ' +
          Math.round(r.width) + '×' + Math.round(r.height) + ' px box: not drawn again at the printed size');
      }
    }
    const below = table.closest('.table-wrap') || table;
    if (r.bottom > below.getBoundingClientRect().top + 1) {
      problems.push(describe(chart) + ' reaches over ' + describe(below) + ' below it');
    }
    charts++;
  }
  for (const o of chartOverlaps()) problems.push('chart labels overlap: ' + o);
  // Nothing wider than the sheet: the browser would shrink the whole page to fit it.
  const sheet = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    if ((r.width > 0 || r.height > 0) && (r.right > sheet + 1 || r.left < -1)) {
      problems.push(describe(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ', wider than the sheet (' + sheet + ' px)');
      break;
    }
  }
  for (const table of document.querySelectorAll('main table')) {
    if (!rendered(table)) continue;
    const head = table.querySelector('thead');
    if (head && getComputedStyle(head).display !== 'table-header-group') {
      problems.push(describe(table) + ': its header row is not repeated on each sheet (thead display: ' + getComputedStyle(head).display + ')');
    }
    const row = table.querySelector('tbody tr');
    if (row && !avoids(row, 'breakInside')) problems.push(describe(table) + ': a row may be split across sheets (tr break-inside: ' + getComputedStyle(row).breakInside + ')');
  }
  return {problems, hidden, charts, print: matchMedia('print').matches, width: window.innerWidth};
})()`

// checkPrint checks the page laid out for print and returns the number of charts checked.
func (c check) checkPrint(t tb, ctx context.Context) int {
	t.Helper()
	r := eval[struct {
		Problems       []string
		Hidden, Charts int
		Print          bool
		Width          int64
	}](t, ctx, "print", jsPrint)
	if !r.Print || r.Width != printW {
		t.Fatalf("%s: print media at %d px did not take effect (print: %v, width %d)", c.url(), printW, r.Print, r.Width)
	}
	for _, p := range r.Problems {
		t.Errorf("%s, printed: %s", c.url(), p)
	}
	return r.Charts
}

// jsLinks lists every address the page refers to, resolved.
const jsLinks = `Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src], source[src]')).map((el) => ({
  tag: el.tagName.toLowerCase(), url: el.href || el.src
}))`

// checkLinks checks that every link, stylesheet and script of the page points at a file of
// the built site (links to other sites are allowed; files from them are not), and that a
// #fragment names an id of its page. It returns the number of addresses checked.
func (c check) checkLinks(t tb, ctx context.Context) int {
	t.Helper()
	links := eval[[]struct{ Tag, URL string }](t, ctx, "links", jsLinks)
	base, err := url.Parse(c.base)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, l := range links {
		if seen[l.URL] {
			continue
		}
		seen[l.URL] = true
		if l.Tag == "link" && l.URL == "data:," {
			continue // 404.html's empty icon: it loads nothing, and stops the browser asking the host
		}
		u, err := url.Parse(l.URL)
		if err != nil {
			t.Errorf("%s: <%s> with a bad address %q: %v", c.url(), l.Tag, l.URL, err)
			continue
		}
		if u.Scheme != base.Scheme || u.Host != base.Host || !strings.HasPrefix(u.Path, base.Path) {
			if l.Tag == "a" && u.Scheme != base.Scheme && u.Scheme != "" {
				continue // a link to another site (or mailto:) is fine; loading from one is not
			}
			t.Errorf("%s: <%s> points outside the site: %s", c.url(), l.Tag, l.URL)
			continue
		}
		rel := strings.TrimPrefix(u.Path, base.Path)
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		if !fileExists(c.env.siteDir, rel) {
			t.Errorf("%s: <%s> points at a missing file: %s", c.url(), l.Tag, l.URL)
			continue
		}
		if u.Fragment != "" && path.Ext(rel) == ".html" && !hasID(c.env.siteDir, rel, u.Fragment) {
			t.Errorf("%s: <%s> points at #%s, which %s does not have", c.url(), l.Tag, u.Fragment, rel)
		}
	}
	return len(seen)
}

var (
	pageMu    sync.Mutex
	pageCache = map[string]string{}
)

// hasID reports whether the page rel of the site in siteDir has an element with the id.
func hasID(siteDir, rel, id string) bool {
	pageMu.Lock()
	defer pageMu.Unlock()
	name := filepath.Join(siteDir, filepath.FromSlash(rel))
	text, ok := pageCache[name]
	if !ok {
		b, _ := os.ReadFile(name)
		text = string(b)
		pageCache[name] = text
	}
	return strings.Contains(text, ` id="`+id+`"`)
}

// axeTags are the rule sets run: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']`

// jsAxe runs axe-core (injected before) on the document and returns its results.
const jsAxe = `axe.run(document, {runOnly: {type: 'tag', values: ` + axeTags + `}, resultTypes: ['violations']}).then((r) => {
  const ids = (list) => list.map((x) => x.id);
  const targets = (n) => n.target.map((x) => Array.isArray(x) ? x.join(' >>> ') : String(x)).join(', ');
  return {
    version: axe.version,
    violations: r.violations.map((v) => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: targets(n), summary: n.failureSummary || ''}))})),
    passes: ids(r.passes), incomplete: ids(r.incomplete),
    inapplicable: ids(r.inapplicable),
  };
})`

// axeResult is what jsAxe returns.
type axeResult struct {
	Version    string
	Violations []struct {
		ID, Impact, Help, HelpURL string
		Nodes                     []struct{ Target, Summary string }
	}
	Passes, Incomplete, Inapplicable []string
}

// checkAxe injects axe-core into the page, runs the WCAG 2.0/2.1 A and AA rules and fails on
// any violation, listing each with the elements it found. It returns a summary for the log.
func (c check) checkAxe(t tb, ctx context.Context) string {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](c.env.axe)); err != nil {
		t.Fatalf("%s: injecting axe-core: %v", c.url(), err)
	}
	r := eval[axeResult](t, ctx, "axe-core", jsAxe)
	if r.Version != axeVersion {
		t.Errorf("axe-core reports version %s, want %s", r.Version, axeVersion)
	}
	rules := map[string]bool{}
	for _, list := range [][]string{r.Passes, r.Inapplicable} {
		for _, id := range list {
			rules[id] = true
		}
	}
	for _, v := range r.Violations {
		rules[v.ID] = true
	}
	for _, id := range r.Incomplete {
		rules[id] = true
	}
	summary := fmt.Sprintf("%s ran %d rules (%d passed, %d inapplicable, %d to review by hand%s), %d violations",
		r.Version, len(rules), len(r.Passes), len(r.Inapplicable), len(r.Incomplete),
		listed(r.Incomplete), len(r.Violations))
	for _, v := range r.Violations {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s\n\t%s", c.url(), v.ID, v.Impact, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == 10 {
				fmt.Fprintf(&b, "\n\t… and %d more", len(v.Nodes)-i)
				break
			}
			fmt.Fprintf(&b, "\n\t- %s", n.Target)
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n\t  %s", strings.ReplaceAll(n.Summary, "\n", "\n\t  "))
			}
		}
		t.Error(b.String())
	}
	return summary
}

// listed formats a list for a log line: ": a, b", or nothing.
func listed(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return ": " + strings.Join(list, ", ")
}

// phone is how the phone's viewport is emulated.
var phone = []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateTouch}

// screenshot saves a full-page PNG of the page into the artifacts folder. The page is in a
// viewport of w×h, emulated with opts. The viewport is made as high as the page first and
// the charts left to settle at that size: a capture beyond the viewport resizes the page
// while it is taken, and charts caught redrawing came out squeezed into their first pixels.
func (c check) screenshot(t tb, ctx context.Context, viewport string, w, h int64, opts ...chromedp.EmulateViewportOption) {
	t.Helper()
	height := eval[int64](t, ctx, "page height", `Math.ceil(document.documentElement.scrollHeight)`)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, max(h, height), opts...), settle()); err != nil {
		t.Fatalf("%s: viewport for the screenshot: %v", c.url(), err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("%s: screenshot: %v", c.url(), err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, opts...), settle()); err != nil {
		t.Fatalf("%s: viewport after the screenshot: %v", c.url(), err)
	}
	name := filepath.Join(c.env.shots, fmt.Sprintf("%s-%s-%s.png", c.lang, c.page.name, viewport))
	if err := os.WriteFile(name, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", name)
}

// allowedRequest reports whether the page may load url: only from the test server, or from
// file:// for the file:// pages.
func (c check) allowedRequest(u string) bool {
	if strings.HasPrefix(c.base, "file:") {
		return strings.HasPrefix(u, "file://")
	}
	return strings.HasPrefix(u, c.env.srv.URL+"/")
}

// recorder collects what the browser reports about a tab: console errors, exceptions,
// browser log errors, failed requests and requests to other hosts.
type recorder struct {
	allowed func(string) bool

	mu       sync.Mutex
	urls     map[network.RequestID]string
	requests int
	problems []string
}

// event receives the tab's events (see chromedp.Listen: it must be quick and must not call
// the browser).
func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				var str string
				switch {
				case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &str) == nil:
					args = append(args, str)
				case a.Description != "":
					args = append(args, a.Description)
				default:
					args = append(args, string(a.Value))
				}
			}
			r.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			r.add("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		r.requests++
		r.urls[ev.RequestID] = ev.Request.URL
		if !r.allowed(ev.Request.URL) {
			r.add("request leaves the local site: %s", ev.Request.URL)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			r.add("HTTP %d %s: %s", ev.Response.Status, ev.Response.StatusText, ev.Response.URL)
		}
	case *network.EventLoadingFailed:
		r.add("request failed (%s%s): %s", ev.ErrorText, blocked(ev), r.urls[ev.RequestID])
	}
}

// blocked formats why a request was blocked, if it was.
func blocked(ev *network.EventLoadingFailed) string {
	if ev.BlockedReason != "" {
		return ", blocked: " + string(ev.BlockedReason)
	}
	return ""
}

// add records a problem; r.mu is held.
func (r *recorder) add(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// report fails the test with every problem recorded, and returns the number of requests.
func (r *recorder) report(t tb) int {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.requests == 0 {
		t.Error("the browser reported no request at all: the page did not load through the tab")
	}
	for _, p := range slices.Compact(slices.Clone(r.problems)) {
		t.Error(p)
	}
	return r.requests
}

// first returns at most n elements of list, and a count of the rest.
func first(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	return append(slices.Clone(list[:n]), fmt.Sprintf("… and %d more", len(list)-n))
}
