#include "connectors/http/auth/principal.h"

#include <array>
#include <utility>

namespace caseflow::http::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::unit, "unit"},
    {Role::office, "office"},
    {Role::dispatcher, "dispatcher"},
    {Role::admin, "admin"},
    {Role::viewer, "viewer"},
    {Role::revisit, "revisit"},
}};

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "unknown";
}

std::string actor_name(const Principal& p) {
  std::string out(role_name(p.role));
  out += ':';
  out += role_has_scope(p.role) ? p.scope : p.subject;
  return out;
}

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) return r;
  }
  return std::nullopt;
}

bool role_has_scope(Role role) { return role == Role::unit || role == Role::office; }

std::optional<OfficeScope> parse_office_scope(std::string_view scope) {
  const auto colon = scope.find(':');
  if (colon == std::string_view::npos || colon + 1 == scope.size()) return std::nullopt;
  const std::string_view kind = scope.substr(0, colon);
  if (kind != "street" && kind != "community") return std::nullopt;
  return OfficeScope{std::string(kind), std::string(scope.substr(colon + 1))};
}

std::optional<std::string> principal_problem(const Principal& p) {
  if (role_has_scope(p.role) && p.scope.empty()) {
    return "a principal of role " + std::string(role_name(p.role)) +
           " needs a scope (its unit id, or street:<id>/community:<id> for an office)";
  }
  if (!role_has_scope(p.role) && !p.scope.empty()) {
    return "a principal of role " + std::string(role_name(p.role)) +
           " has no scope (it sees every case), but scope is " + p.scope;
  }
  if (p.role == Role::office && !parse_office_scope(p.scope)) {
    return "an office's scope must be street:<id> or community:<id>, not " + p.scope;
  }
  return std::nullopt;
}

}  // namespace caseflow::http::auth
