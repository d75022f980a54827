package load

import (
	"fmt"
	"strconv"
	"strings"

	"elreport/generator/config"
	"elreport/generator/record"
)

// DESE's MCAS student data file (site.toml: [data] mcas_format = "dese") has one wide row per
// student and administration, 250 to 270 columns: adminyear, sprp_sch (the school of
// responsibility, as DESE's reports count students), sasid, grade, and per subject (e ELA,
// m Math, s Science and technology/engineering) the level-2 performance eperf2/mperf2/sperf2
// (E, M, PM, NM) and the level-1 eperflev/mperflev/sperflev, which says why a subject has no
// level-2 result (DNT did not test, ABS absent, LEP first-year EL exempt from ELA, ...).
// deseMCASTable reads such a row into one mcas record per subject with a result.

// Own columns of the DESE MCAS file, as the table names them (its own headers).
const (
	dmGrade = firstOwnColumn + iota
	dmPerf  // + subject: eperf2, mperf2, sperf2
	_
	_
	dmLevel1 // + subject: eperflev, mperflev, sperflev
)

// deseMCASTable is the mcas input read from DESE's MCAS student data file.
var deseMCASTable = &table{input: "mcas", row: (*loader).deseMCASRow, columns: studentColumns("year",
	column{"grade", true},
	column{"eperf2", false}, column{"mperf2", false}, column{"sperf2", false},
	column{"eperflev", false}, column{"mperflev", false}, column{"sperflev", false},
)}

// deseMCAS maps the contract's first columns onto the DESE file's headers.
var deseMCAS = &format{
	name:    "DESE MCAS student data file",
	headers: map[int]string{colYear: "adminyear", colStudent: "sasid", colSchool: "sprp_sch"},
	missing: deseMissing,
}

// deseMCASSubjects are the subjects of the wide row, in the order of its per-subject columns,
// with the prefix of their headers.
var deseMCASSubjects = [...]struct {
	subject record.Subject
	name    string
}{{record.ELA, "ELA"}, {record.Math, "Math"}, {record.Science, "Science"}}

// deseAchievement maps a level-2 performance code to the contract's level. legacy is true for
// the levels of the legacy scale (A, P, NI, F, W: retests and the February biology test),
// which no figure of the Next-Generation scale counts.
func deseAchievement(code string) (a record.Achievement, legacy, ok bool) {
	switch strings.ToUpper(code) {
	case "E":
		return record.Exceeding, false, true
	case "M":
		return record.Meeting, false, true
	case "PM":
		return record.PartiallyMeeting, false, true
	case "NM":
		return record.NotMeeting, false, true
	case "A", "P", "NI", "F", "W":
		return 0, true, true
	}
	return 0, false, false
}

// adminCode reads an adminyear that is not a spring year but DESE's code MMYY of another
// administration (0219 February 2019, 1123 November 2023), and returns the school year it
// falls in (November 2023 is in 2024, 2023-24).
func adminCode(s string) (year int, ok bool) {
	if len(s) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	month, yy := n/100, n%100
	if month < 1 || month > 12 {
		return 0, false
	}
	year = 2000 + yy
	if month >= 7 {
		year++
	}
	return year, true
}

// deseMCASRow reads a row of DESE's MCAS file: the spring administration's results become
// one mcas record per subject with an E/M/PM/NM level; another administration (a retest) and
// a subject without such a level are counted apart, in no figure.
func (l *loader) deseMCASRow(f *fileReader) {
	if year, ok := adminCode(f.value(colYear)); ok {
		l.school(f)
		field(f, colStudent, parseKey)
		if year > l.lastYear {
			f.failWith(colYear, f.value(colYear), l.lateYear, fmt.Sprintf("is an administration of school year %d, %s", year, l.lateYear))
		}
		if f.failed() {
			return
		}
		// Accepted, but under no school and year: a retest is no spring result, and must not
		// make its year look like one with MCAS data (the headline year, check's counts).
		f.accept(-1, 0)
		f.report.Uncounted++
		f.countUnused(fmt.Sprintf("rows of an administration other than the spring test (%s %q)", f.header(colYear), f.value(colYear)))
		return
	}
	all := seenMCASELA | seenMCASELA<<1 | seenMCASELA<<2
	year, e, school := l.studentYear(f, all, "is listed more than once for the same year")
	grade, _ := field(f, dmGrade, record.ParseGrade)
	var results [len(deseMCASSubjects)]record.Achievement
	var has [len(deseMCASSubjects)]bool
	for i, s := range deseMCASSubjects {
		col := dmPerf + i
		code := f.value(col)
		if fn := f.transform[col]; fn != nil {
			code, _ = fn(code)
		}
		if code == "" {
			if why := f.value(dmLevel1 + i); why != "" {
				f.countUnused(fmt.Sprintf("%s not tested (%s %q)", s.name, f.header(dmLevel1+i), why))
			}
			continue
		}
		a, legacy, ok := deseAchievement(code)
		switch {
		case !ok:
			f.fail(col, code, "is not an MCAS performance level (E, M, PM, NM; A, P, NI, F, W on the legacy scale)")
		case legacy:
			f.countUnused(fmt.Sprintf("%s results on the legacy scale (%s %q)", s.name, f.header(col), code))
		default:
			results[i], has[i] = a, true
		}
	}
	if f.failed() {
		return
	}
	f.accept(school, year)
	for i, s := range deseMCASSubjects {
		if has[i] {
			l.sink.MCAS(record.MCAS{Year: year, SchoolCode: l.schools.schools[school].code, Grade: grade,
				Subject: s.subject, Achievement: results[i], Status: e.status})
		}
	}
}

// tableFor returns the table that reads an input's files under cfg: the DESE MCAS file's own
// for mcas with mcas_format = "dese", else the input's.
func tableFor(cfg *config.Config, t *table) *table {
	if t.input == "mcas" && cfg.Data.MCASFormat == "dese" {
		return deseMCASTable
	}
	return t
}
