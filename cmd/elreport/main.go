// Command elreport turns a school district's CSV exports into a public static website about
// its English learners: proficiency benchmarks, dropout risk, EL vs non-EL gaps and plans after
// graduation, for the district and every school, in the languages its families speak.
//
// Usage:
//
//	elreport build [--config site.toml] [--out public]
//	elreport check [--config site.toml]
//	elreport serve [--config site.toml] [--port 1313] [--bind 127.0.0.1]
//	elreport new DIR [--empty] [--title TITLE]
//	elreport gen --out DIR [--districts N] [--schools-per-district N] [--students N] [--years N] [--first-year Y] [--seed S]
//	elreport version
//	elreport help [COMMAND]
//
// Run "elreport help COMMAND" (or "elreport COMMAND --help") for a command's flags, with their
// defaults, and examples.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "build" || os.Args[1] == "check") {
		tuneGC() // the one-shot commands: serve keeps running, and would keep the floor
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitStatus(err, os.Stderr))
}

// exitStatus reports err, if any, on stderr and returns the exit status of the command: 0 for
// success, 2 for a mistake in the command line, 1 for any other error.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "elreport: %v\nRun '%s' for usage.\n", err, strings.TrimSpace("elreport help "+usage.cmd))
		return 2
	}
	fmt.Fprintf(stderr, "elreport: %v\n", err)
	return 1
}
