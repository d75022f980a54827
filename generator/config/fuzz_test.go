package config

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary site.toml text to Parse: no input may panic, and a config that
// parses must be valid (the checks Parse promises hold on what it returns).
func FuzzParse(f *testing.F) {
	f.Add("title = \"Report\"\nmin_n = 10\n[data]\nencoding = \"windows-1252\"\n")
	f.Add("[data.columns.access]\noverall_level = \"Overall\"\n[[languages]]\ncode = \"ar\"\nname = \"x\"\ndir = \"rtl\"\ndefault_language = \"ar\"\n")
	f.Add("min-n = 3\n[data]\ndir = \"../x\"\n")
	f.Add("[[languages]]\ncode = \"en\"\n[[languages]]\ncode = \"en\"\n")
	f.Add("base_url = \"javascript:alert(1)\"\nyears = [2025, 3000]\n")
	f.Add("base_url = \"https://www.example.org/el-report/\"\nyears = [2024, 2025]\n")
	f.Add("base_url = \"https://user@x.org/?q#f\"\n")
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := Parse(text)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if cfg.MinN < 1 {
			t.Errorf("accepted min_n %d", cfg.MinN)
		}
		if _, ok := cfg.Language(cfg.DefaultLanguage); !ok {
			t.Errorf("accepted default_language %q that is not listed", cfg.DefaultLanguage)
		}
		if cfg.BaseURL != "" && !strings.HasPrefix(strings.ToLower(cfg.BaseURL), "http://") && !strings.HasPrefix(strings.ToLower(cfg.BaseURL), "https://") {
			t.Errorf("accepted base_url %q", cfg.BaseURL)
		}
		for _, y := range cfg.Years {
			if y < minYear || y > maxYear {
				t.Errorf("accepted year %d", y)
			}
		}
		for _, l := range cfg.Languages {
			if l.Dir != "ltr" && l.Dir != "rtl" {
				t.Errorf("accepted dir %q", l.Dir)
			}
		}
	})
}
