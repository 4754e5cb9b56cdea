// Category codes and the patterns a workflow's `match` may use to claim them.
//
//   parking.illegal   exact: only that category
//   parking.*         prefix: every category that starts with "parking." (not "parking" itself)
//   *                 any category (a catch-all workflow)
//
// A code is one or more words of [a-z0-9_-] joined by dots. Specificity orders patterns for
// routing: an exact code beats any prefix, a longer prefix beats a shorter one ("a.b.*" beats
// "a.*"), and "*" comes last. Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseflow::definition {

// Is `code` a well-formed concrete category code ("ev_charging.corridor")?
bool is_category_code(std::string_view code);

class CategoryPattern {
 public:
  enum class Kind : uint8_t { exact, prefix, any };

  // nullopt when `text` is neither a code, a code followed by ".*", nor "*".
  static std::optional<CategoryPattern> parse(std::string_view text);

  Kind kind() const { return kind_; }
  // The code (exact) or the part before ".*" (prefix); "" for any.
  const std::string& stem() const { return stem_; }
  bool matches(std::string_view category) const;
  // Higher is more specific: exact = 1'000'000, prefix = number of words in the stem, any = 0.
  int specificity() const;

  friend bool operator==(const CategoryPattern&, const CategoryPattern&) = default;

 private:
  CategoryPattern(Kind kind, std::string stem) : kind_(kind), stem_(std::move(stem)) {}
  Kind kind_;
  std::string stem_;
};

}  // namespace caseflow::definition
