package public

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzRead reads arbitrary bytes as an export, with each kind of hint (kind 0: none), a year
// and a group: nothing may panic, and what is read is either an error naming the file or a
// File that holds together (checkFile).
func FuzzRead(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.csv")
	for _, name := range fixtures {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0), 0, "")
		f.Add(data, uint8(2), 2021, "English Learners")
	}
	for _, s := range []string{
		"2023-24 Dropout Report (District) - English Learners,,,,,,,,\n" + dropoutHeader + "\nBoston,350000,\"   4,321\",     130,   3.0,,,,\nState Totals,,1,0,0.0,,,,\n",
		"2024 Graduation Rates 4-Year (School),,,,,,,,\nSchool Name,School Code,# in Cohort,% Graduated,% Still in School,% Non-Grad Completers,% H.S. Equiv.,% Dropped Out,% Permanently Excluded\nCaf\xe9,1600505,800,80.0,10.0,0.0,0.0,10.0,0.0\n",
		plansHeader + "\nAbington,00010000,  60.2,  39.8,   0.0,  0.1,   0.8,   3.3,   8.9,   8.1,   0.0,   1.6,     123\nx,,,,,,,,,,,,\n",
		"District Name,District Code,High Needs#,High Needs%,English Learners#,English Learners%,High Needs#,High Needs%\nA,1,,, , ,3,4\n",
		"District Name,District Code,Low Income High School Graduates (#),Low Income Attending Coll./Univ. (#),Low Income Attending Coll./Univ. (%)\nA,1,2,1,50\n",
		"2023 Next Generation MCAS Achievement Results ,,,,\nDistrict Name,District Code,Subject,M+E %,No. of Students Included\nA,1,CIV,3,4\nA,1,civ,3,4\n",
		"year,student_id\n", "\xef\xbb\xbf", "PK\x03\x04", "\"", "a\n\"b", "2017-18,,\n2018-19,,\n,\n",
	} {
		f.Add([]byte(s), uint8(0), 0, "")
		f.Add([]byte(s), uint8(1), 1999, "All")
	}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8, year int, group string) {
		kinds := append([]Kind{""}, Kinds()...)
		hint := Hint{Kind: kinds[int(kind)%len(kinds)], Year: year, Group: group}
		file, err := Read(fstest.MapFS{"x.csv": {Data: data}}, "x.csv", hint)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), "x.csv") {
				t.Errorf("got error %q, want an *Error naming x.csv", err)
			}
			if file.Name != "" || file.Orgs != nil || file.Figures != nil {
				t.Errorf("got a file with an error: %+v", file)
			}
			return
		}
		checkFile(t, file)
		for code, p := range Populations(file) {
			if p.Org.Code != code || file.Kind != SelectedPops {
				t.Errorf("got population %+v under %q of a %s file", p, code, file.Kind)
			}
		}
	})
}
