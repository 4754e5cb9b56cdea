#include "engine/definition/stage_reader.h"

#include <optional>
#include <string>
#include <vector>

#include "engine/definition/assist_reader.h"
#include "engine/definition/breach_reader.h"
#include "engine/definition/clock_reader.h"
#include "engine/definition/escalation_check.h"
#include "engine/definition/owner_reader.h"
#include "engine/definition/reader_support.h"

namespace caseflow::definition {
namespace {

// What the stages leave for the checks that need all of them.
struct StageNotes {
  std::vector<OwnerReference> owners;
  std::vector<std::optional<FirstEscalation>> escalations;  // one per stage
};

bool read_level(const YAML::Node& node, Level& level, const LoadContext& context, Reporter& r) {
  auto text = read_text(node, "level", r);
  if (!text) return false;
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (*text != kLevelNames[i]) continue;
    level = static_cast<Level>(i);
    if (context.levels.count(level) == 0) {
      r.error(node.Mark(), "level " + quoted(*text) + " has no units in this city");
      return false;
    }
    return true;
  }
  r.error(node.Mark(), "unknown level " + quoted(*text) + suggest_or_expect(*text, kLevelNames));
  return false;
}

void read_stage(const YAML::Node& node, size_t index, StageDef& stage, StageNotes& notes,
                const LoadContext& load_context, Reporter& r) {
  stage.location = location_of(node.Mark());
  const std::string fallback_context = "in stage " + std::to_string(index + 1);
  MapFields fields(node, fallback_context,
                   {"name", "level", "department", "topic", "clocks", "returns", "extensions",
                    "assists", "exemptions", "skip_when"},
                   r);
  if (!fields.is_map()) return;

  bool level_ok = false;
  if (auto level = fields.require("level"))
    level_ok = read_level(*level, stage.level, load_context, r);
  auto department = fields.get("department");
  if (level_ok && stage.level == Level::department) {
    if (!department) {
      r.error(node.Mark(), "missing required key 'department' " + fallback_context +
                               " (level 'department' needs a department code)");
    } else if (auto code = read_text(*department, "department", r)) {
      if (check_department(*code, department->Mark(), load_context, r)) stage.department = *code;
    }
  } else if (level_ok && department) {
    r.error(department->Mark(), "'department' is only for stages with level 'department'");
  }

  if (auto name = fields.get("name")) {
    if (auto text = read_text(*name, "name", r)) {
      if (is_identifier(*text))
        stage.name = *text;
      else
        r.error(name->Mark(), "stage name " + quoted(*text) +
                                  " must be lowercase letters, digits, _ and -, starting "
                                  "with a letter");
    }
  } else if (level_ok) {
    stage.name =
        stage.level == Level::department ? stage.department : std::string(to_string(stage.level));
  }
  const std::string context =
      stage.name.empty() ? fallback_context : "in stage " + quoted(stage.name);

  if (auto topic = fields.get("topic")) {
    if (auto text = read_text(*topic, "topic", r)) {
      if (is_topic_name(*text))
        stage.topic = *text;
      else
        r.error(topic->Mark(), not_a_topic_name(*text));
    }
  } else if (level_ok) {
    stage.topic = stage.level == Level::department
                      ? load_context.topic_prefix + ".dept." + stage.department
                      : load_context.topic_prefix + ".stage." + std::string(to_string(stage.level));
  }

  if (auto clocks = fields.get("clocks")) read_clocks(*clocks, stage, notes.escalations[index], r);
  if (auto returns = fields.get("returns"))
    read_returns(*returns, index, stage.returns, context, notes.owners, r);
  if (auto extensions = fields.get("extensions"))
    read_extensions(*extensions, index, stage.extensions, context, notes.owners, r);
  if (auto assists = fields.get("assists"))
    read_assists(*assists, stage.assists, context, load_context, r);
  if (auto skip = fields.get("skip_when")) {
    if (auto text = read_text(*skip, "skip_when", r)) {
      if (*text == "outside_compound") {
        stage.skip_when = StageDef::Skip::outside_compound;
      } else if (*text != "in_compound") {
        r.error(skip->Mark(), "skip_when " + quoted(*text) +
                                  " is not known; expected in_compound (cases inside a "
                                  "residential compound skip the stage) or outside_compound");
      } else if (level_ok && stage.level == Level::property) {
        r.error(skip->Mark(),
                "a property stage cannot skip cases in a compound: they are its work");
      } else {
        stage.skip_when = StageDef::Skip::in_compound;
      }
    }
  }
  if (auto exemptions = fields.get("exemptions"))
    read_approver_section(*exemptions, "exemptions", index, OwnerUse::exemption_approver, context,
                          notes.owners, r);
}

}  // namespace

void read_stages(const YAML::Node& node, Workflow& wf, const LoadContext& context, Reporter& r) {
  auto items = read_list(node, "stages", r);
  if (!items) return;
  if (items->empty()) {
    r.error(node.Mark(), "'stages' must list at least one stage");
    return;
  }
  const size_t errors_before = r.count();
  StageNotes notes;
  notes.escalations.assign(items->size(), std::nullopt);
  for (size_t i = 0; i < items->size(); ++i) {
    StageDef stage;
    read_stage((*items)[i], i, stage, notes, context, r);
    for (const auto& other : wf.stages) {
      if (!stage.name.empty() && other.name == stage.name) {
        r.error((*items)[i].Mark(), "duplicate stage name " + quoted(stage.name) +
                                        " (first at line " + std::to_string(other.location.line) +
                                        "); give one of them a 'name'");
        break;
      }
    }
    wf.stages.push_back(std::move(stage));
  }
  resolve_owners(notes.owners, wf, r);
  // Reachability is derived from the stages as read: only meaningful when they read cleanly.
  if (r.count() == errors_before) check_escalation(wf, *items, notes.escalations, r);
}

}  // namespace caseflow::definition
