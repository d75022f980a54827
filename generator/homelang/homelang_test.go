package homelang

import "testing"

func TestRecognize(t *testing.T) {
	for _, tc := range []struct {
		written    string
		name, code string // "" when not recognised
	}{
		{"Spanish", "Spanish", "es"},
		{"  SPANISH ", "Spanish", "es"},
		{"es", "Spanish", "es"},
		{"spa", "Spanish", "es"},
		{"Español", "Spanish", "es"},
		{"pt-BR", "Portuguese", "pt"},
		{"Portuguese", "Portuguese", "pt"},
		{"português", "Portuguese", "pt"},
		{"kea", "Cape Verdean Creole", "kea"},
		{"Cape Verdean", "Cape Verdean Creole", "kea"},
		{"Kabuverdianu", "Cape Verdean Creole", "kea"},
		{"ht", "Haitian Creole", "ht"},
		{"Kreyòl", "Haitian Creole", "ht"},
		{"zh_Hans", "Chinese", "zh"},
		{"Mandarin", "Chinese", "zh"},
		{"Dari", "Dari", "prs"},
		{"prs", "Dari", "prs"},
		{"Farsi", "Persian", "fa"},
		{"Cambodian", "Khmer", "km"},
		{"Tiếng Việt", "Vietnamese", "vi"},
		{"العربية", "Arabic", "ar"},
		{"Somali", "Somali", "so"},
		{"Nepali", "Nepali", "ne"},
		{"nep", "Nepali", "ne"},
		// Free text never passes: it is not a language name or code.
		{"S832685265 Maria Lopez DOB 2011-03-04", "", ""},
		{"Maria", "", ""},
		{"xyz", "", ""},
		{"abc", "", ""}, // a valid ISO 639-3 code, but no named language: not published
		{"", "", ""},
		{"NA", "", ""}, // not Nauru: exports write NA for "not available"
		{"n/a", "", ""},
	} {
		l, ok := Recognize(tc.written)
		if ok != (tc.name != "") || l.Name != tc.name || l.Code != tc.code {
			t.Errorf("Recognize(%q) = %+v, %v; want %q %q", tc.written, l, ok, tc.name, tc.code)
		}
	}
}

func TestBlank(t *testing.T) {
	for _, s := range []string{"", "  ", "NA", "n/a", "Unknown", "none"} {
		if !Blank(s) {
			t.Errorf("Blank(%q) = false", s)
		}
	}
	for _, s := range []string{"Spanish", "Maria", "no"} {
		if Blank(s) {
			t.Errorf("Blank(%q) = true", s)
		}
	}
}

func BenchmarkRecognize(b *testing.B) {
	index()
	for b.Loop() {
		Recognize("Portuguese")
		Recognize("S832685265 Maria Lopez")
	}
}

func FuzzRecognize(f *testing.F) {
	for _, s := range []string{"Spanish", "pt-BR", "zh_Hans", "S83 Maria", "", "NA", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, ok := Recognize(s)
		if !ok {
			return
		}
		// A recognised value is published only as a name from the dictionary, which names
		// itself.
		if again, ok2 := Recognize(l.Name); !ok2 || again != l {
			t.Fatalf("Recognize(%q) = %+v, but its name gives %+v, %v", s, l, again, ok2)
		}
	})
}
