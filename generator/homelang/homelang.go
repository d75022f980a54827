// Package homelang recognises the home languages of students.csv. A value is recognised when
// it is an ISO 639 code or BCP 47 tag of a named language ("es", "spa", "pt-BR"), the
// language's English name ("Spanish"), its name in itself ("español"), or one of a few names
// Massachusetts districts use ("Cape Verdean", "Farsi", "Cambodian"). Recognised values are
// published only as the English name this package gives (never as written), so no free text
// typed into the column can reach a public page; anything else is Other.
package homelang

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Language is a recognised home language.
type Language struct {
	// Name is the language's English name, as the site publishes it.
	Name string
	// Code is its ISO 639 code: 639-1 where there is one, else 639-3.
	Code string
}

// Other is the name under which unrecognised values are counted; Unknown is the name of a
// blank value.
const (
	Other   = "Other"
	Unknown = "Unknown"
)

// commonLanguage is a language with the names districts write for it.
type commonLanguage struct {
	name, code string
	other      []string
}

// common are the home languages most common in Massachusetts schools, with the names and codes
// districts write for them. Their names win over the CLDR names (CLDR says "Kabuverdianu";
// families and DESE say "Cape Verdean Creole"), and some (Dari) have no CLDR name at all.
var common = []commonLanguage{
	{"Albanian", "sq", nil},
	{"Bengali", "bn", []string{"bangla"}},
	{"Cape Verdean Creole", "kea", []string{"cape verdean", "kabuverdianu", "cape verdean crioulo", "crioulo"}},
	{"Chinese", "zh", []string{"mandarin", "cantonese"}},
	{"Dari", "prs", nil},
	{"Haitian Creole", "ht", []string{"haitian", "kreyol", "kreyòl", "haitian kreyol", "haitian kreyòl", "kreyòl ayisyen"}},
	{"Hmong", "hmn", nil},
	{"Khmer", "km", []string{"cambodian"}},
	{"Persian", "fa", []string{"farsi"}},
	{"Spanish", "es", []string{"español", "espanol"}},
	{"Tagalog", "tl", []string{"filipino"}},
}

// index maps a lower-case code, name or other name to its language. It is built once, on
// first use (about 10 ms: every two- and three-letter code is tried).
var index = sync.OnceValue(func() map[string]Language {
	idx := make(map[string]Language)
	add := func(key string, l Language) {
		key = strings.ToLower(key)
		if _, ok := idx[key]; !ok && key != "" {
			idx[key] = l
		}
	}
	for _, c := range common {
		l := Language{c.name, c.code}
		add(c.code, l)
		add(c.name, l)
		for _, o := range c.other {
			add(o, l)
		}
	}
	letters := "abcdefghijklmnopqrstuvwxyz"
	var codes []string
	for _, a := range letters {
		for _, b := range letters {
			codes = append(codes, string(a)+string(b))
			for _, c := range letters {
				codes = append(codes, string(a)+string(b)+string(c))
			}
		}
	}
	for _, s := range codes {
		base, err := language.ParseBase(s)
		if err != nil {
			continue
		}
		l, ok := named(base)
		if !ok {
			continue
		}
		if first, ok := idx[strings.ToLower(l.Name)]; ok {
			l = first // one language per name: "arb" (Standard Arabic) is Arabic, "ar"
		}
		add(s, l)
		add(l.Name, l)
		add(display.Self.Name(language.Make(l.Code)), l)
	}
	return idx
})

// named returns the language of a base code: a common one's name, else the CLDR English name;
// false when CLDR names no such language.
func named(base language.Base) (Language, bool) {
	code := base.String()
	if i := slices.IndexFunc(common, func(c commonLanguage) bool { return c.code == code }); i >= 0 {
		return Language{common[i].name, code}, true
	}
	name := display.English.Languages().Name(language.Make(code))
	if name == "" || name == "Unknown language" {
		return Language{}, false
	}
	return Language{name, code}, true
}

// missing are the values exports write for "not known"; they count as Unknown, like a blank
// (without this, "NA" would be Nauru).
var missing = []string{"na", "n/a", "none", "unknown", "null", "not available", "not reported", "?", "-"}

// Blank reports whether a home_language value says the language is not known: empty, or a
// word such as "NA" or "Unknown".
func Blank(written string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(written), " "))
	return s == "" || slices.Contains(missing, s)
}

// Recognize returns the language a home_language value names, with spaces trimmed and
// collapsed and case ignored, and false when it names none (see Blank for values that say the
// language is not known; they name none).
func Recognize(written string) (Language, bool) {
	s := strings.ToLower(strings.Join(strings.Fields(written), " "))
	if s == "" || slices.Contains(missing, s) {
		return Language{}, false
	}
	if l, ok := index()[s]; ok {
		return l, true
	}
	// A tag with a region or script ("pt-BR", "zh_Hans"): its base language.
	if tag, err := language.Parse(strings.ReplaceAll(s, "_", "-")); err == nil && strings.ContainsAny(s, "-_") {
		if base, conf := tag.Base(); conf != language.No {
			if l, ok := index()[base.String()]; ok {
				return l, true
			}
		}
	}
	return Language{}, false
}
