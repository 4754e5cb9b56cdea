// The changelog form of a case (docs/engine.md "Changelog format"): compact, deterministic,
// versioned; symbols are written as text and the workflow as name + version + content hash.
#include <algorithm>

#include "engine/core/byte_codec.h"
#include "engine/core/engine.h"

namespace caseflow::core {
namespace {

// Format 2 is format 1 followed by tagged sections for what few cases have; a case with none of
// them is still written in format 1, byte for byte as before. Format 3 is format 2 that may also
// hold the assessment section; format 4 (below) adds the actors. This binary writes 4 whenever a
// history entry has an actor, 3 when it writes other sections only, and reads all four.
constexpr uint8_t kFormat1 = 1;
constexpr uint8_t kFormat2 = 2;
constexpr uint8_t kFormat3 = 3;
enum Tag : uint8_t {
  kTagRequestType = 1,  // u8 RequestType
  kTagPlan = 2,         // i64 filed_at, i64 until, unit, varint serial, u8 stage, u8 state
  kTagAssessment = 3,   // u8 CaseState::assessment bits, varint n, n assessment units responded
  // Merged duplicates: the master awaited ("" for none), varint n, n linked duplicates' ids.
  kTagMerge = 4,
};

// The instants a case can hold: those RFC 3339 can write (years 0000..9999), and Instant::max()
// for "never" (a clock without a warning, a deadline past the calendar's end). Anything else
// marks the record corrupt: the engine's arithmetic on it (a timer's lateness, a deadline) would
// overflow.
constexpr int64_t kEarliestMillis = -62'167'219'200'000;  // 0000-01-01T00:00:00Z
constexpr int64_t kLatestMillis = 253'402'300'799'999;    // 9999-12-31T23:59:59.999Z

Instant instant(ByteReader& r) {
  const Instant t = Instant::from_unix_millis(r.i64());
  if (t != Instant::max() && (t.unix_millis() < kEarliestMillis || t.unix_millis() > kLatestMillis))
    r.fail();
  return t;
}

// --- Format 4: the actors of the history (HistoryEntry::actor) ---
// Format 4 is format 3 that may also hold the actors section: a counted table of the distinct
// actors in order of first use, then one varint per history entry (0: none, i: the table's
// i-th), so an actor repeated down the history costs a byte. A case with any entry that has an
// actor is written as format 4; one with none (restored from an older format and not changed
// since) keeps its older form.
constexpr uint8_t kFormat4 = 4;
constexpr uint8_t kTagActors = 5;
// The resident's sealed phone (CaseExtras::sealed_phone), as the runtime sealed it.
constexpr uint8_t kTagSealedPhone = 6;
// The residential compound the case lies in (CaseState::compound), for its property stages.
constexpr uint8_t kTagCompound = 7;

bool has_actors(const CaseState& c) {
  return std::any_of(c.history.begin(), c.history.end(),
                     [](const HistoryEntry& h) { return !h.actor.empty(); });
}

void write_actors(ByteWriter& w, const CaseState& c, const Interner& strings) {
  std::vector<Symbol> table;  // a handful: the reporter, the units, the dispatcher, the engine
  for (const HistoryEntry& h : c.history)
    if (!h.actor.empty() && std::find(table.begin(), table.end(), h.actor) == table.end())
      table.push_back(h.actor);
  w.u8(kTagActors);
  w.varint(table.size());
  for (Symbol actor : table) w.str(strings.text(actor));
  w.varint(c.history.size());
  for (const HistoryEntry& h : c.history) {
    const auto at = std::find(table.begin(), table.end(), h.actor);
    w.varint(h.actor.empty() ? 0 : static_cast<uint64_t>(at - table.begin()) + 1);
  }
}

// Reads the section into the history already read; false when it does not fit that history.
bool read_actors(ByteReader& r, CaseState& c, Interner& strings, size_t record_size) {
  const uint64_t distinct = r.varint();
  if (distinct > record_size) return false;
  std::vector<Symbol> table;
  for (uint64_t i = 0; i < distinct && r.ok(); ++i) table.push_back(strings.intern(r.str()));
  if (r.varint() != c.history.size()) return false;
  for (HistoryEntry& h : c.history) {
    const uint64_t ref = r.varint();
    if (ref > table.size()) return false;
    h.actor = ref == 0 ? Symbol{} : table[ref - 1];
  }
  return r.ok();
}
// --- end of format 4 ---

template <typename Enum>
Enum enum_value(ByteReader& r, int count) {
  const uint8_t v = r.u8();
  if (v >= count) r.fail();
  return static_cast<Enum>(v < count ? v : 0);
}

}  // namespace

std::string Engine::serialize_case(std::string_view case_id) const {
  std::string out;
  serialize_case(case_id, out);
  return out;
}

bool Engine::serialize_case(std::string_view case_id, std::string& out) const {
  const CaseState* found = find(case_id);
  if (!found) return false;
  const CaseState& c = *found;
  out.reserve(out.size() + 256 + c.description.size() + c.clocks.size() * 48 +
              c.history.size() * 24);
  ByteWriter w(out);
  const StagedPlan* plan = c.plan();
  const bool assessed = c.assessment != 0 || !c.responded.empty();
  const bool merging =
      c.extras && (!c.extras->merge_pending.empty() || !c.extras->duplicates.empty());
  const bool actors = has_actors(c);
  const bool phone = c.extras && !c.extras->sealed_phone.empty();
  const bool tagged = c.request_type != definition::RequestType::none || plan || assessed ||
                      merging || actors || phone || !c.compound.empty();
  w.u8(actors ? kFormat4 : tagged ? kFormat3 : kFormat1);
  w.str(c.id);
  w.str(c.description);
  w.i64(c.reported_at.unix_millis());
  w.i64(c.stage_dispatched_at.unix_millis());
  const definition::Workflow* wf = workflow_of(c);
  w.str(wf ? std::string_view(wf->name) : std::string_view());
  w.varint(wf ? static_cast<uint64_t>(wf->version) : 0);
  w.i64(wf ? static_cast<int64_t>(wf->content_hash) : 0);
  for (Symbol s :
       {c.category, c.grid, c.community, c.street, c.district, c.lead_unit, c.channel, c.reporter})
    w.str(text(s));
  for (uint8_t v : {static_cast<uint8_t>(c.status), static_cast<uint8_t>(c.status_before_extension),
                    static_cast<uint8_t>(c.urgency), c.stage, c.reopens, c.flags})
    w.u8(v);
  for (uint8_t v : c.returns) w.u8(v);
  w.varint(c.seq.value);
  w.varint(c.next_clock_serial.value);
  w.varint(c.clocks.size());
  for (const Clock& k : c.clocks) {
    for (Instant t : {k.started_at, k.due, k.warn_at, k.original_due, k.paused_at})
      w.i64(t.unix_millis());
    w.varint(k.serial.value);
    for (uint8_t v : {static_cast<uint8_t>(k.kind), k.stage, k.def, k.owner, k.flags}) w.u8(v);
  }
  w.varint(c.assists.size());
  for (const Assist& a : c.assists) {
    w.str(text(a.department));
    w.str(text(a.unit));
    w.i64(a.summoned_at.unix_millis());
    w.u8(static_cast<uint8_t>(a.status));
  }
  w.varint(c.extensions.size());
  for (const Extension& x : c.extensions) {
    for (Instant t : {x.requested_at, x.decided_at, x.due_before, x.due_after})
      w.i64(t.unix_millis());
    w.u8(static_cast<uint8_t>(x.asked.unit));
    w.i64(x.asked.count);
    w.varint(x.clock.value);
    w.u8(x.stage);
    w.u8(static_cast<uint8_t>(x.state));
  }
  w.varint(c.history.size());
  for (const HistoryEntry& h : c.history) {
    w.i64(h.at.unix_millis());
    w.str(text(h.unit));
    w.u8(static_cast<uint8_t>(h.what));
    w.u8(h.stage);
    w.u8(h.detail);
  }
  if (!c.extras) {
    w.u8(0);
  } else {
    w.u8(1);
    w.str(c.extras->address);
    w.str(c.extras->merged_into);
    w.u8(c.extras->location ? 1 : 0);
    if (c.extras->location) {
      w.f64(c.extras->location->lat);
      w.f64(c.extras->location->lon);
      w.u8(c.extras->location->datum);
    }
  }
  if (c.request_type != definition::RequestType::none) {
    w.u8(kTagRequestType);
    w.u8(static_cast<uint8_t>(c.request_type));
  }
  if (plan) {
    w.u8(kTagPlan);
    w.i64(plan->filed_at.unix_millis());
    w.i64(plan->until.unix_millis());
    w.str(text(plan->unit));
    w.varint(plan->serial.value);
    w.u8(plan->stage);
    w.u8(static_cast<uint8_t>(plan->state));
  }
  if (assessed) {
    w.u8(kTagAssessment);
    w.u8(c.assessment);
    w.varint(c.responded.size());
    for (Symbol unit : c.responded) w.str(text(unit));
  }
  if (merging) {
    w.u8(kTagMerge);
    w.str(c.extras->merge_pending);
    w.varint(c.extras->duplicates.size());
    for (const std::string& id : c.extras->duplicates) w.str(id);
  }
  if (actors) write_actors(w, c, strings_);
  if (phone) {
    w.u8(kTagSealedPhone);
    w.str(c.extras->sealed_phone);
  }
  if (!c.compound.empty()) {
    w.u8(kTagCompound);
    w.str(text(c.compound));
  }
  w.finish();
  return true;
}

Result<std::string> Engine::restore_case(std::string_view bytes) {
  ByteReader r(bytes);
  auto corrupt = [](std::string what) { return Error{"corrupt_state", "case state: " + what}; };
  const uint8_t format = r.u8();
  if (format != kFormat1 && format != kFormat2 && format != kFormat3 && format != kFormat4)
    return corrupt("unknown format version");
  CaseState c;
  c.id = std::string(r.str());
  c.description = std::string(r.str());
  c.reported_at = instant(r);
  c.stage_dispatched_at = instant(r);
  const std::string wf_name(r.str());
  const uint64_t wf_version = r.varint();
  const auto wf_hash = static_cast<uint64_t>(r.i64());
  Symbol* symbols[] = {&c.category, &c.grid,      &c.community, &c.street,
                       &c.district, &c.lead_unit, &c.channel,   &c.reporter};
  for (Symbol* s : symbols) *s = strings_.intern(r.str());
  c.status = enum_value<Status>(r, kStatusCount);
  c.status_before_extension = enum_value<Status>(r, kStatusCount);
  c.urgency = enum_value<definition::Urgency>(r, 3);
  c.stage = r.u8();
  c.reopens = r.u8();
  c.flags = r.u8();
  for (uint8_t& v : c.returns) v = r.u8();
  c.seq.value = static_cast<uint32_t>(r.varint());
  c.next_clock_serial.value = static_cast<uint32_t>(r.varint());
  const uint64_t clocks = r.varint();
  if (clocks > 1024) return corrupt("too many clocks");
  for (uint64_t i = 0; i < clocks && r.ok(); ++i) {
    Clock k;
    for (Instant* t : {&k.started_at, &k.due, &k.warn_at, &k.original_due, &k.paused_at})
      *t = instant(r);
    k.serial.value = static_cast<uint32_t>(r.varint());
    k.kind = enum_value<ClockKind>(r, 5);
    k.stage = r.u8();
    k.def = r.u8();
    k.owner = r.u8();
    k.flags = r.u8();
    c.clocks.push_back(k);
  }
  const uint64_t assists = r.varint();
  if (assists > 255) return corrupt("too many assists");
  for (uint64_t i = 0; i < assists && r.ok(); ++i) {
    Assist a;
    a.department = strings_.intern(r.str());
    a.unit = strings_.intern(r.str());
    a.summoned_at = instant(r);
    a.status = enum_value<AssistStatus>(r, 3);
    c.assists.push_back(a);
  }
  const uint64_t extensions = r.varint();
  if (extensions > 1024) return corrupt("too many extensions");
  for (uint64_t i = 0; i < extensions && r.ok(); ++i) {
    Extension x;
    for (Instant* t : {&x.requested_at, &x.decided_at, &x.due_before, &x.due_after})
      *t = instant(r);
    x.asked.unit = enum_value<Span::Unit>(r, 6);
    x.asked.count = r.i64();
    x.clock.value = static_cast<uint32_t>(r.varint());
    x.stage = r.u8();
    x.state = enum_value<ExtensionState>(r, 4);
    c.extensions.push_back(x);
  }
  const uint64_t history = r.varint();
  if (history > bytes.size()) return corrupt("history longer than the record");
  c.history.reserve(history);
  for (uint64_t i = 0; i < history && r.ok(); ++i) {
    HistoryEntry h;
    h.at = instant(r);
    h.unit = strings_.intern(r.str());
    h.what = enum_value<Happening>(r, kHappeningCount);
    h.stage = r.u8();
    h.detail = r.u8();
    c.history.push_back(h);
  }
  if (r.u8() == 1) {
    CaseExtras& x = c.extra();
    x.address = std::string(r.str());
    x.merged_into = std::string(r.str());
    if (r.u8() == 1) {
      events::Location loc;
      loc.lat = r.f64();
      loc.lon = r.f64();
      loc.datum = r.u8();
      // As the decoder accepts them (NaN fails every comparison): the duplicate index turns
      // coordinates into integer cells.
      if (loc.datum > 2 || !(loc.lat >= -90 && loc.lat <= 90 && loc.lon >= -180 && loc.lon <= 180))
        r.fail();
      x.location = loc;
    }
  }
  while (format >= kFormat2 && r.ok() && !r.at_end()) {
    switch (r.u8()) {
      case kTagRequestType:
        c.request_type =
            enum_value<definition::RequestType>(r, static_cast<int>(definition::kRequestTypeCount));
        break;
      case kTagPlan: {
        StagedPlan plan;
        plan.filed_at = instant(r);
        plan.until = instant(r);
        plan.unit = strings_.intern(r.str());
        plan.serial.value = static_cast<uint32_t>(r.varint());
        plan.stage = r.u8();
        plan.state = enum_value<PlanState>(r, 2);
        c.extra().plan = plan;
        break;
      }
      case kTagAssessment: {
        if (format < kFormat3) return corrupt("assessment section in format 2");
        c.assessment = r.u8();
        if (c.assessment > (CaseState::kResponseOwed | CaseState::kResponseLate)) r.fail();
        const uint64_t responded = r.varint();
        if (responded > 255) return corrupt("too many assessed units");
        for (uint64_t i = 0; i < responded && r.ok(); ++i)
          c.responded.push_back(strings_.intern(r.str()));
        break;
      }
      case kTagMerge: {
        if (format < kFormat3) return corrupt("merge section in format 2");
        CaseExtras& x = c.extra();
        x.merge_pending = std::string(r.str());
        const uint64_t duplicates = r.varint();
        if (duplicates > bytes.size()) return corrupt("more duplicates than bytes");
        for (uint64_t i = 0; i < duplicates && r.ok(); ++i) x.duplicates.emplace_back(r.str());
        break;
      }
      case kTagActors:
        if (format < kFormat4) return corrupt("actors section before format 4");
        if (!read_actors(r, c, strings_, bytes.size()))
          return corrupt("actors that do not fit the history");
        break;
      case kTagSealedPhone:
        if (format < kFormat3) return corrupt("phone section in format 2");
        c.extra().sealed_phone = std::string(r.str());
        if (c.extra().sealed_phone.empty()) return corrupt("empty sealed phone");
        break;
      case kTagCompound: {
        if (format < kFormat3) return corrupt("compound section in format 2");
        const std::string_view compound = r.str();
        if (compound.empty()) return corrupt("empty compound");
        c.compound = strings_.intern(compound);
        break;
      }
      default:
        return corrupt("unknown section");
    }
  }
  const StagedPlan* plan = c.plan();
  if ((c.status == Status::staged) != (plan && plan->state == PlanState::approved))
    return corrupt("staged status without an approved plan, or the reverse");
  if (!r.ok() || !r.at_end()) return corrupt("truncated or trailing bytes");
  if (c.id.empty()) return corrupt("empty case id");
  for (const Clock& k : c.clocks)
    if (k.kind == ClockKind::dispatcher_queue && c.status != Status::received)
      return corrupt("dispatcher queue clock on a case not in the queue");

  if (!wf_name.empty()) {
    const definition::WorkflowPtr wf = router_->find(wf_name, static_cast<int>(wf_version));
    if (!wf)
      return Error{"unknown_workflow_version", "case " + c.id + " runs " + wf_name + "@" +
                                                   std::to_string(wf_version) +
                                                   ", which is not loaded"};
    if (wf->content_hash != wf_hash)
      return Error{"unknown_workflow_version",
                   "case " + c.id + " runs a different definition of " + wf->id()};
    c.workflow = pin(wf);
    const auto& stages = wf->stages;
    if (c.stage >= stages.size()) return corrupt("stage out of range");
    for (const Clock& k : c.clocks) {
      if (k.kind == ClockKind::stage &&
          (k.stage >= stages.size() || k.def >= stages[k.stage].clocks.size()))
        return corrupt("clock definition out of range");
      if (k.owner != Clock::kLead && k.owner >= c.assists.size())
        return corrupt("clock owner out of range");
    }
  } else if (std::any_of(c.clocks.begin(), c.clocks.end(),
                         [](const Clock& k) { return k.kind != ClockKind::dispatcher_queue; })) {
    return corrupt("clocks on an unrouted case");
  }

  // Replace or add, then re-arm the clocks.
  uint32_t slot = 0;
  if (const std::optional<CaseSlot> found = by_id_.find(c.id)) {
    slot = found->index;
    if (!is_terminal(cases_[slot].status)) --open_cases_;
    unindex_for_duplicates(cases_[slot]);
    cases_[slot] = std::move(c);
  } else {
    slot = new_case(c.id).index;
    cases_[slot] = std::move(c);
  }
  const CaseState& stored = cases_[slot];
  if (!is_terminal(stored.status)) ++open_cases_;
  index_for_duplicates(stored);
  for (const Clock& k : stored.clocks) schedule(CaseSlot{slot}, k);
  schedule_retirement(CaseSlot{slot}, stored);
  schedule_plan(CaseSlot{slot}, stored);
  return stored.id;
}

}  // namespace caseflow::core
