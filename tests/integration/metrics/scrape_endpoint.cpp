#include "tests/integration/metrics/scrape_endpoint.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace caseflow::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Named, not anonymous: ScrapeEndpoint::Impl holds a Session::Counter.
namespace scrape {

// One connection: read a request, answer it, repeat while the client keeps the connection alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  struct Counter {
    std::mutex mutex;
    std::condition_variable changed;
    int served = 0;
  };
  Session(tcp::socket socket, const std::function<std::string()>& body, Counter& served)
      : stream_(std::move(socket)), body_(body), served_(served) {}
  void start() { read(); }

 private:
  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (!ec) self->answer();
                     });
  }
  void answer() {
    response_ = {};
    response_.version(request_.version());
    response_.keep_alive(request_.keep_alive());
    if (request_.target() == "/metrics") {
      response_.result(http::status::ok);
      response_.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      response_.body() = body_();
    } else {
      response_.result(http::status::not_found);
    }
    response_.prepare_payload();
    {
      std::lock_guard lock(served_.mutex);
      ++served_.served;
    }
    served_.changed.notify_all();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (!ec && self->response_.keep_alive()) self->read();
                      });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  const std::function<std::string()>& body_;
  Counter& served_;
};

}  // namespace scrape

using scrape::Session;

struct ScrapeEndpoint::Impl {
  explicit Impl(std::function<std::string()> b)
      : body(std::move(b)), acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}
  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      std::make_shared<Session>(std::move(socket), body, served)->start();
      accept();
    });
  }
  std::function<std::string()> body;
  asio::io_context io;
  tcp::acceptor acceptor;
  mutable Session::Counter served;
  std::thread thread;
};

ScrapeEndpoint::ScrapeEndpoint(std::function<std::string()> body)
    : impl_(std::make_unique<Impl>(std::move(body))) {
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

ScrapeEndpoint::~ScrapeEndpoint() {
  impl_->io.stop();
  impl_->thread.join();
}

uint16_t ScrapeEndpoint::port() const { return impl_->acceptor.local_endpoint().port(); }
int ScrapeEndpoint::scrapes() const {
  std::lock_guard lock(impl_->served.mutex);
  return impl_->served.served;
}

bool ScrapeEndpoint::wait_for_scrape_after(int seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->served.mutex);
  return impl_->served.changed.wait_for(lock, timeout, [&] { return impl_->served.served > seen; });
}

std::string http_get(uint16_t port, const std::string& target) {
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(5));
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> request(http::verb::get, target, 11);
    request.set(http::field::host, "127.0.0.1");
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return response.result() == http::status::ok ? response.body() : std::string();
  } catch (const std::exception&) {
    return {};
  }
}

uint16_t free_loopback_port() {
  asio::io_context io;
  tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return probe.local_endpoint().port();
}

}  // namespace caseflow::testing
