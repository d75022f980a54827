package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"elreport/generator/config"
)

// unclaimed returns a warning for each CSV file of the data folder (not its subfolders) that
// no input reads: most likely an export saved under another name ("ACCESS Student Data
// 2025.csv"), whose topic would otherwise have no figures without a word. The warning says
// which input the file's header looks like, and the line of site.toml's [data.files] that
// would read it.
func (l *loader) unclaimed(report *Report) []Warning {
	entries, err := fs.ReadDir(l.data, ".")
	if err != nil {
		return nil
	}
	var out []Warning
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(path.Ext(name), ".csv") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		if l.claimed(name, report) {
			continue
		}
		out = append(out, l.unclaimedFile(name, report))
	}
	return out
}

// claimed reports whether an input reads the file of the data folder with the given name. A
// name that differs from an input's only in case is that input's file when the input's file
// was found (the file system ignores case), and so is a name of the same file on disk
// ([data.files] plans = "../exports/plans.csv" for exports/plans.csv).
func (l *loader) claimed(name string, report *Report) bool {
	for _, f := range report.Files {
		if f.Name == name || (strings.EqualFold(f.Name, name) && l.opened[f.Name]) {
			return true
		}
	}
	for _, f := range report.Files {
		if l.opened[f.Name] && l.sameFile(f.Name, name) {
			return true
		}
	}
	return false
}

// unclaimedFile is the warning about a file no input reads.
func (l *loader) unclaimedFile(name string, report *Report) Warning {
	w := Warning{Path: l.cfg.DataFilePath(name)}
	header, err := l.readHeader(name)
	if err != nil || len(header) == 0 {
		w.Message = "no input reads this file, and its header could not be read; if it is one of the inputs, name it in site.toml's [data.files]"
		return w
	}
	best, bestFormat, matched := "", (*format)(nil), 0
	for _, t := range tables {
		formats := []*format{formatOf(l.cfg, t.input, header)}
		if t.input == "access" && formats[0] == nil {
			formats = append(formats, deseFormatFor(header))
		}
		for _, f := range formats {
			n, distinct := headerMatches(t, l.cfg, f, header)
			if distinct && n > matched {
				best, bestFormat, matched = t.input, f, n
			}
		}
	}
	if best == "" {
		w.Message = fmt.Sprintf("no input reads this file, and its header looks like none of the inputs' (%s); if it is one, name it in site.toml's [data.files]",
			strings.Join(config.Inputs, ", "))
		return w
	}
	// When the input reads other files, the line lists them with this one (an input may have
	// several files: one per year, as DESE sends them).
	var read []string
	for _, f := range report.Files {
		if f.Input == best && !f.Missing && l.opened[f.Name] {
			read = append(read, f.Name)
		}
	}
	line, also := fmt.Sprintf("%s = %s", best, tomlString(name)), ""
	if len(read) > 0 {
		items := make([]string, 0, len(read)+1)
		for _, r := range append(read, name) {
			items = append(items, tomlString(r))
		}
		line = fmt.Sprintf("%s = [%s]", best, strings.Join(items, ", "))
		also = fmt.Sprintf(" as well as %s", joinAnd(read))
	}
	w.Message = fmt.Sprintf("no input reads this file; its header looks like %s.csv's (%d of its %d columns); to read it%s, %s",
		best, matched, len(header), also, pasteBlock("data.files", len(l.cfg.Data.Files) > 0, line))
	if (bestFormat == deseAccess || bestFormat == deseAccess2018) && l.cfg.Data.AccessFormat != "dese" {
		w.Message += "\nand, since it is DESE's ACCESS for ELLs student data file, under [data]:\n  access_format = \"dese\""
	}
	// Its header as the input would read it: the required columns it lacks, mapped.
	var missing *missingError
	if _, _, err := resolveLayout(tableOf(best), l.cfg, bestFormat, header); errors.As(err, &missing) {
		w.Message += "\nand, for the columns of its header that " + best + " needs, " +
			pasteBlock("data.columns."+best, len(l.cfg.Data.Columns[best]) > 0, missing.lines()...)
	}
	return w
}

// headerMatches counts the fields of a header that are columns of t (by name, site.toml's
// mapping or the format's header, exactly or loosely), and reports whether one of them is a
// column that tells the inputs apart (not year, student_id, school_code or grade, which most
// inputs have).
func headerMatches(t *table, cfg *config.Config, f *format, header []string) (n int, distinct bool) {
	mapping := cfg.Data.Columns[t.input]
	keys := map[string]int{}
	prefixes := map[string]int{}
	for col, c := range t.columns {
		name := c.name
		if h, ok := mappedHeader(mapping, c.name); ok {
			name = h
		} else if f != nil {
			if p, ok := f.yearSuffixed[col]; ok {
				prefixes[headerKey(p)] = col
				continue
			}
			if h, ok := f.headers[col]; ok {
				name = h
			}
		}
		keys[headerKey(name)] = col
	}
	seen := map[int]bool{}
	for _, h := range header {
		k := headerKey(h)
		col, ok := keys[k]
		if !ok {
			for p, c := range prefixes {
				if rest, found := strings.CutPrefix(k, p); found && len(rest) == 4 {
					col, ok = c, true
				}
			}
		}
		if !ok || seen[col] {
			continue
		}
		seen[col] = true
		n++
		if !slices.Contains([]string{"year", "student_id", "school_code", "grade"}, t.columns[col].name) {
			distinct = true
		}
	}
	return n, distinct
}

// readHeader reads the header of a file of the data folder, whatever its encoding.
func (l *loader) readHeader(name string) ([]string, error) {
	file, err := l.data.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	br := bufio.NewReaderSize(file, 64<<10)
	if start, _ := br.Peek(3); bytes.HasPrefix(start, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(bufio.NewReader(newDetector(br, br.Peek)))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil
	}
	return header, err
}

// tableOf returns the table of an input.
func tableOf(input string) *table {
	for _, t := range tables {
		if t.input == input {
			return t
		}
	}
	return nil
}
