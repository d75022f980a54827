package theme

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func TestParseColor(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want "" for an error
	}{
		{"#0b57a4", "#0b57a4"},
		{"#0B57A4", "#0b57a4"},
		{"#fff", "#ffffff"},
		{"#1a2", "#11aa22"},
		{"0b57a4", ""},
		{"#0b57a", ""},
		{"#0b57a4ff", ""},
		{"#ggg", ""},
		{"#-1-", ""},
		{"blue", ""},
		{"", ""},
	} {
		c, err := ParseColor(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseColor(%q) = %v, want an error", tc.in, c)
		case tc.want != "" && err != nil:
			t.Errorf("ParseColor(%q): %v", tc.in, err)
		case tc.want != "" && c.String() != tc.want:
			t.Errorf("ParseColor(%q) = %v, want %s", tc.in, c, tc.want)
		}
	}
}

// The ratios were worked out with WCAG 2.1's formulas by hand (a calculator): black on white
// is 21:1, #767676 is the lightest grey with 4.5:1 on white and #777777 the darkest without.
func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want string
	}{
		{"#000000", "#ffffff", "21.00:1"},
		{"#ffffff", "#000000", "21.00:1"},
		{"#808080", "#808080", "1.00:1"},
		{"#767676", "#ffffff", "4.54:1"},
		{"#777777", "#ffffff", "4.47:1"},
		{DefaultAccent, Page, "7.20:1"},
		{DefaultAccent, DefaultHeader, "6.59:1"},
		{Text, DefaultHeader, "15.91:1"},
		{"#1a1a1a", "#707070", "3.51:1"},
	} {
		if got := FormatRatio(Contrast(MustColor(tc.a), MustColor(tc.b))); got != tc.want {
			t.Errorf("Contrast(%s, %s) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name           string
		accent, header string
		headerSet      bool
		want           []string // "key ratio" of each problem
	}{
		{"defaults", DefaultAccent, DefaultHeader, false, nil},
		{"a dark accent and a light header", "#1b5e20", "#e8f1e4", true, nil},
		{"accent too light", "#777777", DefaultHeader, false, []string{"accent 4.47:1", "accent 4.09:1"}},
		{"header too dark for the accent", DefaultAccent, "#c8d8ea", true, nil},
		{"header too dark", DefaultAccent, "#707070", true, []string{"header 1.45:1", "header 3.51:1", "header 1.89:1"}},
		{"header too dark for visited links only", "#000000", "#9999cc", true, []string{"header 3.47:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range Check(MustColor(tc.accent), MustColor(tc.header), tc.headerSet) {
				got = append(got, p.Key+" "+FormatRatio(p.Ratio))
				if !strings.Contains(p.Text, FormatRatio(p.Ratio)) || !strings.Contains(p.Text, "4.5:1") {
					t.Errorf("%q does not give the ratio found and the one needed", p.Text)
				}
			}
			if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStylesheet(t *testing.T) {
	got := string(Stylesheet(MustColor("#1b5e20"), MustColor("#e8f1e4")))
	for _, want := range []string{"--accent: #1b5e20;", "--focus: #1b5e20;", "--header: #e8f1e4;", "--accent-hover: #123d15;"} {
		if !strings.Contains(got, want) {
			t.Errorf("theme.css lacks %q:\n%s", want, got)
		}
	}
}

func TestLogoName(t *testing.T) {
	for in, want := range map[string]string{"logo.svg": "logo.svg", "art/Seal.PNG": "logo.png", "x.jpeg": "logo.jpg", "x.JPG": "logo.jpg", "a.webp": "logo.webp"} {
		if got := LogoName(in); got != want {
			t.Errorf("LogoName(%q) = %q, want %q", in, got, want)
		}
	}
	if _, ok := LogoExt("logo.gif"); ok {
		t.Error("LogoExt accepts a GIF")
	}
}

func TestCheckLogo(t *testing.T) {
	var pngData bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{11, 87, 164, 255})
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0b57a4"/></svg>`)
	webp := []byte("RIFF\x1a\x00\x00\x00WEBPVP8 ")
	for _, tc := range []struct {
		name string
		data []byte
		want string // "" for no error
	}{
		{"logo.png", pngData.Bytes(), ""},
		{"logo.svg", svg, ""},
		{"logo.webp", webp, ""},
		{"logo.gif", []byte("GIF89a"), "logo.gif is not a PNG, SVG, JPEG or WebP file"},
		{"logo.png", svg, "logo.png is not a PNG image"},
		{"logo.jpg", pngData.Bytes(), "logo.jpg is not a JPEG image"},
		{"logo.webp", pngData.Bytes(), "logo.webp is not a WebP image"},
		{"logo.svg", pngData.Bytes(), "the SVG is not well-formed XML"},
		{"logo.svg", append(svg, bytes.Repeat([]byte("\n"), MaxLogoBytes)...), "logo.svg has 513 KB, more than 512 KB"},
	} {
		err := CheckLogo(tc.name, tc.data)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckLogo(%s): %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckLogo(%s) = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestCheckSVG(t *testing.T) {
	const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` + "\n"
	for _, tc := range []struct {
		name, svg string
		want      string // "" for a safe logo
	}{
		{"shapes", open + `<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
<rect width="10" height="10" fill="url(#g)" style="stroke: url('#g')"/><use href="#g"/><use xlink:href="#g"/></svg>`, ""},
		{"a style element of its own", open + `<style>.a { fill: url(#g); }</style><title>Lakeside, see url(x)</title></svg>`, ""},
		{"an embedded image", open + `<image href="data:image/png;base64,iVBORw0KGgo="/></svg>`, ""},
		{"an xml declaration", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + open + `</svg>`, ""},
		{"a script", open + `<g>` + "\n" + `<script>alert(1)</script></g></svg>`, `3: the SVG has a <script> element`},
		{"a script in another namespace", open + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, `2: the SVG has a <script> element`},
		{"a foreign object", open + `<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>`, `<foreignObject> element`},
		{"an event attribute", open + `<rect onclick="alert(1)"/></svg>`, `attribute "onclick" of <rect> runs a script`},
		{"an event attribute in capitals", open + `<rect ONLOAD="alert(1)"/></svg>`, `attribute "ONLOAD" of <rect> runs a script`},
		{"a javascript link", open + `<a href="javascript:alert(1)"><rect/></a></svg>`, `<a> refers to "javascript:alert(1)"`},
		{"an external image", open + `<image href="https://example.org/x.png"/></svg>`, `<image> refers to "https://example.org/x.png"`},
		{"an external use", open + `<use xlink:href="sprites.svg#a"/></svg>`, `<use> refers to "sprites.svg#a"`},
		{"an embedded svg", open + `<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, `refers to "data:image/svg+xml;base64,PHN2Zz4="`},
		{"an external url in an attribute", open + `<rect fill="url(https://example.org/p.svg#g)"/></svg>`, `attribute "fill" of <rect> refers to "https://example.org/p.svg#g"`},
		{"an external url in a style", open + `<style>rect { fill: url( "//example.org/p.svg#g" ) }</style></svg>`, `2: the SVG's style refers to "//example.org/p.svg#g"`},
		{"an import", open + `<style>@import "x.css";</style></svg>`, `imports a style sheet`},
		{"a changed link", open + `<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, `<set> changes a link`},
		{"a javascript value", open + `<animate values="java script:alert(1)" attributeName="xlink:title"/></svg>`, `holds a javascript: address`},
		{"a doctype", `<!DOCTYPE svg [<!ENTITY x "y">]>` + "\n" + open + `</svg>`, `1: the SVG has a <!DOCTYPE>`},
		{"a style sheet instruction", `<?xml-stylesheet href="https://example.org/x.css"?>` + "\n" + open + `</svg>`, `processing instruction <?xml-stylesheet?>`},
		{"not svg", `<html><body/></html>`, `1: the file's first element is <html>, not <svg>`},
		{"empty", ``, `1: the file has no <svg> element`},
		{"not closed", open + `<g>`, `the SVG is not well-formed XML`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSVG([]byte(tc.svg))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tc.want != "" && err == nil:
				t.Errorf("got no error, want %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzCheckSVG checks that CheckSVG never panics, and that no SVG it accepts has an element
// that runs a script or an event attribute, as another reading of the file finds them.
func FuzzCheckSVG(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#g)"/></svg>`))
	f.Add([]byte(`<svg><script>alert(1)</script></svg>`))
	f.Add([]byte(`<svg><a xlink:href="javascript:x"/><style>@import url(x)</style></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if CheckSVG(data) != nil {
			return
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := d.Token()
			if err != nil {
				return
			}
			if e, ok := tok.(xml.StartElement); ok {
				if strings.EqualFold(e.Name.Local, "script") {
					t.Fatalf("CheckSVG accepts %q, which has a <script>", data)
				}
				for _, a := range e.Attr {
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
						t.Fatalf("CheckSVG accepts %q, which has the attribute %s", data, a.Name.Local)
					}
				}
			}
		}
	})
}
