// The third-party survey of property companies, one CSV file a month (docs/assessment.md "The
// survey file"): a header line, then one line per company —
//
//   company,score,sample
//   property:PC0001,94,200
//
// UTF-8, comma-separated, no quoting (a company is a unit id, never a name with commas); the
// columns in any order; blank lines and a byte order mark are ignored; CRLF or LF.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assessment/stars.h"
#include "engine/common/result.h"

namespace caseflow::report {

// The survey's lines, in file order. The first bad line is an Error (code bad_survey) whose
// message is "FILE:LINE:COL: error: ..." with `file` as FILE: a score outside 0..100, a sample
// that is not a positive whole number, an unknown or repeated column, a missing column, a line
// with too few or too many fields, an empty or repeated company.
Result<std::vector<assessment::SurveyScore>> parse_survey_csv(std::string_view text,
                                                              const std::string& file);

// The file read, then parsed; one that cannot be read is an Error (code survey_unreadable).
Result<std::vector<assessment::SurveyScore>> read_survey_file(const std::filesystem::path& file);

// DIR/<month>.csv ("2026-11.csv") when `dir` is set and that file exists; none otherwise.
std::optional<std::filesystem::path> month_survey_file(const std::filesystem::path& dir,
                                                       std::string_view month);

}  // namespace caseflow::report
