package load

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"elreport/generator/config"
)

const schoolsHeader = "district_code,district_name,school_code,school_name,grade_span,level"

// TestTextValues covers the text columns: control characters (tabs and line breaks too, even
// quoted), the length limits, and keys of the other files with such text.
func TestTextValues(t *testing.T) {
	long := strings.Repeat("A", 201)
	tests := []struct {
		name  string
		input string
		files map[string]string
		want  []string
		read  int // default 1
	}{
		{name: "NUL in a school name", input: "schools",
			files: map[string]string{"schools": csvFile(schoolsHeader, "0001,Springfield,00010005,Lincol\x00n,,")},
			want:  []string{`data/schools.csv:2: column "school_name": "Lincol\x00n" has byte 0x00 (a control character) at character 7`}},
		{name: "tab inside a name, DEL in a code", input: "schools",
			files: map[string]string{"schools": csvFile(schoolsHeader, "0001,Spring\tfield,0001\x7f0005,Lincoln,,")},
			want: []string{ // a row's errors are in line order, then in the order the columns are checked
				`data/schools.csv:2: column "school_code": "0001\x7f0005" has byte 0x7F (a control character) at character 5`,
				`data/schools.csv:2: column "district_name": "Spring\tfield" has byte 0x09 (a tab) at character 7`,
			}},
		{name: "quoted line break in a name", input: "schools",
			files: map[string]string{"schools": csvFile(schoolsHeader, "0001,Springfield,00010005,\"Lincoln\r\nElementary\",,")},
			want:  []string{`data/schools.csv:2: column "school_name": "Lincoln\nElementary" has byte 0x0A (a line break) at character 8`}},
		{name: "C1 control in grade_span and level", input: "schools",
			files: map[string]string{"schools": csvFile(schoolsHeader, "0001,Springfield,00010005,Lincoln,K\u00855,Élé\u009fmentary")},
			want: []string{
				`data/schools.csv:2: column "grade_span": "K\u00855" has character U+0085 (a control character) at character 2`,
				`data/schools.csv:2: column "level": "Élé\u009fmentary" has character U+009F (a control character) at character 4`,
			}},
		{name: "leading and trailing tabs are trimmed", input: "schools",
			files: map[string]string{"schools": csvFile(schoolsHeader, "0001,\tSpringfield\t,00010005,Lincoln,,")}},
		{name: "names and codes too long", input: "schools",
			files: map[string]string{"schools": csvFile(schoolsHeader,
				"0001,"+long+",00010005,"+strings.Repeat("é", 200)+",,",
				strings.Repeat("1", 41)+",Springfield,"+strings.Repeat("2", 40)+",Lincoln,,")},
			want: []string{
				`data/schools.csv:2: column "district_name": "` + long[:60] + `…" is 201 characters long; a name may have at most 200`,
				`data/schools.csv:3: column "district_code": "` + strings.Repeat("1", 41) + `" is 41 characters long; a code may have at most 40`,
			}, read: 2},
		{name: "student_id and home_language", input: "students",
			files: map[string]string{"students": csvFile(strings.Split(studentsCSV, "\n")[0],
				"2025,"+strings.Repeat("S", 101)+",00010005,3,EL,,,",
				"2025,"+strings.Repeat("S", 100)+",00010005,3,EL,Span\x1bish,,")},
			want: []string{
				`data/students.csv:2: column "student_id": "` + strings.Repeat("S", 60) + `…" is 101 characters long; a student_id may have at most 100`,
				`data/students.csv:3: column "home_language": "Span\x1bish" has byte 0x1B (a control character) at character 5`,
			}, read: 2},
		{name: "keys of other files", input: "ewis",
			files: map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,0001\x000005,3,Low", "2025,S\x0b1,00010005,3,Low",
				"2025,S2,"+strings.Repeat("0", 41)+",4,Low")},
			want: []string{
				`data/ewis.csv:2: column "school_code": "0001\x000005" has byte 0x00 (a control character) at character 5`,
				`data/ewis.csv:3: column "student_id": "S\v1" has byte 0x0B (a control character) at character 2`,
				`data/ewis.csv:4: column "school_code": "` + strings.Repeat("0", 41) + `" is 41 characters long; a code may have at most 40`,
			}, read: 3},
		{name: "cohort member not in students.csv", input: "cohort",
			files: map[string]string{"cohort": csvFile(cohortHeader, "2025,S9\x00,00010505,Yes,DroppedOut")},
			want:  []string{`data/cohort.csv:2: column "student_id": "S9\x00" has byte 0x00 (a control character) at character 3`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report, _ := run(t, inputs(tt.files), defaultConfig())
			f := fileReport(t, report, tt.input)
			if f.Err != nil {
				t.Fatalf("file error: %v", f.Err)
			}
			if got := errorStrings(f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, tt.want)
			}
			read := tt.read
			if read == 0 {
				read = 1
			}
			rows := map[int]bool{} // the rows with errors: one line each here
			for _, e := range f.Errors {
				rows[e.Line] = true
			}
			if f.Read != read || f.Rejected != len(rows) || (len(tt.want) > 0 && f.Rejected == 0) {
				t.Errorf("read %d, rejected %d; want %d, %d", f.Read, f.Rejected, read, len(rows))
			}
		})
	}
}

// TestTextReasons checks that a text problem counts under one reason whatever its value.
func TestTextReasons(t *testing.T) {
	report, _ := run(t, inputs(map[string]string{"schools": csvFile(schoolsHeader,
		"0001,Springfield,00010005,Lin\tcoln,,", "0001,Springfield,00010505,Spring\x00field High,,",
		"0001,Springfield,00010506,"+strings.Repeat("x", 300)+",,")}), defaultConfig())
	f := fileReport(t, report, "schools")
	want := []ReasonCount{
		{`column "school_name": has a control character (a tab, a line break or another invisible character)`, 2},
		{`column "school_name": is too long (a name may have at most 200 characters)`, 1},
	}
	if !reflect.DeepEqual(f.Reasons, want) {
		t.Errorf("reasons:\ngot  %v\nwant %v", f.Reasons, want)
	}
}

// A byte Windows-1252 does not define decodes to U+FFFD, which would show as "�" in a
// published name: the row is rejected, as is one with U+FFFD in a UTF-8 file (a letter the
// export lost).
func TestReplacementCharacter(t *testing.T) {
	cfg := defaultConfig()
	cfg.Data.Encoding = config.Encodings{All: "windows-1252"}
	report, _ := run(t, inputs(map[string]string{"schools": csvFile(schoolsHeader,
		"0001,Springfield,00010005,Escola Concei\xe7\xe3o \x81\x9d Test,,")}), cfg)
	want := []string{"data/schools.csv:2: column \"school_name\": \"Escola Conceição \uFFFD\uFFFD Test\" has U+FFFD at character 18"}
	if got := errorStrings(fileReport(t, report, "schools")); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	report, _ = run(t, inputs(map[string]string{"schools": csvFile(schoolsHeader,
		"0001,Springfield,00010005,Escola Concei\ufffd\ufffdo,,")}), defaultConfig())
	want = []string{"data/schools.csv:2: column \"school_name\": \"Escola Concei\uFFFD\uFFFDo\" has U+FFFD at character 14"}
	if got := errorStrings(fileReport(t, report, "schools")); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestTextInWindows1252 checks that control characters are found after decoding too.
func TestTextInWindows1252(t *testing.T) {
	cfg := defaultConfig()
	cfg.Data.Encoding = config.Encodings{All: "windows-1252"}
	report, _ := run(t, inputs(map[string]string{"schools": csvFile(schoolsHeader,
		"0001,Springfield,00010005,Escola Concei\xe7\xe3o\x00,,")}), cfg)
	want := []string{`data/schools.csv:2: column "school_name": "Escola Conceição\x00" has byte 0x00 (a control character) at character 17`}
	if got := errorStrings(fileReport(t, report, "schools")); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestUTF8FileUnderWindows1252(t *testing.T) {
	cfg := defaultConfig()
	cfg.Data.Encoding = config.Encodings{All: "windows-1252"}
	pad := strings.Repeat("0001,Springfield,0001%04d,Lincoln Elementary School,K-5,Elementary\n", 1)
	var big strings.Builder
	big.WriteString(schoolsHeader + "\n")
	for i := range 2000 { // about 130 KB: the first UTF-8 letter is beyond the first read
		fmt.Fprintf(&big, pad, i)
	}
	big.WriteString("0001,Springfield,00019999,École Frédérick,,\n")
	tests := []struct {
		name, schools string
		want          string // the file error; "" for none
	}{
		{name: "UTF-8", schools: csvFile(schoolsHeader, "0001,Springfield,00010005,Lincoln,,", "0001,Springfield,00010505,Frédérick Douglass,,"),
			want: `data/schools.csv:3: the file is UTF-8 (e.g. "Frédérick"), but site.toml says [data] encoding = "windows-1252"; remove that line: elreport then detects the encoding of each file`},
		{name: "UTF-8 after the first read", schools: big.String(),
			want: `data/schools.csv:2002: the file is UTF-8 (e.g. "École"), but site.toml says [data] encoding = "windows-1252"; remove that line: elreport then detects the encoding of each file`},
		{name: "ASCII", schools: csvFile(schoolsHeader, "0001,Springfield,00010005,Lincoln,,")},
		{name: "Windows-1252", schools: csvFile(schoolsHeader, "0001,Springfield,00010005,Fr\xe9d\xe9rick,,")},
		{name: "Windows-1252 whose first letters look like UTF-8 but later do not",
			schools: csvFile(schoolsHeader, "0001,Springfield,00010005,Caf\xc3\xa9,,", "0001,Springfield,00010505,Fr\xe9d\xe9rick,,")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report, c := run(t, inputs(map[string]string{"schools": tt.schools}), cfg)
			f := fileReport(t, report, "schools")
			if got := fmt.Sprint(f.Err); (tt.want == "" && f.Err != nil) || (tt.want != "" && got != tt.want) {
				t.Fatalf("file error:\ngot  %v\nwant %s", f.Err, tt.want)
			}
			if tt.want != "" && (len(c.schools) != 0 || report.Err() == nil) {
				t.Errorf("%d schools reached the sink, Err %v; want none and an error", len(c.schools), report.Err())
			}
		})
	}
	// encoding = "utf-8" still refuses bytes that are not UTF-8.
	utf8 := defaultConfig()
	utf8.Data.Encoding = config.Encodings{All: "utf-8"}
	report, _ := run(t, inputs(map[string]string{"schools": csvFile(schoolsHeader, "0001,Springfield,00010005,Fr\xe9d\xe9rick,,")}), utf8)
	want := []string{`data/schools.csv:2: column "school_name": "Fr\xe9d\xe9rick" is not valid UTF-8, but site.toml says the file is UTF-8; if the export is Windows-1252, remove that setting: elreport then detects the encoding of each file`}
	if got := errorStrings(fileReport(t, report, "schools")); !reflect.DeepEqual(got, want) {
		t.Errorf("UTF-8 mode: got %q, want %q", got, want)
	}
}

func TestHeaderOnlyWarning(t *testing.T) {
	report, _ := run(t, inputs(map[string]string{
		"students": strings.Split(studentsCSV, "\n")[0] + "\r\n,,,,,,,\r\n",
		"plans":    plansHeader + "\n",
		"ewis":     csvFile(ewisHeader, "2025,S1,00010005,3,Low"),
	}), defaultConfig())
	var got []string
	for _, w := range report.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		"data/students.csv: the file has a header but no rows; check the export",
		"data/plans.csv: the file has a header but no rows, so its topic has no figures; check the export",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\ngot  %q\nwant %q", got, want)
	}
}

func TestSchoolYear(t *testing.T) {
	for date, want := range map[string]int{
		"2026-01-01": 2026, "2026-06-30": 2026, "2026-07-01": 2027, "2026-11-29": 2027, "2026-12-31": 2027,
	} {
		d, _ := time.Parse(time.DateOnly, date)
		if got := SchoolYear(d); got != want {
			t.Errorf("SchoolYear(%s) = %d, want %d", date, got, want)
		}
	}
}

// at returns the Options of a load run on date.
func at(date string) Options {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		panic(err)
	}
	return Options{Now: func() time.Time { return d }}
}

func TestLateYears(t *testing.T) {
	fsys := inputs(map[string]string{
		"students": studentsCSV + "2099,S1,00010005,3,EL,,,\n2028,S1,00010005,3,EL,,,\n",
		"access":   csvFile(accessHeader, "2099,S1,00010005,3,3.4,,,,,,,,,,", "2028,S1,00010005,3,3.4,,,,,,,,,,"),
		"cohort":   csvFile(cohortHeader, "2029,S5,00010505,No,StillEnrolled"),
	})
	report, err := LoadWith(context.Background(), fsys, defaultConfig(), Discard, at("2026-11-29"))
	if err != nil {
		t.Fatal(err)
	}
	checkLedger(t, report)
	want := map[string][]string{
		"students": {`data/students.csv:10: column "year": "2099" is later than next school year (2028); today is in school year 2027 (2026-27)`},
		"access":   {`data/access.csv:2: column "year": "2099" is later than next school year (2028); today is in school year 2027 (2026-27)`},
		"cohort":   {`data/cohort.csv:2: column "cohort_year": "2029" is later than next school year (2028); today is in school year 2027 (2026-27)`},
	}
	for input, w := range want {
		f := fileReport(t, report, input)
		if got := errorStrings(f); !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\ngot  %q\nwant %q", input, got, w)
		}
		if f.Rejected != 1 {
			t.Errorf("%s: %d rows rejected, want 1", input, f.Rejected)
		}
	}
	if got, want := fileReport(t, report, "students").Reasons[0].Reason, `column "year": is later than next school year (2028)`; got != want {
		t.Errorf("reason: got %q, want %q", got, want)
	}
	// In June 2027 the school year is still 2027; in July 2027, 2029 is next school year.
	for date, rejected := range map[string]int{"2027-06-30": 1, "2027-07-01": 0} {
		report, err := LoadWith(context.Background(), fsys, defaultConfig(), Discard, at(date))
		if err != nil {
			t.Fatal(err)
		}
		if f := fileReport(t, report, "cohort"); f.Rejected != rejected {
			t.Errorf("%s: cohort_year 2029: %d rejected, want %d", date, f.Rejected, rejected)
		}
	}
}

// yearsFile returns an ewis.csv (and the students.csv it needs) with rows[i] rows in years[i].
func yearsFiles(years []int, rows []int) map[string]string {
	var students, ewis strings.Builder
	students.WriteString(strings.Split(studentsCSV, "\n")[0] + "\n")
	ewis.WriteString(ewisHeader + "\n")
	for i, y := range years {
		for n := range rows[i] {
			fmt.Fprintf(&students, "%d,T%d,00010005,3,EL,,,\n", y, n)
			fmt.Fprintf(&ewis, "%d,T%d,00010005,3,Low\n", y, n)
		}
	}
	return map[string]string{"students": students.String(), "ewis": ewis.String()}
}

func TestTinyYears(t *testing.T) {
	tests := []struct {
		name        string
		years, rows []int
		want        []string
	}{
		{"a stray year among three", []int{2019, 2023, 2024, 2025}, []int{2, 200, 210, 190}, []string{
			"data/students.csv: year 2019 has 2 rows, against a median of 200 in the file's other years (2023, 2024, 2025); check the year of those rows, or remove them",
			"data/ewis.csv: year 2019 has 2 rows, against a median of 200 in the file's other years (2023, 2024, 2025); check the year of those rows, or remove them",
		}},
		{"one row against one big year", []int{2024, 2025}, []int{150, 1}, []string{
			"data/students.csv: year 2025 has 1 row, against a median of 150 in the file's other years (2024); check the year of those rows, or remove them",
			"data/ewis.csv: year 2025 has 1 row, against a median of 150 in the file's other years (2024); check the year of those rows, or remove them",
		}},
		{"two small years", []int{2024, 2025}, []int{80, 3}, nil},
		{"just above the share", []int{2023, 2024, 2025}, []int{100, 100, 5}, nil},
		{"just below the share", []int{2023, 2024, 2025}, []int{101, 100, 5}, []string{
			"data/students.csv: year 2025 has 5 rows, against a median of 100.5 in the file's other years (2023, 2024); check the year of those rows, or remove them",
			"data/ewis.csv: year 2025 has 5 rows, against a median of 100.5 in the file's other years (2023, 2024); check the year of those rows, or remove them",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report, _ := run(t, inputs(yearsFiles(tt.years, tt.rows)), defaultConfig())
			var got []string
			for _, w := range report.Warnings {
				got = append(got, w.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("warnings:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCheckYears(t *testing.T) {
	files := yearsFiles([]int{2023, 2024, 2025}, []int{3, 3, 3})
	files["cohort"] = csvFile(cohortHeader, "2022,S99,00010505,Yes,DroppedOut")
	tests := []struct {
		years    []int
		wantErr  string
		warnings []string
	}{
		{years: nil},
		{years: []int{2024, 2025}},
		{years: []int{2030}, wantErr: "site.toml: years = [2030] matches no year in the data, which has [2022, 2023, 2024, 2025]"},
		{years: []int{2031, 2030, 2030}, wantErr: "site.toml: years = [2031, 2030, 2030] matches no year in the data, which has [2022, 2023, 2024, 2025]"},
		{years: []int{2025, 2030, 2030}, warnings: []string{
			"site.toml: years = [2025, 2030, 2030]: 2030 matches no year in the data, which has [2022, 2023, 2024, 2025]; it will have no figures"}},
	}
	for _, tt := range tests {
		cfg := defaultConfig()
		cfg.Years = tt.years
		report, _ := run(t, inputs(files), cfg)
		if got, want := report.Years(), []int{2022, 2023, 2024, 2025}; !slices.Equal(got, want) {
			t.Errorf("Years() = %v, want %v", got, want)
		}
		err := report.CheckYears(tt.years)
		if got := fmt.Sprint(err); (tt.wantErr == "" && err != nil) || (tt.wantErr != "" && got != tt.wantErr) {
			t.Errorf("years %v: got %v, want %q", tt.years, err, tt.wantErr)
		}
		var got []string
		for _, w := range report.Warnings {
			got = append(got, w.String())
		}
		if !slices.Equal(got, tt.warnings) {
			t.Errorf("years %v: warnings %q, want %q", tt.years, got, tt.warnings)
		}
	}
	// No data at all: nothing to say beyond the load's own errors.
	empty := &Report{Files: []FileReport{{Input: "students", Err: fmt.Errorf("x")}}}
	if err := empty.CheckYears([]int{2030}); err != nil {
		t.Errorf("no data: got %v", err)
	}
}
