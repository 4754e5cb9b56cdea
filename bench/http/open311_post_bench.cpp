// Open311 POST /requests.json on loopback with keep-alive: how many reports per second the HTTP
// surface accepts, each answered only after its caseflow.case.reported event is acknowledged by
// the (embedded) broker, and the latency clients see. The full engine runs beside it (the
// processing loop consumes and applies every report), as in `caseflow run`.
// Beside it, the HTTP floor (ok_server.h): a Beast server that only answers 200 with the body
// caseflow answered, on the same client, connections and request bytes.
//
// A plain main: reports figures, never passes or fails (exit 0).
//   open311_post_bench [CONNECTIONS=128] [SECONDS]
// SECONDS (default CASEFLOW_BENCH_SECONDS, else 5) of measured time per side, cut into 5 runs
// that alternate caseflow, floor, caseflow, ...; each run opens its connections, warms up for
// 1 s, then measures. Figures: requests/s accepted (200) and the p50 / p99 latency of each run
// as median and min..max over the runs; ratio = caseflow rate / floor rate of the same pair.
#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/common/measure.h"
#include "bench/http/ok_server.h"
#include "tests/integration/http/http_fixture.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr const char* kTarget = "/open311/v2/requests.json";
constexpr const char* kFormType = "application/x-www-form-urlencoded";

// The report a connection sends, every time (the same bytes to caseflow and to the floor).
std::string report_form(int index) {
  const char* grids[] = {"G01", "G02", "G03", "G04"};
  return "api_key=k1&service_code=parking.illegal&attribute[grid_id]=" +
         std::string(grids[index % 4]) +
         "&description=A+car+has+been+parked+across+the+pavement+since+the+morning+and+"
         "people+with+prams+have+to+walk+on+the+road&address_string=East+Square+3";
}

struct Stats {
  std::vector<double> latencies_ms;  // of requests answered 200 inside the measured window
  uint64_t ok = 0, refused = 0, failed = 0;
};

// One keep-alive connection sending reports back to back.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& io, uint16_t port, Stats& stats, Clock::time_point measure_from,
             Clock::time_point stop_at, int index)
      : stream_(io), port_(port), stats_(stats), from_(measure_from), stop_(stop_at) {
    request_ = {bhttp::verb::post, kTarget, 11};
    request_.set(bhttp::field::host, "127.0.0.1");
    request_.set(bhttp::field::content_type, kFormType);
    request_.body() = report_form(index);
    request_.prepare_payload();
  }

  void start() {
    stream_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
                          [self = shared_from_this()](beast::error_code ec) {
                            if (ec) {
                              ++self->stats_.failed;
                              return;
                            }
                            self->send();
                          });
  }

 private:
  void send() {
    if (Clock::now() >= stop_) return;
    sent_at_ = Clock::now();
    bhttp::async_write(stream_, request_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec) {
                           ++self->stats_.failed;
                           return;
                         }
                         self->receive();
                       });
  }
  void receive() {
    response_ = {};
    bhttp::async_read(stream_, buffer_, response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) {
                          ++self->stats_.failed;
                          return;
                        }
                        self->done();
                      });
  }
  void done() {
    const auto now = Clock::now();
    if (now >= from_ && now < stop_) {
      if (response_.result_int() == 200) {
        ++stats_.ok;
        stats_.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(now - sent_at_).count());
      } else {
        ++stats_.refused;
      }
    }
    send();
  }

  beast::tcp_stream stream_;
  uint16_t port_;
  Stats& stats_;
  Clock::time_point from_, stop_, sent_at_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
  beast::flat_buffer buffer_;
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

// One run against the server on `port`: `connections` open, 1 s of warm-up, `seconds` measured.
// `cpu` is charged with the process's CPU inside the measured window only.
Stats run_once(uint16_t port, int connections, double seconds, caseflow::bench::Stopwatch& cpu) {
  asio::io_context io;
  Stats stats;
  const auto measure_from = Clock::now() + std::chrono::seconds(1);  // batches, connections
  const auto stop_at = measure_from + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(seconds));
  asio::steady_timer from(io, measure_from), to(io, stop_at);
  from.async_wait([&](beast::error_code) { cpu.start(); });
  to.async_wait([&](beast::error_code) { cpu.stop(); });
  for (int i = 0; i < connections; ++i)
    std::make_shared<Connection>(io, port, stats, measure_from, stop_at, i)->start();
  io.run();  // returns when every connection has stopped sending
  return stats;
}

// Per side: the runs' rates and latencies.
struct SideFigures {
  std::vector<caseflow::bench::Run> runs;
  std::vector<double> p50, p99, cpu_per_request_us;
  uint64_t refused = 0, failed = 0;

  void add(uint16_t port, int connections, double seconds) {
    // Process CPU in the measured window: client, server and, for caseflow, the processing loop
    // and the embedded broker.
    caseflow::bench::Stopwatch cpu(caseflow::bench::CpuScope::process);
    Stats s = run_once(port, connections, seconds, cpu);
    runs.push_back({static_cast<double>(s.ok), seconds, cpu.cpu_seconds()});
    cpu_per_request_us.push_back(s.ok > 0 ? cpu.cpu_seconds() * 1e6 / static_cast<double>(s.ok)
                                          : 0);
    p50.push_back(percentile(s.latencies_ms, 0.50));
    p99.push_back(percentile(s.latencies_ms, 0.99));
    refused += s.refused;
    failed += s.failed;
  }
  void print(const char* label) const {
    using namespace caseflow::bench;
    std::vector<double> rates;
    for (const auto& r : runs) rates.push_back(r.rate());
    std::printf("%s  (refused, non-200: %llu; connection errors: %llu)\n", label,
                static_cast<unsigned long long>(refused), static_cast<unsigned long long>(failed));
    print_spread("    requests/s    ", rates, "req/s");
    print_spread("    latency p50   ", p50, "ms");
    print_spread("    latency p99   ", p99, "ms");
    print_spread("    process cpu   ", cpu_per_request_us, "us per accepted request");
  }
};

}  // namespace

int main(int argc, char** argv) {
  using namespace caseflow::bench;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they come, also in a pipe
  const int connections = argc > 1 ? std::atoi(argv[1]) : 128;
  const double seconds = argc > 2 ? std::atof(argv[2]) : bench_seconds();
  const double window = seconds / kMinRepetitions;
  caseflow::testing::HttpFixtureOptions options = caseflow::testing::test_options();
  options.commit_interval_ms = 100;
  options.server.max_connections = 100'000;
  caseflow::testing::HttpFixture fixture(options);

  // The floor answers what caseflow answers to the same report, byte for byte.
  const auto sample =
      fixture.request(bhttp::verb::post, kTarget, report_form(0), {{"content-type", kFormType}});
  OkServer floor(sample.content_type, sample.body);

  SideFigures engine, ok;
  for (int i = 0; i < kMinRepetitions; ++i) {
    engine.add(fixture.port(), connections, window);
    ok.add(floor.port(), connections, window);
  }
  std::printf(
      "open311 POST requests.json, %d keep-alive connections, %d runs of %.1f s measured per side "
      "(the sample report answered %d, %zu bytes)\n",
      connections, kMinRepetitions, window, sample.status, sample.body.size());
  engine.print("caseflow (200 = durably produced)");
  ok.print("HTTP floor (Beast, answers 200 only)");
  std::vector<double> ratios;
  for (size_t i = 0; i < engine.runs.size(); ++i)
    if (ok.runs[i].rate() > 0) ratios.push_back(engine.runs[i].rate() / ok.runs[i].rate());
  print_spread("caseflow / floor, requests/s", ratios, "");
  return 0;
}
