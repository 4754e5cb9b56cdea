// caseflow's HTTP surface in-process, as the app wires it: an embedded broker, the processing
// loop on a thread this fixture owns, and the HTTP server, Kafka event sink and reloader on an
// io_context thread it owns. Clients talk real HTTP over loopback.
//
// Definitions come from a temporary workflow folder (a copy of tests/data/runtime/workflows) the
// test may edit, plus the shipped calendars and the fixture city (tests/data/geo).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/http/verb.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "connectors/http/api.h"
#include "connectors/http/archive_reader.h"
#include "connectors/http/event_sink.h"
#include "connectors/http/reload.h"
#include "connectors/http/server.h"
#include "connectors/http/workflow_watcher.h"
#include "connectors/kafka/embedded_broker.h"
#include "connectors/metrics/metrics_registry.h"
#include "connectors/privacy/phone_vault.h"
#include "connectors/runtime/processing_loop.h"

namespace caseflow::testing {

struct HttpFixtureOptions {
  http::ApiSettings api;
  http::ServerOptions server;
  bool watch_workflows = false;  // reload on changes in the workflow folder
  int event_partitions = 3;
  int commit_interval_ms = 20;
  bool quiet_kafka_logs = true;
  // Opens a connection to the case archive for the API's reader; empty = no archive.
  http::ArchiveReader::StoreFactory archive;
  // The key (64 hex digits) that seals residents' phones, for the engine and the API; empty =
  // none (phones kept masked only).
  std::string phone_key_hex;
};

// An answer as a client sees it.
struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class HttpFixture {
 public:
  explicit HttpFixture(HttpFixtureOptions options = {});
  ~HttpFixture();

  // One request on a new connection. Throws if the connection fails.
  Reply request(boost::beast::http::verb method, const std::string& target,
                const std::string& body = "",
                const std::map<std::string, std::string>& headers = {});
  // request() from the local address `from` (any of 127.0.0.0/8 reaches the server), so the
  // server sees another client address.
  Reply request_from(const std::string& from, boost::beast::http::verb method,
                     const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  // A GET as a viewer (every case readable): the tests' everyday read. Reads that test access
  // rules present their own credential through request().
  Reply get(const std::string& target) {
    return request(boost::beast::http::verb::get, target, "", bearer(kViewerToken));
  }
  // A GET with no credential at all.
  Reply get_anonymous(const std::string& target) {
    return request(boost::beast::http::verb::get, target);
  }

  // The test credentials test_options() configures (static tokens; docs/security.md):
  static constexpr const char* kAdminToken = "s3cret";
  static constexpr const char* kViewerToken = "viewer-token";
  static constexpr const char* kDispatcherToken = "dispatcher-token";
  static constexpr const char* kRevisitToken = "revisit-token";
  // test_options()'s phone key.
  static constexpr const char* kPhoneKey =
      "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
  // "unit-token:" + unit id, for every unit of the fixture city (kTestUnits), and
  // "office-token:" + street:<id> or community:<id> for its offices.
  static std::string unit_token(const std::string& unit) { return "unit-token:" + unit; }
  static std::string office_token(const std::string& scope) { return "office-token:" + scope; }
  static std::map<std::string, std::string> bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  static std::map<std::string, std::string> as_unit(const std::string& unit) {
    return bearer(unit_token(unit));
  }

  // The registry behind GET /metrics (caseflow_http_denied_total among the rest; connections
  // refused over max_connections count there as `overloaded`).
  metrics::MetricsRegistry& metrics() { return *metrics_; }

  // Repeats `check` until it holds; false at the deadline (real time).
  static bool eventually(const std::function<bool()>& check, int timeout_ms = 30'000);

  uint16_t port() const { return port_; }
  const std::filesystem::path& workflow_dir() const { return workflow_dir_; }
  http::Reloader& reloader() { return *reloader_; }
  runtime::ProcessingLoop& loop() { return loop_; }
  boost::asio::io_context& io() { return io_; }
  const std::string& bootstrap() const { return broker_->bootstrap(); }

 private:
  HttpFixtureOptions options_;
  std::optional<privacy::PhoneVault> phone_vault_;
  std::filesystem::path workflow_dir_;
  std::unique_ptr<kafka::EmbeddedBroker> broker_;
  runtime::ProcessingLoop loop_;
  std::unique_ptr<runtime::RuntimeProbe> probe_;
  std::unique_ptr<metrics::MetricsRegistry> metrics_ = std::make_unique<metrics::MetricsRegistry>();
  std::thread processing_thread_;
  boost::asio::io_context io_;
  std::unique_ptr<http::Reloader> reloader_;
  std::unique_ptr<http::KafkaEventSink> sink_;
  std::unique_ptr<http::ArchiveReader> archive_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<http::WorkflowWatcher> watcher_;
  std::thread io_thread_;
  uint16_t port_ = 0;
};

// The default options of the tests: api key "k1", the test credentials of HttpFixture (admin
// token "s3cret", a viewer, the dispatcher, the revisit staff, every unit and office of the
// fixture city), assessment months in Asia/Shanghai, no wrong-credential throttle, and
// residents' phones sealed with kPhoneKey.
HttpFixtureOptions test_options();

// The static tokens of test_options(), to build other authenticators from.
std::vector<http::auth::StaticToken> test_tokens();

}  // namespace caseflow::testing
