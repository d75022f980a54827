package theme

import "fmt"

// StylesheetName is the file, under static/, that holds a theme's colours.
const StylesheetName = "theme.css"

// Stylesheet returns static/theme.css for a theme's colours (the defaults for those it does
// not set): the custom properties that style.css reads, each with its built-in colour as the
// fallback. Links take the accent, hovered links a darker shade of it, and so does the focus
// ring: the built-in orange ring is meant for the built-in header, while the accent is held by
// Check to 4.5:1 on the page and on the header, enough for a ring (3:1).
func Stylesheet(accent, header Color) []byte {
	return fmt.Appendf(nil, `/* The colours of site.toml's [theme], written by elreport build; style.css reads them. */
:root {
  --accent: %s;
  --accent-hover: %s;
  --focus: %s;
  --header: %s;
}
`, accent, darker(accent, 0.65), accent, header)
}
