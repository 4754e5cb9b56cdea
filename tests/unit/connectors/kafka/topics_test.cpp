#include "connectors/kafka/topics.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace caseflow::kafka {
namespace {

const TopicSpec* find(const std::vector<TopicSpec>& topics, const std::string& name) {
  auto it = std::find_if(topics.begin(), topics.end(), [&](auto& t) { return t.name == name; });
  return it == topics.end() ? nullptr : &*it;
}

TEST(Topics, EverySpecTopicWithItsPartitionsAndCompaction) {
  TopicLayout layout;
  layout.event_partitions = 8;
  layout.output_partitions = 2;
  const auto topics = required_topics(TopicNames("city"), layout, {"city.dept.transport"});

  for (const char* name : {"city.events", "city.alerts", "city.updates", "city.dlq",
                           "city.changelog", "city.definitions", "city.stage.grid",
                           "city.stage.community", "city.stage.street", "city.dept.transport"}) {
    EXPECT_NE(find(topics, name), nullptr) << name;
  }
  // The changelog is co-partitioned with the input, and both state topics are compacted.
  EXPECT_EQ(find(topics, "city.changelog")->partitions, 8);
  EXPECT_TRUE(find(topics, "city.changelog")->compacted);
  EXPECT_TRUE(find(topics, "city.definitions")->compacted);
  EXPECT_FALSE(find(topics, "city.events")->compacted);
  EXPECT_EQ(find(topics, "city.alerts")->partitions, 2);
}

TEST(Topics, ADispatchTopicNamedTwiceIsCreatedOnce) {
  const auto topics =
      required_topics(TopicNames(), TopicLayout(),
                      {"caseflow.stage.grid", "caseflow.dept.power", "caseflow.dept.power"});
  EXPECT_EQ(std::count_if(topics.begin(), topics.end(),
                          [](auto& t) { return t.name == "caseflow.stage.grid"; }),
            1);
  EXPECT_EQ(std::count_if(topics.begin(), topics.end(),
                          [](auto& t) { return t.name == "caseflow.dept.power"; }),
            1);
}

}  // namespace
}  // namespace caseflow::kafka
