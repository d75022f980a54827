// Package compute turns the validated rows of a load into the figures the site publishes
// (docs/metrics.md), and suppresses what may not be published (docs/privacy.md). It is pure: rows
// in through the Aggregator (a load.Sink), figures out of Aggregator.Result, no I/O except
// WriteCSV, which writes metrics.csv.
//
// # Counting
//
// Rows are counted as they arrive into fixed-size counters per school, year and EL status
// (and a histogram of SGPA 1-99 for the median), so memory grows with schools × years, never
// with students. A district's counts are the sum of its schools'; group All is the sum of
// EL, FormerEL and NonEL. Every figure is computed for the district and for every school, for
// every year present in any input (a cohort counts under its cohort_year), and for groups EL,
// FormerEL, NonEL and All, except the ACCESS benchmarks, which are about ELs only (group EL).
// A figure exists only where its denominator is not zero. Shares are percentages of the
// denominator in full precision (100 × numerator / denominator); nothing is rounded here.
//
// # Metrics
//
// The metrics, their categories, groups and the exact rule of each are the catalogue's
// (package metric; docs/metrics.md is generated from it). Result makes the figures in the
// catalogue's order. Gaps, for groups EL and FormerEL against NonEL where both figures exist,
// are value(group) − value(NonEL) in percentage points; a gap is Wide when its absolute value
// exceeds site.toml's gap_threshold, and <base>_gap_change is the gap minus the same gap in the
// prior year present in the data (the previous year with any row, whether published or not).
// Gap figures have no numerator or denominator.
//
// # Suppression
//
// The figures computed from one set of students (their common denominator) are published or
// suppressed together: for example tested, level_band, proficient and long_term_el all describe
// the tested ELs of a school, year and group, so a visible tested never reveals the hidden
// denominator of a level band. Call such a set a cell. Two rules decide which cells are
// suppressed; a suppressed figure keeps its keys and loses its numerator, denominator and
// value.
//
//  1. Minimum size: a cell with fewer students than min_n is suppressed.
//  2. No suppressed cell may be derivable from the published ones by adding and subtracting.
//     The counts of cells add up in three ways: the groups (EL + FormerEL + NonEL = All); the
//     categories that split a set of students (years in program, grade spans and programs
//     split the ELs with a progress indicator; years in program the tested ELs; age groups the
//     students with an EWIS level); and the schools (their sum is the district). A cell whose
//     value follows from the published cells through these sums is suppressed too, and so on
//     until none does; nor may a hidden count be pinned to one value by the sums and whole-number
//     bounds, nor a set of hidden cells whose combined count follows describe fewer than min_n
//     students. The students a breakdown leaves out (ELs without years in program,
//     EWIS rows of PK, K and SP) count as a hidden cell that must not be derivable either when
//     it has fewer than min_n students.
//
// participation_rate publishes two counts of one set of students, the ELs expected to test:
// its denominator, and its numerator, which is tested + alt_tested (the tested with an overall
// level and the Alternate ACCESS results without one). Its denominator minus its numerator is
// the ELs who did not test, in no other figure: a remainder. So in the suppression table of the
// tested (one table with the alternate and the participation cells) the numerator is a shadow
// cell, tested + alternate, published and hidden with participation_rate (with tested and
// participation_rate published, a hidden alt_tested would be their difference), but not
// protected itself (it is known wherever tested and alt_tested are); and the participation
// cell stands, in the sums of schools, for those who did not test, which must not be derivable
// when it is hidden (its denominator would be). participation_rate is also hidden when 1 to
// min_n-1 students did not test (publishing it would publish that remainder): as a complement,
// since its denominator may be min_n or more. Where one of these cells must be hidden as a
// complement, participation_rate (one figure) is preferred to any other (tested hides a dozen).
// The bands of the four ACCESS domains (listening_band, ..., writing_band) are figures of the
// tested: a tested EL without a domain's level is in none of its bands, so the tested minus the
// sum of a domain's bands is a remainder too; the tested cell is hidden (as a complement) when
// 1 to min_n-1 tested lack some domain's level, and stands in the sums for those remainders.
// level_band_by_grade (districts only) splits the district's tested by grade, K to 12; the
// tested of PK, SP and other grades are a remainder cell of that split (protected when 1 to
// min_n-1). Its band numerators add up across grades, with the remainder's, to level_band's:
// the suppression tables know only the split of the students, and the audit the numerators'
// sums, hiding more grades where they would pin a hidden grade's band.
// exited_after_exit_criteria (DESE's RE3) is of the ELs whose row has the flag (those who
// met the exit criteria): a cell of its own, in a table of its own (schools add up to the
// district); not_proficient_six_years (RE5), like met_exit_criteria, is a figure of the tested.
// The audit knows the relations on its own (audit.go).
//
// Rule 2 is applied per district, year and kind of cell: first, wherever one sum has exactly
// one hidden cell, the smallest published cell of that sum is suppressed as well, preferring a
// part to the total (the rank rule); then, while a hidden cell's value is determined by the
// linear equations of all the sums given the published values (its column in the matrix of
// the equations is not in the span of the other hidden cells' columns), the smallest
// published cell of its sums is suppressed too. Then the audit (audit.go), written apart from the
// suppressor, reads the published figures as an attacker would: every relation between them
// (the sums above, gaps as differences, plan shares and summaries) with each hidden count a
// whole number between 0 and its denominator. It solves, by linear programming with branch
// and bound on integers, the range each hidden numerator and denominator can take, and the
// combined range of each set of hidden cells whose sum is determined. A hidden cell pinned to
// one value (a 0 forced by a published 0 for its whole aside), or a derivable set describing
// fewer than min_n students, is a violation; for each, the smallest published cell of its
// relations is suppressed too (parts before totals), the rank rule applies again, and the
// tables that changed are audited again, until none is violated. The build runs the audit
// once more on everything and publishes nothing when it fails (Result.AuditErr). A figure
// records why it is hidden: ForSize (rule 1) or ForComplement (rule 2), the suppression
// column of metrics.csv. Gaps are computed after suppression: a gap with a suppressed side is
// suppressed, and so is a change of a suppressed gap. Charts, tables and downloads all show
// these same figures.
//
// # Years
//
// Every year present is computed, so that a gap's change can use the prior year; Result keeps
// only the years Options.Years lists (all when empty).
//
// # Order
//
// Result.Figures are in the order of metrics.csv: districts before schools, then by entity
// code, year, topic, metric (in the order of Metrics), group (EL, FormerEL, NonEL, All) and
// category (in the order of Metrics: bands ascending, Low/Moderate/High, the plan order, 1..5,
// 6+, subjects ELA, Math, Science).
//
// # Home languages
//
// Result.HomeLanguages counts EL students (students.csv rows with el_status EL) of the latest
// published year by home language. A value is read with spaces trimmed and collapsed and
// without regard to case; ISO 639-1 codes (es, pt, ht, zh, vi, ar, ...), ISO 639-2/3 codes
// (spa, por, hat, kea, ...) and the English names of the languages most common in
// Massachusetts schools become the English name with the ISO code in LanguageCount.Code;
// any other value is kept in lower case with each word capitalised ("DINKA" and "dinka" are
// both "Dinka"), without a code. A blank home_language counts as UnknownLanguage.
package compute
