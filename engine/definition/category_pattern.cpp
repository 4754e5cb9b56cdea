#include "engine/definition/category_pattern.h"

#include <algorithm>

namespace caseflow::definition {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

bool is_category_code(std::string_view code) {
  if (code.empty() || code.size() > 200) return false;
  bool word_started = false;
  for (char c : code) {
    if (c == '.') {
      if (!word_started) return false;  // empty word: leading dot or ".."
      word_started = false;
    } else if (is_word_char(c)) {
      word_started = true;
    } else {
      return false;
    }
  }
  return word_started;  // no trailing dot
}

std::optional<CategoryPattern> CategoryPattern::parse(std::string_view text) {
  if (text == "*") return CategoryPattern(Kind::any, "");
  if (text.size() > 2 && text.substr(text.size() - 2) == ".*") {
    const std::string_view stem = text.substr(0, text.size() - 2);
    if (!is_category_code(stem)) return std::nullopt;
    return CategoryPattern(Kind::prefix, std::string(stem));
  }
  if (!is_category_code(text)) return std::nullopt;
  return CategoryPattern(Kind::exact, std::string(text));
}

bool CategoryPattern::matches(std::string_view category) const {
  switch (kind_) {
    case Kind::any:
      return true;
    case Kind::exact:
      return category == stem_;
    case Kind::prefix:
      return category.size() > stem_.size() + 1 && category.substr(0, stem_.size()) == stem_ &&
             category[stem_.size()] == '.';
  }
  return false;
}

int CategoryPattern::specificity() const {
  switch (kind_) {
    case Kind::any:
      return 0;
    case Kind::exact:
      return 1'000'000;
    case Kind::prefix:
      return 1 + static_cast<int>(std::count(stem_.begin(), stem_.end(), '.'));
  }
  return 0;
}

}  // namespace caseflow::definition
