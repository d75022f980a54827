package metric_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"elreport/generator/config"
	"elreport/generator/i18n"
	"elreport/generator/metric"
)

var update = flag.Bool("update", false, "rewrite docs/metrics.md from the catalogue")

// referencePath is the metric reference, generated from the catalogue by this test.
const referencePath = "../../docs/metrics.md"

// TestReference checks that docs/metrics.md is what the catalogue says; run with -update to
// rewrite it after changing the catalogue or the English names and definitions, and review the
// diff.
func TestReference(t *testing.T) {
	got := reference(t)
	if *update {
		if err := os.WriteFile(referencePath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/metric -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("docs/metrics.md drifted from the catalogue at line %d:\n  file:      %q\n  catalogue: %q\n(run go test ./generator/metric -update and review the diff)", i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("docs/metrics.md drifted from the catalogue: %d lines, want %d (run go test ./generator/metric -update)", len(wl), len(gl))
	}
}

// english returns the shipped English translation, with the default settings' figures in its
// placeholders.
func english(t *testing.T) func(key string, args ...string) string {
	t.Helper()
	cfg := config.Defaults()
	en := []config.Language{{Code: "en", Name: "English", Dir: "ltr"}}
	b, err := i18n.Load(os.DirFS("../../content"), "i18n", en, "en")
	if err != nil {
		t.Fatal(err)
	}
	loc := b.For("en")
	threshold := fmt.Sprint(cfg.GapThreshold)
	return func(key string, args ...string) string {
		args = append(args, "level", fmt.Sprint(cfg.ProficientLevel), "threshold", threshold,
			"threshold_points", threshold+" points")
		s, err := loc.Translate(key, args...)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		return s
	}
}

func reference(t *testing.T) []byte {
	en := english(t)
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Metric reference\n\n")
	p("<!-- Generated from generator/metric by `go test ./generator/metric -update`; do not edit. -->\n\n")
	p("Every figure elreport publishes is one of the metrics below, computed for the district and for\n")
	p("every school, for every year in the data, for the groups listed. `data/metrics.csv` in the built\n")
	p("site holds every figure, one row each, with these columns:\n\n")
	p("| column | meaning |\n|---|---|\n")
	p("| `entity_type` | `district` or `school` (and `state` in `data/districts.csv` of a site of several districts built from DESE's reports alone: the state's row of the list of districts) |\n")
	p("| `entity_code`, `entity_name` | the district's or school's code and name, from `schools.csv` (from DESE's reports on a site built from them alone) |\n")
	p("| `year` | the spring year of the school year (2025 = 2024-25); a cohort's `cohort_year` |\n")
	p("| `topic`, `metric`, `category` | what the figure is: the identifiers below |\n")
	p("| `group` | `EL` (English learners), `FormerEL` (exited EL status), `NonEL` (never EL) or `All` |\n")
	p("| `numerator`, `denominator` | the counts behind a share or a count; a median has only its denominator (the number of values); a gap has neither |\n")
	p("| `value` | a share in percent (0-100, full precision), a count, a median, or percentage points |\n")
	p("| `suppressed` | `true` when the figure is hidden (see [privacy.md](privacy.md)); its counts and value are then empty |\n")
	p("| `suppression` | why a hidden figure is hidden: `size` (its group has fewer than `min_n` students), `complementary` (hidden so that another hidden figure cannot be worked out by subtraction; it may describe many more students) or `source` (DESE left it blank in its public report); empty for a shown figure |\n")
	p("| `source` | where the figure comes from: `inputs`, computed by elreport from the district's own files; or a DESE public report, its year and the file read (`DESE Plans of High School Graduates 2018 (plans.csv)`), on a site built from DESE's reports alone ([public-data.md](public-data.md#a-site-from-public-data-alone)), whose figures are DESE's as published: its value and denominator, no numerator. It is the last column |\n\n")
	p("Kinds: **share**, a percentage of the denominator; **count**, a number of students out of the\n")
	p("denominator; **median**, the middle value of the denominator's values; **points**, a difference in\n")
	p("percentage points. *Better* is the direction a district wants a figure to move: higher, lower,\n")
	p("toward zero (a gap), or neutral where neither way is better in itself. Names and definitions are\n")
	p("the English ones the site shows (`content/i18n/en.toml`), with the default settings\n")
	p("(`proficient_level` 4.2, `gap_threshold` 10); the rule is the exact computation.\n\n")
	p("Besides the columns listed under *Reads*, every figure reads `year` (or `cohort_year`) and\n")
	p("`school_code`, and its group comes from the student's `el_status` in `students.csv` that year;\n")
	p("a cohort figure's group is the cohort's (see `graduation_rate`).\n")
	p("See [data-contract.md](data-contract.md) for the columns and their values.\n\n")

	for _, topic := range metric.Topics() {
		p("## %s\n\n", en("topic."+string(topic)+".title"))
		p("Topic `%s`.\n\n", topic)
		p("| metric | kind | categories | groups | better |\n|---|---|---|---|---|\n")
		ms := metric.OfTopic(topic)
		for _, m := range ms {
			cats := ""
			if m.Categories != nil {
				cats = "`" + strings.Join(m.Categories.Values, "`, `") + "`"
			}
			p("| [`%s`](#%s) | %s | %s | %s | %s |\n", m.ID, m.ID, m.Kind, cats, strings.Join(m.Groups, ", "), m.Better)
		}
		p("\n")
		for _, m := range ms {
			p("### `%s`\n\n", m.ID)
			name := en(m.NameKey)
			if m.Gap != nil {
				name += ": " + en(m.Gap.NameKey)
				if m.Gap.Category == "" && m.Categories != nil {
					name += " (by " + m.Categories.Name + ")"
				}
			}
			p("**%s.** %s\n\n", name, en(m.DefinitionKey))
			p("- Rule: %s\n", m.Definition)
			p("- Kind: %s. Better: %s.\n", m.Kind, m.Better)
			if m.Categories != nil {
				p("- Categories (%s), in this order: `%s`.\n", m.Categories.Name, strings.Join(m.Categories.Values, "`, `"))
			}
			p("- Groups: %s.\n", strings.Join(m.Groups, ", "))
			if g := m.Gap; g != nil {
				side := "`" + string(g.Base) + "`"
				if g.Category != "" {
					side += " category `" + g.Category + "`"
				}
				if g.Change {
					p("- Change of: [`%s`](#%s), which compares %s.\n", g.Of, g.Of, side)
				} else {
					p("- Compares: %s, group minus `NonEL`.\n", side)
				}
			}
			var cols []string
			for _, c := range m.Inputs {
				cols = append(cols, "`"+c.File+".csv` `"+c.Name+"`")
			}
			p("- Reads: %s.\n", strings.Join(cols, ", "))
			p("- Translation keys: `%s`, `%s`.\n\n", m.NameKey, m.DefinitionKey)
		}
	}
	return b.Bytes()
}
