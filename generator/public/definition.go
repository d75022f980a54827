package public

import (
	"fmt"

	"elreport/generator/metric"
)

// Definition says how a public metric's definition differs from the site's own, or "" when
// they match (used to say so on the page or leave a pair out). A metric the report gives no
// figure of differs by definition: the text says what the report has instead.
func Definition(kind Kind, id metric.ID) string {
	own := func() string { return id.Info().Definition }
	switch kind {
	case Graduation4:
		switch id {
		case metric.GraduationRate, metric.CohortDropoutRate:
			return ""
		}
	case Graduation5:
		switch id {
		case metric.GraduationRate:
			return "DESE's five-year graduation rate counts the cohort's students who graduated within five years; the site's graduation_rate is the four-year rate: " + own()
		case metric.CohortDropoutRate:
			return "DESE's five-year report counts the cohort's dropouts after five years; the site's cohort_dropout_rate is after four years: " + own()
		}
	case Dropout:
		switch id {
		case metric.AnnualDropoutRate:
			return "DESE's annual dropout rate counts the students of grades 9-12 who dropped out between July 1 and June 30 and had not returned by October 1 of the next school year, out of the October 1 enrollment in grades 9-12. The site's own counts out of every student enrolled in grades 9-12 during the year: " + own()
		case metric.CohortDropoutRate:
			return "DESE's Dropout Report is annual (one school year's dropouts out of October 1 enrollment in grades 9-12); the site's cohort_dropout_rate follows a four-year graduation cohort: " + own()
		}
	case MCAS:
		if id == metric.MCASMeeting {
			return "DESE's export covers the grades chosen on its page (grades 3-8 together, one grade, or high school) and does not say which; the site's mcas_meeting counts every result of mcas.csv, whatever its grade: " + own()
		}
	case AccessElements:
		switch id {
		case metric.MakingProgress:
			return "" // RE1 is DESE's progress flag, the one the site reads from DESE's file
		case metric.MetExitCriteria:
			return "DESE's RE2 counts the English learners who met the exit criteria out of every enrolled English learner; the site's met_exit_criteria counts them out of the tested (those with an overall level), so it is the higher of the two when not every English learner tested: " + own()
		case metric.ParticipationRate:
			return "DESE's participation rate counts the English learners tested out of those enrolled in SIMS; the site's counts out of the English learners the ACCESS file lists, so an enrolled English learner missing from the file counts in DESE's and not in the site's: " + own()
		}
	case Plans:
		switch id {
		case metric.PlanShare, metric.Work, metric.Military, metric.Unknown:
			return ""
		case metric.AnyCollege, metric.FourYearCollege:
			return "" // DESE's rounded percentages, added: within 0.2 points of the exact share
		}
	case AttendingCollege:
		switch id {
		case metric.AnyCollege, metric.FourYearCollege:
			return "DESE's report counts graduates actually enrolled in a college in the months after graduation (National Student Clearinghouse records); the site's figure is graduates' stated plans: " + own()
		}
	}
	return fmt.Sprintf("DESE's %s export gives no %s figure.", kind.Report(), id)
}
