package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"elreport/generator/sample"
)

// TestCheckComputesWhatItReports compares check, which computes the figures of the districts
// it reports on, with check --all-districts, which computes every district's as build does, on
// data of four districts whose goals are of the third and fourth (named as numbers, without
// their leading zeros). A goal's figures are looked up in its district: left out, the goal
// would have no figure, and check would say so.
func TestCheckComputesWhatItReports(t *testing.T) {
	dir := t.TempDir()
	if _, err := sample.Generate(context.Background(), filepath.Join(dir, "data"), sample.Options{
		Districts: 4, SchoolsPerDistrict: 5, Students: 8000, Years: 3, FirstYear: 2023, Seed: 3,
	}); err != nil {
		t.Fatal(err)
	}
	schools, err := os.ReadFile(filepath.Join(dir, "data", "schools.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var districts []string
	schoolOf := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(schools)), "\n")[1:] {
		f := strings.Split(line, ",")
		if len(schoolOf[f[0]]) == 0 {
			districts = append(districts, f[0])
		}
		schoolOf[f[0]] = append(schoolOf[f[0]], f[2])
	}
	if len(districts) != 4 {
		t.Fatalf("schools.csv has districts %v, want 4", districts)
	}
	third, fourth := districts[2], districts[3]
	// The goals' words, each with a figure of the goal's school or of another district's.
	words := map[string]string{
		"district-goal": "school:" + schoolOf[districts[1]][0],
		"school-goal":   "school:" + schoolOf[fourth][0],
		"small-school":  "school:" + schoolOf[fourth][4],
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "goals"), 0o755); err != nil {
		t.Fatal(err)
	}
	for id, entity := range words {
		text := "+++\ntitle = \"A goal\"\nsummary = \"A goal of the plan.\"\n+++\n\n## Why it matters {#why}\n\n" +
			"Making progress: {{< figure \"" + entity + "\" \"making_progress\" \"EL\" >}}\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "goals", id+".en.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goal := func(id, entity string) string {
		return "[[goals]]\nid = \"" + id + "\"\nmetric = \"making_progress\"\ngroup = \"EL\"\n" + entity +
			"\nbaseline_year = 2023\ntarget = 80.0\ntarget_year = 2027\n"
	}
	for _, c := range []struct {
		name, goals string
		fails       bool
	}{
		{"published", goal("district-goal", "district = \""+strings.TrimLeft(third, "0")+"\"") +
			goal("school-goal", "school = \""+strings.TrimLeft(schoolOf[fourth][0], "0")+"\""), false},
		// The last school of each district is a small one: its baseline is suppressed.
		{"suppressed", goal("small-school", "school = \""+schoolOf[fourth][4]+"\""), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			config := filepath.Join(dir, c.name+".toml")
			text := "title = \"Four districts\"\nmin_n = 10\n[data]\ndir = \"data\"\n" + c.goals
			if err := os.WriteFile(config, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			out, errOut, err := run(t, "check", "--config", config)
			allOut, allErrOut, allErr := run(t, "check", "--config", config, "--all-districts")
			if (err != nil) != c.fails {
				t.Fatalf("check: %v, want failing %v\n%s", err, c.fails, out)
			}
			if out != allOut || errOut != allErrOut || (err == nil) != (allErr == nil) || err != nil && err.Error() != allErr.Error() {
				t.Errorf("check and check --all-districts differ:\n%v\n%s\n---\n%v\n%s", err, out, allErr, allOut)
			}
			if c.fails && !strings.Contains(err.Error(), "is not published (suppressed") {
				t.Errorf("check: %v, want the goal's baseline suppressed", err)
			}
		})
	}
}
