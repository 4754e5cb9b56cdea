// ReadForwarder against real sockets: what reaches the owner, what comes back, and how an owner
// that is gone, silent or misnamed is reported.
#include "connectors/http/read_forwarder.h"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <future>
#include <thread>

#include "connectors/http/server.h"

namespace caseflow::http {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

// An io_context on a thread of the test's own, stopped and joined at the end.
class IoThread {
 public:
  IoThread() : work_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
  ~IoThread() {
    work_.reset();
    io_.stop();
    thread_.join();
  }
  asio::io_context& io() { return io_; }
  // Runs `f` on the io thread and waits for it.
  template <typename F>
  auto on_io(F f) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    asio::post(io_, [&task] { task(); });
    return result.get();
  }

 private:
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

Request get(std::string target) {
  Request r{beast_http::verb::get, target, 11};
  r.set(beast_http::field::authorization, "Bearer s3cret");
  r.set(beast_http::field::accept, "application/json");
  r.set(beast_http::field::cookie, "session=private");
  return r;
}

// Forwards `request` to `address` on `io` and waits (bounded) for the answer.
Result<Response> forward(IoThread& io, ForwarderOptions options, std::string address,
                         Request request) {
  std::promise<Result<Response>> answer;
  auto future = answer.get_future();
  ReadForwarder* forwarder = nullptr;
  std::unique_ptr<ReadForwarder> owned;
  io.on_io([&] {
    owned = std::make_unique<ReadForwarder>(io.io(), options);
    forwarder = owned.get();
    forwarder->forward(address, request,
                       [&answer](Result<Response> r) { answer.set_value(std::move(r)); });
    return 0;
  });
  EXPECT_EQ(future.wait_for(10s), std::future_status::ready) << "no answer within 10 s";
  auto result = future.get();
  io.on_io([&] {
    owned.reset();
    return 0;
  });
  return result;
}

TEST(ReadForwarder, SendsTheSameGetMarkedForwardedAndRelaysTheOwnersAnswer) {
  IoThread io;
  std::promise<Request> seen;
  auto server = io.on_io([&] {
    return HttpServer::create(io.io(), {.listen = "127.0.0.1:0"},
                              [&seen](Request&& r, const ClientAddress&, Responder respond) {
                                seen.set_value(r);
                                Response out = make_response(Status::ok, kJson, R"({"id":"a-1"})");
                                out.set("X-Owner", "b");
                                respond(std::move(out));
                              });
  });
  ASSERT_TRUE(server) << server.error().message;
  io.on_io([&] {
    (*server)->start();
    return 0;
  });
  const std::string address = "127.0.0.1:" + std::to_string((*server)->endpoint().port());

  auto answer = forward(io, {}, address, get("/api/v1/cases/a-1?x=1&y=%20"));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->result(), Status::ok);
  EXPECT_EQ(answer->body(), R"({"id":"a-1"})");
  EXPECT_EQ((*answer)[beast_http::field::content_type], kJson);

  Request r = seen.get_future().get();
  EXPECT_EQ(r.method(), beast_http::verb::get);
  EXPECT_EQ(r.target(), "/api/v1/cases/a-1?x=1&y=%20") << "path and query unchanged";
  EXPECT_EQ(r[kForwardedHeader], "1");
  EXPECT_TRUE(is_forwarded(r));
  EXPECT_EQ(r[beast_http::field::authorization], "Bearer s3cret");
  EXPECT_EQ(r[beast_http::field::accept], "application/json");
  EXPECT_EQ(r.find(beast_http::field::cookie), r.end()) << "only the named headers travel";
  EXPECT_FALSE(is_forwarded(get("/x")));
  io.on_io([&] {
    (*server)->stop();
    return 0;
  });
}

TEST(ReadForwarder, RelaysAnErrorAnswerAsItCame) {
  IoThread io;
  auto server = io.on_io([&] {
    return HttpServer::create(
        io.io(), {.listen = "127.0.0.1:0"}, [](Request&&, const ClientAddress&, Responder respond) {
          respond(make_response(Status::not_found, kJson, R"({"error":{"code":"unknown_case"}})"));
        });
  });
  ASSERT_TRUE(server);
  io.on_io([&] {
    (*server)->start();
    return 0;
  });
  auto answer = forward(io, {}, "127.0.0.1:" + std::to_string((*server)->endpoint().port()),
                        get("/api/v1/cases/zz"));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->result(), Status::not_found);
  EXPECT_NE(answer->body().find("unknown_case"), std::string::npos);
  io.on_io([&] {
    (*server)->stop();
    return 0;
  });
}

TEST(ReadForwarder, AnOwnerThatDoesNotListenIsUnreachable) {
  IoThread io;
  // A port that was free a moment ago: bound, then closed.
  asio::ip::tcp::acceptor probe(io.io(), {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = probe.local_endpoint().port();
  probe.close();
  auto answer = forward(io, {}, "127.0.0.1:" + std::to_string(port), get("/x"));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, "owner_unreachable");
  EXPECT_NE(answer.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << answer.error().message;
}

TEST(ReadForwarder, AnOwnerThatNeverAnswersTimesOut) {
  IoThread io;
  // Accepts (the kernel completes the handshake on its own) and never answers.
  asio::ip::tcp::acceptor silent(io.io(), {asio::ip::make_address("127.0.0.1"), 0});
  const auto started = std::chrono::steady_clock::now();
  auto answer = forward(io, {.timeout = 300ms},
                        "127.0.0.1:" + std::to_string(silent.local_endpoint().port()), get("/x"));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, "owner_unreachable");
  EXPECT_GE(took, 300ms);
  EXPECT_LT(took, 5s) << "the deadline covers the whole exchange";
}

TEST(ReadForwarder, AnAddressWithoutAPortIsUnreachableNotACrash) {
  IoThread io;
  for (std::string bad : {"", "localhost", "127.0.0.1:", ":8080"}) {
    auto answer = forward(io, {}, bad, get("/x"));
    ASSERT_FALSE(answer) << bad;
    EXPECT_EQ(answer.error().code, "owner_unreachable") << bad;
  }
}

}  // namespace
}  // namespace caseflow::http
