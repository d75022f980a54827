package load

import (
	"errors"
	"testing"
)

func TestPublicName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"access.csv", "access.csv"},
		{"2025/access.csv", "2025/access.csv"},
		{"ACCESS Student Data 2025.csv", "ACCESS Student Data 2025.csv"},
		{"../exports/access.csv", "access.csv"},
		{"..", ".."},
		{"../../srv/x/plans.csv", "plans.csv"},
		{"/home/jsmith/Desktop/plans.csv", "plans.csv"},
		{`C:\Users\jsmith\Desktop\plans.csv`, "plans.csv"},
		{`..\exports\plans.csv`, "plans.csv"},
		{`\\server\share\plans.csv`, "plans.csv"},
		{`.\..\exports\plans.csv`, "plans.csv"},
		{`sub\..\..\Users\jsmith\plans.csv`, "plans.csv"},
		{"./../e/p.csv", "p.csv"},
		{"sub/../access.csv", "sub/../access.csv"},
		{"", "plans.csv"},
	} {
		f := FileReport{Input: "plans", Name: c.name}
		if got := f.PublicName(); got != c.want {
			t.Errorf("PublicName of %q = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPublicProblem(t *testing.T) {
	f := FileReport{Input: "plans", Name: "/home/jsmith/plans.csv", Path: "/home/jsmith/plans.csv",
		Err: errors.New("/home/jsmith/plans.csv: the file is empty (no header row)")}
	if got, want := f.PublicProblem(), "plans.csv: the file is empty (no header row)"; got != want {
		t.Errorf("PublicProblem = %q, want %q", got, want)
	}
	if got := (&FileReport{}).PublicProblem(); got != "" {
		t.Errorf("PublicProblem without an error = %q", got)
	}
}
