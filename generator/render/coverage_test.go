package render

import (
	"slices"
	"strings"
	"testing"
)

// The fixture's home languages are Spanish 120, Arabic 35, Portuguese 22, Khmer 4 and Other
// 12; the site is en + ar; access-test exists in en and ar, graduation in en only. So only
// Arabic is served, with one guide; the others have no site language.
func TestCoverage(t *testing.T) {
	out, stats := renderSite(t, testSite(t))
	want := []Coverage{
		{HomeLanguage: "Spanish", ELStudents: 120},
		{HomeLanguage: "Arabic", ELStudents: 35, SiteLanguage: "ar", Guides: []string{"access-test"}},
		{HomeLanguage: "Portuguese", ELStudents: 22},
		{HomeLanguage: "Khmer", ELStudents: 4},
		{HomeLanguage: "Other", ELStudents: 12},
	}
	if !slices.EqualFunc(stats.Coverage, want, func(a, b Coverage) bool {
		return a.HomeLanguage == b.HomeLanguage && a.ELStudents == b.ELStudents &&
			a.SiteLanguage == b.SiteLanguage && slices.Equal(a.Guides, b.Guides)
	}) {
		t.Errorf("coverage:\ngot  %+v\nwant %+v", stats.Coverage, want)
	}

	// The data page's download holds the same, with Khmer's 4 (below min_n 10) suppressed.
	var csv string
	for name, data := range out.files {
		if strings.HasSuffix(name, "/home-languages.csv") {
			csv = string(data)
		}
	}
	for _, line := range []string{"Spanish,120,false,,", "Arabic,35,false,ar,1", "Khmer,,true,,"} {
		if !strings.Contains(csv, line+"\n") {
			t.Errorf("home-languages.csv lacks %q:\n%s", line, csv)
		}
	}
}
