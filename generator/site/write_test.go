package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"elreport/generator/sample"
)

// newProject writes a small site (one language, two schools of generated data) into a fresh
// folder and returns the folder.
func newProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_, err := sample.Generate(context.Background(), filepath.Join(dir, "data"), sample.Options{
		Districts: 1, SchoolsPerDistrict: 2, Students: 300, Years: 1, FirstYear: 2025, Seed: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Write test\"\n")
	return dir
}

// moveData moves the data folder of the project in dir to a folder beside it, which site.toml
// then names as [data] dir = "../<folder>", and returns that folder.
func moveData(t *testing.T, dir string) string {
	t.Helper()
	exports := t.TempDir() // a sibling of dir: t.TempDir's folders share one parent
	if filepath.Dir(exports) != filepath.Dir(dir) {
		t.Fatalf("%s and %s are not siblings", dir, exports)
	}
	if err := os.Remove(exports); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "data"), exports); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), fmt.Sprintf("title = \"Write test\"\n[data]\ndir = \"../%s\"\n", filepath.Base(exports)))
	return exports
}

// testLog receives the log of the builds of build; captureNotices sets it.
var testLog io.Writer = io.Discard

func build(dir, out string) (Summary, error) {
	return Build(context.Background(), Options{Config: filepath.Join(dir, "site.toml"), Out: out, Log: testLog})
}

// snapshot records every file, folder and link under root, files with their content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			tree[rel] = "link " + link
			return err
		case d.IsDir():
			tree[rel] = "folder"
		default:
			b, err := os.ReadFile(path)
			tree[rel] = "file " + string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// sameTree reports the first difference between two snapshots.
func sameTree(before, after map[string]string) error {
	for name, what := range before {
		got, ok := after[name]
		switch {
		case !ok:
			return fmt.Errorf("%s was deleted", name)
		case got != what:
			return fmt.Errorf("%s was changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			return fmt.Errorf("%s was created", name)
		}
	}
	return nil
}

// names lists a folder.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, e := range entries {
		list = append(list, e.Name())
	}
	return list
}

// syncBuffer is a bytes.Buffer that two builds may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// captureNotices sends the notices of builds to a buffer for the rest of the test.
func captureNotices(t *testing.T) *syncBuffer {
	t.Helper()
	buf := &syncBuffer{}
	saved := testLog
	testLog = buf
	t.Cleanup(func() { testLog = saved })
	return buf
}

// setHook sets testHook for the rest of the test.
func setHook(t *testing.T, f func(step string)) {
	t.Helper()
	testHook = f
	t.Cleanup(func() { testHook = nil })
}

// Every folder a build must not replace is refused, by CheckOutput (which the command runs
// first, and whose message names the project's folder) and by Build itself, and nothing is
// deleted, created or changed.
func TestRefusals(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	const allInputs = "data/schools.csv, data/students.csv, data/access.csv and 5 more"
	notASite := func(out string) string {
		return fmt.Sprintf("refusing to replace %q: it is not a site elreport built (no .elreport-site file); remove it yourself or choose another --out", out)
	}
	for _, tc := range []struct {
		name string
		// setup prepares the project in dir and returns the --out to try and the folder whose
		// whole tree must be left as it was.
		setup func(t *testing.T, dir string) (out, watch string)
		// want is the message of CheckOutput, and of Build, which runs it first.
		want func(dir, out string) string
	}{{
		name:  "data folder",
		setup: func(t *testing.T, dir string) (string, string) { return filepath.Join(dir, "data"), dir },
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it holds the input files (%s); choose another --out, such as %q", out, allInputs, filepath.Join(dir, "public"))
		},
	}, {
		name: "folder holding an input named in data.files",
		setup: func(t *testing.T, dir string) (string, string) {
			writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Write test\"\n[data.files]\nstudents = \"sis/students.csv\"\n")
			if err := os.Mkdir(filepath.Join(dir, "data", "sis"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(dir, "data", "students.csv"), filepath.Join(dir, "data", "sis", "students.csv")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(dir, "data", "sis"), dir
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it holds the input file (data/sis/students.csv); choose another --out, such as %q", out, filepath.Join(dir, "public"))
		},
	}, {
		name: "symbolic link to the data folder",
		setup: func(t *testing.T, dir string) (string, string) {
			if err := os.Symlink("data", filepath.Join(dir, "public")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(dir, "public"), dir
		},
		want: func(dir, out string) string {
			// The default output is the link itself, so none is suggested.
			return fmt.Sprintf("refusing to write the site to %q: it holds the input files (%s); choose another --out", out, allInputs)
		},
	}, {
		// "away" leads into data/, so "away/.." is data/ (and not the site's folder, as it
		// would be if ".." were taken before the link).
		name: "dot-dot after a symbolic link",
		setup: func(t *testing.T, dir string) (string, string) {
			if err := os.Mkdir(filepath.Join(dir, "data", "extra"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join("data", "extra"), filepath.Join(dir, "away")); err != nil {
				t.Fatal(err)
			}
			return dir + string(filepath.Separator) + "away" + string(filepath.Separator) + "..", dir
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it holds the input files (%s); choose another --out, such as %q", out, allInputs, filepath.Join(dir, "public"))
		},
	}, {
		// [data] dir = "../exports": the data folder is outside the site's folder, and still
		// refused.
		name: "data folder outside the site",
		setup: func(t *testing.T, dir string) (string, string) {
			return moveData(t, dir), dir
		},
		want: func(dir, out string) string {
			rel := "../" + filepath.Base(out)
			return fmt.Sprintf("refusing to write the site to %q: it holds the input files (%s/schools.csv, %s/students.csv, %s/access.csv and 5 more); choose another --out, such as %q", out, rel, rel, rel, filepath.Join(dir, "public"))
		},
	}, {
		// A new folder inside the data folder holds no input yet, and is still refused: the
		// site would sit among the student records.
		name: "new folder inside the data folder",
		setup: func(t *testing.T, dir string) (string, string) {
			return filepath.Join(dir, "data", "site"), dir
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it is inside the site's data folder (data); choose another --out, such as %q", out, filepath.Join(dir, "public"))
		},
	}, {
		name: "new folder inside a data folder outside the site",
		setup: func(t *testing.T, dir string) (string, string) {
			exports := moveData(t, dir)
			return filepath.Join(exports, "2025", "site"), exports
		},
		want: func(dir, out string) string {
			rel := "../" + filepath.Base(filepath.Dir(filepath.Dir(out)))
			return fmt.Sprintf("refusing to write the site to %q: it is inside the site's data folder (%s); choose another --out, such as %q", out, rel, filepath.Join(dir, "public"))
		},
	}, {
		name: "folder holding a data folder outside the site",
		setup: func(t *testing.T, dir string) (string, string) {
			exports := t.TempDir()
			writeFile(t, filepath.Join(exports, "2025", "README.txt"), "the exports will go here\n")
			writeFile(t, filepath.Join(dir, "site.toml"), fmt.Sprintf("title = \"Write test\"\n[data]\ndir = %q\n", filepath.Join(exports, "2025")))
			return exports, exports
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it holds the site's data folder (%s); choose another --out, such as %q", out, filepath.Join(out, "2025"), filepath.Join(dir, "public"))
		},
	}, {
		name:  "site folder",
		setup: func(t *testing.T, dir string) (string, string) { return dir, dir },
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it is the site's own folder, which holds site.toml; choose another --out, such as %q", out, filepath.Join(dir, "public"))
		},
	}, {
		name: "ancestor of the site folder",
		setup: func(t *testing.T, dir string) (string, string) {
			return filepath.Dir(dir), filepath.Dir(dir)
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it holds the site's folder (%s); choose another --out, such as %q", out, dir, filepath.Join(dir, "public"))
		},
	}, {
		name: "home folder",
		setup: func(t *testing.T, dir string) (string, string) {
			home := t.TempDir()
			writeFile(t, filepath.Join(home, "notes.txt"), "the user's own notes\n")
			writeFile(t, filepath.Join(home, "Documents", "budget.xlsx"), "numbers\n")
			t.Setenv("HOME", home)
			return home, home
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it is your home folder; choose another --out, such as %q", out, filepath.Join(dir, "public"))
		},
	}, {
		name: "root",
		setup: func(t *testing.T, dir string) (string, string) {
			return string(filepath.Separator), dir
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to write the site to %q: it is the root of the file system; choose another --out, such as %q", out, filepath.Join(dir, "public"))
		},
	}, {
		name: "existing file",
		setup: func(t *testing.T, dir string) (string, string) {
			writeFile(t, filepath.Join(dir, "report.txt"), "the district's own report\n")
			return filepath.Join(dir, "report.txt"), dir
		},
		want: func(dir, out string) string {
			return fmt.Sprintf("refusing to replace %q: it is a file, not a site elreport built; remove it yourself or choose another --out", out)
		},
	}, {
		name: "non-empty folder elreport did not build",
		setup: func(t *testing.T, dir string) (string, string) {
			other := t.TempDir()
			writeFile(t, filepath.Join(other, "reports", "2024.pdf"), "%PDF-1.7 a report\n")
			writeFile(t, filepath.Join(other, "reports", "index.html"), "<p>the district's own page</p>\n")
			return filepath.Join(other, "reports"), other
		},
		want: func(dir, out string) string { return notASite(out) },
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newProject(t)
			out, watch := tc.setup(t, dir)
			before := snapshot(t, watch)
			var rootBefore []string
			if out == string(filepath.Separator) {
				rootBefore = names(t, out)
			}
			opts := Options{Config: filepath.Join(dir, "site.toml"), Out: out}

			want := tc.want(dir, out)
			if rel, err := filepath.Rel(wd, filepath.Join(dir, "public")); err == nil && filepath.IsLocal(rel) {
				t.Fatalf("the test's project %s is below the working folder: the suggestion would be relative", dir)
			}
			if err := CheckOutput(opts); err == nil || err.Error() != want {
				t.Errorf("CheckOutput:\n got: %v\nwant: %s", err, want)
			}
			if _, err := Build(context.Background(), opts); err == nil || err.Error() != want {
				t.Errorf("Build:\n got: %v\nwant: %s", err, want)
			}

			if err := sameTree(before, snapshot(t, watch)); err != nil {
				t.Errorf("after the refusals, under %s: %v", watch, err)
			}
			if rootBefore != nil && !slices.Equal(rootBefore, names(t, out)) {
				t.Errorf("the refusals changed %s: %v, then %v", out, rootBefore, names(t, out))
			}
		})
	}
}

// A site elreport built is replaced by the next build, which marks it too, and nothing is left
// beside it: no staging folder, no previous site, no lock file.
func TestReplaceSite(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(dir, "public")
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, markerName)); got != markerText {
		t.Errorf("%s = %q, want %q", markerName, got, markerText)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Second build\"\n")
	sum, err := build(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if page := readFile(t, filepath.Join(out, "en", "index.html")); !strings.Contains(page, "Second build") {
		t.Error("the second build did not replace the site")
	}
	if !isSite(out) {
		t.Error("the second site has no marker")
	}
	if _, err := os.Stat(filepath.Join(out, "sitemap.xml")); err != nil {
		t.Error(err)
	}
	if got, want := names(t, dir), []string{"data", "public", "site.toml"}; !slices.Equal(got, want) {
		t.Errorf("the site's folder holds %v, want %v", got, want)
	}
	// The marker is not one of the files the build counts.
	n := 0
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if n != sum.Files+1 {
		t.Errorf("the site holds %d files; the build counted %d, and the marker makes %d", n, sum.Files, sum.Files+1)
	}
}

// An empty folder at --out is used.
func TestEmptyFolderIsUsed(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(dir, "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	if !isSite(out) {
		t.Error("no site was built into the empty folder")
	}
}

// --out may be a symbolic link to the site: the site it leads to is replaced, and the link stays.
func TestOutputThroughSymlink(t *testing.T) {
	dir := newProject(t)
	real, link := filepath.Join(dir, "www"), filepath.Join(dir, "public")
	if _, err := build(dir, real); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("www", link); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Through the link\"\n")
	if _, err := build(dir, link); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a link: %v", link, err)
	}
	if page := readFile(t, filepath.Join(real, "en", "index.html")); !strings.Contains(page, "Through the link") {
		t.Error("the site the link leads to was not replaced")
	}
	if got, want := names(t, dir), []string{"data", "public", "site.toml", "www"}; !slices.Equal(got, want) {
		t.Errorf("the site's folder holds %v, want %v", got, want)
	}
}

// What builds that were stopped left beside the output folder is removed by the next build
// into it; folders that only look alike are not.
func TestStaleStagingRemoved(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(dir, "public")
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	stale := []string{".public.building-1234567", ".public.building-42.previous", ".public.building-7"}
	writeFile(t, filepath.Join(dir, stale[0], "en", "index.html"), "half a site")
	writeFile(t, filepath.Join(dir, stale[1], markerName), markerText)
	writeFile(t, filepath.Join(dir, stale[1], "index.html"), "a previous site")
	if err := os.Mkdir(filepath.Join(dir, stale[2]), 0o755); err != nil {
		t.Fatal(err)
	}
	kept := []string{".public.building-notes", ".other.building-1"}
	for _, name := range kept {
		writeFile(t, filepath.Join(dir, name, "keep.txt"), "not elreport's")
	}
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	want := append([]string{".other.building-1", ".public.building-notes"}, "data", "public", "site.toml")
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("after the build the site's folder holds %v, want %v", got, want)
	}
}

// A build stopped between the two renames of swapByRenames leaves no site at out and the
// previous one beside it: the next build puts it back before anything else.
func TestStoppedSwapIsPutBack(t *testing.T) {
	notes := captureNotices(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	aside := filepath.Join(dir, ".public.building-99"+previousSuffix)
	writeFile(t, filepath.Join(aside, markerName), markerText)
	writeFile(t, filepath.Join(aside, "index.html"), "the previous site")
	stage, err := newStagingDir(context.Background(), out, notes)
	if err != nil {
		t.Fatal(err)
	}
	stage.discard() // as a build that fails after the clean-up
	if got := readFile(t, filepath.Join(out, "index.html")); got != "the previous site" {
		t.Errorf("out holds %q, want the previous site put back", got)
	}
	if got, want := names(t, dir), []string{"public"}; !slices.Equal(got, want) {
		t.Errorf("the folder holds %v, want %v", got, want)
	}
	if !strings.Contains(notes.String(), "put the previous site back at "+out) {
		t.Errorf("notices: %q", notes.String())
	}
}

// Two builds into one output folder at once: the second waits for the first, says so, and both
// succeed, leaving one site and nothing beside it.
func TestConcurrentBuilds(t *testing.T) {
	notes := captureNotices(t)
	dir := newProject(t)
	out := filepath.Join(dir, "public")

	// The first build to take the lock holds it until the other one has said it waits, so
	// that the two do overlap.
	var once sync.Once
	waiting := make(chan struct{})
	var waitOnce sync.Once
	setHook(t, func(step string) {
		switch step {
		case "waiting":
			waitOnce.Do(func() { close(waiting) })
		case "before-swap":
			once.Do(func() {
				select {
				case <-waiting:
				case <-time.After(20 * time.Second):
					t.Error("the second build never waited for the first")
				}
			})
		}
	})
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { _, errs[i] = build(dir, out) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i+1, err)
		}
	}
	want := fmt.Sprintf("another build is writing %s (pid %d); waiting\n", out, os.Getpid())
	if !strings.Contains(notes.String(), want) {
		t.Errorf("notices = %q, want %q", notes.String(), want)
	}
	if !isSite(out) {
		t.Error("no site at out")
	}
	if got, want := names(t, dir), []string{"data", "public", "site.toml"}; !slices.Equal(got, want) {
		t.Errorf("the site's folder holds %v, want %v", got, want)
	}
}

// A build that cannot get the lock in lockWait stops, and leaves the site as it was.
func TestLockWaitIsBounded(t *testing.T) {
	notes := captureNotices(t)
	dir := newProject(t)
	out := filepath.Join(dir, "public")
	if _, err := build(dir, out); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	saveWait, savePoll := lockWait, lockPoll
	lockWait, lockPoll = 300*time.Millisecond, 20*time.Millisecond
	t.Cleanup(func() { lockWait, lockPoll = saveWait, savePoll })

	held, err := lockOut(context.Background(), out, out, io.Discard)
	if err != nil || held == nil {
		t.Fatalf("lockOut = %v, %v", held, err)
	}
	_, err = build(dir, out)
	held.unlock()
	want := fmt.Sprintf("write: another build (pid %d) is still writing %s after 300ms; stopped waiting (run this build again when it has finished)", os.Getpid(), out)
	if err == nil || err.Error() != want {
		t.Errorf("build = %v, want %s", err, want)
	}
	if !strings.Contains(notes.String(), "another build is writing "+out+" (pid ") {
		t.Errorf("notices = %q", notes.String())
	}
	if err := sameTree(before, snapshot(t, dir)); err != nil {
		t.Error(err)
	}
}

// When the previous site cannot be removed after the new one is in place, the build has not
// failed: Build succeeds, the new site is at out, and a warning says where the previous one is
// left. The next build removes it.
func TestRemovalFailureIsAWarning(t *testing.T) {
	for _, how := range []string{"injected", "read-only folder"} {
		t.Run(how, func(t *testing.T) {
			if how == "read-only folder" && os.Geteuid() == 0 {
				t.Skip("running as root, whom a read-only folder does not stop; the injected case covers it")
			}
			notes := captureNotices(t)
			dir := newProject(t)
			out := filepath.Join(dir, "public")
			if _, err := build(dir, out); err != nil {
				t.Fatal(err)
			}
			switch how {
			case "injected":
				previous := removeAll
				removeAll = func(path string) error {
					return &fs.PathError{Op: "unlinkat", Path: filepath.Join(path, "en"), Err: syscall.EACCES}
				}
				t.Cleanup(func() { removeAll = previous })
			case "read-only folder":
				en := filepath.Join(out, "en")
				if err := os.Chmod(en, 0o555); err != nil {
					t.Fatal(err)
				}
				// The previous site is moved, so find its en/ again to make it removable.
				t.Cleanup(func() {
					matches, _ := filepath.Glob(filepath.Join(dir, ".public.building-*", "en"))
					for _, m := range append(matches, en) {
						os.Chmod(m, 0o755)
					}
				})
			}
			writeFile(t, filepath.Join(dir, "site.toml"), "title = \"New site\"\n")
			if _, err := build(dir, out); err != nil {
				t.Fatalf("build = %v, want success: the new site is in place", err)
			}
			if page := readFile(t, filepath.Join(out, "en", "index.html")); !strings.Contains(page, "New site") {
				t.Error("the new site is not at out")
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".public.building-*"))
			if len(left) != 1 {
				t.Fatalf("left beside out: %v, want the previous site", left)
			}
			want := fmt.Sprintf("warning: the new site is in place at %s, but the previous site could not be removed: ", out)
			wantEnd := fmt.Sprintf("; it is left at %s (remove it yourself; the next build into %s tries again)\n", left[0], out)
			got := notes.String()
			if i := strings.Index(got, "warning: "); i >= 0 {
				got = got[i:] // the warning, after the build's progress lines
			}
			if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, wantEnd) || !strings.Contains(got, "permission denied") {
				t.Errorf("notices = %q, want %q...%q", got, want, wantEnd)
			}

			removeAll = removeTree
			os.Chmod(filepath.Join(left[0], "en"), 0o755)
			if _, err := build(dir, out); err != nil {
				t.Fatal(err)
			}
			if got, want := names(t, dir), []string{"data", "public", "site.toml"}; !slices.Equal(got, want) {
				t.Errorf("after the next build the site's folder holds %v, want %v", got, want)
			}
		})
	}
}

// When swapByRenames cannot rename the new site in, the previous site is moved back.
func TestSwapByRenamesMovesBack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	writeFile(t, filepath.Join(out, markerName), markerText)
	writeFile(t, filepath.Join(out, "index.html"), "the previous site")
	before := snapshot(t, dir)
	var steps []string
	setHook(t, func(step string) { steps = append(steps, step) })
	_, err := swapByRenames(filepath.Join(dir, ".public.building-1"), out)
	if err == nil || !strings.HasPrefix(err.Error(), "swap in the new site: ") {
		t.Errorf("swapByRenames = %v, want a failure to swap in", err)
	}
	if !slices.Equal(steps, []string{"moved-aside"}) {
		t.Errorf("steps %v: the previous site was not moved aside first", steps)
	}
	if err := sameTree(before, snapshot(t, dir)); err != nil {
		t.Error(err)
	}
}

// The marker name is the build's own; a page cannot claim it.
func TestMarkerNameIsReserved(t *testing.T) {
	stage := &stagingDir{root: t.TempDir(), seen: map[string]bool{}, dirs: map[string]bool{}}
	if err := stage.WriteFile(markerName, []byte("x")); err == nil {
		t.Error("WriteFile wrote the marker")
	}
	if isSite(stage.root) {
		t.Error("a page's file was taken for the marker")
	}
}

// TestRemoveTree removes a site-like tree (folders of files, files at the top, an empty
// folder) with its folders removed concurrently, and a missing folder without an error.
func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, name := range []string{"index.html", "en/index.html", "en/schools/a.html", "es/index.html", "data/metrics.csv", "static/vendor/x.js"} {
		writeFile(t, filepath.Join(dir, name), "x")
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after removeTree: %v, want the folder gone", err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("a missing folder: %v, want nil as os.RemoveAll", err)
	}
}

// TestCreateFile writes a file as a stream beside one written whole: both are in the staging
// folder, both count in the site's size, and the name a stream took cannot be written again.
func TestCreateFile(t *testing.T) {
	stage := &stagingDir{root: t.TempDir(), seen: map[string]bool{}, dirs: map[string]bool{}}
	if err := stage.WriteFile("data/a.csv", []byte("a,b\n")); err != nil {
		t.Fatal(err)
	}
	w, err := stage.CreateFile("data/metrics.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"x,y\n", "1,2\n", "3,4\n"} {
		if _, err := io.WriteString(w, part); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(stage.root, "data", "metrics.csv"))
	if err != nil || string(got) != "x,y\n1,2\n3,4\n" {
		t.Errorf("data/metrics.csv: got %q, %v", got, err)
	}
	if stage.files != 2 || stage.bytes != 4+12 {
		t.Errorf("counted %d files, %d bytes; want 2, 16", stage.files, stage.bytes)
	}
	if err := stage.WriteFile("data/metrics.csv", []byte("again")); err == nil {
		t.Error("WriteFile wrote over a streamed file")
	}
	if _, err := stage.CreateFile("data/a.csv"); err == nil {
		t.Error("CreateFile opened a file written already")
	}
	if _, err := stage.CreateFile(markerName); err == nil {
		t.Error("CreateFile opened the marker")
	}
}

// build --profile writes its files neither into the output folder, which the build replaces
// whole, nor into the site's data folder or another folder of its own; the site's folder
// itself is where the docs put them (prof/ beside site.toml), and so is a data folder that is
// the site's folder ([data] dir = ".").
func TestCheckProfile(t *testing.T) {
	dir := newProject(t)
	exports := moveData(t, dir)
	opts := Options{Config: filepath.Join(dir, "site.toml")}
	rel := "../" + filepath.Base(exports)
	for _, tc := range []struct {
		profile, out, want string
	}{
		{filepath.Join(dir, "prof"), "", ""},
		{filepath.Join(dir, "public"), "", fmt.Sprintf("refusing to write the profiles to %q: it is in the output folder %q, which the build replaces whole; choose another --profile", filepath.Join(dir, "public"), filepath.Join(dir, "public"))},
		{filepath.Join(dir, "out", "prof"), filepath.Join(dir, "out"), fmt.Sprintf("refusing to write the profiles to %q: it is in the output folder %q, which the build replaces whole; choose another --profile", filepath.Join(dir, "out", "prof"), filepath.Join(dir, "out"))},
		{filepath.Join(dir, "out", "prof"), filepath.Join(dir, "public"), ""},
		{exports, "", fmt.Sprintf("refusing to write the profiles to %q: it is in the site's data folder (%s); choose another --profile", exports, rel)},
		{filepath.Join(exports, "prof"), "", fmt.Sprintf("refusing to write the profiles to %q: it is in the site's data folder (%s); choose another --profile", filepath.Join(exports, "prof"), rel)},
		{filepath.Join(dir, "templates", "prof"), "", fmt.Sprintf("refusing to write the profiles to %q: it is in the site's templates folder (templates); choose another --profile", filepath.Join(dir, "templates", "prof"))},
	} {
		opts.Out = tc.out
		err := CheckProfile(opts, tc.profile)
		if got := fmt.Sprint(err); (tc.want == "" && err != nil) || (tc.want != "" && got != tc.want) {
			t.Errorf("CheckProfile(%s, out %q):\n got: %v\nwant: %s", tc.profile, tc.out, err, tc.want)
		}
	}

	// [data] dir = ".": the data folder is the site's folder, which prof/ is below.
	here := newProject(t)
	writeFile(t, filepath.Join(here, "site.toml"), "title = \"Write test\"\n[data]\ndir = \".\"\n")
	if err := CheckProfile(Options{Config: filepath.Join(here, "site.toml")}, filepath.Join(here, "prof")); err != nil {
		t.Errorf("CheckProfile with the data folder the site's own: %v", err)
	}

	// [data] dir = "..": the data folder holds the site's folder. In the site's folder is
	// allowed (public/, prof/); elsewhere in the data folder is not.
	up := newProject(t)
	writeFile(t, filepath.Join(up, "site.toml"), "title = \"Write test\"\n[data]\ndir = \"..\"\n")
	upOpts := Options{Config: filepath.Join(up, "site.toml")}
	if err := CheckProfile(upOpts, filepath.Join(up, "prof")); err != nil {
		t.Errorf("CheckProfile(prof) with the data folder holding the site's: %v", err)
	}
	beside := filepath.Join(filepath.Dir(up), "prof")
	if err := CheckProfile(upOpts, beside); err == nil || !strings.Contains(err.Error(), "it is in the site's data folder (..)") {
		t.Errorf("CheckProfile(../prof) with the data folder holding the site's: %v", err)
	}
	if err := CheckOutput(Options{Config: upOpts.Config, Out: filepath.Join(filepath.Dir(up), "out2")}); err == nil || !strings.Contains(err.Error(), "it is inside the site's data folder (..)") {
		t.Errorf("CheckOutput(../out2) with the data folder holding the site's: %v", err)
	}
	if err := CheckOutput(Options{Config: upOpts.Config}); err != nil {
		t.Errorf("CheckOutput(public) with the data folder holding the site's: %v", err)
	}
}
