package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"
)

// command is one of elreport's commands as help describes it. Each command's flags are
// defined where it runs (runBuild, runCheck, ...); help lists them from the command's own
// flag set, so a flag and its help cannot drift apart.
type command struct {
	name string
	// args is the usage line after the name: "[--config site.toml] [--out public]".
	args string
	// doc says what the command does: lines of at most 80 characters, no indentation.
	doc      string
	examples []example
}

// example is a command line and what it does.
type example struct {
	line, does string
}

// commands lists elreport's commands in the order the overview gives them. Run dispatches
// them; TestHelpEveryCommand checks that each has its help.
var commands = []command{
	{
		name: "build",
		args: "[--config site.toml] [--out public] [--profile DIR]",
		doc: `Load and check the inputs, compute every figure and write the site to --out
(default: public/ beside site.toml). The site is swapped in only when complete.`,
		examples: []example{
			{"elreport build", "build the site of ./site.toml into ./public"},
			{"elreport build --config lakeside/site.toml --out /srv/www/el-report", "build another site, into a web server's folder"},
			{"elreport build --profile prof", "also time each stage and write CPU and heap profiles to prof/ (go tool pprof)"},
		},
	},
	{
		name: "check",
		args: "[--config site.toml] [--all-districts]",
		doc: `Load and validate every input and print what was read, accepted and rejected.
Exits non-zero when the inputs are not fit to publish. On data of several districts it
computes the figures of those it reports on (the site's district and the goals') and
leaves the others' to build; --all-districts computes and audits every district's.`,
		examples: []example{
			{"elreport check", "check the inputs of ./site.toml"},
			{"elreport check --config lakeside/site.toml", "check another site's inputs"},
			{"elreport check --all-districts", "also suppress and audit every district's figures, as build does"},
		},
	},
	{
		name: "serve",
		args: "[--config site.toml] [--port 1313] [--bind 127.0.0.1]",
		doc: `Build the site into memory and serve it at http://127.0.0.1:1313/ while you work
on it: a change to site.toml, the data, content/, templates/ or the public data
builds it again, and open pages reload. A build that fails shows its error on
the pages, over the last site that built, until it is fixed. Nothing is written
to disk; elreport build makes the site to publish. Ctrl+C stops.`,
		examples: []example{
			{"elreport serve", "serve the site of ./site.toml at http://127.0.0.1:1313/"},
			{"elreport serve --config lakeside/site.toml --port 8080", "another site, on another port"},
			{"elreport serve --port 0", `any free port: the line "serving http://..." says which`},
		},
	},
	{
		name: "new",
		args: "DIR [--empty] [--title TITLE]",
		doc: `Create a site: DIR/site/site.toml (every setting, with its default) and the data
folder DIR/exports beside it, outside the site's folder, with the sample district's
data (or, with --empty, the eight input files as headers only). Then:
cd DIR/site && elreport build.`,
		examples: []example{
			{"elreport new lakeside", "a site with the sample district, ready to build"},
			{`elreport new lakeside --empty --title "Lakeside EL Report"`, "a site for your own exports"},
		},
	},
	{
		name: "gen",
		args: "--out DIR [--districts N] [--schools-per-district N] [--students N]\n             [--years N] [--first-year Y] [--seed S]",
		doc: `Write a synthetic but realistic set of the eight input files. The same seed
gives the same bytes.`,
		examples: []example{
			{"elreport gen --out data", "the sample district shipped in data/"},
			{"elreport gen --out big --districts 3 --students 50000 --seed 7", "a larger data set, for timing a build"},
		},
	},
	{
		name: "version",
		doc:  `Print elreport's version and the commit it was built from.`,
		examples: []example{
			{"elreport version", `e.g. "elreport (devel) 1a2b3c4 (modified)"`},
		},
	},
	{
		name: "help",
		args: "[COMMAND]",
		doc: `Print the commands, or one command's usage, flags and examples (as
"elreport COMMAND --help" does).`,
		examples: []example{
			{"elreport help build", "the flags of build, with their defaults"},
		},
	},
}

// commandNames lists the commands for messages: "build, check, serve, new, gen, version, help".
func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// findCommand returns the command named name, or nil.
func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// printOverview prints the commands and what each does.
func printOverview(w io.Writer) {
	fmt.Fprint(w, `elreport turns a school district's CSV exports into a public static website
about its English learners.

Usage:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "\n  %s\n%s\n", strings.TrimSpace("elreport "+c.name+" "+c.args), indent6(c.doc))
	}
	fmt.Fprint(w, "\nRun 'elreport help COMMAND' (or 'elreport COMMAND --help') for its flags and examples.\n")
}

// indent6 indents every line of text by six spaces.
func indent6(text string) string {
	return "      " + strings.ReplaceAll(text, "\n", "\n      ")
}

// printCommandHelp prints the usage of one command: what it does, its flags with their
// defaults (from fs, the flag set the command parses its arguments with) and examples.
func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("elreport "+c.name+" "+c.args), c.doc)
	if fs != nil {
		var flags strings.Builder
		tw := tabwriter.NewWriter(&flags, 0, 0, 2, ' ', 0)
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			if name != "" {
				name = " " + name
			}
			if !isZeroDefault(f.DefValue) {
				usage += fmt.Sprintf(" (default: %s)", f.DefValue)
			}
			fmt.Fprintf(tw, "  --%s%s\t%s\n", f.Name, name, usage)
		})
		tw.Flush()
		if flags.Len() > 0 {
			fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
		}
	}
	if len(c.examples) > 0 {
		fmt.Fprintln(w, "\nExamples:")
		for _, e := range c.examples {
			fmt.Fprintf(w, "  %s\n      %s\n", e.line, e.does)
		}
	}
}

// isZeroDefault reports whether a flag's default is its type's zero value, which help does
// not show.
func isZeroDefault(v string) bool {
	return v == "" || v == "0" || v == "false"
}

// helpRequest is a command line asking for a command's help (--help, -help or -h): Run prints
// the help of the command, with the flag set it parses, and exits 0.
type helpRequest struct{ fs *flag.FlagSet }

func (h helpRequest) Error() string { return h.fs.Name() + ": help requested" }

// runHelp prints the overview, or the help of the command named in args.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("help", flag.ContinueOnError)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		printOverview(stdout)
		return nil
	case 1:
	default:
		return usageError{"help", fmt.Errorf("help: give one command, not %q", fs.Args())}
	}
	name := fs.Arg(0)
	if findCommand(name) == nil {
		return usageError{"", fmt.Errorf("help: unknown command %q (%s)", name, commandNames())}
	}
	// The command prints its own help, from the flag set it parses, and does nothing else.
	return runCommand(ctx, name, []string{"--help"}, stdout, stderr)
}

// runVersion prints the version of elreport (see versionLine).
func runVersion(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, versionLine(debug.ReadBuildInfo()))
	return nil
}

// versionLine says which elreport this is, from the build information Go records in the
// binary: the module's version ("(devel)" when built from a checkout, as by go run and go
// test), then, when built with VCS information, the commit and whether the working tree had
// changes: "elreport (devel) 1a2b3c4 (modified)". A version that already names the commit (a
// pseudo-version, "v0.0.0-20251001120000-1a2b3c4d5e6f+dirty") is not followed by it again.
func versionLine(info *debug.BuildInfo, ok bool) string {
	version := "(devel)"
	if ok && info.Main.Version != "" {
		version = info.Main.Version
	}
	line := "elreport " + version
	if !ok {
		return line
	}
	var revision string
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision != "" && !strings.Contains(version, revision[:min(12, len(revision))]) {
		line += " " + revision[:min(7, len(revision))]
	}
	if modified && !strings.HasSuffix(version, "+dirty") {
		line += " (modified)"
	}
	return line
}
