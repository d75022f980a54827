package content_test

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
	"elreport/generator/glossary"
)

// files are the repository's content files: those embedded in package content and the sample
// district's goals.
var files = os.DirFS(".")

// siteLanguages returns the codes of the languages of the repository's site.toml.
func siteLanguages(t *testing.T) []string {
	t.Helper()
	cfg, err := config.Load(os.DirFS(".."), "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	return codes
}

// loadGlossary reads glossary/<lang>.toml of fsys.
func loadGlossary(fsys fs.FS, lang string) (*glossary.Glossary, error) {
	name := "glossary/" + lang + ".toml"
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return glossary.Parse("content/"+name, src)
}

// languageFiles lists the files of fsys written in a language: its strings, guides and goals.
func languageFiles(fsys fs.FS, lang string) ([]string, error) {
	names := []string{"i18n/" + lang + ".toml"}
	for _, dir := range []string{"guides", "goals"} {
		more, err := fs.Glob(fsys, dir+"/*."+lang+".md")
		if err != nil {
			return nil, err
		}
		names = append(names, more...)
	}
	return names, nil
}

// avoidedIn lists, as file:line:column messages, the spellings a language's glossary avoids
// that its strings, guides and goals in fsys use, and the definitions of the glossary itself.
// Comment lines of the translation file are not text and are not read.
func avoidedIn(fsys fs.FS, lang string, g *glossary.Glossary) ([]string, error) {
	names, err := languageFiles(fsys, lang)
	if err != nil {
		return nil, err
	}
	var problems []string
	report := func(where string, a glossary.Avoid) {
		problems = append(problems, fmt.Sprintf("%s:%d: %q: the %s pages write %q for %q, never %q (content/glossary/%s.toml, line %d)",
			where, a.Column, a.Text, lang, a.Term.Term, a.Term.ID, a.Spelling, lang, a.Term.Line))
	}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			if path.Dir(name) == "i18n" && os.IsNotExist(err) {
				continue // a language without strings falls back to the default language
			}
			return nil, err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if path.Ext(name) == ".toml" && strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			for _, a := range g.Avoided(line) {
				report(fmt.Sprintf("content/%s:%d", name, i+1), a)
			}
		}
	}
	for _, t := range g.Terms {
		for _, a := range g.Avoided(t.Definition) {
			report(fmt.Sprintf("content/glossary/%s.toml:%d (the definition of %q)", lang, t.Line, t.ID), a)
		}
	}
	return problems, nil
}

// TestGlossaryAvoided checks that every language names each idea of its glossary one way: no
// string, guide, goal or glossary definition of the language uses a spelling its glossary
// avoids (kea writes "profisienti", never "proficienti").
func TestGlossaryAvoided(t *testing.T) {
	for _, lang := range siteLanguages(t) {
		g, err := loadGlossary(files, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		problems, err := avoidedIn(files, lang, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
	}
}

// TestGlossaryAvoidedCatches shows the check failing on a spelling the kea glossary avoids, in
// a translation file and in a guide.
func TestGlossaryAvoidedCatches(t *testing.T) {
	g, err := loadGlossary(files, "kea")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"i18n/kea.toml":             {Data: []byte("# proficienti in a comment is not text\n[metric.proficient]\nname = \"Proficienti\"\n")},
		"guides/access-test.kea.md": {Data: []byte("+++\ntitle = \"ACCESS\"\n+++\n\nUn alunu profisienti, un alunu proficienti.\n")},
		"guides/access-test.es.md":  {Data: []byte("proficienti in another language is not kea\n")},
	}
	got, err := avoidedIn(fsys, "kea", g)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/i18n/kea.toml:3:9: \"Proficienti\"", "content/guides/access-test.kea.md:5:32: \"proficienti\""}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) || !strings.Contains(got[i], `never "proficienti"`) {
			t.Errorf("problem %d = %s, want it to start %s and name the avoided spelling", i, got[i], want[i])
		}
	}
}

// TestGlossaryLanguages checks that every language of the site has a glossary with the ideas
// of the default language's, in the same order, so that every glossary page explains the same
// words.
func TestGlossaryLanguages(t *testing.T) {
	en, err := loadGlossary(files, "en")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, term := range en.Terms {
		want = append(want, term.ID)
	}
	for _, lang := range siteLanguages(t) {
		g, err := loadGlossary(files, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		var got []string
		for _, term := range g.Terms {
			got = append(got, term.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("content/glossary/%s.toml has the ideas %v; want those of en.toml, in its order: %v", lang, got, want)
		}
	}
}

// TestGlossaryTermsUsed checks that each term of a language's glossary is the word its pages
// use: the term or one of its variants appears, as a page would link it, in the language's
// strings, guides or goals.
func TestGlossaryTermsUsed(t *testing.T) {
	for _, lang := range siteLanguages(t) {
		g, err := loadGlossary(files, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		names, err := languageFiles(files, lang)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, name := range names {
			src, err := fs.ReadFile(files, name)
			if err != nil {
				t.Fatal(err)
			}
			text.Write(src)
			text.WriteByte('\n')
		}
		// The linker links each term at its first use: every term should have a link.
		linked := string(g.Linker("glossary.html").Link(text.String()))
		for _, term := range g.Terms {
			if !strings.Contains(linked, `href="glossary.html#`+term.Anchor()+`"`) {
				t.Errorf("content/glossary/%s.toml:%d: term %q: neither %q nor a variant %q is in the %s strings, guides or goals; write the word the pages use",
					lang, term.Line, term.ID, term.Term, term.Variants, lang)
			}
		}
	}
}
