package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"elreport/generator/config"
)

// debounce is how long serve waits after a change for the next before it builds: an editor's
// save, or a copy of several files, is one build.
const debounce = 150 * time.Millisecond

// watcher watches the folders a site's build reads (see watchFolders) and calls for a build
// when a file in them changes.
type watcher struct {
	config string
	fsw    *fsnotify.Watcher
	stderr io.Writer
	// folders are the folders watched now.
	folders map[string]bool
	// failed are the folders that could not be watched, each reported once.
	failed map[string]bool
	// site is the folder of site.toml; a change directly in it counts only for the names in
	// siteNames, or for any name when anyName is set (see siteFolderNames).
	site      string
	siteNames map[string]bool
	anyName   bool
}

func newWatcher(configPath string, stderr io.Writer) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch the site's files: %w", err)
	}
	return &watcher{config: configPath, fsw: fsw, stderr: stderr, folders: map[string]bool{}, failed: map[string]bool{}}, nil
}

// close stops watching.
func (w *watcher) close() { w.fsw.Close() }

// run waits for changes until ctx ends, and calls build with the files changed once none has
// changed for debounce; after each build it watches the folders the site now reads.
func (w *watcher) run(ctx context.Context, build func(ctx context.Context, changed []string)) {
	timer := time.NewTimer(debounce)
	timer.Stop()
	defer timer.Stop()
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ignored(ev) || !w.counts(ev.Name) {
				continue
			}
			changed[ev.Name] = true
			timer.Reset(debounce)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.stderr, "watch: %v\n", err)
		case <-timer.C:
			build(ctx, slices.Sorted(maps.Keys(changed)))
			clear(changed)
			w.sync()
		}
	}
}

// ignored reports whether a change is not one to build for: a hidden or backup file (an
// editor's swap file, a build's staging folder). A change of a file's times or permissions
// (fsnotify.Chmod) counts, so that touching a file builds again.
func ignored(ev fsnotify.Event) bool {
	base := filepath.Base(ev.Name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~")
}

// counts reports whether a change of the file name is one the build reads: any file of a
// folder watched, but in the folder of site.toml only site.toml, content/, templates/ and the
// site's data folders (a log written beside site.toml, or the user's notes, would otherwise
// build again and again).
func (w *watcher) counts(name string) bool {
	if w.anyName || filepath.Dir(name) != w.site {
		return true
	}
	// Any case: on a disk that ignores it (Windows, macOS) site.toml may be Site.toml, as
	// the watcher reports it; on one that does not, a name that differs only in case builds
	// once more, which costs nothing but a build.
	return w.siteNames[strings.ToLower(filepath.Base(name))]
}

// sync watches the folders the site reads now (site.toml may have named another data folder,
// or content/ may have a new subfolder) and stops watching the others. While site.toml does
// not read, it keeps watching what it watched.
func (w *watcher) sync() {
	want, complete := watchFolders(w.config)
	w.site, w.siteNames, w.anyName = siteFolderNames(w.config, want, complete)
	for dir := range w.folders {
		if !want[dir] && complete {
			w.fsw.Remove(dir)
			delete(w.folders, dir)
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(want)) {
		if w.folders[dir] {
			continue
		}
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue // a folder that does not exist yet: its parent's change brings it in
		}
		if err := w.fsw.Add(dir); err != nil {
			if !w.failed[dir] {
				w.failed[dir] = true
				fmt.Fprintf(w.stderr, "warning: changes in %s will not be seen: %v\n", dir, err)
			}
			continue
		}
		w.folders[dir] = true
	}
}

// watchFolders returns the folders a build of the site of configPath reads: the folder of
// site.toml (for site.toml itself, and the folders content/ and templates/ appearing), content/
// and templates/ beside it with their subfolders, the data folder and the folders of the files
// [data.files] names, and the public data folder ([public_data] dir). complete is false when
// site.toml could not be read: the folders are then only those beside it.
func watchFolders(configPath string) (folders map[string]bool, complete bool) {
	folders = map[string]bool{}
	abs, err := filepath.Abs(configPath)
	if err != nil {
		return folders, false
	}
	dir := filepath.Dir(abs)
	folders[dir] = true
	addTree(folders, filepath.Join(dir, "content"))
	addTree(folders, filepath.Join(dir, "templates"))
	cfg, err := config.Load(os.DirFS(dir), filepath.Base(abs))
	if err != nil {
		return folders, false
	}
	folders[filepath.Clean(cfg.DataFolder(dir))] = true
	for _, input := range config.Inputs {
		for _, file := range cfg.InputFiles(input) {
			// A pattern has its wildcards in the file's name only (config refuses others).
			folders[filepath.Dir(filepath.Clean(cfg.InputFileOn(dir, file)))] = true
		}
	}
	if public := cfg.PublicFolder(dir); public != "" {
		folders[filepath.Clean(public)] = true
	}
	return folders, true
}

// siteFolderNames returns the folder of site.toml and the names in it whose changes a build
// reads: site.toml, content, templates, and the first folder of the path to each folder the
// site reads below it (data, for [data] dir = "data/2025"). any is true when the site reads
// files of the folder of site.toml itself ([data] dir = "."), or when site.toml could not be
// read (complete false): every change there counts then.
func siteFolderNames(configPath string, folders map[string]bool, complete bool) (site string, names map[string]bool, any bool) {
	abs, err := filepath.Abs(configPath)
	if err != nil {
		return "", nil, true
	}
	site = filepath.Dir(abs)
	names = map[string]bool{strings.ToLower(filepath.Base(abs)): true, "content": true, "templates": true}
	for dir := range folders {
		rel, err := filepath.Rel(site, dir)
		switch {
		case err != nil || !filepath.IsLocal(rel):
			continue // outside the site's folder
		case rel == ".":
			continue // the site's folder itself, watched for the names above
		}
		first, _, _ := strings.Cut(rel, string(filepath.Separator))
		names[strings.ToLower(first)] = true
	}
	if !complete {
		return site, names, true
	}
	cfg, err := config.Load(os.DirFS(site), filepath.Base(abs))
	if err != nil {
		return site, names, true
	}
	var reads []string
	if cfg.Data.Dir != "" { // "": a site of DESE's public reports alone reads no data folder
		reads = append(reads, cfg.DataFolder(site))
		for _, input := range config.Inputs {
			for _, file := range cfg.InputFiles(input) {
				reads = append(reads, filepath.Dir(cfg.InputFileOn(site, file)))
			}
		}
	}
	if public := cfg.PublicFolder(site); public != "" {
		reads = append(reads, public)
	}
	for _, dir := range reads {
		if filepath.Clean(dir) == site {
			any = true
		}
	}
	return site, names, any
}

// addTree adds root and its folders, less hidden ones, to folders.
func addTree(folders map[string]bool, root string) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || !d.IsDir():
			return nil
		case path != root && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		}
		folders[path] = true
		return nil
	})
}

// relativeName returns a changed file's name relative to the folder of site.toml when it is
// inside it ("content/i18n/es.toml"), and as it is otherwise.
func relativeName(configPath, name string) string {
	abs, err := filepath.Abs(configPath)
	if err != nil {
		return name
	}
	rel, err := filepath.Rel(filepath.Dir(abs), name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return filepath.ToSlash(rel)
}
