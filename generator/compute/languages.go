package compute

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// languageTally counts EL students by home language and year. A value as written is
// normalised once, the first time it is seen; later rows with the same value only look it up.
type languageTally struct {
	ids    map[string]int32 // home_language as written -> language id
	byName map[string]int32 // normalised name -> language id
	langs  []LanguageCount  // by id; ELStudents unused
	counts map[languageYear]int
}

type languageYear struct {
	lang int32
	year int32
}

func newLanguageTally() languageTally {
	return languageTally{
		ids:    make(map[string]int32),
		byName: make(map[string]int32),
		counts: make(map[languageYear]int),
	}
}

func (t *languageTally) add(year int, written string) {
	id, ok := t.ids[written]
	if !ok {
		name, code := normalizeLanguage(written)
		id, ok = t.byName[name]
		if !ok {
			id = int32(len(t.langs))
			t.byName[name] = id
			t.langs = append(t.langs, LanguageCount{Language: name, Code: code})
		}
		t.ids[written] = id
	}
	t.counts[languageYear{lang: id, year: int32(year)}]++
}

// year returns the counts of a year, most students first, then by name.
func (t *languageTally) year(year int) []LanguageCount {
	var out []LanguageCount
	for id, l := range t.langs {
		if n := t.counts[languageYear{lang: int32(id), year: int32(year)}]; n > 0 {
			l.ELStudents = n
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b LanguageCount) int {
		if c := cmp.Compare(b.ELStudents, a.ELStudents); c != 0 {
			return c
		}
		return strings.Compare(a.Language, b.Language)
	})
	return out
}

// UnknownLanguage is the name under which EL students with a blank home_language are counted.
const UnknownLanguage = "Unknown"

// language is a home language that students.csv may give by name or by ISO 639 code.
type language struct {
	name  string
	code  string   // ISO 639-1 where there is one, else ISO 639-3
	other []string // other codes (ISO 639-2/3) and names that mean the same language
}

// knownLanguages are the home languages most common in Massachusetts schools (and a few more).
// It is read-only.
var knownLanguages = []language{
	{"Albanian", "sq", []string{"sqi", "alb"}},
	{"Amharic", "am", []string{"amh"}},
	{"Arabic", "ar", []string{"ara"}},
	{"Bengali", "bn", []string{"ben", "bangla"}},
	{"Burmese", "my", []string{"mya", "bur"}},
	{"Cape Verdean Creole", "kea", []string{"cape verdean", "kabuverdianu", "cape verdean crioulo"}},
	{"Chinese", "zh", []string{"zho", "chi"}},
	{"Dari", "prs", nil},
	{"English", "en", []string{"eng"}},
	{"French", "fr", []string{"fra", "fre"}},
	{"German", "de", []string{"deu", "ger"}},
	{"Greek", "el", []string{"ell", "gre"}},
	{"Gujarati", "gu", []string{"guj"}},
	{"Haitian Creole", "ht", []string{"hat", "haitian", "kreyol", "kreyòl", "haitian kreyol", "haitian kreyòl"}},
	{"Hindi", "hi", []string{"hin"}},
	{"Hmong", "hmn", nil},
	{"Italian", "it", []string{"ita"}},
	{"Japanese", "ja", []string{"jpn"}},
	{"Khmer", "km", []string{"khm", "cambodian"}},
	{"Kinyarwanda", "rw", []string{"kin"}},
	{"Korean", "ko", []string{"kor"}},
	{"Lao", "lo", []string{"lao"}},
	{"Nepali", "ne", []string{"nep"}},
	{"Pashto", "ps", []string{"pus"}},
	{"Persian", "fa", []string{"fas", "per", "farsi"}},
	{"Polish", "pl", []string{"pol"}},
	{"Portuguese", "pt", []string{"por"}},
	{"Russian", "ru", []string{"rus"}},
	{"Somali", "so", []string{"som"}},
	{"Spanish", "es", []string{"spa", "español", "espanol"}},
	{"Swahili", "sw", []string{"swa"}},
	{"Tagalog", "tl", []string{"tgl"}},
	{"Tamil", "ta", []string{"tam"}},
	{"Telugu", "te", []string{"tel"}},
	{"Thai", "th", []string{"tha"}},
	{"Tigrinya", "ti", []string{"tir"}},
	{"Turkish", "tr", []string{"tur"}},
	{"Twi", "tw", []string{"twi"}},
	{"Ukrainian", "uk", []string{"ukr"}},
	{"Urdu", "ur", []string{"urd"}},
	{"Vietnamese", "vi", []string{"vie"}},
	{"Yoruba", "yo", []string{"yor"}},
}

// normalizeLanguage turns a home_language value into a language name and, where the language
// is known, its ISO 639 code. Spaces are trimmed and collapsed and case is ignored; a known
// ISO 639 code or name (see knownLanguages) becomes the language's English name; any other
// value is kept in lower case with each word capitalised ("DINKA" and "dinka" are one
// language, "Dinka"). A blank value is UnknownLanguage.
func normalizeLanguage(written string) (name, code string) {
	s := strings.Join(strings.Fields(written), " ")
	if s == "" {
		return UnknownLanguage, ""
	}
	lower := strings.ToLower(s)
	for _, l := range knownLanguages {
		if lower == l.code || lower == strings.ToLower(l.name) || slices.Contains(l.other, lower) {
			return l.name, l.code
		}
	}
	return titleCase(lower), ""
}

// titleCase capitalises the first letter of every space-separated word of s.
func titleCase(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// PublishLanguages decides which home-language counts a public page hides (Result calls it
// with Options.MinN to fill PublishedLanguages). A count below minN
// is hidden. The counts add up to a total a reader can know (the district's ELs), so the
// hidden ones together must not describe fewer than minN students either: while they do, the
// smallest shown count is hidden too (so one hidden count never stands alone). It returns the
// counts in the order to show them: shown ones most students first (as given), then the
// hidden ones by name, so that their order does not rank the counts they hide; a hidden
// count's ELStudents is zero.
func PublishLanguages(counts []LanguageCount, minN int) []LanguageCount {
	out := slices.Clone(counts)
	hiddenSum, hidden := 0, 0
	for i := range out {
		if out[i].ELStudents < minN {
			out[i].Suppressed = true
			hiddenSum += out[i].ELStudents
			hidden++
		}
	}
	for hidden > 0 && hiddenSum < minN && hidden < len(out) {
		smallest := -1
		for i, lc := range out {
			if !lc.Suppressed && (smallest < 0 || lc.ELStudents < out[smallest].ELStudents ||
				lc.ELStudents == out[smallest].ELStudents && lc.Language < out[smallest].Language) {
				smallest = i
			}
		}
		out[smallest].Suppressed = true
		hiddenSum += out[smallest].ELStudents
		hidden++
	}
	slices.SortStableFunc(out, func(a, b LanguageCount) int {
		switch {
		case a.Suppressed && b.Suppressed:
			return strings.Compare(a.Language, b.Language)
		case a.Suppressed != b.Suppressed:
			if a.Suppressed {
				return 1
			}
			return -1
		}
		return 0
	})
	for i := range out {
		if out[i].Suppressed {
			out[i].ELStudents = 0
		}
	}
	return out
}
