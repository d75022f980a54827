package metric

import "testing"

// TestRanks checks Ranks against Rank and the categories' Rank, for every metric of the
// catalogue with each of its categories, one it lacks and none, and for an unknown id.
func TestRanks(t *testing.T) {
	for _, m := range Catalogue() {
		cats := []string{"", "no such category"}
		if m.Categories != nil {
			cats = append(cats, m.Categories.Values...)
		}
		for _, c := range cats {
			wantCat, _ := m.ID.Info().Categories.Rank(c)
			if r, cr := Ranks(m.ID, c); r != Rank(m.ID) || cr != wantCat {
				t.Errorf("Ranks(%s, %q) = %d, %d; want %d, %d", m.ID, c, r, cr, Rank(m.ID), wantCat)
			}
		}
	}
	if r, cr := Ranks("no_such_metric", "x"); r != len(Catalogue()) || cr != 0 {
		t.Errorf("an unknown metric: %d, %d; want %d, 0", r, cr, len(Catalogue()))
	}
}

// TestIDTopic checks ID.Topic against Info for every metric, and an unknown id.
func TestIDTopic(t *testing.T) {
	for _, m := range Catalogue() {
		if got := m.ID.Topic(); got != m.Topic {
			t.Errorf("%s: topic %q, want %q", m.ID, got, m.Topic)
		}
	}
	if got := ID("no_such_metric").Topic(); got != "" {
		t.Errorf("an unknown metric: topic %q, want none", got)
	}
}
