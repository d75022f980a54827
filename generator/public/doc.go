// Package public reads DESE's public report exports, as downloaded from the statewide reports
// of profiles.doe.mass.edu and saved as CSV, and translates them into the metric catalogue's
// terms: figures of the state, of districts and of schools, to set beside a district's own
// (docs/public-data.md). It is one stage: files in, Files out; it knows nothing of site.toml or
// of pages. Read reads one file, ReadDir a folder.
//
// # Recognition
//
// Each file is recognised by its header row, found among its first rows: the first row with a
// "District Code" or "School Code" column (the file's level) or the columns of a report (see
// the reports table in reports.go). The rows above it, at most three, are the title row that
// DESE's workbook puts above the header (padded with commas to the header's width when saved as
// CSV); a file may have none, as users often delete it. Header names are matched without regard
// to case, runs of spaces or spaces around "#" and "%" ("English Learners %" is
// "English Learners%"). A file that is none of the reports is an error listing the reports
// read and the header that identifies each.
//
// # Year, group and rate type
//
// The title row says the year ("2017-18 ..." is 2018; "2023 ..." and "2023Per ..." are 2023),
// the student group after " - " ("(District) - English Learners", possibly followed by more
// " - " selectors) and, for graduation rates, maybe the rate type ("4-year", "5yr"). What the
// title row does not say, the Hint (site.toml [public_data.files."name.csv"]) says; what
// neither says is an error that names the keys to add. A hint that contradicts the title is an
// error. A file without a group, and whose report has no group selector (Plans, Enrollment
// by Selected Population), is of all students; so is a file whose title names no group, with
// a note. The group of the attending-college export is also in its headers ("Low Income High
// School Graduates (#)"). Groups map onto the site's: All Students and All to All; English
// Learners, EL, English Language Learners, ELL and LEP to EL; Former English Learners and Former
// EL to FormerEL. Any other group (Low Income, High Needs, "English Learners and Former English
// Learners") is kept by name and gives no figures.
//
// # Rows
//
// Text is UTF-8 (with or without a byte order mark), or Windows-1252 when it is not valid UTF-8
// (the rule of generator/load), with CRLF or LF line ends. Numbers are read as DESE writes them:
// right-aligned with spaces ("  30.0"), counts with thousands separators and so quoted
// ("  67,914"). A blank cell (or a single space) is a value DESE suppressed: the figure is
// Suppressed, with the count when the row gives it. Codes are eight digits; codes that lost
// their leading zeros in a spreadsheet are padded. The state's row ("State Totals", or "State"
// in MCAS) has code 00000000 and level "state". Rows of blank cells and single-cell lines
// without a code (a footnote) are skipped. Every problem names the file and line.
//
// # Figures
//
//	Graduation Rates, 4-year   % Graduated -> graduation_rate, % Dropped Out -> cohort_dropout_rate
//	                           (denominator # in Cohort)
//	Graduation Rates, 5-year   none (the catalogue's rates are four-year)
//	Dropout Report             % Dropout All Grades -> annual_dropout_rate
//	                           (denominator # Enrolled Grades 09 through 12)
//	MCAS Achievement Results   M+E % of ELA, MATH, SCI -> mcas_meeting ELA, Math, Science
//	                           (denominator No. of Students Included)
//	Plans of HS Graduates      each plan column -> plan_share of its category; their sums ->
//	                           any_college, four_year_college; Work, Military, Unknown -> work,
//	                           military, unknown (denominator Total Count)
//	ACCESS Reporting Elements  of the rows of grade ALL: RE1 % -> making_progress, RE2 % ->
//	                           met_exit_criteria, Part. Rate % -> participation_rate (each out
//	                           of its students included; the last out of Enrolled #)
//	Selected Populations       none; see Populations
//	Enrollment By Grade        none; see Enrollments and Enrollment.Span
//	Attending College          none (actual enrollment, not plans)
//
// Definition says where a report's definition differs from the site's own.
package public
