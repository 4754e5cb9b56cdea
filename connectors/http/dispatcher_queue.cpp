#include "connectors/http/dispatcher_queue.h"

#include <algorithm>
#include <iterator>

#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

std::string approver_text(definition::OwnerKind kind, const std::string& target) {
  switch (kind) {
    case definition::OwnerKind::dispatcher:
      return "dispatcher";
    case definition::OwnerKind::stage:
      return "stage:" + target;
    case definition::OwnerKind::unit:
      return "unit:" + target;
  }
  return "";
}

// Why an unrouted case is in the queue, from the entry before its last `unrouted`.
void unrouted_reason(const core::CaseView& c, const definition::Workflow* wf, QueueItem& item) {
  const auto last = std::find_if(c.history.rbegin(), c.history.rend(),
                                 [](const core::HistoryView& h) { return h.what == "unrouted"; });
  if (last == c.history.rend()) {
    item.reason = c.workflow.empty() ? "no_workflow" : "no_unit";
    return;
  }
  item.since = last->at;
  const auto before = std::next(last);
  if (before != c.history.rend() && before->what == "returned") {
    item.unit = before->unit;
    const definition::StageDef* stage = wf ? wf->stage(before->stage) : nullptr;
    item.reason = stage != nullptr && c.returns_at_stage >= stage->returns.max_returns
                      ? "max_returns"
                      : "returned";
    return;
  }
  if (c.workflow.empty()) {
    item.reason = "no_workflow";
  } else if (c.grid.empty()) {
    item.reason = "unplaced";
  } else {
    item.reason = "no_unit";
  }
}

}  // namespace

std::vector<QueueItem> queue_items(const core::CaseView& c, const definition::Workflow* wf) {
  std::vector<QueueItem> out;
  if (c.status == "received") {
    QueueItem item{"unrouted", c.id, c.reported_at, "", "", c.stage, "", "dispatcher", {}};
    unrouted_reason(c, wf, item);
    for (const core::ClockView& k : c.clocks)
      if (k.name == "dispatcher_queue") item.clock = k;
    out.push_back(std::move(item));
  }
  for (const core::ExtensionView& x : c.extensions) {
    if (x.state != "pending") continue;
    const definition::StageDef* stage = wf ? wf->stage(x.stage) : nullptr;
    out.push_back(
        {"extension", c.id, x.requested_at, "", c.unit, x.stage, x.asked,
         stage ? approver_text(stage->extensions.approver_kind,
                               stage->extensions.approver_kind == definition::OwnerKind::dispatcher
                                   ? std::string()
                                   : stage->extensions.approver)
               : ""});
  }
  // Applications without a decision yet: a decision answers the applicant's open one.
  std::vector<QueueItem> applications;
  for (const core::HistoryView& h : c.history) {
    if (h.what == "exemption_requested") {
      const definition::StageDef* stage = wf ? wf->stage(h.stage) : nullptr;
      applications.push_back(
          {"exemption", c.id, h.at, "", h.unit, h.stage, "",
           stage ? approver_text(stage->exemptions.approver.kind, stage->exemptions.approver.target)
                 : ""});
    } else if (h.what == "exemption_granted" || h.what == "exemption_refused") {
      std::erase_if(applications, [&](const QueueItem& a) { return a.unit == h.unit; });
    }
  }
  for (auto& a : applications) out.push_back(std::move(a));
  return out;
}

std::string queue_json(const std::vector<QueuedCase>& cases) {
  struct Entry {
    const QueueItem* item;
    const core::CaseView* view;
  };
  std::vector<Entry> entries;
  for (const QueuedCase& c : cases) {
    for (const QueueItem& item : c.items) entries.push_back({&item, &c.view});
  }
  // The longest waiting first; equal times by case id, so the order is stable between reads.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.item->since != b.item->since) return a.item->since < b.item->since;
    return a.item->case_id < b.item->case_id;
  });
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.key("items");
  w.begin_array();
  for (const Entry& e : entries) {
    const QueueItem& i = *e.item;
    const core::CaseView& v = *e.view;
    w.begin_object();
    w.field("kind", i.kind);
    w.field("case", i.case_id);
    w.field("since", i.since, Duration{});
    if (!i.reason.empty()) w.field("reason", i.reason);
    if (!i.unit.empty()) w.field("unit", i.unit);
    w.field("stage", i.stage);
    if (!i.asked.empty()) w.field("asked", i.asked);
    if (i.kind != "unrouted") w.field("approver", i.approver);
    if (i.clock) {
      w.key("clock");
      w.begin_object();
      w.field("due", i.clock->due, Duration{});
      if (i.clock->warn_at) w.field("warn_at", *i.clock->warn_at, Duration{});
      w.field("warned", i.clock->warned);
      w.field("breached", i.clock->breached);
      w.end_object();
    }
    w.field("status", v.status);
    w.field("workflow", v.workflow);
    w.field("category", v.category);
    w.field("description", v.description);
    w.field("grid", v.grid);
    w.field("street", v.street);
    w.end_object();
  }
  w.end_array();
  w.field("count", static_cast<int64_t>(entries.size()));
  w.end_object();
  return out;
}

}  // namespace caseflow::http
