// The periods a report covers: a calendar month in the city's time zone ("2026-11" in
// Asia/Shanghai is [2026-11-01T00:00+08:00, 2026-12-01T00:00+08:00)).
#pragma once

#include <string>
#include <string_view>

#include "engine/assessment/assessment.h"
#include "engine/common/result.h"

namespace caseflow::assessment {

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
};

// Exactly "YYYY-MM" (year 1970..9998, month 01..12). Error code "bad_month":
// "'2026-13' is not a month: expected YYYY-MM, such as 2026-11 (month 01 to 12)".
Result<YearMonth> parse_month(std::string_view text);

// The month from its first local midnight to the next month's, labelled "YYYY-MM". Errors:
// "bad_month" (month outside 1..12 or year outside 1970..9998), "unknown_time_zone".
Result<Period> month_period(int year, int month, const std::string& time_zone);

// parse_month, then month_period.
Result<Period> month_period(std::string_view month, const std::string& time_zone);

}  // namespace caseflow::assessment
