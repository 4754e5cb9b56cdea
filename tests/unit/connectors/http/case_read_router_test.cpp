// CaseReadRouter: a read of a case held elsewhere goes to its owner once, and comes back here
// (to the archive) when it was forwarded already or the owner is unknown or gone.
#include "connectors/http/case_read_router.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <future>
#include <thread>

#include "connectors/http/server.h"

namespace caseflow::http {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

// What reached the caller: the response and whether the fallback produced it (with its reason).
struct Outcome {
  Response response;
  bool fell_back = false;
  std::optional<Error> owner_problem;
};

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : work_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
  ~RouterTest() override {
    run_on_io([&] {
      if (owner_) owner_->stop();
      router_.reset();
    });
    work_.reset();
    io_.stop();
    thread_.join();
  }

  template <typename F>
  void run_on_io(F f) {
    std::promise<void> done;
    asio::post(io_, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  // An "owner" instance answering 200 with its name and the forwarded header it saw.
  std::string start_owner() {
    std::string address;
    run_on_io([&] {
      auto server = HttpServer::create(
          io_, {.listen = "127.0.0.1:0"},
          [this](Request&& r, const ClientAddress&, Responder respond) {
            ++owner_requests_;
            respond(make_response(Status::ok, kJson,
                                  "owner saw forwarded=" + std::string(r[kForwardedHeader])));
          });
      ASSERT_TRUE(server);
      owner_ = std::move(*server);
      owner_->start();
      address = "127.0.0.1:" + std::to_string(owner_->endpoint().port());
    });
    return address;
  }

  void make_router(std::optional<std::string> owner_address) {
    run_on_io([&] {
      router_ = std::make_unique<CaseReadRouter>(
          io_,
          [this, owner_address](std::string id, CaseReadRouter::Found found) {
            looked_up_ = id;
            // From another thread, as PartitionOwners answers from its worker.
            std::thread([found, owner_address] { found(owner_address); }).detach();
          },
          ForwarderOptions{.timeout = 300ms});
    });
  }

  Outcome read(Request request) {
    std::promise<Outcome> out;
    auto fell_back = std::make_shared<std::optional<std::optional<Error>>>();
    run_on_io([&] {
      router_->route(
          request, "a-1",
          [&out, fell_back](Response r) {
            out.set_value(Outcome{std::move(r), fell_back->has_value(),
                                  fell_back->has_value() ? **fell_back : std::nullopt});
          },
          [fell_back](std::optional<Error> problem, Responder respond) {
            *fell_back = problem;
            respond(make_response(Status::not_found, kJson, "from the archive"));
          });
    });
    auto f = out.get_future();
    EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
    return f.get();
  }

  static Request get() { return Request{beast_http::verb::get, "/api/v1/cases/a-1", 11}; }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
  std::unique_ptr<HttpServer> owner_;
  std::unique_ptr<CaseReadRouter> router_;
  std::atomic<int> owner_requests_{0};
  std::string looked_up_;
};

TEST_F(RouterTest, AReadGoesToTheOwnerOnceAndItsAnswerComesBack) {
  make_router(start_owner());
  Outcome o = read(get());
  EXPECT_FALSE(o.fell_back);
  EXPECT_EQ(o.response.result(), Status::ok);
  EXPECT_EQ(o.response.body(), "owner saw forwarded=1");
  EXPECT_EQ(owner_requests_, 1);
  EXPECT_EQ(looked_up_, "a-1");
}

TEST_F(RouterTest, AForwardedReadIsAnsweredHereAndNeverForwardedAgain) {
  make_router(start_owner());
  Request forwarded = get();
  forwarded.set(kForwardedHeader, "1");
  Outcome o = read(forwarded);
  EXPECT_TRUE(o.fell_back);
  EXPECT_FALSE(o.owner_problem) << "this instance's answer is final: no 503 for the owner";
  EXPECT_EQ(o.response.body(), "from the archive");
  EXPECT_EQ(owner_requests_, 0);
}

TEST_F(RouterTest, AnUnknownOwnerFallsBackWithTheReason) {
  make_router(std::nullopt);
  Outcome o = read(get());
  ASSERT_TRUE(o.fell_back);
  ASSERT_TRUE(o.owner_problem);
  EXPECT_EQ(o.owner_problem->code, "owner_unreachable");
  EXPECT_NE(o.owner_problem->message.find("a-1"), std::string::npos);
}

TEST_F(RouterTest, AnOwnerThatDoesNotAnswerFallsBackWithinTheTimeout) {
  // Listening, never accepting or answering.
  asio::ip::tcp::acceptor silent(io_, {asio::ip::make_address("127.0.0.1"), 0});
  make_router("127.0.0.1:" + std::to_string(silent.local_endpoint().port()));
  const auto started = std::chrono::steady_clock::now();
  Outcome o = read(get());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  ASSERT_TRUE(o.fell_back);
  ASSERT_TRUE(o.owner_problem);
  EXPECT_EQ(o.owner_problem->code, "owner_unreachable");
  EXPECT_NE(o.owner_problem->message.find("127.0.0.1"), std::string::npos);
}

}  // namespace
}  // namespace caseflow::http
