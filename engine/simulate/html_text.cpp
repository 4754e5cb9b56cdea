#include "engine/simulate/html_text.h"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace caseflow::simulate::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string exact(double value) {
  if (!std::isfinite(value)) return "0";
  char buf[40];
  auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  return std::string(buf, end);
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  char buf[64];
  auto [end, error] =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  if (error != std::errc()) return exact(value);  // too large for the buffer: not a figure we make
  std::string out(buf, end);
  // A small negative value rounds to "-0.0": show it as zero.
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

namespace {

// "1234567" -> "1,234,567" (digits only).
std::string grouped(std::string_view digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string count(uint64_t value) { return grouped(std::to_string(value)); }

std::string percent(double share) { return fixed(100 * share, 1) + "%"; }

std::string signed_diff(double diff, int decimals, std::string_view suffix) {
  std::string text = fixed(diff, decimals);
  if (text.find_first_not_of("0.") == std::string::npos) return "0";
  const bool negative = text.front() == '-';
  if (negative) text.erase(0, 1);
  if (decimals == 0) text = grouped(text);
  text.insert(text.begin(), negative ? '-' : '+');
  text += suffix;
  return text;
}

}  // namespace caseflow::simulate::html
