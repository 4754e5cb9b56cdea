// What the report's CSV files share (RFC 4180, the form spreadsheets read): a field quoted when it
// holds a comma, a quote or a line break, with quotes doubled; a number that may be missing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/simulate/html_text.h"

namespace caseflow::report {

inline std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The exact decimal of `v`, "" when there is none.
inline std::string csv_number(const std::optional<double>& v) {
  return v ? simulate::html::exact(*v) : std::string();
}

}  // namespace caseflow::report
