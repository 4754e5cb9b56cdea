#include "connectors/http/auth/refusal.h"

namespace caseflow::http::auth {

std::span<const Denied> all_denials() {
  static constexpr Denied kAll[] = {Denied::no_credential, Denied::bad_credential,
                                    Denied::expired,       Denied::out_of_scope,
                                    Denied::wrong_role,    Denied::acting_for_other_unit,
                                    Denied::self_approval, Denied::not_approver,
                                    Denied::throttled,     Denied::overloaded};
  return kAll;
}

std::string_view denied_reason(Denied d) {
  switch (d) {
    case Denied::no_credential:
      return "no_credential";
    case Denied::bad_credential:
      return "bad_credential";
    case Denied::expired:
      return "expired";
    case Denied::out_of_scope:
      return "out_of_scope";
    case Denied::wrong_role:
      return "wrong_role";
    case Denied::acting_for_other_unit:
      return "acting_for_other_unit";
    case Denied::self_approval:
      return "self_approval";
    case Denied::not_approver:
      return "not_approver";
    case Denied::throttled:
      return "throttled";
    case Denied::overloaded:
      return "overloaded";
  }
  return "wrong_role";
}

}  // namespace caseflow::http::auth
