package load

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"elreport/generator/config"
)

// A SIMS export (site.toml: [data] students_format = "sims") is students.csv as districts
// report it to DESE's Student Information Management System, one row per student, with a
// header of SIMS data element numbers: DOE002 (SASID), DOE015 (school), DOE016 (grade: PK,
// KP, KF, KT, 01-12, SP), DOE025 (English learner: 01 yes, 00 no), DOE026 (EL program), DOE024
// (first language: ISO 639-2 codes such as spa since FY18) and DOE012 (enrollment status).
// A SIMS record has no school year: the collection it belongs to gives it, so the file's name
// must (SIMS_2025.csv, or FY25: the fiscal year 2025 is the school year 2024-25).
//
// The code tables are those of DESE's SIMS Data Handbook (DOE012, DOE016, DOE025, DOE026;
// element numbers and names as in version 31.1, October 2024). The handbook's own tables
// could not be read for this preset; the codes are as Massachusetts districts' SIS exports
// use them (PowerSchool's and Follett Aspen's SIMS export code and documentation), and are
// documented in docs/data-contract.md.
var simsStudents = &format{
	name: "SIMS export",
	headers: map[int]string{
		colStudent: "doe002", colSchool: "doe015", stuGrade: "doe016", stuStatus: "doe025",
		stuLanguage: "doe024", stuProgram: "doe026", stuEnd: "doe012",
	},
	values: map[int]func(string) (string, error){
		stuStatus: simsCode("DOE025", map[string]string{"00": "NonEL", "01": "EL"}),
		stuProgram: simsCode("DOE026", map[string]string{
			"00": "", // not in an EL program
			"01": "SEI", "02": "DualLanguage", "03": "Other",
			"04": "", // opted out of all EL programs
			"05": "TBE",
		}),
		stuEnd: simsEnrollment,
	},
	yearFromName: true,
}

// simsCode reads a SIMS code of an element through its table; an unknown code is an error
// naming the element.
func simsCode(element string, table map[string]string) func(string) (string, error) {
	codes := make([]string, 0, len(table))
	for c := range table {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return func(s string) (string, error) {
		if v, ok := table[s]; ok {
			return v, nil
		}
		if s == "" {
			return "", nil
		}
		return "", valueError{value: s, reason: fmt.Sprintf("is not a %s code (%s)", element, strings.Join(codes, ", "))}
	}
}

// simsEnrollment reads DOE012, the enrollment status at the time of the collection, as the
// end_status the annual dropout rate needs: 30-36 dropped out (adult education or HiSET, Job
// Corps, military, incarcerated, employment, confirmed dropout, whereabouts unknown), 04
// graduated, 20-24 and 41 transferred (in state public or private, out of state, home school,
// adult diploma program), and every other code (01 enrolled; 05 expelled, 06 deceased, 09
// reached the maximum age, 10 and 11 non-diploma completers, 40 special education services
// only) Enrolled: not a dropout, and in the denominator, as DESE's rate counts them.
func simsEnrollment(s string) (string, error) {
	n, err := strconv.Atoi(s)
	switch {
	case s == "":
		return "", nil
	case err != nil || len(s) != 2:
		return "", valueError{value: s, reason: "is not a DOE012 enrollment status code (two digits: 01 enrolled, 04 graduated, 20-24 and 41 transferred, 30-36 dropped out, ...)"}
	case n >= 30 && n <= 36:
		return "DroppedOut", nil
	case n == 4:
		return "Graduated", nil
	case n >= 20 && n <= 24, n == 41:
		return "TransferredOut", nil
	}
	return "Enrolled", nil
}

// simsYear finds the school year in a SIMS file's name: a year 2000-2099 ("SIMS_2025.csv",
// "2025 EOY.csv") or a fiscal year "FY25" (the school year 2024-25, 2025 here). ok is false
// when the name has neither, or several different ones.
func simsYear(name string) (year int, ok bool) {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	lower := strings.ToLower(base)
	var found []int
	add := func(y int) {
		if !slices.Contains(found, y) {
			found = append(found, y)
		}
	}
	for i := 0; i < len(base); {
		if base[i] < '0' || base[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(base) && base[j] >= '0' && base[j] <= '9' {
			j++
		}
		run := base[i:j]
		prefix := strings.TrimRight(lower[:i], " _-")
		switch {
		case len(run) == 4 && strings.HasPrefix(run, "20"):
			y, _ := strconv.Atoi(run)
			add(y)
		case len(run) == 2 && strings.HasSuffix(prefix, "fy"):
			y, _ := strconv.Atoi(run)
			add(2000 + y)
		}
		i = j
	}
	if len(found) != 1 {
		return 0, false
	}
	return found[0], true
}

// everEL pre-reads the SIMS files of students.csv for the students who were ELs (DOE025 01),
// and the first year each was: a student who is not an EL (00) in a later year is a former
// EL, which SIMS does not say. Files that cannot be read are skipped here; the main read
// reports them.
func (l *loader) everEL(ctx context.Context, files []string) map[string]int {
	first := make(map[string]int)
	for _, name := range files {
		if ctx.Err() != nil {
			break
		}
		year, ok := simsYear(name)
		if !ok {
			continue
		}
		file, err := l.data.Open(name)
		if err != nil {
			continue
		}
		var r io.Reader = bufio.NewReader(file)
		if l.cfg.Data.Encoding.Of("students") == config.Windows1252 {
			r = charmap.Windows1252.NewDecoder().Reader(r)
		}
		cr := csv.NewReader(r)
		cr.FieldsPerRecord, cr.ReuseRecord = -1, true
		header, err := cr.Read()
		if err != nil {
			file.Close()
			continue
		}
		id, el := -1, -1
		for i, h := range header {
			switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))) {
			case "doe002":
				id = i
			case "doe025":
				el = i
			}
		}
		for id >= 0 && el >= 0 {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil || len(rec) <= max(id, el) {
				continue
			}
			if strings.TrimSpace(rec[el]) == "01" {
				sid := strings.TrimSpace(rec[id])
				if y, seen := first[sid]; !seen || year < y {
					first[strings.Clone(sid)] = year
				}
			}
		}
		file.Close()
	}
	return first
}
