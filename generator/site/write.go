package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// stagingDir is the folder a build writes into before it is swapped in place of the site.
// It implements render.Output and is safe for concurrent use.
type stagingDir struct {
	root string

	mu    sync.Mutex
	files int
	bytes int64
	seen  map[string]bool
}

// newStagingDir creates an empty folder beside out (same file system, so the final rename is
// atomic).
func newStagingDir(out string) (*stagingDir, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".building-")
	if err != nil {
		return nil, err
	}
	return &stagingDir{root: root, seen: map[string]bool{}}, nil
}

// WriteFile writes one file of the site; name is a slash path relative to the site root.
// Writing the same name twice is an error: two pages claiming one address is a bug.
func (s *stagingDir) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return fmt.Errorf("write %q: not a relative slash path inside the site", name)
	}
	s.mu.Lock()
	if s.seen[name] {
		s.mu.Unlock()
		return fmt.Errorf("write %q: written twice", name)
	}
	s.seen[name] = true
	s.files++
	s.bytes += int64(len(data))
	s.mu.Unlock()
	full := filepath.Join(s.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// commit swaps the staged site in place of out: out is moved aside, the staging folder is
// renamed to out, and the old site is removed. Until the second rename the previous site stays
// whole; a failure in between moves it back.
func (s *stagingDir) commit(out string) error {
	out = filepath.Clean(out)
	if err := os.Chmod(s.root, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = s.root + ".previous"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("move previous site aside: %w", err)
		}
	}
	if err := os.Rename(s.root, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return fmt.Errorf("swap in new site: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// discard removes the staging folder after a failed build.
func (s *stagingDir) discard() { os.RemoveAll(s.root) }
