// The ArchiveStore contract, part two: each_case_facts, the read the assessment report is made
// from (docs/assessment.md). A case is in a period when one of its fact records is; it then comes
// with every fact record it has, before and after the period, in sequence order.
#include <cstdio>
#include <string>
#include <vector>

#include "tests/support/archive_store_contract.h"

namespace caseflow::archive::testing {
namespace {

// 2026-11-01T00:00:00+08:00 and 2026-12-01T00:00:00+08:00.
constexpr Instant kFrom = Instant::from_unix_seconds(1'793'462'400);
constexpr Instant kTo = Instant::from_unix_seconds(1'796'054'400);

HistoryRow fact(std::string case_id, uint64_t seq, Instant at, std::string type, std::string what,
                std::string facts) {
  return HistoryRow{.case_id = std::move(case_id),
                    .seq = seq,
                    .at = at,
                    .type = std::move(type),
                    .what = std::move(what),
                    .stage = "grid",
                    .unit = "community:C1",
                    .note = "",
                    .facts = std::move(facts)};
}

CaseRow placed(std::string id, std::string street, std::string community) {
  CaseRow row;
  row.id = std::move(id);
  row.seq = 9;
  row.status = "closed";
  row.street = std::move(street);
  row.community = std::move(community);
  row.reported_at = kFrom - Duration::days(2);
  row.updated_at = kFrom;
  return row;
}

std::vector<assessment::CaseFacts> read_all(ArchiveStore& store, Instant from, Instant to) {
  std::vector<assessment::CaseFacts> out;
  auto status = store.each_case_facts(
      from, to, [&](assessment::CaseFacts&& c) { out.push_back(std::move(c)); });
  EXPECT_TRUE(status.ok()) << status.error().message;
  return out;
}

const std::string kResponse =
    R"({"response":{"unit":"community:C1","stage":"community","on_time":true}})";
const std::string kRating =
    R"({"rating":{"unit":"community:C1","solved":"solved","satisfaction":"satisfied"}})";
const std::string kExemption =
    R"({"exemption":{"unit":"community:C1","step":"granted","reason":"road works"}})";

TEST_P(ArchiveStoreContract, ACaseWithAFactInThePeriodComesWithAllItsFactsAndItsPlace) {
  Batch batch;
  batch.cases = {placed("case-a", "street:S1", "C1"), placed("case-b", "street:S2", "C2"),
                 placed("case-d", "street:S1", "C1")};
  batch.history = {
      // case-a: responded in October, rated in November, exempted in December.
      fact("case-a", 3, kFrom - Duration::hours(1), "updated", "contacted", kResponse),
      fact("case-a", 5, kFrom + Duration::days(9), "updated", "status", ""),
      fact("case-a", 6, kFrom + Duration::days(10), "closed", "rated", kRating),
      fact("case-a", 8, kTo + Duration::days(1), "updated", "exemption_granted", kExemption),
      // case-b: facts in October only.
      fact("case-b", 3, kFrom - Duration::days(3), "updated", "contacted", kResponse),
      // case-c: a fact at the period's first instant, and no case row (yet).
      fact("case-c", 2, kFrom, "updated", "contacted", kResponse),
      // case-d: a record in the period without facts, its fact at the period's end (outside).
      fact("case-d", 2, kFrom + Duration::days(1), "updated", "status", ""),
      fact("case-d", 3, kTo, "updated", "contacted", kResponse),
  };
  apply_ok(store(), batch);

  const auto cases = read_all(store(), kFrom, kTo);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].case_id, "case-a");
  EXPECT_EQ(cases[0].street, "street:S1");
  EXPECT_EQ(cases[0].community, "C1");
  ASSERT_EQ(cases[0].records.size(), 3u);
  EXPECT_EQ(cases[0].records[0].seq, 3u);
  EXPECT_EQ(cases[0].records[0].at, kFrom - Duration::hours(1));
  EXPECT_EQ(cases[0].records[0].type, "updated");
  EXPECT_EQ(cases[0].records[0].what, "contacted");
  EXPECT_EQ(cases[0].records[0].facts_json, kResponse);
  EXPECT_EQ(cases[0].records[1].seq, 6u);
  EXPECT_EQ(cases[0].records[1].type, "closed");
  EXPECT_EQ(cases[0].records[1].facts_json, kRating);
  EXPECT_EQ(cases[0].records[2].seq, 8u);
  EXPECT_EQ(cases[0].records[2].what, "exemption_granted");
  EXPECT_EQ(cases[0].records[2].facts_json, kExemption);

  EXPECT_EQ(cases[1].case_id, "case-c");
  EXPECT_EQ(cases[1].street, "");
  EXPECT_EQ(cases[1].community, "");
  ASSERT_EQ(cases[1].records.size(), 1u);

  EXPECT_TRUE(read_all(store(), kTo + Duration::days(40), kTo + Duration::days(70)).empty());
  const auto december = read_all(store(), kTo, kTo + Duration::days(31));
  ASSERT_EQ(december.size(), 2u);
  EXPECT_EQ(december[0].case_id, "case-a");
  EXPECT_EQ(december[1].case_id, "case-d");
}

TEST_P(ArchiveStoreContract, ManyCasesStreamOneByOneInIdOrder) {
  Batch batch;
  std::vector<std::string> want;
  for (int i = 0; i < 2'500; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "case-%05d", i);
    want.emplace_back(id);
    batch.history.push_back(
        fact(id, 1, kFrom + Duration::minutes(i), "updated", "contacted", kResponse));
    batch.history.push_back(
        fact(id, 2, kFrom + Duration::minutes(i + 1), "closed", "rated", kRating));
  }
  apply_ok(store(), batch);
  std::vector<std::string> got;
  size_t records = 0;
  auto status = store().each_case_facts(kFrom, kTo, [&](assessment::CaseFacts&& c) {
    got.push_back(c.case_id);
    records += c.records.size();
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(got, want);
  EXPECT_EQ(records, 5'000u);
}

}  // namespace
}  // namespace caseflow::archive::testing
