package render

// This file holds the parsing of the templates, the check of the translation keys they use, and
// how their errors name the file at fault.

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"text/template/parse"

	"elreport/generator/i18n"
)

// pageKinds are the page templates, each a file defining "main".
var pageKinds = []string{"home", "districts", "topic", "school", "data", "guides", "guide", "plan", "glossary"}

// parseTemplates parses the templates once per build: layout.html with each page kind's file,
// and the two whole documents; then checks every translation key they use.
func (r *run) parseTemplates() error {
	fsys := r.site.Templates
	base, err := template.New("layout.html").ParseFS(fsys, "layout.html")
	if err != nil {
		return r.templateErr(err)
	}
	r.pages = make(map[string]*template.Template, len(pageKinds))
	r.shells = make(map[string]bool, len(pageKinds))
	r.mains = make(map[string]mainWriter)
	var errs []error
	for _, kind := range pageKinds {
		t, err := template.Must(base.Clone()).ParseFS(fsys, kind+".html")
		if err != nil {
			errs = append(errs, r.templateErr(err))
			continue
		}
		builtin, err := builtinKind(kind)
		if err != nil {
			return err
		}
		main := mainWriterFor(t, kind, builtin)
		if _, err := useBlockHTML(t, builtin, "page"); err != nil {
			return err
		}
		r.pages[kind] = t
		if r.shells[kind] = usePageShell(t, builtin); r.shells[kind] && main != nil {
			r.mains[kind] = main
		}
	}
	if r.root, err = template.ParseFS(fsys, "root.html"); err != nil {
		errs = append(errs, r.templateErr(err))
	}
	if r.notFound, err = template.ParseFS(fsys, "notfound.html"); err != nil {
		errs = append(errs, r.templateErr(err))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	seen := map[string]bool{}
	for _, kind := range pageKinds {
		errs = append(errs, checkKeys(r.pages[kind], r.bundle.Has, r.where, seen)...)
	}
	errs = append(errs, checkKeys(r.root, r.bundle.Has, r.where, seen)...)
	errs = append(errs, checkKeys(r.notFound, r.bundle.Has, r.where, seen)...)
	return errors.Join(errs...)
}

// overridden says whether the template file name is the site's own (a file of its templates/
// folder, the upper layer of Site.Templates) rather than a built-in one.
func (r *run) overridden(name string) bool {
	l, ok := r.site.Templates.(i18n.Layered)
	if !ok {
		return false
	}
	upper, _ := l.Layers()
	_, err := fs.Stat(upper, name)
	return err == nil
}

// where names a place in a template file, given as "layout.html:36:2": a site's own file by its
// path from the site's folder, "templates/layout.html:36:2", so that a district sees which of
// its files to open; a built-in one as "templates: layout.html:36:2".
func (r *run) where(loc string) string {
	if m := fileLine.FindStringSubmatch(loc); m != nil && r.overridden(m[1]) {
		return "templates/" + loc
	}
	return "templates: " + loc
}

var (
	// fileLine is a place in a template file: "layout.html:36" or "layout.html:36:2".
	fileLine = regexp.MustCompile(`^([^:\s]+):(\d+(?::\d+)?)$`)
	// templateLoc is an error of the template packages that names a place in a file:
	// "template: layout.html:36:2: executing ...", "html/template:layout.html:12:3: ...".
	templateLoc = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:\s]+:\d+(?::\d+)?): (.*)$`)
)

// templateErr returns a template's error (parsing or executing) with its place named by where:
// "templates/layout.html:36:2: executing "page" at <.NoSuchField>: ...".
func (r *run) templateErr(err error) error {
	if m := templateLoc.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s: %s", r.where(m[1]), m[2])
	}
	return fmt.Errorf("templates: %w", err)
}

// templateExecError is a template that failed as it wrote a page. The same mistake fails every
// page that reaches it, so errorList keeps it once, with the first page it was met on.
type templateExecError struct {
	// msg is the error, with its file and line (see templateErr).
	msg string
	// page is the page being written.
	page string
}

func (e templateExecError) Error() string { return fmt.Sprintf("%s (writing %s)", e.msg, e.page) }

// execError returns the error of a template that failed as it wrote page.
func (r *run) execError(page string, err error) error {
	return templateExecError{msg: r.templateErr(err).Error(), page: page}
}

// checkKeys reports every {{.T "key"}} (or $.T, or a variable's .T) whose key the default
// language does not define, as "templates: home.html:12:8: unknown translation key ..." (the
// place named by where).
func checkKeys(t *template.Template, has func(string) bool, where func(string) string, seen map[string]bool) []error {
	var errs []error
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		tree := tt.Tree
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n == nil {
					return
				}
				for _, c := range n.Nodes {
					walk(c)
				}
			case *parse.ActionNode:
				walk(n.Pipe)
			case *parse.IfNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				walk(n.Pipe)
			case *parse.PipeNode:
				if n == nil {
					return
				}
				for _, c := range n.Cmds {
					walk(c)
				}
			case *parse.CommandNode:
				if len(n.Args) >= 2 && isTranslateCall(n.Args[0]) {
					if s, ok := n.Args[1].(*parse.StringNode); ok && !has(s.Text) {
						loc, _ := tree.ErrorContext(s)
						msg := fmt.Sprintf("%s: unknown translation key %q", where(loc), s.Text)
						if !seen[msg] {
							seen[msg] = true
							errs = append(errs, errors.New(msg))
						}
					}
				}
				for _, a := range n.Args {
					walk(a)
				}
			}
		}
		walk(tree.Root)
	}
	return errs
}

// isTranslateCall says whether a command calls the T method: .T, $.T, $x.T.
func isTranslateCall(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return len(n.Ident) > 0 && n.Ident[len(n.Ident)-1] == "T"
	case *parse.VariableNode:
		return len(n.Ident) > 1 && n.Ident[len(n.Ident)-1] == "T"
	case *parse.ChainNode:
		return len(n.Field) > 0 && n.Field[len(n.Field)-1] == "T"
	}
	return false
}
