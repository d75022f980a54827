package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"elreport/generator/load"
	"elreport/generator/render"
	"elreport/generator/sample"
	"elreport/generator/site"
)

// usageError is a mistake in the command line (exit status 2). cmd names the command whose
// help the message points to, or is "" for the list of commands.
type usageError struct {
	cmd string
	error
}

// Run runs elreport with the given arguments (without the program name).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"", fmt.Errorf("no command given (%s)", commandNames())}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printOverview(stdout)
		return nil
	case "-version", "--version":
		return runVersion(args[1:], stdout)
	}
	return runCommand(ctx, args[0], args[1:], stdout, stderr)
}

// runCommand runs the command name. A command asked for its help (--help, -help or -h) stops as it
// parses its flags, and runCommand prints the help from the command's flag set.
func runCommand(ctx context.Context, name string, args []string, stdout, stderr io.Writer) error {
	var err error
	switch name {
	case "build":
		err = runBuild(ctx, args, stdout, stderr)
	case "check":
		err = runCheck(ctx, args, stdout)
	case "serve":
		err = runServe(ctx, args, stdout, stderr)
	case "new":
		err = runNew(ctx, args, stdout)
	case "gen":
		err = runGen(ctx, args, stdout)
	case "version":
		err = runVersion(args, stdout)
	case "help":
		err = runHelp(ctx, args, stdout, stderr)
	default:
		return usageError{"", fmt.Errorf("unknown command %q (%s)", name, commandNames())}
	}
	var help helpRequest
	if errors.As(err, &help) {
		printCommandHelp(stdout, findCommand(name), help.fs)
		return nil
	}
	return err
}

// parse parses flags, returning usage errors for bad flags and stray arguments, and a
// helpRequest for --help.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fs.Name(), fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

// parseFlags parses the flags of args, leaving the arguments after them in fs.Args.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return helpRequest{fs}
	case err != nil:
		// The flag package names a flag with one dash; the usage lines give two.
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
			err = fmt.Errorf("unknown flag --%s", name)
		}
		return usageError{fs.Name(), fmt.Errorf("%s: %w", fs.Name(), err)}
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	configPath := fs.String("config", "site.toml", "the site's settings `file`")
	out := fs.String("out", "", "the `folder` to write the site to (default: public beside site.toml)")
	profile := fs.String("profile", "", "write a CPU profile, a heap profile after each stage and each stage's time to `folder` (docs/performance.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	opts := site.Options{Config: *configPath, Out: *out, Log: stderr}
	var prof *profiler
	if *profile != "" {
		if err := site.CheckProfile(opts, *profile); err != nil {
			return err
		}
		var err error
		if prof, err = startProfile(*profile); err != nil {
			return err
		}
		opts.Stage = prof.stage
	}
	sum, err := site.Build(ctx, opts)
	if prof != nil {
		if perr := prof.stop(stderr, sum); perr != nil && err == nil {
			err = perr
		}
	}
	for _, w := range sum.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err != nil {
		return err
	}
	for _, line := range missingTranslations(sum.MissingTranslations) {
		fmt.Fprintln(stderr, line)
	}
	printCoverage(stderr, sum.Coverage)
	secs := sum.Elapsed.Seconds()
	fmt.Fprintf(stdout, "built %s: %d pages, %d downloads, %d charts, %d files (%.1f MB) in %.2fs (%.0f pages/s)\n",
		sum.Out, sum.Pages, sum.Downloads, sum.Charts, sum.Files, float64(sum.Bytes)/1e6, secs, float64(sum.Pages)/secs)
	return nil
}

// missingTranslations says, for each language that lacks interface strings (a few: more stop
// the build), which ones are shown in the default language.
func missingTranslations(missing map[string][]string) []string {
	langs := make([]string, 0, len(missing))
	for lang := range missing {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	lines := make([]string, len(langs))
	for i, lang := range langs {
		keys := missing[lang]
		lines[i] = fmt.Sprintf("translation %s: %d strings missing, shown in the default language: %s",
			lang, len(keys), strings.Join(keys, ", "))
	}
	return lines
}

// printCoverage prints, for each home language of the EL students, how many there are and
// which guides exist in it. This goes to the data team's terminal, not to the site, so small
// counts are shown as they are.
func printCoverage(w io.Writer, coverage []render.Coverage) {
	if len(coverage) == 0 {
		return
	}
	fmt.Fprintln(w, "translation coverage (EL students by home language, latest year):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range coverage {
		lang, guides := "no site language", "no guides"
		if c.SiteLanguage != "" {
			lang = "site language " + c.SiteLanguage
			if len(c.Guides) > 0 {
				guides = "guides: " + strings.Join(c.Guides, ", ")
			}
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", c.HomeLanguage, c.ELStudents, lang, guides)
	}
	tw.Flush()
}

func runCheck(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	configPath := fs.String("config", "site.toml", "the site's settings `file`")
	all := fs.Bool("all-districts", false, "compute, suppress and audit the figures of every district, as build does, not only of those check reports on (the site's district and the goals')")
	if err := parse(fs, args); err != nil {
		return err
	}
	res, err := site.Check(ctx, *configPath, site.CheckOptions{AllDistricts: *all})
	if res != nil && res.Report != nil {
		printReport(stdout, res.Report)
		if err != nil && res.Report.Err() != nil {
			// The error is the report's own (site.Check stops there), and the report has
			// just listed each of its errors: say once, in a line, why check fails.
			err = notFit(res.Report)
		}
	}
	if res != nil && len(res.Public) > 0 {
		if res.Report != nil {
			fmt.Fprintln(stdout)
		}
		for _, line := range res.Public {
			fmt.Fprintln(stdout, line)
		}
	}
	if res != nil {
		warnings := append(res.Warnings, missingTranslations(res.MissingTranslations)...)
		if len(warnings) > 0 {
			fmt.Fprintln(stdout)
		}
		for _, w := range warnings {
			fmt.Fprintf(stdout, "warning: %s\n", w)
		}
	}
	return err
}

// notFit says in one line why the inputs of a report are not fit to publish: the files not
// read, and rejected rows beyond what site.toml allows. The report says why.
func notFit(r *load.Report) error {
	var notRead []string
	for _, f := range r.Files {
		if f.Err != nil {
			notRead = append(notRead, f.Path)
		}
	}
	var parts []string
	switch len(notRead) {
	case 0:
	case 1:
		parts = append(parts, "1 file not read: "+notRead[0])
	default:
		parts = append(parts, fmt.Sprintf("%d files not read: %s", len(notRead), strings.Join(notRead, ", ")))
	}
	if n := r.Rejected(); n > r.AllowRejects {
		rows := "rows"
		if n == 1 {
			rows = "row"
		}
		parts = append(parts, fmt.Sprintf("%d %s rejected, site.toml allows %d", n, rows, r.AllowRejects))
	}
	return errors.New(strings.Join(parts, "; "))
}

// printReport prints the ledger of a load: per file the rows read, accepted and rejected, the
// errors, and the accepted rows per school and year.
func printReport(w io.Writer, r *load.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tread\taccepted\trejected\t")
	for _, f := range r.Files {
		status := ""
		switch {
		case f.Err != nil:
			status = "  (not read)"
		case f.Missing:
			status = "  (no such file: its topic has no figures)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\n", f.Path, f.Read, f.Accepted, f.Rejected, status)
	}
	tw.Flush()

	for _, f := range r.Files {
		if f.Err != nil {
			fmt.Fprintf(w, "\n%v\n", f.Err)
		}
		if f.Rejected == 0 {
			continue
		}
		rows := "rows"
		if f.Rejected == 1 {
			rows = "row"
		}
		fmt.Fprintf(w, "\n%s: %d %s rejected:\n", f.Path, f.Rejected, rows)
		for _, rc := range f.Reasons {
			fmt.Fprintf(w, "  %6d  %s\n", rc.Rows, rc.Reason)
		}
		for _, e := range f.Errors {
			fmt.Fprintf(w, "%v\n", e)
		}
		if f.MoreErrors > 0 {
			fmt.Fprintf(w, "... and %d more errors in %s\n", f.MoreErrors, f.Path)
		}
	}

	printSchoolYears(w, r)
}

// printSchoolYears prints the accepted rows per school and year (rows), one column per file.
func printSchoolYears(w io.Writer, r *load.Report) {
	type schoolYear struct {
		school string
		year   int
	}
	var inputs []string
	counts := map[schoolYear]map[string]int{}
	for _, f := range r.Files {
		if f.Input == "schools" || len(f.Counts) == 0 {
			continue
		}
		if !slices.Contains(inputs, f.Input) { // an input may have several files
			inputs = append(inputs, f.Input)
		}
		for _, c := range f.Counts {
			k := schoolYear{c.SchoolCode, c.Year}
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][f.Input] += c.Rows
		}
	}
	if len(inputs) == 0 {
		return
	}
	keys := make([]schoolYear, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].school != keys[j].school {
			return keys[i].school < keys[j].school
		}
		return keys[i].year < keys[j].year
	})
	fmt.Fprintln(w, "\naccepted rows per school and year (cohort: cohort_year):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "school\tyear\t%s\t\n", strings.Join(inputs, "\t"))
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%d\t", k.school, k.year)
		for _, input := range inputs {
			fmt.Fprintf(tw, "%d\t", counts[k][input])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func runGen(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	out := fs.String("out", "", "the `folder` to write the CSV files to (required)")
	districts := fs.Int("districts", 1, "make `N` districts")
	schools := fs.Int("schools-per-district", 9, "make `N` schools in each district")
	students := fs.Int("students", 6000, "enrol `N` students a year, across all districts")
	years := fs.Int("years", 3, "cover `N` school years")
	firstYear := fs.Int("first-year", 2023, "start with school year `Y`, by its spring (2023 is 2022-23)")
	seed := fs.Uint64("seed", 1, "the random `seed`; the same seed gives the same files")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"gen", errors.New("gen: --out is required")}
	}
	for name, v := range map[string]int{"districts": *districts, "schools-per-district": *schools, "students": *students, "years": *years} {
		if v < 1 {
			return usageError{"gen", fmt.Errorf("gen: --%s must be 1 or more, got %d", name, v)}
		}
	}
	// check and build refuse rows of a school year after the next one (load.SchoolYear): data
	// they would reject whole is no sample.
	if last, next := *firstYear+*years-1, load.SchoolYear(time.Now())+1; last > next {
		return usageError{"gen", fmt.Errorf("gen: --first-year %d with --years %d ends in school year %d, after next school year (%d), whose rows check and build reject; start earlier or make fewer years", *firstYear, *years, last, next)}
	}
	stats, err := sample.Generate(ctx, *out, sample.Options{
		Districts: *districts, SchoolsPerDistrict: *schools, Students: *students,
		Years: *years, FirstYear: *firstYear, Seed: *seed,
	})
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	for _, f := range stats.Files {
		fmt.Fprintf(stdout, "%s\t%d rows\n", f.Name, f.Rows)
	}
	return nil
}
