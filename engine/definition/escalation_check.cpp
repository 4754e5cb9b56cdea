#include "engine/definition/escalation_check.h"

#include <string>

#include "engine/definition/reader_support.h"

namespace caseflow::definition {

void check_escalation(const Workflow& wf, const std::vector<YAML::Node>& nodes,
                      const std::vector<std::optional<FirstEscalation>>& escalations, Reporter& r) {
  const size_t n = wf.stages.size();
  std::vector<bool> reachable(n, false);
  reachable[0] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (!reachable[i]) continue;
      auto mark = [&](size_t j) {
        if (!reachable[j]) reachable[j] = changed = true;
      };
      if (escalations[i] && i + 1 < n) mark(i + 1);
      const std::string& fallback = wf.stages[i].returns.fallback_stage;
      for (size_t j = 0; j < n && !fallback.empty(); ++j)
        if (wf.stages[j].name == fallback) mark(j);
    }
  }
  for (size_t j = 1; j < n; ++j) {
    if (reachable[j]) continue;
    const std::string& before = wf.stages[j - 1].name;
    const std::string why = escalations[j - 1]
                                ? "stage " + quoted(before) + " before it cannot be reached either"
                                : "stage " + quoted(before) +
                                      " before it never escalates (no clock has " +
                                      "on_breach: escalate)";
    r.error(nodes[j].Mark(), "stage " + quoted(wf.stages[j].name) + " cannot be reached: " + why +
                                 ", and no stage names it as fallback_owner");
  }
  if (const auto& last = escalations[n - 1])
    r.error(last->mark, "clock " + quoted(last->clock) + " escalates, but stage " +
                            quoted(wf.stages[n - 1].name) +
                            " is the last stage: there is none to escalate to");
}

}  // namespace caseflow::definition
