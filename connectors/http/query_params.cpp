#include "connectors/http/query_params.h"

#include <algorithm>
#include <set>

#include "engine/time/rfc3339.h"

namespace caseflow::http {

std::optional<std::string> check_query_names(const FormFields& query,
                                             const std::vector<QueryParam>& known) {
  std::set<std::string_view> seen;
  for (const auto& field : query) {
    const std::string& name = field.first;  // a plain reference: clang 14 cannot capture bindings
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

namespace {

std::optional<size_t> read_count(const std::string& v) {
  if (v.empty() || v.size() > 18) return std::nullopt;
  size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

}  // namespace

std::optional<std::string> read_time_range(const FormFields& query, std::optional<Instant>& from,
                                           std::optional<Instant>& to) {
  for (const std::string_view name : {"from", "to"}) {
    auto v = first(query, name);
    if (!v) continue;
    auto at = parse_rfc3339(*v);
    if (!at) {
      return std::string(name) +
             " must be an RFC 3339 date-time with a zone, e.g. 2026-11-01T00:00:00+08:00";
    }
    (name == "from" ? from : to) = *at;
  }
  return std::nullopt;
}

std::optional<std::string> read_paging(const FormFields& query, size_t& offset, size_t& limit) {
  for (const std::string_view name : {"offset", "limit"}) {
    auto v = first(query, name);
    if (!v) continue;
    auto n = read_count(*v);
    if (!n) return std::string(name) + " must be a whole number";
    (name == "offset" ? offset : limit) = *n;
  }
  return std::nullopt;
}

}  // namespace caseflow::http
