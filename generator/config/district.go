package config

import (
	"fmt"
	"strings"
)

// DistrictSetting is site.toml's district. On a site of district files it is one string, a
// district_code or district_name of schools.csv, that selects the district whose pages are the
// site's home; left out (or "all"), a site of several districts lists them. On a site from
// DESE's public reports alone ([data] dir = "") it says which districts of the exports are
// built: one DESE code (the one-district site), a list of codes (a page per district, as for a
// site of several districts of schools.csv), or "all" or nothing (every district of the
// district-level exports: the state's site).
type DistrictSetting struct {
	// One is the district written as a string ("01810000", "Lakeside Public Schools"), as
	// written; empty for a list, "all" or no district.
	One string
	// List holds the codes of a list (district = ["01810000", "2510000"]), as written.
	List []string
	// Listed says the value was a list, even an empty one.
	Listed bool
	// All says the value was "all": every district.
	All bool
}

// allDistricts is the value of district that names every district.
const allDistricts = "all"

// UnmarshalTOML reads a string or a list of strings.
func (d *DistrictSetting) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		if v == allDistricts {
			d.All = true
			return nil
		}
		d.One = v
	case []any:
		d.Listed = true
		list, err := stringItems(v)
		if err != nil {
			return err
		}
		d.List = list
	default:
		return fmt.Errorf("incompatible types: TOML value has type %s; destination has type string, array of DESE codes, or \"all\"", tomlType(v))
	}
	return nil
}

// PublicCodes returns the DESE codes of the districts a site from public reports alone is
// built for, with the zeros a spreadsheet dropped put back ("1810000" is "01810000"): the one
// district, or the list; nil for every district of the exports ("all", or district left out).
func (d DistrictSetting) PublicCodes() []string {
	switch {
	case d.Listed:
		out := make([]string, len(d.List))
		for i, c := range d.List {
			out[i] = PadCode(c)
		}
		return out
	case d.One != "":
		return []string{PadCode(d.One)}
	}
	return nil
}

// String writes the setting as site.toml does, for messages: "01810000", ["01810000",
// "02510000"] or "all"; "" when it is left out.
func (d DistrictSetting) String() string {
	switch {
	case d.Listed:
		quoted := make([]string, len(d.List))
		for i, c := range d.List {
			quoted[i] = fmt.Sprintf("%q", c)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	case d.All:
		return fmt.Sprintf("%q", allDistricts)
	case d.One != "":
		return fmt.Sprintf("%q", d.One)
	}
	return ""
}

// validate checks the setting: a list or a code only on a site from public reports alone
// (publicOnly), whose exports ([public_data] dir, hasPublic) it needs. badAt reports a problem
// of a top-level key, badKey one of a key of a table.
func (d DistrictSetting) validate(publicOnly, hasPublic bool, badAt func(key, format string, args ...any), badKey func(key []string, format string, args ...any)) {
	if !publicOnly {
		if d.Listed {
			badAt("district", "a list of districts is for a site from DESE's public reports alone ([data] dir = \"\"); a site of district files has the pages of every district of schools.csv, or, with district = \"<code>\", features that one")
		}
		return
	}
	if !hasPublic {
		badKey([]string{"data", "dir"}, "is empty, which builds a site from DESE's public reports alone: name their folder in [public_data] dir (e.g. dir = \"public-data\")")
		return
	}
	// A site from DESE's public reports alone names its districts by code: the exports name
	// the same district in several ways over the years ("Excel Academy Charter (District)").
	checkCode := func(code string) bool {
		switch {
		case !districtCode.MatchString(code):
			badAt("district", "%q is not a DESE district code (eight digits, e.g. \"01490000\"): a site from DESE's public reports alone names its districts by code", code)
		case PadCode(code) == stateCode:
			badAt("district", "%q is the code of the state's row (State Totals), not of a district; the state is set beside every district of the site already", code)
		default:
			return true
		}
		return false
	}
	switch {
	case d.Listed && len(d.List) == 0:
		badAt("district", "the list names no district: list their DESE codes (district = [\"01810000\", \"02510000\"]), or write district = \"all\" for every district of the exports")
	case d.Listed:
		seen := map[string]bool{}
		for _, code := range d.List {
			if checkCode(code) && seen[PadCode(code)] {
				badAt("district", "%q is listed twice", code)
			}
			seen[PadCode(code)] = true
		}
	case d.One != "":
		checkCode(d.One)
	}
}

// stateCode is the code of the state's row in DESE's exports.
const stateCode = "00000000"
