// The console's backend under a city's load, for the console benchmark (README.md here): the
// repository's workflows, calendars and unit directory with the 16,271-grid sample city, one
// engine holding 100,000 open cases (open_case_load.h), and the real HTTP API with the console's
// files on the real server, with two static tokens: a viewer's and the inbox grid's unit's.
//
//   console_load_server --source REPO --city GRIDS.geojson [--listen 127.0.0.1:0]
//       [--cases 100000] [--inbox-grid G00001] [--inbox-cases 500]
//       [--viewer-token bench-viewer] [--unit-token bench-unit]
//
// Prints what it loaded on standard error, then one line "ready http://127.0.0.1:PORT" on
// standard output once it listens, then a line on standard error for each request it answers
// (timed_handler.h); SIGINT, SIGTERM or SIGHUP stops it (exit 0). Threads: main's (loads,
// then waits for the signal) and the I/O thread it owns, which runs the server and every read.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "app/signals.h"
#include "bench/console/loaded_engine_access.h"
#include "bench/console/open_case_load.h"
#include "bench/console/timed_handler.h"
#include "connectors/http/api.h"
#include "connectors/http/auth/authenticator.h"
#include "connectors/http/auth/static_tokens.h"
#include "connectors/http/reload.h"
#include "connectors/http/server.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/processing_loop.h"
#include "console/console_files.h"

namespace {

using namespace caseflow;
namespace fs = std::filesystem;

struct Options {
  fs::path source;  // the repository: workflows/, config/calendars, config/units.yaml
  fs::path city;    // the sample city's grids.geojson (target caseflow_city)
  std::string listen = "127.0.0.1:0";
  bench::OpenCaseLoad load;
  std::string viewer_token = "bench-viewer";
  std::string unit_token = "bench-unit";
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "console_load_server: " << problem << "\n"
            << "usage: console_load_server --source REPO --city GRIDS.geojson [--listen "
               "127.0.0.1:0] [--cases N] [--inbox-grid G] [--inbox-cases N] [--viewer-token T] "
               "[--unit-token T]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  std::map<std::string, std::string> given;
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (!key.starts_with("--") || i + 1 >= argc) usage("bad argument " + key);
    given[key.substr(2)] = argv[i + 1];
  }
  auto take = [&](const char* key, auto& into, auto convert) {
    if (auto it = given.find(key); it != given.end()) {
      into = convert(it->second);
      given.erase(it);
    }
  };
  const auto text = [](const std::string& s) { return s; };
  const auto count = [](const std::string& s) { return static_cast<size_t>(std::stoull(s)); };
  take("source", o.source, [](const std::string& s) { return fs::path(s); });
  take("city", o.city, [](const std::string& s) { return fs::path(s); });
  take("listen", o.listen, text);
  take("cases", o.load.cases, count);
  take("inbox-grid", o.load.inbox_grid, text);
  take("inbox-cases", o.load.inbox_cases, count);
  take("viewer-token", o.viewer_token, text);
  take("unit-token", o.unit_token, text);
  if (!given.empty()) usage("unknown option --" + given.begin()->first);
  if (o.source.empty() || o.city.empty()) usage("--source and --city are required");
  if (o.load.inbox_cases > o.load.cases) usage("--inbox-cases is more than --cases");
  return o;
}

// What `caseflow run` loads with config/caseflow.yaml, with the city at `options.city`.
runtime::EngineSetupOptions setup_options(const Options& options) {
  runtime::EngineSetupOptions o;
  o.workflows = {options.source / "workflows"};
  o.calendars = {options.source / "config" / "calendars"};
  o.units = options.source / "config" / "units.yaml";
  o.boundaries = options.city;
  o.dispatcher_queue = core::QueueClockPolicy{Span{Span::Unit::hours, 2}, 75};  // its default
  return o;
}

std::shared_ptr<const http::auth::Authenticator> authenticator(const Options& options,
                                                               const std::string& inbox_unit) {
  namespace auth = http::auth;
  auto tokens = auth::StaticTokens::create({
      {"viewer", auth::sha256_hex(options.viewer_token), {auth::Role::viewer, "", "viewer"}},
      {"inbox unit",
       auth::sha256_hex(options.unit_token),
       {auth::Role::unit, inbox_unit, "inbox unit"}},
  });
  if (!tokens) throw std::runtime_error(tokens.error().message);
  return std::make_shared<const auth::Authenticator>(std::move(*tokens), auth::JwtVerifier());
}

Instant wall_clock() {
  return Instant::from_unix_millis(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
}

int serve(const Options& options, const sigset_t& signals) {
  Diagnostics problems;
  const runtime::EngineSetupOptions setup_opts = setup_options(options);
  auto loaded = runtime::load_engine_setup(setup_opts, problems);
  for (const auto& p : problems) std::cerr << p.to_string() << "\n";
  if (!loaded) return 1;
  const std::shared_ptr<const runtime::EngineSetup> setup = *loaded;
  const auto city = std::dynamic_pointer_cast<const geo::CityDirectory>(setup->directory);
  if (!city) {
    std::cerr << "console_load_server: no city directory was loaded from " << options.city << "\n";
    return 1;
  }

  std::unique_ptr<core::Engine> engine = setup->make_engine();
  const bench::LoadedFigures figures =
      bench::load_open_cases(*engine, *city, options.load, wall_clock());
  std::fprintf(stderr,
               "console_load_server: %zu reports applied (%zu refused), %zu clock deadlines fired "
               "in %.1f s; %zu open cases; %s (grid %s) holds the inbox\n",
               figures.applied, figures.rejected, figures.fired, figures.seconds,
               engine->open_case_count(), figures.inbox_unit.c_str(),
               options.load.inbox_grid.c_str());

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  bench::LoadedEngineAccess engines(*engine);
  // The API reads the definitions in force (the city's outlines, its streets) from a Reloader.
  // Its processing loop never runs: closed at once (a processor that cannot be made), so a
  // reload, which only an admin may ask for and neither token here is, answers that the
  // processing loop has stopped instead of waiting for it.
  runtime::ProcessingLoop never_run;
  (void)never_run.run([]() -> Result<std::unique_ptr<runtime::StreamProcessor>> {
    return Error{"not_running", "the console benchmark's engine is loaded, not processed"};
  });
  http::Reloader definitions(setup_opts, setup, never_run);
  http::ApiSettings settings;
  settings.authenticator = authenticator(options, figures.inbox_unit);
  settings.instance_id = "bench";
  http::ApiDependencies deps;
  deps.engines = &engines;
  deps.reloader = &definitions;
  deps.console = console::files();
  http::Api api(io, settings, deps);
  http::ServerOptions server_options;
  server_options.listen = options.listen;
  auto server = http::HttpServer::create(io, server_options, bench::timed(api.handler()));
  if (!server) {
    std::cerr << "console_load_server: " << server.error().message << "\n";
    return 1;
  }
  (*server)->start();
  std::ostringstream base;
  base << "http://" << (*server)->endpoint();

  std::thread io_thread([&io] { io.run(); });
  std::cout << "ready " << base.str() << std::endl;

  app::wait_for_signal(signals);

  // The server stops on the I/O thread (no new requests, open connections closed), then that
  // thread is stopped and joined; the engine and the API outlive it.
  std::promise<void> stopped;
  boost::asio::post(io, [&] {
    (*server)->stop();
    stopped.set_value();
  });
  stopped.get_future().wait();
  work.reset();
  io.stop();
  io_thread.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // SIGINT, SIGTERM and SIGHUP are taken by main's sigwait, as in `caseflow run`: blocked before
  // any thread starts, so every thread inherits the mask and none is interrupted by them.
  const sigset_t signals = app::block_process_signals();
  try {
    return serve(parse_options(argc, argv), signals);
  } catch (const std::exception& e) {
    std::cerr << "console_load_server: " << e.what() << "\n";
    return 1;
  }
}
