package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A build into a Memory holds the same files, byte for byte, as a build of the same site into
// a folder (less the folder's marker), and writes nothing to disk: no public/ appears beside
// site.toml, even one that an output check would refuse.
func TestBuildIntoMemory(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, out)

	mem := NewMemory()
	sum, err := Build(context.Background(), Options{Config: filepath.Join(dir, "site.toml"), Out: "/", Output: mem})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Out != "" {
		t.Errorf("Summary.Out = %q, want \"\" for a build into memory", sum.Out)
	}
	if sum.Pages == 0 {
		t.Error("Summary.Pages = 0")
	}
	files, bytes := mem.Size()
	var wantFiles int
	var wantBytes int64
	for name, what := range want {
		text, ok := strings.CutPrefix(what, "file ")
		if !ok || name == markerName {
			continue
		}
		wantFiles++
		wantBytes += int64(len(text))
		got, ok := mem.File(filepath.ToSlash(name))
		switch {
		case !ok:
			t.Errorf("memory lacks %s", name)
		case string(got) != text:
			t.Errorf("memory's %s differs from the folder's", name)
		}
	}
	if files != wantFiles || bytes != wantBytes {
		t.Errorf("Size() = %d files, %d bytes; want %d, %d", files, bytes, wantFiles, wantBytes)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a build into memory left %s: %v", filepath.Join(dir, "public"), err)
	}
}

func TestMemoryRefusesNames(t *testing.T) {
	mem := NewMemory()
	if err := mem.WriteFile("en/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"en/index.html", "../x", "/abs", `a\b`, ".", markerName} {
		if err := mem.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) = nil, want an error", name)
		}
	}
	// The Memory keeps its own copy: Render reuses its buffers.
	buf := []byte("before")
	if err := mem.WriteFile("a.txt", buf); err != nil {
		t.Fatal(err)
	}
	copy(buf, "after!")
	if got, _ := mem.File("a.txt"); string(got) != "before" {
		t.Errorf("File(a.txt) = %q after the caller reused its buffer, want %q", got, "before")
	}
}

// BenchmarkBuildMemory builds the sample site (../../site.toml) into memory, as elreport serve
// does on every change: the time of one rebuild.
func BenchmarkBuildMemory(b *testing.B) {
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Config: "../../site.toml", Output: NewMemory()}); err != nil {
			b.Fatal(err)
		}
	}
}
