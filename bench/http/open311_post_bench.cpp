// Open311 POST /requests.json on loopback with keep-alive: how many reports per second the HTTP
// surface accepts, each answered only after its caseflow.case.reported event is acknowledged by
// the (embedded) broker, and the latency clients see. The full engine runs beside it (the
// processing loop consumes and applies every report), as in `caseflow run`.
//
// A plain main: reports figures, never passes or fails.
//   open311_post_bench [connections=128] [seconds=10]
#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
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

#include "tests/integration/http/http_fixture.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

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
    request_ = {bhttp::verb::post, "/open311/v2/requests.json", 11};
    request_.set(bhttp::field::host, "127.0.0.1");
    request_.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
    const char* grids[] = {"G01", "G02", "G03", "G04"};
    request_.body() =
        "api_key=k1&service_code=parking.illegal&attribute[grid_id]=" +
        std::string(grids[index % 4]) +
        "&description=A+car+has+been+parked+across+the+pavement+since+the+morning+and+"
        "people+with+prams+have+to+walk+on+the+road&address_string=East+Square+3";
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

}  // namespace

int main(int argc, char** argv) {
  const int connections = argc > 1 ? std::atoi(argv[1]) : 128;
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
  caseflow::testing::HttpFixtureOptions options = caseflow::testing::test_options();
  options.commit_interval_ms = 100;
  options.server.max_connections = 100'000;
  caseflow::testing::HttpFixture fixture(options);

  asio::io_context io;
  Stats stats;
  const auto start = Clock::now();
  const auto measure_from = start + std::chrono::seconds(2);  // warm-up: batches, connections
  const auto stop_at = measure_from + std::chrono::seconds(seconds);
  for (int i = 0; i < connections; ++i) {
    std::make_shared<Connection>(io, fixture.port(), stats, measure_from, stop_at, i)->start();
  }
  io.run();  // returns when every connection has stopped sending

  auto& l = stats.latencies_ms;
  const double rate = static_cast<double>(stats.ok) / seconds;
  const double p50 = percentile(l, 0.50), p99 = percentile(l, 0.99), p999 = percentile(l, 0.999);
  const double max = l.empty() ? 0 : *std::max_element(l.begin(), l.end());
  std::printf(
      "open311 POST requests.json, %d keep-alive connections, %d s measured\n"
      "  accepted (200, durably produced): %llu  = %.0f req/s\n"
      "  refused (non-200): %llu   connection errors: %llu\n"
      "  latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n",
      connections, seconds, static_cast<unsigned long long>(stats.ok), rate,
      static_cast<unsigned long long>(stats.refused), static_cast<unsigned long long>(stats.failed),
      p50, p99, p999, max);
  return 0;
}
