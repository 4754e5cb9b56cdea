// The archive reads the records the engine really writes: they come from an Engine driven through
// a case's life here, not from hand-written copies that could drift from the engine's encoder.
#include "connectors/archive/archive_record.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::archive {
namespace {

using core::testing::at;
using core::testing::event;
using core::testing::Harness;
using events::EventType;

struct Published {
  std::string topic, key, id, value;
};

// Every record on caseflow.updates and caseflow.alerts of `fx`, appended to `out`.
void keep(const core::Effects& fx, std::vector<Published>& out) {
  for (const core::Record& r : fx.records) {
    if (r.topic == "caseflow.updates" || r.topic == "caseflow.alerts") {
      out.push_back({std::string(r.topic), r.key, r.id, r.value});
    }
  }
}

// A case reported, left unsigned past its sign clock (warning, breach, escalation), then signed,
// resolved, rated and closed.
std::vector<Published> one_case_life() {
  Harness h;
  std::vector<Published> out;
  keep(h.send(core::testing::report("c1")), out);
  keep(h.advance(Duration::minutes(61)), out);
  const std::string unit = h.view("c1").unit;
  keep(h.send(event(EventType::signed_for, "c1", unit)), out);
  keep(h.send(event(EventType::contacted, "c1", unit)), out);
  keep(h.send(event(EventType::resolved, "c1", unit)), out);
  keep(h.send(event(EventType::progress, "c1")), out);
  auto rated = event(EventType::rated, "c1");
  rated.solved = events::Solved::solved;
  rated.satisfaction = events::Satisfaction::satisfied;
  keep(h.send(rated), out);
  // Long enough for any retention to let the case go.
  keep(h.advance(Duration::days(10)), out);
  return out;
}

TEST(ArchiveRecord, ReadsEveryRecordTheEngineWritesAboutACase) {
  const auto records = one_case_life();
  ASSERT_GE(records.size(), 6u);
  uint64_t last_seq = 0;
  bool saw_breach = false, saw_closed = false, saw_updated = false;
  for (const auto& r : records) {
    SCOPED_TRACE(r.value);
    auto parsed = parse_archive_record(r.key, r.value);
    ASSERT_TRUE(parsed.ok()) << parsed.error().code << ": " << parsed.error().message;
    const CaseRow& row = parsed->row;
    const HistoryRow& h = parsed->history;
    EXPECT_EQ(row.id, "c1");
    EXPECT_EQ(h.case_id, "c1");
    EXPECT_EQ(std::to_string(row.seq), r.id.substr(r.id.rfind('-') + 1));
    EXPECT_EQ(h.seq, row.seq);
    EXPECT_GE(row.seq, last_seq);  // updates and alerts share the case's sequence
    last_seq = row.seq;
    EXPECT_FALSE(row.status.empty());
    EXPECT_EQ(row.category, "parking.illegal");
    EXPECT_EQ(row.workflow, "parking@1");
    EXPECT_EQ(h.at, row.updated_at);
    if (h.type == "sla_breached") {
      saw_breach = true;
      EXPECT_EQ(row.breached, std::optional<bool>(true));
      EXPECT_EQ(h.what, "sign");
    } else {
      EXPECT_FALSE(row.breached.has_value());
    }
    if (h.type == "updated") {
      saw_updated = true;
      EXPECT_FALSE(h.what.empty());  // the change
    }
    if (h.type == "closed") {
      saw_closed = true;
      EXPECT_EQ(row.status, "closed");
      EXPECT_EQ(row.outcome, std::optional<std::string>("rated"));
      EXPECT_EQ(row.closed_at, std::optional<Instant>(row.updated_at));
      EXPECT_EQ(h.what, "rated");
    }
    if (h.type == "archived") {
      EXPECT_EQ(row.archived_at, std::optional<Instant>(row.updated_at));
      EXPECT_TRUE(row.closed_at.has_value());
      EXPECT_LT(*row.closed_at, row.updated_at);
      EXPECT_EQ(row.outcome, std::optional<std::string>("rated"));
    }
    // Members the engine may not write yet must, when written, say what was reported.
    if (r.value.find("\"report\"") != std::string::npos) {
      EXPECT_EQ(row.description, std::optional<std::string>(std::string(200, 'd')));
      EXPECT_EQ(row.channel, std::optional<std::string>("hotline"));
      EXPECT_EQ(row.reporter, std::optional<std::string>("138****5678"));
    } else {
      EXPECT_FALSE(row.description.has_value());
    }
    if (r.value.find("\"place\"") != std::string::npos) {
      EXPECT_EQ(row.grid, std::optional<std::string>("g1"));
      EXPECT_EQ(row.street, std::optional<std::string>("s1"));
    }
    if (r.value.find("\"reported_at\"") != std::string::npos) {
      EXPECT_EQ(row.reported_at, std::optional<Instant>(at("2026-03-02T09:00:00+08:00")));
    }
  }
  EXPECT_TRUE(saw_breach);
  EXPECT_TRUE(saw_closed);
  EXPECT_TRUE(saw_updated);
}

// The shape of a first record as the contract gives it, every optional member present.
constexpr std::string_view kFirst =
    R"({"specversion":"1.0","id":"case-7-1","source":"/caseflow/engine",
"type":"caseflow.case.updated","subject":"case-7","time":"2026-03-02T09:00:01+08:00",
"datacontenttype":"application/json","data":{"case_id":"case-7","status":"dispatched",
"workflow":"parking@1","stage":"grid","unit":"grid:G00001","category":"parking.illegal",
"urgency":"normal","change":"dispatched","reported_at":"2026-03-02T09:00:00+08:00",
"place":{"grid":"G00001","community":"C1","street":"S1","district":"D1"},
"report":{"description":"car on the pavement","channel":"app","reporter":"138****5678",
"address":"1 Main St","location":{"lat":39.91,"lon":116.4}}}})";

TEST(ArchiveRecord, AFirstRecordCarriesTheReportAndThePlace) {
  auto parsed = parse_archive_record("case-7", kFirst);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const CaseRow& row = parsed->row;
  EXPECT_EQ(row.seq, 1u);
  EXPECT_EQ(row.status, "dispatched");
  EXPECT_EQ(row.stage, "grid");
  EXPECT_EQ(row.unit, "grid:G00001");
  EXPECT_EQ(row.urgency, "normal");
  EXPECT_EQ(row.reported_at, std::optional<Instant>(at("2026-03-02T01:00:00Z")));
  EXPECT_EQ(row.updated_at, at("2026-03-02T01:00:01Z"));
  EXPECT_EQ(row.grid, std::optional<std::string>("G00001"));
  EXPECT_EQ(row.district, std::optional<std::string>("D1"));
  EXPECT_EQ(row.description, std::optional<std::string>("car on the pavement"));
  EXPECT_EQ(row.address, std::optional<std::string>("1 Main St"));
  EXPECT_EQ(row.lat, std::optional<double>(39.91));
  EXPECT_EQ(row.lon, std::optional<double>(116.4));
  EXPECT_FALSE(row.closed_at.has_value());
  EXPECT_EQ(parsed->history.type, "updated");
  EXPECT_EQ(parsed->history.what, "dispatched");
}

TEST(ArchiveRecord, TheRequestTypeComesFromTheFirstRecordsReport) {
  Harness h;
  auto typed = core::testing::report("c1");
  typed.request_type = definition::RequestType::help;
  std::vector<Published> out;
  keep(h.send(typed), out);
  keep(h.send(event(EventType::signed_for, "c1")), out);
  ASSERT_EQ(out.size(), 2u);
  auto first = parse_archive_record(out[0].key, out[0].value);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->row.request_type, std::optional<std::string>("help"));
  // Later records do not repeat it; the batch keeps what the first one said.
  auto later = parse_archive_record(out[1].key, out[1].value);
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->row.request_type.has_value());
  const Batch batch = batch_of({*first, *later});
  ASSERT_EQ(batch.cases.size(), 1u);
  EXPECT_EQ(batch.cases[0].request_type, std::optional<std::string>("help"));
  // A report that names none leaves the column empty.
  Harness plain;
  std::vector<Published> untyped;
  keep(plain.send(core::testing::report("c2")), untyped);
  auto none = parse_archive_record(untyped[0].key, untyped[0].value);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->row.request_type.has_value());
}

TEST(ArchiveRecord, ACaseAnsweredAtIntakeIsArchivedWithItsOutcome) {
  Harness h;
  auto answered = core::testing::report("c1");
  answered.request_type = definition::RequestType::consultation;
  answered.answered_at_intake = true;
  answered.note = "free after 19:00";
  std::vector<Published> out;
  keep(h.send(answered), out);
  ASSERT_EQ(out.size(), 2u);  // updated (with the report), closed
  std::vector<ArchiveRecord> records;
  for (const auto& r : out) {
    auto parsed = parse_archive_record(r.key, r.value);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    records.push_back(*parsed);
  }
  EXPECT_EQ(records[0].history.what, "answered_at_intake");
  EXPECT_EQ(records[1].row.outcome, std::optional<std::string>("answered_at_intake"));
  const Batch batch = batch_of(records);
  ASSERT_EQ(batch.cases.size(), 1u);
  EXPECT_EQ(batch.cases[0].status, "closed");
  EXPECT_EQ(batch.cases[0].request_type, std::optional<std::string>("consultation"));
}

TEST(ArchiveRecord, AnArchivedRecordSaysWhenTheCaseClosedAndHowItEnded) {
  const std::string v =
      R"({"specversion":"1.0","id":"a-b-12","source":"/caseflow/engine","type":"caseflow.case.archived",)"
      R"("subject":"a-b","time":"2026-03-05T09:00:00Z","datacontenttype":"application/json",)"
      R"("data":{"case_id":"a-b","status":"closed","workflow":"parking@1","stage":"","unit":"",)"
      R"("category":"noise","urgency":"urgent","closed_at":"2026-03-03T09:00:00Z",)"
      R"("outcome":"merged","merged_into":"a-a"}})";
  auto parsed = parse_archive_record("a-b", v);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->row.seq, 12u);
  EXPECT_EQ(parsed->row.archived_at, std::optional<Instant>(at("2026-03-05T09:00:00Z")));
  EXPECT_EQ(parsed->row.closed_at, std::optional<Instant>(at("2026-03-03T09:00:00Z")));
  EXPECT_EQ(parsed->row.merged_into, std::optional<std::string>("a-a"));
  EXPECT_EQ(parsed->history.type, "archived");
  EXPECT_EQ(parsed->history.what, "merged");
  // An older record (no place, no report) leaves those members unknown.
  EXPECT_FALSE(parsed->row.grid.has_value());
  EXPECT_FALSE(parsed->row.reported_at.has_value());
}

std::string with(std::string_view from, std::string_view to) {
  std::string v(kFirst);
  v.replace(v.find(from), from.size(), to);
  return v;
}

TEST(ArchiveRecord, RefusesWhatIsNotARecordOfTheContractWithAStableReason) {
  struct Case {
    std::string key, value, reason;
  };
  const std::vector<Case> cases = {
      {"case-7", "{not json", "not_json"},
      {"case-7", "[1,2]", "not_cloudevent"},
      {"case-7", with(R"("subject":"case-7",)", ""), "not_cloudevent"},
      {"case-7", with(R"("id":"case-7-1")", R"("id":7)"), "not_cloudevent"},
      {"case-7", with("caseflow.case.updated", "caseflow.case.dispatched"), "unknown_type"},
      {"case-7", with("caseflow.case.updated", "com.example.other"), "unknown_type"},
      {"case-8", std::string(kFirst), "key_mismatch"},
      {"case-7", with(R"("id":"case-7-1")", R"("id":"case-7-x")"), "bad_id"},
      {"case-7", with(R"("id":"case-7-1")", R"("id":"case-9-1")"), "bad_id"},
      {"case-7", with(R"("id":"case-7-1")", R"("id":"case-7")"), "bad_id"},
      {"case-7", with("2026-03-02T09:00:01+08:00", "yesterday"), "bad_time"},
      {"case-7", with(R"("reported_at":"2026-03-02T09:00:00+08:00")", R"("reported_at":"soon")"),
       "bad_time"},
      {"case-7", with(R"("status":"dispatched")", R"("status":3)"), "bad_data"},
      {"case-7", with(R"("lat":39.91)", R"("lat":"north")"), "bad_data"},
      {"case-7", with(R"("status":"dispatched",)", ""), "bad_data"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_archive_record(c.key, c.value);
    ASSERT_FALSE(parsed.ok()) << c.value;
    EXPECT_EQ(parsed.error().code, c.reason) << c.value;
    EXPECT_FALSE(parsed.error().message.empty());
  }
}

TEST(ArchiveRecord, KeepsTheAssessmentFactsOfEveryRecordTypeAsCompactJson) {
  const std::string facts =
      R"({"response":{"unit":"community:C1","stage":"grid","on_time":true},"returned_by":"x"})";
  for (const char* type : {"updated", "closed", "archived", "sla_breached", "escalated"}) {
    std::string v = with("caseflow.case.updated", std::string("caseflow.case.") + type);
    const std::string spaced =
        R"({ "response" : {"unit": "community:C1", "stage": "grid", "on_time": true},)"
        R"( "returned_by": "x" })";
    v.replace(v.find(R"("status":"dispatched",)"), 0, R"("assessment":)" + spaced + ",");
    auto parsed = parse_archive_record("case-7", v);
    ASSERT_TRUE(parsed.ok()) << type << ": " << parsed.error().message;
    EXPECT_EQ(parsed->history.facts, facts) << type;
  }
  auto without = parse_archive_record("case-7", kFirst);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without->history.facts, "");
  auto not_object = parse_archive_record(
      "case-7", with(R"("status":"dispatched",)", R"("status":"dispatched","assessment":[1],)"));
  ASSERT_FALSE(not_object.ok());
  EXPECT_EQ(not_object.error().code, "bad_data");
  EXPECT_NE(not_object.error().message.find("data.assessment"), std::string::npos);
}

ArchiveRecord record(std::string id, uint64_t seq, std::string status) {
  ArchiveRecord r;
  r.row.id = r.history.case_id = std::move(id);
  r.row.seq = r.history.seq = seq;
  r.row.status = std::move(status);
  r.history.type = "updated";
  return r;
}

TEST(ArchiveBatch, OneRowPerCaseFromItsNewestRecordKeepingWhatOlderOnesSaid) {
  auto first = record("c1", 1, "dispatched");
  first.row.description = "car on the pavement";
  first.row.grid = "G1";
  auto breach = record("c1", 2, "dispatched");
  breach.row.breached = true;
  breach.history.type = "sla_breached";
  auto newest = record("c1", 3, "signed");
  newest.row.grid = "G2";
  const Batch b = batch_of({newest, record("c2", 7, "closed"), first, breach, newest});
  ASSERT_EQ(b.cases.size(), 2u);
  const CaseRow& c1 = b.cases[0].id == "c1" ? b.cases[0] : b.cases[1];
  EXPECT_EQ(c1.seq, 3u);
  EXPECT_EQ(c1.status, "signed");
  EXPECT_EQ(c1.grid, std::optional<std::string>("G2"));  // the newest says it
  EXPECT_EQ(c1.description, std::optional<std::string>("car on the pavement"));
  EXPECT_EQ(c1.breached, std::optional<bool>(true));
  ASSERT_EQ(b.history.size(), 4u);  // the record read twice is one entry
  std::vector<std::pair<std::string, uint64_t>> keys;
  for (const auto& h : b.history) keys.emplace_back(h.case_id, h.seq);
  EXPECT_EQ(keys, (std::vector<std::pair<std::string, uint64_t>>{
                      {"c1", 1}, {"c1", 2}, {"c1", 3}, {"c2", 7}}));
}

events::CaseEvent by(events::CaseEvent e, std::string principal) {
  e.principal = std::move(principal);
  return e;
}

TEST(ArchiveRecord, EachHistoryRowKeepsWhoCausedItsRecord) {
  Harness h;
  std::vector<Published> out;
  keep(h.send(by(core::testing::report("c1"), "resident:open311")), out);
  keep(h.send(by(event(EventType::returned, "c1"), "unit:grid-g1")), out);
  keep(h.send(by(event(EventType::assigned, "c1", h.units.grid("g3")), "dispatcher:li")), out);
  keep(h.advance(Duration::minutes(61)), out);  // the new unit's sign clock warns and breaches
  std::vector<std::string> seen;                // "<type>/<what>/<note> by <actor>"
  for (const auto& r : out) {
    auto parsed = parse_archive_record(r.key, r.value);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message << " in " << r.value;
    const HistoryRow& row = parsed->history;
    ASSERT_TRUE(row.actor.has_value()) << "every record says who: " << r.value;
    seen.push_back(row.type + "/" + row.what + "/" + row.note + " by " + *row.actor);
  }
  auto has = [&](const std::string& line) {
    return std::find(seen.begin(), seen.end(), line) != seen.end();
  };
  EXPECT_TRUE(has("updated/dispatched/ by resident:open311")) << ::testing::PrintToString(seen);
  EXPECT_TRUE(has("updated/returned/ by unit:grid-g1")) << ::testing::PrintToString(seen);
  // The assignment's dispatch says it was one, so the archive's audit can list it.
  EXPECT_TRUE(has("updated/dispatched/assigned by dispatcher:li"))
      << ::testing::PrintToString(seen);
  EXPECT_TRUE(has("sla_warning/sign/ by engine")) << ::testing::PrintToString(seen);
  EXPECT_TRUE(has("sla_breached/sign/ by engine")) << ::testing::PrintToString(seen);
}

TEST(ArchiveRecord, ARecordWithoutAnActorHasNone) {
  auto parsed = parse_archive_record("case-7", kFirst);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_FALSE(parsed->history.actor.has_value());
}

constexpr std::string_view kSealed = "v1:c2VhbGVkIGJ5IHRoZSBydW50aW1l";

// The phone as the engine really sends it: sealed on the first record, erased on the closing one.
TEST(ArchiveRecord, TheSealedPhoneComesOnTheFirstRecordAndTheClosingOneErasesIt) {
  Harness h;
  auto reported = core::testing::report("c1");
  reported.reporter = "138****5678";
  reported.sealed_phone = std::string(kSealed);
  std::vector<Published> out;
  keep(h.send(reported), out);
  const std::string unit = h.view("c1").unit;
  keep(h.send(event(EventType::signed_for, "c1", unit)), out);
  keep(h.send(event(EventType::resolved, "c1", unit)), out);
  auto rated = event(EventType::rated, "c1");
  rated.solved = events::Solved::solved;
  rated.satisfaction = events::Satisfaction::satisfied;
  keep(h.send(rated), out);
  std::vector<ArchiveRecord> records;
  size_t carrying = 0, erasing = 0;
  for (const auto& r : out) {
    auto parsed = parse_archive_record(r.key, r.value);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message << " in " << r.value;
    if (parsed->row.sealed_phone) {
      ++carrying;
      EXPECT_EQ(*parsed->row.sealed_phone, kSealed);
      EXPECT_TRUE(parsed->row.description.has_value()) << "it comes with the report";
    }
    if (parsed->row.phone_erased) {
      ++erasing;
      EXPECT_EQ(parsed->history.type, "closed");
    }
    records.push_back(std::move(*parsed));
  }
  EXPECT_EQ(carrying, 1u);
  EXPECT_EQ(erasing, 1u);
  // The whole life in one batch: the row says the phone is gone, not the phone of its first record.
  const Batch whole = batch_of(records);
  ASSERT_EQ(whole.cases.size(), 1u);
  EXPECT_TRUE(whole.cases[0].phone_erased);
  EXPECT_FALSE(whole.cases[0].sealed_phone.has_value());
  // Before the closing record, the batch keeps the phone the first record carried.
  records.pop_back();
  const Batch open = batch_of(records);
  ASSERT_EQ(open.cases.size(), 1u);
  EXPECT_EQ(open.cases[0].sealed_phone, std::optional<std::string>(kSealed));
  EXPECT_FALSE(open.cases[0].phone_erased);
}

TEST(ArchiveRecord, ReadsTheSealedPhoneAndItsErasureAndRefusesWrongTypes) {
  auto sealed = parse_archive_record(
      "case-7", with(R"("status":"dispatched",)",
                     R"("status":"dispatched","sealed_phone":"v1:c2VhbGVkIGJ5IHRoZSBydW50aW1l",)"));
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  EXPECT_EQ(sealed->row.sealed_phone, std::optional<std::string>(kSealed));
  EXPECT_FALSE(sealed->row.phone_erased);

  auto erased = parse_archive_record(
      "case-7", with(R"("status":"dispatched",)", R"("status":"closed","phone_erased":true,)"));
  ASSERT_TRUE(erased.ok()) << erased.error().message;
  EXPECT_TRUE(erased->row.phone_erased);
  EXPECT_FALSE(erased->row.sealed_phone.has_value());

  auto neither = parse_archive_record("case-7", kFirst);
  ASSERT_TRUE(neither.ok());
  EXPECT_FALSE(neither->row.sealed_phone.has_value());
  EXPECT_FALSE(neither->row.phone_erased);

  auto not_erased = parse_archive_record(
      "case-7",
      with(R"("status":"dispatched",)", R"("status":"dispatched","phone_erased":false,)"));
  ASSERT_TRUE(not_erased.ok()) << not_erased.error().message;
  EXPECT_FALSE(not_erased->row.phone_erased);

  // Both on one record: the erasure wins, so the archive never keeps a phone the engine let go.
  auto both = parse_archive_record(
      "case-7", with(R"("status":"dispatched",)",
                     R"("status":"closed","sealed_phone":"v1:AAAA","phone_erased":true,)"));
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_TRUE(both->row.phone_erased);
  EXPECT_FALSE(both->row.sealed_phone.has_value());

  struct Wrong {
    std::string member, message;
  };
  for (const Wrong& w :
       {Wrong{R"("sealed_phone":7,)", "data.sealed_phone is not a string"},
        Wrong{R"("sealed_phone":{"v":"1"},)", "data.sealed_phone is not a string"},
        Wrong{R"("phone_erased":"yes",)", "data.phone_erased is not true or false"},
        Wrong{R"("phone_erased":1,)", "data.phone_erased is not true or false"}}) {
    auto parsed = parse_archive_record(
        "case-7", with(R"("status":"dispatched",)", R"("status":"dispatched",)" + w.member));
    ASSERT_FALSE(parsed.ok()) << w.member;
    EXPECT_EQ(parsed.error().code, "bad_data") << w.member;
    EXPECT_EQ(parsed.error().message, w.message);
  }
}

TEST(ArchiveBatch, ThePhoneIsKeptUntilErasedAndStaysErased) {
  auto first = record("c1", 1, "dispatched");
  first.row.sealed_phone = std::string(kSealed);
  auto signed_for = record("c1", 2, "signed");
  auto closed = record("c1", 3, "closed");
  closed.row.phone_erased = true;
  auto archived = record("c1", 4, "closed");

  const Batch kept = batch_of({signed_for, first});
  ASSERT_EQ(kept.cases.size(), 1u);
  EXPECT_EQ(kept.cases[0].seq, 2u);
  EXPECT_EQ(kept.cases[0].sealed_phone, std::optional<std::string>(kSealed));
  EXPECT_FALSE(kept.cases[0].phone_erased);

  const Batch gone = batch_of({archived, first, closed, signed_for});
  ASSERT_EQ(gone.cases.size(), 1u);
  EXPECT_EQ(gone.cases[0].seq, 4u);
  EXPECT_TRUE(gone.cases[0].phone_erased) << "a later record keeps the erasure";
  EXPECT_FALSE(gone.cases[0].sealed_phone.has_value());
}

TEST(ArchiveRecord, TheCaseSequenceIsTheNumberAfterTheLastDash) {
  EXPECT_EQ(case_sequence("demo-3-17"), std::optional<uint64_t>(17));
  EXPECT_EQ(case_sequence("c1-0"), std::optional<uint64_t>(0));
  EXPECT_FALSE(case_sequence("c1-").has_value());
  EXPECT_FALSE(case_sequence("c1").has_value());
  EXPECT_FALSE(case_sequence("c1-1a").has_value());
}

}  // namespace
}  // namespace caseflow::archive
