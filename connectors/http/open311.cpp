// Open311 GeoReport v2 (open311.github.io/GeoReport_v2): services from the workflows'
// categories, requests in (as caseflow.case.reported events) and out (case state).
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <map>
#include <set>

#include "connectors/http/api.h"
#include "connectors/http/archived_case.h"
#include "connectors/http/case_list.h"
#include "connectors/http/case_render.h"
#include "connectors/http/open311_report.h"
#include "connectors/http/query_params.h"
#include "connectors/http/records.h"
#include "connectors/http/xml_writer.h"
#include "connectors/privacy/phone_vault.h"
#include "engine/events/json_writer.h"
#include "engine/time/rfc3339.h"

namespace caseflow::http {
namespace {

constexpr std::string_view kOpen311Prefix = "/open311/v2/";

Response records_response(Status status, Format format, std::string_view root,
                          std::string_view item, const std::vector<FlatRecord>& records) {
  if (format == Format::xml) return make_response(status, kXml, render_xml(root, item, records));
  return make_response(status, kJson, render_json(records));
}

// One Open311 service: a concrete category of a workflow in force.
struct Service {
  std::string code, name, description, group;
  std::vector<std::string> keywords;
};

std::vector<Service> services_of(const runtime::EngineSetup* setup) {
  std::vector<Service> out;
  if (setup == nullptr || !setup->catalog) return out;
  std::set<std::string> seen;
  for (const auto& wf : setup->catalog->current()) {
    for (const auto& c : wf->match.categories) {
      if (c.code.find('*') != std::string::npos || !seen.insert(c.code).second) continue;
      Service s;
      s.code = c.code;
      s.name = c.name.empty() ? c.code : c.name;
      s.description = c.description.empty() ? wf->title : c.description;
      s.group = wf->name;
      std::string_view rest = c.code;
      while (!rest.empty()) {  // "parking.illegal" -> parking, illegal
        const size_t dot = rest.find('.');
        s.keywords.emplace_back(rest.substr(0, dot));
        rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
      }
      out.push_back(std::move(s));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Service& a, const Service& b) { return a.code < b.code; });
  return out;
}

// services_of(setup) has `code`, without building the list: asked on every report.
bool offers_service(const runtime::EngineSetup* setup, std::string_view code) {
  if (setup == nullptr || !setup->catalog || code.find('*') != std::string_view::npos) return false;
  for (const auto& wf : setup->catalog->current()) {
    for (const auto& c : wf->match.categories) {
      if (c.code == code) return true;
    }
  }
  return false;
}

// The media type of a Content-Type value, lower case, without its parameters ("; charset=...").
std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && (content_type.back() == ' ' || content_type.back() == '\t')) {
    content_type.remove_suffix(1);
  }
  while (!content_type.empty() && (content_type.front() == ' ' || content_type.front() == '\t')) {
    content_type.remove_prefix(1);
  }
  std::string out(content_type);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

// A JSON body as form fields: {"service_code":"x","attribute":{"urgency":"urgent"}} gives
// service_code=x and attribute[urgency]=urgent. nullopt if it is not a JSON object.
std::optional<FormFields> json_fields(std::string_view body) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(body, ec);
  if (ec || !root.is_object()) return std::nullopt;
  FormFields out;
  auto text = [](const boost::json::value& v) -> std::optional<std::string> {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    if (v.is_double()) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g", v.get_double());
      return std::string(buf);
    }
    if (v.is_bool()) return std::string(v.get_bool() ? "true" : "false");
    return std::nullopt;
  };
  for (const auto& [key, value] : root.get_object()) {
    if (key == "attribute" && value.is_object()) {
      for (const auto& [name, v] : value.get_object()) {
        if (auto t = text(v)) out.emplace_back("attribute[" + std::string(name) + "]", *t);
      }
    } else if (auto t = text(value)) {
      out.emplace_back(std::string(key), *t);
    }
  }
  return out;
}

}  // namespace

void Api::open311(Request&& request, const Target& target, const ClientAddress& from,
                  Responder respond) {
  if (target.path.rfind(kOpen311Prefix, 0) != 0) {
    respond(open311_error(Status::not_found, "no such path: " + target.path));
    return;
  }
  std::string_view rest = std::string_view(target.path).substr(kOpen311Prefix.size());
  Format format;
  if (rest.size() > 5 && rest.substr(rest.size() - 5) == ".json") {
    format = Format::json;
    rest.remove_suffix(5);
  } else if (rest.size() > 4 && rest.substr(rest.size() - 4) == ".xml") {
    format = Format::xml;
    rest.remove_suffix(4);
  } else {
    respond(open311_error(Status::not_found, "no such path: " + target.path +
                                                 " (Open311 paths end in .json or .xml)"));
    return;
  }
  const auto method = request.method();
  auto only = [&](beast_http::verb allowed, std::string_view allow_text) {
    if (method == allowed) return true;
    Response r = open311_error(Status::method_not_allowed,
                               target.path + " answers " + std::string(allow_text), format);
    r.set(beast_http::field::allow, allow_text);
    respond(std::move(r));
    return false;
  };
  if (rest == "services") {
    if (only(beast_http::verb::get, "GET")) open311_services(format, std::move(respond));
  } else if (rest.rfind("services/", 0) == 0 && rest.size() > 9) {
    if (only(beast_http::verb::get, "GET")) {
      open311_service(std::string(rest.substr(9)), format, std::move(respond));
    }
  } else if (rest == "requests") {
    if (method == beast_http::verb::post) {
      open311_post(request, format, from, std::move(respond));
    } else if (only(beast_http::verb::get, "GET, POST")) {
      open311_requests(target, format, std::move(respond));
    }
  } else if (rest.rfind("requests/", 0) == 0 && rest.size() > 9) {
    if (only(beast_http::verb::get, "GET")) {
      open311_request(request, std::string(rest.substr(9)), format, std::move(respond));
    }
  } else {
    respond(open311_error(Status::not_found, "no such path: " + target.path, format));
  }
}

void Api::open311_services(Format format, Responder respond) {
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  std::vector<FlatRecord> records;
  for (const auto& s : services_of(setup.get())) {
    records.push_back({{"service_code", s.code},
                       {"service_name", s.name},
                       {"description", s.description},
                       {"metadata", true},
                       {"type", std::string("realtime")},
                       {"keywords", join(s.keywords)},
                       {"group", s.group}});
  }
  respond(records_response(Status::ok, format, "services", "service", records));
}

void Api::open311_service(const std::string& code, Format format, Responder respond) {
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  const auto services = services_of(setup.get());
  const bool known = std::any_of(services.begin(), services.end(),
                                 [&](const Service& s) { return s.code == code; });
  if (!known) {
    respond(open311_error(Status::not_found, "no service " + code, format));
    return;
  }
  // The attributes every service takes (all optional): urgency, a grid id, the map datum, the
  // request type.
  struct Attribute {
    std::string_view code, datatype, description;
    std::vector<std::pair<std::string_view, std::string_view>> values;
  };
  const std::vector<Attribute> attributes = {
      {"urgency",
       "singlevaluelist",
       "How urgent the problem is; shorter time limits apply to urgent and emergency reports.",
       {{"normal", "Normal"},
        {"urgent", "Urgent"},
        {"emergency", "Emergency: danger to life or property"}}},
      {"grid_id", "string", "The grid the problem lies in, if known (instead of lat/long).", {}},
      {"datum",
       "singlevaluelist",
       "The coordinate system of lat/long (Chinese map apps give GCJ-02 or BD-09).",
       {{"wgs84", "WGS-84 (GPS)"}, {"gcj02", "GCJ-02"}, {"bd09", "BD-09"}}},
      {"request_type",
       "singlevaluelist",
       "What the report asks for; some kinds have their own time limits.",
       {{"consultation", "Consultation (咨询)"},
        {"help", "Help (求助)"},
        {"complaint", "Complaint (投诉)"},
        {"suggestion", "Suggestion (建议)"},
        {"report", "Report of wrongdoing (举报)"}}},
  };
  std::string body;
  if (format == Format::xml) {
    XmlWriter x(body);
    x.open("service_definition");
    x.element("service_code", code);
    x.open("attributes");
    int order = 1;
    for (const auto& a : attributes) {
      x.open("attribute");
      x.element("variable", "true");
      x.element("code", a.code);
      x.element("datatype", a.datatype);
      x.element("required", "false");
      x.element("datatype_description", "");
      x.element("order", std::to_string(order++));
      x.element("description", a.description);
      if (!a.values.empty()) {
        x.open("values");
        for (const auto& [key, name] : a.values) {
          x.open("value");
          x.element("key", key);
          x.element("name", name);
          x.close("value");
        }
        x.close("values");
      }
      x.close("attribute");
    }
    x.close("attributes");
    x.close("service_definition");
    respond(make_response(Status::ok, kXml, std::move(body)));
    return;
  }
  events::JsonWriter w(body);
  w.begin_object();
  w.field("service_code", code);
  w.key("attributes");
  w.begin_array();
  int64_t order = 1;
  for (const auto& a : attributes) {
    w.begin_object();
    w.field("variable", true);
    w.field("code", a.code);
    w.field("datatype", a.datatype);
    w.field("required", false);
    w.field("datatype_description", "");
    w.field("order", order++);
    w.field("description", a.description);
    if (!a.values.empty()) {
      w.key("values");
      w.begin_array();
      for (const auto& [key, name] : a.values) {
        w.begin_object();
        w.field("key", key);
        w.field("name", name);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  respond(make_response(Status::ok, kJson, std::move(body)));
}

void Api::open311_post(const Request& request, Format format, const ClientAddress& from,
                       Responder respond) {
  auto bad = [&](Status status, const std::string& message) {
    respond(open311_error(status, message, format));
  };
  // The body: form-urlencoded (as the spec says) or JSON.
  const auto type_header = request.find(beast_http::field::content_type);
  const std::string_view content_type =
      type_header == request.end()
          ? std::string_view()
          : std::string_view(type_header->value().data(), type_header->value().size());
  const std::string media = media_type(content_type);
  if (!media.empty() && media != "application/x-www-form-urlencoded" &&
      media != "application/json") {
    return bad(Status::unsupported_media_type,
               "a report is application/x-www-form-urlencoded (or application/json), not " + media);
  }
  std::optional<FormFields> fields;
  if (media == "application/json") {
    fields = json_fields(request.body());
    if (!fields) return bad(Status::bad_request, "the body is not a JSON object");
  } else {
    fields = parse_form(request.body());
    if (!fields) return bad(Status::bad_request, "the form body has a broken %-escape");
  }

  if (!settings_.api_keys.empty()) {
    // A locked-out address is not told whether this key would have worked.
    if (auto refusal = throttled(from, true, format)) return respond(std::move(*refusal));
    const auto key = first(*fields, "api_key");
    const bool valid = key && std::find(settings_.api_keys.begin(), settings_.api_keys.end(),
                                        *key) != settings_.api_keys.end();
    if (key && !valid) throttle_.record_failure(from, now());
    if (!valid) return bad(Status::forbidden, key ? "invalid api_key" : "api_key is required");
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  auto report = read_open311_report(
      *fields, [&](std::string_view code) { return offers_service(setup.get(), code); });
  if (!report) return bad(Status::bad_request, report.error().message);
  if (auto reason = not_ready()) {
    return bad(Status::service_unavailable, "not ready: " + *reason);
  }
  if (deps_.events == nullptr) return bad(Status::service_unavailable, "intake is not available");
  if (!valid_event_source(settings_.event_source)) {
    return bad(Status::bad_request, "source is required");
  }

  // Checked as a typed value above, so encoded once and never decoded here.
  const Instant at = now();
  const std::string id = ids_.next(at);
  std::string event;
  std::string sealed_phone;
  if (deps_.phone_vault && !report->phone.empty())
    sealed_phone = deps_.phone_vault->seal(report->phone, id);
  write_reported_event(event, *report, {id, settings_.event_source, at, sealed_phone});

  auto answer = std::make_shared<Responder>(std::move(respond));
  const bool accepted =
      deps_.events->send(id, event, [answer, id, format](std::optional<Error> error) {
        if (error) {
          (*answer)(open311_error(Status::service_unavailable,
                                  "the request could not be stored: " + error->message, format));
          return;
        }
        const std::vector<FlatRecord> records{
            {{"service_request_id", id},
             {"service_notice", "received; follow it at /open311/v2/requests/" + id + ".json"},
             {"account_id", Null{}}}};
        (*answer)(records_response(Status::ok, format, "service_requests", "request", records));
      });
  if (!accepted) {
    (*answer)(open311_error(Status::service_unavailable,
                            "overloaded: too many requests are waiting to be stored; try again",
                            format));
  }
}

void Api::open311_request(const Request& request, const std::string& id, Format format,
                          Responder respond) {
  auto origin = std::make_shared<const Request>(request);
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines_then(
      std::move(respond),
      [this, id, setup, format, origin](const runtime::EngineReader& reader) -> Next {
        auto render = [format](const CaseInfo& c) {
          return records_response(Status::ok, format, "service_requests", "request",
                                  {request_record(c)});
        };
        const core::Engine* engine = reader.engine_for_case(id);
        if (engine != nullptr) {
          if (auto info = collect_case(*engine, id, setup.get())) {
            return [info = std::move(*info), render](Responder answer) { answer(render(info)); };
          }
        }
        return [this, id, format, render, origin, elsewhere = engine == nullptr](Responder answer) {
          if (elsewhere) {
            return case_on_other_instance(origin, id, true, format, false, render,
                                          std::move(answer));
          }
          case_not_held(id, false, true, format, false, render, std::move(answer));
        };
      },
      true, format);
}

void Api::open311_requests(const Target& target, Format format, Responder respond) {
  auto bad = [&](const std::string& message) {
    respond(open311_error(Status::bad_request, message, format));
  };
  // The GeoReport v2 parameters. jurisdiction_id (one jurisdiction here) and api_key (reads need
  // none) are accepted and ignored, as clients send them on every call.
  if (auto problem = check_query_names(target.query, {{"service_request_id", true},
                                                      {"service_code", true},
                                                      {"status", true},
                                                      {"start_date"},
                                                      {"end_date"},
                                                      {"jurisdiction_id"},
                                                      {"api_key"}})) {
    return bad(*problem);
  }
  // status and service_code may be repeated or comma-separated (the spec's lists). An empty value
  // is refused: as "no filter" it would list everything a client meant to narrow down.
  for (const auto& [name, value] : target.query) {
    if (value.empty() && (name == "status" || name == "service_code")) {
      return bad(name == "status" ? must_be_one_of("status", {"open", "closed"})
                                  : "service_code is empty; leave it out to list every service");
    }
  }
  const std::vector<std::string> ids = all_split(target.query, "service_request_id");
  const std::vector<std::string> code_list = all_split(target.query, "service_code");
  const std::set<std::string> codes(code_list.begin(), code_list.end());
  std::set<std::string> statuses;
  for (const auto& s : all_split(target.query, "status")) {
    if (s != "open" && s != "closed") return bad(must_be_one_of("status", {"open", "closed"}));
    statuses.insert(s);
  }
  // Both open and closed is every request: no filter.
  const std::optional<std::string> status =
      statuses.size() == 1 ? std::optional<std::string>(*statuses.begin()) : std::nullopt;
  std::optional<Instant> start, end;
  if (auto text = first(target.query, "start_date")) {
    const auto parsed = parse_rfc3339(*text);
    if (!parsed) return bad("start_date must be an ISO 8601 date-time with a zone");
    start = *parsed;
  }
  if (auto text = first(target.query, "end_date")) {
    const auto parsed = parse_rfc3339(*text);
    if (!parsed) return bad("end_date must be an ISO 8601 date-time with a zone");
    end = *parsed;
  }
  // Without dates, the last 90 days, as the spec suggests.
  if (!start && !end && ids.empty()) start = now() - Duration::days(90);
  const size_t max_list = settings_.max_list;
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;

  // What the archive is asked: the same filters (end_date is inclusive, reported_to is not).
  archive::CaseFilter base;
  if (status) base.open = *status == "open";
  base.reported_from = start;
  if (end) base.reported_to = *end + Duration::millis(1);
  const bool with_archive = deps_.archive != nullptr;

  read_engines_then(
      std::move(respond),
      [=, this](const runtime::EngineReader& reader) -> Next {
        auto keep = [&](const CaseInfo& c) {
          if (status && open311_status(c.view.status) != *status) return false;
          if (!codes.empty() && !codes.count(c.view.category)) return false;
          if (start && c.view.reported_at < *start) return false;
          if (end && c.view.reported_at > *end) return false;
          return true;
        };
        auto render = [format](const std::vector<FlatRecord>& records) {
          return records_response(Status::ok, format, "service_requests", "request", records);
        };
        if (!ids.empty()) {
          // Answered in the order asked; a case held here answers from its engine (or not at
          // all when it does not match), the others from the archive.
          struct Asked {
            std::string id;
            bool held = false;
            std::optional<CaseInfo> live;  // held and matching
          };
          std::vector<Asked> asked;
          std::vector<std::string> not_held;
          std::set<std::string> seen;
          for (const auto& id : ids) {
            if (asked.size() >= max_list) break;
            if (!seen.insert(id).second) continue;
            const core::Engine* engine = reader.engine_for_case(id);
            auto info = engine ? collect_case(*engine, id, setup.get()) : std::nullopt;
            if (!info) not_held.push_back(id);
            const bool held = info.has_value();
            asked.push_back({id, held, info && keep(*info) ? std::move(info) : std::nullopt});
          }
          if (!with_archive || not_held.empty()) {
            return [asked = std::move(asked), render](Responder answer) {
              std::vector<FlatRecord> records;
              for (const auto& a : asked) {
                if (a.live) records.push_back(request_record(*a.live));
              }
              answer(render(records));
            };
          }
          return [this, asked = std::move(asked), not_held = std::move(not_held), base, codes,
                  setup, render, format](Responder answer) mutable {
            read_archive(
                std::move(answer),
                [asked = std::move(asked), not_held = std::move(not_held), base, codes, setup,
                 render](archive::ArchiveStore& store) -> Result<Next> {
                  archive::CaseFilter filter = base;
                  filter.ids = not_held;
                  filter.limit = not_held.size();
                  if (codes.size() == 1) filter.category = *codes.begin();
                  auto rows = store.list(filter);
                  if (!rows) return rows.error();
                  std::map<std::string, archive::CaseRow, std::less<>> by_id;
                  for (auto& row : *rows) {
                    if (codes.empty() || codes.count(row.category)) by_id[row.id] = std::move(row);
                  }
                  std::vector<FlatRecord> records;
                  for (const auto& a : asked) {
                    if (a.live) {
                      records.push_back(request_record(*a.live));
                    } else if (!a.held) {
                      if (auto row = by_id.find(a.id); row != by_id.end()) {
                        records.push_back(
                            request_record(archived_case(row->second, {}, setup.get())));
                      }
                    }
                  }
                  return Next(
                      [records = std::move(records), render](Responder r) { r(render(records)); });
                },
                true, format);
          };
        }
        // One pass over the cases held here: those that match, and every one the archive could
        // list for the filter (its row there may be a moment behind: the engine answers for it).
        core::CaseQuery q;
        if (codes.size() == 1) q.category = *codes.begin();
        q.limit = SIZE_MAX;
        std::vector<std::pair<const core::Engine*, core::CaseSummary>> all;
        std::vector<std::string> held;
        for (const core::Engine* engine : reader.engines()) {
          for (auto& s : engine->query(q)) {
            if (start && s.reported_at < *start) continue;
            if (end && s.reported_at > *end) continue;
            if (!codes.empty() && !codes.count(s.category)) continue;
            if (with_archive) held.push_back(s.id);
            if (status && open311_status(s.status) != *status) continue;
            all.emplace_back(engine, std::move(s));
          }
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
          return listed_before(a.second.reported_at, a.second.id, b.second.reported_at,
                               b.second.id);
        });
        if (all.size() > max_list) all.resize(max_list);
        std::vector<CaseInfo> found;
        for (const auto& [engine, s] : all) {
          if (auto info = collect_case(*engine, s.id, setup.get()))
            found.push_back(std::move(*info));
        }
        if (!with_archive) {
          return [found = std::move(found), render](Responder answer) {
            std::vector<FlatRecord> records;
            records.reserve(found.size());
            for (const auto& c : found) records.push_back(request_record(c));
            answer(render(records));
          };
        }
        std::sort(held.begin(), held.end());
        return [this, found = std::move(found), held = std::move(held), base, codes, setup, render,
                max_list, format](Responder answer) mutable {
          read_archive(
              std::move(answer),
              [found = std::move(found), held = std::move(held), base, codes, setup, render,
               max_list](archive::ArchiveStore& store) -> Result<Next> {
                std::vector<archive::CaseFilter> filters;
                for (const auto& code : codes) {  // one disjoint part per service
                  filters.push_back(base);
                  filters.back().category = code;
                }
                if (filters.empty()) filters.push_back(base);
                auto part = read_archive_part(store, filters, held, max_list, {});
                if (!part) return part.error();
                auto page = merge_page(
                    found, std::move(part->rows), 0, max_list,
                    [](const CaseInfo& c) { return c.view.reported_at; },
                    [](const CaseInfo& c) -> std::string_view { return c.view.id; });
                std::vector<FlatRecord> records;
                records.reserve(page.size());
                for (const auto& entry : page) {
                  records.push_back(entry.index() == 0 ? request_record(std::get<0>(entry))
                                                       : request_record(archived_case(
                                                             std::get<1>(entry), {}, setup.get())));
                }
                return Next(
                    [records = std::move(records), render](Responder r) { r(render(records)); });
              },
              true, format);
        };
      },
      true, format);
}

}  // namespace caseflow::http
