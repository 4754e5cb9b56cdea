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
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/http/archive_reader.h"
#include "connectors/http/auth/authenticator.h"
#include "connectors/http/auth/failure_throttle.h"
#include "connectors/http/case_ids.h"
#include "connectors/http/case_read_router.h"
#include "connectors/http/case_render.h"
#include "connectors/http/errors.h"
#include "connectors/http/event_sink.h"
#include "connectors/http/form.h"
#include "connectors/http/message.h"
#include "connectors/http/reload.h"
#include "connectors/http/static_files.h"
#include "connectors/runtime/engine_access.h"
#include "connectors/runtime/stream_processor.h"
#include "engine/assessment/assessment.h"
#include "engine/assessment/stars.h"

namespace caseflow::geo {
class CityDirectory;
}

namespace caseflow::http {

struct AuditQuery;               // audit.h
enum class ArchiveSource : int;  // audit.h

// What GET /api/v1/assessment assesses with: what `caseflow report assessment` reads from the
// config (app/assessment_settings.h), so both answer the same figures.
struct AssessmentSettings {
  // The city's time zone: a period is a month from one local midnight to the next month's.
  // Empty = the path answers 503 assessment_unavailable, saying `unavailable`.
  std::string time_zone;
  std::string unavailable = "no time zone is configured for the assessment";
  assessment::Weights weights;
  // by=property: the star rating's rules and the folder of the monthly survey files
  // (<YYYY-MM>.csv; empty = no survey), config `assessment.stars`.
  assessment::StarRules stars;
  std::filesystem::path survey_dir;
};

struct ApiSettings {
  // Open311 api_key values accepted on POST /open311/v2/requests; empty = no key needed, which
  // the app allows on a loopback listener only (check_listener_security, listener_policy.h).
  std::vector<std::string> api_keys;
  // Who may call /api/v1 (every path there needs a credential: docs/security.md); null = no
  // credential is known and every such request answers 401.
  std::shared_ptr<const auth::Authenticator> authenticator;
  // Repeated wrong tokens and api_keys from one address lock it out: 429 with Retry-After
  // (docs/security.md, "Wrong credentials").
  auth::ThrottleOptions throttle;
  // Stable id of this instance: the first part of the case ids it makes (case_ids.h).
  std::string instance_id = "1";
  std::string event_source = "/open311";  // CloudEvents `source` of Open311 reports
  size_t max_pending_reads = 1'000;       // engine reads queued at once before 503
  size_t max_list = 1'000;                // most requests/cases one GET lists
  AssessmentSettings assessment;
};

struct ApiDependencies {
  runtime::EngineAccess* engines = nullptr;       // reads; null = 503
  std::function<runtime::Readiness()> readiness;  // GET /readyz; empty = always ready
  std::function<std::string()> metrics;           // GET /metrics body (Prometheus text)
  Reloader* reloader = nullptr;                   // definitions in force, validate, reload
  EventSink* events = nullptr;                    // where accepted events go; null = 503
  std::function<Instant()> clock;                 // wall clock; empty = system clock
  // Cases the engines here do not hold (archived, or held by another instance) are read from
  // it; null = no archive: those answer 404 as before.
  ArchiveReader* archive = nullptr;
  // Forwards a read of a case whose partition another instance owns to that instance
  // (case_read_router.h); null = such reads answer from here.
  CaseReadRouter* router = nullptr;
  // The console's files, served under /console/ (docs/console.md); empty = those paths are 404.
  std::span<const StaticFile> console;
  // Counts a refused request by reason (caseflow_http_denied_total); empty = not counted.
  std::function<void(std::string_view reason)> denied;
  // Seals the phone of an Open311 report before it goes to Kafka, and opens a case's phone for
  // GET /api/v1/cases/{id}/phone; null = no key: Open311 sends the phone masked, and that path
  // answers 404 no_phone.
  const privacy::PhoneVault* phone_vault = nullptr;
};

class Api {
 public:
  Api(boost::asio::io_context& io, ApiSettings settings, ApiDependencies deps);

  void handle(Request&& request, const ClientAddress& from, Responder respond);
  // A request from no particular address (the unspecified one), for callers without a socket.
  void handle(Request&& request, Responder respond) {
    handle(std::move(request), ClientAddress(), std::move(respond));
  }
  // handle() as the server's Handler (this object must outlive the server).
  Handler handler() {
    return [this](Request&& r, const ClientAddress& from, Responder s) {
      handle(std::move(r), from, std::move(s));
    };
  }

  size_t pending_reads() const { return pending_reads_; }

 private:
  using Render = std::function<Response()>;
  using ReadJob = std::function<Render(const runtime::EngineReader&)>;
  // What follows a read, on the io_context: answer, or read on (e.g. from the archive).
  using Next = std::function<void(Responder)>;
  using ReadThenJob = std::function<Next(const runtime::EngineReader&)>;
  using ArchiveJob = std::function<Result<Next>(archive::ArchiveStore&)>;
  using RenderCase = std::function<Response(const CaseInfo&)>;

  Instant now() const;
  // Runs `job` on the processing thread, then its Render on the io_context, and responds.
  // `open311`: errors in the GeoReport form.
  void read_engines(Responder respond, ReadJob job, bool open311, Format format);
  void read_engines_then(Responder respond, ReadThenJob job, bool open311, Format format);
  // Runs `job` on the archive reader's thread, then its Next on the io_context; a store error
  // answers 503 archive_unavailable.
  void read_archive(Responder respond, ArchiveJob job, bool open311, Format format);
  // A case no engine here holds: the archive's copy through `render` (with its history when
  // `with_history`), or 404. `elsewhere`: another instance owns the case's partition.
  // `owner_problem`: the owner was asked and did not answer (503 owner_unreachable when the
  // archive does not have the case either).
  void case_not_held(const std::string& id, bool elsewhere, bool open311, Format format,
                     bool with_history, RenderCase render, Responder respond,
                     std::optional<Error> owner_problem = std::nullopt);
  // A case whose partition another instance owns: forwarded to it through deps_.router, once
  // (`origin` is the request as it came); answered by case_not_held when it was forwarded here
  // already, or its owner is unknown or does not answer.
  void case_on_other_instance(std::shared_ptr<const Request> origin, const std::string& id,
                              bool open311, Format format, bool with_history, RenderCase render,
                              Responder respond);
  // The answer for a case whose partition another instance owns and that the archive does not
  // have (or no archive is configured).
  void case_elsewhere(const std::string& id, bool open311, Format format, Responder respond,
                      const std::optional<Error>& owner_problem = std::nullopt);
  // nullopt when ready; otherwise the 503 to send.
  std::optional<std::string> not_ready() const;

  // api.cpp
  void health(const Target& t, Responder& respond);

  // api_auth.cpp
  // The caller's principal; nullopt when refused (answered 401, or 429 while `from` is locked
  // out for wrong credentials, and counted). A token no key vouches for counts against `from`.
  std::optional<auth::Principal> authenticate(const Request& request, const ClientAddress& from,
                                              Responder& respond);
  // While `from` is locked out for wrong credentials: the 429 to send (counted as `throttled`).
  std::optional<Response> throttled(const ClientAddress& from, bool open311, Format format);
  // The answer to a refusal (401/403), counted, and logged with who was refused and why.
  Response deny(const auth::Refusal& refusal, const auth::Principal* who,
                std::string_view path) const;

  // open311.cpp
  void open311(Request&& request, const Target& target, const ClientAddress& from,
               Responder respond);
  void open311_services(Format format, Responder respond);
  void open311_service(const std::string& code, Format format, Responder respond);
  void open311_post(const Request& request, Format format, const ClientAddress& from,
                    Responder respond);
  void open311_requests(const Target& target, Format format, Responder respond);
  void open311_request(const Request& request, const std::string& id, Format format,
                       Responder respond);

  // admin.cpp
  void admin(Request&& request, const Target& target, const ClientAddress& from, Responder respond);
  void admin_case(const Request& request, const std::string& id, const auth::Principal& who,
                  Responder respond);
  void admin_cases(const Target& target, const auth::Principal& who, Responder respond);
  // admin_events.cpp
  void admin_post_event(const std::string& id, const Request& request, const auth::Principal& who,
                        Responder respond);
  // Sends an event the caller may post to Kafka, answering 202 once it is stored.
  void send_event(const std::string& id, std::string body, std::string event_id, std::string type,
                  Responder respond);
  void admin_workflows(Responder respond);
  // The dispatcher's queue (dispatcher_queue.h) and the unit directory (unit_search.h).
  void admin_queue(const Target& target, Responder respond);
  void admin_units(const Target& target, Responder respond);
  void admin_validate(const Request& request, Responder respond);
  void admin_reload(Responder respond);

  // phone_route.cpp
  void admin_case_phone(const Target& target, const std::string& id, const auth::Principal& who,
                        Responder respond);
  // Records the showing on Kafka, then answers the phone `sealed` holds.
  void reveal_phone(const std::string& id, const auth::Principal& who, std::string sealed,
                    Responder respond);

  // overview_route.cpp
  void admin_overview(const Target& target, const auth::Principal& who, Responder respond);
  void admin_city_grids(const Target& target, Responder respond);

  // assessment_route.cpp
  void admin_assessment(const Target& target, Responder respond);
  // audit_route.cpp
  void admin_audit(const Target& target, const auth::Principal& who, Responder respond);
  // The audit's answer: the engines' decisions and `archived` (the archive's, as `source` says).
  void audit_with_archived(std::shared_ptr<const AuditQuery> q, const auth::Principal& who,
                           std::vector<archive::DecisionRow> archived, ArchiveSource source,
                           Responder respond);

  boost::asio::io_context& io_;
  const ApiSettings settings_;
  const ApiDependencies deps_;
  CaseIdGenerator ids_;             // used on the io_context thread only
  auth::FailureThrottle throttle_;  // used on the io_context thread only
  // GET /api/v1/city/grids's answer and the city it was written for (io_context thread only).
  std::weak_ptr<const geo::CityDirectory> map_city_;
  std::shared_ptr<const std::string> map_json_;
  uint64_t reveals_ = 0;  // makes each phone_revealed event id unique (io_context thread only)
  std::shared_ptr<std::atomic<size_t>> pending_reads_counter_ =
      std::make_shared<std::atomic<size_t>>(0);
  std::atomic<size_t>& pending_reads_ = *pending_reads_counter_;
};

}  // namespace caseflow::http
