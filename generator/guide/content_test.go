package guide

import (
	"elreport/generator/metric"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The guides shipped in content/guides, and the sample site's languages.
var (
	guideSlugs     = []string{"access-test", "benchmarks", "graduation"}
	guideLanguages = []string{"en", "es", "pt-BR", "ht", "zh-Hans", "vi", "ar", "kea"}
)

var headingIDAttr = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

// TestContentGuides renders every guide in content/guides: each has a title and a summary,
// every guide exists in every language, and every translation quotes the same figures and has
// the same section ids as the English version.
func TestContentGuides(t *testing.T) {
	fsys := os.DirFS("../../content/guides")
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		t.Fatal(err)
	}
	type rendered struct {
		figures    map[string]bool // shortcode arguments, joined with spaces
		headingIDs []string
	}
	guides := map[string]rendered{} // by file name
	r := NewRenderer()
	for _, name := range names {
		slug, lang, ok := strings.Cut(strings.TrimSuffix(name, ".md"), ".")
		if !ok {
			continue // not a guide: no language part (README.md)
		}
		if !slices.Contains(guideSlugs, slug) || !slices.Contains(guideLanguages, lang) {
			t.Errorf("%s: not a guide of this site (want <slug>.<lang>.md with slug in %v and lang in %v)", name, guideSlugs, guideLanguages)
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		figures := map[string]bool{}
		page, err := r.Render("content/guides/"+name, src, func(args []string) (string, error) {
			if problem := checkFigureArgs(args); problem != "" {
				t.Errorf("%s: figure %q: %s", name, args, problem)
			}
			figures[strings.Join(args, " ")] = true
			return "12,3 %", nil
		})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if page.Title == "" || page.Summary == "" {
			t.Errorf("%s: got title %q and summary %q, want both", name, page.Title, page.Summary)
		}
		if len(figures) == 0 {
			t.Errorf("%s: quotes no figure", name)
		}
		if strings.Contains(string(page.Body), shortcodeOpen) {
			t.Errorf("%s: a shortcode is left in the body", name)
		}
		var ids []string
		for _, m := range headingIDAttr.FindAllStringSubmatch(string(page.Body), -1) {
			ids = append(ids, m[1])
		}
		guides[name] = rendered{figures: figures, headingIDs: ids}
	}
	for _, slug := range guideSlugs {
		english, ok := guides[slug+".en.md"]
		if !ok {
			t.Errorf("%s.en.md: missing", slug)
			continue
		}
		for _, lang := range guideLanguages[1:] {
			name := slug + "." + lang + ".md"
			got, ok := guides[name]
			if !ok {
				t.Errorf("%s: missing", name)
				continue
			}
			if !maps.Equal(got.figures, english.figures) {
				t.Errorf("%s: got figures %v, want those of %s.en.md: %v", name,
					slices.Sorted(maps.Keys(got.figures)), slug, slices.Sorted(maps.Keys(english.figures)))
			}
			if !slices.Equal(got.headingIDs, english.headingIDs) {
				t.Errorf("%s: got section ids %v, want those of %s.en.md: %v", name, got.headingIDs, slug, english.headingIDs)
			}
		}
	}
}

// checkFigureArgs says what is wrong with a figure shortcode's arguments, or returns "".
func checkFigureArgs(args []string) string {
	entity, id, group := args[0], args[1], args[2]
	if entity != "district" && !strings.HasPrefix(entity, "school:") {
		return "the entity is not district or school:<code>"
	}
	m, ok := metric.Lookup(metric.ID(id))
	if !ok {
		return "not a metric of the catalogue (docs/metrics.md)"
	}
	if !slices.Contains(m.Groups, group) {
		return "the group is not one of " + strings.Join(m.Groups, ", ")
	}
	return ""
}

// BenchmarkRender renders the longest shipped guide, as a build does for every language and
// district.
func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile("../../content/guides/benchmarks.en.md")
	if err != nil {
		b.Fatal(err)
	}
	r := NewRenderer()
	figure := constFigure("45,2 %")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render("benchmarks.en.md", src, figure); err != nil {
			b.Fatal(err)
		}
	}
}
