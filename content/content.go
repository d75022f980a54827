// Package content holds the default content of a site: the translation files of the interface
// (i18n/<code>.toml, one per language; en.toml is the reference the others are translated from)
// and the parent guides (guides/<slug>.<lang>.md). A site overrides them file by file with its
// own content/ folder, and its translation files key by key (see package i18n).
package content

import "embed"

// FS holds i18n/ and guides/.
//
//go:embed i18n guides
var FS embed.FS
