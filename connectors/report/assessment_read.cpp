#include "connectors/report/assessment_read.h"

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <exception>
#include <string>

namespace caseflow::report {
namespace {

Error bad_period(std::string_view month) {
  return Error{"bad_period",
               "'" + std::string(month) + "' is not a month: write YYYY-MM, e.g. 2026-11"};
}

bool read_number(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc();
}

}  // namespace

Result<assessment::Period> month_period(std::string_view month, std::string_view time_zone) {
  int year = 0, number = 0;
  if (month.size() != 7 || month[4] != '-' || !read_number(month.substr(0, 4), year) ||
      !read_number(month.substr(5, 2), number) || number < 1 || number > 12 || year < 1970) {
    return bad_period(month);
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception& e) {
    return Error{"unknown_time_zone",
                 "the time zone '" + std::string(time_zone) + "' is not known: " + e.what()};
  }
  auto midnight = [zone](date::year_month ym) {
    const date::local_days day{ym / 1};
    // choose::earliest: a midnight that a clock change skips or repeats starts the day once.
    const auto at = zone->to_sys(day, date::choose::earliest);
    return Instant::from_unix_millis(
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
  };
  const date::year_month ym{date::year{year}, date::month{static_cast<unsigned>(number)}};
  return assessment::Period{
      .from = midnight(ym), .to = midnight(ym + date::months{1}), .label = std::string(month)};
}

Result<std::vector<assessment::CaseFacts>> read_period_facts(archive::ArchiveStore& store,
                                                             const assessment::Period& period) {
  std::vector<assessment::CaseFacts> cases;
  auto status = store.each_case_facts(
      period.from, period.to, [&](assessment::CaseFacts&& c) { cases.push_back(std::move(c)); });
  if (!status) return status.error();
  return cases;
}

}  // namespace caseflow::report
