#include "tests/integration/http/http_fixture.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <random>
#include <stdexcept>

#include "connectors/kafka/topics.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

std::filesystem::path source(const std::string& relative) {
  return std::filesystem::path(CASEFLOW_SOURCE_DIR) / relative;
}

runtime::EngineSetupOptions setup_options(const std::filesystem::path& workflows) {
  runtime::EngineSetupOptions o;
  o.workflows = {workflows};
  o.calendars = {source("config/calendars")};
  o.units = source("tests/data/geo/fixture_units.yaml");
  o.boundaries = source("tests/data/geo/fixture_city.geojson");
  return o;
}

Instant wall_clock() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Instant::from_unix_millis(ms.count());
}

}  // namespace

std::vector<http::auth::StaticToken> test_tokens() {
  using http::auth::Role;
  using http::auth::sha256_hex;
  std::vector<http::auth::StaticToken> tokens = {
      {"admin", sha256_hex(HttpFixture::kAdminToken), {Role::admin, "", "admin"}},
      {"viewer", sha256_hex(HttpFixture::kViewerToken), {Role::viewer, "", "viewer"}},
      {"dispatcher", sha256_hex(HttpFixture::kDispatcherToken), {Role::dispatcher, "", "desk"}},
      {"revisit", sha256_hex(HttpFixture::kRevisitToken), {Role::revisit, "", "revisit"}},
  };
  // The units of the fixture city (tests/data/geo) and the departments' units.
  std::vector<std::string> units = {"dispatcher", "department:transport", "power_company",
                                    "district:D1"};
  for (int i = 1; i <= 9; ++i) units.push_back("grid:G0" + std::to_string(i));
  for (int i = 1; i <= 4; ++i) {
    units.push_back("community:C" + std::to_string(i));
    units.push_back("street:S" + std::to_string(i));
  }
  for (const auto& unit : units) {
    tokens.push_back({unit, sha256_hex(HttpFixture::unit_token(unit)), {Role::unit, unit, unit}});
    if (unit.starts_with("community:") || unit.starts_with("street:")) {
      tokens.push_back({"office " + unit,
                        sha256_hex(HttpFixture::office_token(unit)),
                        {Role::office, unit, "office " + unit}});
    }
  }
  return tokens;
}

HttpFixtureOptions test_options() {
  HttpFixtureOptions o;
  o.api.api_keys = {"k1"};
  auto tokens = http::auth::StaticTokens::create(test_tokens());
  if (!tokens) throw std::runtime_error(tokens.error().message);
  o.api.authenticator = std::make_shared<const http::auth::Authenticator>(
      std::move(*tokens), http::auth::JwtVerifier());
  o.api.instance_id = "t1";
  o.api.assessment.time_zone = "Asia/Shanghai";  // as the shipped calendars name it
  o.server.listen = "127.0.0.1:0";
  // The access tests present a wrong token on every path from one address; the wrong-credential
  // throttle, which would lock it out after ten, is tested on its own (http_abuse_test).
  o.api.throttle.threshold = 0;
  o.phone_key_hex = HttpFixture::kPhoneKey;
  return o;
}

HttpFixture::HttpFixture(HttpFixtureOptions options)
    : options_(std::move(options)), probe_(std::make_unique<runtime::RuntimeProbe>()) {
  std::random_device random;
  workflow_dir_ = std::filesystem::temp_directory_path() /
                  ("caseflow-http-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(workflow_dir_);
  std::filesystem::copy(source("tests/data/runtime/workflows"), workflow_dir_);
  if (!options_.phone_key_hex.empty()) {
    auto vault = privacy::PhoneVault::from_hex(options_.phone_key_hex);
    if (!vault) throw std::runtime_error(vault.error().message);
    phone_vault_ = std::move(*vault);
  }

  Diagnostics problems;
  auto loaded = runtime::load_engine_setup(setup_options(workflow_dir_), problems);
  if (!loaded) throw std::runtime_error("engine setup failed:\n" + to_lines(problems));
  std::shared_ptr<const runtime::EngineSetup> setup = *loaded;

  auto broker = kafka::EmbeddedBroker::start(1);
  if (!broker) throw std::runtime_error(broker.error().message);
  broker_ = std::move(*broker);
  kafka::TopicLayout layout;
  layout.event_partitions = options_.event_partitions;
  layout.output_partitions = 2;
  auto created = broker_->create_topics(
      kafka::required_topics(kafka::TopicNames(), layout, setup->workflow_topics()));
  if (!created) throw std::runtime_error(created.error().message);

  reloader_ = std::make_unique<http::Reloader>(setup_options(workflow_dir_), setup, loop_);

  // The processing thread, as the app runs it.
  const std::string bootstrap = broker_->bootstrap();
  processing_thread_ = std::thread([this, bootstrap, interval = options_.commit_interval_ms] {
    auto result = loop_.run([&]() -> Result<std::unique_ptr<runtime::StreamProcessor>> {
      runtime::ProcessorOptions o;
      o.input_time_from_log = false;  // inputs at the virtual clock
      o.kafka = {{"bootstrap.servers", bootstrap}, {"session.timeout.ms", "6000"}};
      o.group_id = "caseflow-http-test";
      o.commit_interval_ms = interval;
      o.phone_vault = phone_vault_ ? &*phone_vault_ : nullptr;
      return runtime::StreamProcessor::create(
          o, [this] { return reloader_->current()->make_engine(); }, wall_clock, *probe_);
    });
    (void)result;
  });

  // The io_context side: event sink, API, server (and the watcher).
  http::KafkaSinkOptions sink_options;
  sink_options.kafka = {{"bootstrap.servers", bootstrap}};
  auto sink = http::KafkaEventSink::create(io_, sink_options);
  if (!sink) throw std::runtime_error(sink.error().message);
  sink_ = std::move(*sink);
  http::ApiDependencies deps;
  deps.engines = &loop_;
  deps.readiness = [this] { return loop_.readiness(); };
  deps.metrics = metrics_->text_function();
  deps.denied = [this](std::string_view reason) { metrics_->record_http_denied(reason); };
  deps.reloader = reloader_.get();
  deps.events = sink_.get();
  deps.phone_vault = phone_vault_ ? &*phone_vault_ : nullptr;
  if (options_.archive) {
    archive_ = std::make_unique<http::ArchiveReader>(options_.archive);
    deps.archive = archive_.get();
  }
  api_ = std::make_unique<http::Api>(io_, options_.api, deps);
  http::ServerOptions server_options = options_.server;
  if (!server_options.on_refused_connection) {
    server_options.on_refused_connection = [this] {
      metrics_->record_http_denied(http::auth::denied_reason(http::auth::Denied::overloaded));
    };
  }
  auto server = http::HttpServer::create(io_, server_options, api_->handler());
  if (!server) throw std::runtime_error(server.error().message);
  server_ = std::move(*server);
  port_ = server_->endpoint().port();
  server_->start();
  if (options_.watch_workflows) {
    auto watcher = http::WorkflowWatcher::create(
        io_, {workflow_dir_}, [this] { reloader_->reload_async([](http::ReloadOutcome) {}); },
        std::chrono::milliseconds(100));
    if (!watcher) throw std::runtime_error(watcher.error().message);
    watcher_ = std::move(*watcher);
  }
  io_thread_ = std::thread([this] {
    auto work = asio::make_work_guard(io_);
    io_.run();
  });

  if (!eventually([this] { return loop_.readiness().ready; }, 60'000)) {
    throw std::runtime_error("the engine never became ready");
  }
}

HttpFixture::~HttpFixture() {
  // The processing loop first: it answers the jobs still queued, whose answers go to the io.
  loop_.stop();
  if (processing_thread_.joinable()) processing_thread_.join();
  std::promise<void> closed;
  asio::post(io_, [&] {
    watcher_.reset();
    server_->stop();
    sink_->close(2'000);
    closed.set_value();
  });
  closed.get_future().wait();
  io_.stop();
  if (io_thread_.joinable()) io_thread_.join();
  server_.reset();
  archive_.reset();  // its last answers go to the stopped io_context
  api_.reset();
  sink_.reset();
  reloader_.reset();
  broker_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(workflow_dir_, ignored);
}

Reply HttpFixture::request(bhttp::verb method, const std::string& target, const std::string& body,
                           const std::map<std::string, std::string>& headers) {
  return request_from("", method, target, body, headers);
}

Reply HttpFixture::request_from(const std::string& from, bhttp::verb method,
                                const std::string& target, const std::string& body,
                                const std::map<std::string, std::string>& headers) {
  asio::io_context io;
  tcp::socket socket(io);
  if (!from.empty()) {
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(asio::ip::make_address(from), 0));
  }
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == bhttp::verb::post) req.prepare_payload();
  bhttp::write(socket, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(socket, buffer, parser);
  const auto& res = parser.get();
  Reply reply;
  reply.status = res.result_int();
  reply.body = res.body();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  reply.content_type = reply.headers["content-type"];
  beast::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  return reply;
}

bool HttpFixture::eventually(const std::function<bool()>& check, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::yield();
  }
  return check();
}

}  // namespace caseflow::testing
