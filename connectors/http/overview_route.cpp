// GET /api/v1/overview (overview.h) and GET /api/v1/city/grids (city_map.h): what the console's
// overview page and city map read. Any principal may read both; the overview counts only the
// cases the principal may see.
#include "connectors/http/api.h"
#include "connectors/http/auth/access.h"
#include "connectors/http/case_scope.h"
#include "connectors/http/city_map.h"
#include "connectors/http/overview.h"
#include "connectors/http/query_params.h"
#include "engine/core/status.h"
#include "engine/definition/workflow.h"
#include "engine/geo/city_directory.h"

namespace caseflow::http {
namespace {

std::shared_ptr<const geo::CityDirectory> city_of(const runtime::EngineSetup* setup) {
  return setup ? std::dynamic_pointer_cast<const geo::CityDirectory>(setup->directory) : nullptr;
}

}  // namespace

void Api::admin_overview(const Target& target, const auth::Principal& who, Responder respond) {
  if (auto problem = check_query_names(target.query, {})) {
    return respond(api_error(Status::bad_request, "bad_query", *problem));
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  const Instant at = now();
  read_engines(
      std::move(respond),
      [who, at, city = city_of(setup.get())](const runtime::EngineReader& reader) -> Render {
        auto counted = std::make_shared<Overview>();
        counted->scope = auth::sees_all(who) ? "city" : who.scope;
        for (const core::Engine* engine : reader.engines()) {
          engine->for_each_case([&](const core::CaseState& c) {
            if (core::is_terminal(c.status) || !may_list_live_case(who, *engine, c)) return;
            const definition::Workflow* wf = engine->workflow_of(c);
            const std::string_view stage = wf && c.stage < wf->stages.size()
                                               ? std::string_view(wf->stages[c.stage].name)
                                               : std::string_view();
            counted->count(stage, engine->text(c.street), engine->text(c.grid), alarm_now(c, at));
          });
        }
        return [counted, at, city] {
          return make_response(Status::ok, kJson,
                               overview_json(*counted, at, city ? &city->grids() : nullptr));
        };
      },
      false, Format::json);
}

void Api::admin_city_grids(const Target& target, Responder respond) {
  if (auto problem = check_query_names(target.query, {})) {
    return respond(api_error(Status::bad_request, "bad_query", *problem));
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  const auto city = city_of(setup.get());
  if (!city) {
    return respond(api_error(Status::not_found, "no_city",
                             "no grid boundaries are configured (config `boundaries`)"));
  }
  // Written once per city loaded (tens of milliseconds for 16,000 grids), then only copied.
  if (map_city_.lock() != city) {
    map_json_ = std::make_shared<const std::string>(city_grids_json(city->grids()));
    map_city_ = city;
  }
  Response r = make_response(Status::ok, kJson, *map_json_);
  // The outlines change only with a reload: a page need not fetch megabytes on each visit.
  r.set(beast_http::field::cache_control, "private, max-age=300");
  respond(std::move(r));
}

}  // namespace caseflow::http
