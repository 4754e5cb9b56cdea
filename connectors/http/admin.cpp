// The admin API under /api/v1: cases (lookup, search, posting a unit's event) and workflows
// (list with open-case counts, validate, reload). Every POST needs the Bearer token.
#include <algorithm>
#include <map>

#include "connectors/http/api.h"
#include "connectors/http/asyncapi_document.h"
#include "connectors/http/case_render.h"
#include "connectors/http/query_params.h"
#include "engine/core/status.h"
#include "engine/events/case_event_decoder.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

constexpr std::string_view kPrefix = "/api/v1/";

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

// Every case status name, in lifecycle order: the values ?status= can match (Engine::query
// compares them exactly). `merged` is the last status of core::Status.
std::vector<std::string_view> case_status_names() {
  std::vector<std::string_view> names;
  for (auto s = static_cast<uint8_t>(core::Status::received);
       s <= static_cast<uint8_t>(core::Status::merged); ++s) {
    names.push_back(core::to_string(static_cast<core::Status>(s)));
  }
  return names;
}

}  // namespace

void Api::admin(Request&& request, const Target& target, Responder respond) {
  const std::string_view rest = std::string_view(target.path).substr(kPrefix.size());
  const auto method = request.method();
  auto method_not_allowed = [&](std::string_view allow) {
    Response r = api_error(Status::method_not_allowed, "method_not_allowed",
                           target.path + " answers " + std::string(allow));
    r.set(beast_http::field::allow, allow);
    respond(std::move(r));
  };
  const bool get = method == beast_http::verb::get, post = method == beast_http::verb::post;

  if (rest == "cases") {
    if (!get) return method_not_allowed("GET");
    return admin_cases(target, std::move(respond));
  }
  if (rest.rfind("cases/", 0) == 0) {
    std::string_view id = rest.substr(6);
    constexpr std::string_view kEvents = "/events";
    if (id.size() > kEvents.size() && id.substr(id.size() - kEvents.size()) == kEvents) {
      id.remove_suffix(kEvents.size());
      if (!post) return method_not_allowed("POST");
      if (!authorized(request, respond)) return;
      return admin_post_event(std::string(id), request, std::move(respond));
    }
    if (id.empty() || id.find('/') != std::string_view::npos) {
      return respond(api_error(Status::not_found, "not_found", "no such path: " + target.path));
    }
    if (!get) return method_not_allowed("GET");
    return admin_case(std::string(id), std::move(respond));
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
    if (!authorized(request, respond)) return;
    if (rest == "workflows/validate") return admin_validate(request, std::move(respond));
    return admin_reload(std::move(respond));
  }
  respond(api_error(Status::not_found, "not_found", "no such path: " + target.path));
}

void Api::admin_case(const std::string& id, Responder respond) {
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines(
      std::move(respond),
      [id, setup](const runtime::EngineReader& reader) -> Render {
        const core::Engine* engine = reader.engine_for_case(id);
        if (engine == nullptr) {
          return [id] {
            return api_error(Status::not_found, "not_on_this_instance",
                             "case " + id +
                                 " is not on this instance: its partition is owned by another "
                                 "instance (or not restored yet); ask that instance");
          };
        }
        auto info = collect_case(*engine, id, setup.get());
        if (!info) {
          return [id] { return api_error(Status::not_found, "unknown_case", "no case " + id); };
        }
        return [info = std::move(*info)] { return json_ok(Status::ok, case_json(info)); };
      },
      false, Format::json);
}

void Api::admin_cases(const Target& target, Responder respond) {
  // stage, unit, workflow and category are open sets (they come from the workflow files and change
  // with a reload, while running cases keep theirs): an unknown value matches nothing. status and
  // the flags are closed sets, so an unknown value is a mistake and answers 400.
  if (auto problem = check_query_names(target.query, {{"status"},
                                                      {"stage"},
                                                      {"unit"},
                                                      {"workflow"},
                                                      {"category"},
                                                      {"breached"},
                                                      {"open"},
                                                      {"offset"},
                                                      {"limit"}})) {
    return respond(api_error(Status::bad_request, "bad_query", *problem));
  }
  core::CaseQuery q;
  if (auto v = first(target.query, "status")) {
    if (!core::parse_status(*v)) {
      return respond(api_error(Status::bad_request, "bad_query",
                               must_be_one_of("status", case_status_names())));
    }
    q.status = *v;
  }
  if (auto v = first(target.query, "stage")) q.stage = *v;
  if (auto v = first(target.query, "unit")) q.unit = *v;
  if (auto v = first(target.query, "workflow")) q.workflow = *v;
  if (auto v = first(target.query, "category")) q.category = *v;
  auto flag = [&](std::string_view name, bool& out) {
    auto v = first(target.query, name);
    if (!v) return true;
    if (*v == "true" || *v == "1") {
      out = true;
    } else if (*v == "false" || *v == "0") {
      out = false;
    } else {
      respond(api_error(Status::bad_request, "bad_query",
                        must_be_one_of(name, {"true", "false", "1", "0"})));
      return false;
    }
    return true;
  };
  if (!flag("breached", q.breached_only) || !flag("open", q.open_only)) return;
  auto count = [&](std::string_view name, size_t fallback, size_t& out) {
    auto v = first(target.query, name);
    out = fallback;
    if (!v) return true;
    try {
      size_t used = 0;
      const long long n = std::stoll(*v, &used);
      if (used != v->size() || n < 0) throw std::invalid_argument(*v);
      out = static_cast<size_t>(n);
      return true;
    } catch (const std::exception&) {
      respond(api_error(Status::bad_request, "bad_query",
                        std::string(name) + " must be a whole number"));
      return false;
    }
  };
  size_t offset = 0, limit = 0;
  if (!count("offset", 0, offset) || !count("limit", 100, limit)) return;
  limit = std::min(limit, settings_.max_list);
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;

  read_engines(
      std::move(respond),
      [q, offset, limit, setup](const runtime::EngineReader& reader) -> Render {
        core::CaseQuery each = q;
        each.offset = 0;
        each.limit = offset + limit;
        std::vector<core::CaseSummary> all;
        for (const core::Engine* engine : reader.engines()) {
          auto part = engine->query(each);
          all.insert(all.end(), std::make_move_iterator(part.begin()),
                     std::make_move_iterator(part.end()));
        }
        std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
          return a.reported_at < b.reported_at;
        });
        const size_t matching = all.size();
        std::vector<core::CaseSummary> page;
        for (size_t i = offset; i < all.size() && page.size() < limit; ++i) {
          page.push_back(std::move(all[i]));
        }
        auto calendars = calendars_for(page, setup.get());
        return [page = std::move(page), calendars = std::move(calendars), matching] {
          return json_ok(Status::ok, summaries_json(page, calendars, matching));
        };
      },
      false, Format::json);
}

void Api::admin_post_event(const std::string& id, const Request& request, Responder respond) {
  auto decoded = events::decode_case_event(request.body());
  if (!decoded) {
    return respond(api_error(Status::bad_request, decoded.error().code, decoded.error().message));
  }
  if (decoded->case_id != id) {
    return respond(api_error(Status::bad_request, "subject_mismatch",
                             "the event's subject (" + decoded->case_id +
                                 ") must be the case id of the path (" + id + ")"));
  }
  if (auto reason = not_ready()) {
    return respond(api_error(Status::service_unavailable, "not_ready", *reason));
  }
  if (deps_.events == nullptr) {
    return respond(api_error(Status::service_unavailable, "not_ready", "intake is not available"));
  }
  auto answer = std::make_shared<Responder>(std::move(respond));
  const std::string event_id = decoded->event_id;
  const std::string type(events::type_name(decoded->type));
  const bool accepted = deps_.events->send(
      id, request.body(), [answer, id, event_id, type](std::optional<Error> error) {
        if (error) {
          (*answer)(api_error(Status::service_unavailable, "not_stored",
                              "the event could not be stored: " + error->message));
          return;
        }
        std::string body;
        events::JsonWriter w(body);
        w.begin_object();
        w.field("accepted", true);
        w.field("case_id", id);
        w.field("event_id", event_id);
        w.field("type", type);
        w.end_object();
        (*answer)(json_ok(Status::accepted, std::move(body)));
      });
  if (!accepted) {
    (*answer)(api_error(Status::service_unavailable, "overloaded",
                        "overloaded: too many events are waiting to be stored; try again"));
  }
}

void Api::admin_workflows(Responder respond) {
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines(
      std::move(respond),
      [setup](const runtime::EngineReader& reader) -> Render {
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
        return [setup, open = std::move(open)] {
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
