// caseflow's topics (docs/kafka.md), named from one configurable prefix ("caseflow").
#pragma once

#include <string>
#include <vector>

namespace caseflow::kafka {

struct TopicSpec {
  std::string name;
  int partitions = 1;
  bool compacted = false;

  friend bool operator==(const TopicSpec&, const TopicSpec&) = default;
};

struct TopicNames {
  explicit TopicNames(std::string prefix = "caseflow") : prefix(std::move(prefix)) {}

  std::string prefix;

  std::string events() const { return prefix + ".events"; }
  std::string alerts() const { return prefix + ".alerts"; }
  std::string updates() const { return prefix + ".updates"; }
  std::string dlq() const { return prefix + ".dlq"; }
  // The refused records as they came, phone numbers included: readable only by those who may
  // read caseflow.events (docs/security.md), while caseflow.dlq carries them masked.
  std::string dlq_raw() const { return prefix + ".dlq.raw"; }
  std::string changelog() const { return prefix + ".changelog"; }
  std::string definitions() const { return prefix + ".definitions"; }
  // Cases no workflow, place or unit took, for the human dispatcher (派单员).
  std::string dispatcher() const { return prefix + ".dispatcher"; }
  std::string stage(const std::string& level) const { return prefix + ".stage." + level; }
  std::string department(const std::string& code) const { return prefix + ".dept." + code; }
};

struct TopicLayout {
  // Partitions of caseflow.events. The changelog gets the same number: a case's state lives on the
  // changelog partition with the number of the input partition that owns the case.
  int event_partitions = 6;
  // Partitions of every outbound topic (dispatch, alerts, updates, dlq, dlq.raw).
  int output_partitions = 3;
};

// Every topic caseflow needs before it starts: the fixed ones, the default stage topics,
// and `workflow_topics` (dispatch, assist and notify topics the workflows name), each with
// `output_partitions`. No duplicates.
std::vector<TopicSpec> required_topics(const TopicNames& names, const TopicLayout& layout,
                                       const std::vector<std::string>& workflow_topics = {});

}  // namespace caseflow::kafka
