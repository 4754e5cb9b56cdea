// Why a case waits at the dispatcher's desk, read from what the engine keeps of it (its history
// and its workflow), and what the caller's principal looks like to a client.
#include "connectors/http/dispatcher_queue.h"

#include <gtest/gtest.h>

#include "connectors/http/whoami.h"

namespace caseflow::http {
namespace {

Instant at(int64_t s) { return Instant::from_unix_millis(s * 1000); }

definition::Workflow workflow() {
  definition::Workflow wf;
  wf.name = "parking";
  definition::StageDef grid;
  grid.name = "grid";
  grid.returns.max_returns = 2;
  grid.exemptions.approver = {definition::OwnerKind::stage, "street"};
  definition::StageDef street;
  street.name = "street";
  street.level = definition::Level::street;
  street.extensions.approver_kind = definition::OwnerKind::unit;
  street.extensions.approver = "district:D1";
  wf.stages = {grid, street};
  return wf;
}

core::CaseView unrouted(std::vector<core::HistoryView> history) {
  core::CaseView c;
  c.id = "c1";
  c.status = "received";
  c.workflow = "parking@1";
  c.stage = "grid";
  c.grid = "G01";
  c.reported_at = at(100);
  c.history = std::move(history);
  return c;
}

TEST(DispatcherQueue, AnUnroutedCaseSaysWhyFromItsHistory) {
  const auto wf = workflow();
  core::CaseView c = unrouted({{at(100), "reported", "", ""},
                               {at(110), "dispatched", "grid", "grid:G01"},
                               {at(150), "returned", "grid", "grid:G01"},
                               {at(150), "unrouted", "grid", ""}});
  c.returns_at_stage = 1;
  auto items = queue_items(c, &wf);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, "unrouted");
  EXPECT_EQ(items[0].reason, "returned");
  EXPECT_EQ(items[0].unit, "grid:G01");
  EXPECT_EQ(items[0].since, at(150));

  c.returns_at_stage = 2;  // the stage's last return: no fallback, so the dispatcher decides
  EXPECT_EQ(queue_items(c, &wf)[0].reason, "max_returns");

  core::CaseView fresh = unrouted({{at(100), "reported", "", ""}, {at(100), "unrouted", "", ""}});
  EXPECT_EQ(queue_items(fresh, &wf)[0].reason, "no_unit");
  fresh.grid.clear();
  EXPECT_EQ(queue_items(fresh, &wf)[0].reason, "unplaced");
  fresh.workflow.clear();
  EXPECT_EQ(queue_items(fresh, nullptr)[0].reason, "no_workflow");

  fresh.status = "dispatched";
  EXPECT_TRUE(queue_items(fresh, nullptr).empty());
}

TEST(DispatcherQueue, PendingRequestsNameTheirApprover) {
  const auto wf = workflow();
  core::CaseView c = unrouted({{at(100), "reported", "", ""},
                               {at(120), "exemption_requested", "grid", "grid:G01"},
                               {at(130), "exemption_requested", "grid", "grid:G02"},
                               {at(140), "exemption_refused", "grid", "grid:G01"}});
  c.status = "extension_requested";
  c.unit = "street:S1";
  c.extensions = {{"street", "2 workdays", "pending", at(160), at(200), at(300)},
                  {"street", "1 workday", "refused", at(150), at(200), at(200)}};
  const auto items = queue_items(c, &wf);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, "extension");
  EXPECT_EQ(items[0].asked, "2 workdays");
  EXPECT_EQ(items[0].unit, "street:S1");
  EXPECT_EQ(items[0].approver, "unit:district:D1");
  EXPECT_EQ(items[1].kind, "exemption");  // grid:G01's was refused; grid:G02's waits
  EXPECT_EQ(items[1].unit, "grid:G02");
  EXPECT_EQ(items[1].approver, "stage:street");
  EXPECT_EQ(items[1].since, at(130));

  // Oldest first across cases.
  const std::string json = queue_json({{c, items}});
  EXPECT_LT(json.find(R"("kind":"exemption")"), json.find(R"("kind":"extension")")) << json;
}

TEST(Whoami, SaysTheRoleTheUnitAndTheName) {
  EXPECT_EQ(whoami_json({auth::Role::unit, "grid:G01", "grid-app"}),
            R"({"role":"unit","unit":"grid:G01","office":null,"name":"grid-app","may":["act"]})");
  EXPECT_EQ(whoami_json({auth::Role::office, "street:S1", ""}),
            R"({"role":"office","unit":"street:S1","office":"street:S1","name":"street:S1",)"
            R"("may":["act","assess"]})");
  EXPECT_EQ(whoami_json({auth::Role::viewer, "", ""}),
            R"({"role":"viewer","unit":null,"office":null,"name":"viewer",)"
            R"("may":["read_all","assess","desk"]})");
}

TEST(DispatcherQueue, AnUnroutedCaseCarriesTheDispatchersClock) {
  const auto wf = workflow();
  core::CaseView c = unrouted({{at(100), "reported", "", ""}, {at(100), "unrouted", "", ""}});
  core::ClockView paused;  // the returning unit's own clock, paused: not the dispatcher's
  paused.name = "sign";
  paused.due = at(3700);
  paused.paused = true;
  core::ClockView queue;
  queue.name = "dispatcher_queue";
  queue.started_at = at(100);
  queue.due = at(7300);
  queue.warn_at = at(5500);
  queue.warned = true;
  c.clocks = {paused, queue};
  const auto items = queue_items(c, &wf);
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].clock);
  EXPECT_EQ(items[0].clock->due, at(7300));
  const std::string json = queue_json({QueuedCase{c, items}});
  EXPECT_NE(json.find(R"("clock":{"due":"1970-01-01T02:01:40Z","warn_at":"1970-01-01T01:31:40Z",)"
                      R"("warned":true,"breached":false})"),
            std::string::npos)
      << json;

  c.clocks = {paused};  // an engine without the queue clock
  EXPECT_FALSE(queue_items(c, &wf)[0].clock);
}

}  // namespace
}  // namespace caseflow::http
