// Cases as the HTTP API answers them. The data is copied out of an Engine on the processing
// thread (collect_case), then rendered as text on the io_context (the render functions).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/http/records.h"
#include "connectors/runtime/engine_setup.h"
#include "engine/core/case_view.h"
#include "engine/core/engine.h"
#include "engine/events/case_event.h"
#include "engine/time/working_calendar.h"

namespace caseflow::http {

// One case, copied: plain value, safe to move to another thread.
struct CaseInfo {
  core::CaseView view;
  std::string address;
  std::optional<events::Location> location;
  std::string service_name;  // the category's name in its workflow ("" if none)
  CalendarPtr calendar;      // the case's calendar, for local times; null = UTC
  Instant updated_at;        // the last history entry
  // From the archive: the engine let the case go, so there are no clocks, assists or
  // extensions to show, only what the archive kept.
  bool archived = false;
};

// Copies case `id` out of `engine` (call on the processing thread, inside a job); nullopt if the
// engine does not know it. `setup` gives calendars (may be null).
std::optional<CaseInfo> collect_case(const core::Engine& engine, std::string_view id,
                                     const runtime::EngineSetup* setup);

// Workflow `id` ("parking@1") in `setup`; null when unrouted ("") or no longer loaded.
definition::WorkflowPtr workflow_named(std::string_view id, const runtime::EngineSetup* setup);
// The calendar of workflow `id` ("parking@1") in `setup`; null when unknown (times in UTC).
CalendarPtr calendar_of_workflow(std::string_view id, const runtime::EngineSetup* setup);

// "2026-11-26T09:30:00+08:00" in `calendar`'s zone; UTC ("Z") without one.
std::string local_time(Instant t, const CalendarPtr& calendar);

// Open311: "open" or "closed" (closed, withdrawn, merged).
std::string_view open311_status(std::string_view case_status);

// A sentence for residents about where the case stands (Open311 status_notes); a closed case
// says how it ended: "closed: solved, satisfied (rated 2026-11-26T10:00:00+08:00)". Times in
// `calendar`'s zone (UTC without one).
std::string status_note(const core::CaseView& v, const CalendarPtr& calendar = nullptr);

// The Open311 GeoReport v2 request record.
FlatRecord request_record(const CaseInfo& c);

// The admin API's JSON of one case: stage, assignee, clocks, assists, extensions, history, and
// once it ended its closing time, outcome and rating.
std::string case_json(const CaseInfo& c);

// One line of a case list; an archived one is marked so. The place and the open clocks let a
// client (the console's inbox) show a list without reading each case.
struct ListedSummary {
  core::CaseSummary summary;
  bool archived = false;
  std::string grid, community, street;  // "" when not known
  std::vector<core::ClockView> clocks;  // a live case's open clocks; none for an archived one
};

// The place and clocks of a live entry, from the engine holding it (call on the processing
// thread).
void add_live_details(ListedSummary& entry, const core::Engine& engine);

// Calendars by workflow id ("parking@1") for a list of summaries.
using CalendarsByWorkflow = std::map<std::string, CalendarPtr, std::less<>>;
CalendarsByWorkflow calendars_for(const std::vector<ListedSummary>& cases,
                                  const runtime::EngineSetup* setup);

// {"cases":[...],"count":N,"total":M}: `total` counts every case matching, beyond the page.
std::string summaries_json(const std::vector<ListedSummary>& cases,
                           const CalendarsByWorkflow& calendars, size_t total_matching);

}  // namespace caseflow::http
