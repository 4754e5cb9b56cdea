// A clock's `on_breach` list: escalate, supervise and notify: [topics].
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "engine/definition/workflow.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Where a stage first says `escalate`, and in which clock: the escalation check needs it once
// every stage is read (a stage that escalates reaches the next; the last stage may not).
struct FirstEscalation {
  YAML::Mark mark;
  std::string clock;
};

// Fills clock.on_breach. Sets `first_escalation` at the first escalate action of the stage (the
// caller keeps one per stage, across its clocks).
void read_on_breach(const YAML::Node& node, ClockDef& clock,
                    std::optional<FirstEscalation>& first_escalation, Reporter& r);

}  // namespace caseflow::definition
