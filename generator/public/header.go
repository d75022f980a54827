package public

import (
	"strings"
)

// header is a file's header row, indexed by normalised name (normName).
type header struct {
	names []string         // as in the file, trimmed
	index map[string][]int // normName -> columns, in file order (DESE repeats some names)
	// code and name are the columns of the organisation's code and name (name -1 when the
	// file has none); level is "district" or "school", or "" when the header has no code column.
	code, name int
	level      string
}

func newHeader(rec []string) *header {
	h := &header{index: map[string][]int{}, code: -1, name: -1}
	for i, raw := range rec {
		n := strings.TrimSpace(raw)
		h.names = append(h.names, n)
		k := normName(n)
		h.index[k] = append(h.index[k], i)
	}
	// A school-level export may name the district too: the school's code is the row's.
	for _, lv := range []struct {
		level, code string
		names       []string
	}{
		{LevelSchool, "School Code", []string{"School Name", "School"}},
		{LevelDistrict, "District Code", []string{"District Name", "District"}},
	} {
		if c, ok := h.col(lv.code); ok {
			h.code, h.level = c, lv.level
			for _, n := range lv.names {
				if c, ok := h.col(n); ok {
					h.name = c
					break
				}
			}
			break
		}
	}
	return h
}

// cols returns the columns of a name (matched by normName), in file order.
func (h *header) cols(name string) []int { return h.index[normName(name)] }

// has says whether the header has a column of a name.
func (h *header) has(name string) bool { return len(h.cols(name)) > 0 }

// col returns the first column of a name.
func (h *header) col(name string) (int, bool) {
	if cs := h.cols(name); len(cs) > 0 {
		return cs[0], true
	}
	return -1, false
}

// suffixed returns the first column whose name ends with suffix (matched by normName), and what
// comes before the suffix ("Low Income" of "Low Income Attending Coll./Univ. (%)").
func (h *header) suffixed(suffix string) (col int, prefix string, ok bool) {
	suffix = normName(suffix)
	for i, n := range h.names {
		if k := normName(n); strings.HasSuffix(k, suffix) {
			// The prefix is of the normalised name, whose letters are lower case: take the
			// file's own by counting words.
			words := strings.Fields(k[:len(k)-len(suffix)])
			return i, strings.Join(strings.Fields(n)[:len(words)], " "), true
		}
	}
	return -1, "", false
}

// text is the header as the file has it, shortened for a message.
func (h *header) text() string { return shorten2(strings.Join(h.names, ","), maxShownHeader) }

// shorten2 cuts s to at most n characters, marking the cut.
func shorten2(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
