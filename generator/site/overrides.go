package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"elreport/content"
	"elreport/templates"
)

// copiedFrom is the marker a district puts in its copy of a built-in template, asset, guide,
// glossary or translation file, with the SHA-256 of the file it copied, so that the build can
// tell when elreport's own file has changed since: {{/* elreport: copied from <sha256> */}} in a
// template, /* ... */ in CSS or JavaScript, <!-- ... --> in SVG, # ... in TOML (and in a
// guide's front matter) (docs/languages-and-guides.md).
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

// contentOverrides lists the files of the site's content/ folder that take the place of
// built-in ones or add to them, in path order, as templateOverrides does for templates/: a
// translation file merged key by key over the built-in one (or of a language elreport does not
// ship), a guide or a glossary that replaces the built-in one (or is the site's own). A copy
// identical to the built-in file changes nothing and is not listed. It warns of each copy
// whose marker (copiedFrom) names another file than the built-in one of this version. The
// plan's words (goals/) have no built-in files: they are the site's own, and not listed.
func (p *project) contentOverrides() (overrides, error) {
	var out overrides
	site := subIfDir(p.fsys, "content")
	if site == nil {
		return out, nil
	}
	for _, dir := range []string{"i18n", "guides", "glossary"} {
		err := fs.WalkDir(site, dir, func(name string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && name == dir {
				return fs.SkipDir // the site overrides nothing of this kind
			}
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && name != dir {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !contentFile(dir, name) {
				return nil
			}
			shown := "content/" + name
			own, err := fs.ReadFile(site, name)
			if err != nil {
				return err
			}
			builtIn, err := fs.ReadFile(content.FS, name)
			if err == nil && bytes.Equal(own, builtIn) {
				return nil // changes nothing (the sample's content/ is the built-in one's source)
			}
			if lang := contentLanguage(dir, name); !p.readsLanguage(lang) {
				out.warnings = append(out.warnings, fmt.Sprintf("%s is in the language %q, which is not one of site.toml's languages (%s), so no page uses it",
					shown, lang, p.languageCodes()))
				return nil
			}
			switch {
			case err == nil:
				how := "replaces the built-in one"
				if dir == "i18n" {
					how = "merged key by key over the built-in strings"
				}
				out.used = append(out.used, fmt.Sprintf("using your %s (%s)", shown, how))
				if w := staleCopy(shown, own, builtIn); w != "" {
					out.warnings = append(out.warnings, w)
				}
			case dir == "i18n":
				out.used = append(out.used, fmt.Sprintf("using your %s (a language elreport does not ship)", shown))
			case dir == "guides":
				out.used = append(out.used, fmt.Sprintf("using your %s (a guide of your own)", shown))
			default:
				out.used = append(out.used, fmt.Sprintf("using your %s (a glossary elreport does not ship)", shown))
			}
			return nil
		})
		if err != nil {
			return overrides{}, fmt.Errorf("content: %w", err)
		}
	}
	return out, nil
}

// contentLanguage returns the language code of a content file: es of guides/benchmarks.es.md,
// i18n/es.toml or glossary/es.toml.
func contentLanguage(dir, name string) string {
	base := path.Base(name)
	if dir == "guides" {
		base = strings.TrimSuffix(base, ".md")
		return base[strings.LastIndex(base, ".")+1:]
	}
	return strings.TrimSuffix(base, ".toml")
}

// readsLanguage reports whether the build reads content files of the language code: one of
// site.toml's languages, or English or the default language, which the others fall back to.
func (p *project) readsLanguage(code string) bool {
	_, ok := p.cfg.Language(code)
	return ok || code == "en" || code == p.cfg.DefaultLanguage
}

// languageCodes lists site.toml's language codes for a message: "en, es, ar".
func (p *project) languageCodes() string {
	codes := make([]string, len(p.cfg.Languages))
	for i, l := range p.cfg.Languages {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}

// contentFile reports whether name, in content/'s folder dir, is a file the build reads: a
// translation or glossary file (.toml), a guide (<slug>.<lang>.md; a README.md is none).
func contentFile(dir, name string) bool {
	base := path.Base(name)
	if dir == "guides" {
		return path.Ext(base) == ".md" && strings.Count(base, ".") >= 2
	}
	return path.Ext(base) == ".toml"
}

// siteOverrides lists what the files of the site's templates/ and content/ folders do
// (templateOverrides, then contentOverrides).
func (p *project) siteOverrides() (overrides, error) {
	ov, err := p.templateOverrides()
	if err != nil {
		return ov, err
	}
	c, err := p.contentOverrides()
	if err != nil {
		return ov, err
	}
	ov.used = append(ov.used, c.used...)
	ov.warnings = append(ov.warnings, c.warnings...)
	return ov, nil
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
	where := ""
	if path.Ext(base) == ".md" {
		where = " (a line of its front matter)"
	}
	return fmt.Sprintf("%s was copied from an older %s; compare it with the built-in one (elreport has changed it since), bring over what changed, then mark it as copied from this version: %s%s",
		shown, base, marker(base, builtIn), where)
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
	case ".toml", ".md": // a guide's, in its TOML front matter
		return "# " + text
	}
	return "/* " + text + " */"
}

// builtInTemplates lists the built-in template files (the .html files of templates.FS).
func builtInTemplates() string {
	names, _ := fs.Glob(templates.FS, "*.html")
	return strings.Join(names, ", ")
}
