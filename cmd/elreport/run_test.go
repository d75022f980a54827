package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"elreport/generator/load"
)

// copySample copies the shipped site.toml and data/ into a fresh folder and returns the path
// of its site.toml, so a test can change the inputs without touching the repository.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, "../../site.toml", filepath.Join(dir, "site.toml"))
	entries, err := os.ReadDir("../../data")
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "data"), 0o755)
	for _, e := range entries {
		copyFile(t, filepath.Join("../../data", e.Name()), filepath.Join(dir, "data", e.Name()))
	}
	// The sample's improvement plan: its words are the site's own content, not built in.
	goals, err := os.ReadDir("../../content/goals")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "content", "goals"), 0o755)
	for _, e := range goals {
		copyFile(t, filepath.Join("../../content/goals", e.Name()), filepath.Join(dir, "content", "goals", e.Name()))
	}
	return filepath.Join(dir, "site.toml")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = Run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"publish"}, {"build", "--nope"}, {"check", "extra"}, {"gen"}} {
		_, _, err := run(t, args...)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("Run(%q) = %v, want a usage error", args, err)
		}
	}
	out, _, err := run(t, "help")
	if err != nil || !strings.Contains(out, "elreport build") {
		t.Errorf("help = %q, %v", out, err)
	}
}

// TestCheckSample checks that the shipped sample passes check with no rejected row. The
// layout of check's report is shown whole by testdata/cases/check-one-district.txtar.
func TestCheckSample(t *testing.T) {
	out, _, err := run(t, "check", "--config", "../../site.toml")
	if err != nil {
		t.Fatalf("check on the shipped sample: %v\n%s", err, out)
	}
	for _, want := range []string{"data/access.csv", "accepted rows per school and year"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, " rejected:\n") {
		t.Errorf("check rejected rows of the shipped sample:\n%s", out)
	}
}

func TestBuildIsReproducibleAndPrivate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole sample site twice")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, out := range []string{a, b} {
		stdout, stderr, err := run(t, "build", "--config", "../../site.toml", "--out", out)
		if err != nil {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		if !strings.Contains(stdout, "pages") {
			t.Errorf("build printed no closing line: %q", stdout)
		}
	}
	filesA, filesB := readTree(t, a), readTree(t, b)
	if len(filesA) != len(filesB) {
		t.Errorf("builds wrote %d and %d files", len(filesA), len(filesB))
	}
	for name, data := range filesA {
		if !bytes.Equal(data, filesB[name]) {
			t.Errorf("%s differs between two builds of the same inputs", name)
		}
	}
	for _, want := range []string{"index.html", "data/metrics.csv", "en/index.html", "ar/index.html", "404.html", "sitemap.xml"} {
		if _, ok := filesA[want]; !ok {
			t.Errorf("site lacks %s", want)
		}
	}

	// No student id may reach any output file: tokenise every file and look each token up.
	ids := studentIDs(t, "../../data/students.csv")
	for name, data := range filesA {
		for _, tok := range strings.FieldsFunc(string(data), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if ids[tok] {
				t.Fatalf("%s contains student id %q", name, tok)
			}
		}
	}
}

// TestFailedBuildKeepsPreviousSite builds the inputs of one case, then builds again over the
// same output after writing the inputs of a case with a rejected row: the second build must fail
// and leave the first site as it was, with no staging folder behind.
func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	work := t.TempDir()
	cfg, out := filepath.Join(work, "site.toml"), filepath.Join(work, "public")
	writeInputs(t, readCase(t, "build-one-district"), work)
	if _, stderr, err := run(t, "build", "--config", cfg, "--out", out); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	before := readTree(t, out)
	writeInputs(t, readCase(t, "check-bad-level"), work)
	_, _, err := run(t, "build", "--config", cfg, "--out", out)
	if err == nil || !strings.Contains(err.Error(), "rejected") {
		t.Fatalf("build with a rejected row = %v, want an error about rejected rows", err)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("failed build changed the site: %d files before, %d after", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Fatalf("failed build changed %s", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.building-*"))
	if len(leftovers) > 0 {
		t.Errorf("failed build left %v behind", leftovers)
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func studentIDs(t *testing.T, file string) map[string]bool {
	t.Helper()
	ids := csvColumn(t, file, "student_id")
	if len(ids) == 0 {
		t.Fatal("no student ids read")
	}
	return ids
}

// checkHostileNamesStayText checks the output of testdata/cases/build-hostile-names.txtar,
// whose schools are named with a script and a spreadsheet formula. Names from the inputs reach
// pages, chart options and downloads; a hostile one must stay inert text in all of them:
// escaped in HTML, escaped inside the chart JSON, and not a formula in a spreadsheet.
func checkHostileNamesStayText(t *testing.T, work string) {
	files := readTree(t, filepath.Join(work, "public"))
	escaped, escapedJSON := false, false
	for name, data := range files {
		text := string(data)
		switch {
		case strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".xml"):
			if strings.Contains(text, "<script>alert(1)") {
				t.Errorf("%s carries the school name's script as markup", name)
			}
			escaped = escaped || strings.Contains(text, "A&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
			escapedJSON = escapedJSON || strings.Contains(text, `"A\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`)
		case strings.HasSuffix(name, ".csv"):
			r := csv.NewReader(bytes.NewReader(data))
			r.FieldsPerRecord = -1
			records, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, rec := range records {
				for _, cell := range rec {
					if strings.HasPrefix(cell, "=") {
						t.Fatalf("%s has a formula cell %q", name, cell)
					}
				}
			}
		}
	}
	if !escaped {
		t.Error("no page shows the hostile school name as escaped text")
	}
	if !escapedJSON {
		t.Error("no chart carries the hostile school name as an escaped JSON string")
	}
	if !strings.Contains(string(files["data/metrics.csv"]), `"'=HYPERLINK(""http://evil.example"",""x"")"`) {
		t.Error("data/metrics.csv does not keep the formula-like name as text")
	}
}

// gen refuses years that check and build would reject whole: after next school year.
func TestGenRefusesLateYears(t *testing.T) {
	next := load.SchoolYear(time.Now()) + 1
	out := filepath.Join(t.TempDir(), "data")
	_, _, err := run(t, "gen", "--out", out, "--first-year", fmt.Sprint(next-1), "--years", "3")
	want := fmt.Sprintf("gen: --first-year %d with --years 3 ends in school year %d, after next school year (%d)", next-1, next+1, next)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("gen: %v, want %s", err, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("gen wrote files before refusing")
	}
	if _, _, err := run(t, "gen", "--out", out, "--first-year", fmt.Sprint(next-2), "--years", "3", "--students", "50"); err != nil {
		t.Errorf("gen ending in next school year: %v", err)
	}
}
