#include "connectors/http/archived_case.h"

#include "connectors/http/case_list.h"

namespace caseflow::http {

namespace {

std::string_view or_empty(const std::optional<std::string>& s) {
  return s ? std::string_view(*s) : std::string_view();
}

// The category's name in the workflow the case ran under, "" when unknown.
std::string service_name(const archive::CaseRow& row, const runtime::EngineSetup* setup) {
  if (setup == nullptr || !setup->catalog || row.workflow.empty()) return "";
  const size_t at = row.workflow.rfind('@');
  if (at == std::string::npos) return "";
  int version = 0;
  for (char c : std::string_view(row.workflow).substr(at + 1)) {
    if (c < '0' || c > '9') return "";
    version = version * 10 + (c - '0');
  }
  const auto wf = setup->catalog->find(std::string_view(row.workflow).substr(0, at), version);
  if (!wf) return "";
  for (const auto& category : wf->match.categories) {
    if (category.code == row.category) return category.name;
  }
  return "";
}

}  // namespace

CaseInfo archived_case(const archive::CaseRow& row, const std::vector<archive::HistoryRow>& history,
                       const runtime::EngineSetup* setup) {
  CaseInfo info;
  info.archived = true;
  core::CaseView& v = info.view;
  v.id = row.id;
  v.status = row.status;
  v.workflow = row.workflow;
  v.stage = row.stage;
  v.unit = row.unit;
  v.category = row.category;
  v.urgency = row.urgency;
  v.request_type = or_empty(row.request_type);
  v.description = or_empty(row.description);
  v.channel = or_empty(row.channel);
  v.reporter = or_empty(row.reporter);
  v.grid = or_empty(row.grid);
  v.community = or_empty(row.community);
  v.street = or_empty(row.street);
  v.district = or_empty(row.district);
  v.merged_into = or_empty(row.merged_into);
  v.reported_at = listed_time(row);
  v.closed_at = row.closed_at;
  v.outcome = or_empty(row.outcome);
  v.history.reserve(history.size());
  for (const auto& h : history) {
    // An actor the archive did not keep (a row from before schema v6) stays "": not shown.
    v.history.push_back(
        {h.at, h.what.empty() ? h.type : h.what, h.stage, h.unit, h.actor.value_or("")});
  }
  info.address = or_empty(row.address);
  if (row.lat && row.lon) {
    events::Location location;
    location.lat = *row.lat;
    location.lon = *row.lon;
    info.location = location;
  }
  info.service_name = service_name(row, setup);
  info.calendar = calendar_of_workflow(row.workflow, setup);
  info.updated_at = row.updated_at;
  return info;
}

core::CaseSummary archived_summary(const archive::CaseRow& row) {
  core::CaseSummary s;
  s.id = row.id;
  s.status = row.status;
  s.workflow = row.workflow;
  s.stage = row.stage;
  s.unit = row.unit;
  s.category = row.category;
  s.reported_at = listed_time(row);
  return s;
}

}  // namespace caseflow::http
