package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// markdownLink matches the target of an inline Markdown link.
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestDocsLinksStayInside checks that README.md and docs/ link only to files of the
// repository that exist (or to an anchor, or an https address), and never to ../shared or
// SPEC.md, which users of the repository do not have.
func TestDocsLinksStayInside(t *testing.T) {
	files, err := filepath.Glob("../../docs/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no docs: %v", err)
	}
	files = append(files, "../../README.md")
	for _, file := range files {
		text := readString(t, file)
		name := strings.TrimPrefix(file, "../../")
		for _, bad := range []string{"../shared", "SPEC.md"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s mentions %s, which is outside the repository", name, bad)
			}
		}
		for _, m := range markdownLink.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.HasPrefix(target, "#") || strings.HasPrefix(target, "https://") {
				continue
			}
			path, _, _ := strings.Cut(target, "#")
			full := filepath.Join(filepath.Dir(file), path)
			if rel, err := filepath.Rel("../..", full); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s links to %s, outside the repository", name, target)
				continue
			}
			if _, err := os.Stat(full); err != nil {
				t.Errorf("%s links to %s, which does not exist", name, target)
			}
		}
	}
}
