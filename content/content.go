// Package content holds the default content of a site: the translation files of the interface
// (i18n/<code>.toml, one per language; en.toml is the reference the others are translated from),
// the parent guides (guides/<slug>.<lang>.md) and the glossaries (glossary/<code>.toml, one per
// language; see package glossary). A site overrides them file by file with its own content/
// folder, and its translation files key by key (see package i18n). The improvement plan's words
// in goals/ are the sample district's own, read from the site's folder, and are not embedded.
package content

import "embed"

// FS holds i18n/, guides/ and glossary/.
//
//go:embed i18n guides glossary
var FS embed.FS
