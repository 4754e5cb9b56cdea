#include "connectors/http/auth/access.h"

#include <gtest/gtest.h>

namespace caseflow::http::auth {
namespace {

using events::EventType;

core::CaseView a_case() {
  core::CaseView c;
  c.id = "c1";
  c.workflow = "parking@1";
  c.stage = "grid";
  c.unit = "grid:G01";
  c.street = "S1";
  c.community = "C1";
  c.history = {{Instant(), "dispatched", "grid", "grid:G09"},
               {Instant(), "dispatched", "grid", "grid:G01"}};
  return c;
}

TEST(Access, ReadsFollowTheScope) {
  const core::CaseView c = a_case();
  EXPECT_TRUE(may_read_case({Role::unit, "grid:G01", ""}, c));  // leads it
  EXPECT_TRUE(may_read_case({Role::unit, "grid:G09", ""}, c));  // held it before
  EXPECT_FALSE(may_read_case({Role::unit, "grid:G02", ""}, c));
  EXPECT_TRUE(may_read_case({Role::office, "street:S1", ""}, c));
  EXPECT_TRUE(may_read_case({Role::office, "community:C1", ""}, c));
  EXPECT_FALSE(may_read_case({Role::office, "street:S2", ""}, c));
  EXPECT_FALSE(
      may_read_case({Role::office, "community:S1", ""}, c));  // a street id is no community
  for (Role r : {Role::dispatcher, Role::admin, Role::viewer, Role::revisit}) {
    EXPECT_TRUE(may_read_case({r, "", ""}, c)) << role_name(r);
  }
  core::CaseView assisted = c;
  assisted.assists = {{"transport", "department:transport", "summoned", Instant()}};
  EXPECT_TRUE(may_read_case({Role::unit, "department:transport", ""}, assisted));
}

TEST(Access, TheActingUnitIsTheCredentials) {
  events::CaseEvent e;
  e.type = EventType::signed_for;
  EventPermission out;
  EXPECT_FALSE(may_post_event({Role::unit, "grid:G01", ""}, e, out));
  EXPECT_EQ(out.unit, "grid:G01");  // written into data.unit
  e.unit = "grid:G01";
  EXPECT_FALSE(may_post_event({Role::unit, "grid:G01", ""}, e, out));
  e.unit = "grid:G02";
  auto refused = may_post_event({Role::unit, "grid:G01", ""}, e, out);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->reason, Denied::acting_for_other_unit);
  // Roles that act for no unit may not post a unit's event.
  for (Role r : {Role::dispatcher, Role::admin, Role::viewer, Role::revisit}) {
    auto no = may_post_event({r, "", ""}, e, out);
    ASSERT_TRUE(no) << role_name(r);
    EXPECT_EQ(no->reason, Denied::wrong_role) << role_name(r);
  }
}

TEST(Access, EachEventTypeHasItsPoster) {
  EventPermission out;
  auto allowed = [&](const Principal& p, EventType t) {
    events::CaseEvent e;
    e.type = t;
    return !may_post_event(p, e, out);
  };
  const Principal unit{Role::unit, "grid:G01", ""}, desk{Role::dispatcher, "", ""},
      revisit{Role::revisit, "", ""}, admin{Role::admin, "", ""};
  EXPECT_TRUE(allowed(desk, EventType::assigned));
  EXPECT_FALSE(allowed(unit, EventType::assigned));
  EXPECT_TRUE(allowed(desk, EventType::return_reviewed));
  EXPECT_TRUE(allowed(revisit, EventType::rated));
  EXPECT_FALSE(allowed(unit, EventType::rated));
  EXPECT_FALSE(allowed(desk, EventType::rated));
  EXPECT_TRUE(allowed(unit, EventType::exemption_decided));
  EXPECT_TRUE(allowed(desk, EventType::exemption_decided));
  EXPECT_EQ(out.check, EventCheck::decision);
  EXPECT_FALSE(allowed(admin, EventType::assigned));
  EXPECT_FALSE(allowed(desk, EventType::merge_link));  // the engine writes these itself
}

definition::Workflow workflow_with_approvers() {
  definition::Workflow wf;
  wf.name = "parking";
  wf.version = 1;
  definition::StageDef grid;
  grid.name = "grid";
  grid.extensions.approver = "street";
  grid.extensions.approver_kind = definition::OwnerKind::stage;
  grid.exemptions.approver = {definition::OwnerKind::unit, "district:D1"};
  definition::StageDef street;
  street.name = "street";
  wf.stages = {grid, street};
  wf.invalid_reports.approver = {definition::OwnerKind::dispatcher, ""};
  return wf;
}

TEST(Access, DecisionsComeFromTheApproverAndNeverTheRequester) {
  const definition::Workflow wf = workflow_with_approvers();
  core::CaseView c = a_case();
  c.history.push_back({Instant(), "extension_requested", "grid", "grid:G01"});
  c.history.push_back({Instant(), "exemption_requested", "grid", "grid:G09"});
  c.history.push_back({Instant(), "invalid_proposed", "grid", "grid:G01"});
  c.history.push_back({Instant(), "dispatched", "street", "street:S1"});
  events::CaseEvent e;

  e.type = EventType::extension_decided;  // approver: the unit of stage street
  auto self = check_decision({Role::unit, "grid:G01", ""}, e, c, &wf);
  ASSERT_TRUE(self);
  EXPECT_EQ(self->reason, Denied::self_approval);
  EXPECT_FALSE(check_decision({Role::unit, "street:S1", ""}, e, c, &wf));
  EXPECT_EQ(check_decision({Role::unit, "street:S2", ""}, e, c, &wf)->reason, Denied::not_approver);
  EXPECT_EQ(check_decision({Role::dispatcher, "", ""}, e, c, &wf)->reason, Denied::not_approver);

  e.type = EventType::exemption_decided;  // approver: unit district:D1
  EXPECT_EQ(check_decision({Role::unit, "grid:G09", ""}, e, c, &wf)->reason, Denied::self_approval);
  EXPECT_FALSE(check_decision({Role::unit, "district:D1", ""}, e, c, &wf));
  EXPECT_EQ(check_decision({Role::unit, "street:S1", ""}, e, c, &wf)->reason, Denied::not_approver);

  e.type = EventType::invalid_decided;  // approver: the dispatcher
  EXPECT_FALSE(check_decision({Role::dispatcher, "", ""}, e, c, &wf));
  EXPECT_EQ(check_decision({Role::unit, "grid:G01", ""}, e, c, &wf)->reason, Denied::self_approval);
  EXPECT_EQ(check_decision({Role::unit, "street:S1", ""}, e, c, &wf)->reason, Denied::not_approver);
}

TEST(Access, PathsNeedTheirRole) {
  EXPECT_FALSE(may_administer({Role::admin, "", ""}));
  EXPECT_EQ(may_administer({Role::dispatcher, "", ""})->reason, Denied::wrong_role);
  EXPECT_FALSE(may_read_assessment({Role::office, "street:S1", ""}));
  EXPECT_FALSE(may_read_assessment({Role::viewer, "", ""}));
  EXPECT_TRUE(may_read_assessment({Role::unit, "grid:G01", ""}));
}

// The words a console chooses its pages by: each role gets what its checks allow, nothing more.
TEST(Access, CapabilitiesFollowTheRole) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(capabilities({Role::unit, "grid:G01", ""}), V{"act"});
  EXPECT_EQ(capabilities({Role::office, "street:S1", ""}), (V{"act", "assess"}));
  EXPECT_EQ(capabilities({Role::dispatcher, "", ""}),
            (V{"dispatch", "read_all", "assess", "desk"}));
  EXPECT_EQ(capabilities({Role::admin, "", ""}), (V{"administer", "read_all", "assess", "desk"}));
  EXPECT_EQ(capabilities({Role::viewer, "", ""}), (V{"read_all", "assess", "desk"}));
  EXPECT_EQ(capabilities({Role::revisit, "", ""}), (V{"read_all", "rate"}));
  EXPECT_FALSE(may_read_dispatch_desk({Role::dispatcher, "", ""}));
  EXPECT_EQ(may_read_dispatch_desk({Role::unit, "grid:G01", ""})->reason, Denied::wrong_role);
  EXPECT_EQ(may_read_dispatch_desk({Role::revisit, "", ""})->reason, Denied::wrong_role);
}

}  // namespace
}  // namespace caseflow::http::auth
