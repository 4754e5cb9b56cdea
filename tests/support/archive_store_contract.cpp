#include "tests/support/archive_store_contract.h"

#include <stdlib.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace caseflow::archive::testing {
namespace {

// 2026-01-01T00:00:00Z.
constexpr Instant kT0 = Instant::from_unix_seconds(1'767'225'600);

CaseRow case_row(std::string id, uint64_t seq, std::string status = "dispatched") {
  CaseRow row;
  row.id = std::move(id);
  row.seq = seq;
  row.status = std::move(status);
  row.workflow = "parking@1";
  row.stage = "grid";
  row.unit = "grid:G00001";
  row.category = "parking.illegal";
  row.urgency = "normal";
  row.updated_at = kT0 + Duration::minutes(static_cast<int64_t>(seq));
  return row;
}

HistoryRow history_row(std::string case_id, uint64_t seq, std::string type = "updated",
                       std::string note = "", std::string facts = "") {
  return HistoryRow{.case_id = std::move(case_id),
                    .seq = seq,
                    .at = kT0 + Duration::minutes(static_cast<int64_t>(seq)),
                    .type = std::move(type),
                    .what = "status",
                    .stage = "grid",
                    .unit = "grid:G00001",
                    .note = std::move(note),
                    .facts = std::move(facts)};
}

CaseRow find_ok(ArchiveStore& store, const std::string& id) {
  auto found = store.find(id);
  EXPECT_TRUE(found.ok()) << found.error().message;
  if (!found.ok() || !found->has_value()) {
    ADD_FAILURE() << "case " << id << " not found";
    return CaseRow{};
  }
  return **found;
}

std::vector<std::string> ids_of(const std::vector<CaseRow>& rows) {
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  return ids;
}

std::vector<std::string> list_ids(ArchiveStore& store, const CaseFilter& filter) {
  auto rows = store.list(filter);
  EXPECT_TRUE(rows.ok()) << rows.error().message;
  return rows.ok() ? ids_of(*rows) : std::vector<std::string>{};
}

bool is_open(const CaseRow& r) {
  return r.status != "closed" && r.status != "withdrawn" && r.status != "merged";
}

// The contract's meaning of a filter, written plainly, to compare a backend against.
bool matches(const CaseRow& r, const CaseFilter& f) {
  auto same = [](const std::optional<std::string>& want, const std::optional<std::string>& have) {
    return !want || (have && *have == *want);
  };
  if (!f.ids.empty() && std::find(f.ids.begin(), f.ids.end(), r.id) == f.ids.end()) return false;
  if (f.status && r.status != *f.status) return false;
  if (f.category && r.category != *f.category) return false;
  if (f.unit && r.unit != *f.unit) return false;
  if (!same(f.grid, r.grid) || !same(f.community, r.community) || !same(f.street, r.street) ||
      !same(f.district, r.district)) {
    return false;
  }
  if (f.reported_from && (!r.reported_at || *r.reported_at < *f.reported_from)) return false;
  if (f.reported_to && (!r.reported_at || !(*r.reported_at < *f.reported_to))) return false;
  if (f.open && is_open(r) != *f.open) return false;
  if (f.breached && r.breached.value_or(false) != *f.breached) return false;
  return true;
}

// Newest first by (reported_at, id); cases with no reported_at last.
bool newest_first(const CaseRow& a, const CaseRow& b) {
  if (a.reported_at.has_value() != b.reported_at.has_value()) return a.reported_at.has_value();
  if (a.reported_at && *a.reported_at != *b.reported_at) return *a.reported_at > *b.reported_at;
  return a.id > b.id;
}

struct Place {
  const char *grid, *community, *street, *district;
};

CaseRow seeded(std::string id, std::string status, std::string unit, std::string category,
               std::optional<Place> place, std::optional<Duration> reported, bool breached) {
  CaseRow r = case_row(std::move(id), 7, std::move(status));
  r.unit = std::move(unit);
  r.category = std::move(category);
  if (place) {
    r.grid = place->grid;
    r.community = place->community;
    r.street = place->street;
    r.district = place->district;
  }
  if (reported) r.reported_at = kT0 + *reported;
  r.breached = breached;
  return r;
}

// Ten cases over three streets, two districts, three units, open and not, breached and not, two
// with the same reported_at, one with no place and one with no reported_at.
std::vector<CaseRow> seed() {
  const Place g1{"G1", "C1", "S1", "D1"}, g2{"G2", "C1", "S1", "D1"}, g3{"G3", "C2", "S2", "D1"},
      g4{"G4", "C3", "S3", "D2"}, g5{"G5", "C3", "S3", "D2"};
  const auto h = [](int n) { return Duration::hours(n); };
  return {
      seeded("c01", "dispatched", "U1", "parking", g1, h(1), false),
      seeded("c02", "closed", "U1", "parking", g2, h(2), false),
      seeded("c03", "signed", "U2", "noise", g1, h(3), true),
      seeded("c04", "withdrawn", "U2", "noise", g3, h(4), false),
      seeded("c05", "merged", "U3", "litter", g3, h(5), false),
      seeded("c06", "in_progress", "U3", "litter", g4, h(6), true),
      seeded("c07", "resolved", "U1", "parking", g4, Duration::days(30), false),
      seeded("c08", "dispatched", "U1", "parking", g5, Duration::days(30), false),
      seeded("c09", "received", "", "", std::nullopt, Duration::days(31), false),
      seeded("c10", "received", "", "", std::nullopt, std::nullopt, false),
  };
}

// A store holding seed(), and the check of one filter against the plain reading of the contract.
class Seeded {
 public:
  explicit Seeded(ArchiveStore& store) : store_(store), rows_(seed()) {
    apply_ok(store_, Batch{.cases = rows_});
  }

  void expect_filter(const CaseFilter& f, const std::string& what) {
    std::vector<CaseRow> want;
    for (const auto& r : rows_) {
      if (matches(r, f)) want.push_back(r);
    }
    std::sort(want.begin(), want.end(), newest_first);
    const auto all = ids_of(want);
    const auto from = std::min(f.offset, all.size());
    const auto to = std::min(all.size(), from + f.limit);
    EXPECT_EQ(list_ids(store_, f),
              std::vector<std::string>(all.begin() + static_cast<ptrdiff_t>(from),
                                       all.begin() + static_cast<ptrdiff_t>(to)))
        << what;
    auto n = store_.count(f);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(*n, all.size()) << what;
  }

 private:
  ArchiveStore& store_;
  std::vector<CaseRow> rows_;
};

}  // namespace

void ArchiveStoreContract::SetUp() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "caseflow-archive-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  scratch_ = pattern;
  store_ = GetParam()(scratch_);
  ASSERT_NE(store_, nullptr) << "the factory made no store";
}

void ArchiveStoreContract::TearDown() {
  store_.reset();
  std::error_code ec;
  if (!scratch_.empty()) std::filesystem::remove_all(scratch_, ec);
}

TEST_P(ArchiveStoreContract, SaysWhatItIs) {
  EXPECT_GE(store().schema_version(), 3);
  EXPECT_TRUE(store().backend() == "sqlite" || store().backend() == "postgresql")
      << store().backend();
}

TEST_P(ArchiveStoreContract, FindOfAnUnknownCaseIsNothing) {
  auto found = store().find("no-such-case");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_FALSE(found->has_value());
  auto history = store().history("no-such-case");
  ASSERT_TRUE(history.ok()) << history.error().message;
  EXPECT_TRUE(history->empty());
}

TEST_P(ArchiveStoreContract, AnEmptyBatchIsFine) { apply_ok(store(), Batch{}); }

TEST_P(ArchiveStoreContract, EveryColumnComesBackAsWritten) {
  CaseRow row = case_row("case-1", 3, "closed");
  row.stage = "street";
  row.unit = "street:S01";
  row.urgency = "urgent";
  row.request_type = "complaint";
  row.grid = "G00001";
  row.community = "C001";
  row.street = "S01";
  row.district = "D01";
  row.reported_at = kT0 + Duration::millis(1);
  row.closed_at = kT0 + Duration::days(2) + Duration::millis(7);
  row.outcome = "rated";
  row.merged_into = "case-0";
  row.description = "car on the pavement, call 138****0000 — 占道停车";
  row.channel = "hotline";
  row.reporter = "138****0000";
  row.address = "1 Long Street";
  row.lat = 31.2304123456789;
  row.lon = -121.4737000000001;
  row.breached = true;
  row.archived_at = kT0 + Duration::days(10);
  apply_ok(store(), Batch{.cases = {row}});

  const CaseRow got = find_ok(store(), "case-1");
  EXPECT_EQ(got.id, row.id);
  EXPECT_EQ(got.seq, row.seq);
  EXPECT_EQ(got.status, row.status);
  EXPECT_EQ(got.workflow, row.workflow);
  EXPECT_EQ(got.stage, row.stage);
  EXPECT_EQ(got.unit, row.unit);
  EXPECT_EQ(got.category, row.category);
  EXPECT_EQ(got.urgency, row.urgency);
  EXPECT_EQ(got.request_type, row.request_type);
  EXPECT_EQ(got.grid, row.grid);
  EXPECT_EQ(got.community, row.community);
  EXPECT_EQ(got.street, row.street);
  EXPECT_EQ(got.district, row.district);
  EXPECT_EQ(got.reported_at, row.reported_at);
  EXPECT_EQ(got.closed_at, row.closed_at);
  EXPECT_EQ(got.outcome, row.outcome);
  EXPECT_EQ(got.merged_into, row.merged_into);
  EXPECT_EQ(got.description, row.description);
  EXPECT_EQ(got.channel, row.channel);
  EXPECT_EQ(got.reporter, row.reporter);
  EXPECT_EQ(got.address, row.address);
  EXPECT_EQ(got.lat, row.lat);
  EXPECT_EQ(got.lon, row.lon);
  EXPECT_EQ(got.breached, std::optional<bool>(true));
  EXPECT_EQ(got.archived_at, row.archived_at);
  EXPECT_EQ(got.updated_at, row.updated_at);
}

TEST_P(ArchiveStoreContract, UnknownOptionalColumnsReadAsUnknownAndNotBreached) {
  apply_ok(store(), Batch{.cases = {case_row("case-1", 1)}});
  const CaseRow got = find_ok(store(), "case-1");
  EXPECT_FALSE(got.grid.has_value());
  EXPECT_FALSE(got.reported_at.has_value());
  EXPECT_FALSE(got.closed_at.has_value());
  EXPECT_FALSE(got.lat.has_value());
  EXPECT_FALSE(got.archived_at.has_value());
  EXPECT_EQ(got.breached, std::optional<bool>(false));
}

TEST_P(ArchiveStoreContract, ANewerSequenceWinsAndAnOlderOrEqualOneIsIgnored) {
  CaseRow v5 = case_row("case-1", 5, "signed");
  v5.unit = "grid:G5";
  apply_ok(store(), Batch{.cases = {v5}});

  CaseRow v3 = case_row("case-1", 3, "dispatched");  // arrives late: a replay or reordering
  v3.unit = "grid:G3";
  v3.outcome = "from-the-past";
  apply_ok(store(), Batch{.cases = {v3}});
  CaseRow got = find_ok(store(), "case-1");
  EXPECT_EQ(got.seq, 5u);
  EXPECT_EQ(got.status, "signed");
  EXPECT_EQ(got.unit, "grid:G5");
  EXPECT_FALSE(got.outcome.has_value())
      << "an older record sets no column, not even an unknown one";

  CaseRow again5 = case_row("case-1", 5, "resolved");
  apply_ok(store(), Batch{.cases = {again5}});
  EXPECT_EQ(find_ok(store(), "case-1").status, "signed") << "the same sequence is a replay";

  CaseRow v6 = case_row("case-1", 6, "resolved");
  v6.unit = "grid:G6";
  apply_ok(store(), Batch{.cases = {v6}});
  got = find_ok(store(), "case-1");
  EXPECT_EQ(got.seq, 6u);
  EXPECT_EQ(got.status, "resolved");
  EXPECT_EQ(got.unit, "grid:G6");
  EXPECT_EQ(got.updated_at, v6.updated_at);
}

TEST_P(ArchiveStoreContract, ColumnsARecordDoesNotKnowKeepTheirValues) {
  CaseRow first = case_row("case-1", 1, "dispatched");
  first.request_type = "complaint";
  first.grid = "G1";
  first.community = "C1";
  first.street = "S1";
  first.district = "D1";
  first.reported_at = kT0;
  first.description = "noise at night";
  first.channel = "app";
  first.reporter = "1**";
  first.address = "2 Short Street";
  first.lat = 31.5;
  first.lon = 121.5;
  apply_ok(store(), Batch{.cases = {first}});

  CaseRow later = case_row("case-1", 2, "closed");  // knows none of the report's facts
  later.closed_at = kT0 + Duration::days(1);
  later.outcome = "rated";
  apply_ok(store(), Batch{.cases = {later}});

  const CaseRow got = find_ok(store(), "case-1");
  EXPECT_EQ(got.status, "closed");
  EXPECT_EQ(got.request_type, first.request_type);
  EXPECT_EQ(got.grid, first.grid);
  EXPECT_EQ(got.community, first.community);
  EXPECT_EQ(got.street, first.street);
  EXPECT_EQ(got.district, first.district);
  EXPECT_EQ(got.reported_at, first.reported_at);
  EXPECT_EQ(got.description, first.description);
  EXPECT_EQ(got.channel, first.channel);
  EXPECT_EQ(got.reporter, first.reporter);
  EXPECT_EQ(got.address, first.address);
  EXPECT_EQ(got.lat, first.lat);
  EXPECT_EQ(got.lon, first.lon);
  EXPECT_EQ(got.closed_at, later.closed_at);
  EXPECT_EQ(got.outcome, later.outcome);

  CaseRow archived = case_row("case-1", 3, "closed");
  archived.archived_at = kT0 + Duration::days(9);
  archived.street = "S9";  // a newer record that knows a value replaces it
  apply_ok(store(), Batch{.cases = {archived}});
  const CaseRow last = find_ok(store(), "case-1");
  EXPECT_EQ(last.archived_at, archived.archived_at);
  EXPECT_EQ(last.street, std::optional<std::string>("S9"));
  EXPECT_EQ(last.outcome, later.outcome);
}

TEST_P(ArchiveStoreContract, BreachedStaysTrueOnceTrue) {
  CaseRow breached = case_row("case-1", 2);
  breached.breached = true;
  apply_ok(store(), Batch{.cases = {breached}});
  CaseRow later = case_row("case-1", 3);
  later.breached = false;
  apply_ok(store(), Batch{.cases = {later}});
  EXPECT_EQ(find_ok(store(), "case-1").breached, std::optional<bool>(true));

  // A breach learnt from a record older than the row still counts.
  apply_ok(store(), Batch{.cases = {case_row("case-2", 5)}});
  CaseRow old = case_row("case-2", 4);
  old.breached = true;
  apply_ok(store(), Batch{.cases = {old}});
  const CaseRow got = find_ok(store(), "case-2");
  EXPECT_EQ(got.seq, 5u);
  EXPECT_EQ(got.breached, std::optional<bool>(true));
}

TEST_P(ArchiveStoreContract, ABreachAlertMarksTheCaseEvenBeforeItsRowArrives) {
  // The alert alone, in a batch of its own: no case row yet.
  apply_ok(store(), Batch{.history = {history_row("case-1", 4, "sla_breached")}});
  apply_ok(store(), Batch{.cases = {case_row("case-1", 3)}});
  EXPECT_EQ(find_ok(store(), "case-1").breached, std::optional<bool>(true));

  // Both in one batch, and for a case that already has a row.
  apply_ok(store(), Batch{.cases = {case_row("case-2", 1)}});
  apply_ok(store(), Batch{.cases = {case_row("case-2", 6)},
                          .history = {history_row("case-2", 5, "sla_breached")}});
  EXPECT_EQ(find_ok(store(), "case-2").breached, std::optional<bool>(true));

  auto breached = store().count(CaseFilter{.breached = true});
  ASSERT_TRUE(breached.ok()) << breached.error().message;
  EXPECT_EQ(*breached, 2u);
}

TEST_P(ArchiveStoreContract, HistoryIsIdempotentAndOldestFirst) {
  apply_ok(store(), Batch{.history = {history_row("case-1", 3, "closed", "third"),
                                      history_row("case-1", 1, "updated", "first"),
                                      history_row("case-2", 1, "updated", "other case")}});
  apply_ok(store(), Batch{.history = {history_row("case-1", 2, "escalated", "second"),
                                      history_row("case-1", 1, "updated", "replayed")}});
  auto got = store().history("case-1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].seq, 1u);
  EXPECT_EQ((*got)[0].note, "first") << "a replayed entry changes nothing";
  EXPECT_EQ((*got)[1].seq, 2u);
  EXPECT_EQ((*got)[1].type, "escalated");
  EXPECT_EQ((*got)[2].seq, 3u);
  const HistoryRow want = history_row("case-1", 3, "closed", "third");
  EXPECT_EQ((*got)[2].case_id, want.case_id);
  EXPECT_EQ((*got)[2].at, want.at);
  EXPECT_EQ((*got)[2].type, want.type);
  EXPECT_EQ((*got)[2].what, want.what);
  EXPECT_EQ((*got)[2].stage, want.stage);
  EXPECT_EQ((*got)[2].unit, want.unit);
  EXPECT_EQ((*got)[2].note, want.note);
  EXPECT_EQ((*got)[2].facts, "");
}

TEST_P(ArchiveStoreContract, HistoryKeepsEachRecordsAssessmentFactsAsWritten) {
  // JSON text with what arrays and quoting could break: quotes, a backslash, braces, commas,
  // non-ASCII text.
  const std::string response =
      R"({"response":{"unit":"community:C1","stage":"grid","on_time":true}})";
  const std::string exemption =
      R"({"exemption":{"unit":"street:S1","step":"requested","reason":"业主在外地, \"下周\" {回来}"}})";
  apply_ok(store(), Batch{.history = {history_row("case-1", 1, "updated", "", response),
                                      history_row("case-1", 2, "updated", "no facts"),
                                      history_row("case-1", 3, "updated", "", exemption)}});
  apply_ok(store(), Batch{.history = {history_row("case-1", 1, "updated", "", "{}")}});
  auto got = store().history("case-1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].facts, response) << "a replay changes nothing";
  EXPECT_EQ((*got)[1].facts, "");
  EXPECT_EQ((*got)[2].facts, exemption);
}

TEST_P(ArchiveStoreContract, PartitionOwnersAreUpsertedPerGroupAndPartition) {
  auto none = store().partition_owner("caseflow", 3);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());

  ASSERT_TRUE(store().set_partition_owner("caseflow", 3, "a", "10.0.0.1:8080", kT0).ok());
  ASSERT_TRUE(store().set_partition_owner("caseflow", 4, "b", "10.0.0.2:8080", kT0).ok());
  ASSERT_TRUE(store().set_partition_owner("other", 3, "c", "10.0.0.3:8080", kT0).ok());
  auto owner = store().partition_owner("caseflow", 3);
  ASSERT_TRUE(owner.ok()) << owner.error().message;
  EXPECT_EQ(*owner, std::optional<std::string>("10.0.0.1:8080"));

  ASSERT_TRUE(
      store()
          .set_partition_owner("caseflow", 3, "b", "10.0.0.2:8080", kT0 + Duration::minutes(1))
          .ok());
  EXPECT_EQ(*store().partition_owner("caseflow", 3), std::optional<std::string>("10.0.0.2:8080"));
  EXPECT_EQ(*store().partition_owner("other", 3), std::optional<std::string>("10.0.0.3:8080"));
  EXPECT_EQ(*store().partition_owner("caseflow", 4), std::optional<std::string>("10.0.0.2:8080"));
}

TEST_P(ArchiveStoreContract, ListsNewestFirstWithUnknownTimesLast) {
  Seeded seeded(store());
  EXPECT_EQ(list_ids(store(), CaseFilter{}),
            (std::vector<std::string>{"c09", "c08", "c07", "c06", "c05", "c04", "c03", "c02", "c01",
                                      "c10"}));
  seeded.expect_filter(CaseFilter{}, "no filter");
}

TEST_P(ArchiveStoreContract, EachFilterAlone) {
  Seeded seeded(store());
  seeded.expect_filter(CaseFilter{.ids = {"c03", "c07", "c10", "nope"}}, "ids");
  seeded.expect_filter(CaseFilter{.status = "dispatched"}, "status");
  seeded.expect_filter(CaseFilter{.category = "noise"}, "category");
  seeded.expect_filter(CaseFilter{.unit = "U1"}, "unit");
  seeded.expect_filter(CaseFilter{.grid = "G3"}, "grid");
  seeded.expect_filter(CaseFilter{.community = "C1"}, "community");
  seeded.expect_filter(CaseFilter{.street = "S3"}, "street");
  seeded.expect_filter(CaseFilter{.district = "D2"}, "district");
  seeded.expect_filter(CaseFilter{.reported_from = kT0 + Duration::hours(3)}, "from (inclusive)");
  seeded.expect_filter(CaseFilter{.reported_to = kT0 + Duration::hours(5)}, "to (exclusive)");
  seeded.expect_filter(CaseFilter{.open = true}, "open");
  seeded.expect_filter(CaseFilter{.open = false}, "not open");
  seeded.expect_filter(CaseFilter{.breached = true}, "breached");
  seeded.expect_filter(CaseFilter{.breached = false}, "not breached");
  seeded.expect_filter(CaseFilter{.street = "no-such-street"}, "nothing matches");
  // The plain reading agrees with what a user expects of a few of them.
  EXPECT_EQ(list_ids(store(), CaseFilter{.open = false}),
            (std::vector<std::string>{"c05", "c04", "c02"}));
  EXPECT_EQ(list_ids(store(), CaseFilter{.reported_from = kT0 + Duration::hours(3),
                                         .reported_to = kT0 + Duration::hours(5)}),
            (std::vector<std::string>{"c04", "c03"}));
}

TEST_P(ArchiveStoreContract, FiltersCombineWithAnd) {
  Seeded seeded(store());
  seeded.expect_filter(CaseFilter{.unit = "U1", .open = true}, "a unit's open cases");
  seeded.expect_filter(
      CaseFilter{.street = "S1", .reported_from = kT0, .reported_to = kT0 + Duration::days(31)},
      "a street's month");
  seeded.expect_filter(CaseFilter{.category = "parking", .district = "D2", .breached = false},
                       "category, district, not breached");
  seeded.expect_filter(CaseFilter{.ids = {"c01", "c02", "c03"}, .status = "closed"},
                       "ids and status");
  seeded.expect_filter(CaseFilter{.unit = "U3", .grid = "G4", .open = true, .breached = true},
                       "four at once");
  EXPECT_EQ(list_ids(store(), CaseFilter{.unit = "U1", .open = true}),
            (std::vector<std::string>{"c08", "c07", "c01"}));
}

TEST_P(ArchiveStoreContract, PagesWalkTheWholeListAndCountIgnoresThem) {
  Seeded seeded(store());
  std::vector<std::string> walked;
  for (size_t offset = 0; offset < 20; offset += 3) {
    const auto page = list_ids(store(), CaseFilter{.offset = offset, .limit = 3});
    EXPECT_LE(page.size(), 3u);
    walked.insert(walked.end(), page.begin(), page.end());
  }
  EXPECT_EQ(walked, list_ids(store(), CaseFilter{}));
  seeded.expect_filter(CaseFilter{.open = true, .offset = 2, .limit = 2}, "a middle page");
  seeded.expect_filter(CaseFilter{.offset = 50, .limit = 10}, "past the end");
  seeded.expect_filter(CaseFilter{.limit = 0}, "no rows asked for");
  auto n = store().count(CaseFilter{.open = true, .offset = 5, .limit = 1});
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 7u);
}

}  // namespace caseflow::archive::testing
