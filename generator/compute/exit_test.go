package compute

import (
	"testing"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// not_proficient_six_years is the file's RE5 flag among the tested, as met_exit_criteria is
// RE2's: Yes counts, No and blank do not; a result without an overall level (Alternate ACCESS
// as P1-A3) and a student who did not test are not among the tested.
func TestNotProficientSixYears(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1")
	for _, f := range []record.Progress{record.ProgressYes, record.ProgressNo, record.NoIndicator, record.ProgressYes, record.ProgressYes} {
		r := access(31, record.ProgressNo, 0, 0, 7, 3, record.NoProgram)
		r.NotProficientSixYears = f
		a.Access(r)
	}
	alt := access(0, record.NoIndicator, 0, 0, 7, 3, record.NoProgram)
	alt.Alt, alt.NotProficientSixYears = record.AltP1, record.ProgressYes
	a.Access(alt)
	absent := access(0, record.NoIndicator, 0, 0, 7, 3, record.NoProgram)
	absent.NotTested, absent.NotProficientSixYears = true, record.ProgressYes
	a.Access(absent)
	checkFigures(t, a.Result(), []want{
		{key{"S1", 2025, metric.NotProficientSixYears, GroupEL, ""}, 3, 5, 60},
		{key{"D1", 2025, metric.NotProficientSixYears, GroupEL, ""}, 3, 5, 60},
	})
}

// exited_after_exit_criteria is the file's RE3 flag: Yes out of Yes and No, a set of students
// of its own (the ELs who met the exit criteria), so a blank (DESE's NA for the others) is in
// neither, and a school whose rows have no flag has no figure.
func TestExitedAfterExitCriteria(t *testing.T) {
	a := fixture(Options{MinN: 1}, "S1", "S2")
	for _, f := range []record.Progress{record.ProgressYes, record.ProgressYes, record.ProgressYes, record.ProgressNo, record.NoIndicator, record.NoIndicator} {
		r := access(45, record.ProgressYes, 0, 0, 2, 3, record.NoProgram)
		r.MetExit, r.Exited = record.ProgressYes, f
		a.Access(r)
	}
	r := access(20, record.ProgressNo, 0, 0, 2, 3, record.NoProgram)
	r.SchoolCode = "S2"
	a.Access(r)
	res := a.Result()
	checkFigures(t, res, []want{
		{key{"S1", 2025, metric.ExitedAfterExitCriteria, GroupEL, ""}, 3, 4, 75},
		{key{"D1", 2025, metric.ExitedAfterExitCriteria, GroupEL, ""}, 3, 4, 75},
		{key{"S1", 2025, metric.Tested, GroupEL, ""}, 6, 6, 6},
	})
	checkAbsent(t, res, key{"S2", 2025, metric.ExitedAfterExitCriteria, GroupEL, ""})
}

// RE3's set of students is suppressed like any other: a school with fewer than min_n flagged
// ELs is hidden for size, and then more cells of the sum of schools are hidden as complements
// (else the hidden school's count would be the district's minus the others'), as many as the
// audit needs. Its tested ELs (a different set, large enough here) are not touched.
func TestExitedAfterExitCriteriaSuppression(t *testing.T) {
	rows := func(a *Aggregator, school string, yes, no, unflagged int) {
		for i := 0; i < yes+no+unflagged; i++ {
			r := access(45, record.ProgressYes, 0, 0, 2, 3, record.NoProgram)
			r.SchoolCode = school
			switch {
			case i < yes:
				r.Exited = record.ProgressYes
			case i < yes+no:
				r.Exited = record.ProgressNo
			}
			a.Access(r)
		}
	}
	exited := func(e string) key { return key{e, 2025, metric.ExitedAfterExitCriteria, GroupEL, ""} }
	tested := func(e string) key { return key{e, 2025, metric.Tested, GroupEL, ""} }

	a := fixture(Options{MinN: 10}, "S1", "S2", "S3")
	rows(a, "S1", 8, 4, 0)  // 12 flagged
	rows(a, "S2", 10, 5, 0) // 15 flagged
	rows(a, "S3", 3, 0, 12) // 3 flagged, 15 tested
	r := a.Result()
	if r.AuditErr != nil {
		t.Fatalf("audit: %v", r.AuditErr)
	}
	checkSuppressed(t, r, true, exited("S3"))
	if f, _ := exited("S3").lookup(r); f.SuppressedFor != ForSize {
		t.Errorf("S3: hidden for %v, want for size", f.SuppressedFor)
	}
	complements := 0
	for _, e := range []string{"D1", "S1", "S2"} {
		if f, _ := exited(e).lookup(r); f.Suppressed {
			complements++
			if f.SuppressedFor != ForComplement {
				t.Errorf("%s: hidden for %v, want as a complement", e, f.SuppressedFor)
			}
		}
	}
	if complements == 0 {
		t.Errorf("only S3 is hidden: its exited_after_exit_criteria is D1's minus S1's and S2's")
	}
	checkFigures(t, r, []want{
		{tested("S1"), 12, 12, 12}, {tested("S2"), 15, 15, 15}, {tested("S3"), 15, 15, 15}, {tested("D1"), 42, 42, 42},
	})
}
