// The ArchiveStore contract, part three: who acted (HistoryRow::actor, schema v6) and decisions(),
// the archive's half of the audit view (docs/http.md "The audit view"): which history rows are
// decisions, the unit an assignment took the case from, the case's place beside each, the time
// range, and the order.
#include <string>
#include <vector>

#include "tests/support/archive_store_contract.h"

namespace caseflow::archive::testing {
namespace {

// 2026-11-01T00:00:00Z.
constexpr Instant kNovember1 = Instant::from_unix_seconds(1'793'491'200);

HistoryRow entry(std::string case_id, uint64_t seq, std::string type, std::string what,
                 std::string unit, std::optional<std::string> actor, std::string note = "",
                 std::string facts = "") {
  return HistoryRow{.case_id = std::move(case_id),
                    .seq = seq,
                    .at = kNovember1 + Duration::hours(static_cast<int64_t>(seq)),
                    .type = std::move(type),
                    .what = std::move(what),
                    .stage = "grid",
                    .unit = std::move(unit),
                    .note = std::move(note),
                    .facts = std::move(facts),
                    .actor = std::move(actor)};
}

CaseRow placed(std::string id, std::string street) {
  CaseRow row;
  row.id = std::move(id);
  row.seq = 99;
  row.status = "closed";
  row.workflow = "parking@1";
  row.street = std::move(street);
  row.community = "C1";
  row.updated_at = kNovember1;
  return row;
}

// "<case>-<seq> <what> by <actor|->, from <from_unit>" per decision, in the store's order.
std::vector<std::string> decisions_of(ArchiveStore& store, const DecisionFilter& filter) {
  auto rows = store.decisions(filter);
  EXPECT_TRUE(rows.ok()) << rows.error().message;
  std::vector<std::string> out;
  if (!rows.ok()) return out;
  for (const DecisionRow& d : *rows) {
    out.push_back(d.entry.case_id + "-" + std::to_string(d.entry.seq) + " " + d.entry.what +
                  " by " + d.entry.actor.value_or("-") + ", from " + d.from_unit);
  }
  return out;
}

TEST_P(ArchiveStoreContract, HistoryKeepsWhoActedAndNothingWhenNoOneSaid) {
  apply_ok(
      store(),
      Batch{.history = {entry("case-1", 1, "updated", "dispatched", "grid:G1", "resident:open311"),
                        entry("case-1", 2, "updated", "signed", "grid:G1", std::nullopt)}});
  // A replay that says more changes nothing: the row is kept as first written.
  apply_ok(store(),
           Batch{.history = {entry("case-1", 2, "updated", "signed", "grid:G1", "unit:grid:G1")}});
  auto got = store().history("case-1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].actor, std::optional<std::string>("resident:open311"));
  EXPECT_FALSE((*got)[1].actor.has_value());
}

TEST_P(ArchiveStoreContract, DecisionsAreTheRowsThatChangeAUnitsRatesNewestFirst) {
  const std::string invalid = R"({"invalid":{"unit":"community:C1","step":"confirmed",)"
                              R"("reason":"duplicate"}})";
  apply_ok(
      store(),
      Batch{.cases = {placed("case-1", "S1"), placed("case-2", "S2")},
            .history = {
                entry("case-1", 1, "updated", "dispatched", "grid:G1", "resident:open311"),
                entry("case-1", 2, "updated", "signed", "grid:G1", "unit:grid:G1"),
                entry("case-1", 3, "updated", "extension_approved", "grid:G1", "community:C1"),
                // Taken from grid:G1 and given to grid:G2: a reassignment.
                entry("case-1", 4, "updated", "dispatched", "grid:G2", "dispatcher:li", "assigned"),
                entry("case-1", 5, "updated", "returned", "grid:G2", "unit:grid:G2"),
                entry("case-1", 6, "updated", "unrouted", "", "unit:grid:G2"),
                // From the queue: no unit held the case since the return.
                entry("case-1", 7, "updated", "dispatched", "grid:G3", "dispatcher:li", "assigned"),
                entry("case-1", 8, "sla_breached", "sign", "grid:G3", "engine"),
                entry("case-1", 9, "closed", "rated", "grid:G3", "resident:open311"),
                entry("case-2", 1, "updated", "exemption_granted", "grid:G4", std::nullopt),
                entry("case-2", 2, "updated", "exemption_requested", "grid:G4", "x"),
                entry("case-2", 3, "updated", "invalid_refused", "grid:G4", "office:S2"),
                entry("case-2", 4, "updated", "return_justified", "grid:G4", "office:S2"),
                entry("case-2", 5, "closed", "invalid", "grid:G4", "office:S2", "", invalid),
                // A showing of the resident's phone is listed with the decisions.
                entry("case-2", 6, "updated", "phone_revealed", "grid:G4", "revisit:li"),
            }});
  EXPECT_EQ(decisions_of(store(), DecisionFilter{}),
            (std::vector<std::string>{
                "case-1-7 dispatched by dispatcher:li, from ",
                "case-2-6 phone_revealed by revisit:li, from ",
                "case-2-5 invalid by office:S2, from ",
                "case-2-4 return_justified by office:S2, from ",
                "case-1-4 dispatched by dispatcher:li, from grid:G1",
                "case-2-3 invalid_refused by office:S2, from ",
                "case-1-3 extension_approved by community:C1, from ",
                "case-2-1 exemption_granted by -, from ",
            }));
  auto rows = store().decisions(DecisionFilter{});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 8u);
  const DecisionRow& confirmed = (*rows)[2];
  EXPECT_EQ(confirmed.entry.type, "closed");
  EXPECT_EQ(confirmed.entry.facts, invalid);
  EXPECT_EQ(confirmed.entry.stage, "grid");
  EXPECT_EQ(confirmed.entry.at, kNovember1 + Duration::hours(5));
  EXPECT_EQ(confirmed.workflow, "parking@1");
  EXPECT_EQ(confirmed.street, "S2");
  EXPECT_EQ(confirmed.community, "C1");
  EXPECT_EQ((*rows)[0].entry.note, "assigned");
  EXPECT_EQ((*rows)[0].street, "S1");

  // [from, to) of the decision's time.
  EXPECT_EQ(decisions_of(store(), DecisionFilter{.from = kNovember1 + Duration::hours(4),
                                                 .to = kNovember1 + Duration::hours(7)}),
            (std::vector<std::string>{
                "case-2-6 phone_revealed by revisit:li, from ",
                "case-2-5 invalid by office:S2, from ",
                "case-2-4 return_justified by office:S2, from ",
                "case-1-4 dispatched by dispatcher:li, from grid:G1",
            }));
}

TEST_P(ArchiveStoreContract, ADecisionOfACaseWithoutItsRowHasNoPlace) {
  apply_ok(store(), Batch{.history = {entry("case-9", 1, "updated", "extension_refused", "grid:G1",
                                            "community:C1")}});
  auto rows = store().decisions(DecisionFilter{});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].workflow, "");
  EXPECT_EQ((*rows)[0].street, "");
  EXPECT_EQ((*rows)[0].community, "");
}

}  // namespace
}  // namespace caseflow::archive::testing
