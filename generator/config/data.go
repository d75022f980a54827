package config

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// The encodings of [data] encoding, as Encodings.Of returns them.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
	// Detect leaves a file's encoding to the loader: a byte order mark or valid UTF-8 means
	// UTF-8, anything else Windows-1252.
	Detect = "auto"
)

// Encodings is [data] encoding: the text encoding of the input files. site.toml writes it
// either as one string for every file,
//
//	[data]
//	encoding = "windows-1252"
//
// or as a table with an encoding per input, the others being detected:
//
//	[data.encoding]
//	schools = "windows-1252"
//
// Without it, every file's encoding is detected.
type Encodings struct {
	// All is the encoding of every file when site.toml gives one string; "" when it does not.
	All string
	// Inputs holds the encoding of each input site.toml names in a table.
	Inputs map[string]string
}

// UnmarshalTOML reads either form of [data] encoding.
func (e *Encodings) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*e = Encodings{All: v}
	case map[string]any:
		*e = Encodings{Inputs: make(map[string]string, len(v))}
		for input, x := range v {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("key %q: incompatible types: TOML value has type %s; destination has type string",
					"data.encoding."+input, tomlType(x))
			}
			e.Inputs[input] = s
		}
	default:
		return fmt.Errorf("incompatible types: TOML value has type %s; destination has type string (one encoding for every file) or table (an encoding per input)", tomlType(v))
	}
	return nil
}

// stringItems returns the items of a TOML array, each of which must be a string.
func stringItems(v []any) ([]string, error) {
	out := make([]string, 0, len(v))
	for i, x := range v {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("item %d: incompatible types: TOML value has type %s; destination has type string", i+1, tomlType(x))
		}
		out = append(out, s)
	}
	return out, nil
}

func tomlType(v any) string {
	switch v.(type) {
	case int64:
		return "int64"
	case float64:
		return "float64"
	case bool:
		return "bool"
	case []any, []map[string]any:
		return "array"
	case map[string]any:
		return "table"
	}
	return fmt.Sprintf("%T", v)
}

// Of returns the encoding of an input's file: UTF8, Windows1252 or Detect.
func (e Encodings) Of(input string) string {
	if enc, ok := e.Inputs[input]; ok {
		return enc
	}
	if e.All != "" {
		return e.All
	}
	return Detect
}

// Setting returns the line of site.toml that sets an input's encoding, for messages:
// `[data] encoding = "windows-1252"` or `[data.encoding] schools = "windows-1252"`; "" when
// site.toml leaves it to detection.
func (e Encodings) Setting(input string) string {
	if enc, ok := e.Inputs[input]; ok && enc != Detect {
		return fmt.Sprintf("[data.encoding] %s = %q", input, enc)
	}
	if _, ok := e.Inputs[input]; !ok && e.All != "" && e.All != Detect {
		return fmt.Sprintf("[data] encoding = %q", e.All)
	}
	return ""
}

// canonicalEncoding returns the canonical name of an encoding site.toml may write, or "".
func canonicalEncoding(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "utf-8", "utf8":
		return UTF8
	case "windows-1252", "cp1252":
		return Windows1252
	case "auto", "detect":
		return Detect
	}
	return ""
}

// validate checks the encodings and writes them in their canonical form.
func (e *Encodings) validate(bad func(key []string, format string, args ...any)) {
	const want = "is not a supported encoding (utf-8, windows-1252, auto)"
	if e.All != "" {
		if c := canonicalEncoding(e.All); c != "" {
			e.All = c
		} else {
			bad([]string{"data", "encoding"}, "%q %s", e.All, want)
		}
	}
	for _, input := range slices.Sorted(maps.Keys(e.Inputs)) {
		enc := e.Inputs[input]
		key := []string{"data", "encoding", input}
		if !isInput(input) {
			bad(key, "%q is not an input (%s)", input, strings.Join(Inputs, ", "))
			continue
		}
		if c := canonicalEncoding(enc); c != "" {
			e.Inputs[input] = c
		} else {
			bad(key, "%q %s", enc, want)
		}
	}
}

// isAbs reports whether a path of site.toml is absolute: on this system, or slash-rooted.
func isAbs(p string) bool { return filepath.IsAbs(p) || strings.HasPrefix(p, "/") }

// checkPath returns why p cannot be a path of site.toml's [data], or "".
func checkPath(p string) string {
	if strings.ContainsFunc(p, unicode.IsControl) {
		return "is not a path: it has a control character"
	}
	return ""
}

// FileList is the files of an input in [data.files]: a string, or an array of strings. Each
// is a path or a pattern with wildcards (*, ?, [...], as path.Match) in its file name.
type FileList []string

// UnmarshalTOML reads either form.
func (f *FileList) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*f = FileList{v}
	case []any:
		list := make(FileList, 0, len(v))
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("item %d: incompatible types: TOML value has type %s; destination has type string", i+1, tomlType(x))
			}
			list = append(list, s)
		}
		*f = list
	default:
		return fmt.Errorf("incompatible types: TOML value has type %s; destination has type string (one file) or array (files and patterns)", tomlType(v))
	}
	return nil
}

// IsPattern says whether a [data.files] entry is a pattern (has a wildcard) rather than a
// file name.
func IsPattern(file string) bool { return strings.ContainsAny(file, "*?[") }

// validatePaths checks [data] dir and [data.files]. Both may lead anywhere: the data folder
// is relative to the folder of site.toml or absolute, and a file relative to the data folder
// or absolute.
func (d *Data) validatePaths(bad func(key []string, format string, args ...any)) {
	if problem := checkPath(d.Dir); problem != "" {
		bad([]string{"data", "dir"}, "%q %s", d.Dir, problem)
	}
	for _, name := range slices.Sorted(maps.Keys(d.Files)) {
		key := []string{"data", "files", name}
		if !slices.Contains(Inputs, name) {
			bad(key, "%q is not an input (%s)", name, strings.Join(Inputs, ", "))
			continue
		}
		if len(d.Files[name]) == 0 {
			bad(key, "the list is empty; name the input's files, or leave the key out to read %s.csv", name)
		}
		for _, file := range d.Files[name] {
			if problem := checkFile(file); problem != "" {
				bad(key, "%q %s", file, problem)
			}
		}
	}
}

// checkFile returns why a [data.files] entry cannot name files, or "".
func checkFile(file string) string {
	if file == "" {
		return "is not a file name: it is empty"
	}
	if problem := checkPath(file); problem != "" {
		return problem
	}
	slash := filepath.ToSlash(file)
	if base := path.Base(slash); base == "." || base == ".." || base == "/" || strings.HasSuffix(file, "/") {
		return "is not a file name"
	}
	if strings.ContainsAny(path.Dir(slash), "*?") {
		return "has a wildcard in a folder name; wildcards (*, ?, [...]) may only be in the file name"
	}
	if _, err := path.Match(path.Base(slash), ""); err != nil && strings.ContainsAny(path.Base(slash), "*?") {
		return "is not a valid pattern (an unclosed [ ?)"
	}
	return ""
}

// DataPath returns the data folder as the user knows it, for messages: [data] dir relative to
// the folder of site.toml ("data", "../exports"; slash-separated and cleaned), or the absolute
// path as site.toml writes it.
func (c *Config) DataPath() string {
	if isAbs(c.Data.Dir) {
		return filepath.Clean(c.Data.Dir)
	}
	return path.Join(c.Dir, c.Data.Dir)
}

// DataFolder returns the data folder as a path of the operating system, given siteDir, the
// folder of site.toml on it. A relative [data] dir is appended to siteDir as it is, not
// cleaned, so that the system takes its ".." after any symbolic link of siteDir, as it would
// from the folder of site.toml.
func (c *Config) DataFolder(siteDir string) string {
	if isAbs(c.Data.Dir) {
		return filepath.Clean(c.Data.Dir)
	}
	if c.Data.Dir == "" || c.Data.Dir == "." {
		return siteDir
	}
	return strings.TrimRight(siteDir, string(filepath.Separator)) + string(filepath.Separator) +
		strings.TrimRight(filepath.FromSlash(c.Data.Dir), string(filepath.Separator))
}

// InputFiles returns the files of an input within the data folder: <input>.csv, or what
// [data.files] says (slash paths and patterns relative to the data folder, which may lead out
// of it, or absolute paths), cleaned, in site.toml's order.
func (c *Config) InputFiles(input string) []string {
	list := c.Data.Files[input]
	if len(list) == 0 {
		return []string{input + ".csv"}
	}
	out := make([]string, len(list))
	for i, f := range list {
		if isAbs(f) {
			out[i] = filepath.Clean(f)
		} else {
			out[i] = path.Clean(f)
		}
	}
	return out
}

// InputPath returns an input's first file (or pattern) as the user knows it, for messages:
// its path relative to the folder of site.toml ("data/access.csv",
// "../exports/students.csv"), or an absolute path when the data folder or the file is given
// as one.
func (c *Config) InputPath(input string) string {
	return c.DataFilePath(c.InputFiles(input)[0])
}

// DataFilePath returns a file of the data folder (a name as InputFile returns it) as the user
// knows it.
func (c *Config) DataFilePath(file string) string {
	if isAbs(file) {
		return file
	}
	if isAbs(c.Data.Dir) {
		return filepath.Join(filepath.Clean(c.Data.Dir), filepath.FromSlash(file))
	}
	return path.Join(c.Dir, c.Data.Dir, file)
}

// InputFileOn returns a file of the data folder (as InputFiles gives it) as a path of the
// operating system, given siteDir, the folder of site.toml on it.
func (c *Config) InputFileOn(siteDir, file string) string {
	if isAbs(file) {
		return file
	}
	return c.DataFolder(siteDir) + string(filepath.Separator) + filepath.FromSlash(file)
}
