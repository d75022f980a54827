package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"elreport/generator/render"
)

// A build writes its site into a staging folder beside the output folder and swaps it in whole
// when it is complete:
//
//   - newStagingDir refuses an output folder elreport did not make (see out.go), takes the
//     output's lock (a second build into the same folder waits for the first), removes what
//     builds that were stopped left beside it, and creates the staging folder with the site's
//     marker file;
//   - commit checks the output folder again and swaps the staging folder in (write_linux.go
//     exchanges the two atomically; elsewhere swapByRenames renames twice), removes the previous
//     site and releases the lock;
//   - discard removes the staging folder of a failed build and releases the lock.

// For tests: testHook is called at each step of a commit; removeAll removes a previous site.
var (
	testHook  func(step string)
	removeAll = removeTree
)

// removeTree removes dir and everything in it, as os.RemoveAll does, with its top-level
// folders removed concurrently: a site is mostly folders of small files (one per language),
// and a file system spends most of a file's removal waiting, not computing.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	next := make(chan string)
	for range min(len(entries), max(4, runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for name := range next {
				if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, e := range entries {
		next <- e.Name()
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

func hook(step string) {
	if testHook != nil {
		testHook(step)
	}
}

// stagingDir is the folder a build writes into before it is swapped in place of the site.
// It implements render.Output and is safe for concurrent use.
type stagingDir struct {
	root   string // the staging folder; "" once it has been swapped in or removed
	out    string // the output folder as the user gave it, for messages
	target string // the output folder, absolute, links resolved
	lock   *outLock
	done   bool // committed or discarded: the lock is released
	// log receives what the writing has to tell while a build runs: that it waits for another
	// build of the same output folder, what it put back or could not clean up (warnings: the
	// build did not fail).
	log io.Writer

	mu    sync.Mutex
	files int
	bytes int64
	seen  map[string]bool
	// dirs are the folders made so far (slash paths ending in "/", "" for the root).
	dirs map[string]bool
}

// newStagingDir refuses an output folder elreport may not replace, locks it, removes what
// stopped builds left beside it, and creates an empty staging folder beside it (same file
// system, so that the swap is a rename) holding the site's marker file.
func newStagingDir(ctx context.Context, out string, log io.Writer) (*stagingDir, error) {
	target, err := resolve(out)
	if err != nil {
		return nil, refusal(out, err)
	}
	if err := checkPlace(out, target, ""); err != nil {
		return nil, err
	}
	if err := checkReplace(out, target); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockOut(ctx, out, target, log)
	if err != nil {
		return nil, err
	}
	s := &stagingDir{out: out, target: target, lock: lock, log: log, seen: map[string]bool{}, dirs: map[string]bool{}}
	if lock != nil {
		s.cleanStale()
	}
	// Again, now that no other build writes here: the folder may have changed while this one
	// waited.
	if err := checkReplace(out, target); err != nil {
		s.release()
		return nil, err
	}
	root, err := os.MkdirTemp(parent, stagePrefix(target))
	if err != nil {
		s.release()
		return nil, err
	}
	s.root = root
	if err := os.WriteFile(filepath.Join(root, markerName), []byte(markerText), 0o644); err != nil {
		s.discard()
		return nil, err
	}
	return s, nil
}

// stagePrefix is the name of the staging folders of target, less the random suffix.
func stagePrefix(target string) string { return "." + filepath.Base(target) + ".building-" }

// previousSuffix names the previous site while swapByRenames has moved it aside.
const previousSuffix = ".previous"

var _ render.StreamOutput = (*stagingDir)(nil)

// WritesConcurrently says that WriteFile may be called from several goroutines at once
// (render.ConcurrentOutput).
func (s *stagingDir) WritesConcurrently() {}

// WriteFile writes one file of the site; name is a slash path relative to the site root.
// Writing the same name twice is an error: two pages claiming one address is a bug.
func (s *stagingDir) WriteFile(name string, data []byte) error {
	full, err := s.claim(name, int64(len(data)))
	if err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// CreateFile opens one file of the site for writing, as WriteFile writes it whole
// (render.StreamOutput): a file of a million rows need not be held in memory.
func (s *stagingDir) CreateFile(name string) (io.WriteCloser, error) {
	full, err := s.claim(name, 0)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &stagedFile{f: f, s: s}, nil
}

// stagedFile is a file CreateFile opened: its bytes count in the site's size when it is
// closed.
type stagedFile struct {
	f *os.File
	s *stagingDir
	n int64
}

func (f *stagedFile) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	f.n += int64(n)
	return n, err
}

func (f *stagedFile) Close() error {
	f.s.mu.Lock()
	f.s.bytes += f.n
	f.s.mu.Unlock()
	return f.f.Close()
}

// claim records that name is being written (size bytes, more as a CreateFile's are written)
// and makes its folder once; it returns the file's path. Writing the same name twice is an
// error: two pages claiming one address is a bug.
func (s *stagingDir) claim(name string, size int64) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	s.mu.Lock()
	if s.seen[name] {
		s.mu.Unlock()
		return "", fmt.Errorf("write %q: written twice", name)
	}
	s.seen[name] = true
	s.files++
	s.bytes += size
	dir, _ := path.Split(name)
	made := s.dirs[dir]
	s.mu.Unlock()
	full := filepath.Join(s.root, filepath.FromSlash(name))
	if !made {
		// Once per folder: most folders hold many files, and MkdirAll costs a system call
		// even when the folder exists.
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return "", err
		}
		s.mu.Lock()
		s.dirs[dir] = true
		s.mu.Unlock()
	}
	return full, nil
}

// checkName refuses a name that is not a file of the site: not a relative slash path inside
// it, or the marker's name.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return fmt.Errorf("write %q: not a relative slash path inside the site", name)
	}
	if name == markerName {
		return fmt.Errorf("write %q: the name is reserved for the file that marks a site elreport built", name)
	}
	return nil
}

// commit swaps the staged site in place of out and removes the previous site. An error means
// the previous site is as it was (or, if moving it back failed, the error says where it is);
// once the new site is in place commit returns nil, and what it could not clean up is a
// warning on the build's log. Either way the staging folder is gone and the lock released.
func (s *stagingDir) commit(string) error {
	if s.done {
		return errors.New("the staging folder was already committed or discarded")
	}
	defer s.release()
	if err := checkReplace(s.out, s.target); err != nil {
		s.removeStage()
		return err
	}
	if err := os.Chmod(s.root, 0o755); err != nil {
		s.removeStage()
		return err
	}
	hook("before-swap")
	old, err := swap(s.root, s.target)
	if err != nil {
		s.removeStage()
		return err
	}
	s.root = ""
	hook("swapped")
	if old == "" {
		return nil
	}
	if err := removeSite(old); err != nil {
		fmt.Fprintf(s.log, "warning: the new site is in place at %s, but the previous site could not be removed: %v; it is left at %s (remove it yourself; the next build into %s tries again)\n",
			s.out, err, old, s.out)
	}
	hook("removed-old")
	return nil
}

// discard removes the staging folder after a failed build.
func (s *stagingDir) discard() {
	if s.done {
		return
	}
	s.removeStage()
	s.release()
}

func (s *stagingDir) removeStage() {
	if s.root != "" {
		os.RemoveAll(s.root)
		s.root = ""
	}
}

func (s *stagingDir) release() {
	s.done = true
	if s.lock != nil {
		s.lock.unlock()
		s.lock = nil
	}
}

// removeSite removes a previous site. Its marker goes first, so that if the removal stops
// half-way what is left is never taken for a whole site (see cleanStale).
func removeSite(dir string) error {
	os.Remove(filepath.Join(dir, markerName))
	return removeAll(dir)
}

// cleanStale removes the staging folders and previous sites that builds into the same output
// folder left beside it when they were stopped (killed, or the machine went down). It runs
// only while the lock is held, so no running build's staging folder is touched. If a build was
// stopped between the two renames of swapByRenames, there is no site at out and the previous
// one is whole beside it: that one is put back instead.
func (s *stagingDir) cleanStale() {
	parent := filepath.Dir(s.target)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	pattern := regexp.MustCompile(`^` + regexp.QuoteMeta(stagePrefix(s.target)) + `[0-9]+(` + regexp.QuoteMeta(previousSuffix) + `)?$`)
	var stale []string
	for _, e := range entries {
		if e.IsDir() && pattern.MatchString(e.Name()) {
			stale = append(stale, filepath.Join(parent, e.Name()))
		}
	}
	if _, err := os.Lstat(s.target); errors.Is(err, fs.ErrNotExist) {
		for i, dir := range stale {
			if strings.HasSuffix(dir, previousSuffix) && isSite(dir) && os.Rename(dir, s.target) == nil {
				fmt.Fprintf(s.log, "put the previous site back at %s from %s, where a stopped build had left it\n", s.out, dir)
				stale = slices.Delete(stale, i, i+1)
				break
			}
		}
	}
	for _, dir := range stale {
		if err := removeSite(dir); err != nil {
			fmt.Fprintf(s.log, "warning: could not remove %s, left beside %s by an earlier build: %v (remove it yourself)\n", dir, s.out, err)
		}
	}
}

// swapByRenames puts stage in place of out with two renames: out aside, then stage to out. It
// returns where the previous site now is ("" if there was none).
//
// It is the best available where the two folders cannot be exchanged atomically (see
// write_linux.go): rename replaces a folder only when the destination is an empty folder
// (POSIX), or not at all (Windows), so a site cannot be renamed over a site. For the instant
// between the two renames there is no site at out; a failure there moves the previous site
// back, and if the process is killed there the previous site stays whole beside out, where the
// next build puts it back (cleanStale).
func swapByRenames(stage, out string) (old string, err error) {
	if _, err := os.Lstat(out); err == nil {
		old = stage + previousSuffix
		if err := os.Rename(out, old); err != nil {
			return "", fmt.Errorf("move the previous site aside: %w", err)
		}
		hook("moved-aside")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.Rename(stage, out); err != nil {
		if old != "" {
			if rerr := os.Rename(old, out); rerr != nil {
				return "", fmt.Errorf("swap in the new site: %w; the previous site could not be moved back (%v) and is at %s (the next build puts it back)", err, rerr, old)
			}
		}
		return "", fmt.Errorf("swap in the new site: %w", err)
	}
	return old, nil
}
