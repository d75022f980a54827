package public

import (
	"fmt"
	"strings"
)

// settle checks the header of a recognised report and settles what the file is of: the rate
// type of graduation rates, the year and the group, from the title row, site.toml (the hint)
// and, for the attending-college export, the header. What neither says is one error listing
// the lines of site.toml to add; a hint that contradicts the title is an error.
func (r *fileReader) settle(line int) bool {
	h, f := r.header, &r.file
	f.Level = h.level
	if h.level == "" {
		r.fail(line, "the header of a %s export has no \"District Code\" or \"School Code\" column", r.report.name)
		return false
	}
	if h.name < 0 {
		r.fail(line, "the header of a %s export has no \"District Name\" or \"School Name\" column", r.report.name)
		return false
	}
	var missing []string
	for _, c := range r.report.columns {
		if !h.has(c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		r.fail(line, "the header of a %s export lacks the columns %s", r.report.name, quoteAll(missing))
		return false
	}
	if r.report.prepare != nil {
		if err := r.report.prepare(r); err != nil {
			r.fail(line, "%s", err)
			return false
		}
	}
	t, err := parseTitle(f.Title)
	if err != nil {
		r.fail(1, "%s", err)
		return false
	}
	var need []needed
	if !r.settleKind(t, &need) || !r.settleYear(t, &need) || !r.settleGroup(t, &need) {
		return false
	}
	if len(need) > 0 {
		r.fail(0, "%s", r.missing(need))
		return false
	}
	f.Kind = r.report.kind
	f.Group = ourGroup(f.GroupName)
	r.group = f.Group
	if f.Group == "" {
		r.note(fmt.Sprintf("The group %q is not one of the site's (All Students, English Learners, Former English Learners), so the file gives no figures.", f.GroupName))
	}
	switch f.Kind {
	case Graduation5:
		r.note("Five-year graduation rates give no figures: the catalogue's graduation_rate and cohort_dropout_rate are four-year rates.")
	case AttendingCollege:
		r.note("Graduates attending college gives no figures: it counts actual enrollment (National Student Clearinghouse), and the catalogue's post-graduation metrics are graduates' stated plans.")
	case SelectedPops:
		r.note("Selected populations give no figures; they describe districts for choosing comparable ones.")
	case EnrollmentGrades:
		r.note("Enrollment by grade gives no figures; its grades say each district's grade span, for choosing comparable districts.")
	}
	return true
}

// needed is something a file does not say and site.toml must: what, and the line of site.toml
// that says it, with a comment.
type needed struct{ what, line, comment string }

// hintKey is the table of site.toml that holds the file's hint.
func (r *fileReader) hintKey() string { return fmt.Sprintf("[public_data.files.%q]", r.file.Name) }

// settleKind settles the report from the header and the hint, and the rate type of graduation
// rates from the title row or the hint.
func (r *fileReader) settleKind(t title, need *[]needed) bool {
	hk := r.hint.Kind
	switch {
	case hk != "" && reportOf(hk) == nil:
		r.fail(0, "site.toml %s says report = %q, which is not a report elreport reads (%s)", r.hintKey(), hk, kindList())
		return false
	case r.report.kind != Graduation4:
		if hk != "" && hk != r.report.kind {
			r.fail(0, "site.toml %s says report = %q, but the header is that of %s (%q)", r.hintKey(), hk, r.report.name, r.report.kind)
			return false
		}
	case hk != "" && hk != Graduation4 && hk != Graduation5:
		r.fail(0, "site.toml %s says report = %q, but the header is that of Graduation Rates (%q or %q)", r.hintKey(), hk, Graduation4, Graduation5)
		return false
	case t.rate != "" && hk != "" && hk != t.rate:
		r.fail(0, "site.toml %s says report = %q, but the title row %q is of the %s; remove report from %s or correct it",
			r.hintKey(), hk, t.text, reportOf(t.rate).name, r.hintKey())
		return false
	case t.rate != "":
		r.report = reportOf(t.rate)
	case hk != "":
		r.report = reportOf(hk)
	default:
		*need = append(*need, needed{"whether its rates are 4-year or 5-year",
			fmt.Sprintf("report = %q", Graduation4), fmt.Sprintf("or %q: the rate type chosen on DESE's page", Graduation5)})
	}
	return true
}

// settleYear settles the year from the title row or the hint.
func (r *fileReader) settleYear(t title, need *[]needed) bool {
	y := r.hint.Year
	switch {
	case y != 0 && (y < minYear || y > maxYear):
		r.fail(0, "site.toml %s says year = %d, which is not a school year (the spring year, %d to %d)", r.hintKey(), y, minYear, maxYear)
		return false
	case t.year != 0 && y != 0 && t.year != y:
		r.fail(0, "site.toml %s says year = %d, but the title row %q says %d; remove year from %s or correct it", r.hintKey(), y, t.text, t.year, r.hintKey())
		return false
	case t.year != 0:
		r.file.Year = t.year
	case y != 0:
		r.file.Year = y
	default:
		*need = append(*need, needed{"its year",
			"year = 2024", "the spring year: 2024 for 2023-24 (for graduation rates, the cohort year)"})
	}
	return true
}

// settleGroup settles DESE's name of the group: the title row's, else the hint's, else the one
// the attending-college headers name, else All Students for a report without a group selector
// or a file whose title names none.
func (r *fileReader) settleGroup(t title, need *[]needed) bool {
	f, hg := &r.file, strings.TrimSpace(r.hint.Group)
	_, prefix, hasPrefix := r.header.suffixed(colGraduates)
	switch {
	case t.group != "" && hg != "" && !sameGroup(t.group, hg):
		r.fail(0, "site.toml %s says group = %q, but the title row %q names the group %q; remove group from %s or correct it",
			r.hintKey(), hg, t.text, t.group, r.hintKey())
		return false
	case t.group != "":
		f.GroupName = t.group
	case hg != "" && !r.report.groupSelector && !sameGroup(hg, cmpOr(r.report.group, allStudents)):
		r.fail(0, "site.toml %s says group = %q, but the %s export has no student group (it is of %s); remove group from %s",
			r.hintKey(), hg, r.report.name, strings.ToLower(cmpOr(r.report.group, allStudents)), r.hintKey())
		return false
	case !r.report.groupSelector && r.report.group != "":
		f.GroupName = r.report.group
	case hg != "":
		f.GroupName = hg
	case r.report.kind == AttendingCollege && hasPrefix:
		// The export names its group in its headers: "Low Income High School Graduates (#)".
		f.GroupName = cmpOr(prefix, allStudents)
	case !r.report.groupSelector:
		f.GroupName = allStudents
	case f.Title != "":
		// DESE's titles append " - <group>" when a group is chosen on the page.
		f.GroupName = allStudents
		r.note("The title row names no student group, so the file is read as of all students (DESE's title appends \" - <group>\" when a group is chosen); if it is not, name the group in site.toml " + r.hintKey() + ".")
	default:
		*need = append(*need, needed{"its student group",
			`group = "English Learners"`, `the student group chosen on DESE's page: "All Students", "English Learners", ...`})
	}
	return true
}

// missing says what the file does not say, with the lines of site.toml that would.
func (r *fileReader) missing(need []needed) string {
	what := "the file has no title row, so it does not say"
	if r.file.Title != "" {
		what = fmt.Sprintf("the title row %q does not say", r.file.Title)
	}
	width := 0
	for _, n := range need {
		width = max(width, len(n.line))
	}
	says := make([]string, len(need))
	var lines strings.Builder
	for i, n := range need {
		says[i] = n.what
		fmt.Fprintf(&lines, "\n    %-*s  # %s", width, n.line, n.comment)
	}
	them := "them"
	if len(need) == 1 {
		them = "it"
	}
	return fmt.Sprintf("%s %s; name %s in site.toml:\n\n    %s%s", what, orList(says), them, r.hintKey(), lines.String())
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// orList joins words with commas and a last "or".
func orList(ss []string) string {
	if len(ss) == 1 {
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " or " + ss[len(ss)-1]
}

// kindList lists the kinds, for messages.
func kindList() string {
	var ks []string
	for _, k := range Kinds() {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}
