package i18n

import (
	"os"
	"testing"

	"elreport/generator/config"
)

// BenchmarkLoad loads the shipped translation files of the sample site's languages, as every
// build (and check) does once.
func BenchmarkLoad(b *testing.B) {
	cfg, err := config.Load(os.DirFS("../.."), "site.toml")
	if err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS("../../content")
	for b.Loop() {
		if _, err := Load(fsys, "i18n", cfg.Languages, cfg.DefaultLanguage); err != nil {
			b.Fatal(err)
		}
	}
}
