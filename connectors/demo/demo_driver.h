// The demo: realistic complaints into caseflow.events and simulated units answering from their
// stage topics — some sign and resolve on time, some return a case, some ignore it so warnings,
// escalations and supervision (督办) show within a minute or two (with the short clocks of
// demo/workflows). It prints where to look: /metrics, a case URL, a kcat command.
//
// Runs on the app's asio::io_context with steady timers: no threads of its own (librdkafka keeps
// its internal ones). start() and stop() are called where the io_context is not running yet or on
// its thread; every callback runs on the io_context's thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/result.h"

namespace caseflow::privacy {
class PhoneVault;
}

namespace caseflow::demo {

struct DemoOptions {
  // Passed to librdkafka unchanged (kafka.properties: SASL, TLS), beside the bootstrap address
  // start() is given.
  std::map<std::string, std::string> kafka;
  std::string topic_prefix = "caseflow";
  // Stage topics the simulated units read ("" = <prefix>.stage.grid/community/street).
  std::vector<std::string> unit_topics;
  // Where the banner points users (the engine's HTTP listen address).
  std::string http_base = "http://127.0.0.1:8080";
  // Grid ids of the city the reports come from (demo/city.geojson by default).
  std::vector<std::string> grids = {"G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08"};
  std::chrono::milliseconds report_every{4000};
  // > 1 shortens the demo's own delays (units answering, residents rating), e.g. for tests that
  // run the engine on a clock as many times faster.
  double time_scale = 1.0;
  uint32_t seed = 20261126;
  // Seals the simulated residents' phones before they go to Kafka, as caseflow's own intake
  // does; null = they go masked. Must outlive the driver.
  const privacy::PhoneVault* phone_vault = nullptr;
  size_t max_reports = 0;       // 0 = until stop()
  std::ostream* out = nullptr;  // the banner and one line per action; nullptr = std::cout
};

// What the demo did so far.
struct DemoStats {
  uint64_t reported = 0;
  uint64_t dispatches_seen = 0;
  uint64_t signed_ = 0;
  uint64_t resolved = 0;
  uint64_t returned = 0;
  uint64_t ignored = 0;  // dispatches the simulated unit chose not to answer
  uint64_t rated = 0;
  uint64_t produce_errors = 0;
};

// The properties of the demo's two clients (the reporting producer, the units' consumer):
// options.kafka with `bootstrap` and each client's own settings.
std::map<std::string, std::string> demo_producer_properties(const std::string& bootstrap,
                                                            const DemoOptions& options);
std::map<std::string, std::string> demo_consumer_properties(const std::string& bootstrap,
                                                            const DemoOptions& options);

class DemoDriver {
 public:
  // Connects to `bootstrap` (a producer, and a consumer reading the unit topics from their end),
  // prints the banner and starts the timers on `io`. Errors: "kafka" when a client cannot be made
  // or the unit topics cannot be listed. `io` must outlive the driver.
  static Result<std::unique_ptr<DemoDriver>> start(boost::asio::io_context& io,
                                                   const std::string& bootstrap,
                                                   DemoOptions options);
  ~DemoDriver();
  DemoDriver(const DemoDriver&) = delete;
  DemoDriver& operator=(const DemoDriver&) = delete;

  // Cancels the timers and flushes what was produced (up to 5 s). Idempotent.
  void stop();

  DemoStats stats() const;
  // The id of the first case the demo reports (the banner's case URL).
  std::string first_case_id() const;

  struct Impl;

 private:
  explicit DemoDriver(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace caseflow::demo
