package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// On Linux the new site and the previous one trade places in one step: at every step of a build
// that replaces a site, a whole site is at out.
func TestExchangeKeepsASite(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(dir, "public")
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"After the exchange\"\n")
	var steps []string
	setHook(t, func(step string) {
		steps = append(steps, step)
		if step == "exchange-unsupported" {
			return
		}
		if !isSite(out) {
			t.Errorf("at step %s there is no site at out", step)
		}
		page, err := os.ReadFile(filepath.Join(out, "en", "index.html"))
		if err != nil {
			t.Errorf("at step %s: %v", step, err)
		}
		after := strings.Contains(string(page), "After the exchange")
		if before := step == "before-swap"; before == after {
			t.Errorf("at step %s out holds the %s site", step, map[bool]string{true: "new", false: "previous"}[after])
		}
	})
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(steps, "exchange-unsupported") {
		t.Skipf("the file system of %s cannot exchange folders (renameat2 RENAME_EXCHANGE); the build renamed twice", dir)
	}
	if want := []string{"before-swap", "exchanged", "swapped", "removed-old"}; !slices.Equal(steps, want) {
		t.Errorf("steps %v, want %v", steps, want)
	}
	if got, want := names(t, dir), []string{"data", "public", "site.toml"}; !slices.Equal(got, want) {
		t.Errorf("the site's folder holds %v, want %v", got, want)
	}
}
