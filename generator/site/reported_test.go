package site

import (
	"slices"
	"testing"

	"elreport/generator/compute"
	"elreport/generator/config"
)

func TestReportedDistricts(t *testing.T) {
	ds := []compute.District{
		{Code: "01490000", Name: "Riverbend", Schools: []compute.School{{Code: "01490005"}, {Code: "01490010"}}},
		{Code: "01840000", Name: "Bayside", Schools: []compute.School{{Code: "01840005"}}},
		{Code: "02190000", Name: "Hillcrest", Schools: []compute.School{{Code: "02190005"}}},
		{Code: "X7", Name: "Lettered", Schools: []compute.School{{Code: "X7-1"}}},
	}
	for _, c := range []struct {
		name  string
		cfg   config.Config
		one   bool // ds[:1] only
		wants []string
	}{
		{name: "a single district: all", one: true, wants: nil},
		{name: "nothing named: the first, which the guides are checked with", wants: []string{"01490000"}},
		{name: "site.toml's district by name", cfg: config.Config{District: config.DistrictSetting{One: "Hillcrest"}},
			wants: []string{"01490000", "02190000"}},
		{name: "site.toml's district as a number", cfg: config.Config{District: config.DistrictSetting{One: "1840000"}},
			wants: []string{"01490000", "01840000"}},
		{name: "a goal's school and a goal's district", cfg: config.Config{Goals: []config.Goal{{School: "2190005"}, {District: "X7"}}},
			wants: []string{"01490000", "02190000", "X7"}},
		{name: "letters are not numbers", cfg: config.Config{Goals: []config.Goal{{School: "x7-1"}, {District: "07"}}},
			wants: []string{"01490000"}},
		{name: "every district named: all", cfg: config.Config{District: config.DistrictSetting{One: "Bayside"},
			Goals: []config.Goal{{School: "02190005"}, {School: "X7-1"}}}, wants: nil},
	} {
		in := ds
		if c.one {
			in = ds[:1]
		}
		if got := reportedDistricts(&c.cfg, in); !slices.Equal(got, c.wants) {
			t.Errorf("%s: reportedDistricts = %v, want %v", c.name, got, c.wants)
		}
	}
}
