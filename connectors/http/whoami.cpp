#include "connectors/http/whoami.h"

#include "connectors/http/auth/access.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {

std::string whoami_json(const auth::Principal& who) {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.field("role", auth::role_name(who.role));
  const std::string_view unit = who.acting_unit();
  w.key("unit");
  if (unit.empty()) {
    w.null();
  } else {
    w.string(unit);
  }
  w.key("office");
  if (who.role == auth::Role::office) {
    w.string(who.scope);
  } else {
    w.null();
  }
  // A person signing in recognises the name their token was issued under; without one, the
  // unit or the role is the best a page can say.
  std::string_view name = who.subject;
  if (name.empty()) name = unit.empty() ? auth::role_name(who.role) : unit;
  w.field("name", name);
  w.key("may");
  w.begin_array();
  for (const std::string_view may : auth::capabilities(who)) w.string(may);
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace caseflow::http
