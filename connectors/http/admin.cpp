// The admin API under /api/v1: cases (lookup, search, posting a unit's event) and workflows
// (list with open-case counts, validate, reload). Every path needs a credential; what each
// principal may see and do is auth/access.h's (docs/security.md).
#include <algorithm>
#include <charconv>
#include <map>

#include "connectors/http/api.h"
#include "connectors/http/archived_case.h"
#include "connectors/http/asyncapi_document.h"
#include "connectors/http/auth/access.h"
#include "connectors/http/case_list.h"
#include "connectors/http/case_render.h"
#include "connectors/http/case_scope.h"
#include "connectors/http/dispatcher_queue.h"
#include "connectors/http/query_params.h"
#include "connectors/http/unit_search.h"
#include "connectors/http/whoami.h"
#include "connectors/http/workflow_render.h"
#include "engine/core/status.h"
#include "engine/events/case_event_decoder.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";

Response json_ok(Status status, std::string body) {
  return make_response(status, kJson, std::move(body));
}

std::string diagnostics_json(std::string_view key_name, bool ok, const Diagnostics& problems,
                             const std::string& extra_key = "", const std::string& extra = "") {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.field(key_name, ok);
  if (!extra_key.empty()) w.field(extra_key, extra);
  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : problems) w.string(d.to_string());
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace

void Api::admin(Request&& request, const Target& target, const ClientAddress& from,
                Responder respond) {
  const std::string_view rest = std::string_view(target.path).substr(kApiPrefix.size());
  const auto method = request.method();
  auto method_not_allowed = [&](std::string_view allow) {
    Response r = api_error(Status::method_not_allowed, "method_not_allowed",
                           target.path + " answers " + std::string(allow));
    r.set(beast_http::field::allow, allow);
    respond(std::move(r));
  };
  const bool get = method == beast_http::verb::get, post = method == beast_http::verb::post;
  const auto who = authenticate(request, from, respond);
  if (!who) return;

  if (rest == "whoami") {
    if (!get) return method_not_allowed("GET");
    return respond(json_ok(Status::ok, whoami_json(*who)));
  }
  if (rest == "cases") {
    if (!get) return method_not_allowed("GET");
    return admin_cases(target, *who, std::move(respond));
  }
  if (rest == "queue" || rest == "units") {
    if (!get) return method_not_allowed("GET");
    if (auto refused = auth::may_read_dispatch_desk(*who)) {
      return respond(deny(*refused, &*who, target.path));
    }
    if (rest == "queue") return admin_queue(target, std::move(respond));
    return admin_units(target, std::move(respond));
  }
  if (rest.rfind("cases/", 0) == 0) {
    std::string_view id = rest.substr(6);
    constexpr std::string_view kEvents = "/events";
    if (id.size() > kEvents.size() && id.substr(id.size() - kEvents.size()) == kEvents) {
      id.remove_suffix(kEvents.size());
      if (!post) return method_not_allowed("POST");
      return admin_post_event(std::string(id), request, *who, std::move(respond));
    }
    constexpr std::string_view kPhone = "/phone";
    if (id.size() > kPhone.size() && id.substr(id.size() - kPhone.size()) == kPhone) {
      id.remove_suffix(kPhone.size());
      if (!get) return method_not_allowed("GET");
      return admin_case_phone(target, std::string(id), *who, std::move(respond));
    }
    if (id.empty() || id.find('/') != std::string_view::npos) {
      return respond(api_error(Status::not_found, "not_found", "no such path: " + target.path));
    }
    if (!get) return method_not_allowed("GET");
    return admin_case(request, std::string(id), *who, std::move(respond));
  }
  if (rest == "overview" || rest == "city/grids") {
    if (!get) return method_not_allowed("GET");
    if (rest == "overview") return admin_overview(target, *who, std::move(respond));
    return admin_city_grids(target, std::move(respond));
  }
  if (rest == "assessment") {
    if (!get) return method_not_allowed("GET");
    if (auto refused = auth::may_read_assessment(*who)) {
      return respond(deny(*refused, &*who, target.path));
    }
    return admin_assessment(target, std::move(respond));
  }
  if (rest == "audit") {
    if (!get) return method_not_allowed("GET");
    return admin_audit(target, *who, std::move(respond));
  }
  if (rest == "asyncapi.yaml") {
    if (!get) return method_not_allowed("GET");
    return respond(make_response(Status::ok, "application/yaml", std::string(asyncapi_document())));
  }
  if (rest == "workflows") {
    if (!get) return method_not_allowed("GET");
    return admin_workflows(std::move(respond));
  }
  if (rest == "workflows/validate" || rest == "workflows/reload") {
    if (!post) return method_not_allowed("POST");
    if (auto refused = auth::may_administer(*who)) {
      return respond(deny(*refused, &*who, target.path));
    }
    if (rest == "workflows/validate") return admin_validate(request, std::move(respond));
    return admin_reload(std::move(respond));
  }
  respond(api_error(Status::not_found, "not_found", "no such path: " + target.path));
}

void Api::admin_case(const Request& request, const std::string& id, const auth::Principal& who,
                     Responder respond) {
  auto origin = std::make_shared<const Request>(request);
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  // The scope is checked on the case as it is read, from the engine or the archive alike (a
  // forwarded read is checked by the instance that owns the case).
  auto render = [this, who, path = "/api/v1/cases/" + id](const CaseInfo& c) {
    if (!auth::may_read_case(who, c.view)) {
      return deny({auth::Denied::out_of_scope, "case " + c.view.id + " is outside the scope of " +
                                                   std::string(auth::role_name(who.role)) + " " +
                                                   who.scope},
                  &who, path);
    }
    return json_ok(Status::ok, case_json(c));
  };
  read_engines_then(
      std::move(respond),
      [this, id, setup, origin, render](const runtime::EngineReader& reader) -> Next {
        const core::Engine* engine = reader.engine_for_case(id);
        if (engine != nullptr) {
          if (auto info = collect_case(*engine, id, setup.get())) {
            return [info = std::move(*info), render](Responder answer) { answer(render(info)); };
          }
        }
        // Not held here: archived, or live on the instance that owns its partition.
        return [this, id, origin, render, elsewhere = engine == nullptr](Responder answer) {
          if (elsewhere) {
            return case_on_other_instance(origin, id, false, Format::json, true, render,
                                          std::move(answer));
          }
          case_not_held(id, false, false, Format::json, true, render, std::move(answer));
        };
      },
      false, Format::json);
}

namespace {

// A page of the merged list as the API renders it.
std::vector<ListedSummary> listed(std::vector<Listed<ListedSummary>> page) {
  std::vector<ListedSummary> out;
  out.reserve(page.size());
  for (auto& entry : page) {
    if (entry.index() == 0) {
      out.push_back(std::move(std::get<0>(entry)));
      continue;
    }
    const archive::CaseRow& row = std::get<1>(entry);
    ListedSummary s{archived_summary(row), true};
    s.grid = row.grid.value_or("");
    s.community = row.community.value_or("");
    s.street = row.street.value_or("");
    out.push_back(std::move(s));
  }
  return out;
}

Instant summary_time(const ListedSummary& s) { return s.summary.reported_at; }
std::string_view summary_id(const ListedSummary& s) { return s.summary.id; }

}  // namespace

void Api::admin_cases(const Target& target, const auth::Principal& who, Responder respond) {
  auto parsed = parse_case_list_query(target.query, settings_.max_list);
  if (!parsed) return respond(api_error(Status::bad_request, "bad_query", parsed.error().message));
  CaseListQuery q = std::move(*parsed);
  // The archive knows of a case only its place and its last lead: an office's list there is
  // its street's or community's, a unit's the cases it led last. Live cases answer by the
  // whole rule (may_list_live_case), history included.
  CaseListQuery archive_q = q;
  bool archive_empty = false;
  if (who.role == auth::Role::office) {
    const auto office = auth::parse_office_scope(who.scope);
    auto& field = office->kind == "street" ? archive_q.street : archive_q.community;
    if (field && *field != office->id) archive_empty = true;
    field = office->id;
  } else if (!auth::sees_all(who)) {
    if (archive_q.unit && *archive_q.unit != who.acting_unit()) archive_empty = true;
    archive_q.unit = std::string(who.acting_unit());
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  const bool with_archive = deps_.archive != nullptr && !archive_empty;

  read_engines_then(
      std::move(respond),
      [this, q, archive_q, who, setup, with_archive](const runtime::EngineReader& reader) -> Next {
        const core::CaseQuery matching = engine_query(q);
        // Every case held here that the archive could list for this query: its row there may be
        // a moment behind, so the engine's answer replaces it. category and reported_at never
        // change, so they narrow the set.
        core::CaseQuery candidates;
        candidates.category = q.category;
        candidates.limit = matching.limit;
        std::vector<ListedSummary> live;
        std::vector<const core::Engine*> holder;  // by position in `live`
        std::vector<std::string> held;
        for (const core::Engine* engine : reader.engines()) {
          for (auto& s : engine->query(matching)) {
            const core::CaseState* state = engine->find(s.id);
            if (state == nullptr || !may_list_live_case(who, *engine, *state)) continue;
            if (live_matches(q, s.reported_at, engine->text(state->grid),
                             engine->text(state->street), engine->text(state->community))) {
              live.push_back({std::move(s)});
              holder.push_back(engine);
            }
          }
          if (!with_archive) continue;
          for (auto& s : engine->query(candidates)) {
            if (q.from && s.reported_at < *q.from) continue;
            if (q.to && !(s.reported_at < *q.to)) continue;
            held.push_back(std::move(s.id));
          }
        }
        std::sort(held.begin(), held.end());
        const size_t live_total = live.size();
        // Only what can reach the page travels on, with its place and clocks.
        std::vector<size_t> order(live.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        const size_t keep = std::min(live.size(), q.offset + q.limit);
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep),
                          order.end(), [&](size_t a, size_t b) {
                            return listed_before(summary_time(live[a]), summary_id(live[a]),
                                                 summary_time(live[b]), summary_id(live[b]));
                          });
        std::vector<ListedSummary> kept;
        kept.reserve(keep);
        for (size_t k = 0; k < keep; ++k) {
          ListedSummary& entry = live[order[k]];
          add_live_details(entry, *holder[order[k]]);
          kept.push_back(std::move(entry));
        }
        if (!with_archive) {
          auto page =
              listed(merge_page(std::move(kept), {}, q.offset, q.limit, summary_time, summary_id));
          return [page = std::move(page), setup, live_total](Responder answer) {
            answer(json_ok(Status::ok,
                           summaries_json(page, calendars_for(page, setup.get()), live_total)));
          };
        }
        return [this, q, archive_q, setup, live = std::move(kept), held = std::move(held),
                live_total](Responder answer) mutable {
          read_archive(
              std::move(answer),
              [q, archive_q, setup, live = std::move(live), held = std::move(held),
               live_total](archive::ArchiveStore& store) -> Result<Next> {
                auto part = read_archive_part(store, {archive_filter(archive_q)}, held,
                                              q.offset + q.limit, archive_post_filter(archive_q));
                if (!part) return part.error();
                auto page = listed(merge_page(live, std::move(part->rows), q.offset, q.limit,
                                              summary_time, summary_id));
                const size_t total = live_total + part->total;
                return Next([page = std::move(page), setup, total](Responder r) {
                  r(json_ok(Status::ok,
                            summaries_json(page, calendars_for(page, setup.get()), total)));
                });
              },
              false, Format::json);
        };
      },
      false, Format::json);
}

void Api::admin_queue(const Target& target, Responder respond) {
  if (auto problem = check_query_names(target.query, {})) {
    return respond(api_error(Status::bad_request, "bad_query", *problem));
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines(
      std::move(respond),
      [setup](const runtime::EngineReader& reader) -> Render {
        std::vector<QueuedCase> waiting;
        core::CaseQuery all;
        all.limit = SIZE_MAX;
        for (const core::Engine* engine : reader.engines()) {
          for (const auto& s : engine->query(all)) {
            // Only the few cases that can wait for the desk are copied out in full.
            const core::CaseState* state = engine->find(s.id);
            if (state == nullptr) continue;
            const bool may_wait =
                state->status == core::Status::received ||
                state->status == core::Status::extension_requested ||
                std::any_of(state->history.begin(), state->history.end(), [](const auto& h) {
                  return h.what == core::Happening::exemption_requested;
                });
            if (!may_wait) continue;
            auto view = engine->view(s.id);
            if (!view) continue;
            const auto wf = workflow_named(view->workflow, setup.get());
            auto items = queue_items(*view, wf.get());
            if (!items.empty()) waiting.push_back({std::move(*view), std::move(items)});
          }
        }
        return [waiting = std::move(waiting)] { return json_ok(Status::ok, queue_json(waiting)); };
      },
      false, Format::json);
}

void Api::admin_units(const Target& target, Responder respond) {
  if (auto problem = check_query_names(target.query, {{"q"}, {"limit"}})) {
    return respond(api_error(Status::bad_request, "bad_query", *problem));
  }
  size_t limit = 20;
  if (auto v = first(target.query, "limit")) {
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), limit);
    if (ec != std::errc() || end != v->data() + v->size() || limit == 0) {
      return respond(api_error(
          Status::bad_request, "bad_query",
          "limit must be a whole number from 1 to " + std::to_string(settings_.max_list)));
    }
  }
  limit = std::min(limit, settings_.max_list);
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  const auto city =
      setup ? std::dynamic_pointer_cast<const geo::CityDirectory>(setup->directory) : nullptr;
  if (city == nullptr) {
    return respond(api_error(Status::service_unavailable, "no_directory",
                             "no unit directory is loaded here (config units and boundaries)"));
  }
  const std::string query = first(target.query, "q").value_or("");
  respond(json_ok(Status::ok, unit_search_json(search_units(*city, query, limit))));
}

void Api::admin_workflows(Responder respond) {
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  auto last_reload = deps_.reloader ? deps_.reloader->last_reload() : std::nullopt;
  read_engines(
      std::move(respond),
      [setup, last_reload](const runtime::EngineReader& reader) -> Render {
        // Open cases per version on this instance's partitions.
        std::map<std::string, int64_t> open;
        core::CaseQuery q;
        q.open_only = true;
        q.limit = SIZE_MAX;
        for (const core::Engine* engine : reader.engines()) {
          for (const auto& s : engine->query(q)) {
            if (!s.workflow.empty()) ++open[s.workflow];
          }
        }
        return [setup, last_reload, open = std::move(open)] {
          std::string body;
          events::JsonWriter w(body);
          w.begin_object();
          w.key("workflows");
          w.begin_array();
          std::map<std::string, int64_t> rest = open;
          if (setup && setup->catalog) {
            for (const auto& wf : setup->catalog->all()) {
              const std::string id = wf->id();
              const auto latest = setup->catalog->latest(wf->name);
              w.begin_object();
              w.field("id", id);
              w.field("name", wf->name);
              w.field("version", static_cast<int64_t>(wf->version));
              w.field("title", wf->title);
              w.field("current", latest == wf);
              w.field("source_file", wf->source_file);
              w.field("open_cases", rest.count(id) ? rest[id] : int64_t{0});
              w.key("stages");
              write_stages(w, *wf);
              w.end_object();
              rest.erase(id);
            }
          }
          for (const auto& [id, n] : rest) {  // pinned versions no longer loaded (rare)
            w.begin_object();
            w.field("id", id);
            w.field("current", false);
            w.field("open_cases", n);
            w.end_object();
          }
          w.end_array();
          w.key("last_reload");
          write_last_reload(w, last_reload);
          w.end_object();
          return json_ok(Status::ok, std::move(body));
        };
      },
      false, Format::json);
}

void Api::admin_validate(const Request& request, Responder respond) {
  if (deps_.reloader == nullptr) {
    return respond(api_error(Status::service_unavailable, "not_ready", "no definitions loaded"));
  }
  if (request.body().empty()) {
    return respond(
        api_error(Status::bad_request, "empty_body", "send the workflow YAML as the request body"));
  }
  std::string name = "request.yaml";
  // ?file=parking.yaml names the text in the diagnostics.
  if (auto target = parse_target(request.target())) {
    if (auto problem = check_query_names(target->query, {{"file"}})) {
      return respond(api_error(Status::bad_request, "bad_query", *problem));
    }
    if (auto file = first(target->query, "file"); file && !file->empty()) name = *file;
  }
  std::string id;
  const Diagnostics problems = deps_.reloader->validate(name, request.body(), &id);
  if (problems.empty()) {
    return respond(json_ok(Status::ok, diagnostics_json("valid", true, problems, "workflow", id)));
  }
  respond(json_ok(Status::unprocessable_entity,
                  diagnostics_json("valid", false, problems, "workflow", id)));
}

void Api::admin_reload(Responder respond) {
  if (deps_.reloader == nullptr) {
    return respond(api_error(Status::service_unavailable, "not_ready", "no definitions loaded"));
  }
  auto answer = std::make_shared<Responder>(std::move(respond));
  deps_.reloader->reload_async([answer](ReloadOutcome outcome) {
    std::string body;
    events::JsonWriter w(body);
    w.begin_object();
    w.field("reloaded", outcome.ok());
    w.field("message", outcome.message);
    w.key("diagnostics");
    w.begin_array();
    for (const auto& d : outcome.problems) w.string(d.to_string());
    w.end_array();
    w.key("workflows");
    w.begin_array();
    for (const auto& id : outcome.workflows) w.string(id);
    w.end_array();
    w.end_object();
    Status status = Status::ok;
    switch (outcome.kind) {
      case ReloadOutcome::Kind::reloaded:
        status = Status::ok;
        break;
      case ReloadOutcome::Kind::problems:
        status = Status::unprocessable_entity;
        break;
      case ReloadOutcome::Kind::busy:
        status = Status::conflict;
        break;
      case ReloadOutcome::Kind::failed:
        status = Status::service_unavailable;
        break;
    }
    (*answer)(json_ok(status, std::move(body)));
  });
}

}  // namespace caseflow::http
