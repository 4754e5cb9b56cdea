// The HTTP server under abuse, over real loopback sockets: hundreds of clients dribbling a
// request's headers a byte at a time (slowloris) neither starve a normal client nor hold their
// connections past the request deadline; thousands of connection attempts over the connection
// limit are each refused with a 503 JSON error, the limit is never exceeded, and the server
// answers throughout.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "connectors/http/api.h"
#include "connectors/http/auth/refusal.h"
#include "connectors/http/server.h"
#include "connectors/metrics/metrics_registry.h"

namespace caseflow::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The app's API (health and metrics need no engine) behind an HttpServer, on an io_context
// thread this object owns; refused connections are counted as the app counts them.
class ServerUnderTest {
 public:
  // `wrap`, when given, stands between the server and the API (to break a handler on purpose).
  explicit ServerUnderTest(http::ServerOptions options,
                           std::function<http::Handler(http::Handler)> wrap = {}) {
    http::ApiDependencies deps;
    deps.metrics = metrics_.text_function();
    api_ = std::make_unique<http::Api>(io_, http::ApiSettings{}, deps);
    options.listen = "127.0.0.1:0";
    options.on_refused_connection = [this] {
      metrics_.record_http_denied(http::auth::denied_reason(http::auth::Denied::overloaded));
    };
    auto server =
        http::HttpServer::create(io_, options, wrap ? wrap(api_->handler()) : api_->handler());
    if (!server) throw std::runtime_error(server.error().message);
    server_ = std::move(*server);
    server_->start();
    thread_ = std::thread([this] {
      auto work = asio::make_work_guard(io_);
      io_.run();
    });
  }
  ~ServerUnderTest() {
    std::promise<void> stopped;
    asio::post(io_, [&] {
      server_->stop();
      stopped.set_value();
    });
    stopped.get_future().wait();
    io_.stop();
    thread_.join();
  }

  tcp::endpoint endpoint() const {
    return {asio::ip::make_address("127.0.0.1"), server_->endpoint().port()};
  }
  size_t open_connections() const { return server_->open_connections(); }

 private:
  asio::io_context io_;
  metrics::MetricsRegistry metrics_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::HttpServer> server_;
  std::thread thread_;
};

// Repeats `check` until it holds; false at the deadline.
bool eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout = 30s) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::yield();
  }
  return check();
}

const std::string kHealthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

// One request on `socket` (kept open), its answer parsed.
bhttp::response<bhttp::string_body> ask(tcp::socket& socket, const std::string& request) {
  asio::write(socket, asio::buffer(request));
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(socket, buffer, response);
  return response;
}

// One GET /healthz on a new connection; its status and how long it took.
std::pair<int, Clock::duration> timed_healthz(const tcp::endpoint& server) {
  const auto started = Clock::now();
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(server);
  const auto response =
      ask(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  return {response.result_int(), Clock::now() - started};
}

// Everything the server sends on `socket` until it closes its side.
std::string read_to_end(tcp::socket& socket) {
  std::string all;
  std::array<char, 4096> buf;
  boost::system::error_code ec;
  while (!ec) {
    const size_t n = socket.read_some(asio::buffer(buf), ec);
    all.append(buf.data(), n);
  }
  return all;
}

// Runs `io` on a thread of its own until stop() or destruction (also when an assertion ends
// the test early).
class RunningOnItsThread {
 public:
  explicit RunningOnItsThread(asio::io_context& io) : io_(io), thread_([&io] { io.run(); }) {}
  ~RunningOnItsThread() { stop(); }
  void stop() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  asio::io_context& io_;
  std::thread thread_;
};

// A slowloris client: sends a request's header line by line, one byte every `every`, never
// finishing it, and notes when the server closes the connection.
class SlowClient : public std::enable_shared_from_this<SlowClient> {
 public:
  SlowClient(asio::io_context& io, const tcp::endpoint& server, std::chrono::milliseconds every)
      : socket_(io), timer_(io), every_(every) {
    socket_.connect(server);
    connected_at_ = Clock::now();
  }

  void start() {
    auto self = shared_from_this();
    socket_.async_read_some(
        asio::buffer(received_), [self](boost::system::error_code ec, size_t n) {
          // The server never answers half a request: this is its end of the connection.
          self->bytes_received_ += n;
          self->closed_at_ = Clock::now();
          self->server_closed_ = ec == asio::error::eof || ec == asio::error::connection_reset;
          self->timer_.cancel();
          boost::system::error_code ignored;
          self->socket_.close(ignored);
          self->done_ = true;
        });
    dribble();
  }

  bool done() const { return done_.load(); }
  bool closed_by_server() const { return server_closed_ && bytes_received_ == 0; }
  Clock::duration open_for() const { return closed_at_ - connected_at_; }
  size_t bytes_sent() const { return sent_; }

 private:
  void dribble() {
    timer_.expires_after(every_);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->done_) return;
      static const std::string kEndless =
          "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(4000, 'a');
      const char byte = kEndless[self->sent_ % kEndless.size()];
      boost::system::error_code write_error;
      self->socket_.write_some(asio::buffer(&byte, 1), write_error);
      if (!write_error) ++self->sent_;
      self->dribble();
    });
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::chrono::milliseconds every_;
  std::array<char, 512> received_;
  Clock::time_point connected_at_, closed_at_;
  size_t sent_ = 0;
  size_t bytes_received_ = 0;
  bool server_closed_ = false;
  std::atomic<bool> done_{false};
};

// At least `wanted` open files (sockets): the soft limit raised toward the hard one.
void allow_open_files(rlim_t wanted) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  ASSERT_GE(limit.rlim_cur, wanted) << "the hard limit on open files is too low for this test";
}

// A handler that throws (a bug: the fuzzer once found one on an Open311 path) costs its request a
// 500 with the API's error JSON; the server goes on serving everyone else.
TEST(HttpUnderAbuse, AHandlerThatThrowsCostsItsRequestA500AndNotTheServer) {
  ServerUnderTest server({}, [](http::Handler api) -> http::Handler {
    return
        [api](http::Request&& request, const http::ClientAddress& from, http::Responder respond) {
          if (request.target() == "/boom") throw std::out_of_range("a handler bug");
          api(std::move(request), from, std::move(respond));
        };
  });
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(server.endpoint());
  const auto broken = ask(socket, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(broken.result_int(), 500);
  EXPECT_NE(broken.body().find(R"("code":"internal")"), std::string::npos) << broken.body();
  EXPECT_EQ(timed_healthz(server.endpoint()).first, 200);
}

TEST(HttpUnderAbuse, SlowlorisClientsNeitherStarveOthersNorOutliveTheRequestDeadline) {
  constexpr size_t kSlow = 300;
  // Long enough for all the slow clients to be accepted, and the normal requests made, before
  // the first deadline passes, on a loaded machine with a sanitizer build.
  constexpr auto kDeadline = 20s;
  allow_open_files(4 * kSlow + 100);
  http::ServerOptions options;
  options.read_timeout = kDeadline;
  ServerUnderTest server(options);

  asio::io_context clients;
  std::vector<std::shared_ptr<SlowClient>> slow;
  for (size_t i = 0; i < kSlow; ++i) {
    slow.push_back(std::make_shared<SlowClient>(clients, server.endpoint(), 200ms));
  }
  for (auto& s : slow) s->start();
  RunningOnItsThread client_thread(clients);
  ASSERT_TRUE(eventually([&] { return server.open_connections() == kSlow; }))
      << server.open_connections() << " of " << kSlow << " slow connections accepted";

  // A normal client meanwhile: every request answered promptly (the bound leaves room for a
  // sanitizer build on two busy cores; a starved server would take the whole deadline).
  for (int i = 0; i < 10; ++i) {
    const auto [status, took] = timed_healthz(server.endpoint());
    EXPECT_EQ(status, 200);
    EXPECT_LT(took, 2s) << "request " << i << " took "
                        << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                        << " ms beside " << kSlow << " slow clients";
  }
  size_t closed_early = 0;
  for (const auto& s : slow) closed_early += s->done() ? 1 : 0;
  EXPECT_EQ(closed_early, 0u) << "the normal requests ran while the slow clients were open";

  // The server closes every slow connection once the request deadline passes, although each
  // was still sending a byte every 200 ms: the deadline covers the whole request, not each read.
  EXPECT_TRUE(eventually(
      [&] {
        for (const auto& s : slow) {
          if (!s->done()) return false;
        }
        return true;
      },
      60s))
      << "slow connections still open long after the deadline";
  client_thread.stop();
  for (const auto& s : slow) {
    ASSERT_TRUE(s->done());
    EXPECT_TRUE(s->closed_by_server()) << "half a request must get no answer, only the close";
    EXPECT_GE(s->open_for(), kDeadline - 100ms);
    EXPECT_LT(s->open_for(), kDeadline + 10s);
    // Still dribbling at the end: far more bytes than the deadline would allow in one read.
    EXPECT_GE(s->bytes_sent(), 10u);
  }
  EXPECT_TRUE(eventually([&] { return server.open_connections() == 0; }))
      << server.open_connections() << " connections still counted open";
  EXPECT_EQ(timed_healthz(server.endpoint()).first, 200);
}

TEST(HttpUnderAbuse, FiveThousandConnectionAttemptsOverTheLimitAreRefusedWith503) {
  constexpr size_t kLimit = 500;
  constexpr size_t kAttempts = 5'000;
  constexpr size_t kBatch = 250;
  allow_open_files(4 * kLimit + 4 * kBatch + 100);
  http::ServerOptions options;
  options.max_connections = kLimit;
  options.read_timeout = 120s;  // the held connections stay open throughout
  ServerUnderTest server(options);

  asio::io_context io;
  // The first kLimit attempts are accepted and held open (idle keep-alive connections).
  std::vector<tcp::socket> held;
  for (size_t i = 0; i < kLimit; ++i) {
    held.emplace_back(io).connect(server.endpoint());
  }
  ASSERT_TRUE(eventually([&] { return server.open_connections() == kLimit; }))
      << server.open_connections();

  // Sampled all along: the count of open connections never passes the limit.
  std::atomic<bool> flooding{true};
  std::atomic<size_t> most_open{0};
  std::thread sampler([&] {
    while (flooding.load()) {
      most_open = std::max(most_open.load(), server.open_connections());
      std::this_thread::sleep_for(1ms);  // the sampling period
    }
  });

  size_t refused = 0, other = 0;
  std::string an_other_answer;
  for (size_t done = kLimit; done < kAttempts; done += kBatch) {
    std::vector<tcp::socket> batch;
    for (size_t i = 0; i < kBatch; ++i) {
      batch.emplace_back(io).connect(server.endpoint());
      asio::write(batch.back(), asio::buffer(kHealthz));
    }
    for (auto& socket : batch) {
      const std::string answer = read_to_end(socket);
      const bool overloaded = answer.rfind("HTTP/1.1 503", 0) == 0 &&
                              answer.find("Content-Type: application/json") != std::string::npos &&
                              answer.find(R"({"error":{"code":"overloaded")") != std::string::npos;
      if (overloaded) {
        ++refused;
      } else {
        ++other;
        an_other_answer = answer;
      }
    }
    if (done == kLimit + 8 * kBatch) {
      // During the flood: a held connection is still served.
      EXPECT_EQ(ask(held.front(), kHealthz).result_int(), 200);
    }
  }
  flooding = false;
  sampler.join();

  EXPECT_EQ(refused, kAttempts - kLimit);
  EXPECT_EQ(other, 0u) << an_other_answer;
  EXPECT_LE(most_open.load(), kLimit);
  EXPECT_EQ(server.open_connections(), kLimit);
  // Counted where operations look.
  const auto metrics = ask(held.back(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(metrics.body().find("caseflow_http_denied_total{reason=\"overloaded\"} " +
                                std::to_string(kAttempts - kLimit)),
            std::string::npos)
      << metrics.body();

  // Afterwards: once the held connections go, new ones are served again.
  for (auto& socket : held) socket.close();
  EXPECT_TRUE(eventually([&] { return server.open_connections() == 0; }))
      << server.open_connections();
  EXPECT_EQ(timed_healthz(server.endpoint()).first, 200);
}

}  // namespace
}  // namespace caseflow::testing
