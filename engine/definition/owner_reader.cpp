#include "engine/definition/owner_reader.h"

#include <algorithm>
#include <string_view>

#include "engine/definition/reader_support.h"

namespace caseflow::definition {

void read_returns(const YAML::Node& node, size_t stage_index, ReturnPolicy& returns,
                  const std::string& context, std::vector<OwnerReference>& owners, Reporter& r) {
  MapFields fields(node, "in 'returns' " + context, {"max", "fallback_owner"}, r);
  if (!fields.is_map()) return;
  if (auto max = fields.get("max"))
    if (auto value = read_count(*max, "max", 0, r)) returns.max_returns = *value;
  if (auto owner = fields.get("fallback_owner"))
    if (auto text = read_text(*owner, "fallback_owner", r))
      owners.push_back(OwnerReference{"fallback_owner", *text, owner->Mark(), stage_index,
                                      OwnerUse::fallback_owner});
}

void read_extensions(const YAML::Node& node, size_t stage_index, ExtensionPolicy& extensions,
                     const std::string& context, std::vector<OwnerReference>& owners, Reporter& r) {
  MapFields fields(node, "in 'extensions' " + context, {"max", "max_length", "approver"}, r);
  if (!fields.is_map()) return;
  if (auto max = fields.require("max"))
    if (auto value = read_count(*max, "max", 0, r)) extensions.max_requests = *value;
  if (extensions.max_requests > 0) {
    if (auto length = fields.require("max_length"))
      extensions.max_extension = read_span(*length, "max_length", r);
  }
  if (auto approver = fields.get("approver"))
    if (auto text = read_text(*approver, "approver", r))
      owners.push_back(OwnerReference{"approver", *text, approver->Mark(), stage_index,
                                      OwnerUse::extension_approver});
}

void read_approver_section(const YAML::Node& node, std::string_view section, size_t stage_index,
                           OwnerUse use, const std::string& context,
                           std::vector<OwnerReference>& owners, Reporter& r) {
  MapFields fields(node, concat({"in '", section, "'", context.empty() ? "" : " ", context}),
                   {"approver"}, r);
  if (!fields.is_map()) return;
  if (auto approver = fields.get("approver"))
    if (auto text = read_text(*approver, "approver", r))
      owners.push_back(OwnerReference{"approver", *text, approver->Mark(), stage_index, use});
}

void resolve_owners(const std::vector<OwnerReference>& owners, Workflow& wf, Reporter& r) {
  std::vector<std::string_view> stage_names;
  for (const auto& s : wf.stages)
    if (!s.name.empty()) stage_names.push_back(s.name);
  for (const auto& ref : owners) {
    OwnerKind kind = OwnerKind::dispatcher;
    std::string target;
    if (ref.text == "dispatcher") {
      kind = OwnerKind::dispatcher;
    } else if (ref.text.rfind("unit:", 0) == 0) {
      target = ref.text.substr(5);
      if (target.empty()) {
        r.error(ref.mark, concat({"'", ref.field, "' unit: needs a unit id after the colon"}));
        continue;
      }
      kind = OwnerKind::unit;
    } else if (std::find(stage_names.begin(), stage_names.end(), ref.text) != stage_names.end()) {
      kind = OwnerKind::stage;
      target = ref.text;
    } else {
      r.error(ref.mark, "unknown stage " + quoted(ref.text) + " in '" + ref.field + "'" +
                            suggest_or(ref.text, stage_names,
                                       "; write a stage of this workflow, dispatcher, or "
                                       "unit:<id>"));
      continue;
    }
    if (ref.use == OwnerUse::invalid_approver) {
      wf.invalid_reports.approver = Approver{kind, target};
      continue;
    }
    StageDef& stage = wf.stages[ref.stage_index];
    switch (ref.use) {
      case OwnerUse::fallback_owner:
        stage.returns.fallback_kind = kind;
        stage.returns.fallback_owner = kind == OwnerKind::unit ? target : "";
        stage.returns.fallback_stage = kind == OwnerKind::stage ? target : "";
        break;
      case OwnerUse::extension_approver:
        stage.extensions.approver_kind = kind;
        stage.extensions.approver = kind == OwnerKind::dispatcher ? "dispatcher" : target;
        break;
      case OwnerUse::exemption_approver:
        stage.exemptions.approver = Approver{kind, target};
        break;
      case OwnerUse::invalid_approver:
        break;
    }
  }
}

}  // namespace caseflow::definition
