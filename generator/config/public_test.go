package config

import (
	"strings"
	"testing"
)

// TestPublicData checks [public_data]: the folder, the districts compared (zeros a spreadsheet
// dropped are put back) and what a file's missing title row would have said.
func TestPublicData(t *testing.T) {
	cfg, err := Parse(`[public_data]
dir = "public-data"
compare_districts = ["1600000", "00350000"]

[public_data.files."gradrates_el_2024.csv"]
report = "graduation_4yr"
year = 2024
group = "English Learners"
`)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.PublicData
	if p.Dir != "public-data" || len(p.CompareDistricts.Codes) != 2 || PadCode(p.CompareDistricts.Codes[0]) != "01600000" {
		t.Errorf("public_data decoded as %+v", p)
	}
	if f := p.Files["gradrates_el_2024.csv"]; f.Report != "graduation_4yr" || f.Year != 2024 || f.Group != "English Learners" {
		t.Errorf("files decoded as %+v", p.Files)
	}
	for _, c := range []struct{ text, want string }{
		{"[public_data]\ncompare_districts = [\"01600000\"]\n", `key "public_data.dir": is missing`},
		{"[public_data]\ndir = \"p\"\ncompare_districts = [\"Lowell\"]\n", `line 3: key "public_data.compare_districts": "Lowell" is not a DESE district code`},
		{"[public_data]\ndir = \"p\"\ncompare_districts = [\"1600000\", \"01600000\"]\n", `"01600000" is listed twice`},
		{"[public_data]\ndir = \"p\"\n[public_data.files.\"g.csv\"]\nreport = \"gradrates\"\n", `"gradrates" is not a report elreport reads (plans, graduation_4yr`},
		{"[public_data]\ndir = \"p\"\n[public_data.files.\"g.csv\"]\nyear = 24\n", `24 is not a school year`},
		{"[public_data]\ndir = \"p\"\n[public_data.files.\"sub/g.csv\"]\nyear = 2024\n", `"sub/g.csv" is not the name of a file of the folder`},
		{"[public_data]\ndir = \"p\"\n[public_data.files.\"g.csv\"]\nyaer = 2024\n", `line 4: unknown key "public_data.files.\"g.csv\".yaer"`},
	} {
		_, err := Parse(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.text, err, c.want)
		}
	}
}
