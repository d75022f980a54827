package theme

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // to read a JPEG logo's header
	_ "image/png"  // to read a PNG logo's header
	"io"
	"path"
	"slices"
	"strings"
)

// MaxLogoBytes is the largest logo file a site may have: a logo is shown small, on every page.
const MaxLogoBytes = 512 << 10

// logoTypes maps the extensions a logo may have to the name of its format, for messages.
var logoTypes = map[string]string{".png": "PNG", ".svg": "SVG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}

// LogoExt returns the extension a logo file is published with ("svg", "png", "jpg" or
// "webp"): its own, in lower case, ".jpeg" as "jpg". ok is false for a file that is not of one
// of those formats by its name.
func LogoExt(name string) (ext string, ok bool) {
	e := strings.ToLower(path.Ext(name))
	if _, ok := logoTypes[e]; !ok {
		return "", false
	}
	if e == ".jpeg" {
		e = ".jpg"
	}
	return e[1:], true
}

// LogoName returns the file, under static/, that a logo named name is published as:
// "logo.svg", "logo.png", "logo.jpg" or "logo.webp".
func LogoName(name string) string {
	ext, _ := LogoExt(name)
	return "logo." + ext
}

// CheckLogo says what is wrong with the bytes of a logo file, or returns nil: a file that is
// too big, not of the format its name says, or, for an SVG, one that could run a script or
// load anything from elsewhere (see CheckSVG). name is the file's name, for its extension.
func CheckLogo(name string, data []byte) error {
	ext := strings.ToLower(path.Ext(name))
	format, ok := logoTypes[ext]
	if !ok {
		return fmt.Errorf("%s is not a PNG, SVG, JPEG or WebP file (.png, .svg, .jpg, .jpeg, .webp)", name)
	}
	if len(data) > MaxLogoBytes {
		return fmt.Errorf("%s has %d KB, more than %d KB: a logo is shown small, on every page; save a smaller one", name, (len(data)+1023)/1024, MaxLogoBytes/1024)
	}
	notFormat := fmt.Errorf("%s is not a %s image: its first bytes are not a %s file's", name, format, format)
	switch format {
	case "PNG", "JPEG":
		_, got, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || (got == "png") != (format == "PNG") {
			return notFormat
		}
	case "WebP":
		if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
			return notFormat
		}
	case "SVG":
		if err := CheckSVG(data); err != nil {
			return fmt.Errorf("%s:%w", name, err)
		}
	}
	return nil
}

// svgScriptElements are the elements (by local name, in lower case) that run or embed
// documents: a logo has none of them.
var svgScriptElements = []string{"script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "audio", "video"}

// CheckSVG checks that an SVG file is a picture and nothing more: well-formed XML whose root is
// <svg>, without a document type (entities) or processing instructions (style sheets), without
// elements that run scripts or embed documents (<script>, <foreignObject>, ...), without event
// attributes (onload, onclick, ...), and referring only to its own parts: a link (href,
// xlink:href) or a url() only to "#id", or to an image it holds itself (data:image/png, jpeg,
// gif or webp). Served from the site, a file that breaks these rules could run a script when
// opened on its own, or fetch something from another host. The error starts with the line:
// "12: ...".
func CheckSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := true
	var open []string // the elements around the token, by local name in lower case
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var syntax *xml.SyntaxError
			if errors.As(err, &syntax) {
				return fmt.Errorf("%d: the SVG is not well-formed XML: %s", syntax.Line, syntax.Msg)
			}
			return fmt.Errorf("%d: the SVG is not well-formed XML: %v", line, err)
		}
		line, _ = d.InputPos() // the line where the token ends
		switch t := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("%d: the SVG has a <!%s>; a logo needs no document type or entities: remove it", line, firstWord(string(t)))
		case xml.ProcInst:
			if t.Target != "xml" {
				return fmt.Errorf("%d: the SVG has a processing instruction <?%s?>; a logo may not bring a style sheet or anything else from outside: remove it", line, t.Target)
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root && name != "svg" {
				return fmt.Errorf("%d: the file's first element is <%s>, not <svg>", line, t.Name.Local)
			}
			root = false
			open = append(open, name)
			if slices.Contains(svgScriptElements, name) {
				return fmt.Errorf("%d: the SVG has a <%s> element; a logo may not carry scripts or other documents: remove it", line, t.Name.Local)
			}
			for _, a := range t.Attr {
				if err := checkSVGAttr(name, a); err != "" {
					return fmt.Errorf("%d: %s", line, err)
				}
			}
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 || open[len(open)-1] != "style" {
				continue
			}
			if problem := cssReference(string(t)); problem != "" {
				return fmt.Errorf("%d: the SVG's style %s", line, problem)
			}
		}
	}
	if root {
		return errors.New("1: the file has no <svg> element")
	}
	return nil
}

// checkSVGAttr says what is wrong with an attribute of an SVG element (name, in lower case), or
// returns "".
func checkSVGAttr(element string, a xml.Attr) string {
	local := strings.ToLower(a.Name.Local)
	value := strings.TrimSpace(a.Value)
	switch {
	case strings.HasPrefix(local, "on"):
		return fmt.Sprintf("attribute %q of <%s> runs a script; a logo may not carry scripts: remove it", a.Name.Local, element)
	case local == "href" || local == "src":
		if !ownReference(value) {
			return fmt.Sprintf("<%s> refers to %q; a logo may refer only to its own parts (\"#id\") or hold its images (data:image/png;base64,...)", element, shorten(value))
		}
	case local == "attributename" && (strings.EqualFold(value, "href") || strings.HasSuffix(strings.ToLower(value), ":href")):
		return fmt.Sprintf("<%s> changes a link; a logo may not: remove it", element)
	}
	if problem := cssReference(value); problem != "" {
		return fmt.Sprintf("attribute %q of <%s> %s", a.Name.Local, element, problem)
	}
	if strings.Contains(strings.ToLower(strings.Join(strings.Fields(value), "")), "javascript:") {
		return fmt.Sprintf("attribute %q of <%s> holds a javascript: address; a logo may not carry scripts: remove it", a.Name.Local, element)
	}
	return ""
}

// ownReference says whether a link of an SVG stays inside the file: a fragment ("#id") or an
// image the file holds (data:image/...).
func ownReference(ref string) bool {
	if strings.HasPrefix(ref, "#") {
		return true
	}
	lower := strings.ToLower(ref)
	for _, t := range []string{"png", "jpeg", "gif", "webp"} {
		if strings.HasPrefix(lower, "data:image/"+t+";") || strings.HasPrefix(lower, "data:image/"+t+",") {
			return true
		}
	}
	return false
}

// cssReference says how CSS text (a <style> element, a style or presentation attribute) would
// load something from outside the file (an @import, a url() that is not "#id" or an image the
// file holds), or returns "".
func cssReference(css string) string {
	lower := strings.ToLower(css)
	if strings.Contains(lower, "@import") {
		return "imports a style sheet; a logo may not load anything from outside: remove it"
	}
	for rest := lower; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return ""
		}
		rest = rest[i+len("url("):]
		ref := strings.TrimLeft(rest, " \t\r\n\"'")
		if !ownReference(ref) {
			end := strings.IndexAny(ref, ")\"'")
			if end < 0 {
				end = len(ref)
			}
			return fmt.Sprintf("refers to %q; a logo may refer only to its own parts (url(#id)): remove it", shorten(ref[:end]))
		}
	}
}

// firstWord returns the first word of s ("DOCTYPE" of "DOCTYPE svg ...").
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// shorten cuts a long value for a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
