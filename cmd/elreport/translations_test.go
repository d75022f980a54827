package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"elreport/content"
	"elreport/generator/site"
)

// TestNewLanguageThreshold builds the site of testdata/cases/build-translation-too-few.txtar
// (English and Somali, which has no built-in file) with a site so.toml made from the built-in
// en.toml without some of its strings. A language lacking site.MaxMissingStrings strings or
// fewer builds from the site's file alone, and check and build list what it lacks; one string
// more stops both, naming the language, the count and the keys.
func TestNewLanguageThreshold(t *testing.T) {
	en, err := content.FS.ReadFile("i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	// Single-line strings of the built-in file, in the order the keys sort.
	dropped := []struct{ key, line string }{
		{"nav.home", `home = "Home"`},
		{"site.breadcrumb", `breadcrumb = "You are here"`},
		{"site.footer_data", `footer_data = "Data, definitions and downloads"`},
		{"site.languages", `languages = "Languages"`},
		{"site.nav", `nav = "Main"`},
		{"site.skip", `skip = "Skip to main content"`},
	}
	if len(dropped) != site.MaxMissingStrings+1 {
		t.Fatalf("the test drops %d strings; it needs site.MaxMissingStrings+1 = %d", len(dropped), site.MaxMissingStrings+1)
	}
	for _, n := range []int{site.MaxMissingStrings, site.MaxMissingStrings + 1} {
		so := string(en)
		var keys []string
		for _, d := range dropped[:n] {
			if !strings.Contains(so, "\n"+d.line+"\n") {
				t.Fatalf("the built-in en.toml has no line %s", d.line)
			}
			so = strings.Replace(so, "\n"+d.line+"\n", "\n", 1)
			keys = append(keys, d.key)
		}
		so = strings.Replace(so, `guides = "Guides for families"`, `guides = "Hagaha qoysaska"`, 1)
		work := t.TempDir()
		writeInputs(t, readCase(t, "build-translation-too-few"), work)
		if err := os.WriteFile(filepath.Join(work, "content", "i18n", "so.toml"), []byte(so), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, out := filepath.Join(work, "site.toml"), filepath.Join(work, "public")
		checkOut, _, checkErr := run(t, "check", "--config", cfg)
		_, buildErr, err := run(t, "build", "--config", cfg, "--out", out)

		if n <= site.MaxMissingStrings {
			want := "translation so: 5 strings missing, shown in the default language: " + strings.Join(keys, ", ")
			if checkErr != nil || !strings.Contains(checkOut, "\nwarning: "+want+"\n") {
				t.Errorf("check with %d strings missing: %v, and output lacks %q:\n%s", n, checkErr, want, checkOut)
			}
			if err != nil || !strings.Contains(buildErr, "\n"+want+"\n") {
				t.Errorf("build with %d strings missing: %v, and stderr lacks %q:\n%s", n, err, want, buildErr)
			}
			if page := readString(t, filepath.Join(out, "so", "index.html")); !strings.Contains(page, "Hagaha qoysaska") {
				t.Error("so/index.html does not show the strings of the site's so.toml")
			}
			continue
		}
		want := "translation so: more strings missing than the 5 that may be shown in the default language (6): " +
			strings.Join(keys[:5], ", ") + " and 1 more; add them to content/i18n/so.toml"
		for cmd, err := range map[string]error{"check": checkErr, "build": err} {
			if err == nil || err.Error() != want {
				t.Errorf("%s with %d strings missing = %v, want %s", cmd, n, err, want)
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("build wrote a site")
		}
	}
}
