package theme

import "fmt"

// Problem is a pair of a theme's colours whose contrast is too low for text.
type Problem struct {
	// Key is the colour of [theme.colors] to change: "accent" or "header".
	Key string
	// Ratio is the contrast ratio found.
	Ratio float64
	// Text says which text on which background, the ratio and what to do, as a phrase to
	// follow the key's name in a message.
	Text string
}

// Check returns the pairs of colours that text on the pages would take from a theme and whose
// contrast is below MinContrast: links (the accent) on the white page and on the header, and
// the text and visited links on the header (the header's background is also the footer's and
// that of a table's highlighted row). accent and header are the theme's colours, or the
// defaults for those it does not set; headerSet says whether the site sets the header, which
// a problem of a pair with it is then charged to (a site that sets only the accent is told to
// change the accent).
func Check(accent, header Color, headerSet bool) []Problem {
	var out []Problem
	page, text, visited := MustColor(Page), MustColor(Text), MustColor(Visited)
	if r := Contrast(accent, page); r < MinContrast {
		out = append(out, Problem{Key: "accent", Ratio: r, Text: fmt.Sprintf(
			"%q on the white page has a contrast ratio of %s; links need at least %g:1 (WCAG AA): choose a darker colour",
			accent.String(), FormatRatio(r), MinContrast)})
	}
	if r := Contrast(accent, header); r < MinContrast {
		p := Problem{Key: "header", Ratio: r, Text: fmt.Sprintf(
			"links (the accent, %q) on %q have a contrast ratio of %s; they need at least %g:1 (WCAG AA): choose a lighter header or a darker accent",
			accent.String(), header.String(), FormatRatio(r), MinContrast)}
		if !headerSet {
			p.Key, p.Text = "accent", fmt.Sprintf(
				"%q on the header (%q) has a contrast ratio of %s; links in the header need at least %g:1 (WCAG AA): choose a darker colour",
				accent.String(), header.String(), FormatRatio(r), MinContrast)
		}
		out = append(out, p)
	}
	if !headerSet {
		return out // the text and visited links on the default header pass
	}
	if r := Contrast(text, header); r < MinContrast {
		out = append(out, Problem{Key: "header", Ratio: r, Text: fmt.Sprintf(
			"the text (%q) on %q has a contrast ratio of %s; text needs at least %g:1 (WCAG AA): choose a lighter colour",
			text.String(), header.String(), FormatRatio(r), MinContrast)})
	}
	if r := Contrast(visited, header); r < MinContrast {
		out = append(out, Problem{Key: "header", Ratio: r, Text: fmt.Sprintf(
			"links already visited (%q) on %q have a contrast ratio of %s; they need at least %g:1 (WCAG AA): choose a lighter colour",
			visited.String(), header.String(), FormatRatio(r), MinContrast)})
	}
	return out
}
