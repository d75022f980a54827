package config

import (
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// PublicData says where DESE's public report exports are ([public_data]), to set the
// district's figures beside the state's and comparable districts'.
type PublicData struct {
	// Dir is the folder of the exports, as downloaded: relative to site.toml's folder or
	// absolute. Empty: no public data.
	Dir string `toml:"dir"`
	// CompareDistricts lists the district codes compared besides the state (always compared
	// when the exports have it), or asks for DESE's way of finding comparable districts.
	CompareDistricts DistrictList `toml:"compare_districts"`
	// Files names, per file of Dir, what its title row does not say: the report, the year or
	// the student group.
	Files map[string]PublicFile `toml:"files"`
}

// PublicFile is what a user says about one export whose title row is missing.
type PublicFile struct {
	// Report is the kind of report, where the header does not tell ("graduation_4yr" or
	// "graduation_5yr" for a graduation rates file).
	Report string `toml:"report"`
	// Year is the spring year (2025 for 2024-25; the cohort year for graduation rates).
	Year int `toml:"year"`
	// Group is the student group, as DESE names it ("English Learners") or as the site does
	// ("EL", "All").
	Group string `toml:"group"`
}

// DistrictList is compare_districts: a list of codes, or "auto" (comparable districts found
// in the selected populations export, see generator/public.Comparable).
type DistrictList struct {
	Auto  bool
	Codes []string
}

// UnmarshalTOML reads either form.
func (l *DistrictList) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		if v != "auto" {
			return fmt.Errorf("%q: give a list of district codes, or \"auto\" for comparable districts", v)
		}
		l.Auto = true
	case []any:
		codes, err := stringItems(v)
		if err != nil {
			return err
		}
		l.Codes = codes
	default:
		return fmt.Errorf("incompatible types: TOML value has type %s; destination has type array of district codes, or \"auto\"", tomlType(v))
	}
	return nil
}

// PublicReports are the report kinds a [public_data.files] entry may name.
var PublicReports = []string{"plans", "graduation_4yr", "graduation_5yr", "dropout", "mcas", "access_reporting_elements", "selected_populations", "enrollment_by_grade", "attending_college"}

// districtCode is what a district code to compare may be: DESE's eight digits, or fewer
// (the zeros lost in a spreadsheet).
var districtCode = regexp.MustCompile(`^[0-9]{1,8}$`)

// validate checks [public_data].
func (p *PublicData) validate(bad func(key []string, format string, args ...any)) {
	if p.Dir == "" && (len(p.CompareDistricts.Codes) > 0 || p.CompareDistricts.Auto || len(p.Files) > 0) {
		bad([]string{"public_data", "dir"}, "is missing: name the folder of DESE's exports (e.g. dir = \"public-data\")")
	}
	seen := map[string]bool{}
	for _, code := range p.CompareDistricts.Codes {
		switch {
		case !districtCode.MatchString(code):
			bad([]string{"public_data", "compare_districts"}, "%q is not a DESE district code (eight digits, e.g. \"01600000\")", code)
		case seen[PadCode(code)]:
			bad([]string{"public_data", "compare_districts"}, "%q is listed twice", code)
		}
		seen[PadCode(code)] = true
	}
	for _, name := range slices.Sorted(maps.Keys(p.Files)) {
		f := p.Files[name]
		key := []string{"public_data", "files", name}
		if strings.ContainsAny(name, `/\`) || filepath.Ext(name) == "" {
			bad(key, "%q is not the name of a file of the folder (e.g. \"gradrates_el_2024.csv\")", name)
		}
		if f.Report != "" && !slices.Contains(PublicReports, f.Report) {
			bad(append(key, "report"), "%q is not a report elreport reads (%s)", f.Report, strings.Join(PublicReports, ", "))
		}
		if f.Year != 0 && (f.Year < minYear || f.Year > maxYear) {
			bad(append(key, "year"), "%d is not a school year (the spring year, %d to %d)", f.Year, minYear, maxYear)
		}
	}
}

// PublicOnly says whether the site is built from DESE's public reports alone: [data] dir is
// empty ("" in site.toml; the default is "data", and "." names the site's own folder), so there
// are no district files, and the figures are those of district in [public_data]'s exports.
func (c *Config) PublicOnly() bool { return c.Data.Dir == "" }

// PadCode writes a DESE code with the leading zeros a spreadsheet may have dropped: "1600000"
// is "01600000". A code longer than eight digits or not made of digits is returned as it is.
func PadCode(code string) string {
	if len(code) >= 8 || !districtCode.MatchString(code) {
		return code
	}
	return strings.Repeat("0", 8-len(code)) + code
}

// SameNumber says whether two codes are the same DESE number: "500012" and "00500012".
func SameNumber(a, b string) bool {
	ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if ta != tb || ta == "" {
		return false
	}
	_, err := strconv.ParseUint(ta, 10, 64)
	return err == nil
}

// PublicFolder returns the folder of the public exports as a path of the operating system,
// given siteDir, the folder of site.toml; "" when there is none.
func (c *Config) PublicFolder(siteDir string) string {
	switch {
	case c.PublicData.Dir == "":
		return ""
	case isAbs(c.PublicData.Dir):
		return filepath.Clean(c.PublicData.Dir)
	}
	return filepath.Join(siteDir, filepath.FromSlash(c.PublicData.Dir))
}
