#include "connectors/kafka/topics.h"

#include <algorithm>

namespace caseflow::kafka {

std::vector<TopicSpec> required_topics(const TopicNames& names, const TopicLayout& layout,
                                       const std::vector<std::string>& workflow_topics) {
  std::vector<TopicSpec> topics = {
      {names.events(), layout.event_partitions, false},
      {names.changelog(), layout.event_partitions, true},
      {names.definitions(), 1, true},
      {names.alerts(), layout.output_partitions, false},
      {names.updates(), layout.output_partitions, false},
      {names.dlq(), layout.output_partitions, false},
      {names.dlq_raw(), layout.output_partitions, false},
      {names.dispatcher(), layout.output_partitions, false},
  };
  std::vector<std::string> dispatch = {names.stage("grid"), names.stage("community"),
                                       names.stage("street"), names.stage("district")};
  dispatch.insert(dispatch.end(), workflow_topics.begin(), workflow_topics.end());
  for (const auto& name : dispatch) {
    const bool known = std::any_of(topics.begin(), topics.end(),
                                   [&](const TopicSpec& t) { return t.name == name; });
    if (!known) topics.push_back({name, layout.output_partitions, false});
  }
  return topics;
}

}  // namespace caseflow::kafka
