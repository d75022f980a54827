package e2e

import (
	"context"
	"strings"
	"testing"
)

// darkPages are the page types checked with the system in dark mode: the home page, a topic,
// a school, and the plan (its status colours).
func darkPages(pages []page) []page {
	var out []page
	for _, p := range pages {
		if p.name == "home" || p.name == "gaps" || p.name == "plan" || strings.HasPrefix(p.name, "school-") {
			out = append(out, p)
		}
	}
	return out
}

// TestDarkMode checks pages in English and Arabic, 404.html and the language chooser with the
// system in dark mode (prefers-color-scheme: dark): the page is dark, its charts are drawn
// with the dark palette and theme, axe-core and the phone checks pass, and the page and its
// charts are drawn again in light colours when the system turns light. It saves screenshots
// of the pages that have them in light colours (the home page, a school, the plan), dark.
func TestDarkMode(t *testing.T) {
	e := suite(t)
	pages := darkPages(e.pages)
	if len(pages) != 4 {
		t.Fatalf("%d page types to check in dark mode, want 4 (home, gaps, plan, a school): %v", len(pages), pages)
	}
	for _, lang := range []string{"en", "ar"} {
		for _, p := range pages {
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.httpBase, lang: lang, page: p, axe: true, dark: true, shots: p.shot}
				c.run(t)
			})
		}
	}
	// The pages outside the language folders: 404.html has its own style, the chooser
	// style.css. (TestSitePages runs axe-core on them in light colours.)
	for _, p := range []page{{name: "404", path: "404.html"}, {name: "chooser", path: "index.html#choose"}} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			c := check{env: e, base: e.httpBase, page: p, axe: true, dark: true}
			c.run(t)
		})
	}
}

// TestThemedDarkMode checks the home and a school page of the themed sample (TestThemedPages)
// in English and Arabic, and its 404.html, in dark mode: the theme's colours, chosen for a
// light page, must not leak into the dark one (axe-core's contrast rules tell).
func TestThemedDarkMode(t *testing.T) {
	e := themedSuite(t)
	for _, lang := range []string{"en", "ar"} {
		for _, p := range e.pages {
			if p.name != "home" && !strings.HasPrefix(p.name, "school-") {
				continue
			}
			t.Run(lang+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				c := check{env: e, base: e.httpBase, lang: lang, page: p, axe: true, dark: true}
				c.run(t)
			})
		}
	}
	// 404.html sets the theme's accent on its links in its own style: not in dark mode.
	t.Run("404", func(t *testing.T) {
		t.Parallel()
		c := check{env: e, base: e.httpBase, page: page{name: "404", path: "404.html"}, axe: true, dark: true}
		c.run(t)
	})
}

// darkBackground is the page's background in dark mode (static/style.css).
const darkBackground = "rgb(18, 20, 23)"

// jsScheme describes the page's colour scheme: whether the page sees a dark system, its
// background, the series colours of each chart as drawn against those its option names, and
// the chart texts whose colour has less than 4.5:1 contrast with the page's background.
const jsScheme = `(() => {` + jsDescribe + `
  const rgb = (s) => { const m = /rgba?\(([\d.]+), *([\d.]+), *([\d.]+)/.exec(s || ''); return m ? [+m[1], +m[2], +m[3]] : null; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = getComputedStyle(document.body).backgroundColor;
  const bg = rgb(background);
  const charts = [], faint = [];
  for (const el of document.querySelectorAll('.chart[data-option]')) {
    const inst = window.echarts && echarts.getInstanceByDom(el);
    const src = document.getElementById(el.getAttribute('data-option'));
    if (!inst || !src) continue;
    const option = JSON.parse(src.textContent), base = option.baseOption || option;
    charts.push({id: el.id, drawn: (inst.getOption().color || []).join(' ').toLowerCase(),
      light: (base.color || []).join(' ').toLowerCase(), dark: (base.darkColor || []).join(' ').toLowerCase()});
    for (const tx of el.querySelectorAll('svg text')) {
      if (!tx.textContent.trim() || tx.getAttribute('opacity') === '0') continue;
      const fill = rgb(getComputedStyle(tx).fill);
      if (!fill || !bg) continue;
      const a = lum(fill), b = lum(bg);
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) faint.push(describe(el) + ': "' + tx.textContent.trim() + '" in ' + getComputedStyle(tx).fill + ' (' + ratio.toFixed(2) + ':1)');
    }
  }
  return {dark: matchMedia('(prefers-color-scheme: dark)').matches, background, charts, faint};
})()`

// checkScheme checks that the page is drawn in scheme ("dark" or "light"): the media query
// matches, the background is the scheme's, each chart has the scheme's series colours, and
// every text of the charts has 4.5:1 contrast with the page.
func (c check) checkScheme(t tb, ctx context.Context, scheme string) {
	t.Helper()
	s := eval[struct {
		Dark       bool
		Background string
		Charts     []struct{ ID, Drawn, Light, Dark string }
		Faint      []string
	}](t, ctx, "colour scheme", jsScheme)
	wantDark := scheme == "dark"
	if s.Dark != wantDark {
		t.Fatalf("%s: matchMedia('(prefers-color-scheme: dark)').matches is %v with the system %s: the emulation did not take effect", c.url(), s.Dark, scheme)
	}
	if wantDark && s.Background != darkBackground {
		t.Errorf("%s, dark: the page's background is %s, want %s", c.url(), s.Background, darkBackground)
	}
	if !wantDark && s.Background == darkBackground {
		t.Errorf("%s, light: the page's background stays dark (%s)", c.url(), s.Background)
	}
	for _, ch := range s.Charts {
		want := ch.Light
		if wantDark {
			want = ch.Dark
		}
		if want == "" {
			t.Errorf("%s: chart #%s has no %s palette in its option", c.url(), ch.ID, scheme)
		} else if ch.Drawn != want {
			t.Errorf("%s, %s: chart #%s is drawn in %q, want %q", c.url(), scheme, ch.ID, ch.Drawn, want)
		}
	}
	if len(s.Faint) > 0 {
		t.Errorf("%s, %s: %d chart texts have less than 4.5:1 contrast with the page:\n\t%s",
			c.url(), scheme, len(s.Faint), strings.Join(first(s.Faint, 15), "\n\t"))
	}
}
