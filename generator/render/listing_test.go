package render

import (
	"reflect"
	"testing"
)

// TestDataPageListing checks that a district's data page lists the same downloads whether its
// pages recorded theirs as they were built (listing) or it builds their tables itself (a page
// another worker has not finished): in every language, for every district of the fixture.
func TestDataPageListing(t *testing.T) {
	r, err := newRun(testSite(t))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, lang := range r.cfg.Languages {
		for _, j := range r.jobs(lang) {
			if j.kind != "data" || j.listing == nil {
				continue
			}
			built := func(j job) []DownloadGroup {
				t.Helper()
				pb, err := r.build(j)
				if err != nil {
					t.Fatal(err)
				}
				return pb.page.Data.Downloads
			}
			// None recorded: every page's tables built here.
			empty := j
			empty.listing = &listing{pages: map[string]listedPage{}}
			want := built(empty)
			// Every page recorded as its job builds it.
			for _, p := range r.jobs(lang) {
				if p.district == j.district && p.kind != "data" && p.listed != nil {
					pb, err := r.build(p)
					if err != nil {
						t.Fatal(err)
					}
					j.listing.record(p.path, pb)
				}
			}
			if len(j.listing.pages) == 0 {
				t.Fatalf("%s: no page recorded its downloads", j.path)
			}
			if got := built(j); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: downloads from the pages' records\n%v\nwant, from their tables built for the data page,\n%v", j.path, got, want)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no district data page")
	}
}
