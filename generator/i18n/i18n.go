// Package i18n holds the languages of a site: one bundle of interface strings per language, read
// from content/i18n/<code>.toml, and the number conventions of each language.
//
// # Translation files
//
// A translation file is TOML. Nested tables flatten to dotted keys, so
//
//	[metric.making_progress]
//	name = "Making progress"
//
// defines the key "metric.making_progress.name". A table whose keys are all plural forms
// (zero, one, two, few, many, other) and which has "other" is one plural message; the form is
// chosen with the CLDR plural rules of the language (golang.org/x/text/feature/plural):
//
//	[unit]
//	students = { one = "{n} student", other = "{n} students" }
//
// Placeholders are names in braces, "{pct} of English learners made progress"; arguments are
// passed as name/value pairs. A placeholder without a value is left as it is, so Load refuses a
// translation whose placeholders are not the default language's for the same key (see
// checkPlaceholders), and a file with bytes that are not UTF-8 or with control characters.
//
// The default language's file is the reference: a key it lacks is unknown, and asking for an
// unknown key is an error (a typo guard). A key another language lacks falls back to the default
// language's text and is listed by [Bundle.Missing].
//
// # Layers
//
// A site's own content/i18n/<code>.toml holds only the strings it changes: Load, given the
// site's content folder over the built-in content ([Layered]), merges each language's file key
// by key over the built-in file of the same language, and the reference is the built-in file of
// the default language. A key of the site's file that the reference does not define is an error
// naming the file and line, with the closest known key when one is close ("did you mean"), so a
// misspelled override is not silently ignored. A language without a built-in file takes its
// strings from the site's file alone.
//
// # Numbers
//
// Figures are kept at full precision and rounded half away from zero only when displayed
// ([Round]); the locale's conventions (decimal and grouping separators, digits, percent sign)
// come from CLDR through golang.org/x/text/number, using the language's NumberFormat tag.
//
// A Bundle has no global state; a Localizer is safe for concurrent use.
package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"elreport/generator/config"
)

// Bundle is the translations of every language of a site.
type Bundle struct {
	defaultCode string
	codes       []string // in the order of the config
	localizers  map[string]*Localizer
	missing     map[string][]string

	mu      sync.Mutex
	unknown map[string]bool
}

// entry is one interface string: a plain text, or plural forms.
type entry struct {
	text  string
	forms map[plural.Form]string // nil unless the message is plural
}

// catalog maps a key to its message.
type catalog map[string]entry

// UnknownKeyError reports a key the default language does not define.
type UnknownKeyError struct {
	Key string
}

func (e *UnknownKeyError) Error() string {
	return fmt.Sprintf("unknown translation key %q (not in the default language's file)", e.Key)
}

// Load reads dir/<code>.toml from fsys for every language. The default language's file must
// exist; another language's missing file means every string falls back to the default language.
// When fsys is [Layered] (a site's own content/ folder over the built-in content), a language's
// files in the layers are merged key by key, an upper layer's text winning.
//
// A file must be UTF-8 without control characters other than tabs and line breaks (in its
// bytes and in its strings, where TOML escapes could put them), and every text must have the
// placeholders of the default language's text for the same key (see checkPlaceholders). A key
// of a file of the top layer (the site's own; the only layer when fsys is not Layered) that the
// default language's file of the lowest layer does not define is unknown (see unknownKeys).
// Every problem of every file is an error, named by file, line and, for the bytes of the file,
// column (at most 20 per file). Messages name the files dir/<code>.toml, and those of lower
// layers "built-in dir/<code>.toml"; LoadNamed names them otherwise.
func Load(fsys fs.FS, dir string, langs []config.Language, defaultLang string) (*Bundle, error) {
	return LoadNamed(fsys, dir, dir, langs, defaultLang)
}

// LoadNamed is Load with the files named shownDir/<code>.toml in messages, e.g. "content/i18n"
// when fsys is the site's content folder and dir is "i18n".
func LoadNamed(fsys fs.FS, dir, shownDir string, langs []config.Language, defaultLang string) (*Bundle, error) {
	b := &Bundle{
		defaultCode: defaultLang,
		localizers:  make(map[string]*Localizer, len(langs)),
		missing:     make(map[string][]string),
		unknown:     make(map[string]bool),
	}
	layers := layersOf(fsys)
	files := make(map[string][]*file, len(langs)) // per language, the lowest layer first
	var errs []error
	for _, l := range langs {
		failed := false
		var notFound error
		for i, layer := range layers {
			top := i == len(layers)-1
			shown := path.Join(shownDir, l.Code+".toml")
			if !top {
				shown = "built-in " + shown
			}
			f, err := readFile(layer, path.Join(dir, l.Code+".toml"), shown, top)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				notFound = err
			case err != nil:
				errs, failed = append(errs, err), true
			default:
				files[l.Code] = append(files[l.Code], f)
			}
		}
		if l.Code == defaultLang && len(files[l.Code]) == 0 && !failed && notFound != nil {
			errs = append(errs, fmt.Errorf("translations: %w", notFound))
		}
	}
	if !slices.ContainsFunc(langs, func(l config.Language) bool { return l.Code == defaultLang }) && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("translations: default language %q is not one of the site's languages", defaultLang))
	}
	// The reference is the default language's file of the lowest layer: the built-in en.toml
	// for a site that has one, whose own en.toml may only change its texts.
	if defaults := files[defaultLang]; len(defaults) > 0 {
		ref := defaults[0]
		for _, l := range langs {
			for _, f := range files[l.Code] {
				if f == ref {
					continue
				}
				problems := checkPlaceholders(f.cat, ref.cat, f.lines)
				if f.top {
					problems = append(problems, unknownKeys(f.cat, ref.cat, f.lines)...)
				}
				if len(problems) > 0 {
					errs = append(errs, fileErrors(f.name, problems)...)
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	catalogs := make(map[string]catalog, len(langs))
	for _, l := range langs {
		catalogs[l.Code] = merge(files[l.Code])
	}
	def := catalogs[defaultLang]
	for _, l := range langs {
		loc, err := newLocalizer(b, l, catalogs[l.Code], def, l.Code == defaultLang)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		b.codes = append(b.codes, l.Code)
		b.localizers[l.Code] = loc
		if l.Code == defaultLang {
			continue
		}
		var missing []string
		for key := range def {
			if _, ok := catalogs[l.Code][key]; !ok {
				missing = append(missing, key)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			b.missing[l.Code] = missing
		}
	}
	return b, errors.Join(errs...)
}

// pluralForms names the CLDR plural forms a translation file may use.
var pluralForms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// parse decodes a translation file into a flat catalog.
func parse(src string) (catalog, []problem) {
	var tree map[string]any
	_, err := toml.Decode(src, &tree)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, []problem{{perr.Position.Line, 0, strings.Join(strings.Fields(perr.Message), " ")}}
		}
		return nil, []problem{{0, 0, err.Error()}}
	}
	cat := catalog{}
	var errs []problem
	var lines keyLines // found when needed
	var walk func(prefix string, table map[string]any)
	walk = func(prefix string, table map[string]any) {
		keys := make([]string, 0, len(table))
		for k := range table {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			switch v := table[k].(type) {
			case string:
				cat[key] = entry{text: v}
			case map[string]any:
				if forms, ok := pluralTable(v); ok {
					cat[key] = entry{text: forms[plural.Other], forms: forms}
					continue
				}
				walk(key, v)
			default:
				if lines == nil {
					lines = findKeyLines(src)
				}
				errs = append(errs, problem{lines.of(key), 0, fmt.Sprintf("key %q: %T is not a string or a table", key, v)})
			}
		}
	}
	walk("", tree)
	return cat, errs
}

// pluralTable reports whether a table is a plural message, and returns its forms.
func pluralTable(table map[string]any) (map[plural.Form]string, bool) {
	if _, ok := table["other"]; !ok {
		return nil, false
	}
	forms := make(map[plural.Form]string, len(table))
	for k, v := range table {
		form, ok := pluralForms[k]
		s, isString := v.(string)
		if !ok || !isString {
			return nil, false
		}
		forms[form] = s
	}
	return forms, true
}

// For returns the localizer of a language, or nil when the site does not have it.
func (b *Bundle) For(code string) *Localizer { return b.localizers[code] }

// Default returns the localizer of the default language.
func (b *Bundle) Default() *Localizer { return b.localizers[b.defaultCode] }

// Codes returns the language codes of the bundle in the order of the site's config.
func (b *Bundle) Codes() []string { return slices.Clone(b.codes) }

// Missing returns, per language code, the sorted keys the default language defines and that
// language does not (they fall back to the default language). Languages lacking nothing are
// left out.
func (b *Bundle) Missing() map[string][]string {
	out := make(map[string][]string, len(b.missing))
	for code, keys := range b.missing {
		out[code] = slices.Clone(keys)
	}
	return out
}

// Has reports whether the default language defines key.
func (b *Bundle) Has(key string) bool {
	_, ok := b.Default().msgs[key]
	return ok
}

// Unknown returns, sorted, the unknown keys asked for through [Localizer.T] and [Localizer.N]
// (which cannot return an error); a build fails when there are any.
func (b *Bundle) Unknown() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	keys := make([]string, 0, len(b.unknown))
	for k := range b.unknown {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (b *Bundle) noteUnknown(key string) {
	b.mu.Lock()
	b.unknown[key] = true
	b.mu.Unlock()
}

// Localizer formats strings and numbers for one language.
type Localizer struct {
	bundle    *Bundle
	lang      config.Language
	numberTag language.Tag
	pluralTag language.Tag
	// msgs is the language's text of each key the default language defines, or the default
	// language's where it has none: one map lookup per message, where the language's
	// catalogue and then the default's took two (a page looks up hundreds).
	msgs     catalog
	printers sync.Pool
	// percents and tenths hold the formatted percentages 0.0-100.0 and numbers -100.0-100.0
	// with one decimal, by value × 10 (+ 1000 for tenths): most figures of a site. formatted
	// caches other numbers by formatKey. CLDR formatting costs about a microsecond.
	percents, tenths []string
	tablesOnce       sync.Once // fills percents and tenths on first use: a Load need not pay for them
	formatted        sync.Map
	// ints holds Int's text of the whole numbers below smallInts, each made on first use:
	// the counts of a site, looked up without formatted's boxing and hashing of the key
	// (which was most of Int's time).
	ints [smallInts]atomic.Pointer[string]
}

// smallInts bounds the whole numbers Localizer.ints holds.
const smallInts = 1 << 14

// formatKey identifies a formatted number: the format, the decimals and the rounded value
// scaled to an integer.
type formatKey struct {
	format   byte // 'p' percent, 'n' number, 'i' int, 'y' plain
	decimals int8
	scaled   int64
}

// cached returns the cached text for key, or formats it with format and caches it. Values too
// large to scale exactly are not cached.
func (l *Localizer) cached(key formatKey, format func() string) string {
	if s, ok := l.formatted.Load(key); ok {
		return s.(string)
	}
	s := format()
	l.formatted.Store(key, s)
	return s
}

// scaledKey returns the cache key of a rounded value, and false when it cannot be one.
func scaledKey(format byte, r float64, decimals int) (formatKey, bool) {
	if decimals > 6 || math.Abs(r) > 1e9 {
		return formatKey{}, false
	}
	return formatKey{format: format, decimals: int8(decimals), scaled: int64(math.Round(r * math.Pow10(decimals)))}, true
}

func newLocalizer(b *Bundle, l config.Language, msgs, def catalog, isDefault bool) (*Localizer, error) {
	format := l.NumberFormat
	if format == "" {
		format = l.Code
	}
	numberTag, err := language.Parse(format)
	if err != nil {
		return nil, fmt.Errorf("language %q: number format %q is not a BCP 47 tag: %v", l.Code, format, err)
	}
	pluralTag, err := language.Parse(l.Code)
	if err != nil {
		pluralTag = numberTag
	}
	resolved := make(catalog, len(def))
	for key, m := range def {
		if own, ok := msgs[key]; ok {
			m = own
		}
		resolved[key] = m
	}
	loc := &Localizer{bundle: b, lang: l, numberTag: numberTag, pluralTag: pluralTag, msgs: resolved}
	loc.printers.New = func() any { return message.NewPrinter(numberTag) }
	return loc, nil
}

// tables returns the percents and tenths tables, making them on first use.
func (l *Localizer) tables() (percents, tenths []string) {
	l.tablesOnce.Do(func() {
		l.percents = make([]string, 1001)
		for i := range l.percents {
			l.percents[i] = l.sprint(number.Percent(float64(i)/1000, number.MinFractionDigits(1), number.MaxFractionDigits(1)))
		}
		l.tenths = make([]string, 2001)
		for i := range l.tenths {
			l.tenths[i] = l.sprint(number.Decimal(float64(i-1000)/10, number.MinFractionDigits(1), number.MaxFractionDigits(1)))
		}
	})
	return l.percents, l.tenths
}

// Language returns the language the localizer is for.
func (l *Localizer) Language() config.Language { return l.lang }

// Has reports whether key is known (defined by the default language).
func (l *Localizer) Has(key string) bool {
	_, ok := l.msgs[key]
	return ok
}

// lookup finds a message in the language, falling back to the default language.
func (l *Localizer) lookup(key string) (entry, error) {
	if m, ok := l.msgs[key]; ok {
		return m, nil
	}
	return entry{}, &UnknownKeyError{Key: key}
}

// Translate returns the text of key with its placeholders replaced by args, given as name/value
// pairs ("pct", "45.2%"). An unknown key is an *UnknownKeyError.
func (l *Localizer) Translate(key string, args ...string) (string, error) {
	m, err := l.lookup(key)
	if err != nil {
		return "", err
	}
	return substitute(m.text, args), nil
}

// T is Translate for callers that cannot handle an error: an unknown key yields "[key]" and is
// remembered by the bundle ([Bundle.Unknown]).
func (l *Localizer) T(key string, args ...string) string {
	s, err := l.Translate(key, args...)
	if err != nil {
		l.bundle.noteUnknown(key)
		return "[" + key + "]"
	}
	return s
}

// Plural returns the form of the plural message key that the language uses for the count n;
// "{n}" is replaced by n formatted with [Localizer.Int] unless args give "n".
func (l *Localizer) Plural(key string, n int, args ...string) (string, error) {
	m, err := l.lookup(key)
	if err != nil {
		return "", err
	}
	abs := n
	if abs < 0 {
		abs = -abs
	}
	form := plural.Cardinal.MatchPlural(l.pluralTag, abs, 0, 0, 0, 0)
	return substitute(pick(m, form), append(slices.Clip(args), "n", l.Int(n))), nil
}

// N is Plural for callers that cannot handle an error (see [Localizer.T]).
func (l *Localizer) N(key string, n int, args ...string) string {
	s, err := l.Plural(key, n, args...)
	if err != nil {
		l.bundle.noteUnknown(key)
		return "[" + key + "]"
	}
	return s
}

// NDecimal is N for a number shown with the given decimals ("1.5 points"): the plural form
// follows the number as displayed, and "{n}" is the number formatted with [Localizer.Number].
func (l *Localizer) NDecimal(key string, v float64, decimals int, args ...string) string {
	m, err := l.lookup(key)
	if err != nil {
		l.bundle.noteUnknown(key)
		return "[" + key + "]"
	}
	r := math.Abs(Round(v, decimals))
	s := strconv.FormatFloat(r, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	i, _ := strconv.Atoi(intPart)
	f, _ := strconv.Atoi(frac)
	trimmed := strings.TrimRight(frac, "0")
	t, _ := strconv.Atoi(trimmed)
	form := plural.Cardinal.MatchPlural(l.pluralTag, i, len(frac), len(trimmed), f, t)
	return substitute(pick(m, form), append(slices.Clip(args), "n", l.Number(v, decimals)))
}

// pick returns the text of a plural form, or "other" when the message lacks that form.
func pick(m entry, form plural.Form) string {
	if m.forms == nil {
		return m.text
	}
	if s, ok := m.forms[form]; ok {
		return s
	}
	return m.forms[plural.Other]
}

// substitute replaces {name} placeholders with the values of name/value pairs; the first pair
// naming a placeholder wins. An odd last argument is ignored.
func substitute(text string, args []string) string {
	if len(args) < 2 || !strings.Contains(text, "{") {
		return text
	}
	var sb strings.Builder
	sb.Grow(len(text) + 16)
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		name := text[open+1 : open+end]
		value, ok := "", false
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == name {
				value, ok = args[i+1], true
				break
			}
		}
		sb.WriteString(text[:open])
		if ok {
			sb.WriteString(value)
		} else {
			sb.WriteString(text[open : open+end+1])
		}
		text = text[open+end+1:]
	}
	sb.WriteString(text)
	return sb.String()
}

// sprint formats a number formatter with a pooled printer of the language.
func (l *Localizer) sprint(v any) string {
	p := l.printers.Get().(*message.Printer)
	s := p.Sprint(v)
	l.printers.Put(p)
	return s
}

// Percent formats a percentage 0-100 with one decimal in the language's conventions:
// "45.2%" (en), "45,2 %" (es), "٤٥٫٢٪؜" (ar).
func (l *Localizer) Percent(v float64) string {
	r := Round(v, 1)
	if r == 0 {
		r = 0 // no "-0.0%"
	}
	if r >= 0 && r <= 100 {
		percents, _ := l.tables()
		return percents[int(math.Round(r*10))]
	}
	format := func() string {
		return l.sprint(number.Percent(r/100, number.MinFractionDigits(1), number.MaxFractionDigits(1)))
	}
	if key, ok := scaledKey('p', r, 1); ok {
		return l.cached(key, format)
	}
	return format()
}

// Number formats v with exactly decimals decimals, rounded half away from zero, with the
// language's separators and digits.
func (l *Localizer) Number(v float64, decimals int) string {
	r := Round(v, decimals)
	if r == 0 {
		r = 0
	}
	if decimals == 1 && r >= -100 && r <= 100 {
		_, tenths := l.tables()
		return tenths[int(math.Round(r*10))+1000]
	}
	format := func() string {
		return l.sprint(number.Decimal(r, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
	}
	if key, ok := scaledKey('n', r, decimals); ok {
		return l.cached(key, format)
	}
	return format()
}

// Int formats a whole number with the language's grouping: "6,012" (en), "6.012" (es).
func (l *Localizer) Int(n int) string {
	if n >= 0 && n < smallInts {
		if s := l.ints[n].Load(); s != nil {
			return *s
		}
		s := l.sprint(number.Decimal(n))
		l.ints[n].Store(&s)
		return s
	}
	return l.cached(formatKey{format: 'i', scaled: int64(n)}, func() string { return l.sprint(number.Decimal(n)) })
}

// Plain formats a whole number in the language's digits without grouping, for years.
func (l *Localizer) Plain(n int) string {
	return l.cached(formatKey{format: 'y', scaled: int64(n)}, func() string { return l.sprint(number.Decimal(n, number.NoSeparator())) })
}

// Points formats a difference in percentage points with one decimal and a sign: "+7.2", "-7.2"
// (the language's minus sign), "0.0".
func (l *Localizer) Points(v float64) string {
	r := Round(v, 1)
	s := l.Number(r, 1)
	if r > 0 {
		return "+" + s
	}
	return s
}

// pow10 are the powers of ten Round takes its fast path for.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6}

// Round rounds v half away from zero to the given decimals, as a person would round the
// number's shortest decimal form: Round(0.15, 1) == 0.2 and Round(-2.25, 1) == -2.3.
func Round(v float64, decimals int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || decimals < 0 {
		return v
	}
	if v == 0 {
		return v
	}
	// Most values are not near a half at the decimal rounded away: then the rounded value is
	// the whole number nearest v·10^decimals over 10^decimals, both exact doubles, whose
	// quotient IEEE division rounds correctly, as ParseFloat reads the rounded text. Below
	// 2^32 the error of v·10^decimals (v is within half an ulp of its decimal form, and the
	// product adds half an ulp of a number below 2^32) is under 2^-19, far inside the
	// margin kept from a half.
	if decimals < len(pow10) {
		p := pow10[decimals]
		if x := math.Abs(v) * p; x < 1<<32 {
			n := math.Floor(x)
			if f := x - n; math.Abs(f-0.5) > 1e-4 {
				if f > 0.5 {
					n++
				}
				if v < 0 {
					return -n / p
				}
				return n / p
			}
		}
	}
	// The shortest decimal form is at most 17 significant digits with an exponent of at most
	// 308, so a buffer on the stack holds it unless v is huge or tiny; rounding it happens
	// in place. (Round is called for every figure shown, several times: building the text
	// in new strings was a tenth of rendering.)
	var buf [48]byte
	s := strconv.AppendFloat(buf[:1], math.Abs(v), 'f', -1, 64) // s[0] is room for a carry
	dot := bytes.IndexByte(s, '.')
	if dot < 0 || len(s)-dot-1 <= decimals {
		return v
	}
	// Drop the point: the digits are s[1:end], with decimals of them after the point.
	copy(s[dot:], s[dot+1:])
	end := dot + decimals
	up := s[end] >= '5'
	s = s[:end]
	first := 1
	if up {
		i := end - 1
		for ; i >= 1; i-- {
			if s[i] == '9' {
				s[i] = '0'
				continue
			}
			s[i]++
			break
		}
		if i < 1 {
			s[0], first = '1', 0
		}
	}
	// Put the point back before the last decimals digits.
	if decimals > 0 {
		point := len(s) - decimals
		s = append(s, 0)
		copy(s[point+1:], s[point:])
		s[point] = '.'
	}
	r, _ := strconv.ParseFloat(string(s[first:]), 64)
	if v < 0 {
		r = -r
	}
	return r
}
