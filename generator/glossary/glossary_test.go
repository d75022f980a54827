package glossary

import (
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
)

const sample = `# A small English glossary.
[[term]]
id = "english-learner"
term = "English learners"
variants = ["English learner"]
definition = "Students learning English."

[[term]]
id = "former-english-learner"
term = "Former English learners"
definition = "Students who were English learners."

[[term]]
id = "access"
term = "ACCESS for ELLs"
variants = ["ACCESS"]
definition = "The yearly English test."

[[term]]
id = "gap"
term = "Gap"
variants = ["gaps"]
definition = "A difference in percentage points."
avoid = ["disparity"]
`

func mustParse(t testing.TB, src string) *Glossary {
	t.Helper()
	g, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestParse(t *testing.T) {
	g := mustParse(t, sample)
	if len(g.Terms) != 4 {
		t.Fatalf("got %d terms, want 4", len(g.Terms))
	}
	gap := g.Term("gap")
	if gap == nil || gap.Line != 19 || gap.Anchor() != "term-gap" || len(gap.Avoid) != 1 {
		t.Errorf("term gap = %+v, want line 19, anchor term-gap and one avoided spelling", gap)
	}
	if g.Term("nothing") != nil {
		t.Error(`Term("nothing") is not nil`)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "[[term]\nid = 1", "test.toml:2: "},
		{"empty", "# nothing\n", "test.toml:1: no terms"},
		{"unknown key", "[[term]]\nid = \"a\"\nterm = \"ab\"\ndefinition = \"d\"\navoide = [\"x\"]\n",
			`test.toml:5: unknown key "term.avoide" in a [[term]]`},
		{"unknown top key", "title = \"x\"\n[[term]]\nid = \"a\"\nterm = \"ab\"\ndefinition = \"d\"\n",
			`test.toml:1: unknown key "title"`},
		{"bad id", "[[term]]\nid = \"Making Progress\"\nterm = \"ab\"\ndefinition = \"d\"\n",
			`test.toml:1: id "Making Progress": use lowercase letters`},
		{"no id", "[[term]]\nterm = \"ab\"\ndefinition = \"d\"\n", "test.toml:1: a term has no id"},
		{"twice", "[[term]]\nid = \"a\"\nterm = \"ab\"\ndefinition = \"d\"\n[[term]]\nid = \"a\"\nterm = \"cd\"\ndefinition = \"d\"\n",
			`test.toml:5: id "a" is also the id of the term at line 1`},
		{"no term", "[[term]]\nid = \"a\"\ndefinition = \"d\"\n", `test.toml:1: term "a" has no term`},
		{"no definition", "[[term]]\nid = \"a\"\nterm = \"ab\"\n", `test.toml:1: term "a" has no definition`},
		{"short", "[[term]]\nid = \"a\"\nterm = \"a\"\ndefinition = \"d\"\n", `"a" is too short`},
		{"shared form", "[[term]]\nid = \"a\"\nterm = \"Gap\"\ndefinition = \"d\"\n[[term]]\nid = \"b\"\nterm = \"gaps\"\nvariants = [\"gap\"]\ndefinition = \"d\"\n",
			`test.toml:5: term "b": "gap" is also a form of term "a" (line 1)`},
		{"avoid own", "[[term]]\nid = \"p\"\nterm = \"profisienti\"\ndefinition = \"d\"\navoid = [\"Profisi\"]\n",
			`the avoided spelling "Profisi" is part of the term's own "profisienti"`},
		{"control", "[[term]]\nid = \"a\"\nterm = \"a\\u0000b\"\ndefinition = \"d\"\n", "a control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLink(t *testing.T) {
	g := mustParse(t, sample)
	const href = "../glossary.html"
	a := func(id, text string) string {
		return `<a class="term" href="../glossary.html#term-` + id + `">` + text + `</a>`
	}
	tests := []struct {
		name  string
		texts []string
		want  []string
	}{
		{"first use only", []string{"English learners take ACCESS. English learners take ACCESS."},
			[]string{a("english-learner", "English learners") + " take " + a("access", "ACCESS") + ". English learners take ACCESS."}},
		{"once per page, across texts", []string{"The gap.", "The gap again, and English learners."},
			[]string{"The " + a("gap", "gap") + ".", "The gap again, and " + a("english-learner", "English learners") + "."}},
		{"capital first letter", []string{"Gaps wider than 10 points."}, []string{a("gap", "Gaps") + " wider than 10 points."}},
		{"case of other letters counts", []string{"Families can access the report."}, []string{"Families can access the report."}},
		{"longest wins", []string{"former English learners and English learners"},
			[]string{a("former-english-learner", "former English learners") + " and " + a("english-learner", "English learners")}},
		{"a linked term still covers its words", []string{"Former English learners.", "Former English learners and English learners."},
			[]string{a("former-english-learner", "Former English learners") + ".", "Former English learners and " + a("english-learner", "English learners") + "."}},
		{"longer variant", []string{"the ACCESS for ELLs test"}, []string{"the " + a("access", "ACCESS for ELLs") + " test"}},
		{"whole words", []string{"gapless, ungap, English learnerss"}, []string{"gapless, ungap, English learnerss"}},
		{"escaped", []string{`<b>"gap"</b> & co`}, []string{`&lt;b&gt;&#34;` + a("gap", "gap") + `&#34;&lt;/b&gt; &amp; co`}},
		{"empty", []string{""}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := g.Linker(href)
			for i, text := range tt.texts {
				if got := string(l.Link(text)); got != tt.want[i] {
					t.Errorf("Link(%q)\n got %s\nwant %s", text, got, tt.want[i])
				}
			}
		})
	}
}

func TestLinkScripts(t *testing.T) {
	zh := mustParse(t, "[[term]]\nid = \"gap\"\nterm = \"差距\"\ndefinition = \"d\"\n")
	if got, want := string(zh.Linker("g.html").Link("最大的差距是")), `最大的<a class="term" href="g.html#term-gap">差距</a>是`; got != want {
		t.Errorf("Chinese: got %s, want %s", got, want)
	}
	ar := mustParse(t, "prefixes = [\"و\", \"ب\"]\n[[term]]\nid = \"gap\"\nterm = \"الفجوة\"\ndefinition = \"d\"\n")
	if got, want := string(ar.Linker("g.html").Link("الفرق والفجوة")), `الفرق و<a class="term" href="g.html#term-gap">الفجوة</a>`; got != want {
		t.Errorf("Arabic with a prefix: got %s, want %s", got, want)
	}
	if got, want := string(ar.Linker("g.html").Link("كالفجوة")), "كالفجوة"; got != want {
		t.Errorf("Arabic with a letter that is not a prefix: got %s, want %s", got, want)
	}
	var nilGlossary *Glossary
	if got := string(nilGlossary.Linker("g.html").Link("a < b")); got != "a &lt; b" {
		t.Errorf("nil Linker: got %s, want the text escaped", got)
	}
}

func TestAvoided(t *testing.T) {
	g := mustParse(t, "[[term]]\nid = \"proficient\"\nterm = \"profisienti\"\nvariants = [\"profisiénsia\"]\ndefinition = \"d\"\navoid = [\"proficienti\", \"proficiénsia\"]\n")
	got := g.Avoided("É profisienti; Proficienti, proficiénsias.")
	if len(got) != 2 {
		t.Fatalf("got %d avoided spellings (%+v), want 2", len(got), got)
	}
	if got[0].Term.ID != "proficient" || got[0].Spelling != "proficienti" || got[0].Text != "Proficienti" || got[0].Column != 16 {
		t.Errorf("first = %+v, want proficient/proficienti, text Proficienti, column 16", got[0])
	}
	if got[1].Spelling != "proficiénsia" || got[1].Column != 29 {
		t.Errorf("second = %+v, want proficiénsia at column 29", got[1])
	}
	if got := g.Avoided("profisienti i profisiénsia"); len(got) != 0 {
		t.Errorf("the term's own spellings: got %+v, want none", got)
	}
}

// tags matches the links Link adds.
var tags = regexp.MustCompile(`<a class="term" href="[^"]*">|</a>`)

// FuzzLink links arbitrary text: without its links, the HTML must be the text escaped, and no
// term may be linked twice.
func FuzzLink(f *testing.F) {
	for _, s := range []string{"", "English learners take ACCESS", "gap gaps Gap <a>", "former English learners English learner", "\xff gap"} {
		f.Add(s, "gap and ACCESS")
	}
	g := mustParse(f, sample)
	f.Fuzz(func(t *testing.T, a, b string) {
		l := g.Linker("x.html")
		out := string(l.Link(a)) + string(l.Link(b))
		if got, want := html.UnescapeString(tags.ReplaceAllString(out, "")), html.UnescapeString(escaped(a)+escaped(b)); got != want {
			t.Errorf("text changed: got %q, want %q", got, want)
		}
		for _, term := range g.Terms {
			if n := strings.Count(out, "#"+term.Anchor()+`"`); n > 1 {
				t.Errorf("term %s linked %d times in %q", term.ID, n, out)
			}
		}
	})
}

// escaped is s escaped, as Link writes a text without terms.
func escaped(s string) string { return string((*Linker)(nil).Link(s)) }

// BenchmarkLink links the texts of a page of about 20 sentences with the shipped English
// glossary (16 terms, 26 forms).
func BenchmarkLink(b *testing.B) {
	src, err := os.ReadFile("../../content/glossary/en.toml")
	if err != nil {
		b.Fatal(err)
	}
	g := mustParse(b, string(src))
	texts := []string{
		"How English learners are doing, school year ending 2024.",
		"43.2% of English learners made progress toward English proficiency in 2024, 1.2 percentage points more than in 2023.",
		"The widest gap is in Four-year graduation rate: 15.1 percentage points between English learners and students who were never English learners.",
	}
	for b.Loop() {
		l := g.Linker("../glossary.html")
		for range 7 {
			for _, s := range texts {
				l.Link(s)
			}
		}
	}
}
