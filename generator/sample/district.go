package sample

import (
	"fmt"
	"strconv"

	"elreport/generator/record"
)

// schoolKind is what grades a school serves.
type schoolKind uint8

const (
	elementarySchool schoolKind = iota // K-5
	middleSchool                       // 6-8
	highSchool                         // 9-12 (and students beyond grade 12)
	newcomerSchool                     // 9-12, for ELs who arrive from abroad in high school
	k8School                           // K-8
	k12School                          // K-12
)

// gradeSpans and levels are the grade_span and level columns of each kind of school.
var (
	gradeSpans = [...]string{"K-5", "6-8", "9-12", "9-12", "K-8", "K-12"}
	levels     = [...]string{"Elementary", "Middle", "High", "High", "Elementary-Middle", "K-12"}
)

// district is a generated district: its schools and the seats of its students.
type district struct {
	code, name string // code is eight digits, e.g. "01490000"
	schools    []school
	// bands lists, for grades K-5, 6-8 and 9-12 (with SP), the schools serving them with the
	// upper bound of each one's share of the attendance zone (0-1, the last one 1).
	bands [3][]zoneSchool
	// newcomer is the index of the newcomer high school, or -1 when the district has none.
	newcomer int
	// firstSlot and endSlot bound the district's seats among all districts' seats.
	firstSlot, endSlot int
	// elFactor scales the chance that a student entering the district is an English learner.
	elFactor float64
}

// school is a row of schools.csv.
type school struct {
	code, name string
	kind       schoolKind
}

// zoneSchool is a school of a grade band and the upper bound of its share of the zone.
type zoneSchool struct {
	school int
	upTo   float64
}

// schoolFor returns the index of the school a student attends in a grade: by the student's place
// in the attendance zone (0-1), or the newcomer school for a student placed there.
func (d *district) schoolFor(grade record.Grade, zone float64, newcomer bool) int {
	band := 0
	switch {
	case grade >= 9:
		band = 2
		if newcomer && d.newcomer >= 0 {
			return d.newcomer
		}
	case grade >= 6:
		band = 1
	}
	schools := d.bands[band]
	for _, s := range schools[:len(schools)-1] {
		if zone < s.upTo {
			return s.school
		}
	}
	return schools[len(schools)-1].school
}

// layout returns the kinds of the schools of a district with n schools, in the order of their
// codes: elementary schools first, then middle and high schools. From five schools on, one is a
// small newcomer high school.
func layout(n int) []schoolKind {
	switch n {
	case 1:
		return []schoolKind{k12School}
	case 2:
		return []schoolKind{k8School, highSchool}
	case 3:
		return []schoolKind{elementarySchool, middleSchool, highSchool}
	case 4:
		return []schoolKind{elementarySchool, elementarySchool, middleSchool, highSchool}
	}
	highs := 1 + (n-5)/8
	rest := n - 1 - highs
	middles := max(1, rest*2/7)
	kinds := make([]schoolKind, 0, n)
	for range rest - middles {
		kinds = append(kinds, elementarySchool)
	}
	for range middles {
		kinds = append(kinds, middleSchool)
	}
	for range highs {
		kinds = append(kinds, highSchool)
	}
	return append(kinds, newcomerSchool)
}

// District and school names. All are fictional; the person names are Massachusetts figures
// after whom many real schools are named, which is what makes the names look familiar.
var (
	districtRoots = [...]string{
		"Riverbend", "Alderbrook", "Birchfield", "Cranmoor", "Deerhollow", "Elmstead", "Foxmeadow",
		"Glenhaven", "Hollisford", "Ironbridge", "Juniper Falls", "Kettleford", "Larkspur",
		"Millbridge", "Northcote", "Oakhaven", "Pinecrest", "Quarry Hill", "Rosemont", "Stillwater",
		"Thornbury", "Underhill", "Valewood", "Westbrook Falls", "Willowmere", "Ashcombe",
		"Bellhaven", "Cobble Ridge", "Dovecote", "Eastmarsh", "Fernwick", "Granite Bay",
		"Harborview", "Indigo Lake", "Kingsmere", "Lindenvale", "Maple Crossing", "Netherby",
		"Orchard Hill", "Pembury",
	}
	districtPrefixes = [...]string{"", "North ", "South ", "East ", "West ", "New ", "Upper ", "Lower ", "Old "}
	districtSuffixes = [...]string{"Public Schools", "Regional School District", "Unified School District"}
	elementaryNames  = [...]string{
		"Abigail Adams", "Frederick Douglass", "Phillis Wheatley", "Clara Barton", "Crispus Attucks",
		"Emily Dickinson", "Louisa May Alcott", "Maria Baldwin", "Elizabeth Freeman", "Paul Cuffe",
		"Dorothea Dix", "Margaret Fuller", "Robert Frost", "Lucy Larcom", "Benjamin Franklin",
		"Sarah Greenwood", "William Monroe Trotter", "Anne Hutchinson", "Elihu Greenwood", "Mary Lyon",
	}
	middleNames = [...]string{
		"Lucy Stone", "Paul Revere", "Deborah Sampson", "Mercy Otis Warren", "Horace Mann",
		"John Quincy Adams", "W. E. B. Du Bois", "Henry David Thoreau",
	}
	highPrefixes = [...]string{"", "East ", "West ", "North ", "South "}
)

// districtCode returns the four-digit code of the i-th district: 0149 for the first, then
// evenly spaced so that codes grow with i.
func districtCode(i, districts int) int {
	step := min(35, (9999-149)/districts)
	return 149 + i*step
}

// districtName returns the name of the i-th district; the first is "Riverbend Public Schools".
func districtName(i int, code string) string {
	roots, prefixes, suffixes := len(districtRoots), len(districtPrefixes), len(districtSuffixes)
	name := districtPrefixes[i/roots%prefixes] + districtRoots[i%roots] + " " + districtSuffixes[i/(roots*prefixes)%suffixes]
	if i >= roots*prefixes*suffixes {
		name += " " + code
	}
	return name
}

// districtRoot returns the place name of the i-th district, used in its high schools' names.
func districtRoot(i int) string {
	roots := len(districtRoots)
	return districtPrefixes[i/roots%len(districtPrefixes)] + districtRoots[i%roots]
}

// nthName returns the n-th name of a list, starting at an offset, numbered once the list is used up.
func nthName(names []string, offset, n int) string {
	name := names[(offset+n)%len(names)]
	if n >= len(names) {
		name += " " + strconv.Itoa(n/len(names)+1)
	}
	return name
}

// newDistricts builds the districts of a data set and divides the seats among them.
func newDistricts(opts Options, seedKey uint64) []district {
	districts := make([]district, opts.Districts)
	kinds := layout(opts.SchoolsPerDistrict)
	for i := range districts {
		d := &districts[i]
		code := districtCode(i, opts.Districts)
		d.code = fmt.Sprintf("%04d0000", code)
		d.name = districtName(i, fmt.Sprintf("%04d", code))
		d.firstSlot = int(int64(opts.Students) * int64(i) / int64(opts.Districts))
		d.endSlot = int(int64(opts.Students) * int64(i+1) / int64(opts.Districts))
		// The first district has the calibrated EL share; others vary from a third to 1.6 times it.
		d.elFactor = 1
		if i > 0 {
			d.elFactor = 0.35 + 1.25*unitFloat(mix(seedKey^0xd1b54a32d192ed03, uint64(i)))
		}
		d.newcomer = -1
		var counts [6]int
		root := districtRoot(i)
		for j, kind := range kinds {
			n := counts[kind]
			counts[kind]++
			var name string
			switch kind {
			case elementarySchool:
				name = nthName(elementaryNames[:], i*7, n) + " Elementary School"
			case middleSchool:
				name = nthName(middleNames[:], i*3, n) + " Middle School"
			case highSchool:
				name = root + " High School"
				if n > 0 {
					name = nthName(highPrefixes[1:], 0, n-1) + root + " High School"
				}
			case newcomerSchool:
				name = root + " International Newcomer Academy"
				d.newcomer = j
			case k8School:
				name = nthName(elementaryNames[:], i*7, n) + " K-8 School"
			case k12School:
				name = root + " Community School"
			}
			d.schools = append(d.schools, school{
				code: fmt.Sprintf("%04d%04d", code, (j+1)*5),
				name: name,
				kind: kind,
			})
		}
		d.bands = zoneBands(d.schools)
	}
	return districts
}

// zoneBands divides each grade band's attendance zone among the schools serving it: elementary
// schools of decreasing size (7:6:5:4:3 for five), middle schools likewise, high schools evenly.
// Because every band divides the same zone in code order, elementary schools feed middle
// schools and middle schools feed high schools.
func zoneBands(schools []school) [3][]zoneSchool {
	var bands [3][]zoneSchool
	var weights [3][]float64
	add := func(band, school int) {
		bands[band] = append(bands[band], zoneSchool{school: school})
	}
	for j, s := range schools {
		switch s.kind {
		case elementarySchool:
			add(0, j)
		case middleSchool:
			add(1, j)
		case highSchool:
			add(2, j)
		case k8School:
			add(0, j)
			add(1, j)
		case k12School:
			add(0, j)
			add(1, j)
			add(2, j)
		}
	}
	for b := range bands {
		n := len(bands[b])
		for k := range n {
			w := 1.0
			if b < 2 {
				w = float64(n + 2 - k)
			}
			weights[b] = append(weights[b], w)
		}
		var total, sum float64
		for _, w := range weights[b] {
			total += w
		}
		for k := range bands[b] {
			sum += weights[b][k]
			bands[b][k].upTo = sum / total
		}
		bands[b][n-1].upTo = 1
	}
	return bands
}
