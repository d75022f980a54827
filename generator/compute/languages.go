package compute

import (
	"cmp"
	"slices"
	"strings"

	"elreport/generator/homelang"
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

// HomeLanguages returns the EL students of a year by home language, most first, then by
// name, as Result.HomeLanguages does for the latest published year.
func (a *Aggregator) HomeLanguages(year int) []LanguageCount { return a.languages.year(year) }

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

// UnknownLanguage is the name under which EL students with a blank home_language (or one such
// as "NA") are counted; OtherLanguage the name of every value that names no language elreport
// recognises (see package homelang), so that free text typed into the column never reaches a
// page.
const (
	UnknownLanguage = homelang.Unknown
	OtherLanguage   = homelang.Other
)

// normalizeLanguage turns a home_language value into the language name and ISO 639 code the
// site may publish (see package homelang): a recognised language's English name and code,
// UnknownLanguage for a blank, or OtherLanguage, without a code, for anything else.
func normalizeLanguage(written string) (name, code string) {
	if homelang.Blank(written) {
		return UnknownLanguage, ""
	}
	if l, ok := homelang.Recognize(written); ok {
		return l.Name, l.Code
	}
	return OtherLanguage, ""
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
