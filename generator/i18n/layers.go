package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"elreport/generator/textcheck"
)

// Layered is implemented by a file system made of layers, such as a site's own content/
// folder over the program's built-in content (site.Overlay). [Load] reads a language's file
// from every layer that has it and merges them key by key, an upper layer's text winning, so
// that a site's file may hold only the strings it changes.
type Layered interface {
	fs.FS
	// Layers returns the upper layer and the layer below it; either may itself be Layered.
	Layers() (upper, lower fs.FS)
}

// layersOf returns the layers of fsys, the lowest first; a file system that is not Layered is
// one layer.
func layersOf(fsys fs.FS) []fs.FS {
	l, ok := fsys.(Layered)
	if !ok {
		return []fs.FS{fsys}
	}
	upper, lower := l.Layers()
	return append(layersOf(lower), layersOf(upper)...)
}

// file is a translation file as read from one layer.
type file struct {
	name  string // as messages show it
	top   bool   // of the top layer: the site's own, or the only layer
	cat   catalog
	lines keyLines
}

// readFile reads and checks the translation file name of fsys, shown as shown in messages.
// A file that does not exist is an error satisfying errors.Is(err, fs.ErrNotExist); the other
// errors name the file, and the line and column of each problem.
func readFile(fsys fs.FS, name, shown string, top bool) (*file, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if problems, total := checkSource(src); total > 0 {
		errs := fileErrors(shown, problems)
		if total > len(problems) {
			errs = append(errs, fmt.Errorf("%s: %d more errors", shown, total-len(problems)))
		}
		return nil, errors.Join(errs...)
	}
	cat, problems := parse(string(src))
	var lines keyLines
	if len(problems) == 0 {
		lines = findKeyLines(string(src))
		problems = checkEntries(cat, lines)
	}
	if len(problems) > 0 {
		return nil, errors.Join(fileErrors(shown, problems)...)
	}
	return &file{name: shown, top: top, cat: cat, lines: lines}, nil
}

// merge returns the catalog of a language's files, the lowest layer first: each key's text is
// that of the highest layer that has the key.
func merge(files []*file) catalog {
	if len(files) == 1 {
		return files[0].cat
	}
	out := catalog{}
	for _, f := range files {
		for key, e := range f.cat {
			out[key] = e
		}
	}
	return out
}

// unknownKeys returns a problem for each key of cat that the reference ref (the default
// language's file) does not define: no page would show it, so it is most likely misspelled or
// in the wrong table. The message names the closest key of ref, when one is close.
func unknownKeys(cat, ref catalog, lines keyLines) []problem {
	var out []problem
	for _, key := range sortedKeys(cat) {
		if _, ok := ref[key]; ok {
			continue
		}
		msg := fmt.Sprintf("unknown key %q: the default language's file does not define it", key)
		if near := closestKey(key, ref); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		out = append(out, problem{lines.of(key), 0, msg})
	}
	return out
}

// closestKey returns the key of ref that key most likely meant, or "": a key that key extends
// (a plural message written without its "other" form reads as a table: "unit.students.one"),
// else the nearest key by edit distance when few edits apart (at most 2, or a fifth of the
// key's length), else the one key with the same last part in another table ("nav.skip" for
// "site.skip").
func closestKey(key string, ref catalog) string {
	for prefix := key; ; {
		i := strings.LastIndexByte(prefix, '.')
		if i < 0 {
			break
		}
		prefix = prefix[:i]
		if _, ok := ref[prefix]; ok {
			return prefix
		}
	}
	best, bestDist := "", max(2, len(key)/5)+1
	var sameLast []string
	_, last, _ := cutLast(key)
	for _, k := range sortedKeys(ref) {
		if d := textcheck.SwapDistance(key, k); d < bestDist {
			best, bestDist = k, d
		}
		if _, l, _ := cutLast(k); l == last {
			sameLast = append(sameLast, k)
		}
	}
	if best == "" && len(sameLast) == 1 {
		best = sameLast[0]
	}
	return best
}

// cutLast splits a dotted key at its last dot: "nav.home" is "nav" and "home".
func cutLast(key string) (table, last string, ok bool) {
	i := strings.LastIndexByte(key, '.')
	if i < 0 {
		return "", key, false
	}
	return key[:i], key[i+1:], true
}
