package site

import (
	"errors"
	"fmt"
	"strings"

	"elreport/generator/i18n"
)

// MaxMissingStrings is the most interface strings a language of a site may lack: each is shown
// in the default language, and the build lists them. A language that lacks more (a language
// with no file, or a file far behind the built-in ones) stops check and build, rather than
// publishing pages in two languages.
const MaxMissingStrings = 5

// shownMissing is how many of a language's missing keys the error names.
const shownMissing = 5

// checkTranslations loads the site's translation files, each merged key by key over the
// built-in file of its language (p.content is the site's content/ over the built-in content),
// and returns, per language, the keys that fall back to the default language. A problem in a
// file (an unknown key, a placeholder; see i18n.Load) is an error, as is a language lacking
// more than MaxMissingStrings strings.
//
// Render loads the files again (about 10 ms for the sample's eight languages): the price of
// stopping check, and a build before it renders anything, on what the site's languages lack.
func (p *project) checkTranslations() (map[string][]string, error) {
	bundle, err := i18n.LoadNamed(p.content, "i18n", "content/i18n", p.cfg.Languages, p.cfg.DefaultLanguage)
	if err != nil {
		return nil, err
	}
	missing := bundle.Missing()
	var errs []error
	for _, l := range p.cfg.Languages {
		keys := missing[l.Code]
		if len(keys) <= MaxMissingStrings {
			continue
		}
		shown := min(shownMissing, len(keys))
		errs = append(errs, fmt.Errorf("translation %s: more strings missing than the %d that may be shown in the default language (%d): %s and %d more; add them to content/i18n/%s.toml",
			l.Code, MaxMissingStrings, len(keys), strings.Join(keys[:shown], ", "), len(keys)-shown, l.Code))
	}
	return missing, errors.Join(errs...)
}
