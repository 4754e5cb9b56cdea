#include "engine/definition/breach_reader.h"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/definition/reader_support.h"

namespace caseflow::definition {
namespace {

constexpr std::array<std::string_view, 4> kActions{"escalate", "supervise", "notify",
                                                   "notify_unit"};

// `notify_unit:` names the level whose unit (for the case's place) is told, on its stage topic.
void read_notify_unit(const YAML::Node& item, ClockDef& clock, Reporter& r) {
  MapFields notify(item, "in a breach action", {"notify_unit"}, r);
  auto level = notify.require("notify_unit");
  if (!level) return;
  auto text = read_text(*level, "notify_unit", r);
  if (!text) return;
  constexpr std::array<std::string_view, 5> kSupervisors{"grid", "community", "street", "district",
                                                         "property"};
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] != *text || *text == "department") continue;
    clock.on_breach.notify_units.push_back(static_cast<Level>(i));
    return;
  }
  r.error(level->Mark(), "notify_unit " + quoted(*text) + " is not a level of the city" +
                             suggest_or_expect(*text, kSupervisors));
}

// `notify:` takes one topic or a list of them.
void read_notify(const YAML::Node& item, ClockDef& clock, Reporter& r) {
  MapFields notify(item, "in a breach action", {"notify"}, r);
  auto topics = notify.require("notify");
  if (!topics) return;
  std::vector<std::pair<std::string, YAML::Mark>> names;
  if (topics->IsScalar()) {
    names.emplace_back(topics->Scalar(), topics->Mark());
  } else if (auto list = read_text_list(*topics, "notify", r)) {
    names = std::move(*list);
  }
  for (const auto& [topic, mark] : names) {
    if (is_topic_name(topic))
      clock.on_breach.notify_topics.push_back(topic);
    else
      r.error(mark, not_a_topic_name(topic));
  }
}

}  // namespace

void read_on_breach(const YAML::Node& node, ClockDef& clock,
                    std::optional<FirstEscalation>& first_escalation, Reporter& r) {
  auto items = read_list(node, "on_breach", r);
  if (!items) return;
  for (const auto& item : *items) {
    if (item.IsScalar() && item.Scalar() == "escalate") {
      clock.on_breach.escalate = true;
      if (!first_escalation) first_escalation = FirstEscalation{item.Mark(), clock.name};
    } else if (item.IsScalar() && item.Scalar() == "supervise") {
      clock.on_breach.supervise = true;
    } else if (item.IsScalar()) {
      r.error(item.Mark(), "unknown breach action " + quoted(item.Scalar()) +
                               suggest_or_expect(item.Scalar(), kActions));
    } else if (item.IsMap() && item["notify_unit"]) {
      read_notify_unit(item, clock, r);
    } else if (item.IsMap()) {
      read_notify(item, clock, r);
    } else {
      r.error(item.Mark(), "a breach action must be escalate, supervise or notify: [topics], got " +
                               describe(item));
    }
  }
}

}  // namespace caseflow::definition
