package render

// This file holds the writing of sitemap.xml.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// maxSitemapURLs is the sitemap protocol's limit per file.
const maxSitemapURLs = 50000

// writeSitemap writes sitemap.xml listing every page, with absolute addresses from base_url
// (split into files of 50,000 addresses under a sitemap index when larger). Without base_url
// the addresses are relative to sitemap.xml itself: a list of the site's pages, but not a
// sitemap search engines accept (the protocol wants absolute addresses), as the build log says.
func (r *run) writeSitemap(write func(string, []byte) error, paths []string) error {
	base := r.cfg.BaseURL
	if base == "" {
		fmt.Fprintln(r.site.Log, "sitemap.xml has relative addresses, which search engines do not accept, and 404.html's links work only for missing pages of the site's top folder: set base_url in site.toml")
	} else if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	all := append([]string{"index.html"}, paths...)
	urlset := func(paths []string) []byte {
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range paths {
			buf.WriteString("<url><loc>")
			xml.EscapeText(&buf, []byte(base+p))
			buf.WriteString("</loc></url>\n")
		}
		buf.WriteString("</urlset>\n")
		return buf.Bytes()
	}
	if len(all) <= maxSitemapURLs {
		return write("sitemap.xml", urlset(all))
	}
	var index bytes.Buffer
	index.WriteString(xml.Header)
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i*maxSitemapURLs < len(all); i++ {
		part := all[i*maxSitemapURLs : min(len(all), (i+1)*maxSitemapURLs)]
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if err := write(name, urlset(part)); err != nil {
			return err
		}
		index.WriteString("<sitemap><loc>")
		xml.EscapeText(&index, []byte(base+name))
		index.WriteString("</loc></sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	return write("sitemap.xml", index.Bytes())
}
