#include "connectors/http/api.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <chrono>

namespace caseflow::http {

Api::Api(boost::asio::io_context& io, ApiSettings settings, ApiDependencies deps)
    : io_(io),
      settings_(std::move(settings)),
      deps_(std::move(deps)),
      ids_(settings_.instance_id) {}

Instant Api::now() const {
  if (deps_.clock) return deps_.clock();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Instant::from_unix_millis(ms.count());
}

std::optional<std::string> Api::not_ready() const {
  if (!deps_.readiness) return std::nullopt;
  runtime::Readiness r = deps_.readiness();
  if (r.ready) return std::nullopt;
  return r.reason.empty() ? std::string("not ready") : r.reason;
}

void Api::handle(Request&& request, Responder respond) {
  auto target = parse_target(request.target());
  if (!target) {
    respond(api_error(Status::bad_request, "bad_target", "the request target is not valid"));
    return;
  }
  const std::string& path = target->path;
  if (path.rfind("/open311/", 0) == 0) {
    open311(std::move(request), *target, std::move(respond));
  } else if (path.rfind("/api/v1/", 0) == 0) {
    admin(std::move(request), *target, std::move(respond));
  } else if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
    if (request.method() != beast_http::verb::get) {
      Response r =
          api_error(Status::method_not_allowed, "method_not_allowed", path + " answers GET only");
      r.set(beast_http::field::allow, "GET");
      respond(std::move(r));
      return;
    }
    health(*target, respond);
  } else {
    respond(api_error(Status::not_found, "not_found", "no such path: " + path));
  }
}

void Api::health(const Target& t, Responder& respond) {
  if (t.path == "/healthz") {
    respond(make_response(Status::ok, kJson, R"({"status":"ok"})"));
    return;
  }
  if (t.path == "/readyz") {
    if (auto reason = not_ready()) {
      respond(api_error(Status::service_unavailable, "not_ready", *reason));
    } else {
      respond(make_response(Status::ok, kJson, R"({"status":"ready"})"));
    }
    return;
  }
  // /metrics
  if (!deps_.metrics) {
    respond(make_response(Status::ok, kPrometheusText, ""));
    return;
  }
  respond(make_response(Status::ok, kPrometheusText, deps_.metrics()));
}

namespace {

// Compares without an early exit, so the time taken says nothing about the token.
bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

}  // namespace

bool Api::authorized(const Request& request, Responder& respond) const {
  const auto header = request.find(beast_http::field::authorization);
  if (header == request.end()) {
    Response r = api_error(Status::unauthorized, "unauthorized",
                           "this path needs an Authorization: Bearer <token> header");
    r.set(beast_http::field::www_authenticate, "Bearer");
    respond(std::move(r));
    return false;
  }
  const std::string_view value(header->value().data(), header->value().size());
  constexpr std::string_view kBearer = "Bearer ";
  if (value.size() <= kBearer.size() || value.substr(0, kBearer.size()) != kBearer) {
    Response r = api_error(Status::unauthorized, "unauthorized",
                           "the Authorization header must be: Bearer <token>");
    r.set(beast_http::field::www_authenticate, "Bearer");
    respond(std::move(r));
    return false;
  }
  if (settings_.admin_token.empty()) {
    respond(api_error(Status::forbidden, "forbidden",
                      "admin writes are disabled: no http.admin_token is configured"));
    return false;
  }
  if (!same_secret(value.substr(kBearer.size()), settings_.admin_token)) {
    respond(api_error(Status::forbidden, "forbidden", "the token is not valid"));
    return false;
  }
  return true;
}

void Api::read_engines(Responder respond, ReadJob job, bool open311, Format format) {
  auto fail = [&](Status status, std::string_view code, const std::string& message) {
    respond(open311 ? open311_error(status, message, format) : api_error(status, code, message));
  };
  if (deps_.engines == nullptr) {
    fail(Status::service_unavailable, "not_ready", "engine state is not available here");
    return;
  }
  if (pending_reads_ >= settings_.max_pending_reads) {
    fail(Status::service_unavailable, "overloaded",
         "overloaded: " + std::to_string(settings_.max_pending_reads) +
             " reads are waiting for the engine; try again shortly");
    return;
  }
  ++pending_reads_;
  auto counter = pending_reads_counter_;
  auto answer = std::make_shared<Responder>(std::move(respond));
  boost::asio::io_context* io = &io_;
  const bool queued = deps_.engines->submit(
      [job = std::move(job), answer, counter, io](const runtime::EngineReader& reader) {
        --*counter;
        Render render = job(reader);
        // Rendering (JSON/XML text) happens on the io_context, not on the processing thread.
        boost::asio::post(*io, [render = std::move(render), answer] { (*answer)(render()); });
      });
  if (!queued) {
    --pending_reads_;
    const Response r =
        open311 ? open311_error(Status::service_unavailable, "the engine has stopped", format)
                : api_error(Status::service_unavailable, "stopped", "the engine has stopped");
    (*answer)(r);
  }
}

}  // namespace caseflow::http
