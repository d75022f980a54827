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
	f.Add("[data]\ndir = \"../exports\"\nfiles = { access = \"ACCESS Student Data 2025.csv\" }\n[data.encoding]\nschools = \"cp1252\"\n")
	f.Add("[data]\nencoding = { schools = \"windows-1252\", students = \"auto\" }\n")
	f.Add("[data.values.students]\nel_status = { \"Non-EL\" = \"NonEL\", \"non-el\" = \"EL\" }\nschool_code = { \"500012\" = \"00500012\" }\n")
	f.Add("[data.values.access.overall_level]\n\"Bridging\" = \"6.0\"\n[data.values.ewis]\nrisk = { a = \"Low\" }\n")
	f.Add("[data.values]\nstudents = \"x\"\n[data.columns]\naccess = 3\n")
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
		for _, input := range Inputs {
			switch enc := cfg.Data.Encoding.Of(input); enc {
			case UTF8, Windows1252, Detect:
			default:
				t.Errorf("accepted encoding %q for %s", enc, input)
			}
		}
		for input, columns := range cfg.Data.Values {
			for name, values := range columns {
				c, ok := column(input, name)
				if !ok {
					t.Errorf("accepted [data.values.%s] column %q", input, name)
					continue
				}
				for from, to := range values {
					if problem := checkValue(c, to); problem != "" {
						t.Errorf("accepted [data.values.%s] %s: %q = %q, which %s", input, name, from, to, problem)
					}
				}
			}
		}
		for _, l := range cfg.Languages {
			if l.Dir != "ltr" && l.Dir != "rtl" {
				t.Errorf("accepted dir %q", l.Dir)
			}
		}
	})
}
