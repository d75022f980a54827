package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"elreport/generator/config"
)

// new makes a site whose data folder is outside the site's folder (so student records are not
// published or versioned with it), with every setting of site.toml written out, and which
// builds as it is; --empty writes the eight inputs' headers; an existing folder is refused.
func TestNew(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "riverton")
	var out bytes.Buffer
	if err := Run(ctx, []string{"new", dir, "--title", "Riverton EL Report"}, &out, &out); err != nil {
		t.Fatalf("new: %v\n%s", err, out.String())
	}
	cfg, err := config.Load(os.DirFS(dir), "site/site.toml")
	if err != nil {
		t.Fatalf("the new site.toml: %v", err)
	}
	if cfg.Data.Dir != "../exports" || cfg.Title != "Riverton EL Report" {
		t.Errorf("data dir %q, title %q; want ../exports and the title given", cfg.Data.Dir, cfg.Title)
	}
	ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if !strings.Contains(string(ignore), "exports/") {
		t.Errorf(".gitignore %q does not leave the exports out", ignore)
	}
	text, _ := os.ReadFile(filepath.Join(dir, "site", "site.toml"))
	for _, key := range []string{"min_n", "proficient_level", "gap_threshold", "base_url", "access_format", "students_format", "district_name", "[data.files]", "logo", "[theme.colors]", "custom.css"} {
		if !strings.Contains(string(text), key) {
			t.Errorf("site.toml does not mention %s", key)
		}
	}
	out.Reset()
	if err := Run(ctx, []string{"build", "--config", filepath.Join(dir, "site", "site.toml")}, &out, &out); err != nil {
		t.Fatalf("build of the new site: %v\n%s", err, out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "public", "en", "index.html")); err != nil {
		t.Errorf("the new site did not build into site/public: %v", err)
	}

	if err := Run(ctx, []string{"new", dir}, &out, &out); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("new into an existing folder: %v, want a refusal", err)
	}

	empty := filepath.Join(t.TempDir(), "blank")
	if err := Run(ctx, []string{"new", empty, "--empty"}, &out, &out); err != nil {
		t.Fatalf("new --empty: %v", err)
	}
	header, _ := os.ReadFile(filepath.Join(empty, "exports", "students.csv"))
	if string(header) != "year,student_id,school_code,grade,el_status,home_language,el_program,end_status\n" {
		t.Errorf("students.csv of --empty: %q", header)
	}
	out.Reset()
	err = Run(ctx, []string{"check", "--config", filepath.Join(empty, "site", "site.toml")}, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "no figure to publish") {
		t.Errorf("check of an empty new site: %v, want 'no figure to publish'", err)
	}
}
