#include "engine/simulate/load_values.h"

#include <charconv>
#include <cmath>

namespace caseflow::simulate {
namespace {

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // from_chars refuses a leading '+', which YAML allows; keep the two consistent.
  if (text.front() == '+') text.remove_prefix(1);
  // Plain decimals only ("1e3" is text to PyYAML, and so to the schema check).
  for (char c : text)
    if ((c < '0' || c > '9') && c != '.' && c != '-') return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<double> parse_share(std::string_view text) {
  if (!text.empty() && text.back() == '%') {
    auto percent = parse_number(trim_right(text.substr(0, text.size() - 1)));
    if (!percent) return std::nullopt;
    return *percent / 100;
  }
  return parse_number(text);
}

std::optional<double> parse_hours(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double per_unit = 0;
  switch (text.back()) {
    case 's':
      per_unit = 1.0 / 3600;
      break;
    case 'm':
      per_unit = 1.0 / 60;
      break;
    case 'h':
      per_unit = 1;
      break;
    case 'd':
      per_unit = 24;
      break;
    default:
      return std::nullopt;
  }
  auto count = parse_number(trim_right(text.substr(0, text.size() - 1)));
  if (!count) return std::nullopt;
  return *count * per_unit;
}

}  // namespace caseflow::simulate
