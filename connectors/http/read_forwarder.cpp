#include "connectors/http/read_forwarder.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <memory>

namespace caseflow::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// One forwarded GET: resolve, connect, write, read, under one deadline.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(asio::io_context& io, const ForwarderOptions& options, std::string address,
           Request request, ReadForwarder::Done done)
      : resolver_(io),
        stream_(io),
        options_(options),
        address_(std::move(address)),
        request_(std::move(request)),
        done_(std::move(done)) {}

  void start() {
    const auto colon = address_.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == address_.size()) {
      // Answered from the io_context like every other outcome, never inside forward().
      return asio::post(stream_.get_executor(), [self = shared_from_this()] {
        self->finish_error("has a bad address (host:port expected)");
      });
    }
    std::string host = address_.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);  // [::1]:8080
    }
    stream_.expires_after(options_.timeout);
    // The resolver has no timeout of its own: the stream's deadline is checked when it answers.
    deadline_ = std::chrono::steady_clock::now() + options_.timeout;
    resolver_.async_resolve(
        host, address_.substr(colon + 1),
        [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type found) {
          self->on_resolved(ec, std::move(found));
        });
  }

 private:
  void on_resolved(beast::error_code ec, tcp::resolver::results_type found) {
    if (ec) return finish_error("cannot resolve: " + ec.message());
    if (std::chrono::steady_clock::now() >= deadline_) return finish_error("timed out");
    stream_.expires_at(deadline_);
    stream_.async_connect(found, [self = shared_from_this()](beast::error_code e,
                                                             const tcp::endpoint&) {
      if (e) return self->finish_error("cannot connect: " + e.message());
      self->stream_.socket().set_option(tcp::no_delay(true), e);
      beast_http::async_write(self->stream_, self->request_, [self](beast::error_code w, size_t) {
        if (w) return self->finish_error("cannot send: " + w.message());
        self->parser_.body_limit(self->options_.max_response_bytes);
        beast_http::async_read(self->stream_, self->buffer_, self->parser_,
                               [self](beast::error_code r, size_t) {
                                 if (r) return self->finish_error("no answer: " + r.message());
                                 self->finish(self->parser_.release());
                               });
      });
    });
  }

  void finish_error(const std::string& why) {
    finish(Error{"owner_unreachable", "the instance at " + address_ + " " + why});
  }

  void finish(Result<Response> answer) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    if (done_) std::exchange(done_, nullptr)(std::move(answer));
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  const ForwarderOptions options_;
  const std::string address_;
  Request request_;
  ReadForwarder::Done done_;
  std::chrono::steady_clock::time_point deadline_;
  beast::flat_buffer buffer_;
  beast_http::response_parser<beast_http::string_body> parser_;
};

}  // namespace

bool is_forwarded(const Request& request) {
  return request.find(kForwardedHeader) != request.end();
}

ReadForwarder::ReadForwarder(asio::io_context& io, ForwarderOptions options)
    : io_(io), options_(std::move(options)) {}

void ReadForwarder::forward(std::string_view address, const Request& original, Done done) {
  Request out{beast_http::verb::get, original.target(), 11};
  out.set(beast_http::field::host, address);
  for (auto field : {beast_http::field::authorization, beast_http::field::accept}) {
    if (auto it = original.find(field); it != original.end()) out.set(field, it->value());
  }
  out.set(kForwardedHeader, "1");
  out.keep_alive(false);
  std::make_shared<Exchange>(io_, options_, std::string(address), std::move(out), std::move(done))
      ->start();
}

}  // namespace caseflow::http
