// The fixed topic names the engine writes to (stage topics come from the workflows). Built from
// the prefix ("caseflow") unless set one by one. Plain value.
#pragma once

#include <string>

namespace caseflow::core {

struct Topics {
  std::string updates;     // every state change, keyed by case id
  std::string alerts;      // warnings, breaches, escalations, supervision, keyed by case id
  std::string dispatcher;  // the dispatcher queue: cases no workflow / place / unit took
  // The engine's own input topic: the events one case sends another (merged duplicates), keyed
  // by the case they are for.
  std::string events;

  static Topics with_prefix(const std::string& prefix) {
    return Topics{prefix + ".updates", prefix + ".alerts", prefix + ".dispatcher",
                  prefix + ".events"};
  }
};

}  // namespace caseflow::core
