package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/tools/txtar"
)

// TestCases runs the end-to-end cases in testdata/cases. Each NAME.txtar is one run of
// elreport on inputs the case states whole, and what that run must print and write. A case is
// a txtar archive: a comment saying what the case shows, then these sections:
//
//	-- site.toml --          the inputs: every section not named below (data/*.csv, and
//	-- data/schools.csv --   content/... or templates/... overrides) is written into a fresh
//	...                      temporary folder, $WORK
//	-- data/schools.csv (windows-1252) --
//	                         an input written in Windows-1252: a txtar file is UTF-8 text, so
//	                         the section holds the text and the runner encodes it (every
//	                         character must have a Windows-1252 byte)
//	-- data/students.csv (bom) --
//	                         an input written in UTF-8 with a byte order mark, which the
//	                         runner adds (an invisible U+FEFF in a case file would not last)
//	-- cmd --                one command line, e.g. "check" or "build", or several, one a
//	                         line (e.g. "check" then "build"), run in order on the same
//	                         $WORK; the runner adds --config $WORK/site.toml, and to build
//	                         --out $WORK/public; a command line with its own "--config PATH"
//	                         (a site.toml in a folder of the case, e.g. site/site.toml beside
//	                         exports/) gets $WORK/PATH instead
//	-- want/stdout --        what the command prints on standard output (of several commands:
//	                         see below)
//	-- want/stderr --        what it prints on standard error, with the "elreport: ..." line
//	                         that main prints for an error
//	-- want/exit --          the exit status main gives: 0, 1 (error) or 2 (usage error); of
//	                         several commands, the last one's
//	-- want/public/PATH --   the output file public/PATH, compared byte for byte
//	-- exists/public/PATH -- (empty) the output file must exist; its content is not checked
//	-- absent/public/PATH -- (empty) the output file must not exist
//	-- contains/public/PATH --
//	                         lines each of which the output file must contain (as text)
//	-- lacks/public/PATH --  lines none of which the output file may contain
//
// A case of several commands states a sequence that must work as a district would run it:
// every command but the last must exit 0, and the first that does not fails the case at once
// (naming the command, its status and its standard error; the later commands are not run, and
// -update rewrites nothing). want/exit is the last command's status. want/stdout and
// want/stderr are the outputs of every command in turn, each command's block preceded by a line
// "$ COMMAND LINE" (the line of the cmd section with its words one space apart, without what
// the runner adds), in both, even when the command printed nothing there; a case of one
// command has no such line. -update rewrites these sections whole, as for one command.
//
// Standard output and error are compared line by line, exactly, with two allowances: the
// temporary folder is shown as $WORK, and a want line that ends in "..." matches any line that
// starts with the text before the "..." (for timings: "built $WORK/public: 9 pages, ..."). Output
// files are compared exactly.
//
// A difference is reported as the first line that differs. To accept the actual output, run
//
//	go test ./cmd/elreport -run 'TestCases/NAME$' -update
//
// which rewrites the want/ sections of the case file in place (adding want/stdout, want/stderr
// and want/exit if missing), so that the change is reviewed as a diff of the case file. A want
// line ending in "..." stays as it is while it matches; otherwise it becomes the new line cut
// after as many words as it had before the "...", followed by "...". A new case's timing line
// gets its "..." by hand once. Inputs, cmd, exists/, absent/, contains/ and lacks/ are never
// rewritten.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	names := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		names[name] = true
		t.Run(name, func(t *testing.T) { testCase(t, file, caseChecks[name]) })
	}
	for name := range caseChecks {
		if !names[name] {
			t.Errorf("caseChecks names %s, but there is no testdata/cases/%s.txtar", name, name)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/cases/*.txtar from the actual output")

// caseChecks holds, per case, checks over the whole output that no want/ file can state. Each
// gets the case's $WORK folder after the run.
var caseChecks = map[string]func(t *testing.T, work string){
	"build-hostile-names": checkHostileNamesStayText,
	"build-own-exports":   checkOwnExportsDecoded,
}

// checkOwnExportsDecoded checks the output of testdata/cases/build-own-exports.txtar, whose
// schools.csv is Windows-1252 and students.csv UTF-8: the school's name is published with its
// letters, and nothing read in the wrong encoding ("Ã§") is.
func checkOwnExportsDecoded(t *testing.T, work string) {
	page, err := os.ReadFile(filepath.Join(work, "public", "en", "schools", "00500005.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Escola Conceição Elementary") {
		t.Error("en/schools/00500005.html does not name Escola Conceição Elementary")
	}
	err = filepath.WalkDir(filepath.Join(work, "public"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".csv")) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, wrong := range []string{"Ã", "\uFFFD", "Conceio"} {
			if strings.Contains(string(b), wrong) {
				t.Errorf("%s has %q: a name read in the wrong encoding", path, wrong)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Section names (and prefixes) of a case that are not inputs.
const (
	secCmd    = "cmd"
	secStdout = "want/stdout"
	secStderr = "want/stderr"
	secExit   = "want/exit"
	preWant   = "want/public/"
	preExists = "exists/public/"
	preAbsent = "absent/public/"
	preHas    = "contains/public/"
	preLacks  = "lacks/public/"
	// secWindows1252 and secBOM end the name of an input section written in Windows-1252,
	// or in UTF-8 with a byte order mark.
	secWindows1252 = "(windows-1252)"
	secBOM         = "(bom)"
)

// inputName returns the path of the file of an input section: its name without the
// encoding it is written in.
func inputName(section string) string {
	for _, suffix := range []string{secWindows1252, secBOM} {
		if name, ok := strings.CutSuffix(section, " "+suffix); ok {
			return name
		}
	}
	return section
}

// caseRun is what one run of a case's command did.
type caseRun struct {
	line           string // the command line, as the cmd section has it
	stdout, stderr string // with the temporary folder shown as $WORK
	exit           int
}

func testCase(t *testing.T, file string, check func(*testing.T, string)) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	writeInputs(t, ar, work)
	runs, err := runCaseCmd(ar, work)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	got := joinRuns(runs)

	failed := false
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{file}, args...)...)
		failed = true
	}
	for _, run := range runs {
		if line := printedTwice(run); line != "" {
			fail("main prints the error line %q, which the command had printed already: an error is printed once", line)
		}
	}
	changed := false
	seen := map[string]bool{}
	for i := range ar.Files {
		f := &ar.Files[i]
		seen[f.Name] = true
		var want, actual string
		loose := false
		switch name := f.Name; {
		case name == secStdout, name == secStderr:
			want, loose = string(f.Data), true
			actual = got.stdout
			if name == secStderr {
				actual = got.stderr
			}
		case name == secExit:
			want, actual = string(f.Data), fmt.Sprintf("%d\n", got.exit)
			if n, err := strconv.Atoi(strings.TrimSpace(want)); err == nil && n == got.exit {
				continue
			}
		case strings.HasPrefix(name, preWant):
			path := strings.TrimPrefix(name, "want/")
			b, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(path)))
			if err != nil {
				fail("%s was not written", path)
				continue
			}
			want, actual = string(f.Data), string(b)
		case strings.HasPrefix(name, preExists):
			path := strings.TrimPrefix(name, "exists/")
			if _, err := os.Stat(filepath.Join(work, filepath.FromSlash(path))); err != nil {
				fail("%s was not written", path)
			}
			continue
		case strings.HasPrefix(name, preAbsent):
			path := strings.TrimPrefix(name, "absent/")
			if _, err := os.Stat(filepath.Join(work, filepath.FromSlash(path))); err == nil {
				fail("%s was written, but must not be", path)
			}
			continue
		case strings.HasPrefix(name, preHas), strings.HasPrefix(name, preLacks):
			has := strings.HasPrefix(name, preHas)
			path := name[strings.Index(name, "/")+1:]
			b, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(path)))
			if err != nil {
				fail("%s was not written", path)
				continue
			}
			for _, line := range strings.Split(strings.TrimRight(string(f.Data), "\n"), "\n") {
				if strings.Contains(string(b), line) != has {
					if has {
						fail("%s does not contain %q", path, line)
					} else {
						fail("%s contains %q, but must not", path, line)
					}
				}
			}
			continue
		default: // cmd or an input
			continue
		}
		diff := firstDiff(want, actual, loose)
		if diff == "" {
			continue
		}
		if *update {
			if loose {
				actual = keepLooseLines(want, actual)
			}
			f.Data, changed = []byte(actual), true
			continue
		}
		msg := fmt.Sprintf("%s differs at %s", f.Name, diff)
		if f.Name == secExit {
			msg = fmt.Sprintf("%s: the command exited with status %d, want %s", f.Name, got.exit, strings.TrimSpace(want))
		}
		if loose && actual != "" {
			msg += "\nwhole output:\n" + indent(actual)
		}
		fail("%s", msg)
	}
	for _, name := range []string{secStdout, secStderr, secExit} {
		if seen[name] {
			continue
		}
		if !*update {
			fail("no -- %s -- section (run with -update to add one)", name)
			continue
		}
		data := map[string]string{secStdout: got.stdout, secStderr: got.stderr, secExit: fmt.Sprintf("%d\n", got.exit)}[name]
		ar.Files, changed = append(ar.Files, txtar.File{Name: name, Data: []byte(data)}), true
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", file)
	}
	if check != nil {
		check(t, work)
	}
	if failed {
		t.Logf("to accept the actual output: go test ./cmd/elreport -run 'TestCases/%s$' -update", strings.TrimSuffix(filepath.Base(file), ".txtar"))
	}
}

// readCase reads testdata/cases/NAME.txtar.
func readCase(t *testing.T, name string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

// writeInputs writes the input sections of a case into work, and checks that every other
// section is one the runner knows.
func writeInputs(t *testing.T, ar *txtar.Archive, work string) {
	t.Helper()
	for _, f := range ar.Files {
		switch name := f.Name; {
		case name == secCmd, name == secStdout, name == secStderr, name == secExit,
			strings.HasPrefix(name, preWant), strings.HasPrefix(name, preExists), strings.HasPrefix(name, preAbsent),
			strings.HasPrefix(name, preHas), strings.HasPrefix(name, preLacks):
			continue
		case strings.HasPrefix(name, "want/"), strings.HasPrefix(name, "exists/"), strings.HasPrefix(name, "absent/"),
			strings.HasPrefix(name, "contains/"), strings.HasPrefix(name, "lacks/"):
			t.Fatalf("unknown section %q (want/stdout, want/stderr, want/exit, want/public/..., exists/public/..., absent/public/..., contains/public/..., lacks/public/...)", name)
		case !filepath.IsLocal(inputName(name)) || strings.HasPrefix(name, "public/"):
			t.Fatalf("input %q is not a path inside the case's folder outside public/", name)
		}
		name, data := inputName(f.Name), f.Data
		switch {
		case strings.HasSuffix(f.Name, " "+secWindows1252):
			b, err := charmap.Windows1252.NewEncoder().Bytes(data)
			if err != nil {
				t.Fatalf("section %q: %v", f.Name, err)
			}
			data = b
		case strings.HasSuffix(f.Name, " "+secBOM):
			data = append([]byte("\xEF\xBB\xBF"), data...)
		}
		path := filepath.Join(work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runCaseCmd runs the command lines of the cmd section of a case on the inputs in work, as
// main would run them, one after the other, and returns what each did. It returns an error
// when the section holds no command line, or when a command before the last does not exit 0
// (the later ones are not run); the error names that command and holds its standard error.
func runCaseCmd(ar *txtar.Archive, work string) ([]caseRun, error) {
	var cmd []byte
	for _, f := range ar.Files {
		if f.Name == secCmd {
			cmd = f.Data
		}
	}
	lines := strings.Split(strings.TrimSpace(string(cmd)), "\n")
	for _, line := range lines {
		if len(strings.Fields(line)) == 0 {
			return nil, fmt.Errorf("the -- %s -- section must hold command lines, one a line, e.g. check or build, and no empty line; it has %q", secCmd, cmd)
		}
	}
	var runs []caseRun
	for i, line := range lines {
		run := runCaseLine(line, work)
		runs = append(runs, run)
		if i < len(lines)-1 && run.exit != 0 {
			return runs, fmt.Errorf("command %d of %d, %q, exited with status %d: every command but the last must exit 0 (the later ones were not run); its standard error:\n%s",
				i+1, len(lines), run.line, run.exit, indent(run.stderr))
		}
	}
	return runs, nil
}

// joinRuns returns what the runs of a case's commands printed, as want/stdout and
// want/stderr state it, and the last one's exit status: one run as it is; several each after
// a line "$ COMMAND LINE" in both outputs.
func joinRuns(runs []caseRun) caseRun {
	if len(runs) == 1 {
		return runs[0]
	}
	var all caseRun
	for _, run := range runs {
		all.stdout += "$ " + run.line + "\n" + run.stdout
		all.stderr += "$ " + run.line + "\n" + run.stderr
		all.exit = run.exit
	}
	return all
}

// runCaseLine runs one command line of a case on the inputs in work, as main would run it.
func runCaseLine(line, work string) caseRun {
	args := strings.Fields(line)
	config := filepath.Join(work, "site.toml")
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--config" {
			config = filepath.Join(work, filepath.FromSlash(args[i+1]))
			args = append(args[:i], args[i+2:]...)
			break
		}
	}
	switch args[0] {
	case "build":
		args = append(args, "--config", config, "--out", filepath.Join(work, "public"))
	case "check":
		args = append(args, "--config", config)
	}
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), args, &stdout, &stderr)
	exit := exitStatus(err, &stderr)
	return caseRun{
		line:   strings.Join(strings.Fields(line), " "),
		stdout: strings.ReplaceAll(stdout.String(), work, "$WORK"),
		stderr: strings.ReplaceAll(stderr.String(), work, "$WORK"),
		exit:   exit,
	}
}

// printedTwice returns a line of the error that main printed (from "elreport: " to the usage
// hint, if any) which the command had already printed, on standard output or error, or "".
func printedTwice(run caseRun) string {
	errLines := splitLines(run.stderr)
	start := slices.IndexFunc(errLines, func(l string) bool { return strings.HasPrefix(l, "elreport: ") })
	if start < 0 {
		return ""
	}
	before := append(splitLines(run.stdout), errLines[:start]...)
	for i, line := range errLines[start:] {
		if i == 0 {
			line = strings.TrimPrefix(line, "elreport: ")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "Run 'elreport help") {
			continue
		}
		if slices.Contains(before, line) {
			return line
		}
	}
	return ""
}

// firstDiff returns "" when got matches want, and otherwise where and how they first differ.
// With loose, a want line that ends in "..." matches any got line that starts with the text
// before it.
func firstDiff(want, got string, loose bool) string {
	if want == got {
		return ""
	}
	wl, gl := splitLines(want), splitLines(got)
	for i := 0; i < max(len(wl), len(gl)); i++ {
		w, g := "(no more lines)", "(no more lines)"
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) && i < len(gl) && lineMatches(w, g, loose) {
			continue
		}
		if w == g || strings.TrimRight(w, " \t\r") == strings.TrimRight(g, " \t\r") {
			w, g = strconv.Quote(w), strconv.Quote(g) // show the invisible difference
		}
		if w == "" {
			w = "(empty line)"
		}
		if g == "" {
			g = "(empty line)"
		}
		return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
	}
	if strings.HasSuffix(want, "\n") == strings.HasSuffix(got, "\n") {
		return "" // every line matches loosely
	}
	if strings.HasSuffix(want, "\n") {
		return "the end: the want section ends in a newline, the output does not"
	}
	return "the end: the output ends in a newline, the want section does not"
}

func lineMatches(want, got string, loose bool) bool {
	if want == got {
		return true
	}
	prefix, ok := strings.CutSuffix(want, "...")
	return loose && ok && strings.HasPrefix(got, prefix)
}

// splitLines splits text into lines without their "\n".
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// keepLooseLines returns got for -update, keeping the "..." of want: where the want line at
// the same position ends in "..." and matches, it is kept; where it no longer matches, the new
// line is cut after as many words as the want line had before its "...", so that the varying
// end (a timing) stays out of the case file.
func keepLooseLines(want, got string) string {
	wl, gl := splitLines(want), splitLines(got)
	for i := range gl {
		if i >= len(wl) {
			break
		}
		prefix, ok := strings.CutSuffix(wl[i], "...")
		switch {
		case !ok:
		case strings.HasPrefix(gl[i], prefix):
			gl[i] = wl[i]
		default:
			n := len(strings.Fields(prefix))
			if words := strings.Fields(gl[i]); len(words) > n {
				gl[i] = strings.Join(words[:n], " ") + " ..."
			}
		}
	}
	out := strings.Join(gl, "\n")
	if strings.HasSuffix(got, "\n") {
		out += "\n"
	}
	return out
}

func indent(text string) string {
	return "    " + strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n    ")
}
