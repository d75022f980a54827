package public

// Population is an organisation's row of the Enrollment by Selected Population export: the
// shares DESE's DART compares districts by.
type Population struct {
	Org                     Org
	EL                      Share // English learners
	LowIncome               Share // low income (economically disadvantaged 2015-2021)
	HighNeeds               Share
	Disabilities            Share // students with disabilities
	FirstLanguageNotEnglish Share
}

// Share is a selected population of an organisation: how many students, and what percent of
// its enrollment they are.
type Share struct {
	Count   int     // students; 0 when not reported
	Percent float64 // percent of the enrollment, 0-100
	// Reported is false when the file has no such column or DESE left the percentage blank.
	Reported bool
}

// Populations returns the rows of a selected-populations export by organisation code (the
// state's included); nil for a file of another report.
func Populations(f File) map[string]Population {
	return byOrg(f.populations, func(p Population) string { return p.Org.Code })
}

// byOrg returns rows by their organisation's code (a new map, which the caller may change);
// nil for no rows.
func byOrg[T any](rows []T, code func(T) string) map[string]T {
	if len(rows) == 0 {
		return nil
	}
	out := make(map[string]T, len(rows))
	for _, r := range rows {
		out[code(r)] = r
	}
	return out
}

// populationColumns names each population's columns, each name followed by "#" (the count)
// and "%" in the export, in the order of preference: the names changed over the years
// ("English Language Learner" before "English Learners"; "Economically Disadvantaged" in
// 2015-2021, when "Low Income" is blank).
var populationColumns = []struct {
	names []string
	share func(p *Population) *Share
}{
	{[]string{"english learners", "english language learners", "english language learner", "limited english proficient"},
		func(p *Population) *Share { return &p.EL }},
	{[]string{"low income", "economically disadvantaged"}, func(p *Population) *Share { return &p.LowIncome }},
	{[]string{"high needs"}, func(p *Population) *Share { return &p.HighNeeds }},
	{[]string{"students with disabilities"}, func(p *Population) *Share { return &p.Disabilities }},
	{[]string{"first language not english"}, func(p *Population) *Share { return &p.FirstLanguageNotEnglish }},
}

// populationsRow reads a row of the selected-populations export. A name DESE repeats (the
// 2024-25 export has "Students with Disabilities#" and "%" twice, the first pair blank) is read
// as pairs, the k-th count with the k-th percentage, and the first pair with a value wins.
func populationsRow(r *fileReader, c *rowCtx) {
	p := Population{Org: c.org}
	for _, pc := range populationColumns {
		s := pc.share(&p)
	names:
		for _, name := range pc.names {
			counts, pcts := r.header.cols(name+"#"), r.header.cols(name+"%")
			for k := range max(len(counts), len(pcts)) {
				cnt, pct := -1, -1
				if k < len(counts) {
					cnt = counts[k]
				}
				if k < len(pcts) {
					pct = pcts[k]
				}
				if (cnt < 0 || blank(c.rec[cnt])) && (pct < 0 || blank(c.rec[pct])) {
					continue
				}
				if cnt >= 0 {
					s.Count = c.countAt(cnt)
				}
				if pct >= 0 {
					s.Percent, s.Reported = c.percentAt(pct)
				}
				break names
			}
		}
	}
	if !c.failed {
		r.file.populations = append(r.file.populations, p)
	}
}
