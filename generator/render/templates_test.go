package render

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/templates"
)

// overrideTemplate returns the golden site with the site's own copy of a built-in template,
// changed by edit.
func overrideTemplate(t *testing.T, name string, edit func([]byte) []byte) Site {
	t.Helper()
	s := testSite(t)
	builtIn, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	s.Templates = layered{upper: fstest.MapFS{name: {Data: edit(builtIn)}}, lower: templates.FS}
	return s
}

// A mistake in a site's own template that fails as pages are written is reported once, naming
// the site's file and line, not once for each page it fails.
func TestTemplateExecErrorOnce(t *testing.T) {
	s := overrideTemplate(t, "layout.html", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`<main id="main"`), []byte("{{.NoSuchField}}\n<main id=\"main\""), 1)
	})
	_, err := Render(t.Context(), s, newMemOutput())
	if err == nil {
		t.Fatal("got no error")
	}
	msg := err.Error()
	if n := strings.Count(msg, "can't evaluate field NoSuchField"); n != 1 {
		t.Errorf("the error is reported %d times, want once:\n%s", n, msg)
	}
	if !strings.HasPrefix(msg, `templates/layout.html:37:2: executing "page" at <.NoSuchField>: can't evaluate field NoSuchField in type *render.Page (writing `) {
		t.Errorf("got %q, want the site's file and line, then the page", msg)
	}
}

func TestErrorListKeepsTemplateErrorsOnce(t *testing.T) {
	var list errorList
	for _, page := range []string{"en/index.html", "ar/index.html", "en/data.html"} {
		list.add(templateExecError{msg: "templates/layout.html:3:2: executing", page: page})
	}
	list.add(templateExecError{msg: "templates/home.html:5:1: executing", page: "en/index.html"})
	list.add(errors.New("write en/index.html: disk full"))
	want := "templates/layout.html:3:2: executing (writing en/index.html)\n" +
		"templates/home.html:5:1: executing (writing en/index.html)\n" +
		"write en/index.html: disk full"
	if got := list.err().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Errors found before anything is written name the site's own file too.
func TestOverrideErrorsNameTheFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		edit func([]byte) []byte
		want string
	}{
		{"parse", "home.html", func(b []byte) []byte { return append([]byte("{{.Title}\n"), b...) },
			`templates/home.html:1: bad character U+007D '}'`},
		{"unknown key", "topic.html", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`{{define "main"}}`), []byte(`{{define "main"}}{{.T "topic.tpyo"}}`), 1)
		}, `templates/topic.html:1:22: unknown translation key "topic.tpyo"`},
		{"whole document", "notfound.html", func(b []byte) []byte { return append(b, []byte("{{.Nope}}")...) },
			`templates/notfound.html:37:2: executing "notfound.html" at <.Nope>: can't evaluate field Nope in type render.rootDoc (writing 404.html)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(t.Context(), overrideTemplate(t, tc.file, tc.edit), newMemOutput())
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}
