// Lists over live cases and the archive: the query's parameters, what each side filters, the
// archive's share with held cases left out, and the merged page.
#include "connectors/http/case_list.h"

#include <gtest/gtest.h>

#include "tests/unit/connectors/http/memory_archive.h"

namespace caseflow::http {
namespace {

Instant at_minute(int m) { return Instant::from_unix_millis(1'780'000'000'000 + m * 60'000); }

archive::CaseRow row(std::string id, int minute, std::string status = "closed",
                     std::string category = "parking.illegal") {
  archive::CaseRow r;
  r.id = std::move(id);
  r.seq = 3;
  r.status = std::move(status);
  r.workflow = "parking@1";
  r.stage = "grid";
  r.unit = "grid:G01";
  r.category = std::move(category);
  r.reported_at = at_minute(minute);
  r.updated_at = at_minute(minute + 1);
  return r;
}

FormFields query(std::initializer_list<std::pair<std::string, std::string>> q) {
  return FormFields(q.begin(), q.end());
}

TEST(CaseListQuery, ReadsEveryFilterAndCapsTheLimit) {
  auto q = parse_case_list_query(query({{"status", "closed"},
                                        {"street", "S1"},
                                        {"community", "C1"},
                                        {"from", "2026-11-01T00:00:00+08:00"},
                                        {"to", "2026-12-01T00:00:00Z"},
                                        {"overdue", "true"},
                                        {"offset", "20"},
                                        {"limit", "5000"}}),
                                 1'000);
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->status, "closed");
  EXPECT_EQ(q->street, "S1");
  EXPECT_EQ(q->community, "C1");
  ASSERT_TRUE(q->from && q->to);
  EXPECT_EQ(q->from->unix_millis(), 1'793'462'400'000);  // 2026-10-31T16:00:00Z
  EXPECT_TRUE(q->overdue);
  EXPECT_EQ(q->offset, 20u);
  EXPECT_EQ(q->limit, 1'000u);
}

TEST(CaseListQuery, RefusesWhatWouldFilterWrongly) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"stauts", "open"},
                                                        {"status", "nonsense"},
                                                        {"from", "yesterday"},
                                                        {"to", "2026-11-01"},
                                                        {"overdue", "yes"},
                                                        {"offset", "-1"},
                                                        {"limit", "ten"}}) {
    auto q = parse_case_list_query(query({{name, value}}), 1'000);
    ASSERT_FALSE(q.ok()) << name << "=" << value;
    EXPECT_EQ(q.error().code, "bad_query");
    EXPECT_NE(q.error().message.find(name == "stauts" ? "stauts" : name), std::string::npos)
        << q.error().message;
  }
}

TEST(CaseListQuery, BreachedIsTheOlderNameOfOverdue) {
  auto q = parse_case_list_query(query({{"breached", "1"}}), 10);
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->overdue);
  EXPECT_TRUE(engine_query(*q).breached_only);
  EXPECT_EQ(archive_filter(*q).breached, true);
}

TEST(CaseListQuery, EachSideGetsTheFiltersItCanApply) {
  auto q = parse_case_list_query(query({{"status", "dispatched"},
                                        {"unit", "grid:G01"},
                                        {"category", "noise"},
                                        {"workflow", "parking"},
                                        {"stage", "grid"},
                                        {"open", "true"},
                                        {"street", "S1"},
                                        {"grid", "G1"},
                                        {"from", "2026-11-01T00:00:00Z"}}),
                                 100);
  ASSERT_TRUE(q.ok());
  const core::CaseQuery e = engine_query(*q);
  EXPECT_EQ(e.status, "dispatched");
  EXPECT_EQ(e.workflow, "parking");
  EXPECT_EQ(e.stage, "grid");
  EXPECT_TRUE(e.open_only);
  EXPECT_EQ(e.offset, 0u);  // the page is cut after the merge
  const archive::CaseFilter f = archive_filter(*q);
  EXPECT_EQ(f.status, "dispatched");
  EXPECT_EQ(f.unit, "grid:G01");
  EXPECT_EQ(f.category, "noise");
  EXPECT_EQ(f.street, "S1");
  EXPECT_EQ(f.grid, "G1");
  EXPECT_EQ(f.open, true);
  EXPECT_EQ(f.reported_from, q->from);
  EXPECT_FALSE(f.breached);
  // workflow (by name, any version) and stage are matched in memory.
  auto keep = archive_post_filter(*q);
  ASSERT_TRUE(keep);
  archive::CaseRow r = row("a", 1);
  r.workflow = "parking@7";
  EXPECT_TRUE(keep(r));
  r.stage = "street";
  EXPECT_FALSE(keep(r));
  r.stage = "grid";
  r.workflow = "parkingx@1";
  EXPECT_FALSE(keep(r));
  EXPECT_FALSE(archive_post_filter(CaseListQuery{}));

  const Instant later = at_minute(0) + Duration::days(400);
  EXPECT_TRUE(live_matches(*q, later, "G1", "S1", "any"));
  EXPECT_FALSE(live_matches(*q, later, "G1", "S2", "any"));
  EXPECT_FALSE(live_matches(*q, later, "G2", "S1", "any"));
  EXPECT_FALSE(live_matches(*q, Instant::from_unix_millis(0), "G1", "S1", "any"));
}

TEST(ReadArchivePart, LeavesOutHeldCasesAndCountsTheRest) {
  testing::MemoryArchive store;
  for (int i = 0; i < 10; ++i)
    store.cases["c" + std::to_string(i)] = row("c" + std::to_string(i), i);
  // c9 and c8 are the newest and held live: the archive's share starts at c7.
  const std::vector<std::string> held = {"c8", "c9", "x-not-archived"};
  auto part = read_archive_part(store, {archive::CaseFilter{}}, held, 3, {});
  ASSERT_TRUE(part.ok()) << part.error().message;
  EXPECT_EQ(part->total, 8u);
  ASSERT_EQ(part->rows.size(), 3u);
  EXPECT_EQ(part->rows[0].id, "c7");
  EXPECT_EQ(part->rows[2].id, "c5");
}

TEST(ReadArchivePart, AppliesTheInMemoryFilterOverEveryRow) {
  testing::MemoryArchive store;
  for (int i = 0; i < 5'000; ++i) {
    auto r = row("c" + std::to_string(i), i);
    r.stage = i % 2 ? "street" : "grid";
    store.cases[r.id] = r;
  }
  auto part = read_archive_part(store, {archive::CaseFilter{}}, {"c4998"}, 2,
                                [](const archive::CaseRow& r) { return r.stage == "grid"; });
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->total, 2'499u);
  ASSERT_EQ(part->rows.size(), 2u);
  EXPECT_EQ(part->rows[0].id, "c4996");
  EXPECT_EQ(part->rows[1].id, "c4994");
}

TEST(ReadArchivePart, MergesDisjointFiltersNewestFirst) {
  testing::MemoryArchive store;
  store.cases["a"] = row("a", 1, "closed", "noise");
  store.cases["b"] = row("b", 2, "closed", "parking.illegal");
  store.cases["c"] = row("c", 3, "closed", "noise");
  store.cases["d"] = row("d", 4, "closed", "litter");
  archive::CaseFilter noise, parking;
  noise.category = "noise";
  parking.category = "parking.illegal";
  auto part = read_archive_part(store, {noise, parking}, {}, 2, {});
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->total, 3u);
  ASSERT_EQ(part->rows.size(), 2u);
  EXPECT_EQ(part->rows[0].id, "c");
  EXPECT_EQ(part->rows[1].id, "b");
}

TEST(ReadArchivePart, PassesTheStoreErrorOn) {
  testing::MemoryArchive store;
  store.failing = true;
  auto part = read_archive_part(store, {archive::CaseFilter{}}, {}, 10, {});
  ASSERT_FALSE(part.ok());
  EXPECT_EQ(part.error().code, "archive_query");
}

struct Live {
  std::string id;
  Instant at;
};

std::vector<std::string> ids_of(const std::vector<Listed<Live>>& page) {
  std::vector<std::string> out;
  for (const auto& e : page) {
    out.push_back(e.index() == 0 ? "live:" + std::get<0>(e).id : "arch:" + std::get<1>(e).id);
  }
  return out;
}

TEST(MergePage, InterleavesNewestFirstAndCutsThePage) {
  std::vector<Live> live = {{"l1", at_minute(1)}, {"l5", at_minute(5)}, {"l3", at_minute(3)}};
  std::vector<archive::CaseRow> archived = {row("a4", 4), row("a2", 2), row("a0", 0)};
  auto time_of = [](const Live& l) { return l.at; };
  auto id_of = [](const Live& l) -> std::string_view { return l.id; };
  EXPECT_EQ(
      ids_of(merge_page(live, archived, 0, 10, time_of, id_of)),
      (std::vector<std::string>{"live:l5", "arch:a4", "live:l3", "arch:a2", "live:l1", "arch:a0"}));
  EXPECT_EQ(ids_of(merge_page(live, archived, 2, 3, time_of, id_of)),
            (std::vector<std::string>{"live:l3", "arch:a2", "live:l1"}));
  EXPECT_TRUE(merge_page(live, archived, 6, 3, time_of, id_of).empty());
  // Equal times: ids descending, whichever side they come from.
  std::vector<Live> tie = {{"m", at_minute(9)}};
  EXPECT_EQ(ids_of(merge_page(tie, {row("z", 9), row("a", 9)}, 0, 3, time_of, id_of)),
            (std::vector<std::string>{"arch:z", "live:m", "arch:a"}));
}

}  // namespace
}  // namespace caseflow::http
