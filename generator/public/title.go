package public

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"elreport/generator/metric"
)

// A title row is "<year> <report name> (<level>) " with " - <group>" appended when a student
// group was chosen on DESE's page, and sometimes further " - <selector>"s. Seen:
//
//	2017-18 Plans of High School Graduates Report (District)
//	2023 Next Generation MCAS Achievement Results
//	2017-18  Graduates Attending Institutions of Higher Education (District) - Economically Disadvantaged - All Colleges and Universities
//	2023Per Pupil Expenditure

// The years a file may be of.
const (
	minYear = 1990
	maxYear = 2100
)

// titleYear finds a year in a title: "2017-18" (or "2017-2018") is the spring year 2018,
// "2023" is 2023. ok is false when the title has none; err is set when it has one that is not
// a year or a school year.
var titleYear = regexp.MustCompile(`(?:^|[^0-9])([0-9]{4})(?:\s*[-–]\s*([0-9]{4}|[0-9]{2}))?(?:[^0-9]|$)`)

// title is what a title row says.
type title struct {
	text  string
	year  int    // 0 when it names none
	group string // DESE's name of the student group; "" when it names none
	rate  Kind   // Graduation4 or Graduation5 when it names the rate type
}

// parseTitle reads a title row.
func parseTitle(text string) (title, error) {
	t := title{text: text}
	flat := strings.Join(strings.Fields(text), " ") // also NBSPs and doubled spaces
	if m := titleYear.FindStringSubmatch(flat); m != nil {
		start, _ := strconv.Atoi(m[1])
		t.year = start
		if end := m[2]; end != "" {
			e, _ := strconv.Atoi(end)
			switch {
			case len(end) == 2 && e == (start+1)%100, len(end) == 4 && e == start+1:
				t.year = start + 1
			default:
				return t, fmt.Errorf("the title row's year %q is not a school year (such as 2017-18)", strings.TrimSpace(m[0]))
			}
		}
		if t.year < minYear || t.year > maxYear {
			return t, fmt.Errorf("the title row's year %d is not a school year (%d to %d)", t.year, minYear, maxYear)
		}
	}
	parts := strings.Split(flat, " - ")
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if k := rateOf(p); k != "" {
			t.rate = k
			continue
		}
		if t.group == "" && p != "" {
			t.group = p
		}
	}
	if t.rate == "" {
		t.rate = rateOf(parts[0])
	}
	return t, nil
}

var (
	fourYear = regexp.MustCompile(`(?i)\b(4|four)[ -]?(year|yr)`)
	fiveYear = regexp.MustCompile(`(?i)\b(5|five)[ -]?(year|yr)`)
)

// rateOf returns the graduation rate type a text names ("4-Year Graduation Rate", "5yr Grad"),
// or "".
func rateOf(s string) Kind {
	four, five := fourYear.MatchString(s), fiveYear.MatchString(s)
	switch {
	case four && !five:
		return Graduation4
	case five && !four:
		return Graduation5
	}
	return ""
}

// allStudents is DESE's name of the group of every student.
const allStudents = "All Students"

// ourGroup returns the site's group a DESE group name (or one of ours) stands for: All, EL or
// FormerEL, or "" when it is none of them ("Low Income"; "English Learners and Former English
// Learners", which the site does not publish as one group).
func ourGroup(name string) string {
	switch letterKey(name) {
	case "all", "allstudents":
		return metric.AllStudents
	case "el", "ell", "englishlearners", "englishlearner", "englishlanguagelearners", "englishlanguagelearner",
		"lep", "limitedenglishproficient", "limitedenglishproficiency":
		return metric.EL
	case "formerel", "formerell", "formerenglishlearners", "formerenglishlearner", "formerenglishlanguagelearners",
		"formerenglishlanguagelearner", "formerlep":
		return metric.FormerEL
	}
	return ""
}

// sameGroup says whether two group names name the same group.
func sameGroup(a, b string) bool {
	if g := ourGroup(a); g != "" {
		return g == ourGroup(b)
	}
	return letterKey(a) == letterKey(b)
}
