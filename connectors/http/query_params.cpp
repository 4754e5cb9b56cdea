#include "connectors/http/query_params.h"

#include <algorithm>
#include <set>

namespace caseflow::http {

std::optional<std::string> check_query_names(const FormFields& query,
                                             const std::vector<QueryParam>& known) {
  std::set<std::string_view> seen;
  for (const auto& [name, value] : query) {
    const auto param = std::find_if(known.begin(), known.end(),
                                    [&](const QueryParam& p) { return p.name == name; });
    if (param == known.end()) {
      std::string message = "unknown query parameter '" + name + "'; this path takes ";
      if (known.empty()) return message + "none";
      for (size_t i = 0; i < known.size(); ++i) {
        message.append(i == 0 ? "" : ", ").append(known[i].name);
      }
      return message;
    }
    if (!seen.insert(param->name).second && !param->repeatable) {
      return std::string(param->name) + " is given more than once; give it once";
    }
  }
  return std::nullopt;
}

std::string must_be_one_of(std::string_view name, const std::vector<std::string_view>& allowed) {
  std::string message(name);
  message.append(" must be one of: ");
  for (size_t i = 0; i < allowed.size(); ++i) message.append(i == 0 ? "" : ", ").append(allowed[i]);
  return message;
}

}  // namespace caseflow::http
