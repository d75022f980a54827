package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"

	"elreport/generator/config"
	"elreport/generator/homelang"
	"elreport/generator/record"
)

// The tests of this file follow a district data lead through her own SIS exports: her own
// encodings, values, headers, folder and file names (docs/own-exports.md).

// warningStrings returns the report's warnings as check prints them (without "warning: ").
func warningStrings(r *Report) []string {
	var s []string
	for _, w := range r.Warnings {
		s = append(s, w.String())
	}
	return s
}

// hasWarning reports whether one of the report's warnings is want.
func hasWarning(r *Report, want string) bool {
	for _, w := range warningStrings(r) {
		if w == want {
			return true
		}
	}
	return false
}

const (
	schools1252 = "district_code,district_name,school_code,school_name,grade_span,level\r\n" +
		"0001,Springfield,00010005,Escola Concei\xe7\xe3o,K-5,Elementary\r\n" +
		"0001,Springfield,00010505,Springfield High,9-12,High\r\n"
	// detected1252 is the warning about schools1252 when its encoding is detected.
	detected1252 = "data/schools.csv:2: the file is not UTF-8, so it was read as Windows-1252 (e.g. \"Conceição\"); to say so, and no longer see this warning, add to site.toml:\n" +
		"  [data.encoding]\n  schools = \"windows-1252\""
	// detected1252InTable is the warning when site.toml has a [data.encoding] table.
	detected1252InTable = "data/schools.csv:2: the file is not UTF-8, so it was read as Windows-1252 (e.g. \"Conceição\"); to say so, and no longer see this warning, under [data.encoding] in site.toml, set:\n" +
		"  schools = \"windows-1252\""
)

// Item 1: each file's encoding is detected (a byte order mark or valid UTF-8 is UTF-8,
// anything else Windows-1252, with a warning), site.toml may set it for all files or per
// input, and no advice contradicts another.
func TestEncodingPerFile(t *testing.T) {
	bomStudents := "\xef\xbb\xbf" + strings.Replace(studentsCSV, "Arabic", "Árabe", 1)
	tests := []struct {
		name     string
		encoding config.Encodings
		schools  string
		// the school name read (none when the file fails), the file error of schools.csv
		// and students.csv, and whether the warning about Windows-1252 is given
		wantName      string
		wantSchoolErr string
		wantStuErr    string
		wantWarning   string
	}{
		{name: "detected: Windows-1252 beside UTF-8 with a BOM", schools: schools1252,
			wantName: "Escola Conceição", wantWarning: detected1252},
		{name: "detected: UTF-8", schools: strings.Replace(schools1252, "Concei\xe7\xe3o", "Conceição", 1),
			wantName: "Escola Conceição"},
		{name: "per input", encoding: config.Encodings{Inputs: map[string]string{"schools": config.Windows1252}},
			schools: schools1252, wantName: "Escola Conceição"},
		{name: "per input, auto", encoding: config.Encodings{Inputs: map[string]string{"schools": config.Detect}},
			schools: schools1252, wantName: "Escola Conceição", wantWarning: detected1252InTable},
		// One setting for all files: the UTF-8 file with a BOM is refused, and the advice is
		// to remove the setting, which the Windows-1252 file does not contradict (it is then
		// detected).
		{name: "windows-1252 for all", encoding: config.Encodings{All: config.Windows1252}, schools: schools1252,
			wantName:   "Escola Conceição",
			wantStuErr: `data/students.csv: the file starts with a UTF-8 byte order mark, but site.toml says [data] encoding = "windows-1252"; remove that line: elreport then detects the encoding of each file`},
		{name: "windows-1252 per input, on a UTF-8 file", encoding: config.Encodings{Inputs: map[string]string{"students": config.Windows1252}},
			schools:     schools1252,
			wantName:    "Escola Conceição",
			wantStuErr:  `data/students.csv: the file starts with a UTF-8 byte order mark, but site.toml says [data.encoding] students = "windows-1252"; remove "students" from [data.encoding]: elreport then detects the file's encoding`,
			wantWarning: detected1252InTable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig()
			cfg.Data.Encoding = tt.encoding
			fsys := inputs(map[string]string{"schools": tt.schools})
			fsys["data/students.csv"] = &fstest.MapFile{Data: []byte(bomStudents)}
			report, c := run(t, fsys, cfg)
			schools, students := fileReport(t, report, "schools"), fileReport(t, report, "students")
			if got := errString(schools.Err); got != tt.wantSchoolErr {
				t.Errorf("schools.csv: file error %q, want %q", got, tt.wantSchoolErr)
			}
			if got := errString(students.Err); got != tt.wantStuErr {
				t.Errorf("students.csv: file error %q, want %q", got, tt.wantStuErr)
			}
			if tt.wantStuErr == "" && (students.Accepted != 8 || students.Encoding != config.UTF8) {
				t.Errorf("students.csv: accepted %d, encoding %q; want 8, utf-8 (errors %q)", students.Accepted, students.Encoding, errorStrings(students))
			}
			if len(c.schools) == 0 || c.schools[0].SchoolName != tt.wantName {
				t.Errorf("schools: got %+v, want the first named %q", c.schools, tt.wantName)
			}
			var got []string
			for _, w := range warningStrings(report) {
				if strings.Contains(w, "UTF-8") {
					got = append(got, w)
				}
			}
			var want []string
			if tt.wantWarning != "" {
				want = []string{tt.wantWarning}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("warnings about the encoding:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

// The notice names the line of the first character that is not UTF-8, also far into the file
// (past the first reads), and a UTF-8 file whose first letter beyond ASCII comes late is UTF-8.
func TestEncodingDetectedLate(t *testing.T) {
	var big strings.Builder
	big.WriteString(schoolsHeader + "\n")
	for i := range 3000 { // about 200 KB of ASCII
		big.WriteString("0001,Springfield,0001" + strings.Repeat("9", 4) + ",Lincoln Elementary School,K-5,Elementary\n")
		if i == 0 {
			big.WriteString("0001,Springfield,00010005,Lincoln,K-5,Elementary\n")
		}
	}
	ascii := big.String()
	for _, tt := range []struct {
		name, last, want string
		warning          string
	}{
		{"Windows-1252", "0001,Springfield,00010505,Caf\xe9 High,,\n", "Café High",
			`data/schools.csv:3003: the file is not UTF-8, so it was read as Windows-1252 (e.g. "Café"); to say so, and no longer see this warning, add to site.toml:` +
				"\n  [data.encoding]\n  schools = \"windows-1252\""},
		{"UTF-8", "0001,Springfield,00010505,Café High,,\n", "Café High", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			report, c := run(t, inputs(map[string]string{"schools": ascii + tt.last}), defaultConfig())
			f := fileReport(t, report, "schools")
			if f.Err != nil {
				t.Fatal(f.Err)
			}
			// Every row but the first repeats a school: only the first and the last are read.
			if got := c.schools[len(c.schools)-1].SchoolName; got != tt.want {
				t.Errorf("last school %q, want %q", got, tt.want)
			}
			if tt.warning != "" && !hasWarning(report, tt.warning) {
				t.Errorf("warnings %q lack %q", warningStrings(report), tt.warning)
			}
			if tt.warning == "" && len(report.Warnings) != 0 {
				t.Errorf("warnings %q, want none", warningStrings(report))
			}
		})
	}
}

// The detector decides at the first byte beyond ASCII, whatever the sizes of the reads, and
// reads as UTF-8 what is UTF-8 and as Windows-1252 what is not.
func TestDetector(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain ASCII\n", "plain ASCII\n"},
		{"Concei\xe7\xe3o", "Conceição"},
		{"Conceição", "Conceição"},
		{"\xe7", "ç"},
		{"abc\xe2\x82", "abcâ‚"},           // a UTF-8 character cut short at the end: not UTF-8
		{"abc€ and \xe9", "abc€ and \xe9"}, // UTF-8, then a stray byte: UTF-8 (the row is rejected)
		{"abc\x80def", "abc€def"},          // 0x80 is € in Windows-1252
		{strings.Repeat("x", 70000) + "\x92s", strings.Repeat("x", 70000) + "’s"},
	} {
		for name, wrap := range map[string]func(io.Reader) io.Reader{
			"whole": func(r io.Reader) io.Reader { return r }, "one byte": iotest.OneByteReader, "half": iotest.HalfReader,
		} {
			br := newPeekReader([]byte(tt.in), wrap)
			got, err := io.ReadAll(newDetector(br, br.peek))
			if err != nil || string(got) != tt.want {
				t.Errorf("%s: read %q as %q, %v; want %q", name, shorten(tt.in), shorten(string(got)), err, shorten(tt.want))
			}
		}
	}
}

// peekReader is a reader with the peek of a bufio.Reader, reading from a wrapped reader.
type peekReader struct {
	r       io.Reader
	pending []byte
}

func newPeekReader(data []byte, wrap func(io.Reader) io.Reader) *peekReader {
	return &peekReader{r: wrap(bytes.NewReader(data))}
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.pending) > 0 {
		n := copy(b, p.pending)
		p.pending = p.pending[n:]
		return n, nil
	}
	return p.r.Read(b)
}

func (p *peekReader) peek(n int) ([]byte, error) {
	for len(p.pending) < n {
		buf := make([]byte, n-len(p.pending))
		m, err := p.r.Read(buf)
		p.pending = append(p.pending, buf[:m]...)
		if err != nil {
			return p.pending, err
		}
	}
	return p.pending[:n], nil
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Item 2: values that name a contract value but for case, spaces or punctuation are that value
// (check says which), site.toml's [data.values] maps a district's own values, and a value no
// one knows gets the lines of site.toml that would map it.
func TestDistrictValues(t *testing.T) {
	students := csvFile("year,student_id,school_code,grade,el_status,home_language,el_program,end_status",
		"2025,S1,00010005,3,EL,Spanish,Dual Language,",
		"2025,S2,00010005,4,Former EL,Portuguese,,",
		"2025,S3,00010505,9,Non-EL,English,,",
		"2025,S4,00010505,9,non el,Arabic,,",
		"2025,S5,00010505,12,FORMER_EL,,,Graduated",
		"2025,S6,00010505,12,LEP,Spanish,,",
		"2025,S7,00010505,12,Monitored,Spanish,,Active",
	)
	t.Run("loose", func(t *testing.T) {
		fsys := inputs(nil)
		fsys["data/students.csv"] = &fstest.MapFile{Data: []byte(students)}
		report, c := run(t, fsys, defaultConfig())
		f := fileReport(t, report, "students")
		if f.Accepted != 5 || f.Rejected != 2 {
			t.Fatalf("accepted %d, rejected %d, errors %q; want 5, 2", f.Accepted, f.Rejected, errorStrings(f))
		}
		var got []string
		for _, s := range c.students {
			got = append(got, s.Status.String())
		}
		if want := []string{"EL", "FormerEL", "NonEL", "NonEL", "FormerEL"}; !reflect.DeepEqual(got, want) {
			t.Errorf("statuses %q, want %q", got, want)
		}
		if c.students[0].Program != record.DualLanguage {
			t.Errorf("program %v, want DualLanguage", c.students[0].Program)
		}
		for _, want := range []string{
			`data/students.csv: column "el_status": read "FORMER_EL" as FormerEL (1 row), "Former EL" as FormerEL (1 row), "Non-EL" as NonEL (1 row) and "non el" as NonEL (1 row), which differ from the contract's values only in case, spaces or punctuation`,
			`data/students.csv: column "el_status": 2 rows with values that are not values of the column: "LEP" (1 row), "Monitored" (1 row); if they stand for some, say which in site.toml (the rows are rejected until then), add to site.toml:` +
				"\n  [data.values.students]\n  el_status = { \"LEP\" = \"…\", \"Monitored\" = \"…\" }",
		} {
			if !hasWarning(report, want) {
				t.Errorf("warnings %q\nlack %q", warningStrings(report), want)
			}
		}
	})
	t.Run("mapped", func(t *testing.T) {
		cfg, err := config.Parse(`[data.values.students]
el_status = { "LEP" = "EL", "monitored" = "FormerEL", "Non-EL" = "EL" }
end_status = { "Active" = "" }
`)
		if err != nil {
			t.Fatal(err)
		}
		fsys := inputs(nil)
		fsys["data/students.csv"] = &fstest.MapFile{Data: []byte(students)}
		report, c := run(t, fsys, cfg)
		f := fileReport(t, report, "students")
		if f.Accepted != 7 || f.Rejected != 0 {
			t.Fatalf("accepted %d, rejected %d, errors %q; want 7, 0", f.Accepted, f.Rejected, errorStrings(f))
		}
		var got []string
		for _, s := range c.students {
			got = append(got, s.Status.String())
		}
		// A mapping wins over the loose reading: "Non-EL" is EL here (an odd choice, but the
		// district's).
		if want := []string{"EL", "FormerEL", "EL", "NonEL", "FormerEL", "EL", "FormerEL"}; !reflect.DeepEqual(got, want) {
			t.Errorf("statuses %q, want %q", got, want)
		}
		if c.students[6].EndStatus != record.Enrolled {
			t.Errorf("end status %v, want Enrolled", c.students[6].EndStatus)
		}
	})
}

// School codes are compared as DESE's numbers: a code that lost its leading zeros (a
// spreadsheet's doing) is the school schools.csv writes with them, published in schools.csv's
// spelling and listed in a warning; a code that is not a number, or whose number two schools
// share, is not matched so.
func TestSchoolCodeWithoutZeros(t *testing.T) {
	report, c := run(t, inputs(map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,10005,3,Low", "2025,S3,00010505,9,Low", "2025,S4,0010505,9,Low")}), defaultConfig())
	f := fileReport(t, report, "ewis")
	if got := errorStrings(f); len(got) != 0 || f.Accepted != 3 {
		t.Errorf("errors %q, accepted %d; want none, 3", got, f.Accepted)
	}
	if c.ewis[0].SchoolCode != "00010005" || c.ewis[2].SchoolCode != "00010505" {
		t.Errorf("rows %+v: want schools.csv's codes", c.ewis)
	}
	warning := `data/ewis.csv: column "school_code": read "0010505" as "00010505" (1 row) and "10005" as "00010005" (1 row), the codes schools.csv writes with leading zeros (school codes are compared as numbers, as DESE's are; the export may have lost the zeros, as a spreadsheet does)`
	if !hasWarning(report, warning) {
		t.Errorf("warnings %q\nlack %q", warningStrings(report), warning)
	}

	// Not numbers, or a number two schools share: no match, and the error says so.
	fsys := inputs(map[string]string{"ewis": csvFile(ewisHeader, "2025,S1,A10005,3,Low")})
	fsys["data/schools.csv"] = &fstest.MapFile{Data: []byte(`district_code,district_name,school_code,school_name
0001,Springfield,00010005,Lincoln Elementary
0001,Springfield,0010005,Lincoln Annex
0001,Springfield,00010505,Springfield High
0001,Springfield,0A10005,Alpha
`)}
	fsys["data/ewis.csv"] = &fstest.MapFile{Data: []byte(csvFile(ewisHeader, "2025,S1,10005,3,Low", "2025,S3,A10005,9,Low"))}
	var col collector
	report, err := Load(context.Background(), fsys, defaultConfig(), &col)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`data/ewis.csv:2: column "school_code": "10005" is not in schools.csv, which has "00010005" and "0010005": the same number, so which one is meant cannot be told; write the code as schools.csv does`,
		`data/ewis.csv:3: column "school_code": "A10005" is not in schools.csv`,
	}
	if got := errorStrings(fileReport(t, report, "ewis")); !reflect.DeepEqual(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
}

// Item 3: headers match ignoring case, spaces, underscores and punctuation; a missing column's
// error ends with the [data.columns.<input>] lines guessed from the file's own headers; and
// every file's header is checked in one run, even when a file it depends on fails.
func TestHeaders(t *testing.T) {
	t.Run("loose", func(t *testing.T) {
		fsys := inputs(map[string]string{"ewis": csvFile("Year, Student ID ,School-Code,GRADE,Risk Level,Notes", "2025,S1,00010005,3,Low,x")})
		fsys["data/students.csv"] = &fstest.MapFile{Data: []byte(strings.Replace(studentsCSV,
			"year,student_id,school_code,grade,el_status,home_language,el_program,end_status",
			"Year,Student_ID,School Code,Grade,EL Status,Home Language,EL Program,End Status", 1))}
		report, c := run(t, fsys, defaultConfig())
		if err := report.Err(); err != nil || len(c.students) != 8 || len(c.ewis) != 1 {
			t.Fatalf("Err %v, %d students, %d ewis rows; want nil, 8, 1", err, len(c.students), len(c.ewis))
		}
		for _, want := range []string{
			`data/students.csv: read header "School Code" as column school_code, "EL Status" as el_status, "Home Language" as home_language, "EL Program" as el_program and "End Status" as end_status (names compared without case, spaces and punctuation)`,
			`data/ewis.csv: read header "Student ID" as column student_id, "School-Code" as school_code and "Risk Level" as risk_level (names compared without case, spaces and punctuation)`,
		} {
			if !hasWarning(report, want) {
				t.Errorf("warnings %q\nlack %q", warningStrings(report), want)
			}
		}
	})
	tests := []struct {
		name    string
		cfg     string
		ewis    string
		wantErr string
	}{
		{name: "exact match wins over loose", ewis: csvFile("year,student_id,school_code,grade,risk_level,Risk Level", "2025,S1,00010005,3,Low,x")},
		{name: "two loose matches", ewis: csvFile("year,student_id,school_code,grade,Risk Level,RISK-LEVEL", "2025,S1,00010005,3,Low,x"),
			wantErr: `data/ewis.csv: headers "Risk Level" (field 5) and "RISK-LEVEL" (field 6) all read as column "risk_level"; say which one it is: add to site.toml:` +
				"\n  [data.columns.ewis]\n  risk_level = \"Risk Level\""},
		{name: "missing, with guesses", ewis: csvFile("Student ID,School Year,School Code,Grade Level,EWIS Risk", "S1,2025,00010005,3,Low"),
			wantErr: `data/ewis.csv: missing required columns "year", "grade", "risk_level"; the header has "Student ID", "School Year", "School Code", "Grade Level", "EWIS Risk"` +
				"\nif the file has them under other names, add to site.toml:\n  [data.columns.ewis]\n  year = \"School Year\"\n  grade = \"Grade Level\"\n  risk_level = \"EWIS Risk\""},
		{name: "missing, with a guess and a placeholder", ewis: csvFile("SASID,SY,School Code,Gr", "S1,2025,00010005,3"),
			wantErr: `data/ewis.csv: missing required columns "year", "student_id", "grade", "risk_level"; the header has "SASID", "SY", "School Code", "Gr"` +
				"\nif the file has them under other names, add to site.toml:\n  [data.columns.ewis]\n  year = \"SY\"\n  student_id = \"SASID\"\n  grade = \"Gr\"\n" +
				`  # risk_level = "…"  (no header of the file looks like it: which one holds it?)`},
		{name: "missing, with a table in site.toml", cfg: "[data.columns.ewis]\nrisk_level = \"Risk\"\n",
			ewis: csvFile("year,student_id,school_code,Grade Level,Risk Lvl", "2025,S1,00010005,3,Low"),
			wantErr: `data/ewis.csv: missing required columns "grade", "risk_level" (header "Risk"); the header has "year", "student_id", "school_code", "Grade Level", "Risk Lvl"` +
				"\nif the file has them under other names, under [data.columns.ewis] in site.toml, set:\n  grade = \"Grade Level\"\n  risk_level = \"Risk Lvl\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			report, _ := run(t, inputs(map[string]string{"ewis": tt.ewis}), cfg)
			if got := errString(fileReport(t, report, "ewis").Err); got != tt.wantErr {
				t.Errorf("file error:\ngot  %s\nwant %s", got, tt.wantErr)
			}
		})
	}
	t.Run("every file in one run", func(t *testing.T) {
		fsys := inputs(map[string]string{
			"schools": csvFile("District,School Code,School Name", "0001,00010005,Lincoln"),
			"access":  csvFile("year,student_id,school_code,grade,Overall", "2025,S1,00010005,3,3.4"),
			"ewis":    csvFile(ewisHeader, "2025,S1,00010005,3,Low"),
		})
		report, c := run(t, fsys, defaultConfig())
		want := []string{
			`data/schools.csv: missing required columns "district_code", "district_name"; the header has "District", "School Code", "School Name"` +
				"\nif the file has them under other names, add to site.toml:\n  [data.columns.schools]\n" +
				`  # district_code = "…"  (no header of the file looks like it: which one holds it?)` + "\n  district_name = \"District\"",
			"data/students.csv: header read, but no row checked, because data/schools.csv could not be read",
			`data/access.csv: missing required column "overall_level"; the header has "year", "student_id", "school_code", "grade", "Overall"` +
				"\nif the file has it under another name, add to site.toml:\n  [data.columns.access]\n  overall_level = \"Overall\"",
			"data/ewis.csv: header read, but no row checked, because data/schools.csv could not be read",
			"", "", "", "", // missing
		}
		for i, f := range report.Files {
			if got := errString(f.Err); got != want[i] {
				t.Errorf("%s: file error\ngot  %s\nwant %s", f.Path, got, want[i])
			}
			if f.HeaderOnly != (i == 1 || i == 3) {
				t.Errorf("%s: HeaderOnly %v", f.Path, f.HeaderOnly)
			}
		}
		if len(c.students)+len(c.ewis) != 0 {
			t.Errorf("rows of files whose rows cannot be checked reached the sink")
		}
	})
}

// Item 4: the data folder may be anywhere; the loader reads it through a file system of its
// own, and messages name the files as the user knows them.
func TestDataFolderOutside(t *testing.T) {
	cfg, err := config.Parse("[data]\ndir = \"../exports\"\n")
	if err != nil {
		t.Fatal(err)
	}
	data := fstest.MapFS{
		"schools.csv":  {Data: []byte(schoolsCSV)},
		"students.csv": {Data: []byte(studentsCSV)},
		"ewis.csv":     {Data: []byte(csvFile(ewisHeader, "2025,S1,00010005,3,Low", "2025,S9,00010005,3,Low"))},
	}
	report, err := LoadWith(context.Background(), fstest.MapFS{}, cfg, Discard, Options{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	checkLedger(t, report)
	f := fileReport(t, report, "ewis")
	if f.Path != "../exports/ewis.csv" || f.Name != "ewis.csv" {
		t.Errorf("Path %q, Name %q; want ../exports/ewis.csv, ewis.csv", f.Path, f.Name)
	}
	want := []string{`../exports/ewis.csv:3: column "student_id": "S9" has no row in students.csv for that year`}
	if got := errorStrings(f); !reflect.DeepEqual(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
	// Without a file system of its own, an outside folder cannot be read.
	if _, err := Load(context.Background(), fstest.MapFS{}, cfg, Discard); err == nil ||
		err.Error() != "the data folder ../exports is outside the file system of site.toml: give Options.Data" {
		t.Errorf("Load: got %v", err)
	}
	// A missing data folder says so.
	report, err = LoadWith(context.Background(), fstest.MapFS{}, cfg, Discard, Options{Data: DataFS(filepath.Join(t.TempDir(), "none"))})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := errString(report.Files[0].Err), "../exports/schools.csv: file not found (the schools file is required); the data folder ../exports does not exist (site.toml [data] dir)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// DataFS reads the data folder, and the [data.files] entries that lead out of it.
func TestDataFS(t *testing.T) {
	root := t.TempDir()
	for name, text := range map[string]string{"exports/students.csv": "s", "shared/schools.csv": "x", "abs.csv": "a"} {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := DataFS(filepath.Join(root, "exports"))
	for name, want := range map[string]string{
		"students.csv": "s", "../shared/schools.csv": "x", filepath.Join(root, "abs.csv"): "a",
	} {
		f, err := d.Open(name)
		if err != nil {
			t.Errorf("Open(%q): %v", name, err)
			continue
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if string(b) != want {
			t.Errorf("Open(%q) read %q, want %q", name, b, want)
		}
	}
	if _, err := d.Open("none.csv"); !os.IsNotExist(err) {
		t.Errorf("Open of a missing file: %v", err)
	}
}

// Item 5: a CSV file of the data folder that no input reads is reported, with the input its
// header looks like and the [data.files] line that reads it.
func TestUnclaimedFiles(t *testing.T) {
	fsys := inputs(nil)
	fsys["data/ACCESS Student Data 2025.csv"] = &fstest.MapFile{Data: []byte(csvFile(
		"Student ID,School Year,School Code,Grade Level,Overall Level,Listening,Speaking,Reading,Writing,Progress,Notes,Teacher",
		"S1,2025,00010005,3,3.4,3.9,3.1,3.2,3.0,Yes,,"))}
	fsys["data/ACCESS_2024_DESE.csv"] = &fstest.MapFile{Data: []byte(csvFile(
		"adminyear,SchoolNumber,SASID,grade,yrsinmass,overalllevel,ALT,madeprogress_RE1,SGPA,ProgressTarget2025", "2024,00010005,S1,03,2,3.4,0,1,40,3.5"))}
	fsys["data/budget.csv"] = &fstest.MapFile{Data: []byte("account,amount\n1,2\n")}
	fsys["data/Students.CSV.bak"] = &fstest.MapFile{Data: []byte("x")}
	fsys["data/ewis-2025.csv"] = &fstest.MapFile{Data: []byte(csvFile(ewisHeader, "2025,S1,00010005,3,Low"))}
	fsys["data/archive/old.csv"] = &fstest.MapFile{Data: []byte(csvFile(ewisHeader))}
	cfg := defaultConfig()
	cfg.Data.Files = map[string]config.FileList{"ewis": {"ewis-2025.csv"}}
	report, _ := run(t, fsys, cfg)
	want := []string{
		`data/ACCESS Student Data 2025.csv: no input reads this file; its header looks like access.csv's (8 of its 12 columns); to read it, under [data.files] in site.toml, set:` +
			"\n  access = \"ACCESS Student Data 2025.csv\"" +
			"\nand, for the columns of its header that access needs, add to site.toml:\n  [data.columns.access]\n  year = \"School Year\"\n  grade = \"Grade Level\"",
		`data/ACCESS_2024_DESE.csv: no input reads this file; its header looks like access.csv's (10 of its 10 columns); to read it, under [data.files] in site.toml, set:` +
			"\n  access = \"ACCESS_2024_DESE.csv\"\nand, since it is DESE's ACCESS for ELLs student data file, under [data]:\n  access_format = \"dese\"",
		`data/budget.csv: no input reads this file, and its header looks like none of the inputs' (schools, students, access, ewis, courses, mcas, cohort, plans); if it is one, name it in site.toml's [data.files]`,
	}
	if got := warningStrings(report); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\ngot  %q\nwant %q", got, want)
	}
}

// BenchmarkDetector reads 64 MB of ASCII CSV through the encoding detector and, to compare,
// straight: the cost detection adds to a file whose encoding site.toml leaves to elreport.
func BenchmarkDetector(b *testing.B) {
	line := "2025,S0001234,00010005,3,3.4,ACCESS,3.0,3.5,3.1,3.2,3.9,55,48,Yes,2\n"
	data := []byte(strings.Repeat(line, (64<<20)/len(line)))
	buf := make([]byte, 64<<10)
	for _, detect := range []bool{false, true} {
		name := "plain"
		if detect {
			name = "detector"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var r io.Reader = bytes.NewReader(data)
				if detect {
					br := newPeekReader(data, func(r io.Reader) io.Reader { return r })
					r = newDetector(br, br.peek)
				}
				for {
					if _, err := r.Read(buf); err != nil {
						break
					}
				}
			}
		})
	}
}

// Several files per input: a pattern reads every file it matches, each with its own header,
// in name order, one FileReport each; a file the input does not read yet is offered as an
// addition to its list, not a replacement; a pattern that matches nothing is a missing file
// (optional input) or an error naming the pattern (required).
func TestSeveralFilesPerInput(t *testing.T) {
	fsys := inputs(map[string]string{
		"access": csvFile("year,student_id,school_code,grade,overall_level", "2025,S1,00010005,3,3.4"),
	})
	fsys["data/dese/ACCESS_2024.csv"] = &fstest.MapFile{Data: []byte(csvFile(
		"year,student_id,school_code,grade,overall_level", "2024,S4,00010505,8,2.2"))}
	fsys["data/dese/ACCESS_2025.csv"] = &fstest.MapFile{Data: []byte(csvFile(
		"year,student_id,school_code,grade,overall_level,years_in_program", "2025,S4,00010505,9,3.1,6"))}
	fsys["data/dese/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
	fsys["data/access 2023.csv"] = &fstest.MapFile{Data: []byte(csvFile(
		"year,student_id,school_code,grade,overall_level", "2024,S6,00010505,11,2.2"))}
	cfg := defaultConfig()
	cfg.Data.Files = map[string]config.FileList{"access": {"access.csv", "dese/ACCESS_*.csv"}, "mcas": {"mcas_*.csv"}}
	var c collector
	report, err := Load(context.Background(), fsys, cfg, &c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range report.Files {
		got = append(got, fmt.Sprintf("%s %s read %d missing %v absent %v", f.Input, f.Path, f.Read, f.Missing, f.Absent))
	}
	want := []string{
		"schools data/schools.csv read 2 missing false absent []",
		"students data/students.csv read 8 missing false absent []",
		"access data/access.csv read 1 missing false absent [test listening speaking reading writing future_target difficulty_index sgpa progress years_in_program literacy alt_level test_status met_exit_criteria exit_year exited_after_exit_criteria not_proficient_six_years]",
		"access data/dese/ACCESS_2024.csv read 1 missing false absent [test listening speaking reading writing future_target difficulty_index sgpa progress years_in_program literacy alt_level test_status met_exit_criteria exit_year exited_after_exit_criteria not_proficient_six_years]",
		"access data/dese/ACCESS_2025.csv read 1 missing false absent [test listening speaking reading writing future_target difficulty_index sgpa progress literacy alt_level test_status met_exit_criteria exit_year exited_after_exit_criteria not_proficient_six_years]",
		"ewis data/ewis.csv read 0 missing true absent []",
		"courses data/courses.csv read 0 missing true absent []",
		"mcas data/mcas_*.csv read 0 missing true absent []",
		"cohort data/cohort.csv read 0 missing true absent []",
		"plans data/plans.csv read 0 missing true absent []",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files:\ngot  %q\nwant %q", got, want)
	}
	if len(c.access) != 3 || c.access[1].Year != 2024 || c.access[2].YearsInProgram != 6 {
		t.Errorf("access rows: %+v", c.access)
	}
	if report.Lacks("access", "years_in_program") || !report.Lacks("access", "sgpa") {
		t.Error("Lacks: a column one file of the input has is not lacking; one none has is")
	}
	wantWarning := `data/access 2023.csv: no input reads this file; its header looks like access.csv's (5 of its 5 columns); to read it as well as access.csv, dese/ACCESS_2024.csv and dese/ACCESS_2025.csv, under [data.files] in site.toml, set:` +
		"\n  access = [\"access.csv\", \"dese/ACCESS_2024.csv\", \"dese/ACCESS_2025.csv\", \"access 2023.csv\"]"
	if ws := warningStrings(report); !slices.Contains(ws, wantWarning) {
		t.Errorf("warnings %q lack %q", ws, wantWarning)
	}

	cfg.Data.Files = map[string]config.FileList{"students": {"sims_*.csv"}}
	report, err = Load(context.Background(), fsys, cfg, &c)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Files[1].Err; err == nil || err.Error() != "data/sims_*.csv: no file matches (the students file is required)" {
		t.Errorf("a required input's pattern matching nothing: %v", err)
	}
}

// DESE's own spellings of the contract's categories are read as such: plans as DESE writes
// them ("4 Year Private College", "Other Post Secondary") and kindergarten as its files and
// SIMS write it ("00", "KF", "KP", "KT").
func TestDESELabels(t *testing.T) {
	fsys := inputs(map[string]string{
		"plans": csvFile(plansHeader, "2025,S5,00010505,4 Year Private College", "2025,S6,00010505,Other Post Secondary"),
	})
	fsys["data/students.csv"] = &fstest.MapFile{Data: []byte(studentsCSV + "2025,S7,00010005,KF,EL,,,\n2025,S8,00010005,00,NonEL,,,\n2025,S9,00010005,KT,EL,,,\n2025,S10,00010005,kp,EL,,,\n")}
	report, c := run(t, fsys, defaultConfig())
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	if len(c.plans) != 2 || c.plans[0].Plan != record.FourYearPrivate || c.plans[1].Plan != record.OtherPostSecondary {
		t.Errorf("plans %+v", c.plans)
	}
	for _, s := range c.students[len(c.students)-4:] {
		if s.Grade != record.GradeK {
			t.Errorf("student %+v: want grade K", s)
		}
	}
}

// adminCode tells DESE's MMYY codes of other administrations from spring years, and gives the
// school year each falls in: February 2020 biology (0220) is in 2019-20, when no spring test
// was given; the retests of 2020-21 (November 2020, or February 2021) are in 2020-21.
func TestAdminCode(t *testing.T) {
	for s, want := range map[string]int{"0219": 2019, "0319": 2019, "1119": 2020, "1123": 2024, "0223": 2023,
		"0220": 2020, "1120": 2021, "0221": 2021} {
		if got, ok := adminCode(s); !ok || got != want {
			t.Errorf("adminCode(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"2019", "2020", "2021", "2024", "1300", "0019", "219", "-219", "x219"} {
		if _, ok := adminCode(s); ok {
			t.Errorf("adminCode(%q): a code, want a year", s)
		}
	}
}

// A SIMS file's name gives its school year; DOE012 codes map to the end_status the dropout
// rate needs.
func TestSIMSYearAndEnrollment(t *testing.T) {
	for name, want := range map[string]int{"SIMS_2025.csv": 2025, "sims/EOY FY25.csv": 2025, "fy-24 October.csv": 2024,
		"2025_SIMS_2025.csv": 2025, "SIMS FY2025.csv": 2025, "SIMS EOY 2024-25.csv": 2025, "SIMS_SY2024-25.csv": 2025,
		"SIMS_2024_25.csv": 2025, "SIMS 2024-2025 March.csv": 2025, "summary 2025.csv": 2025} {
		if got, ok := simsYear(name); !ok || got != want {
			t.Errorf("simsYear(%q) = %d, %v; want %d", name, got, ok, want)
		}
	}
	for _, name := range []string{"SIMS.csv", "SIMS_2023_2025.csv", "students 12025.csv", "2024/SIMS.csv",
		"SIMS 2024-10-01.csv", "SIMS_October_2024.csv", "SIMS 2024-10.csv", "FY24 FY25.csv",
		"\u212A\u212A\u212A\u212A25.csv"} {
		if y, ok := simsYear(name); ok {
			t.Errorf("simsYear(%q) = %d: want none", name, y)
		}
	}
	for code, want := range map[string]string{"01": "Enrolled", "04": "Graduated", "20": "TransferredOut", "41": "TransferredOut",
		"30": "DroppedOut", "35": "DroppedOut", "36": "DroppedOut", "05": "Enrolled", "10": "Enrolled", "": ""} {
		if got, err := simsEnrollment(code); err != nil || got != want {
			t.Errorf("simsEnrollment(%q) = %q, %v; want %q", code, got, err, want)
		}
	}
	for _, code := range []string{"1", "x1", "100"} {
		if _, err := simsEnrollment(code); err == nil {
			t.Errorf("simsEnrollment(%q): want an error", code)
		}
	}
}

// A file whose own name has a wildcard character is read by its name, and by a pattern that
// matches it; a pattern that matches nothing is a missing file.
func TestFileNamesWithWildcardCharacters(t *testing.T) {
	access := csvFile("year,student_id,school_code,grade,overall_level", "2025,S1,00010005,3,3.4")
	for _, entry := range []string{"ACCESS [2024].csv", "ACCESS *.csv", "ACCESS [[]2024].csv"} {
		fsys := inputs(nil)
		fsys["data/ACCESS [2024].csv"] = &fstest.MapFile{Data: []byte(access)}
		cfg := defaultConfig()
		cfg.Data.Files = map[string]config.FileList{"access": {entry}}
		report, c := run(t, fsys, cfg)
		f := fileReport(t, report, "access")
		if f.Missing || f.Err != nil || len(c.access) != 1 || f.Name != "ACCESS [2024].csv" {
			t.Errorf("access = %q: missing %v, err %v, %d rows, name %q; want the file read", entry, f.Missing, f.Err, len(c.access), f.Name)
		}
	}
}

// The SIMS history pass reads rows as the load does (mapped headers and values, a year
// column), so a former EL is one whatever the file's own spellings.
func TestSIMSFormerELThroughMappings(t *testing.T) {
	fsys := inputs(nil)
	fsys["data/sims_all.csv"] = &fstest.MapFile{Data: []byte("SASID,DOE 015,DOE-016,DOE025,year\n" +
		"S1,00010005,03,0,2025\nS1,00010005,02,01,2024\nS2,00010005,04,0,2025\n")}
	cfg, err := config.Parse(`[data]
students_format = "sims"
[data.files]
students = "sims_all.csv"
[data.columns.students]
student_id = "SASID"
[data.values.students]
el_status = { "1" = "EL", "0" = "NonEL" }
`)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Data.Values["students"]["el_status"]["01"] = "EL"
	report, c := run(t, fsys, cfg)
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string]record.ELStatus{}
	for _, s := range c.students {
		got[fmt.Sprintf("%d grade %s", s.Year, s.Grade)] = s.Status
	}
	// S1 was an EL in 2024 (a later row of the file) and is not in 2025: a former EL; S2 never was.
	want := map[string]record.ELStatus{"2025 grade 3": record.FormerEL, "2024 grade 2": record.EL, "2025 grade 4": record.NonEL}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
}

// site.toml's [data.values] checks keys against config.Columns: it must name the loader's
// columns, in its order, so that every column of an input can be mapped. (overall_level is
// required of some rows only: the loader enforces it, config does not.)
func TestConfigColumnsMatchTheLoader(t *testing.T) {
	for _, tb := range tables {
		cc := config.Columns[tb.input]
		if len(cc) != len(tb.columns) {
			t.Errorf("%s: config has %d columns, the loader %d", tb.input, len(cc), len(tb.columns))
			continue
		}
		for i, c := range tb.columns {
			if cc[i].Name != c.name || (cc[i].Required != c.required && c.name != "overall_level") {
				t.Errorf("%s column %d: config %+v, loader %+v", tb.input, i, cc[i], c)
			}
		}
	}
}

// years_in_program "5+" (as MCAS files write yrsinmass) is read as not known, like a blank,
// and listed; "x+" is still an error.
func TestOpenEndedYears(t *testing.T) {
	report, c := run(t, inputs(map[string]string{"access": csvFile("year,student_id,school_code,grade,overall_level,years_in_program",
		"2025,S1,00010005,3,3.4,5+", "2025,S4,00010505,9,2.2,3", "2024,S4,00010505,8,2.0,x+")}), defaultConfig())
	f := fileReport(t, report, "access")
	if len(c.access) != 2 || c.access[0].YearsInProgram != 0 || c.access[1].YearsInProgram != 3 {
		t.Errorf("rows %+v: want S1 with no years, S4 with 3", c.access)
	}
	if got := errorStrings(f); len(got) != 1 || !strings.Contains(got[0], `"x+"`) {
		t.Errorf("errors %q: want x+ rejected", got)
	}
	want := `data/access.csv: column "years_in_program": read "5+" (1 row) as not known: "at least" so many years is neither a number of years nor 6+, so those students are in no years-in-program category and not counted as long-term ELs (like a blank); export the number itself if you can`
	if !hasWarning(report, want) {
		t.Errorf("warnings %q lack %q", warningStrings(report), want)
	}
}

// runSIMS loads the default inputs with students.csv replaced by the SIMS export data, named
// name (its school year comes from the name).
func runSIMS(t *testing.T, name, data string) (*Report, *collector) {
	t.Helper()
	fsys := inputs(nil)
	fsys["data/"+name] = &fstest.MapFile{Data: []byte(data)}
	cfg := defaultConfig()
	cfg.Data.StudentsFormat = "sims"
	cfg.Data.Files = map[string]config.FileList{"students": {name}}
	return run(t, fsys, cfg)
}

// DOE024's numeric codes of the older SIMS collections that a public source names (DESE's
// 2008-09 presentation; 267, English, Aspen's SIMS export) are read as their languages; a
// numeric code no source names (605), and 535 (Melanesian, a group of languages, not one),
// stay unrecognised: counted as Other and listed by check. ISO 639-2 codes (spa) pass through
// as before.
func TestSIMSNumericLanguageCodes(t *testing.T) {
	report, c := runSIMS(t, "SIMS_FY17.csv", "DOE002,DOE015,DOE016,DOE024,DOE025\n"+
		"S1,00010005,03,515,01\nS2,00010005,03,520,01\nS3,00010005,03,522,01\nS4,00010005,03,525,01\n"+
		"S5,00010005,03,530,01\nS6,00010005,03,535,01\nS7,00010005,03,605,01\nS8,00010005,03,spa,01\n"+
		"S9,00010005,03,267,00\n")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for i, s := range c.students {
		name := homelang.Other
		if l, ok := homelang.Recognize(s.HomeLanguage); ok {
			name = l.Name
		}
		got[fmt.Sprintf("S%d", i+1)] = name
	}
	want := map[string]string{"S1": "Maltese", "S2": "Chinese", "S3": "Mandingo", "S4": "Maori", "S5": "Kʼicheʼ",
		"S6": homelang.Other, "S7": homelang.Other, "S8": "Spanish", "S9": "English"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("languages %v, want %v", got, want)
	}
	warning := `data/SIMS_FY17.csv: column "home_language": 2 rows with a value that names no language elreport recognises: "535" (line 7), "605" (line 8)`
	if !slices.ContainsFunc(warningStrings(report), func(w string) bool { return strings.HasPrefix(w, warning) }) {
		t.Errorf("warnings %q lack one starting %q", warningStrings(report), warning)
	}
}

// DOE016 is read through its table, PK, KP, KF, KT, 01-12 and SP, as Aspen's SIMS export
// validates it: the kindergarten spellings of other DESE files (00, K) and codes of other
// states (KH) are not SIMS grades, and neither is an unpadded grade (3): each is an error
// naming the element. DOE025 has 00 and 01 only: no code for a former EL (02).
func TestSIMSGradeCodes(t *testing.T) {
	report, c := runSIMS(t, "SIMS_FY25.csv", "DOE002,DOE015,DOE016,DOE025\n"+
		"S1,00010005,PK,01\nS2,00010005,KP,01\nS3,00010005,KF,01\nS4,00010005,KT,01\n"+
		"S5,00010005,01,01\nS6,00010005,12,01\nS7,00010005,SP,01\n"+
		"S8,00010005,00,01\nS9,00010005,K,01\nS10,00010005,KH,01\nS11,00010005,3,01\nS12,00010005,03,02\n")
	var got []string
	for _, s := range c.students {
		got = append(got, s.Grade.String())
	}
	if want := []string{"PK", "K", "K", "K", "1", "12", "SP"}; !reflect.DeepEqual(got, want) {
		t.Errorf("grades read %q, want %q (S1-S7)", got, want)
	}
	codes := "(01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, KF, KP, KT, PK, SP)"
	wantErrors := []string{`"00" is not a DOE016 code ` + codes, `"K" is not a DOE016 code ` + codes,
		`"KH" is not a DOE016 code ` + codes, `"3" is not a DOE016 code ` + codes, `"02" is not a DOE025 code (00, 01)`}
	errs := errorStrings(fileReport(t, report, "students"))
	for _, w := range wantErrors {
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, w) }) {
			t.Errorf("errors %q lack one with %q", errs, w)
		}
	}
	if len(errs) != len(wantErrors) {
		t.Errorf("%d errors %q, want %d", len(errs), errs, len(wantErrors))
	}
}

// A file site.toml names twice, by two paths (as check's own suggestion once led to), is read
// once; and a file of the data folder that [data.files] reads by another path is not "read by
// no input".
func TestSameFileByTwoNames(t *testing.T) {
	root := t.TempDir()
	exports := filepath.Join(root, "exports")
	for name, text := range map[string]string{
		"schools.csv":  schoolsCSV,
		"students.csv": studentsCSV,
		"ewis.csv":     csvFile(ewisHeader, "2025,S1,00010005,3,Low"),
	} {
		if err := os.MkdirAll(exports, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(exports, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := filepath.ToSlash(filepath.Join(exports, "ewis.csv"))
	for _, files := range []string{
		fmt.Sprintf("ewis = [%q, \"ewis.csv\"]", abs),
		"ewis = [\"../exports/ewis.csv\", \"ewis.csv\"]",
		"ewis = \"../exports/ewis.csv\"",
	} {
		cfg, err := config.Parse("[data]\ndir = \"../exports\"\n[data.files]\n" + files + "\n")
		if err != nil {
			t.Fatal(err)
		}
		report, err := LoadWith(context.Background(), fstest.MapFS{}, cfg, Discard, Options{Data: DataFS(exports)})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range report.Files {
			if f.Input == "ewis" {
				n++
				if f.Rejected != 0 || f.Accepted != 1 {
					t.Errorf("%s: %s accepted %d, rejected %d; want 1 and 0", files, f.Name, f.Accepted, f.Rejected)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: ewis has %d files, want 1", files, n)
		}
		for _, w := range report.Warnings {
			if strings.Contains(w.String(), "no input reads") {
				t.Errorf("%s: %s", files, w)
			}
		}
	}
}
