// Package guide turns a parent guide, a Markdown file written and edited by district staff, into
// safe HTML for the public site.
//
// # The guide file
//
// A guide lives in content/guides/<slug>.<lang>.md, one file per guide and language (for
// example content/guides/benchmarks.es.md). It starts with TOML front matter between two lines
// holding only +++, followed by the Markdown body:
//
//	+++
//	title = "Your child's English benchmark"
//	summary = "What the benchmark is, and how you can take part."
//	+++
//
//	## What is a benchmark? {#what-is-a-benchmark}
//
//	In our district, {{< figure "district" "making_progress" "EL" >}} of English learners
//	made progress last year.
//
// The front matter keys are:
//
//   - title (required): the guide's title, plain text. The page shows it as its main heading,
//     so sections in the body start at level two (##).
//   - summary (optional here, expected by the site's guide index): one or two sentences of
//     plain text.
//
// Any other key is an error naming the key, so that a typing mistake is noticed rather than
// silently dropped.
//
// The file must be UTF-8 without control characters other than tabs and line breaks; each bad
// byte is an error with its line and column. The body is Markdown (CommonMark with tables,
// fenced code, strikethrough and autolinks). Raw HTML is not passed through: a guide cannot
// carry a script, a style or a frame into the site. Each piece left out (but an HTML comment)
// is a Warning with its line, which Renderer.Warnings and Check return. Links may only use http:, https:, mailto: or a relative address, and links to other
// sites get rel="noopener noreferrer". Images must come from the site itself (a relative
// address). The rendered HTML is then sanitised against an allow-list of the elements
// Markdown produces, so a mistake in one layer is caught by the next. A file may have at most
// MaxSize bytes.
//
// Headings get stable ids: the one written as {#id} after the heading text, otherwise one made
// from the heading's words (or "section-N" when the words give none); writing the same {#id}
// in every language version lets a link point at the same section in each.
//
// # Figures
//
// A guide quotes a live figure with the figure shortcode:
//
//	{{< figure "<entity>" "<metric>" "<group>" >}}
//	{{< figure "<entity>" "<metric>" "<group>" "<category>" >}}
//
// The entity is "district" or "school:<school code>". The metric is a metric of the catalogue
// (docs/metrics.md: tested, proficient, making_progress, graduation_rate, ...), the group is
// EL, FormerEL, NonEL or All, and the category is the metric's category where it has
// one (for example "ELA" for mcas_meeting, or "6+" for making_progress_by_years). Arguments are
// written in double quotes and a shortcode is written on one line. It may stand in a
// paragraph, a heading, a list item or a table cell, but not in a link address or raw HTML.
//
// The caller resolves each shortcode: Render passes its arguments (without quotes) to a figure
// function, which returns the figure as plain text in the page's language, such as "45,2 %"
// or a suppression mark. That text is escaped, never interpreted as Markdown or HTML. An
// error from the figure function, an unknown shortcode or a malformed one is reported with
// the file and line, as in
//
//	content/guides/benchmarks.es.md:14: unknown figure "making_progres"
package guide
