// caseflow's HTTP API as a plain request handler (the server in server.h calls it): health,
// metrics, Open311 GeoReport v2 and the admin API under /api/v1. Paths and answers are described
// in docs/openapi.yaml and, for people, in docs/http.md.
//
// Reads of engine state run as jobs on the processing thread (runtime::EngineAccess) and are
// rendered back on the io_context; accepted events are answered only once the broker has
// acknowledged them (EventSink).
//
// Thread rules: handle() runs on the io_context's thread; the object must outlive the server and
// every job it submitted (stop the processing loop, which runs queued jobs, before destroying it).
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "connectors/http/case_ids.h"
#include "connectors/http/errors.h"
#include "connectors/http/event_sink.h"
#include "connectors/http/form.h"
#include "connectors/http/message.h"
#include "connectors/http/reload.h"
#include "connectors/runtime/engine_access.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::http {

struct ApiSettings {
  // Open311 api_key values accepted on POST /open311/v2/requests; empty = no key needed, which
  // the app allows on a loopback listener only (check_listener_security, listener_policy.h).
  std::vector<std::string> api_keys;
  // The Bearer token of every POST under /api/v1; empty = those paths answer 403.
  std::string admin_token;
  // Stable id of this instance: the first part of the case ids it makes (case_ids.h).
  std::string instance_id = "1";
  std::string event_source = "/open311";  // CloudEvents `source` of Open311 reports
  size_t max_pending_reads = 1'000;       // engine reads queued at once before 503
  size_t max_list = 1'000;                // most requests/cases one GET lists
};

struct ApiDependencies {
  runtime::EngineAccess* engines = nullptr;       // reads; null = 503
  std::function<runtime::Readiness()> readiness;  // GET /readyz; empty = always ready
  std::function<std::string()> metrics;           // GET /metrics body (Prometheus text)
  Reloader* reloader = nullptr;                   // definitions in force, validate, reload
  EventSink* events = nullptr;                    // where accepted events go; null = 503
  std::function<Instant()> clock;                 // wall clock; empty = system clock
};

class Api {
 public:
  Api(boost::asio::io_context& io, ApiSettings settings, ApiDependencies deps);

  void handle(Request&& request, Responder respond);
  // handle() as the server's Handler (this object must outlive the server).
  Handler handler() {
    return [this](Request&& r, Responder s) { handle(std::move(r), std::move(s)); };
  }

  size_t pending_reads() const { return pending_reads_; }

 private:
  using Render = std::function<Response()>;
  using ReadJob = std::function<Render(const runtime::EngineReader&)>;

  Instant now() const;
  // Runs `job` on the processing thread, then its Render on the io_context, and responds.
  // `open311`: errors in the GeoReport form.
  void read_engines(Responder respond, ReadJob job, bool open311, Format format);
  // nullopt when ready; otherwise the 503 to send.
  std::optional<std::string> not_ready() const;

  // api.cpp
  void health(const Target& t, Responder& respond);
  bool authorized(const Request& request, Responder& respond) const;

  // open311.cpp
  void open311(Request&& request, const Target& target, Responder respond);
  void open311_services(Format format, Responder respond);
  void open311_service(const std::string& code, Format format, Responder respond);
  void open311_post(const Request& request, Format format, Responder respond);
  void open311_requests(const Target& target, Format format, Responder respond);
  void open311_request(const std::string& id, Format format, Responder respond);

  // admin.cpp
  void admin(Request&& request, const Target& target, Responder respond);
  void admin_case(const std::string& id, Responder respond);
  void admin_cases(const Target& target, Responder respond);
  void admin_post_event(const std::string& id, const Request& request, Responder respond);
  void admin_workflows(Responder respond);
  void admin_validate(const Request& request, Responder respond);
  void admin_reload(Responder respond);

  boost::asio::io_context& io_;
  const ApiSettings settings_;
  const ApiDependencies deps_;
  CaseIdGenerator ids_;  // used on the io_context thread only
  std::shared_ptr<std::atomic<size_t>> pending_reads_counter_ =
      std::make_shared<std::atomic<size_t>>(0);
  std::atomic<size_t>& pending_reads_ = *pending_reads_counter_;
};

}  // namespace caseflow::http
