package render

import (
	"strings"
	"testing"

	"elreport/generator/config"
)

// A guide's figure shortcode is formatted in the reader's language: the fixture district's
// 2025 making-progress share for ELs is 39.5422, shown with one decimal as CLDR's percent
// pattern for each sample language says. Guides missing in a language fall back to English
// text, but their figures still follow the page's language.
func TestGuideFigureInEveryLanguage(t *testing.T) {
	langs := []struct {
		lang config.Language
		want string
	}{
		{config.Language{Code: "en", Name: "English", NumberFormat: "en"}, "39.5%"},
		{config.Language{Code: "es", Name: "Español", NumberFormat: "es"}, "39,5\u00a0%"},
		{config.Language{Code: "pt-BR", Name: "Português", NumberFormat: "pt-BR"}, "39,5%"},
		// French conventions; x/text's CLDR data puts a no-break space (U+00A0) before the
		// sign where newer CLDR releases use a narrow one (U+202F).
		{config.Language{Code: "ht", Name: "Kreyòl", NumberFormat: "fr"}, "39,5\u00a0%"},
		{config.Language{Code: "zh-Hans", Name: "简体中文", NumberFormat: "zh-Hans"}, "39.5%"},
		{config.Language{Code: "vi", Name: "Tiếng Việt", NumberFormat: "vi"}, "39,5%"},
		{config.Language{Code: "ar", Name: "العربية", Dir: "rtl", NumberFormat: "ar"}, "٣٩٫٥٪\u061c"},
		{config.Language{Code: "kea", Name: "Kabuverdianu", NumberFormat: "pt-CV"}, "39,5%"},
	}
	var cfgLangs []config.Language
	for _, l := range langs {
		cfgLangs = append(cfgLangs, l.lang)
	}
	s := testSite(t)
	s.Config = testConfig(cfgLangs...)
	out, _ := renderSite(t, s)
	for _, l := range langs {
		page := l.lang.Code + "/guides/access-test.html"
		html, ok := out.files[page]
		if !ok {
			t.Errorf("no %s", page)
			continue
		}
		if !strings.Contains(string(html), l.want) {
			t.Errorf("%s lacks the figure as %q (%+q)", page, l.want, l.want)
		}
	}
}
