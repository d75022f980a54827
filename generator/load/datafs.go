package load

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"elreport/generator/config"
)

// DataFS is the data folder of a site on disk, as an operating-system path: the file system
// the site gives Load (Options.Data). Open reads a slash path inside the folder, as os.DirFS
// does, and also a [data.files] entry that leads out of it: "../exports/schools.csv"
// (relative to the folder) or an absolute path. The folder itself may be anywhere, inside the
// site's folder or not.
type DataFS string

// Open opens name: a slash path relative to the folder (which may lead out of it), or an
// absolute path.
func (d DataFS) Open(name string) (fs.File, error) {
	if fs.ValidPath(name) {
		return os.DirFS(string(d)).Open(name)
	}
	if filepath.IsAbs(name) {
		return os.Open(name)
	}
	if strings.Contains(name, "\x00") || path.IsAbs(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return os.Open(filepath.Join(string(d), filepath.FromSlash(name)))
}

// subFS is the data folder of a site inside the file system the site's config was read from
// (what Load is given without Options.Data): the folder dir of fsys. Open accepts what
// config.Config.InputFile gives, so a [data.files] entry may lead out of the data folder as
// long as it stays in fsys.
type subFS struct {
	fsys fs.FS
	dir  string
}

func (s subFS) Open(name string) (fs.File, error) {
	full := path.Join(s.dir, name)
	if !fs.ValidPath(full) || path.IsAbs(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(full)
}

// dataFS returns the file system of the data folder of cfg: opts.Data, or the data folder
// inside fsys.
func dataFS(fsys fs.FS, cfg *config.Config, opts Options) (fs.FS, error) {
	if opts.Data != nil {
		return opts.Data, nil
	}
	dir := cfg.DataPath()
	if !fs.ValidPath(dir) {
		return nil, fmt.Errorf("the data folder %s is outside the file system of site.toml: give Options.Data", dir)
	}
	return subFS{fsys: fsys, dir: dir}, nil
}
