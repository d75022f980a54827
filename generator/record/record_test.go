package record

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// The parsers as first written, kept as the reference for the faster ones: the tests below
// check that both accept the same strings with the same results and messages (except where
// the old ones had a bug, noted).
func referenceLevel(s string, minLevel, maxLevel Level) (Level, error) {
	whole, frac, hasDot := strings.Cut(s, ".")
	bad := func() (Level, error) {
		return 0, fmt.Errorf("%q is not a proficiency level (%s-%s)", s, minLevel, maxLevel)
	}
	if hasDot && len(frac) > 1 && whole != "" && len(whole) <= 2 && referenceDigits(whole) && referenceDigits(frac) {
		n, _ := strconv.Atoi(whole)
		if l := Level(n*10) + Level(frac[0]-'0'); l >= minLevel && l <= maxLevel {
			return 0, fmt.Errorf("%q has more than one decimal: a proficiency level is written with one (%s-%s)", s, minLevel, maxLevel)
		}
	}
	if whole == "" || len(whole) > 2 || !referenceDigits(whole) || (hasDot && (len(frac) != 1 || !referenceDigits(frac))) {
		return bad()
	}
	n, _ := strconv.Atoi(whole)
	l := Level(n * 10)
	if hasDot {
		l += Level(frac[0] - '0')
	}
	if l < minLevel || l > maxLevel {
		return bad()
	}
	return l, nil
}

func referenceWhole(s string, lo, hi int) (int, error) {
	if s == "" || len(s) > 9 || !referenceDigits(s) {
		return 0, fmt.Errorf("%q is not a whole number (%d-%d)", s, lo, hi)
	}
	n, _ := strconv.Atoi(s)
	if n < lo || n > hi {
		return 0, fmt.Errorf("%q is out of range (%d-%d)", s, lo, hi)
	}
	return n, nil
}

func referenceGrade(s string) (Grade, error) {
	switch strings.ToUpper(s) {
	case "PK":
		return GradePK, nil
	case "K", "KG", "KF", "KP", "KT", "0", "00": // DESE's kindergarten codes, since issue 11
		return GradeK, nil
	case "SP":
		return GradeSP, nil
	}
	// The old parser used strconv.Atoi, which also accepted a sign ("+5"); that was a bug.
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 12 || !referenceDigits(s) {
		return 0, fmt.Errorf("%q is not a grade (PK, K, 1-12, SP)", s)
	}
	return Grade(n), nil
}

func referenceDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// allStrings calls fn with every string of up to maxLen bytes from alphabet.
func allStrings(alphabet string, maxLen int, fn func(string)) {
	var walk func(prefix string)
	walk = func(prefix string) {
		fn(prefix)
		if len(prefix) == maxLen {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			walk(prefix + alphabet[i:i+1])
		}
	}
	walk("")
}

func same[T comparable](t *testing.T, name, s string, got T, gotErr error, want T, wantErr error) {
	t.Helper()
	if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("%s(%q) = %v, %v; want %v, %v", name, s, got, gotErr, want, wantErr)
	}
}

func TestParsersMatchReference(t *testing.T) {
	level := func(s string) {
		got, err := ParseLevel(s, 10, 60)
		want, wantErr := referenceLevel(s, 10, 60)
		same(t, "ParseLevel", s, got, err, want, wantErr)
		got, err = ParseLevel(s, 10, 42)
		want, wantErr = referenceLevel(s, 10, 42)
		same(t, "ParseLevel", s, got, err, want, wantErr)
	}
	allStrings("0123456789.+- x", 4, level)
	allStrings("0469.-x", 6, level)
	allStrings("0129+- ", 6, func(s string) {
		got, err := ParseWhole(s, 1, 99)
		want, wantErr := referenceWhole(s, 1, 99)
		same(t, "ParseWhole", s, got, err, want, wantErr)
	})
	allStrings("0129+-kgpsftKGPSFTx", 3, func(s string) {
		got, err := ParseGrade(s)
		want, wantErr := referenceGrade(s)
		same(t, "ParseGrade", s, got, err, want, wantErr)
	})
	for _, s := range []string{"1234567890", "9999999999", "000000012", "0000000012"} {
		got, err := ParseWhole(s, 0, 1<<30)
		want, wantErr := referenceWhole(s, 0, 1<<30)
		same(t, "ParseWhole", s, got, err, want, wantErr)
	}
}

func TestParseGrade(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Grade
		err  string
	}{
		{in: "PK", want: GradePK}, {in: "k", want: GradeK}, {in: "KG", want: GradeK}, {in: "SP", want: GradeSP},
		{in: "1", want: 1}, {in: "09", want: 9}, {in: "010", want: 10}, {in: "12", want: 12},
		{in: "00", want: GradeK}, {in: "0", want: GradeK}, {in: "KF", want: GradeK}, {in: "kp", want: GradeK}, {in: "KT", want: GradeK},
		{in: "+5", err: `"+5" is not a grade (PK, K, 1-12, SP)`},
		{in: "000", err: `"000" is not a grade (PK, K, 1-12, SP)`},
		{in: "13", err: `"13" is not a grade (PK, K, 1-12, SP)`},
		{in: "", err: `"" is not a grade (PK, K, 1-12, SP)`},
	} {
		got, err := ParseGrade(tt.in)
		if got != tt.want || fmt.Sprint(err) != cmp.Or(tt.err, "<nil>") {
			t.Errorf("ParseGrade(%q) = %v, %v; want %v, %s", tt.in, got, err, tt.want, cmp.Or(tt.err, "<nil>"))
		}
	}
}

func TestParseProgress(t *testing.T) {
	for in, want := range map[string]Progress{"": NoIndicator, "Yes": ProgressYes, "YES": ProgressYes, "no": ProgressNo} {
		if got, err := ParseProgress(in); got != want || err != nil {
			t.Errorf("ParseProgress(%q) = %v, %v; want %v, nil", in, got, err, want)
		}
	}
	if _, err := ParseProgress("y"); fmt.Sprint(err) != `"y" is not a progress indicator (Yes, No or blank)` {
		t.Errorf("ParseProgress(%q): got %v", "y", err)
	}
}

// FuzzParsers checks that no parser panics, that every error begins with the quoted value
// (the loader relies on it to separate value and reason), and that what a parser accepts
// prints back as a value it accepts again.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"", "4.2", "06", "K", "PK", "SP", "EL", "Yes", "2025", "4-Year Public College", "\xe7", "1.", ".5", "+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		quoted := strconv.Quote(s) + " "
		check := func(name string, err error) {
			if err != nil && !strings.HasPrefix(err.Error(), quoted) {
				t.Errorf("%s(%q): error %q does not begin with the quoted value", name, s, err)
			}
		}
		if l, err := ParseLevel(s, 10, 60); err == nil {
			if back, err := ParseLevel(l.String(), 10, 60); err != nil || back != l {
				t.Errorf("ParseLevel(%q) = %v, which reads back as %v, %v", s, l, back, err)
			}
		} else {
			check("ParseLevel", err)
		}
		if g, err := ParseGrade(s); err == nil {
			if back, err := ParseGrade(g.String()); err != nil || back != g {
				t.Errorf("ParseGrade(%q) = %v, which reads back as %v, %v", s, g, back, err)
			}
		} else {
			check("ParseGrade", err)
		}
		_, err := ParseWhole(s, 1, 99)
		check("ParseWhole", err)
		_, err = ParseYear(s)
		check("ParseYear", err)
		_, err = ParseELStatus(s)
		check("ParseELStatus", err)
		_, err = ParseProgram(s)
		check("ParseProgram", err)
		_, err = ParseEndStatus(s)
		check("ParseEndStatus", err)
		_, err = ParseTest(s)
		check("ParseTest", err)
		_, err = ParseProgress(s)
		check("ParseProgress", err)
		_, err = ParseRisk(s)
		check("ParseRisk", err)
		_, err = ParseSubject(s)
		check("ParseSubject", err)
		_, err = ParseAchievement(s)
		check("ParseAchievement", err)
		_, err = ParseOutcome(s)
		check("ParseOutcome", err)
		_, err = ParsePlan(s)
		check("ParsePlan", err)
	})
}

// A level with two decimals inside the range says that the decimals are the problem.
func TestLevelDecimals(t *testing.T) {
	for s, want := range map[string]string{
		"4.20": `"4.20" has more than one decimal: a proficiency level is written with one (1.0-6.0)`,
		"4.25": `"4.25" has more than one decimal: a proficiency level is written with one (1.0-6.0)`,
		"7.20": `"7.20" is not a proficiency level (1.0-6.0)`,
		"4.2x": `"4.2x" is not a proficiency level (1.0-6.0)`,
	} {
		if _, err := ParseLevel(s, 10, 60); fmt.Sprint(err) != want {
			t.Errorf("ParseLevel(%q): %v, want %s", s, err, want)
		}
	}
}
