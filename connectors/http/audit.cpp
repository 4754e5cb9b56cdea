#include "connectors/http/audit.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <map>

#include "connectors/http/case_render.h"
#include "connectors/http/query_params.h"
#include "engine/core/status.h"
#include "engine/events/case_event.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

using core::Happening;
using core::HistoryEntry;

// The decisions that change a unit's rates (docs/assessment.md), by what their entry records, and
// every showing of a resident's phone.
bool is_decision(const HistoryEntry& h) {
  switch (h.what) {
    case Happening::phone_revealed:
    case Happening::extension_approved:
    case Happening::extension_refused:
    case Happening::exemption_granted:
    case Happening::exemption_refused:
    case Happening::invalid_refused:
    case Happening::return_justified:
    case Happening::return_unjustified:
    case Happening::assigned:
      return true;
    case Happening::closed:  // confirming an invalid report closes the case
      return core::outcome_of(h.detail) == core::Outcome::invalid;
    default:
      return false;
  }
}

std::string_view invalid_reason(uint8_t detail) {
  return detail < events::kInvalidReasonCount
             ? events::to_string(static_cast<events::InvalidReason>(detail))
             : std::string_view();
}

// The unit that held the case when entry `i` (an assignment) took it: the latest dispatch
// before it, unless the case went back to the dispatcher queue since.
core::Symbol holder_before(const core::CaseState& c, size_t i) {
  while (i-- > 0) {
    const HistoryEntry& h = c.history[i];
    if (h.what == Happening::returned || h.what == Happening::unrouted) return {};
    if (h.what == Happening::dispatched) return h.unit;
  }
  return {};
}

// The reason word of the proposal a confirmation at entry `i` confirmed.
std::string_view proposed_reason(const core::CaseState& c, size_t i) {
  while (i-- > 0)
    if (c.history[i].what == Happening::invalid_proposed)
      return invalid_reason(c.history[i].detail);
  return {};
}

// Member `name` of `facts` (a record's assessment object as JSON text) as an object; null when it
// is missing or `facts` is not such JSON. `doc` keeps the parsed text.
const boost::json::object* fact_object(const std::string& facts, std::string_view name,
                                       boost::json::value& doc) {
  if (facts.empty()) return nullptr;
  boost::system::error_code ec;
  doc = boost::json::parse(boost::json::string_view(facts.data(), facts.size()), ec);
  if (ec || !doc.is_object()) return nullptr;
  const auto* fact =
      doc.as_object().if_contains(boost::json::string_view(name.data(), name.size()));
  return fact != nullptr && fact->is_object() ? &fact->as_object() : nullptr;
}

// Member `key` of `fact` as text; "" when missing or not a string.
std::string text_member(const boost::json::object& fact, std::string_view key) {
  const auto* member = fact.if_contains(boost::json::string_view(key.data(), key.size()));
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : "";
}

// The assessment fact an archived decision carries, by its change.
std::string_view fact_of(std::string_view what) {
  if (what.starts_with("exemption_")) return "exemption";
  if (what.starts_with("return_")) return "return_review";
  if (what == "invalid_refused" || what == "invalid") return "invalid";
  return {};
}

}  // namespace

Result<AuditQuery> parse_audit_query(const FormFields& query, size_t max_list) {
  if (auto problem = check_query_names(query, {{"from"}, {"to"}, {"unit"}, {"offset"}, {"limit"}}))
    return bad_query(*problem);
  AuditQuery q;
  q.unit = first(query, "unit");
  if (auto problem = read_time_range(query, q.from, q.to)) return bad_query(*problem);
  if (auto problem = read_paging(query, q.offset, q.limit)) return bad_query(*problem);
  q.limit = std::min(q.limit, max_list);
  return q;
}

void collect_audit(const core::Engine& engine, const core::CaseState& c, const AuditQuery& q,
                   std::vector<AuditItem>& out) {
  const definition::Workflow* wf = engine.workflow_of(c);
  for (size_t i = 0; i < c.history.size(); ++i) {
    const HistoryEntry& h = c.history[i];
    if (!is_decision(h)) continue;
    if (q.from && h.at < *q.from) continue;
    if (q.to && !(h.at < *q.to)) continue;
    AuditItem item;
    item.unit = engine.text(h.unit);
    if (h.what == Happening::assigned) {
      const core::Symbol before = holder_before(c, i);
      const bool reassigned = !before.empty() && before != h.unit;
      if (reassigned) item.from_unit = engine.text(before);
      item.reason = reassigned ? "reassigned" : "from_queue";
    }
    if (q.unit && *q.unit != item.unit && *q.unit != item.from_unit) continue;
    item.case_id = c.id;
    item.what = h.what == Happening::closed ? "invalid_confirmed" : core::to_string(h.what);
    item.by = engine.text(h.actor);
    item.at = h.at;
    if (h.what == Happening::invalid_refused) item.reason = invalid_reason(h.detail);
    if (h.what == Happening::closed) item.reason = proposed_reason(c, i);
    if (wf) {
      item.workflow = wf->id();
      if (h.stage < wf->stages.size()) item.stage = wf->stages[h.stage].name;
    }
    item.street = engine.text(c.street);
    item.community = engine.text(c.community);
    out.push_back(std::move(item));
  }
}

std::optional<AuditItem> archived_audit_item(const archive::DecisionRow& d, const AuditQuery& q) {
  const archive::HistoryRow& h = d.entry;
  AuditItem item;
  item.unit = h.unit;
  const std::string_view fact = fact_of(h.what);
  boost::json::value doc;
  if (const boost::json::object* facts = fact.empty() ? nullptr : fact_object(h.facts, fact, doc)) {
    if (std::string unit = text_member(*facts, "unit"); !unit.empty()) item.unit = unit;
    if (fact == "invalid") item.reason = text_member(*facts, "reason");
  }
  const bool assignment = h.type == "updated" && h.what == "dispatched";
  if (assignment) {
    const bool reassigned = !d.from_unit.empty() && d.from_unit != item.unit;
    if (reassigned) item.from_unit = d.from_unit;
    item.reason = reassigned ? "reassigned" : "from_queue";
  }
  if (q.unit && *q.unit != item.unit && *q.unit != item.from_unit) return std::nullopt;
  item.case_id = h.case_id;
  item.what = h.type == "closed" ? "invalid_confirmed" : assignment ? "assigned" : h.what;
  item.by = h.actor.value_or("");
  item.at = h.at;
  item.stage = h.stage;
  item.workflow = d.workflow;
  item.street = d.street;
  item.community = d.community;
  return item;
}

std::string_view to_string(ArchiveSource source) {
  switch (source) {
    case ArchiveSource::included:
      return "included";
    case ArchiveSource::disabled:
      return "disabled";
    case ArchiveSource::unavailable:
      return "unavailable";
  }
  return "unavailable";
}

bool audit_before(const AuditItem& a, const AuditItem& b) {
  if (a.at != b.at) return a.at > b.at;
  return a.case_id > b.case_id;
}

std::string audit_json(const std::vector<AuditItem>& page, size_t total,
                       const runtime::EngineSetup* setup, ArchiveSource archive) {
  std::map<std::string, CalendarPtr, std::less<>> calendars;
  std::string out;
  out.reserve(192 * page.size() + 64);
  events::JsonWriter w(out);
  w.begin_object();
  w.key("items");
  w.begin_array();
  for (const AuditItem& item : page) {
    auto calendar = calendars.find(item.workflow);
    if (calendar == calendars.end())
      calendar = calendars.emplace(item.workflow, calendar_of_workflow(item.workflow, setup)).first;
    w.begin_object();
    w.field("case_id", item.case_id);
    w.field("what", item.what);
    w.field("by", item.by);
    w.field("at", local_time(item.at, calendar->second));
    w.field("unit", item.unit);
    if (!item.from_unit.empty()) w.field("from_unit", item.from_unit);
    w.field("reason", item.reason);
    w.field("stage", item.stage);
    w.end_object();
  }
  w.end_array();
  w.field("count", static_cast<int64_t>(page.size()));
  w.field("total", static_cast<int64_t>(total));
  w.field("archive", to_string(archive));
  w.end_object();
  return out;
}

}  // namespace caseflow::http
