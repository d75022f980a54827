package record

import (
	"fmt"
	"strings"
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
