package metric

import "testing"

// TestGapSpans checks that every gap the pages show, and its change, is in exactly one span
// (a gap in none would drop out of the tables of every school's gaps), and that nothing else is.
func TestGapSpans(t *testing.T) {
	spans := GapSpans()
	if len(spans) == 0 {
		t.Fatal("no gap spans")
	}
	count := map[GapSpan]int{}
	seen := map[ID]GapSpan{}
	for _, s := range gapSpans {
		for _, gap := range s.gaps {
			if other, ok := seen[gap]; ok {
				t.Errorf("%s is in two spans, %q and %q", gap, other, s.span)
			}
			seen[gap] = s.span
		}
	}
	for _, gap := range GapsForDisplay() {
		span, ok := gap.Span()
		if !ok {
			t.Errorf("%s is in no span", gap)
			continue
		}
		count[span]++
		change, _ := gap.Change()
		if s, ok := change.Span(); !ok || s != span {
			t.Errorf("%s.Span() = %q, %v; want %q, the span of %s", change, s, ok, span, gap)
		}
	}
	if len(seen) != len(GapsForDisplay()) {
		t.Errorf("the spans hold %d gaps, want the %d of GapsForDisplay", len(seen), len(GapsForDisplay()))
	}
	for _, s := range spans {
		if count[s] == 0 {
			t.Errorf("span %q holds no gap", s)
		}
	}
	for _, id := range []ID{GraduationRate, MakingProgress, "no_such_metric"} {
		if s, ok := id.Span(); ok {
			t.Errorf("%s.Span() = %q, true; want no span (not a gap)", id, s)
		}
	}
	if s, _ := GraduationRateGap.Span(); s != HighSchoolGaps {
		t.Errorf("graduation_rate_gap is in %q, want %q", s, HighSchoolGaps)
	}
	if s, _ := MCASMeetingGap.Span(); s != TestAndRiskGaps {
		t.Errorf("mcas_meeting_gap is in %q, want %q", s, TestAndRiskGaps)
	}
}
