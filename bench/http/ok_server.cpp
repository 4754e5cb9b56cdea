#include "bench/http/ok_server.h"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <memory>

namespace caseflow::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// One keep-alive connection: read a request, answer it, until the client closes.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const std::string& content_type, const std::string& body)
      : stream_(std::move(socket)), content_type_(content_type), body_(body) {}

  void read() {
    request_ = {};
    bhttp::async_read(stream_, buffer_, request_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (!ec) self->answer();
                      });
  }

 private:
  void answer() {
    response_ = {bhttp::status::ok, request_.version()};
    response_.set(bhttp::field::content_type, content_type_);
    response_.keep_alive(request_.keep_alive());
    response_.body() = body_;
    response_.prepare_payload();
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (!ec) self->read();
                       });
  }

  beast::tcp_stream stream_;
  const std::string& content_type_;
  const std::string& body_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
};

}  // namespace

OkServer::OkServer(std::string content_type, std::string body)
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
      content_type_(std::move(content_type)),
      body_(std::move(body)) {
  port_ = acceptor_.local_endpoint().port();
  accept();
  thread_ = std::thread([this] { io_.run(); });
}

OkServer::~OkServer() {
  io_.stop();
  thread_.join();
}

void OkServer::accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;
    std::make_shared<Session>(std::move(socket), content_type_, body_)->read();
    accept();
  });
}

}  // namespace caseflow::bench
