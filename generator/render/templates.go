package render

// This file holds the parsing of the templates and the check of the translation keys they use.

import (
	"errors"
	"fmt"
	"html/template"
	"text/template/parse"
)

// pageKinds are the page templates, each a file defining "main".
var pageKinds = []string{"home", "districts", "topic", "school", "data", "guides", "guide", "plan", "glossary"}

// parseTemplates parses the templates once per build: layout.html with each page kind's file,
// and the two whole documents; then checks every translation key they use.
func (r *run) parseTemplates() error {
	fsys := r.site.Templates
	base, err := template.New("layout.html").ParseFS(fsys, "layout.html")
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	r.pages = make(map[string]*template.Template, len(pageKinds))
	var errs []error
	for _, kind := range pageKinds {
		t, err := template.Must(base.Clone()).ParseFS(fsys, kind+".html")
		if err != nil {
			errs = append(errs, fmt.Errorf("templates: %w", err))
			continue
		}
		r.pages[kind] = t
	}
	if r.root, err = template.ParseFS(fsys, "root.html"); err != nil {
		errs = append(errs, fmt.Errorf("templates: %w", err))
	}
	if r.notFound, err = template.ParseFS(fsys, "notfound.html"); err != nil {
		errs = append(errs, fmt.Errorf("templates: %w", err))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	seen := map[string]bool{}
	for _, kind := range pageKinds {
		errs = append(errs, checkKeys(r.pages[kind], r.bundle.Has, seen)...)
	}
	errs = append(errs, checkKeys(r.root, r.bundle.Has, seen)...)
	errs = append(errs, checkKeys(r.notFound, r.bundle.Has, seen)...)
	return errors.Join(errs...)
}

// checkKeys reports every {{.T "key"}} (or $.T, or a variable's .T) whose key the default
// language does not define, as "templates: home.html:12:8: unknown translation key ...".
func checkKeys(t *template.Template, has func(string) bool, seen map[string]bool) []error {
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
						msg := fmt.Sprintf("templates: %s: unknown translation key %q", loc, s.Text)
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
