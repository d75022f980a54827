package record

import "testing"

// benchParse returns a benchmark that parses inputs in turn, one value per op.
func benchParse[T any](parse func(string) (T, error), inputs ...string) func(*testing.B) {
	return func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			parse(inputs[i%len(inputs)])
		}
	}
}

// BenchmarkParse times the enum parsers on the spellings exports use (canonical, other case,
// the report's labels for plans).
func BenchmarkParse(b *testing.B) {
	b.Run("ELStatus", benchParse(ParseELStatus, "EL", "FormerEL", "NonEL", "nonel"))
	b.Run("Program", benchParse(ParseProgram, "SEI", "TBE", "DualLanguage", "Other"))
	b.Run("EndStatus", benchParse(ParseEndStatus, "Graduated", "DroppedOut", "TransferredOut", "Enrolled"))
	b.Run("Test", benchParse(ParseTest, "ACCESS", "ALT", "access"))
	b.Run("Progress", benchParse(ParseProgress, "Yes", "No", "YES"))
	b.Run("Risk", benchParse(ParseRisk, "Low", "Moderate", "High"))
	b.Run("Subject", benchParse(ParseSubject, "ELA", "Math", "Science"))
	b.Run("Achievement", benchParse(ParseAchievement, "Exceeding", "Meeting", "PartiallyMeeting", "NotMeeting"))
	b.Run("Outcome", benchParse(ParseOutcome, "Graduated", "StillEnrolled", "HiSET", "PermanentlyExcluded"))
	b.Run("Plan", benchParse(ParsePlan, "FourYearPublic", "Work", "Unknown", "4-Year Public College"))
	b.Run("Grade", benchParse(ParseGrade, "K", "3", "09", "12", "SP"))
}

// BenchmarkParseOld times the parsers as written before the tables (enum_test.go), on the same
// inputs as BenchmarkParse, to compare the two in one run.
func BenchmarkParseOld(b *testing.B) {
	b.Run("ELStatus", benchParse(refELStatus, "EL", "FormerEL", "NonEL", "nonel"))
	b.Run("Program", benchParse(refProgram, "SEI", "TBE", "DualLanguage", "Other"))
	b.Run("EndStatus", benchParse(refEndStatus, "Graduated", "DroppedOut", "TransferredOut", "Enrolled"))
	b.Run("Test", benchParse(refTest, "ACCESS", "ALT", "access"))
	b.Run("Progress", benchParse(refProgress, "Yes", "No", "YES"))
	b.Run("Risk", benchParse(refRisk, "Low", "Moderate", "High"))
	b.Run("Subject", benchParse(refSubject, "ELA", "Math", "Science"))
	b.Run("Achievement", benchParse(refAchievement, "Exceeding", "Meeting", "PartiallyMeeting", "NotMeeting"))
	b.Run("Outcome", benchParse(refOutcome, "Graduated", "StillEnrolled", "HiSET", "PermanentlyExcluded"))
	b.Run("Plan", benchParse(refPlan, "FourYearPublic", "Work", "Unknown", "4-Year Public College"))
}
