package main

import (
	"bytes"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// TestHelpEveryCommand asks every command for its help in each of the ways a user may: each
// prints the same text on standard output with no error, and the text lists exactly the flags
// of the command's usage line.
func TestHelpEveryCommand(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			want, _, err := run(t, "help", c.name)
			if err != nil {
				t.Fatalf("help %s: %v", c.name, err)
			}
			if !strings.HasPrefix(want, "Usage: elreport "+c.name) || !strings.Contains(want, "Examples:\n") {
				t.Errorf("help %s has no usage line or no examples:\n%s", c.name, want)
			}
			for _, h := range []string{"--help", "-help", "-h"} {
				got, stderr, err := run(t, c.name, h)
				if err != nil || got != want || stderr != "" {
					t.Errorf("%s %s = %v, stderr %q, and stdout\n%s\nwant the output of help %s:\n%s", c.name, h, err, stderr, got, c.name, want)
				}
			}
			if got, want := flagsListed(want), flagsOfUsage(c.args); !slices.Equal(got, want) {
				t.Errorf("help %s lists the flags %q; its usage line has %q", c.name, got, want)
			}
		})
	}
}

// flagsListed returns the flags of the Flags section of a command's help, sorted.
func flagsListed(help string) []string {
	_, section, ok := strings.Cut(help, "\nFlags:\n")
	if !ok {
		return nil
	}
	section, _, _ = strings.Cut(section, "\n\n")
	var names []string
	for _, line := range strings.Split(section, "\n") {
		names = append(names, strings.Fields(line)[0])
	}
	slices.Sort(names)
	return names
}

// flagsOfUsage returns the flags named in a usage line, sorted.
func flagsOfUsage(args string) []string {
	names := regexp.MustCompile(`--[a-z-]+`).FindAllString(args, -1)
	slices.Sort(names)
	return names
}

// TestHelpShowsDefaults checks that a command's help gives each flag's default.
func TestHelpShowsDefaults(t *testing.T) {
	out, _, err := run(t, "gen", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Usage: elreport gen --out DIR",
		"--seed seed ", "(default: 1)\n",
		"--students N ", "(default: 6000)\n",
		"--out folder ", "(required)\n",
		"elreport gen --out data\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("gen --help lacks %q:\n%s", want, out)
		}
	}
}

func TestHelpOverview(t *testing.T) {
	want, _, err := run(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		if !strings.Contains(want, "\n  elreport "+c.name) {
			t.Errorf("help does not list %s:\n%s", c.name, want)
		}
	}
	for _, h := range []string{"--help", "-help", "-h"} {
		if got, _, err := run(t, h); err != nil || got != want {
			t.Errorf("elreport %s = %v and\n%s\nwant the output of help", h, err, got)
		}
	}
}

// TestUsageErrorHint checks what main prints for a mistake on the command line: one line
// saying what is wrong, then which help to read, and exit status 2.
func TestUsageErrorHint(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "elreport: no command given (build, check, serve, new, gen, version, help)\nRun 'elreport help' for usage.\n"},
		{[]string{"publish"}, "elreport: unknown command \"publish\" (build, check, serve, new, gen, version, help)\nRun 'elreport help' for usage.\n"},
		{[]string{"help", "nosuch"}, "elreport: help: unknown command \"nosuch\" (build, check, serve, new, gen, version, help)\nRun 'elreport help' for usage.\n"},
		{[]string{"help", "build", "check"}, "elreport: help: give one command, not [\"build\" \"check\"]\nRun 'elreport help help' for usage.\n"},
		{[]string{"build", "--nope"}, "elreport: build: unknown flag --nope\nRun 'elreport help build' for usage.\n"},
		{[]string{"check", "extra"}, "elreport: check: unexpected argument \"extra\"\nRun 'elreport help check' for usage.\n"},
		{[]string{"gen"}, "elreport: gen: --out is required\nRun 'elreport help gen' for usage.\n"},
		{[]string{"gen", "--out", "x", "--years", "0"}, "elreport: gen: --years must be 1 or more, got 0\nRun 'elreport help gen' for usage.\n"},
		{[]string{"new"}, "elreport: new: give the folder to create: elreport new DIR\nRun 'elreport help new' for usage.\n"},
		{[]string{"version", "now"}, "elreport: version: unexpected argument \"now\"\nRun 'elreport help version' for usage.\n"},
	}
	for _, tt := range tests {
		stdout, _, err := run(t, tt.args...)
		var stderr bytes.Buffer
		if status := exitStatus(err, &stderr); status != 2 || stderr.String() != tt.want || stdout != "" {
			t.Errorf("elreport %q: exit %d, stdout %q, stderr\n%s\nwant exit 2 and\n%s", tt.args, status, stdout, stderr.String(), tt.want)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		out, _, err := run(t, args...)
		if err != nil || !strings.HasPrefix(out, "elreport ") || strings.Count(out, "\n") != 1 {
			t.Errorf("elreport %s = %v, %q; want one line starting with elreport", args[0], err, out)
		}
	}
}

func TestVersionLine(t *testing.T) {
	vcs := func(version string, settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "elreport", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	const rev = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "elreport (devel)"},
		{"go test", vcs(""), true, "elreport (devel)"},
		{"go run", vcs("(devel)"), true, "elreport (devel)"},
		{"checkout", vcs("(devel)", "vcs.revision", rev, "vcs.modified", "false"), true, "elreport (devel) 1a2b3c4"},
		{"changed checkout", vcs("(devel)", "vcs.revision", rev, "vcs.modified", "true"), true, "elreport (devel) 1a2b3c4 (modified)"},
		{"release", vcs("v1.2.0"), true, "elreport v1.2.0"},
		{"pseudo-version", vcs("v0.0.0-20251001120000-1a2b3c4d5e6f+dirty", "vcs.revision", rev, "vcs.modified", "true"), true,
			"elreport v0.0.0-20251001120000-1a2b3c4d5e6f+dirty"},
		{"short revision", vcs("(devel)", "vcs.revision", "abc"), true, "elreport (devel) abc"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.info, tt.ok); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
