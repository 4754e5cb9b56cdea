// Who is calling: a principal is a role and a scope, read from a credential (authenticator.h).
//
//   unit        acts and reads for one unit: scope = its unit id ("grid:G01", "department:x")
//   office      reads a street's or a community's cases: scope = "street:<id>" or
//               "community:<id>" (the office's unit id), and acts as that unit
//   dispatcher  the 12345 dispatch centre: reads every case, assigns, reviews, decides
//   admin       reads every case, validates and reloads workflows
//   viewer      reads every case (dashboards); never writes
//   revisit     the return-visit staff: reads every case, posts the resident's rating
//
// Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseflow::http::auth {

enum class Role { unit, office, dispatcher, admin, viewer, revisit };

std::string_view role_name(Role role);
// The role called `name`; nullopt for anything else.
std::optional<Role> parse_role(std::string_view name);
// Whether a principal of `role` needs a scope (unit and office do, the others must not have one).
bool role_has_scope(Role role);

struct Principal {
  Role role = Role::viewer;
  std::string scope;    // unit id (unit), "street:<id>"/"community:<id>" (office), "" otherwise
  std::string subject;  // who, for logs: the token's name or the JWT's `sub`

  // The unit this principal acts as when it posts a unit's event; "" for roles that act as no
  // unit (an office acts as its own unit: street and community offices hold cases too).
  std::string_view acting_unit() const {
    return role == Role::unit || role == Role::office ? std::string_view(scope)
                                                      : std::string_view();
  }
};

// The principal as the events it posts name their actor (the CloudEvents extension attribute
// `principal`, docs/events.md): "unit:<unit id>" and "office:<unit id>" (the scope says who; any
// person holding the unit's credential acts for it), "<role>:<subject>" for the others
// ("dispatcher:li").
std::string actor_name(const Principal& p);
// The actor of a report that came through Open311: a resident, known by no credential.
inline constexpr std::string_view kOpen311Actor = "resident:open311";

// An office scope split: kind "street" or "community" and the id cases carry ("S1").
struct OfficeScope {
  std::string kind;
  std::string id;
};
std::optional<OfficeScope> parse_office_scope(std::string_view scope);

// Checks a principal read from config or claims: a known role, a scope exactly where one is
// needed and of the right form. The Error says what is wrong (code bad_principal).
std::optional<std::string> principal_problem(const Principal& p);

}  // namespace caseflow::http::auth
