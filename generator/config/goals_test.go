package config

import (
	"strings"
	"testing"
)

// TestGoals checks that [[goals]] entries decode with their lines.
func TestGoals(t *testing.T) {
	cfg, err := Parse(`title = "x"

[[goals]]
id = "el-graduation-gap"
metric = "graduation_rate_gap"
group = "EL"
baseline_year = 2023
target = -5.0
target_year = 2027

[[goals]]  # a school's goal; an integer target is a number too
id = "barton-progress"
metric = "making_progress"
group = "EL"
school = "01490020"
baseline_year = 2023
target = 70
target_year = 2027
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Goals) != 2 {
		t.Fatalf("%d goals, want 2", len(cfg.Goals))
	}
	g := cfg.Goals[1]
	if g.ID != "barton-progress" || g.School != "01490020" || *g.Target != 70 || g.Line != 11 || cfg.Goals[0].Line != 3 || *cfg.Goals[0].Target != -5 {
		t.Errorf("goals decoded as %+v and %+v", cfg.Goals[0], g)
	}
}

// TestGoalErrors checks that each goal mistake config can see alone is an error naming the
// goal's line.
func TestGoalErrors(t *testing.T) {
	const good = "metric = \"making_progress\"\ngroup = \"EL\"\nbaseline_year = 2023\ntarget = 70.0\ntarget_year = 2027\n"
	for _, c := range []struct {
		goals, want string
	}{
		{"[[goals]]\n" + good, `line 2: goals[0]: key "id" is missing`},
		{"[[goals]]\nid = \"EL Goal\"\n" + good, `line 2: goal "EL Goal": key "id": "EL Goal" is not an id`},
		{"[[goals]]\nid = \"a--b\"\n" + good, `"a--b" is not an id`},
		{"[[goals]]\nid = \"" + strings.Repeat("a", 65) + "\"\n" + good, `at most 64 characters`},
		{"[[goals]]\nid = \"a\"\n" + good + "[[goals]]\nid = \"a\"\n" + good, `line 9: goal "a": the id is already that of the goal on line 2; each goal needs its own`},
		{"[[goals]]\nid = \"a\"\ngroup = \"EL\"\nbaseline_year = 2023\ntarget = 1.0\ntarget_year = 2027\n", `line 2: goal "a": key "metric" is missing`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\nbaseline_year = 2023\ntarget = 1.0\ntarget_year = 2027\n", `key "group" is missing`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\ngroup = \"EL\"\ntarget = 1.0\ntarget_year = 2027\n", `key "baseline_year" is missing`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\ngroup = \"EL\"\nbaseline_year = 2023\ntarget_year = 2027\n", `key "target" is missing`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\ngroup = \"EL\"\nbaseline_year = 2023\ntarget = 1.0\n", `key "target_year" is missing`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\ngroup = \"EL\"\nbaseline_year = 2023\ntarget = 1.0\ntarget_year = 2023\n", `key "target_year": 2023 is not after baseline_year 2023`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\ngroup = \"EL\"\nbaseline_year = 23\ntarget = 1.0\ntarget_year = 2027\n", `key "baseline_year": 23 is not a school year`},
		{"[[goals]]\nid = \"a\"\nschool = \"1\"\ndistrict = \"2\"\n" + good, `give "school" or "district", not both`},
		{"[[goals]]\nid = \"a\"\ntarget_yaer = 2027\n" + good, `line 4: unknown key "goals.target_yaer"`},
		{"[[goals]]\nid = \"a\"\nmetric = \"x\"\ngroup = \"EL\"\nbaseline_year = 2023\ntarget = \"high\"\ntarget_year = 2027\n", `target`},
	} {
		_, err := Parse("title = \"x\"\n" + c.goals)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.goals, err, c.want)
		}
	}
}
