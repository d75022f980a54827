// Package templates holds the default templates and static assets of a site: the html/template
// files (layout.html with the partials, a file per page kind, root.html and notfound.html) and
// static/ (the stylesheet, the site's scripts and a pinned copy of ECharts). A site overrides
// any of them file by file with its own templates/ folder.
package templates

import "embed"

// FS holds the default templates and static/.
//
//go:embed *.html static
var FS embed.FS
