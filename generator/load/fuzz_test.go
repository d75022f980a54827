package load

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"elreport/generator/config"
)

// FuzzLoad loads the base fixture with one input replaced by arbitrary bytes, under each
// encoding (detected, windows-1252, utf-8; mode bits 1 and 4) and access format (bit 2), with
// or without site.toml's value mappings (bit 8), and checks that nothing panics and the ledger
// holds together.
func FuzzLoad(f *testing.F) {
	seeds := map[string]string{
		"schools":  schoolsCSV,
		"students": studentsCSV,
		"access": csvFile(accessHeader, "2025,S1,00010005,3,3.4,ACCESS,3.0,3.5,3.1,3.2,3.9,55,48,Yes,2",
			"2025,S4,00010505,9,7.4,,,,,,,,,,", "2025,S2,00010005,4,4.5,,,,,,,,,,"),
		"ewis":    csvFile(ewisHeader, "2025,S1,00010005,3,High", "2025,S1,00010005,3", `2025,S3,"0001`),
		"courses": csvFile(coursesHeader, "2025,S3,00010505,6,7", "2025,S4,00010505,010,5"),
		"mcas":    "\xef\xbb\xbf" + csvFile(mcasHeader, "2025,S1,00010005,3,ELA,Meeting", "2025,S1,00010005,3,ela,Meeting"),
		"cohort":  "cohort_year,student_id,school_code,el_in_cohort,outcome\r\n2025,S5,00010505,No,Graduated\r\n\r\n,,,,\r\n",
		"plans":   "year,student_id,school_code,plan\n2025,S5,00010505,\"4-Year\nPublic College\"\n2025,S6,00010505,Work,\n\"",
	}
	for i, input := range config.Inputs {
		f.Add(uint8(i), uint8(0), []byte(seeds[input]))
	}
	f.Add(uint8(2), uint8(2), []byte("adminyear,SchoolNumber,SASID,grade,overalllevel,ALT,madeprogress_RE1,ProgressTarget2026,ProgressTarget2026\n"+
		"2025,00010005,S1,03,3.4,1,NA,-1,3.0\n"))
	f.Add(uint8(2), uint8(2), []byte("adminyear,SchoolNumber,SASID,grade,overalllevel,ALT,ProgressTarget2026,DifficultyIndex2026\n"+
		"2025,00010005,S1,KG,3.4,Y,4.0,61\n2024,00010005,S1,01,NA,x,,\n"))
	f.Add(uint8(0), uint8(1), []byte("district_code,district_name,school_code,school_name\n0001,Springfield,00010005,Escola Concei\xe7\xe3o\n"))
	f.Add(uint8(1), uint8(0), []byte("year,student_id,school_code,grade,el_status\n2025,S1,00010005,3,EL\n2025,S1,00010005,3,EL\n2025,\xff,00010005,3,EL\n"))
	// Text: control characters, quoted line breaks, C1 controls, lengths; UTF-8 under
	// windows-1252 (also past the first read); header-only files; years too late.
	f.Add(uint8(0), uint8(0), []byte("district_code,district_name,school_code,school_name\n0001,Spring\tfield,0001\x000005,\"Lin\r\ncoln\"\n0001,x,00010505,K\u0085\x7f\n"))
	f.Add(uint8(0), uint8(0), []byte("district_code,district_name,school_code,school_name\n"+strings.Repeat("1", 41)+",x,00010005,"+strings.Repeat("é", 201)+"\n"))
	f.Add(uint8(0), uint8(1), []byte("district_code,district_name,school_code,school_name\n0001,Springfield,00010005,Frédérick\n"))
	f.Add(uint8(0), uint8(1), []byte("district_code,district_name,school_code,school_name\n"+strings.Repeat("0001,Springfield,00010005,Lincoln\n", 3000)+"0001,x,1,Caf\xc3"))
	f.Add(uint8(7), uint8(0), []byte("year,student_id,school_code,plan\n,,,\n"))
	f.Add(uint8(6), uint8(0), []byte("cohort_year,student_id,school_code,el_in_cohort,outcome\n2099,S9\x00,00010505,Yes,DroppedOut\n2029,S5,00010505,No,Graduated\n"))

	// A district's own headers, values, encodings and names.
	f.Add(uint8(1), uint8(8), []byte("\xef\xbb\xbfStudent ID,School Year,School Code,Grade Level,EL Status\n2025,S1,10005,3,Non-EL\nS2,2025,00010005,4,Former EL\n"))
	f.Add(uint8(0), uint8(0), []byte("District Code,District Name,School-Code,SCHOOL NAME\n0001,Springfield,00010005,Escola Concei\xe7\xe3o\n0001,Springfield,00010505,Caf\xc3\xa9\n"))
	f.Add(uint8(0), uint8(0), []byte("district_code,district_name,school_code,school_name\n0001,Springfield,00010005,Café\n0001,Springfield,00010505,Caf\xe9\n"))
	f.Add(uint8(3), uint8(4), []byte("Year,Student_ID,School Code,Grade,Risk Level,RISK-LEVEL\n2025,S1,00010005,3,Low,High\n"))
	f.Add(uint8(7), uint8(0), []byte("year,student_id,school_code,plan\n2025,S5,00010505,4 year public\n2025,S6,00010505,\xe9\xe9\xe9\n"))

	// DESE's MCAS file (mode 16) and a SIMS export (mode 32).
	f.Add(uint8(5), uint8(16), []byte("adminyear,sprp_sch,sasid,grade,eperflev,eperf2,mperflev,mperf2,sperflev,sperf2\n"+
		"2025,10005,S1,03,E,E,ABS,,PAS,P\n1124,10505,S4,10,M,M,,,,\n2025,10505,S4,09,x,Q,NM,NM,,\n"))
	f.Add(uint8(1), uint8(32), []byte("DOE001,DOE002,DOE015,DOE016,DOE024,DOE025,DOE026,DOE012\n"+
		"L1,S1,10005,KF,spa,01,05,01\nL2,S2,00010005,04,605,00,00,35\nL3,S3,00010505,09,eng,02,07,3\n"))

	f.Fuzz(func(t *testing.T, which, mode uint8, data []byte) {
		fsys := fstest.MapFS{
			"data/schools.csv":  {Data: []byte(schoolsCSV)},
			"data/students.csv": {Data: []byte(studentsCSV)},
		}
		input := config.Inputs[int(which)%len(config.Inputs)]
		fsys["data/"+input+".csv"] = &fstest.MapFile{Data: data}
		cfg := defaultConfig()
		switch {
		case mode&1 != 0:
			cfg.Data.Encoding = config.Encodings{All: "windows-1252"}
		case mode&4 != 0:
			cfg.Data.Encoding = config.Encodings{Inputs: map[string]string{input: "utf-8"}}
		}
		if mode&2 != 0 {
			cfg.Data.AccessFormat = "dese"
		}
		if mode&16 != 0 {
			cfg.Data.MCASFormat = "dese"
		}
		if mode&32 != 0 { // a SIMS export, whose name gives the year
			cfg.Data.StudentsFormat = "sims"
			cfg.Data.Files = map[string]config.FileList{"students": {"students_FY25.csv"}}
			fsys["data/students_FY25.csv"] = fsys["data/students.csv"]
			if input == "students" {
				fsys["data/students_FY25.csv"] = &fstest.MapFile{Data: data}
			}
			delete(fsys, "data/students.csv")
		}
		if mode&8 != 0 {
			cfg.Data.Columns = map[string]map[string]string{"students": {"year": "School Year", "grade": "Grade Level"}}
			cfg.Data.Values = map[string]map[string]map[string]string{
				"students": {"school_code": {"10005": "00010005"}, "el_status": {"LEP": "EL"}},
				"access":   {"test": {"2": "ALT"}},
			}
		}
		report, err := Load(context.Background(), fsys, cfg, &collector{})
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		checkLedger(t, report)
		_ = report.Err()
		for _, w := range report.Warnings {
			if w.Message == "" || w.Path == "" {
				t.Errorf("a warning without a path or a message: %+v", w)
			}
		}
	})
}

// FuzzFileNameYears reads file names as a SIMS export's year and adminyear values as DESE's
// administration codes: no name or value may panic, and what is read is a plausible year.
func FuzzFileNameYears(f *testing.F) {
	for _, s := range []string{"SIMS_EOY_FY25.csv", "SIMS 2024-25.csv", "SIMS 2024-10-01.csv", "K\u212A\u212A25.csv",
		"October 2024.csv", "1123", "0219", "2024", "", "FY", "20", "x/2025/FY24.csv"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if y, ok := simsYear(s); ok && (y < 2000 || y > 2100) {
			t.Errorf("simsYear(%q) = %d", s, y)
		}
		if y, ok := adminCode(s); ok && (y < 2000 || y > 2100) {
			t.Errorf("adminCode(%q) = %d", s, y)
		}
	})
}
