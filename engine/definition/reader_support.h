// What the section readers of the workflow loader share: the names the language gives to
// urgencies, levels and clock starts, and the pieces every message is built from (quoting,
// did-you-mean, positions). Private to engine/definition. Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/definition/workflow.h"
#include "engine/definition/workflow_loader.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Indexed by the enum's value: the YAML text of Urgency, Level and ClockStart.
inline constexpr std::array<std::string_view, 3> kUrgencyNames{"normal", "urgent", "emergency"};
inline constexpr std::array<std::string_view, 6> kLevelNames{"grid",     "community",  "street",
                                                             "district", "department", "property"};
// By RequestType index; "" for `none`, which is never written.
inline constexpr std::array<std::string_view, 6> kRequestTypeNames{
    "", "consultation", "help", "complaint", "suggestion", "report"};
// The request types a workflow may name (kRequestTypeNames without `none`).
inline constexpr std::span<const std::string_view> request_type_words() {
  return std::span<const std::string_view>(kRequestTypeNames).subspan(1);
}
// The RequestType of a name a workflow wrote at `mark`; reports an unknown one.
std::optional<RequestType> parse_request_type(const std::string& text, const YAML::Mark& mark,
                                              Reporter& r);
inline constexpr std::array<std::string_view, 3> kClockStartNames{"dispatch", "sign", "resolve"};

// "'abc'"
std::string quoted(std::string_view s);

// "a, b or c"
std::string either(std::span<const std::string_view> words);

// "; did you mean 'x'?" for a plausible typo, otherwise `otherwise`.
std::string suggest_or(std::string_view word, std::span<const std::string_view> known,
                       std::string otherwise);

// "; did you mean 'x'?" for a plausible typo, otherwise "; expected a, b or c".
std::string suggest_or_expect(std::string_view word, std::span<const std::string_view> known);

// The 1-based position of a yaml-cpp mark; a null mark is the unknown position.
SourceLocation location_of(const YAML::Mark& mark);

// "topic 'x' is not a Kafka topic name (...)": a stage's topic and a breach notification share it.
std::string not_a_topic_name(std::string_view topic);

// A department code, as a stage's `department` or an assist names it: a well-formed identifier
// and, when the context lists departments, one of them. Reports and returns false otherwise.
bool check_department(const std::string& code, const YAML::Mark& mark, const LoadContext& context,
                      Reporter& r);

}  // namespace caseflow::definition
