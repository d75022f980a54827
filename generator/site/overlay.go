package site

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay is a read-only file system that serves a name from upper when upper has it and from
// lower otherwise, so that a district's own templates/ or content/ folder overrides the
// embedded defaults file by file. Directory listings are merged. Its Layers method makes it an
// i18n.Layered file system.
type overlay struct {
	upper, lower fs.FS
}

// Overlay returns upper over lower; a nil upper returns lower itself.
func Overlay(upper, lower fs.FS) fs.FS {
	if upper == nil {
		return lower
	}
	return overlay{upper: upper, lower: lower}
}

// Layers returns upper and lower, for readers that merge a file of both layers rather than
// take upper's (i18n.Load merges a site's translation file key by key over the built-in one).
func (o overlay) Layers() (upper, lower fs.FS) { return o.upper, o.lower }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.upper.Open(name)
	if err == nil {
		if info, statErr := f.Stat(); statErr == nil && info.IsDir() {
			// A directory must list both layers: let ReadDir merge them.
			f.Close()
			return o.lower.Open(name)
		}
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.lower.Open(name)
}

// ReadDir merges the listings of both layers, upper entries winning, sorted by name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	upper, upErr := fs.ReadDir(o.upper, name)
	lower, lowErr := fs.ReadDir(o.lower, name)
	if upErr != nil && lowErr != nil {
		return nil, lowErr
	}
	seen := make(map[string]bool, len(upper))
	entries := append([]fs.DirEntry(nil), upper...)
	for _, e := range upper {
		seen[e.Name()] = true
	}
	for _, e := range lower {
		if !seen[e.Name()] {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return entries, nil
}
