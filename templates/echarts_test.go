package templates

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// echartsDir is the pinned copy of ECharts in FS; its README.md records the version and the
// sha256 of each file.
const echartsDir = "static/vendor/echarts"

var (
	// hashRow is a row of the README's table: | file | `sha256` |.
	hashRow = regexp.MustCompile("(?m)^\\|[ \t]*([^|`]*?)[ \t]*\\|[ \t]*`([0-9a-f]{64})`[ \t]*\\|[ \t]*$")
	// readmeVersion is the version the README names; builtVersion is the one echarts.min.js
	// reports (echarts.version).
	readmeVersion = regexp.MustCompile(`\*\*echarts ([0-9][0-9A-Za-z.+-]*)\*\*`)
	builtVersion  = regexp.MustCompile(`[,;{]t\.version="([^"]+)"`)
)

// checkPinned checks the ECharts folder of fsys against its README.md: each file listed in
// the table has the sha256 recorded there, echarts.min.js among them; every file of the folder
// is listed; and echarts.min.js is the version the README names. A row whose first cell is
// not a plain file name (the npm tarball's) describes a file that is not in the folder.
func checkPinned(fsys fs.FS) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	readme, err := fs.ReadFile(fsys, path.Join(echartsDir, "README.md"))
	if err != nil {
		return []error{err}
	}
	listed := map[string]string{}
	for _, m := range hashRow.FindAllSubmatch(readme, -1) {
		name, sum := string(m[1]), string(m[2])
		if strings.ContainsAny(name, " /") {
			continue
		}
		if _, dup := listed[name]; dup {
			bad("README.md lists %s twice", name)
		}
		listed[name] = sum
	}
	if _, ok := listed["echarts.min.js"]; !ok {
		bad("README.md has no sha256 row for echarts.min.js")
	}
	for name, want := range listed {
		data, err := fs.ReadFile(fsys, path.Join(echartsDir, name))
		if err != nil {
			bad("README.md lists %s: %v", name, err)
			continue
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want {
			bad("%s/%s has sha256 %x; README.md records %s", echartsDir, name, sum, want)
		}
	}
	entries, err := fs.ReadDir(fsys, echartsDir)
	if err != nil {
		return append(errs, err)
	}
	for _, e := range entries {
		if _, ok := listed[e.Name()]; !ok && e.Name() != "README.md" {
			bad("%s/%s has no sha256 row in README.md", echartsDir, e.Name())
		}
	}
	if js, err := fs.ReadFile(fsys, path.Join(echartsDir, "echarts.min.js")); err == nil {
		want, got := readmeVersion.FindSubmatch(readme), builtVersion.FindSubmatch(js)
		switch {
		case want == nil:
			bad("README.md names no version as **echarts X.Y.Z**")
		case got == nil:
			bad("echarts.min.js reports no version (t.version=...)")
		case !bytes.Equal(want[1], got[1]):
			bad("echarts.min.js is version %s; README.md names %s", got[1], want[1])
		}
	}
	return errs
}

// TestEChartsPinned checks the embedded copy of ECharts against the sha256 sums and the
// version its README records, so that neither can change without the other.
func TestEChartsPinned(t *testing.T) {
	for _, err := range checkPinned(FS) {
		t.Error(err)
	}
}

// TestCheckPinnedFails checks that checkPinned fails for any one changed byte of
// echarts.min.js, and for a README that lacks its row.
func TestCheckPinnedFails(t *testing.T) {
	copyFS := func() fstest.MapFS {
		m := fstest.MapFS{}
		err := fs.WalkDir(FS, echartsDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(FS, p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	js := path.Join(echartsDir, "echarts.min.js")
	if errs := checkPinned(copyFS()); len(errs) != 0 {
		t.Fatalf("the copy fails: %v", errs)
	}
	n := len(copyFS()[js].Data)
	for _, i := range []int{0, 1, n / 2, n - 1} {
		m := copyFS()
		m[js].Data[i] ^= 1
		if errs := checkPinned(m); len(errs) != 1 || !strings.Contains(errs[0].Error(), "echarts.min.js has sha256") {
			t.Errorf("byte %d of %d changed: got %v; want the sha256 mismatch", i, n, errs)
		}
	}
	m := copyFS()
	m[js].Data = append(m[js].Data, '\n')
	if errs := checkPinned(m); len(errs) != 1 {
		t.Errorf("a byte added: got %v; want the sha256 mismatch", errs)
	}
	m = copyFS()
	readme := path.Join(echartsDir, "README.md")
	m[readme].Data = regexp.MustCompile("(?m)^\\| echarts\\.min\\.js .*\n").ReplaceAll(m[readme].Data, nil)
	if errs := checkPinned(m); len(errs) != 2 {
		t.Errorf("README without the echarts.min.js row: got %v; want no row, and no row for the file", errs)
	}
}
