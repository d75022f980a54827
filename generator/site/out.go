package site

// This file decides whether a build may write its site to the output folder. The output folder
// is elreport's alone: a build replaces it whole, so it may only replace a folder that an
// earlier build made (one holding the marker file), an empty folder, or nothing. Everything else
// is refused before anything is written or deleted, with a message that says why and what to do.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"elreport/generator/config"
)

// markerName is the file every site elreport builds holds at its root; a folder without it is
// never replaced. It is a dotfile so that static hosts do not list it; its text is the same at
// every build, so two builds of the same inputs stay identical byte for byte.
const markerName = ".elreport-site"

// markerText is the content of the marker; a marker is recognised by its first line.
const markerText = markerFirstLine + `
Each build replaces this whole folder with the new site, so keep nothing else in it.
elreport replaces only a folder that holds this file; without it, a build refuses to
write here.
`

const markerFirstLine = "This folder is a website built by elreport."

// CheckOutput reports whether Build may write the site of opts to its output folder, without
// writing or deleting anything. It refuses the file-system root, the user's home folder, the
// site's own folder (where site.toml is), its data folder, a folder holding an input file or
// the site's templates or content, any folder holding one of those, an existing file, and a
// non-empty folder that is not a site elreport built.
//
// Build refuses the root, the home folder, a file and a non-empty folder without the marker
// file itself, checking again while it holds the output's lock, so it never replaces the
// project's folders either (they hold no marker). It cannot say which of them the output is:
// the code that writes the site does not see the project. The command runs CheckOutput first,
// before loading anything, so that its message does.
func CheckOutput(opts Options) error {
	p, err := open(opts.Config)
	if err != nil {
		return err
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(p.dir, "public")
	}
	path, err := resolve(out)
	if err != nil {
		return refusal(out, err)
	}
	suggest := suggestOut(p, filepath.Base(opts.Config))
	if err := checkPlace(out, path, suggest); err != nil {
		return err
	}
	if err := checkProject(p, filepath.Base(opts.Config), out, path, suggest); err != nil {
		return err
	}
	return checkReplace(out, path)
}

// CheckProfile reports whether build --profile may write its files to the folder dir: not
// the output folder or a folder inside it (the build replaces the output whole, profiles and
// all, and the swap would fail on them), and not the site's data folder, public data folder,
// templates/ or content/, nor a folder inside one.
func CheckProfile(opts Options, dir string) error {
	p, err := open(opts.Config)
	if err != nil {
		return err
	}
	path, err := resolve(dir)
	if err != nil {
		return fmt.Errorf("--profile %q: %w", dir, err)
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(p.dir, "public")
	}
	if outPath, err := resolve(out); err == nil && (path == outPath || below(path, outPath)) {
		return fmt.Errorf("refusing to write the profiles to %q: it is in the output folder %q, which the build replaces whole; choose another --profile", dir, out)
	}
	if f, ok := p.inside(path, true); ok {
		return fmt.Errorf("refusing to write the profiles to %q: it is in the site's %s (%s); choose another --profile", dir, f.what, f.rel)
	}
	return nil
}

// errDangling says that the output path is a symbolic link that leads nowhere.
var errDangling = errors.New("it is a symbolic link to something that does not exist")

// refusal turns an error of resolve into the message a build prints.
func refusal(out string, err error) error {
	if errors.Is(err, errDangling) {
		return fmt.Errorf("refusing to replace %q: %v; remove it yourself or choose another --out", out, err)
	}
	return fmt.Errorf("output folder %q: %w", out, err)
}

// resolve returns the absolute path of p with the symbolic links and ".." of its existing part
// resolved, so that two spellings of one folder compare equal. The part that does not exist yet
// is cleaned lexically (it holds no links).
func resolve(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		// Not filepath.Join: it would clean "link/.." lexically, before the link is resolved.
		p = wd + string(filepath.Separator) + p
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	vol := filepath.VolumeName(p)
	resolved := vol + string(filepath.Separator)
	parts := strings.FieldsFunc(p[len(vol):], func(r rune) bool { return os.IsPathSeparator(uint8(r)) })
	for i, part := range parts {
		switch part {
		case ".":
			continue
		case "..":
			resolved = filepath.Dir(resolved)
			continue
		}
		next := filepath.Join(resolved, part)
		r, err := filepath.EvalSymlinks(next)
		if err == nil {
			resolved = r
			continue
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if _, lerr := os.Lstat(next); lerr == nil {
			return "", errDangling // next exists, but is a link that leads nowhere
		}
		return filepath.Join(append([]string{next}, parts[i+1:]...)...), nil
	}
	return resolved, nil
}

// checkPlace refuses the file-system root and the user's home folder (and any folder holding
// it). path is resolved; out is as the user gave it; suggest, if not empty, is an --out to offer.
func checkPlace(out, path, suggest string) error {
	if filepath.Dir(path) == path {
		return refuseWrite(out, "it is the root of the file system", suggest)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil // nothing there yet: it holds nothing
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if r, err := filepath.EvalSymlinks(home); err == nil {
			home = r
		}
		switch holds(info, home) {
		case isIt:
			return refuseWrite(out, "it is your home folder", suggest)
		case holdsIt:
			return refuseWrite(out, fmt.Sprintf("it holds your home folder (%s)", home), suggest)
		}
	}
	return nil
}

// projectFolder is a folder of the site's own that no output may replace or be written into.
type projectFolder struct{ rel, dir, what string }

// folders returns the site's data folder, public data folder (if any), templates/ and
// content/: rel as the user knows it, dir on the system.
func (p *project) folders() []projectFolder {
	// The data folder may be outside the site's folder ([data] dir = "../exports").
	folders := []projectFolder{
		{p.cfg.DataPath(), p.dataDir, "data folder"},
		{"templates", filepath.Join(p.dir, "templates"), "templates folder"},
		{"content", filepath.Join(p.dir, "content"), "content folder"},
	}
	if public := p.cfg.PublicFolder(p.dir); public != "" {
		folders = append(folders, projectFolder{p.cfg.PublicData.Dir, public, "public data folder"})
	}
	return folders
}

// inside returns the project folder that path (resolved) is below, or with orIt is, if any: a
// site or a profile written there would sit among the student records, or be read as the
// site's own files (every .csv of the public data folder is a report) by the next build. When
// the folder is or holds the site's own folder ([data] dir = "." or ".."), a path in the
// site's folder is not refused (public/ and prof/ beside site.toml are in it), and one
// elsewhere in the data folder is.
func (p *project) inside(path string, orIt bool) (projectFolder, bool) {
	site, err := resolve(p.dir)
	if err != nil {
		return projectFolder{}, false
	}
	inSite := path == site || below(path, site)
	for _, f := range p.folders() {
		dir, err := resolve(f.dir)
		if err != nil {
			continue
		}
		if !below(path, dir) && (!orIt || path != dir) {
			continue
		}
		if (dir == site || below(site, dir)) && inSite {
			continue // the folder is or holds the site's own, and path is in the site's folder
		}
		return f, true
	}
	return projectFolder{}, false
}

// below reports whether path is inside dir (not dir itself); both are resolved.
func below(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// checkProject refuses the site's own folder, its data folder, the folders holding its input
// files, its templates/ and content/ folders, any folder holding one of those, and any folder
// inside one of them but the site's own.
func checkProject(p *project, configName, out, path, suggest string) error {
	if info, err := os.Stat(path); err == nil {
		if err := checkHolds(p, configName, out, info, suggest); err != nil {
			return err
		}
	}
	if f, ok := p.inside(path, false); ok {
		return refuseWrite(out, fmt.Sprintf("it is inside the site's %s (%s)", f.what, f.rel), suggest)
	}
	return nil
}

// checkHolds refuses an existing output folder (info) that is or holds the site's folder, an
// input file, or a folder of the site's own.
func checkHolds(p *project, configName, out string, info os.FileInfo, suggest string) error {
	switch holds(info, p.dir) {
	case isIt:
		return refuseWrite(out, "it is the site's own folder, which holds "+configName, suggest)
	case holdsIt:
		return refuseWrite(out, fmt.Sprintf("it holds the site's folder (%s)", p.dir), suggest)
	}
	var inputs []string
	for _, name := range config.Inputs {
		for _, f := range p.cfg.InputFiles(name) {
			files := []string{p.cfg.InputFileOn(p.dir, f)}
			if config.IsPattern(f) {
				files, _ = filepath.Glob(files[0]) // a bad pattern is site.toml's error, found before
			}
			for _, file := range files {
				rel := p.cfg.DataFilePath(matchedName(f, file))
				if _, err := os.Stat(file); err != nil {
					continue // a missing input cannot be lost
				}
				switch holds(info, file) {
				case isIt:
					return refuseWrite(out, fmt.Sprintf("it is an input file (%s)", rel), suggest)
				case holdsIt:
					inputs = append(inputs, rel)
				}
			}
		}
	}
	if len(inputs) > 0 {
		const shown = 3
		list := strings.Join(inputs, ", ")
		if len(inputs) > shown {
			list = fmt.Sprintf("%s and %d more", strings.Join(inputs[:shown], ", "), len(inputs)-shown)
		}
		files := "files"
		if len(inputs) == 1 {
			files = "file"
		}
		return refuseWrite(out, fmt.Sprintf("it holds the input %s (%s)", files, list), suggest)
	}
	for _, f := range p.folders() {
		dir := f.dir
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		switch holds(info, dir) {
		case isIt:
			return refuseWrite(out, fmt.Sprintf("it is the site's %s (%s)", f.what, f.rel), suggest)
		case holdsIt:
			return refuseWrite(out, fmt.Sprintf("it holds the site's %s (%s)", f.what, f.rel), suggest)
		}
	}
	return nil
}

// checkReplace refuses to replace anything at path but a site elreport built or an empty
// folder.
func checkReplace(out, path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %q: %w", out, err)
	}
	if !info.IsDir() {
		return refuseReplace(out, "it is a file, not a site elreport built")
	}
	if isSite(path) {
		return nil
	}
	empty, err := isEmptyDir(path)
	if err != nil {
		return fmt.Errorf("output folder %q: %w", out, err)
	}
	if empty {
		return nil
	}
	return refuseReplace(out, fmt.Sprintf("it is not a site elreport built (no %s file)", markerName))
}

func refuseWrite(out, why, suggest string) error {
	msg := fmt.Sprintf("refusing to write the site to %q: %s; choose another --out", out, why)
	if suggest != "" {
		msg += fmt.Sprintf(", such as %q", suggest)
	}
	return errors.New(msg)
}

func refuseReplace(out, why string) error {
	return fmt.Errorf("refusing to replace %q: %s; remove it yourself or choose another --out", out, why)
}

// suggestOut returns the default output folder (public/ beside site.toml) as an --out to offer,
// relative to the working folder when it is below it, or "" when it could not be used either.
func suggestOut(p *project, configName string) string {
	public := filepath.Join(p.dir, "public")
	path, err := resolve(public)
	if err != nil || checkPlace(public, path, "") != nil || checkProject(p, configName, public, path, "") != nil || checkReplace(public, path) != nil {
		return ""
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, public); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return public
}

type relation int

const (
	unrelated relation = iota
	isIt               // the folder is the path itself
	holdsIt            // the folder is an ancestor of the path
)

// holds reports whether the folder dir is p or one of its ancestors. Both p as written and p
// with its links resolved are walked up, and folders are compared by identity (os.SameFile), so
// neither a symbolic link nor a case-insensitive file system hides the relation.
func holds(dir os.FileInfo, p string) relation {
	abs, err := filepath.Abs(p)
	if err != nil {
		return unrelated
	}
	candidates := []string{abs}
	if r, err := filepath.EvalSymlinks(abs); err == nil && r != abs {
		candidates = append(candidates, r)
	}
	for _, c := range candidates {
		for q, first := c, true; ; q, first = filepath.Dir(q), false {
			if info, err := os.Stat(q); err == nil && os.SameFile(dir, info) {
				if first {
					return isIt
				}
				return holdsIt
			}
			if filepath.Dir(q) == q {
				break
			}
		}
	}
	return unrelated
}

// isSite reports whether the folder at path holds the marker of a site elreport built.
func isSite(path string) bool {
	name := filepath.Join(path, markerName)
	if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, len(markerFirstLine))
	if _, err := io.ReadFull(f, b); err != nil {
		return false
	}
	return string(b) == markerFirstLine
}

func isEmptyDir(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// matchedName is the name, as site.toml would write it, of a file of the system (file) that an
// entry of [data.files] (f, a file or a pattern) names: f's folder and the file's own name.
func matchedName(f, file string) string {
	return path.Join(path.Dir(filepath.ToSlash(f)), filepath.Base(file))
}
