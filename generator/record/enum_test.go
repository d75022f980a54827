package record

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

// checkEnum checks a table: every value's name reads back as the value, in any case; every
// alias reads as its value; Parse agrees with Lookup; unknown reads as nothing, with an error
// that begins with the quoted value and says the table's reason.
func checkEnum[T ~uint8](t *testing.T, e *enum[T], aliases map[string]T, unknown ...string) {
	t.Helper()
	if len(e.names) == 0 || e.reason == "" {
		t.Fatalf("table without names or reason: %+v", e)
	}
	for _, name := range e.names {
		if !isASCII(name) {
			t.Fatalf("name %q is not ASCII, as Lookup requires", name)
		}
	}
	read := func(s string, want T) {
		t.Helper()
		if got, ok := e.Lookup(s); !ok || got != want {
			t.Errorf("Lookup(%q) = %v, %v; want %v, true", s, got, ok, want)
		}
		if got, err := e.Parse(s); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v, nil", s, got, err, want)
		}
	}
	for i, name := range e.names {
		v := T(i)
		if got := e.String(v); got != name {
			t.Errorf("String(%d) = %q; want %q", i, got, name)
		}
		read(e.String(v), v)
		read(strings.ToUpper(name), v)
		read(strings.ToLower(name), v)
	}
	for s, want := range aliases {
		read(s, want)
	}
	for _, s := range unknown {
		if got, ok := e.Lookup(s); ok {
			t.Errorf("Lookup(%q) = %v, true; want 0, false", s, got)
		}
		got, err := e.Parse(s)
		if want := fmt.Sprintf("%q %s", s, e.reason); got != 0 || fmt.Sprint(err) != want {
			t.Errorf("Parse(%q) = %v, %v; want 0, %s", s, got, err, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("String(%d) of a value with no name did not panic", len(e.names))
		}
	}()
	e.String(T(len(e.names)))
}

type color uint8

func TestEnum(t *testing.T) {
	t.Run("plain", func(t *testing.T) {
		checkEnum(t, &enum[color]{names: []string{"Red", "Green", "Blue"}, reason: "is not a color"},
			nil, "", "Gray", "Re", "Redd", " Red", "R\u0435d")
	})
	t.Run("folded runes", func(t *testing.T) {
		// U+017F (long s) and U+212A (Kelvin sign) fold to s and k; U+0131 (dotless i) and
		// U+0130 (dotted I) fold to nothing ASCII.
		checkEnum(t, &enum[color]{names: []string{"Sky", "Ink"}, reason: "is not a color"},
			map[string]color{"\u017f\u212ay": 0, "S\u212aY": 0, "in\u212a": 1}, "\u0131nk", "\u0130NK", "Sk", "\u212a")
	})
	t.Run("blank name", func(t *testing.T) {
		checkEnum(t, &enum[color]{names: []string{"", "Red"}, reason: "is not a color"}, nil, " ", "Blue")
	})
	t.Run("exact alias", func(t *testing.T) {
		e := &enum[color]{names: []string{"Red", "Green"}, aliases: map[string]color{"": 1, "gr": 1}, reason: "is not a color"}
		checkEnum(t, e, map[string]color{"": 1, "gr": 1}, " ", "GR", "g r")
	})
	t.Run("keyed alias", func(t *testing.T) {
		e := &enum[color]{names: []string{"Red", "Green"}, aliases: map[string]color{"g r": 1}, key: func(s string) string {
			return strings.ToLower(strings.Join(strings.Fields(s), " "))
		}, reason: "is not a color"}
		checkEnum(t, e, map[string]color{"g r": 1, "G   R": 1, " g\tR ": 1}, "gr", "g-r")
	})
	t.Run("ELStatus", func(t *testing.T) { checkEnum(t, &elStatusEnum, nil, "", "Former EL", "ELL") })
	t.Run("Program", func(t *testing.T) { checkEnum(t, &programEnum, nil, " ", "Dual Language", "None") })
	t.Run("EndStatus", func(t *testing.T) {
		checkEnum(t, &endStatusEnum, map[string]EndStatus{"": Enrolled}, " ", "Dropped Out", "Transferred")
	})
	t.Run("Test", func(t *testing.T) {
		checkEnum(t, &testEnum, map[string]Test{"": ACCESS}, " ", "ALT ACCESS", "AltACCESS")
	})
	t.Run("Progress", func(t *testing.T) { checkEnum(t, &progressEnum, nil, " ", "y", "n", "true") })
	t.Run("Risk", func(t *testing.T) { checkEnum(t, &riskEnum, nil, "", "Medium") })
	t.Run("Subject", func(t *testing.T) { checkEnum(t, &subjectEnum, nil, "", "Mathematics", "E.L.A.") })
	t.Run("Achievement", func(t *testing.T) { checkEnum(t, &achievementEnum, nil, "", "Partially Meeting", "NM") })
	t.Run("Outcome", func(t *testing.T) { checkEnum(t, &outcomeEnum, nil, "", "Dropout", "HSE") })
	t.Run("Plan", func(t *testing.T) {
		aliases := map[string]Plan{"4-Year  Public\tCollege": FourYearPublic, " Other Post-Secondary ": OtherPostSecondary}
		for label, p := range planLabels {
			aliases[label] = p
			aliases[strings.ToUpper(label)] = p
		}
		checkEnum(t, &planEnum, aliases, "", "4 year", "college", "Four Year Public")
	})
}

// The enum parsers as written before they became tables, kept as the reference for them.
func refELStatus(s string) (ELStatus, error) {
	for i, name := range [...]string{"EL", "FormerEL", "NonEL"} {
		if strings.EqualFold(s, name) {
			return ELStatus(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not an EL status (EL, FormerEL, NonEL)", s)
}

func refProgram(s string) (Program, error) {
	for i, name := range [...]string{"", "SEI", "TBE", "DualLanguage", "Other"} {
		if strings.EqualFold(s, name) {
			return Program(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not an EL program (SEI, TBE, DualLanguage, Other or blank)", s)
}

func refEndStatus(s string) (EndStatus, error) {
	if s == "" {
		return Enrolled, nil
	}
	for i, name := range [...]string{"Enrolled", "Graduated", "DroppedOut", "TransferredOut"} {
		if strings.EqualFold(s, name) {
			return EndStatus(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not an end status (Enrolled, Graduated, DroppedOut, TransferredOut or blank)", s)
}

func refTest(s string) (Test, error) {
	switch strings.ToUpper(s) {
	case "", "ACCESS":
		return ACCESS, nil
	case "ALT":
		return AltACCESS, nil
	}
	return 0, fmt.Errorf("%q is not a test (ACCESS, ALT)", s)
}

func refProgress(s string) (Progress, error) {
	switch {
	case s == "":
		return NoIndicator, nil
	case strings.EqualFold(s, "yes"):
		return ProgressYes, nil
	case strings.EqualFold(s, "no"):
		return ProgressNo, nil
	}
	return 0, fmt.Errorf("%q is not a progress indicator (Yes, No or blank)", s)
}

func refRisk(s string) (Risk, error) {
	for i, name := range [...]string{"Low", "Moderate", "High"} {
		if strings.EqualFold(s, name) {
			return Risk(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not a risk level (Low, Moderate, High)", s)
}

func refSubject(s string) (Subject, error) {
	for i, name := range [...]string{"ELA", "Math", "Science"} {
		if strings.EqualFold(s, name) {
			return Subject(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not a subject (ELA, Math, Science)", s)
}

func refAchievement(s string) (Achievement, error) {
	for i, name := range [...]string{"Exceeding", "Meeting", "PartiallyMeeting", "NotMeeting"} {
		if strings.EqualFold(s, name) {
			return Achievement(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not an achievement level (Exceeding, Meeting, PartiallyMeeting, NotMeeting)", s)
}

func refOutcome(s string) (Outcome, error) {
	for i, name := range [...]string{"Graduated", "StillEnrolled", "NonGradCompleter", "HiSET", "DroppedOut", "PermanentlyExcluded"} {
		if strings.EqualFold(s, name) {
			return Outcome(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not a cohort outcome (Graduated, StillEnrolled, NonGradCompleter, HiSET, DroppedOut, PermanentlyExcluded)", s)
}

var refPlanLabels = map[string]Plan{
	"4-year private college":    FourYearPrivate,
	"4-year public college":     FourYearPublic,
	"2-year private college":    TwoYearPrivate,
	"2-year public college":     TwoYearPublic,
	"other post-secondary":      OtherPostSecondary,
	"other postsecondary":       OtherPostSecondary,
	"apprenticeship":            Apprenticeship,
	"work":                      Work,
	"military":                  Military,
	"other":                     OtherPlan,
	"unknown":                   UnknownPlan,
	"4-year private":            FourYearPrivate,
	"4-year public":             FourYearPublic,
	"2-year private":            TwoYearPrivate,
	"2-year public":             TwoYearPublic,
	"four-year private college": FourYearPrivate,
	"four-year public college":  FourYearPublic,
	"two-year private college":  TwoYearPrivate,
	"two-year public college":   TwoYearPublic,
}

func refPlan(s string) (Plan, error) {
	for i, name := range [...]string{"FourYearPrivate", "FourYearPublic", "TwoYearPrivate", "TwoYearPublic", "OtherPostSecondary", "Apprenticeship", "Work", "Military", "Other", "Unknown"} {
		if strings.EqualFold(s, name) {
			return Plan(i), nil
		}
	}
	// Since DESE's own spellings are read ("4 Year Private College", "Other Post Secondary"),
	// any character that is not a letter or digit separates words, as a hyphen does.
	words := strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, s))
	for label, p := range refPlanLabels {
		if strings.Join(strings.Fields(strings.ReplaceAll(label, "-", " ")), " ") == strings.Join(words, " ") {
			return p, nil
		}
	}
	return 0, fmt.Errorf("%q is not a plan (FourYearPrivate, FourYearPublic, TwoYearPrivate, TwoYearPublic, OtherPostSecondary, Apprenticeship, Work, Military, Other, Unknown, or the report's labels)", s)
}

// refStrings are the reference's own names printed by the old String methods.
var refStrings = map[string][]string{
	"ELStatus":    {"EL", "FormerEL", "NonEL"},
	"Program":     {"", "SEI", "TBE", "DualLanguage", "Other"},
	"EndStatus":   {"Enrolled", "Graduated", "DroppedOut", "TransferredOut"},
	"Test":        {"ACCESS", "ALT"},
	"Progress":    {"", "Yes", "No"},
	"Risk":        {"Low", "Moderate", "High"},
	"Subject":     {"ELA", "Math", "Science"},
	"Achievement": {"Exceeding", "Meeting", "PartiallyMeeting", "NotMeeting"},
	"Outcome":     {"Graduated", "StillEnrolled", "NonGradCompleter", "HiSET", "DroppedOut", "PermanentlyExcluded"},
	"Plan":        {"FourYearPrivate", "FourYearPublic", "TwoYearPrivate", "TwoYearPublic", "OtherPostSecondary", "Apprenticeship", "Work", "Military", "Other", "Unknown"},
}

// variants returns s, its upper and lower case, and s with each letter in turn replaced by the
// runes that case-fold or case-map to it (the Kelvin sign, the long s, the dotless and dotted
// i), spaces doubled or made tabs, and every prefix.
func variants(s string) []string {
	out := []string{s, strings.ToUpper(s), strings.ToLower(s), " " + s, s + " ", s + "x"}
	swaps := map[byte][]string{
		'k': {"\u212a"}, 'K': {"\u212a"}, 's': {"\u017f"}, 'S': {"\u017f"},
		'i': {"\u0131", "\u0130"}, 'I': {"\u0131", "\u0130"}, ' ': {"  ", "\t", "\u00a0"}, '-': {"\u2010"},
	}
	for i := 0; i < len(s); i++ {
		for _, r := range swaps[s[i]] {
			out = append(out, s[:i]+r+s[i+1:], strings.ToUpper(s[:i])+r+strings.ToUpper(s[i+1:]))
		}
		out = append(out, s[:i])
	}
	return out
}

// TestEnumsMatchReference checks that each table parses as the old parser did: the same
// value or the same error for every spelling of every name and label and their variants, and
// that each value prints as before.
func TestEnumsMatchReference(t *testing.T) {
	var inputs []string
	for _, names := range refStrings {
		for _, name := range names {
			inputs = append(inputs, variants(name)...)
		}
	}
	for label := range refPlanLabels {
		inputs = append(inputs, variants(label)...)
	}
	inputs = append(inputs, "", " ", "\t", "\xff", "EL\xff", "Yes\x00", "ﬀ")
	allStrings("aclsxAELS \u212a\u017f", 3, func(s string) { inputs = append(inputs, s) })

	check := func(name string, got, want any, gotErr, wantErr error, s string) {
		t.Helper()
		if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("Parse%s(%q) = %v, %v; the old parser: %v, %v", name, s, got, gotErr, want, wantErr)
		}
	}
	for _, s := range inputs {
		{
			got, err := ParseELStatus(s)
			want, wantErr := refELStatus(s)
			check("ELStatus", got, want, err, wantErr, s)
		}
		{
			got, err := ParseProgram(s)
			want, wantErr := refProgram(s)
			check("Program", got, want, err, wantErr, s)
		}
		{
			got, err := ParseEndStatus(s)
			want, wantErr := refEndStatus(s)
			check("EndStatus", got, want, err, wantErr, s)
		}
		{
			got, err := ParseTest(s)
			want, wantErr := refTest(s)
			check("Test", got, want, err, wantErr, s)
		}
		{
			got, err := ParseProgress(s)
			want, wantErr := refProgress(s)
			check("Progress", got, want, err, wantErr, s)
		}
		{
			got, err := ParseRisk(s)
			want, wantErr := refRisk(s)
			check("Risk", got, want, err, wantErr, s)
		}
		{
			got, err := ParseSubject(s)
			want, wantErr := refSubject(s)
			check("Subject", got, want, err, wantErr, s)
		}
		{
			got, err := ParseAchievement(s)
			want, wantErr := refAchievement(s)
			check("Achievement", got, want, err, wantErr, s)
		}
		{
			got, err := ParseOutcome(s)
			want, wantErr := refOutcome(s)
			check("Outcome", got, want, err, wantErr, s)
		}
		{
			got, err := ParsePlan(s)
			want, wantErr := refPlan(s)
			check("Plan", got, want, err, wantErr, s)
		}
	}

	printed := map[string][]string{}
	for v := range 256 {
		if v < len(refStrings["Test"]) {
			printed["Test"] = append(printed["Test"], Test(v).String())
		} else if got := Test(v).String(); got != "ACCESS" { // as before, not a panic
			t.Errorf("Test(%d).String() = %q; want ACCESS", v, got)
		}
	}
	for v := range 16 {
		add := func(name string, n int, s func() string) {
			if v < n {
				printed[name] = append(printed[name], s())
			}
		}
		add("ELStatus", len(refStrings["ELStatus"]), ELStatus(v).String)
		add("Program", len(refStrings["Program"]), Program(v).String)
		add("EndStatus", len(refStrings["EndStatus"]), EndStatus(v).String)
		add("Progress", len(refStrings["Progress"]), Progress(v).String)
		add("Risk", len(refStrings["Risk"]), Risk(v).String)
		add("Subject", len(refStrings["Subject"]), Subject(v).String)
		add("Achievement", len(refStrings["Achievement"]), Achievement(v).String)
		add("Outcome", len(refStrings["Outcome"]), Outcome(v).String)
		add("Plan", len(refStrings["Plan"]), Plan(v).String)
	}
	for name, want := range refStrings {
		if fmt.Sprintf("%q", printed[name]) != fmt.Sprintf("%q", want) {
			t.Errorf("%s values print as %q; want %q", name, printed[name], want)
		}
	}
}

// Loose reads the spellings of a contract value that differ from it only in case, spaces and
// punctuation, and nothing else: not a value that is not one, not one that could be two, and
// not one with bytes or characters it must not drop.
func TestLoose(t *testing.T) {
	type check struct {
		s    string
		want string // the value's name; "" for no value
	}
	run := func(t *testing.T, name string, loose func(string) (string, bool), checks []check) {
		t.Helper()
		for _, c := range checks {
			got, ok := loose(c.s)
			if ok != (c.want != "") || (ok && got != c.want) {
				t.Errorf("%s: Loose(%q) = %q, %v; want %q", name, c.s, got, ok, c.want)
			}
		}
	}
	str := func(f func(string) (ELStatus, bool)) func(string) (string, bool) {
		return func(s string) (string, bool) {
			v, ok := f(s)
			if !ok {
				return "", false
			}
			return v.String(), true
		}
	}
	run(t, "ELStatus", str(Loose[ELStatus]), []check{
		{"Non-EL", "NonEL"}, {"non el", "NonEL"}, {"NON_EL", "NonEL"}, {"Former EL", "FormerEL"},
		{"former el", "FormerEL"}, {"FORMER_EL", "FormerEL"}, {"former-el.", "FormerEL"}, {"E.L.", "EL"},
		{"Non\u00a0EL", "NonEL"}, {"Non–EL", "NonEL"}, // a no-break space, an en dash
		{"", ""}, {"-", ""}, {"  ", ""}, {"Non-ELL", ""}, {"NotEL", ""}, {"EL+", ""}, {"E\x00L", ""},
		{"EL\xff", ""}, {"Ex-EL", ""}, {"Élève", ""}, {strings.Repeat("-", 70) + "EL", ""},
	})
	run(t, "Program", func(s string) (string, bool) { v, ok := Loose[Program](s); return v.String(), ok }, []check{
		{"Dual Language", "DualLanguage"}, {"dual-language", "DualLanguage"}, {"S.E.I.", "SEI"}, {"-", ""},
	})
	run(t, "Outcome", func(s string) (string, bool) { v, ok := Loose[Outcome](s); return v.String(), ok }, []check{
		{"Still Enrolled", "StillEnrolled"}, {"Non-Grad Completer", "NonGradCompleter"}, {"Hi SET", "HiSET"},
		{"Permanently_Excluded", "PermanentlyExcluded"}, {"Dropped Out", "DroppedOut"},
	})
	run(t, "Plan", func(s string) (string, bool) { v, ok := Loose[Plan](s); return v.String(), ok }, []check{
		{"Four Year Public", "FourYearPublic"}, {"4 year public", "FourYearPublic"}, {"4-year, public college", "FourYearPublic"},
		{"Other Post Secondary", "OtherPostSecondary"}, {"Gap Year", ""},
	})
	run(t, "Achievement", func(s string) (string, bool) { v, ok := Loose[Achievement](s); return v.String(), ok }, []check{
		{"Partially Meeting", "PartiallyMeeting"}, {"not meeting", "NotMeeting"}, {"Meeting Expectations", ""},
	})
	// Blank stays blank: loose never turns punctuation into a blank value (ACCESS, Enrolled).
	if v, ok := Loose[Test]("-"); ok {
		t.Errorf("Loose[Test](%q) = %v, true; want false", "-", v)
	}
	if v, ok := Loose[EndStatus]("."); ok {
		t.Errorf("Loose[EndStatus](%q) = %v, true; want false", ".", v)
	}
	// Types that are not enums read nothing.
	if _, ok := Loose[Grade]("K"); ok {
		t.Error("Loose[Grade] read a value")
	}
	if _, ok := Loose[string]("EL"); ok {
		t.Error("Loose[string] read a value")
	}
	if !IsEnum[ELStatus]() || !IsEnum[Plan]() || IsEnum[Grade]() || IsEnum[int]() {
		t.Error("IsEnum is wrong")
	}
}

// An ambiguous loose key is left out: "Red-Blue" cannot be both "RedBlue" and "Red Blue".
func TestLooseAmbiguous(t *testing.T) {
	e := &enum[color]{names: []string{"RedBlue", "Green"}, aliases: map[string]color{"red blue": 1, "grn": 1}, reason: "is not a color"}
	if v, ok := e.loose("Red-Blue"); ok {
		t.Errorf("loose(%q) = %v, true; want false (two values share its key)", "Red-Blue", v)
	}
	if v, ok := e.loose("G.R.N."); !ok || v != 1 {
		t.Errorf("loose(%q) = %v, %v; want 1, true", "G.R.N.", v, ok)
	}
	// No table of the contract has such a key: every name and alias reads loosely as itself.
	checkLoose(t, &elStatusEnum)
	checkLoose(t, &programEnum)
	checkLoose(t, &endStatusEnum)
	checkLoose(t, &testEnum)
	checkLoose(t, &progressEnum)
	checkLoose(t, &riskEnum)
	checkLoose(t, &subjectEnum)
	checkLoose(t, &achievementEnum)
	checkLoose(t, &outcomeEnum)
	checkLoose(t, &planEnum)
}

func checkLoose[T ~uint8](t *testing.T, e *enum[T]) {
	t.Helper()
	for i, name := range e.names {
		if name == "" {
			continue
		}
		if v, ok := e.loose(" " + strings.ToUpper(name) + "."); !ok || v != T(i) {
			t.Errorf("loose(%q) = %v, %v; want %v", name, v, ok, T(i))
		}
	}
	for s, want := range e.aliases {
		if s == "" {
			continue
		}
		if v, ok := e.loose(s); !ok || v != want {
			t.Errorf("loose(%q) = %v, %v; want %v", s, v, ok, want)
		}
	}
}

func BenchmarkLoose(b *testing.B) {
	inputs := []string{"Non-EL", "Former EL", "FORMER_EL", "unknown value"}
	for i := 0; b.Loop(); i++ {
		Loose[ELStatus](inputs[i%len(inputs)])
	}
}
