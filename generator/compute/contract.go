package compute

import "elreport/generator/metric"

// Result is what the compute stage hands to the render stage: every published figure, already
// suppressed, and the entities and years they describe. It holds no row-level value.
type Result struct {
	// Years lists the school years present, ascending.
	Years []int
	// Districts lists the districts by code, each with its schools by code.
	Districts []District
	// Figures holds every figure in the order of metrics.csv: districts before schools, then by
	// entity code, year, topic, metric (in the order of Metrics), group (EL, FormerEL, NonEL,
	// All) and category (in the order of Metrics). Use Lookup to find one.
	Figures []Figure
	// HomeLanguages counts EL students by home language in the latest published year, most
	// first, then by name. These counts are not suppressed: they feed the build's report of
	// translation coverage, and a page that shows them must apply min_n itself.
	HomeLanguages []LanguageCount
	// PublishedLanguages holds the same counts as a public page may show them (see
	// PublishLanguages): shown counts most first, then the suppressed ones by name, with their
	// ELStudents zero.
	PublishedLanguages []LanguageCount
	// Audit describes the privacy audit of the figures (see Audit), run on every year computed
	// after suppression. AuditErr is non-nil when the audit found a violation that the
	// suppression could not remove (it should not happen): the figures must then not be
	// published, and a build must fail.
	Audit    AuditStats
	AuditErr error
	// Suppression describes what the suppression hid, and the audit loop that checked it.
	Suppression SuppressionStats

	// ordered says Figures are in Result's order, which Lookup searches; otherwise index
	// finds a figure by its keys. See Lookup and Reindex.
	ordered bool
	index   map[figureKey]int
	// ranks are the packed ranks of Figures when ordered (see EntityFigures); nil when they
	// do not pack.
	ranks []uint64
}

// District is a district and its schools.
type District struct {
	Code, Name string
	Schools    []School
}

// School is a school as schools.csv describes it.
type School struct {
	Code, Name       string
	DistrictCode     string
	GradeSpan, Level string
}

// Figure is one row of metrics.csv (docs/metrics.md), plus what pages need to show it.
type Figure struct {
	EntityType string // "district" or "school"
	EntityCode string
	// About holds the entity's name and where the figure comes from (EntityName, Source).
	About *About
	// District is the code of the district the entity is (or belongs to).
	District string
	Year     int
	Metric   metric.ID // its topic is Topic()
	Group    string    // EL, FormerEL, NonEL, All
	Category string
	Kind     Kind
	// Suppressed, Wide and SuppressedFor sit beside Kind: four bytes in one word, where apart
	// each took a word of its own (a million figures at state scale). TestFigureSize keeps
	// them there.
	Suppressed bool
	// Wide marks a gap wider than site.toml's gap_threshold (only on *_gap figures).
	Wide bool
	// SuppressedFor says why a suppressed figure is hidden (the suppression column of
	// metrics.csv); 0 when published.
	SuppressedFor SuppressionReason
	// Numerator and Denominator are the counts behind a share or count; zero for a median's
	// numerator and for gaps. Both are zero when Suppressed.
	Numerator, Denominator int
	// Value is a percentage 0-100 (share), a count, a median, or percentage points (gap);
	// zero when Suppressed.
	Value float64
}

// About is what a figure says besides its keys and numbers: its entity's name, and its source.
// One About is shared by the figures of an entity (and of a source), where the two strings
// took 32 bytes of each of a million figures at state scale.
type About struct {
	EntityName string
	// Source says where a figure comes from when the site did not compute it from the
	// district's files: a DESE report (PublicSource); empty for the site's own.
	Source string
}

// Topic returns the topic of the figure's metric.
func (f *Figure) Topic() metric.Topic { return f.Metric.Topic() }

// EntityName returns the name of the figure's entity ("" when it has no About).
func (f *Figure) EntityName() string {
	if f.About == nil {
		return ""
	}
	return f.About.EntityName
}

// Source returns where the figure comes from: a DESE report (PublicSource), or "" for the
// site's own figures.
func (f *Figure) Source() string {
	if f.About == nil {
		return ""
	}
	return f.About.Source
}

// SuppressionReason says why a figure is hidden; its String is the suppression column of
// metrics.csv. It is a byte, not that text: a figure's reason sits beside its Kind, where a
// string took 16 bytes of each of a million figures at state scale.
type SuppressionReason uint8

// The reasons. The zero value is none: the figure is published.
const (
	// ForSize: the figure describes fewer than min_n students (a gap: a side does).
	ForSize SuppressionReason = iota + 1
	// ForComplement: the figure describes min_n students or more, and is hidden so that
	// another hidden figure cannot be worked out from the published ones (a gap: its sides
	// are hidden for that reason).
	ForComplement
	// ForSource is the reason of a figure DESE left blank in its public report (a small
	// group, by DESE's own rule): a site built from the public reports alone shows it as DESE
	// did.
	ForSource
)

// String returns the reason as metrics.csv writes it: "size", "complementary", "source", or
// "" for none.
func (r SuppressionReason) String() string {
	switch r {
	case ForSize:
		return "size"
	case ForComplement:
		return "complementary"
	case ForSource:
		return "source"
	}
	return ""
}

// LanguageCount is the number of EL students with a home language.
type LanguageCount struct {
	// Language is the language's English name (see the package doc for how values are read).
	Language string
	// Code is the language's ISO 639 code (639-1 where there is one) when the language is one
	// the package knows, else blank.
	Code       string
	ELStudents int
	// Suppressed is set on a count PublishedLanguages hides; ELStudents is then zero.
	Suppressed bool
}
