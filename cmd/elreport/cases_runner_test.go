package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// withCmd returns ar with its cmd section replaced by cmd.
func withCmd(ar *txtar.Archive, cmd string) *txtar.Archive {
	out := &txtar.Archive{Comment: ar.Comment}
	for _, f := range ar.Files {
		if f.Name != secCmd {
			out.Files = append(out.Files, f)
		}
	}
	out.Files = append(out.Files, txtar.File{Name: secCmd, Data: []byte(cmd)})
	return out
}

// TestCaseRunnerSeveralCommands checks what the case runner makes of a cmd section of several
// lines: each command's output after a "$ LINE" line, the last one's status, and a case that
// fails as soon as a command before the last does not exit 0.
func TestCaseRunnerSeveralCommands(t *testing.T) {
	t.Run("one command has no $ line", func(t *testing.T) {
		runs, err := runCaseCmd(withCmd(&txtar.Archive{}, "version\n"), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		got := joinRuns(runs)
		if len(runs) != 1 || strings.Contains(got.stdout+got.stderr, "$ ") || !strings.HasPrefix(got.stdout, "elreport ") {
			t.Errorf("one command: got %d runs, stdout %q, stderr %q; want one run printing the version and no $ line", len(runs), got.stdout, got.stderr)
		}
	})
	t.Run("each command's output after its line", func(t *testing.T) {
		work := t.TempDir()
		one, err := runCaseCmd(withCmd(&txtar.Archive{}, "version"), work)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := runCaseCmd(withCmd(&txtar.Archive{}, "version\n  help   build \n"), work)
		if err != nil {
			t.Fatal(err)
		}
		help := runCaseLine("help build", work)
		got := joinRuns(runs)
		wantOut := "$ version\n" + one[0].stdout + "$ help build\n" + help.stdout
		wantErr := "$ version\n" + one[0].stderr + "$ help build\n" + help.stderr
		if got.stdout != wantOut || got.stderr != wantErr || got.exit != 0 {
			t.Errorf("got stdout %q, stderr %q, exit %d; want stdout %q, stderr %q, exit 0", got.stdout, got.stderr, got.exit, wantOut, wantErr)
		}
	})
	t.Run("the last command's status", func(t *testing.T) {
		runs, err := runCaseCmd(withCmd(&txtar.Archive{}, "version\nfrobnicate"), t.TempDir())
		if err != nil {
			t.Fatalf("a failing last command: %v, want no error (want/exit states its status)", err)
		}
		if got := joinRuns(runs); got.exit != 2 || !strings.Contains(got.stderr, "$ frobnicate\nelreport: ") {
			t.Errorf("got exit %d, stderr %q; want exit 2 and the usage error after $ frobnicate", got.exit, got.stderr)
		}
	})
	t.Run("an earlier command that fails stops the case", func(t *testing.T) {
		work := t.TempDir()
		ar := withCmd(readCase(t, "check-bad-level"), "check\nbuild\n")
		writeInputs(t, ar, work)
		runs, err := runCaseCmd(ar, work)
		if err == nil {
			t.Fatal("check exits 1 before build: got no error, want the case to fail")
		}
		for _, want := range []string{`command 1 of 2, "check", exited with status 1`, "elreport: 1 row rejected"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
		if len(runs) != 1 {
			t.Errorf("got %d runs, want 1: build must not run after check failed", len(runs))
		}
		if _, err := os.Stat(filepath.Join(work, "public")); err == nil {
			t.Error("public/ was written: build ran after check failed")
		}
	})
	t.Run("an empty line is an error", func(t *testing.T) {
		if _, err := runCaseCmd(withCmd(&txtar.Archive{}, "check\n\nbuild\n"), t.TempDir()); err == nil || !strings.Contains(err.Error(), "no empty line") {
			t.Errorf("got %v, want an error about the empty line", err)
		}
	})
}
