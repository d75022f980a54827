package sample

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"elreport/generator/record"
)

// generate runs Generate into a new temporary folder and returns the folder.
func generate(t testing.TB, opts Options) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	stats, err := Generate(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return dir, stats
}

// hashes returns the SHA-256 of every file in dir, by name.
func hashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string][32]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sums[e.Name()] = sha256.Sum256(b)
	}
	return sums
}

func TestSameSeedSameBytes(t *testing.T) {
	opts := Options{Students: 3000, Seed: 7}
	a, statsA := generate(t, opts)
	b, statsB := generate(t, opts)
	sumsA, sumsB := hashes(t, a), hashes(t, b)
	if len(sumsA) != len(fileNames) {
		t.Errorf("got %d files, want %d", len(sumsA), len(fileNames))
	}
	for name, sum := range sumsA {
		if sumsB[name] != sum {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if !slices.Equal(statsA.Files, statsB.Files) {
		t.Errorf("stats differ: %v and %v", statsA.Files, statsB.Files)
	}
	c, _ := generate(t, Options{Students: 3000, Seed: 8})
	sumsC := hashes(t, c)
	for _, name := range fileNames[1:] {
		if sumsC[name] == sumsA[name] {
			t.Errorf("%s is the same for seeds 7 and 8", name)
		}
	}
}

func TestStats(t *testing.T) {
	dir, stats := generate(t, Options{Students: 500, Years: 2})
	var names []string
	for _, f := range stats.Files {
		names = append(names, f.Name)
		rows := readCSV(t, dir, f.Name)
		if len(rows)-1 != f.Rows {
			t.Errorf("%s: stats say %d rows, file has %d", f.Name, f.Rows, len(rows)-1)
		}
		fi, err := os.Stat(filepath.Join(dir, f.Name))
		if err != nil || fi.Size() != f.Bytes {
			t.Errorf("%s: stats say %d bytes, file has %v (%v)", f.Name, f.Bytes, fi.Size(), err)
		}
	}
	if !slices.Equal(names, fileNames[:]) {
		t.Errorf("got files %v, want %v", names, fileNames)
	}
	if rows := stats.Files[studentsFile].Rows; rows != 1000 {
		t.Errorf("students.csv: got %d rows, want 500 students x 2 years", rows)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(fileNames) {
		t.Errorf("got %d entries in the folder, want only the %d files", len(entries), len(fileNames))
	}
}

func TestDefaultSample(t *testing.T) {
	dir, _ := generate(t, Options{})
	d := check(t, dir)
	if len(d.schools) != 9 || len(d.districts) != 1 {
		t.Errorf("got %d schools in %d districts, want 9 in 1", len(d.schools), len(d.districts))
	}
	if got := d.districts["01490000"]; got != "Riverbend Public Schools" {
		t.Errorf("district 01490000 is %q, want Riverbend Public Schools", got)
	}
	if !slices.Equal(d.years, []int{2023, 2024, 2025}) {
		t.Errorf("got years %v, want 2023-2025", d.years)
	}
	if d.cohortOutsiders == 0 {
		t.Error("no cohort member left before 2023: early dropouts are missing from the cohorts")
	}

	// 15-20% ELs each year, speaking at least eight home languages.
	languages := map[string]bool{}
	for _, y := range d.years {
		var els, all int
		for _, s := range d.students {
			if s.year != y {
				continue
			}
			all++
			if s.status == record.EL {
				els++
				languages[s.language] = true
			}
		}
		if all != 6000 {
			t.Errorf("%d: got %d students, want 6000", y, all)
		}
		if share := 100 * float64(els) / float64(all); share < 15 || share > 20 {
			t.Errorf("%d: ELs are %.1f%% of students, want 15-20%%", y, share)
		}
	}
	if len(languages) < 8 {
		t.Errorf("ELs speak %d home languages, want at least 8", len(languages))
	}

	// Some school x group is small enough to be suppressed at min_n = 10.
	groups := map[string]int{}
	for _, s := range d.students {
		groups[fmt.Sprint(s.year, s.school, s.status)]++
	}
	small := 0
	for _, n := range groups {
		if n < 10 {
			small++
		}
	}
	if small == 0 {
		t.Error("no school x year x group has fewer than 10 students")
	}

	// ACCESS levels rise with years in program, and some ELs are long-term ELs.
	var sum, count [7]float64
	longTerm := 0
	for _, a := range d.access {
		k := min(a.yearsInEL, 6)
		sum[k] += float64(a.overall)
		count[k]++
		if a.yearsInEL > 6 && a.overall < 42 {
			longTerm++
		}
	}
	for k := 2; k <= 5; k++ {
		if sum[k]/count[k] <= sum[k-1]/count[k-1] {
			t.Errorf("mean level in year %d of program (%.1f) is not above year %d (%.1f)", k, sum[k]/count[k]/10, k-1, sum[k-1]/count[k-1]/10)
		}
	}
	if longTerm == 0 {
		t.Error("no long-term ELs")
	}
	// DESE's RE3 and RE5 and the students who did not test, so that exited_after_exit_criteria,
	// not_proficient_six_years and participation_rate have figures: some ELs who met the exit
	// criteria exit and some do not, some ELs in a seventh year have not met them, and 95-99.5%
	// of the ELs in grades K-12 test each year (DESE's statewide rate is about 97%).
	var exited, stayed, sixYears int
	for _, a := range d.access {
		switch {
		case a.exited == record.ProgressYes:
			exited++
		case a.exited == record.ProgressNo:
			stayed++
		}
		if a.sixYears == record.ProgressYes {
			sixYears++
		}
	}
	if exited == 0 || stayed == 0 || sixYears < longTerm {
		t.Errorf("RE3: %d exited and %d did not; RE5: %d, want some of each and at least the %d long-term ELs", exited, stayed, sixYears, longTerm)
	}
	for _, y := range d.years {
		var tested, notTested float64
		for _, a := range d.access {
			if a.year == y {
				tested++
			}
		}
		for _, a := range d.notTested {
			if a.year == y {
				notTested++
			}
		}
		if share := 100 * tested / (tested + notTested); share < 95 || share > 99.5 {
			t.Errorf("%d: %.1f%% of the ELs tested, want 95-99.5%%", y, share)
		}
	}
	highDifficulty, withDifficulty := 0, 0
	for _, a := range d.access {
		if a.difficulty > 0 {
			withDifficulty++
			if a.difficulty > 60 {
				highDifficulty++
			}
		}
	}
	if share := float64(highDifficulty) / float64(withDifficulty); share < 0.1 || share > 0.4 {
		t.Errorf("%.2f of ELs have a high difficulty index, want a minority of 0.1-0.4", share)
	}

	// Outcomes show gaps between ELs and non-ELs in the expected direction.
	gaps := []struct {
		name      string
		el, nonEL float64
	}{
		{"EWIS high risk", d.share(d.ewisHigh, record.EL), d.share(d.ewisHigh, record.NonEL)},
		{"MCAS not meeting", d.share(d.mcasLow, record.EL), d.share(d.mcasLow, record.NonEL)},
		{"grade 9 failing a course", d.share(d.courseFail, record.EL), d.share(d.courseFail, record.NonEL)},
		{"annual dropout", d.share(d.dropout, record.EL), d.share(d.dropout, record.NonEL)},
		{"no four-year college plan", d.share(d.notFourYear, record.EL), d.share(d.notFourYear, record.NonEL)},
		{"cohort not graduating", d.share(d.cohortNotGrad, record.EL), d.share(d.cohortNotGrad, record.NonEL)},
	}
	for _, g := range gaps {
		if g.el <= g.nonEL {
			t.Errorf("%s: EL share %.1f%% is not above non-EL share %.1f%%", g.name, g.el, g.nonEL)
		}
	}
}

// TestShippedSample checks that data/ is what the default options generate, so that a change
// to the generator comes with the data it makes (go run ./cmd/elreport gen --out data).
func TestShippedSample(t *testing.T) {
	dir, _ := generate(t, Options{})
	for _, name := range fileNames {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		shipped, err := os.ReadFile(filepath.Join("..", "..", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, shipped) {
			t.Errorf("data/%s is not what the default options generate: run go run ./cmd/elreport gen --out data", name)
		}
	}
}

func TestLayouts(t *testing.T) {
	for n := 1; n <= 12; n++ {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			dir, _ := generate(t, Options{Districts: 2, SchoolsPerDistrict: n, Students: 1500, Years: 2, Seed: uint64(n)})
			d := check(t, dir)
			if len(d.schools) != 2*n {
				t.Errorf("got %d schools, want %d", len(d.schools), 2*n)
			}
			if kinds := layout(n); len(kinds) != n {
				t.Errorf("layout(%d) has %d schools", n, len(kinds))
			}
		})
	}
}

func TestManyDistricts(t *testing.T) {
	dir, stats := generate(t, Options{Districts: 400, SchoolsPerDistrict: 5, Students: 40000, Years: 2})
	d := check(t, dir)
	if len(d.districts) != 400 || stats.Files[schoolsFile].Rows != 2000 {
		t.Errorf("got %d districts and %d schools, want 400 and 2000", len(d.districts), stats.Files[schoolsFile].Rows)
	}
	names := map[string]bool{}
	for _, name := range d.districts {
		names[name] = true
	}
	if len(names) != 400 {
		t.Errorf("got %d distinct district names, want 400", len(names))
	}
}

func TestFewStudents(t *testing.T) {
	// Fewer students than districts: some districts have schools but no students.
	dir, stats := generate(t, Options{Districts: 10, SchoolsPerDistrict: 2, Students: 3, Years: 2})
	check(t, dir)
	if got := stats.Files[studentsFile].Rows; got != 6 {
		t.Errorf("students.csv: got %d rows, want 6", got)
	}
}

func TestOptionErrors(t *testing.T) {
	for _, opts := range []Options{
		{Districts: -1},
		{Districts: MaxDistricts + 1},
		{SchoolsPerDistrict: -3},
		{Students: -1},
		{Years: MaxYears + 1},
		{FirstYear: 1900},
		{FirstYear: 2099, Years: 5},
		{Students: 100_000_000},
	} {
		_, err := Generate(context.Background(), t.TempDir(), opts)
		if err == nil {
			t.Errorf("Generate(%+v) succeeded, want an error", opts)
		}
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	_, err := Generate(ctx, dir, Options{Students: 10000})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("canceled run left %d files behind", len(entries))
	}
}

func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	var rows int
	for b.Loop() {
		stats, err := Generate(context.Background(), dir, Options{Students: 20000})
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, f := range stats.Files {
			rows += f.Rows
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// The consistency check: it re-reads a generated data set and checks the rules of
// docs/data-contract.md that the loader enforces, and the rules of a student's history.

type studentRow struct {
	year           int
	id, school     string
	grade          record.Grade
	status         record.ELStatus
	language       string
	program        record.Program
	end            record.EndStatus
	line           int
	hasAccess      bool // an access.csv row with a result
	notTested      bool // an access.csv row of a student who did not test
	ewis, courses  int
	plans          int
	previous, next *studentRow
}

type accessRow struct {
	year, yearsInEL  int
	id               string
	overall, target  record.Level
	literacy         record.Level
	difficulty, sgpa int
	progress         record.Progress
	grade            record.Grade
	test             record.Test
	notTested        bool
	// DESE's RE2, RE3 and RE5.
	metExit, exited, sixYears record.Progress
	line                      int
}

// dataSet is what check read, for the tests' own assertions.
type dataSet struct {
	districts map[string]string // code -> name
	schools   map[string]string // code -> district code
	years     []int
	students  map[string]*studentRow // by id and year
	access    []accessRow            // the results (not the students who did not test)
	notTested []accessRow            // the rows of the students who did not test
	// Per-group counts of events over their populations (index record.ELStatus).
	ewisHigh, mcasLow, courseFail, dropout, notFourYear, cohortNotGrad [3][2]int
	cohortOutsiders                                                    int // members with no students.csv row
}

// share returns the percentage of a counted event in a group.
func (d *dataSet) share(counts [3][2]int, status record.ELStatus) float64 {
	c := counts[status]
	return 100 * float64(c[0]) / float64(max(1, c[1]))
}

func count(counts *[3][2]int, status record.ELStatus, event bool) {
	counts[status][1]++
	if event {
		counts[status][0]++
	}
}

func readCSV(t testing.TB, dir, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

var idPattern = regexp.MustCompile(`^S[0-9]{9}$`)

// check reads the data set in dir and reports every broken rule (the first few of each file).
func check(t *testing.T, dir string) *dataSet {
	t.Helper()
	d := &dataSet{districts: map[string]string{}, schools: map[string]string{}, students: map[string]*studentRow{}}
	errs := map[string]int{}
	fail := func(file string, line int, format string, args ...any) {
		t.Helper()
		if errs[file]++; errs[file] <= 5 {
			t.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
		}
	}
	parse := func(file string, line int, column, value string, err error) {
		t.Helper()
		if err != nil {
			fail(file, line, "column %q: %v", column, err)
		}
	}
	read := func(name string) [][]string {
		t.Helper()
		rows := readCSV(t, dir, name)
		i := slices.Index(fileNames[:], name)
		if !slices.Equal(rows[0], headers[i]) {
			t.Errorf("%s: header %v, want %v", name, rows[0], headers[i])
		}
		return rows[1:]
	}
	key := func(id string, year int) string { return id + "/" + strconv.Itoa(year) }
	// student looks up the students.csv row of a row of another file and checks the join.
	student := func(file string, line int, id, yearText, school string) *studentRow {
		t.Helper()
		year, err := record.ParseYear(yearText)
		parse(file, line, "year", yearText, err)
		s := d.students[key(id, year)]
		if s == nil {
			fail(file, line, "student %s has no students.csv row in %d", id, year)
			return nil
		}
		if s.school != school {
			fail(file, line, "school %s, but students.csv says %s", school, s.school)
		}
		return s
	}

	for i, r := range read("schools.csv") {
		line := i + 2
		if !regexp.MustCompile(`^[0-9]{4}0000$`).MatchString(r[0]) || r[2][:4] != r[0][:4] || len(r[2]) != 8 || r[1] == "" || r[3] == "" {
			fail("schools.csv", line, "bad codes or names %v", r)
		}
		if name, ok := d.districts[r[0]]; ok && name != r[1] {
			fail("schools.csv", line, "district %s named %q and %q", r[0], name, r[1])
		}
		d.districts[r[0]] = r[1]
		if _, ok := d.schools[r[2]]; ok {
			fail("schools.csv", line, "duplicate school %s", r[2])
		}
		d.schools[r[2]] = r[0]
	}

	years := map[int]bool{}
	byID := map[string][]*studentRow{}
	for i, r := range read("students.csv") {
		line := i + 2
		s := &studentRow{id: r[1], school: r[2], language: r[5], line: line}
		var err error
		s.year, err = record.ParseYear(r[0])
		parse("students.csv", line, "year", r[0], err)
		s.grade, err = record.ParseGrade(r[3])
		parse("students.csv", line, "grade", r[3], err)
		s.status, err = record.ParseELStatus(r[4])
		parse("students.csv", line, "el_status", r[4], err)
		s.program, err = record.ParseProgram(r[6])
		parse("students.csv", line, "el_program", r[6], err)
		s.end, err = record.ParseEndStatus(r[7])
		parse("students.csv", line, "end_status", r[7], err)
		if !idPattern.MatchString(s.id) {
			fail("students.csv", line, "student id %q is not S and nine digits", s.id)
		}
		if _, ok := d.schools[s.school]; !ok {
			fail("students.csv", line, "school %s is not in schools.csv", s.school)
		}
		if (s.status == record.EL) != (s.program != record.NoProgram) {
			fail("students.csv", line, "el_status %s with el_program %q", s.status, s.program)
		}
		if s.language == "" {
			fail("students.csv", line, "no home language")
		}
		if s.end == record.Graduated && s.grade != 12 && s.grade != record.GradeSP {
			fail("students.csv", line, "graduated from grade %s", s.grade)
		}
		if s.end == record.DroppedOut && s.grade < 9 {
			fail("students.csv", line, "dropped out of grade %s", s.grade)
		}
		k := key(s.id, s.year)
		if _, ok := d.students[k]; ok {
			fail("students.csv", line, "duplicate student %s in %d", s.id, s.year)
		}
		d.students[k] = s
		byID[s.id] = append(byID[s.id], s)
		years[s.year] = true
	}
	for y := range years {
		d.years = append(d.years, y)
	}
	slices.Sort(d.years)

	// A student's history: consecutive years, one grade up each year, no return after leaving,
	// no way back into EL status, the same home language.
	for _, history := range byID {
		slices.SortFunc(history, func(a, b *studentRow) int { return a.year - b.year })
		for k := 1; k < len(history); k++ {
			prev, s := history[k-1], history[k]
			prev.next, s.previous = s, prev
			wantGrade := prev.grade + 1
			if prev.grade >= 12 {
				wantGrade = record.GradeSP
			}
			switch {
			case s.year != prev.year+1:
				fail("students.csv", s.line, "student %s is back in %d after leaving in %d", s.id, s.year, prev.year)
			case prev.end != record.Enrolled:
				fail("students.csv", s.line, "student %s is enrolled in %d after %s in %d", s.id, s.year, prev.end, prev.year)
			case s.grade != wantGrade:
				fail("students.csv", s.line, "student %s went from grade %s to %s", s.id, prev.grade, s.grade)
			case s.status == record.EL && prev.status != record.EL:
				fail("students.csv", s.line, "student %s went from %s to EL", s.id, prev.status)
			case s.language != prev.language:
				fail("students.csv", s.line, "student %s changed home language", s.id)
			}
		}
	}

	accessKeys := map[string]*accessRow{}
	for i, r := range read("access.csv") {
		line := i + 2
		s := student("access.csv", line, r[1], r[0], r[2])
		if s == nil {
			continue
		}
		a := accessRow{year: s.year, id: s.id, line: line}
		var err error
		a.grade, err = record.ParseGrade(r[3])
		parse("access.csv", line, "grade", r[3], err)
		if a.grade != s.grade {
			fail("access.csv", line, "grade %s, but students.csv says %s", a.grade, s.grade)
		}
		if s.status != record.EL {
			fail("access.csv", line, "ACCESS result of a student whose status is %s", s.status)
		}
		if a.grade == record.GradeSP || a.grade == record.GradePK {
			fail("access.csv", line, "ACCESS result in grade %s", a.grade)
		}
		status, err := record.ParseTestStatus(r[17])
		parse("access.csv", line, "test_status", r[17], err)
		a.notTested = status == record.NotTested
		a.yearsInEL, err = record.ParseWhole(r[14], 1, 99)
		parse("access.csv", line, "years_in_program", r[14], err)
		for _, f := range []struct {
			column int
			value  *record.Progress
		}{{16, &a.metExit}, {18, &a.exited}, {19, &a.sixYears}} {
			*f.value, err = record.ParseProgress(r[f.column])
			parse("access.csv", line, headers[accessFile][f.column], r[f.column], err)
		}
		k := key(a.id, a.year)
		if _, ok := accessKeys[k]; ok {
			fail("access.csv", line, "duplicate row of %s in %d", a.id, a.year)
		}
		accessKeys[k] = &a
		// RE5 is Yes in a seventh year or later without meeting the exit criteria, as DESE
		// gives it to the untested too; No for a student who met them; blank (DESE's -1)
		// within the six years.
		wantSix := record.NoIndicator
		switch {
		case a.metExit == record.ProgressYes:
			wantSix = record.ProgressNo
		case a.yearsInEL > 6:
			wantSix = record.ProgressYes
		}
		if a.sixYears != wantSix {
			fail("access.csv", line, "not_proficient_six_years %q in year %d of program with met_exit_criteria %q", a.sixYears, a.yearsInEL, a.metExit)
		}
		if a.notTested {
			// A student who did not test: nothing but the keys, years in program and RE5.
			for _, c := range []int{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18} {
				if r[c] != "" {
					fail("access.csv", line, "%s %q for a student who did not test", headers[accessFile][c], r[c])
				}
			}
			s.notTested = true
			d.notTested = append(d.notTested, a)
			continue
		}
		a.overall, err = record.ParseLevel(r[4], 10, 60)
		parse("access.csv", line, "overall_level", r[4], err)
		a.test, err = record.ParseTest(r[5])
		parse("access.csv", line, "test", r[5], err)
		for c := 6; c <= 9; c++ {
			_, err = record.ParseLevel(r[c], 10, 60)
			parse("access.csv", line, headers[accessFile][c], r[c], err)
		}
		if (r[10] == "") != (a.grade == 12) {
			fail("access.csv", line, "future_target %q in grade %s", r[10], a.grade)
		}
		if r[10] != "" {
			a.target, err = record.ParseLevel(r[10], 10, 42)
			parse("access.csv", line, "future_target", r[10], err)
			if a.target < min(a.overall, 42) {
				fail("access.csv", line, "future target %s below the level %s", a.target, a.overall)
			}
		}
		if (r[11] == "") != (r[10] == "") {
			fail("access.csv", line, "difficulty_index %q with future_target %q", r[11], r[10])
		}
		if r[11] != "" {
			a.difficulty, err = record.ParseWhole(r[11], 1, 99)
			parse("access.csv", line, "difficulty_index", r[11], err)
		}
		if r[12] != "" {
			a.sgpa, err = record.ParseWhole(r[12], 1, 99)
			parse("access.csv", line, "sgpa", r[12], err)
		}
		a.progress, err = record.ParseProgress(r[13])
		parse("access.csv", line, "progress", r[13], err)
		a.literacy, err = record.ParseLevel(r[15], 10, 60)
		parse("access.csv", line, "literacy", r[15], err)
		// RE2 is DESE's exit criteria; RE3 is given to the students who met them (blank, DESE's
		// NA, for the others), checked against students.csv below.
		if met := a.overall >= 42 && a.literacy >= 39; met != (a.metExit == record.ProgressYes) || a.metExit == record.NoIndicator {
			fail("access.csv", line, "met_exit_criteria %q with overall %s and literacy %s", a.metExit, a.overall, a.literacy)
		}
		if (a.exited == record.NoIndicator) != (a.metExit != record.ProgressYes) {
			fail("access.csv", line, "exited_after_exit_criteria %q with met_exit_criteria %q", a.exited, a.metExit)
		}
		s.hasAccess = true
		d.access = append(d.access, a)
	}
	// Progress and SGPA follow from the prior year's result (in the first year, from a result
	// before the data set); years in program count up, through the years without a result.
	// RE3 (exited after meeting the exit criteria) is Yes exactly when students.csv has the
	// student FormerEL the next year (the last year has no next year to check).
	tested, untested := 0, 0
	for _, a := range accessKeys {
		prev := accessKeys[key(a.id, a.year-1)]
		if prev != nil && prev.yearsInEL+1 != a.yearsInEL {
			fail("access.csv", a.line, "years in program %d after %d", a.yearsInEL, prev.yearsInEL)
		}
		if a.notTested {
			continue
		}
		if prev != nil && prev.notTested {
			prev = nil
		}
		switch {
		case prev == nil && a.year > d.years[0] && (a.progress != record.NoIndicator || a.sgpa != 0):
			fail("access.csv", a.line, "progress %q and sgpa %d without a prior-year result", a.progress, a.sgpa)
		case prev != nil && a.sgpa == 0:
			fail("access.csv", a.line, "no sgpa after a prior-year result")
		case prev != nil && prev.target > 0 && (a.progress == record.ProgressYes) != (a.overall >= prev.target):
			fail("access.csv", a.line, "progress %q with level %s against last year's target %s", a.progress, a.overall, prev.target)
		case prev != nil && prev.target > 0 && a.progress == record.NoIndicator:
			fail("access.csv", a.line, "no progress indicator after a prior-year target")
		}
		if s := d.students[key(a.id, a.year)]; a.exited != record.NoIndicator && a.year < d.years[len(d.years)-1] {
			formerNext := s.next != nil && s.next.status == record.FormerEL
			if formerNext != (a.exited == record.ProgressYes) {
				fail("access.csv", a.line, "exited_after_exit_criteria %q, FormerEL the next year: %v", a.exited, formerNext)
			}
		}
	}
	// DESE's file lists every EL: those without a result did not test.
	for _, s := range d.students {
		if s.status == record.EL && s.grade >= record.GradeK && s.grade <= 12 {
			switch {
			case s.hasAccess:
				tested++
			case s.notTested:
				untested++
			default:
				fail("access.csv", 0, "EL %s in grade %s in %d has no row", s.id, s.grade, s.year)
			}
		}
	}
	if tested+untested >= 100 && tested < 9*untested {
		t.Errorf("%d ELs tested and %d untested, want most tested", tested, untested)
	}

	ewisKeys := map[string]bool{}
	for i, r := range read("ewis.csv") {
		line := i + 2
		s := student("ewis.csv", line, r[1], r[0], r[2])
		if s == nil {
			continue
		}
		risk, err := record.ParseRisk(r[4])
		parse("ewis.csv", line, "risk_level", r[4], err)
		if r[3] != s.grade.String() || s.grade < 1 || s.grade > 12 {
			fail("ewis.csv", line, "grade %s, student in grade %s", r[3], s.grade)
		}
		if ewisKeys[key(s.id, s.year)] {
			fail("ewis.csv", line, "duplicate risk of %s in %d", s.id, s.year)
		}
		ewisKeys[key(s.id, s.year)] = true
		s.ewis++
		count(&d.ewisHigh, s.status, risk == record.RiskHigh)
	}
	for i, r := range read("courses.csv") {
		line := i + 2
		s := student("courses.csv", line, r[1], r[0], r[2])
		if s == nil {
			continue
		}
		taken, err := record.ParseWhole(r[3], 5, 8)
		parse("courses.csv", line, "courses_taken", r[3], err)
		passed, err := record.ParseWhole(r[4], 0, taken)
		parse("courses.csv", line, "courses_passed", r[4], err)
		if s.grade != 9 {
			fail("courses.csv", line, "course results of a grade %s student", s.grade)
		}
		s.courses++
		count(&d.courseFail, s.status, passed < taken)
	}
	mcasKeys := map[string]bool{}
	for i, r := range read("mcas.csv") {
		line := i + 2
		s := student("mcas.csv", line, r[1], r[0], r[2])
		if s == nil {
			continue
		}
		subject, err := record.ParseSubject(r[4])
		parse("mcas.csv", line, "subject", r[4], err)
		level, err := record.ParseAchievement(r[5])
		parse("mcas.csv", line, "achievement_level", r[5], err)
		if r[3] != s.grade.String() || !slices.Contains(mcasSubjects(s.grade), subject) {
			fail("mcas.csv", line, "%s in grade %s, student in grade %s", subject, r[3], s.grade)
		}
		k := key(s.id, s.year) + subject.String()
		if mcasKeys[k] {
			fail("mcas.csv", line, "duplicate %s result of %s in %d", subject, s.id, s.year)
		}
		mcasKeys[k] = true
		count(&d.mcasLow, s.status, level == record.NotMeeting)
	}
	for i, r := range read("plans.csv") {
		line := i + 2
		s := student("plans.csv", line, r[1], r[0], r[2])
		if s == nil {
			continue
		}
		plan, err := record.ParsePlan(r[3])
		parse("plans.csv", line, "plan", r[3], err)
		if s.end != record.Graduated {
			fail("plans.csv", line, "plan of a student whose end status is %s", s.end)
		}
		s.plans++
		count(&d.notFourYear, s.status, !plan.FourYearCollege())
	}
	for _, s := range d.students {
		wantEWIS := s.grade >= 1 && s.grade <= 12
		switch {
		case (s.ewis == 1) != wantEWIS || s.ewis > 1:
			fail("ewis.csv", 0, "%d risk rows for %s in %d in grade %s", s.ewis, s.id, s.year, s.grade)
		case (s.courses == 1) != (s.grade == 9) || s.courses > 1:
			fail("courses.csv", 0, "%d course rows for %s in %d in grade %s", s.courses, s.id, s.year, s.grade)
		case (s.plans == 1) != (s.end == record.Graduated) || s.plans > 1:
			fail("plans.csv", 0, "%d plans for %s in %d with end status %s", s.plans, s.id, s.year, s.end)
		}
		if s.grade >= 9 && s.grade <= 12 {
			count(&d.dropout, s.status, s.end == record.DroppedOut)
		}
	}

	cohortKeys := map[string]record.Outcome{}
	for i, r := range read("cohort.csv") {
		line := i + 2
		year, err := record.ParseYear(r[0])
		parse("cohort.csv", line, "cohort_year", r[0], err)
		outcome, err := record.ParseOutcome(r[4])
		parse("cohort.csv", line, "outcome", r[4], err)
		if _, ok := d.schools[r[2]]; !ok {
			fail("cohort.csv", line, "school %s is not in schools.csv", r[2])
		}
		if r[3] != "Yes" && r[3] != "No" {
			fail("cohort.csv", line, "el_in_cohort %q", r[3])
		}
		k := key(r[1], year)
		if _, ok := cohortKeys[k]; ok {
			fail("cohort.csv", line, "duplicate member %s of cohort %d", r[1], year)
		}
		cohortKeys[k] = outcome
		group := record.NonEL
		if r[3] == "Yes" {
			group = record.EL
		}
		history := byID[r[1]]
		if len(history) == 0 {
			// A member who left before the first year of students.csv (an early dropout):
			// the cohort still counts them, so the rates are not biased by the data window.
			if outcome == record.OutcomeGraduated {
				fail("cohort.csv", line, "student %s graduated without a students.csv row", r[1])
			}
			d.cohortOutsiders++
			count(&d.cohortNotGrad, group, true)
			continue
		}
		elInHS := false
		for _, s := range history {
			if s.grade >= 9 && s.grade <= 12 && s.status == record.EL {
				elInHS = true
			}
			if s.grade >= 9 && s.grade <= 12 && s.year+12-int(s.grade) != year {
				fail("cohort.csv", line, "student %s in grade %s in %d is not in cohort %d", s.id, s.grade, s.year, year)
			}
			if s.grade == 12 && s.end == record.Graduated && outcome != record.OutcomeGraduated {
				fail("cohort.csv", line, "student %s graduated from grade 12, outcome %s", s.id, outcome)
			}
			if s.end == record.DroppedOut && outcome != record.OutcomeDroppedOut && outcome != record.HiSET {
				fail("cohort.csv", line, "student %s dropped out, outcome %s", s.id, outcome)
			}
			if s.end == record.TransferredOut && s.grade <= 12 {
				fail("cohort.csv", line, "student %s transferred out, but is in the cohort", s.id)
			}
		}
		// The state counts a student EL in any high school year, some of them before the data set.
		if elInHS && r[3] != "Yes" {
			fail("cohort.csv", line, "student %s was EL in high school, el_in_cohort %s", r[1], r[3])
		}
		last := history[len(history)-1]
		if s := d.students[key(r[1], year)]; s != nil {
			last = s
		}
		if last.school != r[2] {
			fail("cohort.csv", line, "school %s, but the student's last school is %s", r[2], last.school)
		}
		count(&d.cohortNotGrad, group, outcome != record.OutcomeGraduated)
	}
	// Every grade-12 student belongs to the cohort of that year, unless they transferred out.
	for _, s := range d.students {
		if s.grade == 12 && s.end != record.TransferredOut {
			if _, ok := cohortKeys[key(s.id, s.year)]; !ok {
				fail("cohort.csv", 0, "grade-12 student %s of %d is not in the cohort", s.id, s.year)
			}
		}
	}
	return d
}
