package render

// This file holds the copying of the templates' static/ folder to the site.

import (
	"errors"
	"io/fs"
	"strings"
)

// writeStatic copies static/ of the templates to the site.
func (r *run) writeStatic(write func(string, []byte) error) error {
	return fs.WalkDir(r.site.Templates, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if isNotExist(err) && name == "static" {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(r.site.Templates, name)
		if err != nil {
			return err
		}
		return write(name, data)
	})
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
