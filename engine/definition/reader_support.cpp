#include "engine/definition/reader_support.h"

#include <vector>

#include "engine/common/did_you_mean.h"

namespace caseflow::definition {

std::string quoted(std::string_view s) { return concat({"'", s, "'"}); }

std::string either(std::span<const std::string_view> words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string suggest_or(std::string_view word, std::span<const std::string_view> known,
                       std::string otherwise) {
  std::string suggestion = did_you_mean(word, known);
  return suggestion.empty() ? otherwise : suggestion;
}

std::string suggest_or_expect(std::string_view word, std::span<const std::string_view> known) {
  std::string suggestion = did_you_mean(word, known);
  return suggestion.empty() ? "; expected " + either(known) : suggestion;
}

std::optional<RequestType> parse_request_type(const std::string& text, const YAML::Mark& mark,
                                              Reporter& r) {
  for (size_t i = 1; i < kRequestTypeNames.size(); ++i)
    if (text == kRequestTypeNames[i]) return static_cast<RequestType>(i);
  r.error(mark,
          "unknown request type " + quoted(text) + suggest_or_expect(text, request_type_words()));
  return std::nullopt;
}

SourceLocation location_of(const YAML::Mark& mark) {
  if (mark.line < 0) return {};
  return SourceLocation{mark.line + 1, mark.column + 1};
}

std::string not_a_topic_name(std::string_view topic) {
  return "topic " + quoted(topic) + " is not a Kafka topic name (1 to 249 of A-Z a-z 0-9 . _ -)";
}

bool check_department(const std::string& code, const YAML::Mark& mark, const LoadContext& context,
                      Reporter& r) {
  if (!is_identifier(code)) {
    r.error(mark, "department code " + quoted(code) +
                      " must be lowercase letters, digits, _ and -, starting with a letter");
    return false;
  }
  if (context.departments.empty() || context.departments.count(code) > 0) return true;
  std::vector<std::string_view> known(context.departments.begin(), context.departments.end());
  r.error(mark, "unknown department " + quoted(code) + did_you_mean(code, known));
  return false;
}

}  // namespace caseflow::definition
