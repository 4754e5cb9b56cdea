#include "engine/definition/assist_reader.h"

#include "engine/definition/reader_support.h"

namespace caseflow::definition {

void read_assists(const YAML::Node& node, AssistPolicy& assists, const std::string& context,
                  const LoadContext& load_context, Reporter& r) {
  MapFields fields(
      node, "in 'assists' " + context,
      {"departments", "compound", "report_within", "resolve_within", "lead_may_resolve_alone"}, r);
  if (!fields.is_map()) return;
  auto compound = fields.get("compound");
  if (compound) {
    if (auto parties = read_text_list(*compound, "compound", r)) {
      if (parties->empty())
        r.error(compound->Mark(), "'compound' must list property, owners_committee or both");
      for (const auto& [party, mark] : *parties) {
        if (party == kPropertyParty || party == kOwnersParty)
          assists.compound_parties.push_back(party);
        else
          r.error(mark, "unknown compound party " + quoted(party) +
                            "; expected property (the property company) or owners_committee "
                            "(the owners' committee)");
      }
    }
  }
  auto departments = compound ? fields.get("departments") : fields.require("departments");
  if (departments) {
    if (auto codes = read_text_list(*departments, "departments", r)) {
      if (codes->empty())
        r.error(departments->Mark(), "'departments' must list at least one department");
      for (const auto& [code, mark] : *codes)
        if (check_department(code, mark, load_context, r)) assists.departments.push_back(code);
    }
  }
  if (auto report = fields.get("report_within"))
    if (auto span = read_span(*report, "report_within", r)) assists.report_within = *span;
  if (auto resolve = fields.get("resolve_within"))
    assists.resolve_within = read_span(*resolve, "resolve_within", r);
  if (auto alone = fields.get("lead_may_resolve_alone"))
    if (auto flag = read_flag(*alone, "lead_may_resolve_alone", r))
      assists.lead_may_resolve_alone = *flag;
}

}  // namespace caseflow::definition
