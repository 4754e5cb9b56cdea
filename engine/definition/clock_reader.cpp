#include "engine/definition/clock_reader.h"

#include <algorithm>
#include <map>
#include <string>

#include "engine/definition/reader_support.h"

namespace caseflow::definition {
namespace {

// `warn_at: 80%`: 1% to 99%.
void read_percent(const YAML::Node& node, int& percent, Reporter& r) {
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (text.size() >= 2 && text.size() <= 5 && text.back() == '%' &&
        std::all_of(text.begin(), text.end() - 1, [](char c) { return c >= '0' && c <= '9'; })) {
      const int value = std::stoi(text.substr(0, text.size() - 1));
      if (value >= 1 && value <= 99) {
        percent = value;
        return;
      }
      r.error(node.Mark(), "'warn_at' must be between 1% and 99%, got " + quoted(text));
      return;
    }
  }
  r.error(node.Mark(), "'warn_at' must be a percentage such as 80%, got " + describe(node));
}

// `request_type_limits: {consultation: 3 workdays, help: 5 workdays}`
void read_request_type_limits(const YAML::Node& node, ClockDef& clock, Reporter& r) {
  if (!node.IsMap()) {
    r.error(node.Mark(),
            "'request_type_limits' must map request types to limits, such as "
            "{consultation: 3 workdays}, got " +
                describe(node));
    return;
  }
  for (const auto& item : node) {
    const YAML::Node& key = item.first;
    if (!key.IsScalar()) {
      r.error(key.Mark(), "a request type must be a word, got " + describe(key));
      continue;
    }
    const std::optional<RequestType> type = parse_request_type(key.Scalar(), key.Mark(), r);
    const std::optional<Span> span =
        read_span(item.second, concat({"request_type_limits.", key.Scalar()}), r);
    if (!type || !span) continue;
    auto& slot = clock.request_type_limits[static_cast<size_t>(*type)];
    if (slot) {
      r.error(key.Mark(), "request type " + quoted(key.Scalar()) + " is given twice");
      continue;
    }
    slot = *span;
  }
}

void read_clock(const YAML::Node& node, ClockDef& clock,
                std::optional<FirstEscalation>& first_escalation, Reporter& r) {
  const std::string context = "in clock " + quoted(clock.name);
  MapFields fields(
      node, context,
      {"starts_at", "limit", "urgent", "emergency", "request_type_limits", "warn_at", "on_breach"},
      r);
  if (!fields.is_map()) return;
  if (auto start = fields.get("starts_at")) {
    if (auto text = read_text(*start, "starts_at", r)) {
      auto at = std::find(kClockStartNames.begin(), kClockStartNames.end(), *text);
      if (at != kClockStartNames.end())
        clock.starts_at = static_cast<ClockStart>(at - kClockStartNames.begin());
      else
        r.error(start->Mark(),
                "unknown start " + quoted(*text) + suggest_or_expect(*text, kClockStartNames));
    }
  }
  if (auto limit = fields.require("limit"))
    if (auto span = read_span(*limit, "limit", r)) clock.limit = *span;
  if (auto urgent = fields.get("urgent")) clock.urgent_limit = read_span(*urgent, "urgent", r);
  if (auto emergency = fields.get("emergency"))
    clock.emergency_limit = read_span(*emergency, "emergency", r);
  if (auto by_type = fields.get("request_type_limits"))
    read_request_type_limits(*by_type, clock, r);
  if (auto warn = fields.get("warn_at")) read_percent(*warn, clock.warn_at_percent, r);
  if (auto breach = fields.get("on_breach")) read_on_breach(*breach, clock, first_escalation, r);
}

}  // namespace

void read_clocks(const YAML::Node& node, StageDef& stage,
                 std::optional<FirstEscalation>& first_escalation, Reporter& r) {
  if (!node.IsMap()) {
    r.error(node.Mark(),
            "'clocks' must be a mapping of clock names to clocks, got " + describe(node));
    return;
  }
  std::map<std::string, int> first_lines;  // of each clock name, for "first at line"
  for (const auto& item : node) {
    const YAML::Node& key = item.first;
    if (!key.IsScalar() || !is_identifier(key.Scalar())) {
      r.error(key.Mark(), "clock name " + describe(key) +
                              " must be lowercase letters, digits, _ and -, starting with a "
                              "letter");
      continue;
    }
    const std::string& name = key.Scalar();
    auto same = std::find_if(stage.clocks.begin(), stage.clocks.end(),
                             [&](const ClockDef& c) { return c.name == name; });
    if (same != stage.clocks.end()) {
      r.error(key.Mark(), "duplicate clock " + quoted(name) + " in stage " + quoted(stage.name) +
                              " (first at line " + std::to_string(first_lines[name]) + ")");
      continue;
    }
    first_lines[name] = key.Mark().line + 1;
    ClockDef clock;
    clock.name = name;
    read_clock(item.second, clock, first_escalation, r);
    stage.clocks.push_back(std::move(clock));
  }
}

}  // namespace caseflow::definition
