// The typed, immutable form of a workflow file (workflows/*.yaml). The loader
// (engine/definition/workflow_loader.h) is the only producer; the engine core the main consumer.
// Everything is plain data: safe to share between threads once built.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/time/span.h"

namespace caseflow::definition {

enum class Urgency : uint8_t { normal, urgent, emergency };

// What a report asks for (诉求类型), as the hotline agent classed it: `none` when not said. Kept
// as one byte in a case's state and its changelog form: append new values at the end.
enum class RequestType : uint8_t { none, consultation, help, complaint, suggestion, report };
inline constexpr size_t kRequestTypeCount = 6;

// Where in the city hierarchy a stage's unit sits. For grid/community/street/district the unit is
// the one responsible for the place of the complaint; for department it is a fixed department;
// for property it is the property company (物业) of the residential compound the complaint lies
// in (a case in no compound skips the stage).
enum class Level : uint8_t { grid, community, street, district, department, property };

// Where a definition came from inside its file (1-based), for messages that point at it.
// 0 = unknown (e.g. a Workflow built by hand in a test).
struct SourceLocation {
  int line = 0;
  int column = 0;
};

// The moment a clock starts running.
enum class ClockStart : uint8_t { dispatch, sign, resolve };

struct BreachActions {
  bool escalate = false;                   // move the case to the next stage
  bool supervise = false;                  // issue a supervision (督办) notice
  std::vector<std::string> notify_topics;  // extra topics that get the breach alert
  // Supervising units that get the breach alert on their level's topic: the unit at that level
  // for the case's place (the community over a compound's property company).
  std::vector<Level> notify_units;
};

struct ClockDef {
  std::string name;  // "sign", "contact", "resolve" — unique within the stage
  ClockStart starts_at = ClockStart::dispatch;
  Span limit;
  std::optional<Span> urgent_limit;     // replaces `limit` for urgency `urgent`
  std::optional<Span> emergency_limit;  // replaces `limit` for urgency `emergency`
  // `request_type_limits`: replaces `limit` for a case of that request type (by RequestType
  // index; `none` is never set). An urgent or emergency limit still wins: urgency is about how
  // soon harm comes, the request type about how much work the answer is.
  std::array<std::optional<Span>, kRequestTypeCount> request_type_limits{};
  int warn_at_percent = 0;  // 0 = no warning; otherwise 1..99
  BreachActions on_breach;

  const Span& limit_for(Urgency u, RequestType t = RequestType::none) const {
    if (u == Urgency::emergency && emergency_limit) return *emergency_limit;
    if (u != Urgency::normal && urgent_limit) return *urgent_limit;
    if (const auto& by_type = request_type_limits[static_cast<size_t>(t)]) return *by_type;
    return limit;
  }
};

// Who a policy hands a decision or a case to. In YAML: `dispatcher`, a stage name of the same
// workflow, or `unit:<id>` for one fixed unit.
enum class OwnerKind : uint8_t { dispatcher, stage, unit };

struct ReturnPolicy {
  int max_returns = 2;         // returns (退单) a case may take at this stage before the fallback
  std::string fallback_owner;  // unit id that must take the case after that (兜底); "" = dispatcher
                               // or a stage (see fallback_stage)
  // Added by the loader work: the fallback may also be a stage of this workflow (the unit that
  // stage resolves to for the case's place). Exactly one of fallback_owner / fallback_stage is set
  // unless the fallback is the dispatcher (both empty).
  std::string fallback_stage;
  OwnerKind fallback_kind = OwnerKind::dispatcher;
};

struct ExtensionPolicy {
  int max_requests = 1;  // how many extensions (延期) a unit may ask for at this stage
  std::optional<Span> max_extension;    // the most one extension may add; nullopt = no extensions
  std::string approver = "dispatcher";  // who decides: "dispatcher", a stage name, or a unit id
  OwnerKind approver_kind = OwnerKind::dispatcher;  // which of the three `approver` is
};

// Who decides an application or a proposal: `dispatcher`, a stage of the same workflow (that
// stage's unit for the case's place), or `unit:<id>` for one fixed unit.
struct Approver {
  OwnerKind kind = OwnerKind::dispatcher;
  std::string target;  // the stage name or the unit id; "" for the dispatcher
};

// Applications to leave the assessment (申请免考核) by a unit that held the case at this stage.
struct ExemptionPolicy {
  Approver approver;
};

// Proposals that a report is invalid (不属实/无效), for the whole workflow.
struct InvalidReportPolicy {
  Approver approver;
};

// The parties of a residential compound a stage may call to assist: its property company and its
// owners' committee (业委会), for the joint meeting of community, committee and company. A request
// names them by these codes where it names a department otherwise.
inline constexpr std::string_view kPropertyParty = "property";
inline constexpr std::string_view kOwnersParty = "owners_committee";

inline bool is_compound_party(std::string_view code) {
  return code == kPropertyParty || code == kOwnersParty;
}
// The topic an assisting party's work orders go to: "<prefix>.dept.<code>" for a department,
// "<prefix>.stage.<party>" for a compound's property company or owners' committee.
inline std::string assist_topic(std::string_view prefix, std::string_view party) {
  return std::string(prefix) + (is_compound_party(party) ? ".stage." : ".dept.") +
         std::string(party);
}

struct AssistPolicy {                           // co-handling (吹哨报到)
  std::vector<std::string> departments;         // department codes this stage may summon
  std::vector<std::string> compound_parties;    // kPropertyParty, kOwnersParty
  Span report_within{Span::Unit::workdays, 1};  // an assisting unit's clock to report (报到)
  std::optional<Span> resolve_within;           // and to finish its part, if limited
  bool lead_may_resolve_alone = false;  // may the lead resolve while assists are still open?
};

struct StageDef {
  std::string name;  // unique within the workflow: "grid", "community", "transport", ...
  Level level = Level::grid;
  std::string department;  // department code, only when level == department
  std::string topic;       // dispatch topic; the loader fills the level's default
  std::vector<ClockDef> clocks;
  ReturnPolicy returns;
  ExtensionPolicy extensions;
  AssistPolicy assists;
  ExemptionPolicy exemptions;
  // Which cases pass over this stage (`skip_when`): those inside a residential compound (where
  // the property company acts instead), or those outside every compound (a stage only compound
  // cases need). A property stage is passed over by a case in no compound, always.
  enum class Skip : uint8_t { never, in_compound, outside_compound } skip_when = Skip::never;
  SourceLocation location;  // of the stage's entry in the file
};

struct RevisitPolicy {
  Span within{Span::Unit::days, 1};  // rating must arrive within this after resolution
  bool reopen_on_not_solved = true;
  bool reopen_on_unsatisfied = true;
  int max_reopens = 2;  // after this many, a bad rating closes the case (and is counted)
};

// Possible duplicates (疑似重复): a dispatched report names the open cases of its category
// reported within `window` of it and within `distance_m` metres of its location, for the unit to
// decide; nothing is merged automatically.
struct DuplicatePolicy {
  int distance_m = 0;  // 1 .. kMaxDuplicateDistanceM
  Span window;         // calendar time (s, m, h, d) only
};
inline constexpr int kMaxDuplicateDistanceM = 5000;

struct CategoryDef {
  std::string code;  // concrete category ("parking.illegal") or pattern ("parking.*")
  std::string name;  // for Open311 service lists; "" for patterns
  std::string description;
  SourceLocation location;  // of the `code` in the file
};

struct Match {
  std::vector<CategoryDef> categories;     // at least one
  std::vector<Urgency> urgencies;          // empty = any urgency
  std::vector<RequestType> request_types;  // empty = any request type (and reports saying none)
  std::vector<std::string> places;         // grid/community/street/district ids; empty = anywhere
};

struct Workflow {
  std::string name;  // unique workflow id: "parking"
  int version = 1;
  std::string title;
  std::string calendar;  // name of a calendar in config/calendars
  Match match;
  std::vector<StageDef> stages;  // in escalation order
  RevisitPolicy revisit;
  InvalidReportPolicy invalid_reports;
  std::optional<DuplicatePolicy> duplicates;  // none: work orders name no possible duplicates

  std::string source_file;    // where it was loaded from (for messages)
  uint64_t content_hash = 0;  // FNV-1a 64 of the file bytes; identifies the exact definition
  SourceLocation location;    // of the `workflow:` name in the file

  // "parking@3"
  std::string id() const { return name + "@" + std::to_string(version); }
  const StageDef* stage(const std::string& stage_name) const {
    for (const auto& s : stages)
      if (s.name == stage_name) return &s;
    return nullptr;
  }
};

using WorkflowPtr = std::shared_ptr<const Workflow>;

}  // namespace caseflow::definition
