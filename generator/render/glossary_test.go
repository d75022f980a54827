package render

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

var (
	termLinkRe = regexp.MustCompile(`<a class="term" href="([^"]*)#(term-[a-z0-9-]+)">`)
	tableRe    = regexp.MustCompile(`(?s)<table.*?</table>|<script.*?</script>`)
)

// TestGlossaryLinks checks the links to the glossary: on every page but the glossary itself,
// each term at most once and only in the page's sentences (never in a table or a chart's
// data); the first use of the terms of the benchmarks page's introduction; the glossary page
// with every term.
func TestGlossaryLinks(t *testing.T) {
	out, _ := renderSite(t, testSite(t))
	pages := 0
	for name, data := range out.files {
		if !strings.HasSuffix(name, ".html") || name == "index.html" || name == "404.html" {
			continue
		}
		page := string(data)
		if strings.HasSuffix(name, "/glossary.html") {
			if termLinkRe.MatchString(page) {
				t.Errorf("%s links terms to itself", name)
			}
			continue
		}
		if !strings.Contains(page, `href="`+relPath(name, name[:strings.IndexByte(name, '/')]+"/glossary.html")+`">`) {
			t.Errorf("%s does not link the glossary from its footer", name)
		}
		seen := map[string]bool{}
		for _, m := range termLinkRe.FindAllStringSubmatch(page, -1) {
			if seen[m[2]] {
				t.Errorf("%s links %s twice", name, m[2])
			}
			seen[m[2]] = true
		}
		for _, m := range tableRe.FindAllString(page, -1) {
			if termLinkRe.MatchString(m) {
				t.Errorf("%s links a term inside a table or a script: %.120s", name, m)
			}
		}
		if len(seen) > 0 {
			pages++
		}
	}
	if pages < 10 {
		t.Errorf("only %d pages link a glossary term", pages)
	}

	benchmarks := string(out.files["en/benchmarks.html"])
	want := `<p class="intro">Each year, <a class="term" href="glossary.html#term-english-learner">English learners</a> take the <a class="term" href="glossary.html#term-access">ACCESS for ELLs</a> test.`
	if !strings.Contains(benchmarks, want) {
		t.Errorf("en/benchmarks.html lacks %s", want)
	}
	glossary := string(out.files["en/glossary.html"])
	for _, want := range []string{`<dt id="term-english-learner">English learners</dt>`, `<dt id="term-percentage-point">`,
		`<a href="data.html#definitions">`, `<span aria-current="page">Glossary</span>`} {
		if !strings.Contains(glossary, want) {
			t.Errorf("en/glossary.html lacks %s", want)
		}
	}
	// Arabic has no glossary in the test's content: its page shows the English one, marked.
	ar := string(out.files["ar/glossary.html"])
	if !strings.Contains(ar, `<p class="notice" role="note">`) || !strings.Contains(ar, `<dl class="definitions glossary" lang="en" dir="ltr">`) {
		t.Error("ar/glossary.html does not show the English glossary as English, with a notice")
	}
}

// TestNoGlossary renders a site whose content has no glossary: no glossary page, no link to one.
func TestNoGlossary(t *testing.T) {
	s := testSite(t)
	delete(s.Content.(fstest.MapFS), "glossary/en.toml")
	out, _ := renderSite(t, s)
	for name, data := range out.files {
		if strings.Contains(name, "glossary") {
			t.Errorf("%s was written", name)
		}
		if strings.Contains(string(data), "glossary.html") {
			t.Errorf("%s links a glossary", name)
		}
	}
}

// TestGlossaryErrors checks that a glossary the program cannot read stops the build and the
// check, naming the file and line.
func TestGlossaryErrors(t *testing.T) {
	s := testSite(t)
	s.Content.(fstest.MapFS)["glossary/ar.toml"] = &fstest.MapFile{Data: []byte("[[term]]\nid = \"gap\"\nterm = \"الفجوة\"\n")}
	want := `content/glossary/ar.toml:1: term "gap" has no definition`
	if _, err := Render(t.Context(), s, newMemOutput()); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Render: got %v, want an error containing %s", err, want)
	}
	if _, err := Validate(s); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Validate: got %v, want an error containing %s", err, want)
	}
}
