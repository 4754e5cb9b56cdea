// Looking for a whole line in a text (a Prometheus exposition, a log): `line` matches only from
// the start of a line to its end, so "x_total 1" does not match "x_total 10".
#pragma once

#include <string>

namespace caseflow::testing {

inline bool has_line(const std::string& text, const std::string& line) {
  return text.starts_with(line + "\n") || text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace caseflow::testing
