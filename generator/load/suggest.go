package load

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"elreport/generator/textcheck"
)

// This file writes the lines of site.toml that messages offer to paste: the mapping of the
// required columns a file lacks, guessed from its own headers.

// pasteBlock returns lines of site.toml under a table, ready to paste, after the words that
// say where they go: "add to site.toml:" and the table's header, or, when site.toml has the
// table already, "under [table] in site.toml, set:" (a second header would be an error).
func pasteBlock(table string, exists bool, lines ...string) string {
	var b strings.Builder
	if exists {
		fmt.Fprintf(&b, "under [%s] in site.toml, set:", table)
	} else {
		fmt.Fprintf(&b, "add to site.toml:\n  [%s]", table)
	}
	for _, line := range lines {
		b.WriteString("\n  " + line)
	}
	return b.String()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == utf8.RuneError, unicode.IsControl(r):
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// suggestColumns returns the lines of a [data.columns.<input>] table that map the required
// columns missing (contract columns of t) from a file with the header: for each, the header of
// the file that looks most like it (among those no column has), or a commented line when none
// does.
func suggestColumns(t *table, header []string, pos []int, missing []int) []string {
	taken := make([]bool, len(header))
	for _, i := range pos {
		if i >= 0 {
			taken[i] = true
		}
	}
	guess := guessHeaders(t, header, taken, missing)
	lines := make([]string, len(missing))
	for k, col := range missing {
		name := t.columns[col].name
		if i := guess[col]; i >= 0 {
			lines[k] = fmt.Sprintf("%s = %s", name, tomlString(strings.TrimSpace(header[i])))
		} else {
			lines[k] = fmt.Sprintf("# %s = \"…\"  (no header of the file looks like it: which one holds it?)", name)
		}
	}
	return lines
}

// guessHeaders pairs missing columns with headers that are not taken, best pairs first, each
// header once: it returns, per missing column, the field of its guess or -1.
func guessHeaders(t *table, header []string, taken []bool, missing []int) map[int]int {
	type pair struct {
		col, field int
		score      float64
	}
	var pairs []pair
	for _, col := range missing {
		for i, h := range header {
			if taken[i] || strings.TrimSpace(h) == "" {
				continue
			}
			if s := similarity(t.columns[col].name, h); s >= minSimilarity {
				pairs = append(pairs, pair{col, i, s})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.field, b.field))
	})
	guess := make(map[int]int, len(missing))
	for _, col := range missing {
		guess[col] = -1
	}
	used := make([]bool, len(header))
	for _, p := range pairs {
		if guess[p.col] < 0 && !used[p.field] {
			guess[p.col], used[p.field] = p.field, true
		}
	}
	return guess
}

// minSimilarity is the least similarity of a guess.
const minSimilarity = 0.45

// synonyms lists, per contract column, the headers (as headerKey writes them) that exports
// commonly give it: state and student-information-system names.
var synonyms = map[string][]string{
	"year":              {"schoolyear", "sy", "academicyear", "adminyear", "fiscalyear", "endyear", "testyear", "yr"},
	"cohort_year":       {"cohort", "cohortyr", "graduationyear", "gradyear", "classof"},
	"student_id":        {"sasid", "lasid", "studentnumber", "studentno", "stuid", "studentidnumber", "stateid", "localid", "id", "pupilid"},
	"school_code":       {"schoolnumber", "schoolid", "schoolno", "schcode", "schoolcd", "building", "buildingcode", "buildingid", "orgcode", "locationcode"},
	"district_code":     {"districtnumber", "districtid", "districtno", "leacode", "leaid", "distcode"},
	"district_name":     {"district", "leaname", "distname"},
	"school_name":       {"school", "buildingname", "schname", "location"},
	"grade_span":        {"grades", "gradesserved", "graderange"},
	"level":             {"schoollevel", "schooltype", "type"},
	"grade":             {"gradelevel", "gr", "grd", "currentgrade", "gradecode"},
	"el_status":         {"ell", "lep", "ellstatus", "lepstatus", "englishlearner", "englishlearnerstatus", "elflag", "ellflag", "elcode", "el"},
	"home_language":     {"firstlanguage", "nativelanguage", "primarylanguage", "language", "homelang", "langhome"},
	"el_program":        {"program", "elpprog", "elpprogram", "ellprogram", "programtype", "elprog"},
	"end_status":        {"exitstatus", "enrollmentstatus", "withdrawalstatus", "exitcode", "status"},
	"overall_level":     {"overall", "overallproficiency", "overallproficiencylevel", "overallscore", "compositelevel", "proficiencylevel", "overallpl"},
	"test":              {"alt", "testtype", "testname", "assessment"},
	"future_target":     {"progresstarget", "target", "nextyeartarget"},
	"difficulty_index":  {"difficulty", "difficultyindex"},
	"sgpa":              {"sgp", "growthpercentile", "studentgrowthpercentile"},
	"progress":          {"madeprogress", "madeprogressre1", "progressflag", "mettarget"},
	"years_in_program":  {"yrsinmass", "yearsinel", "yearsasel", "yearsinprogram", "yearsell", "yearsinell"},
	"risk_level":        {"risk", "ewis", "ewisrisk", "ewislevel", "risklevel"},
	"courses_taken":     {"coursesattempted", "attempted", "taken", "courses"},
	"courses_passed":    {"passed", "coursespassed", "coursescompleted"},
	"subject":           {"contentarea", "content", "testsubject"},
	"achievement_level": {"performancelevel", "perflevel", "achievement", "achievementlevel", "proficiency"},
	"el_in_cohort":      {"elever", "everel", "elhs", "elinhighschool"},
	"outcome":           {"graduationoutcome", "cohortoutcome", "gradstatus", "graduationstatus", "result"},
	"plan":              {"postsecondaryplan", "plans", "intent", "postgradplan", "postgraduationplan"},
}

// similarity scores from 0 to 1 how much a header looks like a contract column: 1 for the
// same letters and digits, 0.9 for a common synonym, then by one name holding the other
// ("School Year" holds year), the words they share ("ELL Status" and el_status) and the
// letters they differ by (a typo).
func similarity(column, header string) float64 {
	ck, hk := headerKey(column), headerKey(header)
	if ck == "" || hk == "" {
		return 0
	}
	if ck == hk {
		return 1
	}
	best := 0.0
	for _, s := range synonyms[column] {
		if strings.EqualFold(s, hk) {
			best = 0.9
		}
	}
	shorter, longer := len(ck), len(hk)
	if shorter > longer {
		shorter, longer = longer, shorter
	}
	cw, hw := words(column), words(header)
	switch {
	case subset(cw, hw): // "School Year" holds year
		best = max(best, 0.5+0.4*float64(len(cw))/float64(len(hw)))
	case subset(hw, cw):
		best = max(best, 0.5+0.4*float64(len(hw))/float64(len(cw)))
	case shorter >= 3 && (strings.Contains(hk, ck) || strings.Contains(ck, hk)): // "Years in EL" holds year, less so
		best = max(best, 0.4+0.3*float64(shorter)/float64(longer))
	}
	best = max(best, 0.8*jaccard(cw, hw))
	if d := textcheck.Distance(ck, hk); d <= 2 && longer >= 5 {
		best = max(best, 0.85-0.1*float64(d))
	}
	return best
}

// words splits a name into lower-case words at spaces, punctuation, underscores, digits and
// lower-to-upper case changes ("SchoolNumber" is school, number).
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prev := rune(0)
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) && unicode.IsLower(prev) {
				flush()
			}
			cur = append(cur, r)
		case unicode.IsDigit(r):
			cur = append(cur, r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	return out
}

// subset reports whether every word of a is one of b.
func subset(a, b []string) bool {
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return len(a) > 0
}

// jaccard returns the share of the words of a and b that both have.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for _, w := range a {
		if slices.Contains(b, w) {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}
