package render

import (
	"fmt"
	"strings"
)

// The escapers below write, in Go, what html/template writes for a plain string in a text node
// (escapeHTML), a quoted attribute (escapeHTML too) and a quoted href (escapeHref). Table.finish
// uses them to write a table's rows once instead of through the template, action by action:
// rows are most of a site's template actions. FuzzEscapers checks them against html/template.

// escapeHTML escapes s as html/template escapes a string in text or in a quoted attribute:
// NUL becomes U+FFFD, and " & ' + < > become character references.
var escapeHTML = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace

// escapeHref escapes s as html/template escapes a string at the start of a quoted href: an
// address with a scheme other than http, https or mailto becomes "#ZgotmplZ"; bytes that are
// not allowed in an address are percent-encoded (existing %XX escapes kept); the result is
// escaped as an attribute.
func escapeHref(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return escapeHTML(s)
	}
	b.WriteString(s[written:])
	return escapeHTML(b.String())
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
