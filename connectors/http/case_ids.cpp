#include "connectors/http/case_ids.h"

#include <date/date.h>

#include <cstdio>

namespace caseflow::http {
namespace {

constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr int kSeqPerMilli = 36 * 36;

void append_base36(std::string& out, int64_t value, int width) {
  char buf[16];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = kDigits[value % 36];
    value /= 36;
  }
  out.append(buf, static_cast<size_t>(width));
}

}  // namespace

CaseIdGenerator::CaseIdGenerator(std::string instance) : instance_(std::move(instance)) {
  for (char& c : instance_) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) c = '_';
  }
  if (instance_.empty()) instance_.push_back('0');
}

std::string CaseIdGenerator::next(Instant now) {
  int64_t millis = now.unix_millis();
  if (millis < 0) millis = 0;
  if (millis > last_millis_) {
    last_millis_ = millis;
    seq_ = 0;
  } else if (++seq_ >= kSeqPerMilli) {
    ++last_millis_;  // borrow the next millisecond: ids stay strictly increasing
    seq_ = 0;
  }
  const date::sys_days day = date::floor<date::days>(
      date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(last_millis_)));
  const date::year_month_day ymd(day);
  // Built in a buffer, not by string concatenation (g++ 12 -O3 warns falsely on the latter).
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  char tail[32];
  int n = std::snprintf(tail, sizeof tail, "-%04d%02u%02u-", y, m, d);
  std::string suffix;
  append_base36(suffix, last_millis_, 9);
  append_base36(suffix, seq_, 2);
  std::string id;
  id.reserve(instance_.size() + static_cast<size_t>(n) + suffix.size());
  id.append(instance_).append(tail, static_cast<size_t>(n)).append(suffix);
  return id;
}

}  // namespace caseflow::http
