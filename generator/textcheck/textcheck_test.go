package textcheck

import (
	"reflect"
	"testing"
)

func TestSource(t *testing.T) {
	for _, tc := range []struct {
		src   string
		want  []Problem
		total int
	}{
		{"\uFEFFtitle = \"ok\"\r\n\tindented\n", nil, 0},
		// Line 2, column 5: the NUL; line 3 after a lone CR, column 1: a byte that is not UTF-8.
		{"one\ntwo \x00\rthree\xff", []Problem{
			{2, 5, "byte 0x00 (a control character); remove it"},
			{3, 6, "invalid UTF-8 (byte 0xFF); save the file as UTF-8"},
		}, 2},
		{"\u0085", []Problem{{1, 1, "character U+0085 (a control character); remove it"}}, 1},
	} {
		got, total := Source([]byte(tc.src), 20)
		if !reflect.DeepEqual(got, tc.want) || total != tc.total {
			t.Errorf("Source(%q) = %v, %d; want %v, %d", tc.src, got, total, tc.want, tc.total)
		}
	}
	if got, total := Source([]byte("\x01\x02\x03"), 2); len(got) != 2 || total != 3 {
		t.Errorf("bounded: got %d problems of %d, want 2 of 3", len(got), total)
	}
}

func TestText(t *testing.T) {
	if got := Text("tab\tand\nlines"); got != "" {
		t.Errorf("Text: got %q, want none", got)
	}
	if got, want := Text("ab\x00"), "the text has byte 0x00 (a control character) at character 3; remove it"; got != want {
		t.Errorf("Text: got %q, want %q", got, want)
	}
}

func TestSwapDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"nav.home", "nav.home", 0},
		{"nav.hoem", "nav.home", 1}, {"nav.hme", "nav.home", 1}, {"nav.hone", "nav.home", 1},
		{"ca", "abc", 3}, {"kitten", "sitting", 3},
	} {
		if got := SwapDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("SwapDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDistance checks that Distance counts a swap of neighbours as two edits, as it did before
// SwapDistance shared its table.
func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "abc", 3}, {"nav.hoem", "nav.home", 2}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
