package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"elreport/templates"
)

// copiedFrom is the marker a district puts in its copy of a built-in template or asset, with
// the SHA-256 of the file it copied, so that the build can tell when elreport's own file has
// changed since: {{/* elreport: copied from <sha256> */}} in a template, /* ... */ in CSS or
// JavaScript, <!-- ... --> in SVG (docs/languages-and-guides.md).
var copiedFrom = regexp.MustCompile(`elreport: copied from ([0-9a-fA-F]{64})\b`)

// overrides is what the files of a site's templates/ folder do.
type overrides struct {
	// used says, a line per file, which of the site's files the build uses and how:
	// "using your templates/layout.html (overrides the built-in one)".
	used []string
	// warnings are copies of built-in files that elreport has changed since they were copied,
	// and files no page uses.
	warnings []string
}

// templateOverrides lists the files of the site's templates/ folder that change the site, in
// path order (a copy identical to the built-in file changes nothing and is not listed), and
// warns of each copy whose marker (copiedFrom) names another file than the built-in one of
// this version, and of each .html file outside static/ that is not a built-in template.
func (p *project) templateOverrides() (overrides, error) {
	var out overrides
	site := subIfDir(p.fsys, "templates")
	if site == nil {
		return out, nil
	}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && name != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // not copied, as render's writeStatic skips them
		}
		if d.IsDir() {
			return nil
		}
		shown := "templates/" + name
		builtIn, err := fs.ReadFile(templates.FS, name)
		switch {
		case err == nil:
			own, err := fs.ReadFile(site, name)
			if err != nil {
				return err
			}
			if bytes.Equal(own, builtIn) {
				// Changes nothing (the sample site, whose templates/ is the built-in
				// one's source, has every file so).
				return nil
			}
			out.used = append(out.used, fmt.Sprintf("using your %s (overrides the built-in one)", shown))
			if w := staleCopy(shown, own, builtIn); w != "" {
				out.warnings = append(out.warnings, w)
			}
		case name == "static/custom.css":
			out.used = append(out.used, fmt.Sprintf("using your %s (linked after style.css on every page)", shown))
		case strings.HasPrefix(name, "static/"):
			out.used = append(out.used, fmt.Sprintf("using your %s (copied to %s)", shown, name))
		case path.Ext(name) == ".html":
			out.warnings = append(out.warnings, fmt.Sprintf("%s is not one of elreport's templates, so no page uses it; the templates are %s, and static/ holds the files copied to the site",
				shown, builtInTemplates()))
		}
		return nil
	})
	if err != nil {
		return overrides{}, fmt.Errorf("templates: %w", err)
	}
	return out, nil
}

// staleCopy returns a warning when own, the site's copy of the built-in file builtIn (shown as
// shown), has a marker naming another file than builtIn, or "".
func staleCopy(shown string, own, builtIn []byte) string {
	m := copiedFrom.FindSubmatch(own)
	if m == nil {
		return ""
	}
	sum := sha256.Sum256(builtIn)
	current := hex.EncodeToString(sum[:])
	if strings.EqualFold(string(m[1]), current) {
		return ""
	}
	base := path.Base(shown)
	return fmt.Sprintf("%s was copied from an older %s; compare it with the built-in one (elreport has changed it since), bring over what changed, then mark it as copied from this version: %s",
		shown, base, marker(base, builtIn))
}

// marker returns the line that marks a copy of the built-in file name (with content data) as
// copied from it, in the comment syntax of the file's kind.
func marker(name string, data []byte) string {
	sum := sha256.Sum256(data)
	text := "elreport: copied from " + hex.EncodeToString(sum[:])
	switch path.Ext(name) {
	case ".html":
		return "{{/* " + text + " */}}"
	case ".svg":
		return "<!-- " + text + " -->"
	}
	return "/* " + text + " */"
}

// builtInTemplates lists the built-in template files (the .html files of templates.FS).
func builtInTemplates() string {
	names, _ := fs.Glob(templates.FS, "*.html")
	return strings.Join(names, ", ")
}
