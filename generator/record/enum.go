package record

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// enum is the table of an enumerated type T: the name of each value and any other spellings
// its parser accepts. Each enum of the package is declared as one, and its Parse function and
// String method are the table's.
type enum[T ~uint8] struct {
	// names holds the ASCII name of each value, indexed by value: what String prints, and
	// what Lookup accepts in any case (as strings.EqualFold compares). A blank name accepts
	// blank.
	names []string
	// aliases maps other accepted spellings to their values. Lookup tries them after the
	// names, keyed by key(s), or by s itself when key is nil.
	aliases map[string]T
	key     func(string) string
	// reason is what a parse error says after the quoted value.
	reason string
	// looseKeys is the table of loose, built at its first use.
	looseKeys looseTable[T]
}

// Lookup returns the value s names, and whether there is one.
func (e *enum[T]) Lookup(s string) (T, bool) {
	// The names are ASCII, so an ASCII s matches a name only if it has its length and the same
	// bytes but for the case of letters. The rest of the ways to match are in lookupRest.
	for i, name := range e.names {
		if len(name) == len(s) && equalFoldASCII(s, name) {
			return T(i), true
		}
	}
	return e.lookupRest(s)
}

// lookupRest is Lookup for an s that matches no name byte by byte: an s that is not ASCII can
// still match a name as strings.EqualFold matches (U+212A, the Kelvin sign, folds to k, and
// U+017F, the long s, to s), and any s can be an alias.
func (e *enum[T]) lookupRest(s string) (T, bool) {
	if !isASCII(s) {
		for i, name := range e.names {
			if strings.EqualFold(s, name) {
				return T(i), true
			}
		}
	}
	if e.aliases != nil {
		k := s
		if e.key != nil {
			k = e.key(s)
		}
		if v, ok := e.aliases[k]; ok {
			return v, true
		}
	}
	return 0, false
}

// Parse returns the value s names, or the zero value and an error that begins with s quoted.
func (e *enum[T]) Parse(s string) (T, error) {
	v, ok := e.Lookup(s)
	if !ok {
		return 0, e.error(s)
	}
	return v, nil
}

func (e *enum[T]) error(s string) error { return fmt.Errorf("%q %s", s, e.reason) }

// String returns the name of v. Like indexing an array, it panics for a value with no name.
func (e *enum[T]) String(v T) string { return e.names[v] }

// equalFoldASCII reports whether s and t, of the same length, are equal ignoring the case of
// ASCII letters. It is strings.EqualFold when t is ASCII, except that it reports false for an
// s that is not.
func equalFoldASCII(s, t string) bool {
	for i := 0; i < len(s); i++ {
		c, d := s[i], t[i]
		if c == d {
			continue
		}
		if c|0x20 != d|0x20 || c|0x20 < 'a' || c|0x20 > 'z' {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// looseKey returns s as the loose comparison of values and headers sees it: its letters and
// digits, letters in lower case, without the spaces and punctuation between them ("Non-EL",
// "non el" and "NON_EL" are all "nonel"). ok is false when s has anything else (a control
// character, a symbol such as "+", bytes that are not UTF-8), which loose comparison never
// drops.
func looseKey(s string) (key string, ok bool) {
	var buf [64]byte
	b, ok := appendLooseKey(buf[:0], s)
	return string(b), ok
}

// appendLooseKey appends the loose key of s to dst (see looseKey).
func appendLooseKey(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == ' ' || c == '\t' || unicode.IsPunct(rune(c)):
			default:
				return dst, false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			return dst, false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		case unicode.IsSpace(r) || unicode.IsPunct(r):
		default:
			return dst, false
		}
	}
	return dst, true
}

// looseTable maps the loose keys of an enum's names and aliases to their values. A key two
// different values share is left out: it could be either.
type looseTable[T ~uint8] struct {
	once sync.Once
	keys map[string]T
}

func (t *looseTable[T]) build(e *enum[T]) {
	t.keys = make(map[string]T)
	ambiguous := map[string]bool{}
	add := func(s string, v T) {
		k, ok := looseKey(s)
		if !ok || k == "" {
			return
		}
		if w, seen := t.keys[k]; seen && w != v {
			ambiguous[k] = true
		}
		t.keys[k] = v
	}
	for i, name := range e.names {
		add(name, T(i))
	}
	for s, v := range e.aliases {
		add(s, v)
	}
	for k := range ambiguous {
		delete(t.keys, k)
	}
}

// loose returns the value s names but for case, spaces and punctuation, if exactly one does.
// It is the parsers' fallback when Lookup finds nothing, so it may be slower.
func (e *enum[T]) loose(s string) (T, bool) {
	e.looseKeys.once.Do(func() { e.looseKeys.build(e) })
	if len(s) > 64 {
		return 0, false // longer than any name, with room for spaces
	}
	var buf [64]byte
	k, ok := appendLooseKey(buf[:0], s)
	if !ok || len(k) == 0 {
		return 0, false
	}
	v, ok := e.looseKeys.keys[string(k)]
	return v, ok
}

// Loose reads s as a value of the enumerated type T (ELStatus, Program, EndStatus, Test,
// Progress, Risk, Subject, Achievement, Outcome or Plan) when it names one but for case,
// spaces and punctuation: "Non-EL", "former el" and "FORMER_EL" are NonEL and FormerEL,
// "Dual Language" is DualLanguage. ok is false for any other type, and for an s that names no
// value this way or could name two. The Parse functions do not accept these spellings
// themselves; a loader calls Loose when Parse fails, so that the usual value costs nothing
// more and the loader can tell which values it read loosely.
func Loose[T any](s string) (v T, ok bool) {
	switch p := any(&v).(type) {
	case *ELStatus:
		*p, ok = elStatusEnum.loose(s)
	case *Program:
		*p, ok = programEnum.loose(s)
	case *EndStatus:
		*p, ok = endStatusEnum.loose(s)
	case *Test:
		*p, ok = testEnum.loose(s)
	case *Progress:
		*p, ok = progressEnum.loose(s)
	case *Risk:
		*p, ok = riskEnum.loose(s)
	case *Subject:
		*p, ok = subjectEnum.loose(s)
	case *Achievement:
		*p, ok = achievementEnum.loose(s)
	case *Outcome:
		*p, ok = outcomeEnum.loose(s)
	case *Plan:
		*p, ok = planEnum.loose(s)
	case *AltLevel:
		*p, ok = altLevelEnum.loose(s)
	case *TestStatus:
		*p, ok = testStatusEnum.loose(s)
	}
	return v, ok
}

// IsEnum reports whether T is one of the enumerated types Loose reads.
func IsEnum[T any]() bool {
	var v T
	switch any(v).(type) {
	case ELStatus, Program, EndStatus, Test, Progress, Risk, Subject, Achievement, Outcome, Plan, AltLevel, TestStatus:
		return true
	}
	return false
}
