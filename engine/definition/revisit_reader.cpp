#include "engine/definition/revisit_reader.h"

#include <array>
#include <string_view>

#include "engine/definition/reader_support.h"

namespace caseflow::definition {
namespace {

constexpr std::array<std::string_view, 2> kReasons{"not_solved", "unsatisfied"};

}  // namespace

void read_revisit(const YAML::Node& node, RevisitPolicy& revisit, Reporter& r) {
  MapFields fields(node, "in 'revisit'", {"within", "reopen_on", "max_reopens"}, r);
  if (!fields.is_map()) return;
  if (auto within = fields.get("within"))
    if (auto span = read_span(*within, "within", r)) revisit.within = *span;
  if (auto reopen = fields.get("reopen_on")) {
    if (auto reasons = read_text_list(*reopen, "reopen_on", r)) {
      revisit.reopen_on_not_solved = false;
      revisit.reopen_on_unsatisfied = false;
      for (const auto& [reason, mark] : *reasons) {
        if (reason == "not_solved")
          revisit.reopen_on_not_solved = true;
        else if (reason == "unsatisfied")
          revisit.reopen_on_unsatisfied = true;
        else
          r.error(mark,
                  "unknown reopen reason " + quoted(reason) + suggest_or_expect(reason, kReasons));
      }
    }
  }
  if (auto max = fields.get("max_reopens"))
    if (auto value = read_count(*max, "max_reopens", 0, r)) revisit.max_reopens = *value;
}

}  // namespace caseflow::definition
