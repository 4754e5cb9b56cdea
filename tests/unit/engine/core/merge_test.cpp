// Merged duplicates (合并工单, docs/engine.md "Merged duplicates"): `merged` asks the master, the
// master links or refuses, the duplicate closes only when accepted, and hears the master's outcome.
#include <boost/json.hpp>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

namespace json = boost::json;
using events::EventType;

class Merge : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Merge, each_router(), router_name);

events::CaseEvent merged(std::string id, std::string into) {
  auto e = event(EventType::merged, std::move(id));
  e.event_id = "desk-merge";
  e.merged_into = std::move(into);
  return e;
}

json::object data_of(const Record& r) { return json::parse(r.value).at("data").as_object(); }
// A member of a record's data as text: a string's value, anything else as JSON.
std::string member(const Record& r, const char* name) {
  const json::value v = data_of(r).at(name);
  return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
}

// The `updated` record with change `change` on `topic`, or null.
const Record* update(const Effects& fx, std::string_view change,
                     std::string_view topic = "caseflow.updates") {
  for (const Record& r : fx.records)
    if (r.type == OutType::updated && r.topic == topic && member(r, "change") == change) return &r;
  return nullptr;
}

TEST_P(Merge, TheDuplicateWaitsForTheMasterThenCloses) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  const Effects asked = h.send(merged("b", "a"));
  // b only asks: it keeps its status until a answers.
  EXPECT_EQ(h.view("b").status, "dispatched");
  EXPECT_EQ(h.view("b").merge_pending, "a");
  const Record* link = record_on(asked, OutType::merge_link, "caseflow.events");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->key, "a");
  const json::object envelope = json::parse(link->value).as_object();
  EXPECT_EQ(envelope.at("subject").as_string(), "a");
  EXPECT_EQ(envelope.at("type").as_string(), "caseflow.case.merge_link");
  EXPECT_EQ(member(*link, "duplicate"), "b");
  EXPECT_EQ(member(*link, "category"), "parking.illegal");
  EXPECT_NE(update(asked, "merge_requested"), nullptr);
  EXPECT_TRUE(records_of(asked, OutType::closed).empty());

  const Effects fx = h.settle(asked);
  EXPECT_TRUE(fx.rejections.empty());
  EXPECT_EQ(h.view("a").duplicates, std::vector<std::string>{"b"});
  EXPECT_EQ(h.view("a").status, "dispatched");
  // a's lead unit hears of the duplicate on its own topic.
  const Record* linked = update(fx, "duplicate_linked", "caseflow.stage.grid");
  ASSERT_NE(linked, nullptr);
  EXPECT_EQ(linked->key, h.view("a").unit);
  EXPECT_EQ(member(*linked, "note"), "b");
  const Record* answer = record_on(fx, OutType::merge_answer, "caseflow.events");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer->key, "b");
  EXPECT_EQ(answer->id, link->id + "/answer");
  EXPECT_EQ(member(*answer, "accepted"), "true");
  EXPECT_EQ(h.view("b").status, "merged");
  EXPECT_EQ(h.view("b").merged_into, "a");
  EXPECT_EQ(h.view("b").merge_pending, "");
  EXPECT_EQ(h.view("b").outcome, "merged");
  EXPECT_EQ(h.view("b").master_outcome, "");
}

TEST_P(Merge, AnUnknownMasterRefuses) {
  Harness h = harness();
  h.send(report("b"));
  const Effects fx = h.settle(h.send(merged("b", "nobody")));
  EXPECT_TRUE(fx.rejections.empty());  // nothing for the dead-letter queue
  const Record* answer = record_on(fx, OutType::merge_answer, "caseflow.events");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(member(*answer, "accepted"), "false");
  EXPECT_EQ(member(*answer, "reason"), "unknown_case");
  const Record* refused = update(fx, "merge_refused");
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(member(*refused, "note"), "unknown_case");
  EXPECT_EQ(h.view("b").status, "dispatched");
  EXPECT_EQ(h.view("b").merge_pending, "");
  EXPECT_EQ(h.view("b").history.back().what, "merge_refused");
  // Refused, b may be merged again.
  h.send(report("a"));
  h.settle(h.send(merged("b", "a")));
  EXPECT_EQ(h.view("b").status, "merged");
}

TEST_P(Merge, AnEndedMasterRefuses) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  h.send(event(EventType::withdrawn, "a"));
  const Effects fx = h.settle(h.send(merged("b", "a")));
  const Record* answer = record_on(fx, OutType::merge_answer, "caseflow.events");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(member(*answer, "reason"), "case_closed");
  ASSERT_NE(update(fx, "merge_refused"), nullptr);
  EXPECT_EQ(member(*update(fx, "merge_refused"), "note"), "case_closed");
  EXPECT_EQ(h.view("b").status, "dispatched");
  EXPECT_TRUE(h.view("a").duplicates.empty());
}

TEST_P(Merge, WhatTheDuplicateChecksItself) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  expect_refused(h, merged("b", "b"), "bad_data");
  h.send(merged("b", "a"));  // not delivered yet
  expect_refused(h, merged("b", "c"), "merge_pending");
  // The case goes on meanwhile; ended, it ignores the answer when it comes.
  h.send(event(EventType::withdrawn, "b"));
  EXPECT_EQ(h.view("b").status, "withdrawn");
  EXPECT_EQ(h.view("b").merge_pending, "");
  auto answer = event(EventType::merge_answer, "b");
  answer.master = "a";
  answer.accepted = true;
  const Effects late = h.send(answer);
  EXPECT_TRUE(late.rejections.empty());
  EXPECT_TRUE(late.records.empty());
  EXPECT_EQ(metric_sum(late, metric::kEvents), 1);
  EXPECT_EQ(h.view("b").status, "withdrawn");
  EXPECT_EQ(h.view("b").merged_into, "");
}

TEST_P(Merge, AReplayedLinkIsAnsweredAgainAndLinksOnce) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  const Effects asked = h.send(merged("b", "a"));
  const Record* link = record_on(asked, OutType::merge_link, "caseflow.events");
  ASSERT_NE(link, nullptr);
  const events::CaseEvent e = *events::decode_case_event(link->value);
  const Effects first = h.send(e);
  const Effects again = h.send(e);
  EXPECT_EQ(h.view("a").duplicates, std::vector<std::string>{"b"});
  ASSERT_EQ(again.records.size(), 1u);  // the answer only, with the id it had
  EXPECT_EQ(again.records[0].id, record_on(first, OutType::merge_answer, "caseflow.events")->id);
  EXPECT_EQ(again.records[0].value,
            record_on(first, OutType::merge_answer, "caseflow.events")->value);
  EXPECT_TRUE(again.changelog.empty());
}

TEST_P(Merge, TheMastersOutcomeReachesItsDuplicates) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  h.send(report("c"));
  h.settle(h.send(merged("b", "a")));
  h.settle(h.send(merged("c", "a")));
  EXPECT_EQ(h.view("a").duplicates, (std::vector<std::string>{"b", "c"}));
  h.send(event(EventType::signed_for, "a"));
  h.send(event(EventType::resolved, "a"));
  auto rated = event(EventType::rated, "a");
  rated.solved = events::Solved::partly;
  rated.satisfaction = events::Satisfaction::basically;
  const Effects closed = h.send(rated);
  const auto told = records_of(closed, OutType::master_closed);
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(told[0]->key, "b");
  EXPECT_EQ(told[1]->key, "c");
  EXPECT_NE(told[0]->id, told[1]->id);
  EXPECT_EQ(told[0]->topic, "caseflow.events");
  EXPECT_EQ(member(*told[0], "outcome"), "rated");
  EXPECT_EQ(member(*told[0], "solved"), "partly");
  EXPECT_EQ(member(*told[0], "satisfaction"), "basically");
  const Effects fx = h.settle(closed);
  EXPECT_TRUE(fx.rejections.empty());
  EXPECT_EQ(h.view("b").master_outcome, "rated");
  EXPECT_EQ(h.view("c").master_outcome, "rated");
  EXPECT_EQ(h.view("b").status, "merged");  // still merged: only told
  const Record* note = update(fx, "master_outcome");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->key, "b");
  EXPECT_EQ(member(*note, "note"), "a: rated (partly, basically)");
}

TEST_P(Merge, AWithdrawnMasterTellsToo) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  h.settle(h.send(merged("b", "a")));
  const Effects fx = h.settle(h.send(event(EventType::withdrawn, "a")));
  const auto told = records_of(fx, OutType::master_closed);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_FALSE(data_of(*told[0]).contains("solved"));
  EXPECT_EQ(h.view("b").master_outcome, "withdrawn");
}

TEST_P(Merge, AGoneDuplicateIsIgnoredAndCounted) {
  Harness h = harness();
  auto told = event(EventType::master_closed, "gone");
  told.master = "a";
  told.outcome = "rated";
  const Effects fx = h.send(told);
  EXPECT_TRUE(fx.rejections.empty());
  EXPECT_TRUE(fx.records.empty());
  ASSERT_EQ(fx.metrics.size(), 1u);
  EXPECT_EQ(fx.metrics[0].labels[1].value, "ignored");
  auto answer = event(EventType::merge_answer, "gone");
  answer.master = "a";
  EXPECT_TRUE(h.send(answer).rejections.empty());
}

TEST_P(Merge, TheChangelogKeepsLinksAndPendingMerges) {
  Harness h = harness();
  h.send(report("a"));
  h.send(report("b"));
  h.send(report("c"));
  h.settle(h.send(merged("b", "a")));
  h.send(merged("c", "a"));  // pending
  for (const char* id : {"a", "b", "c"}) {
    const std::string bytes = h.engine.serialize_case(id);
    Harness other = harness();
    ASSERT_TRUE(other.engine.restore_case(bytes).ok()) << id;
    EXPECT_EQ(other.engine.serialize_case(id), bytes) << id;
    EXPECT_EQ(other.view(id).duplicates, h.view(id).duplicates);
    EXPECT_EQ(other.view(id).merge_pending, h.view(id).merge_pending);
  }
  EXPECT_EQ(h.view("c").merge_pending, "a");
  EXPECT_EQ(static_cast<uint8_t>(h.engine.serialize_case("a")[0]), 4);  // format 4, tag 4
}

}  // namespace
}  // namespace caseflow::core::testing
