package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A build with a Cache after a change to a translation only renders again, and writes the
// same site as a build from scratch; a change to the data, or to site.toml, loads again.
func TestCacheReusesOnlyForContent(t *testing.T) {
	dir := newProject(t)
	config := filepath.Join(dir, "site.toml")
	var cache Cache
	var log bytes.Buffer
	rebuild := func() *Memory {
		t.Helper()
		log.Reset()
		mem := NewMemory()
		if _, err := Build(context.Background(), Options{Config: config, Output: mem, Cache: &cache, Log: &log}); err != nil {
			t.Fatal(err)
		}
		return mem
	}
	fresh := func() *Memory {
		t.Helper()
		mem := NewMemory()
		if _, err := Build(context.Background(), Options{Config: config, Output: mem}); err != nil {
			t.Fatal(err)
		}
		return mem
	}
	const reused = "reusing the inputs and figures"
	rebuild()
	if strings.Contains(log.String(), reused) {
		t.Fatalf("the first build reused an empty cache:\n%s", log.String())
	}

	translation := filepath.Join(dir, "content", "i18n", "en.toml")
	writeFile(t, translation, "[nav]\nhome = \"Front page\"\n")
	cache.Changed(translation)
	got := rebuild()
	if !strings.Contains(log.String(), reused) {
		t.Errorf("after a change to %s the build loaded again:\n%s", translation, log.String())
	}
	if page, _ := got.File("en/index.html"); !strings.Contains(string(page), "Front page") {
		t.Error("en/index.html lacks the changed translation")
	}
	sameMemory(t, got, fresh())

	for _, change := range []struct {
		what string
		edit func() string // changes a file and returns the path to tell the cache, or ""
	}{
		{"a data file", func() string {
			name := filepath.Join(dir, "data", "plans.csv")
			os.Remove(name)
			return name
		}},
		{"site.toml, untold", func() string {
			writeFile(t, config, "title = \"Another title\"\n")
			return ""
		}},
	} {
		if path := change.edit(); path != "" {
			cache.Changed(path)
		}
		got := rebuild()
		if strings.Contains(log.String(), reused) {
			t.Errorf("after a change to %s the build reused the cache:\n%s", change.what, log.String())
		}
		sameMemory(t, got, fresh())
	}
}

func TestCacheChanged(t *testing.T) {
	site := filepath.FromSlash("/srv/lakeside/site")
	for _, tt := range []struct {
		data, public string // [data] dir and [public_data] dir, as site.toml gives them
		path         string // the changed path, relative to site
		keep         bool
	}{
		{"../exports", "", "content/i18n/es.toml", true},
		{"../exports", "", "templates/static/style.css", true},
		{"../exports", "", "content", true},
		{"../exports", "", "site.toml", false},
		{"../exports", "", "../exports/access.csv", false},
		{"../exports", "", "contents/x", false},
		{"../exports", "", "public/en/index.html", false},
		{".", "", "content/guides/access-test.es.md", true},
		{".", "", "access.csv", false},
		{"content/data", "", "content/data/access.csv", false},
		{"../exports", "templates/dese", "templates/dese/x.csv", false},
	} {
		cache := Cache{pr: &prepared{}, dir: site, inputs: []string{
			filepath.Join(site, filepath.FromSlash(tt.data)), filepath.Join(site, filepath.FromSlash(tt.public)),
		}}
		if tt.public == "" {
			cache.inputs[1] = ""
		}
		cache.Changed(filepath.Join(site, filepath.FromSlash(tt.path)))
		if got := cache.pr != nil; got != tt.keep {
			t.Errorf("data %q, public %q: after a change to %s, kept = %v, want %v", tt.data, tt.public, tt.path, got, tt.keep)
		}
	}
}

// sameMemory reports the files that differ between two builds into memory.
func sameMemory(t *testing.T, got, want *Memory) {
	t.Helper()
	for name, data := range want.files {
		if g, ok := got.files[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s differs from a build from scratch", name)
		}
	}
	for name := range got.files {
		if _, ok := want.files[name]; !ok {
			t.Errorf("%s is not in a build from scratch", name)
		}
	}
}

// BenchmarkRebuildContent builds the sample site (../../site.toml) into memory again after a
// change to a translation, as elreport serve does: the inputs and figures come from the cache,
// and only the rendering runs.
func BenchmarkRebuildContent(b *testing.B) {
	var cache Cache
	opts := Options{Config: "../../site.toml", Cache: &cache}
	opts.Output = NewMemory()
	if _, err := Build(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cache.Changed("../../content/i18n/es.toml")
		opts.Output = NewMemory()
		if _, err := Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}
