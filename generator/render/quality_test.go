package render

import (
	"errors"
	"reflect"
	"testing"

	"elreport/generator/load"
)

// The data page adds up an input's files (one per year, say), so that its rejects are
// published no finer than the input's.
func TestQualityInputsAddUpFiles(t *testing.T) {
	report := &load.Report{Files: []load.FileReport{
		{Input: "schools", Name: "schools.csv"},
		{Input: "access", Name: "dese/ACCESS_2023.csv", Rejected: 2, Reasons: []load.ReasonCount{{Reason: "a", Rows: 2}}},
		{Input: "access", Name: "dese/ACCESS_2024.csv", Rejected: 3, Err: errors.New("x"),
			Reasons: []load.ReasonCount{{Reason: "b", Rows: 1}, {Reason: "a", Rows: 2}}},
	}}
	got := qualityInputs(report)
	want := []qualityInput{
		{input: "schools", name: "schools.csv"},
		{input: "access", name: "dese/ACCESS_2023.csv, dese/ACCESS_2024.csv", problem: "x", rejected: 5,
			reasons: []load.ReasonCount{{Reason: "a", Rows: 4}, {Reason: "b", Rows: 1}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
