package load

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A SIMS export (site.toml: [data] students_format = "sims") is students.csv as districts
// report it to DESE's Student Information Management System, one row per student, with a
// header of SIMS data element numbers: DOE002 (SASID), DOE015 (school), DOE016 (grade: PK,
// KP, KF, KT, 01-12, SP), DOE025 (English learner: 01 yes, 00 no), DOE026 (EL program), DOE024
// (first language: a three-digit number in the older collections, an ISO 639-2 code such as
// spa in the exports seen since) and DOE012 (enrollment status).
// A SIMS record has no school year: the collection it belongs to gives it, so the file's name
// must (SIMS_2025.csv, or FY25: the fiscal year 2025 is the school year 2024-25).
//
// The elements are those of DESE's SIMS Data Handbook, version 31.1 (October 1, 2024, for the
// FY25 collections), whose table of contents gives each its page: DOE012 Enrollment Status at
// Time of Data Collection, p. 19; DOE016 Grade Level, p. 23; DOE024 First (Native Language),
// p. 31; DOE025 English Learner, p. 32; DOE026 English Learner Program Status, p. 33 (DOE012,
// DOE024, DOE025 and DOE026 have the same pages in version 9.0, August 3, 2018). The
// handbook's pages themselves could not be read: the public copies found (versions 6.0 of
// August 15, 2015, 8.0 of August 3, 2017, 9.0, 20.3 of August 20, 2020 and 31.1) came as their
// tables of contents only (docs/data-contract.md, "The SIMS preset", lists where). So the code
// tables are checked where they could be:
//
//   - DOE026: PowerSchool SIS Massachusetts, "English Language Learner Status Codes"
//     (ps-compliance.powerschool-docs.com/pssis-ma): 00 not in an EL program, 01 sheltered
//     English immersion, 02 dual language education, 03 other bilingual program (waivered
//     students only), 04 parent/guardian opted out of the district's EL programs, 05
//     transitional bilingual education. The table below is the same. (Aspen's export, cited
//     below, accepts only 00-04.)
//   - DOE012: Infinite Campus, "SIMS Extract (Massachusetts)" (kb.infinitecampus.com): the
//     transfer codes are 20-24 and the dropout codes 30-36, as below.
//   - DOE016 and DOE025: Follett's Aspen (formerly X2) SIMS export, whose field definitions
//     give each element's acceptable codes as a pattern: the public copy in the repository
//     EvgeniiTrofimov/aspenProject, commit fa94d836bc8010761de050adeb829e010e4e7d39,
//     tool-source/src/main/procedures/com/x2dev/procedures/statereporting/ma/Sims.java. It is
//     undated; its notes mark DOE045-DOE051 discontinued in 2012-2013, so it is later. DOE016
//     is "0[123456789]|1[012]|PK|K[PFT]|KF|SP": PK, KP, KF, KT, 01-12 and SP, the table below,
//     with no 00, K or KH; its validator accepts SP only for a student aged 16-21 with a
//     special education placement (DOE034). DOE025 is "0[01]", and the same repository's SIMS
//     error report (tool-source/src/main/reports/com/x2dev/reports/statereporting/ma/
//     MultiSqlGridReportSIMS1Data.java) says "DOE 25: Limited English Proficiency, Acceptable
//     Values are 00 - 01": no code for a former EL. (The handbook of October 1, 2007 and DESE's
//     "SIMS 2008-2009" presentation call DOE025 "Limited English Proficiency"; version 9.0 and
//     later, "English Learner".)
//   - DOE024: see simsNumericLanguages.
//
// A code a table does not have is an error naming the element, so a change of DESE's codes
// cannot pass in silence. docs/data-contract.md documents the tables.
var simsStudents = &format{
	name: "SIMS export",
	headers: map[int]string{
		colStudent: "doe002", colSchool: "doe015", stuGrade: "doe016", stuStatus: "doe025",
		stuLanguage: "doe024", stuProgram: "doe026", stuEnd: "doe012",
	},
	values: map[int]func(string) (string, error){
		stuGrade:  simsCode("DOE016", simsGrades),
		stuStatus: simsCode("DOE025", map[string]string{"00": "NonEL", "01": "EL"}),
		stuProgram: simsCode("DOE026", map[string]string{
			"00": "", // not in an EL program
			"01": "SEI", "02": "DualLanguage", "03": "Other",
			"04": "", // opted out of all EL programs
			"05": "TBE",
		}),
		stuEnd:      simsEnrollment,
		stuLanguage: simsLanguage,
	},
	yearFromName: true,
}

// simsGrades is DOE016's table: each SIMS grade code, read as the contract's grade (KP, KF and
// KT, part-day, full-day and tuition kindergarten, are all kindergarten).
var simsGrades = map[string]string{
	"PK": "PK", "KP": "K", "KF": "K", "KT": "K",
	"01": "1", "02": "2", "03": "3", "04": "4", "05": "5", "06": "6",
	"07": "7", "08": "8", "09": "9", "10": "10", "11": "11", "12": "12",
	"SP": "SP",
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

// simsNumericLanguages are the numeric DOE024 codes of the older collections that a public
// source names, each with the source's name for it and the ISO 639 code elreport reads it as.
// The handbooks of those years listed the codes in an appendix (Appendix B, "Language Codes",
// of the 2004 Data Standards Handbook version 3.3; Appendix C, "DOE024 First (Native) Language
// Codes", p. 76, of the Data Handbook version 6.0), but no public copy of either appendix could
// be read. The codes below come from two sources:
//   - DESE's presentation "SIMS 2008-2009" (Maryann Donie, August-September 2008), whose slides
//     on that year's Appendix C ("add 16 codes and modify titles") list 515 Maltese, 520
//     Mandarin Chinese, 522 Mandingo, 525 Maori, 530 Maya-Quiche Dialect and 535 Melanesian.
//     535 is left out: Melanesian is a group of languages, not one, and has no ISO 639 code.
//   - Aspen's SIMS export (the Sims.java cited above), which writes DOE024 as three digits
//     with 267 when a student has none, and rejects DOE025 01 with "English Proficiency DOE25
//     invalid for Language DOE24 267 (English)": 267 is English.
//
// A numeric code not listed (such as 605) names no language elreport knows: it counts as
// Other, and check lists it.
var simsNumericLanguages = map[string]struct{ dese, iso string }{
	"267": {"English", "eng"},
	"515": {"Maltese", "mlt"},
	"520": {"Mandarin Chinese", "cmn"}, // Chinese
	"522": {"Mandingo", "man"},
	"525": {"Maori", "mao"},
	"530": {"Maya-Quiche Dialect", "quc"}, // K'iche', the Mayan language also spelled Quiché
}

// simsLanguage reads DOE024: a numeric code of simsNumericLanguages as its language's ISO 639
// code, and any other value (an ISO 639-2 code, as current SIS exports write) as it is. No
// source found says in which collection DESE moved from the numbers to the ISO codes; Aspen's
// export, later than 2012-13 by its own notes, still writes the numbers.
func simsLanguage(s string) (string, error) {
	if l, ok := simsNumericLanguages[s]; ok {
		return l.iso, nil
	}
	return s, nil
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

// simsYear finds the school year in a SIMS file's name: a school year written as two years
// ("2024-25", "2024_2025": the spring one, 2025), a fiscal year ("FY25", "FY2025": the school
// year 2024-25, 2025), or a lone year ("SIMS_2025.csv", read as the spring year 2025). It
// refuses a name with a date (2024-10-01) or a month ("October 2024"), which say when the
// collection was, not its school year, and a name with several different years. check
// prints the year it read for each file.
func simsYear(name string) (year int, ok bool) {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	type run struct{ start, end, n int }
	var runs []run
	for i := 0; i < len(base); {
		if base[i] < '0' || base[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(base) && base[j] >= '0' && base[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(base[i:min(j, i+9)])
		runs = append(runs, run{i, j, n})
		i = j
	}
	// strong: years the name says are school years (FY25, 2024-25); weak: lone years.
	var strong, weak []int
	dated := false
	add := func(list *[]int, y int) {
		if !slices.Contains(*list, y) {
			*list = append(*list, y)
		}
	}
	for k := 0; k < len(runs); k++ {
		r := runs[k]
		digits := r.end - r.start
		prefix := strings.TrimRight(strings.ToLower(base[:r.start]), " _-")
		var next *run
		if k+1 < len(runs) && strings.Trim(base[r.end:runs[k+1].start], " _-") == "" {
			next = &runs[k+1]
		}
		switch {
		case strings.HasSuffix(prefix, "fy") && (digits == 2 || digits == 4 && r.n >= 2000 && r.n <= 2099):
			add(&strong, 2000+r.n%100)
		case digits == 4 && r.n >= 2000 && r.n <= 2099:
			nextDigits := 0
			if next != nil {
				nextDigits = next.end - next.start
			}
			switch {
			case nextDigits == 2 && next.n == (r.n+1)%100, nextDigits == 4 && next.n == r.n+1:
				add(&strong, r.n+1) // a school year: 2024-25
				k++
			case nextDigits == 1 || nextDigits == 2:
				dated = true // a date: 2024-10-01
				k++
			default:
				add(&weak, r.n)
			}
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(base), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if slices.Contains(simsMonths, w) {
			dated = true
		}
	}
	switch {
	case len(strong) == 1:
		return strong[0], true
	case len(strong) > 1, dated, len(weak) != 1:
		return 0, false
	}
	return weak[0], true
}

// simsMonths are the month names a SIMS file's name may carry: without a fiscal or school
// year beside it, the name's year is then the calendar year of the collection, which is not
// its school year (October 2024 is in 2024-25).
var simsMonths = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
	"aug", "sep", "sept", "oct", "nov", "dec"}
