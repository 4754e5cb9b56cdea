#include "engine/events/phone_mask.h"

namespace caseflow::events {
namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string mask_phone(std::string_view phone) {
  std::string digits;
  digits.reserve(phone.size());
  for (char c : phone) {
    // '*' stands for a digit already hidden: masking a masked number gives it back unchanged.
    if (is_digit(c) || c == '*') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
      return "***";
    }
  }
  if (digits.empty()) return "***";
  const size_t n = digits.size();
  if (n <= 7) return std::string(n > 2 ? n - 2 : 0, '*') + digits.substr(n > 2 ? n - 2 : 0);
  return digits.substr(0, 3) + std::string(n - 7, '*') + digits.substr(n - 4);
}

std::string mask_phones_in_text(std::string_view text) {
  std::string out(text);
  mask_phones_in_place(out);
  return out;
}

void mask_phones_in_place(std::string& out) {
  size_t i = 0;
  while (i < out.size()) {
    if (!is_digit(out[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < out.size() && is_digit(out[j])) ++j;
    if (j - i == 11 && out[i] == '1') {
      for (size_t k = i + 3; k < i + 7; ++k) out[k] = '*';
    }
    i = j;
  }
}

}  // namespace caseflow::events
