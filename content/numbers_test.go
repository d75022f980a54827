package content_test

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"elreport/content"
	"elreport/generator/config"
	"elreport/generator/i18n"
)

// handNumber matches a number written by hand with a separator between digits: "4.2", "4,2",
// "٤٫٢", and (for the check of the digits) the Western or Arabic-Indic digits around it.
var handNumber = regexp.MustCompile(`[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*`)

// notText is what a guide or a goal holds that is not its text: figure shortcodes (the program
// formats their figures) and heading ids.
var notText = regexp.MustCompile(`\{\{<.*?>\}\}|\{#[^}]*\}`)

// convention is how a language writes a decimal number: its decimal separator and its digits.
type convention struct {
	tag       string // the language's number_format
	separator string
	arabic    bool // Arabic-Indic digits rather than Western
	sample    string
}

// conventionOf formats 1.5 as the pages do for the language and reads its separator and digits.
func conventionOf(loc *i18n.Localizer, tag string) (convention, error) {
	sample := loc.Number(1.5, 1)
	digits := strings.IndexFunc(sample, unicode.IsDigit)
	last := strings.LastIndexFunc(sample, unicode.IsDigit)
	if digits < 0 || last <= digits {
		return convention{}, fmt.Errorf("number_format %q: 1.5 is written %q, not two digits around a separator", tag, sample)
	}
	first := []rune(sample[digits:])[0]
	return convention{
		tag:       tag,
		separator: strings.TrimLeftFunc(sample[digits:last], unicode.IsDigit),
		arabic:    first >= '٠' && first <= '٩',
		sample:    sample,
	}, nil
}

// problems lists the hand-written numbers of text that a reader of the language would misread:
// a decimal separator other than the language's, or digits of the other script. A separator
// followed by exactly three digits may be grouping ("1,000") and is not taken for a decimal one.
func (c convention) problems(text string) []string {
	var found []string
	for _, number := range handNumber.FindAllString(text, -1) {
		for _, r := range number {
			if unicode.IsDigit(r) && (r >= '٠' && r <= '٩') != c.arabic {
				found = append(found, fmt.Sprintf("%q is in %s digits, but the pages write %s ones (%s)", number, script(!c.arabic), script(c.arabic), c.sample))
				break
			}
		}
		runes := []rune(number)
		for i, r := range runes {
			if unicode.IsDigit(r) {
				continue
			}
			fraction := 0
			for _, d := range runes[i+1:] {
				if !unicode.IsDigit(d) {
					break
				}
				fraction++
			}
			if fraction != 3 && string(r) != c.separator {
				found = append(found, fmt.Sprintf("%q has the decimal separator %q, but the pages write %q (%s)", number, string(r), c.separator, c.sample))
			}
		}
	}
	return found
}

func script(arabic bool) string {
	if arabic {
		return "Arabic-Indic"
	}
	return "Western"
}

// TestHandWrittenNumbers checks that the numbers written by hand in the translation files, the
// guides, the goals and the glossaries follow the number conventions of their language in the repository's
// site.toml (number_format, or the code), as the figures the program formats do: a page must
// not say "65,4 %" beside a guide's "1.0 to 4.2", nor mix ٤٫٢ and 4.2. Comment lines of the
// translation files, figure shortcodes and heading ids are not text and are not checked.
func TestHandWrittenNumbers(t *testing.T) {
	cfg, err := config.Load(os.DirFS(".."), "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.Load(content.FS, "i18n", cfg.Languages, cfg.DefaultLanguage)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, lang := range cfg.Languages {
		conv, err := conventionOf(bundle.For(lang.Code), lang.NumberFormat)
		if err != nil {
			t.Errorf("%s: %v", lang.Code, err)
			continue
		}
		names, err := languageFiles(files, lang.Code)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, "glossary/"+lang.Code+".toml")
		for _, name := range names {
			src, err := fs.ReadFile(files, name)
			if err != nil {
				if path.Ext(name) == ".toml" && os.IsNotExist(err) {
					continue // a language without strings or glossary falls back to the default language's
				}
				t.Fatal(err)
			}
			checked++
			for i, line := range strings.Split(string(src), "\n") {
				if path.Ext(name) == ".toml" && strings.HasPrefix(strings.TrimSpace(line), "#") {
					continue
				}
				for _, p := range conv.problems(notText.ReplaceAllString(line, "")) {
					t.Errorf("content/%s:%d: %s; write it as %s pages do (number_format %q in site.toml)", name, i+1, p, lang.Code, conv.tag)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no translation, guide or goal file was checked")
	}
}

// TestConventionProblems shows what the check takes for a wrong number, and what it leaves.
func TestConventionProblems(t *testing.T) {
	comma := convention{tag: "pt-BR", separator: ",", sample: "1,5"}
	point := convention{tag: "en", separator: ".", sample: "1.5"}
	western := convention{tag: "ar-u-nu-latn", separator: ".", sample: "1.5"}
	tests := []struct {
		conv convention
		text string
		want int
	}{
		{comma, "Vai de 1,0 a 4,2. Os alunos do 12º ano", 0},
		{comma, "Vai de 1.0 a 4,2.", 1},
		{comma, "faixas 1,0–1,9; 2,0–2,9 e 6,0", 0},
		{point, "It goes from 1.0 to 4.2, and 6,012 students", 0}, // 6,012: grouping
		{point, "the level is 4,2", 1},
		{point, "grades 9–12, 2024-25, P1-A3, K to 12", 0},
		{western, "من 1.0 إلى 4.2، والصفوف 9–12", 0},
		{western, "نمو منخفض (١–٣٩)", 2},
		{western, "المستوى ٤٫٢", 2}, // the digits and the separator
	}
	for _, tt := range tests {
		if got := tt.conv.problems(tt.text); len(got) != tt.want {
			t.Errorf("%s: problems(%q) = %q, want %d", tt.conv.tag, tt.text, got, tt.want)
		}
	}
}
