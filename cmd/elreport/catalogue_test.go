package main

import (
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"elreport/generator/config"
	"elreport/generator/i18n"
	"elreport/generator/metric"
)

// TestCatalogueIsWholeAndAlone builds the shipped sample and checks every metric of the
// catalogue end to end: computed (in metrics.csv) and shown on some page (in the download of a
// page's table), or, when the sample lacks one of its input columns, not computed; defined on the data page, named and defined in every language of the sample,
// and documented in docs/metrics.md; and that no page or download shows a metric the catalogue
// does not know.
func TestCatalogueIsWholeAndAlone(t *testing.T) {
	cfgPath := copySample(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := run(t, "build", "--config", cfgPath, "--out", out); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}

	published := csvColumn(t, filepath.Join(out, "data", "metrics.csv"), "metric")
	shown := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(out, "data"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".csv") || d.Name() == "metrics.csv" {
			return err
		}
		for m := range csvColumn(t, path, "metric") {
			shown[m] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []map[string]bool{published, shown} {
		for m := range set {
			if !metric.ID(m).Known() {
				t.Errorf("%s: published or shown, but not in the catalogue", m)
			}
		}
	}

	cfg, err := config.Load(os.DirFS("../.."), "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.Load(os.DirFS("../../content"), "i18n", cfg.Languages, cfg.DefaultLanguage)
	if err != nil {
		t.Fatal(err)
	}
	missing := bundle.Missing()
	docs, err := os.ReadFile("../../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	dataPage := readString(t, filepath.Join(out, cfg.DefaultLanguage, "data.html"))

	headers := map[string]map[string]bool{} // the sample's input columns
	lacks := func(c metric.Column) bool {
		if headers[c.File] == nil {
			headers[c.File] = csvHeader(t, filepath.Join("..", "..", "data", c.File+".csv"))
		}
		return !headers[c.File][c.Name]
	}
	for _, m := range metric.Catalogue() {
		id := string(m.ID)
		switch {
		case len(m.Lacking(lacks)) > 0:
			// The sample lacks an input (access.csv has no alt_level): the
			// metric is not computed, as with a district's data.
			if published[id] {
				t.Errorf("%s: computed, though the sample lacks %v", id, m.Lacking(lacks))
			}
		case !published[id]:
			t.Errorf("%s: not computed (no row in metrics.csv)", id)
		case !shown[id]:
			t.Errorf("%s: shown on no page (in no table's download)", id)
		}
		term := strings.TrimSuffix(strings.TrimPrefix(m.DefinitionKey, "metric."), ".definition")
		if !strings.Contains(dataPage, `id="metric-`+strings.ReplaceAll(term, "_", "-")+`"`) {
			t.Errorf("%s: not defined on the data page (no term for %s)", id, m.DefinitionKey)
		}
		if !strings.Contains(string(docs), "### `"+id+"`") {
			t.Errorf("%s: not documented in docs/metrics.md", id)
		}
		for _, key := range translationKeys(m) {
			if !bundle.Has(key) {
				t.Errorf("%s: translation key %s is not in the default language", id, key)
			}
			for _, lang := range cfg.Languages {
				for _, k := range missing[lang.Code] {
					if k == key {
						t.Errorf("%s: %s is not translated in %s", id, key, lang.Code)
					}
				}
			}
		}
	}
}

// translationKeys lists the keys a metric's name, definition and categories are worded by.
func translationKeys(m metric.Metric) []string {
	keys := []string{m.NameKey, m.DefinitionKey}
	if m.Gap != nil {
		keys = append(keys, m.Gap.NameKey)
	}
	if cs := m.Categories; cs != nil {
		switch cs.Label {
		case metric.LabelPerValue:
			for _, v := range cs.Values {
				keys = append(keys, cs.LabelKey+"."+v)
			}
		case metric.LabelArgument:
			keys = append(keys, cs.LabelKey)
		case metric.LabelCount:
			keys = append(keys, cs.LabelKey, cs.LastKey)
		}
	}
	return keys
}

// csvHeader returns the columns of a CSV file's header.
func csvHeader(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string]bool{}
	for _, h := range header {
		out[h] = true
	}
	return out
}

// csvColumn returns the values of a column of a CSV file with a header (none when the file
// has no such column).
func csvColumn(t *testing.T, path, column string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := -1
	for i, h := range header {
		if h == column {
			col = i
		}
	}
	out := map[string]bool{}
	for col >= 0 {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[rec[col]] = true
	}
	return out
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
