#include "connectors/http/server.h"

#include <array>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <deque>
#include <list>
#include <mutex>
#include <optional>

#include "connectors/log/log.h"

namespace caseflow::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

Response make_response(Status status, std::string_view content_type, std::string body) {
  Response r{status, 11};
  r.set(beast_http::field::content_type, content_type);
  r.set(beast_http::field::server, "caseflow");
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

namespace {

// How long a closing connection waits for the client to close its side (see Session::shut).
constexpr std::chrono::milliseconds kLinger{1'000};

// The answer to a request the session refuses itself (limits), as the API's error JSON.
Response limit_response(Status status, std::string_view code, std::string_view message) {
  std::string body = R"({"error":{"code":")";
  body.append(code).append(R"(","message":")").append(message).append("\"}}");
  Response r = make_response(status, kJson, std::move(body));
  r.keep_alive(false);
  return r;
}

}  // namespace

class Session;

// What the server shares with its sessions; a session may outlive the server object by the
// time its last handler runs.
struct ServerShared {
  ServerOptions options;
  Handler handler;
  // Sessions that are open, so stop() can close them. Guarded by the mutex: sessions run on
  // their strands, which may be on other threads if the app ever runs the io_context on several.
  std::mutex mutex;
  std::list<std::weak_ptr<Session>> open;
  size_t count = 0;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<ServerShared> shared)
      : stream_(std::move(socket)),
        shared_(std::move(shared)),
        options_(shared_->options),
        handler_(shared_->handler) {
    beast::error_code ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = peer.address();
  }

  ~Session() {
    std::lock_guard lock(shared_->mutex);
    if (registered_) {
      shared_->open.erase(self_in_registry_);
      --shared_->count;
    }
  }

  // Registers and starts reading; or, over the connection limit, answers 503 and closes.
  void start(bool over_limit) {
    if (over_limit) {
      queue_.push_back(Slot{limit_response(Status::service_unavailable, "overloaded",
                                           "too many open connections; try again later")});
      closing_ = true;
      asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->write_next(); });
      return;
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_next(); });
  }

  void register_in(std::list<std::weak_ptr<Session>>::iterator it) {
    self_in_registry_ = it;
    registered_ = true;
  }

  // Closes the connection from outside (server stop). Thread-safe.
  void close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->closing_ = true;
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->stream_.close();
    });
  }

 private:
  struct Slot {
    std::optional<Response> response;  // empty until the handler answers
  };

  void read_next() {
    if (reading_ || closing_ || queue_.size() >= options_.max_pipelined) return;
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(options_.max_header_bytes));
    reading_ = true;
    stream_.expires_after(options_.read_timeout);
    beast_http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    if (ec == beast_http::error::body_limit) {
      refuse(
          Status::payload_too_large, "too_large",
          "the request body is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
      return;
    }
    if (ec == beast_http::error::header_limit) {
      refuse(Status::request_header_fields_too_large, "headers_too_large",
             "the request headers are larger than " + std::to_string(options_.max_header_bytes) +
                 " bytes");
      return;
    }
    if (ec == beast::error::timeout || ec) {
      // Timeouts, the client closing, broken input the parser cannot frame: the connection ends.
      // A parse error with a framed request still gets a 400 first.
      if (ec != beast::error::timeout && ec != beast_http::error::end_of_stream &&
          ec != asio::error::eof && ec != asio::error::operation_aborted &&
          ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category()) {
        refuse(Status::bad_request, "bad_request", "malformed HTTP request: " + ec.message());
        return;
      }
      closing_ = true;
      if (queue_.empty()) shut();
      return;
    }

    Request request = parser_->release();
    const bool keep_alive = request.keep_alive();
    const unsigned version = request.version();
    const uint64_t number = next_request_++;
    queue_.push_back(Slot{});
    if (!keep_alive) closing_ = true;  // read nothing more after a "Connection: close"
    auto self = shared_from_this();
    Responder respond = [self, number, keep_alive, version](Response response) {
      asio::post(self->stream_.get_executor(),
                 [self, number, keep_alive, version, response = std::move(response)]() mutable {
                   self->answer(number, keep_alive, version, std::move(response));
                 });
    };
    try {
      handler_(std::move(request), peer_, respond);
    } catch (const std::exception& e) {
      // A bug in a handler costs its request a 500, never the process: an exception leaving the
      // event loop would end the engine for every client.
      // If it answered before it threw, that answer came first and this one is dropped (answer()).
      logging::error("http", std::string("a request handler failed: ") + e.what());
      respond(limit_response(Status::internal_server_error, "internal",
                             "the server failed to answer this request; it is logged"));
    }
    read_next();
  }

  // Queues a refusal as the last answer on this connection.
  void refuse(Status status, std::string_view code, const std::string& message) {
    closing_ = true;
    const uint64_t number = next_request_++;
    queue_.push_back(Slot{});
    answer(number, false, 11, limit_response(status, code, message));
  }

  void answer(uint64_t number, bool keep_alive, unsigned version, Response response) {
    if (number < first_request_) return;  // the connection is gone
    const size_t index = static_cast<size_t>(number - first_request_);
    if (index >= queue_.size()) return;
    if (queue_[index].response) return;  // answered already: the first answer stands
    const bool stay = keep_alive && response.keep_alive();  // a handler may ask to close
    response.version(version);
    response.keep_alive(stay);
    queue_[index].response = std::move(response);
    write_next();
  }

  void write_next() {
    if (writing_ || queue_.empty() || !queue_.front().response) return;
    writing_ = true;
    stream_.expires_after(options_.write_timeout);
    beast_http::async_write(
        stream_, *queue_.front().response,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    writing_ = false;
    const bool close_after = !queue_.front().response->keep_alive();
    queue_.pop_front();
    ++first_request_;
    if (ec || close_after) {
      closing_ = true;
      shut();
      return;
    }
    if (closing_ && queue_.empty() && !reading_) {
      shut();
      return;
    }
    write_next();
    read_next();
  }

  // Ends the connection: our side first (the client reads what was sent, then end of stream),
  // then what the client still sends is read and dropped until it closes or kLinger passes.
  // Closing a socket that holds unread input makes the kernel reset the connection, and the
  // client may then lose the answer it has not read yet (a 503 over the connection limit, a 413
  // before the body was read).
  void shut() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (reading_) {  // a read is pending already: no second one beside it
      stream_.close();
      return;
    }
    stream_.expires_after(kLinger);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(drained_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) {
                                self->stream_.close();
                                return;
                              }
                              self->drain();
                            });
  }

  beast::tcp_stream stream_;
  const std::shared_ptr<ServerShared> shared_;
  const ServerOptions& options_;  // in *shared_
  const Handler& handler_;        // in *shared_
  std::list<std::weak_ptr<Session>>::iterator self_in_registry_;
  bool registered_ = false;
  ClientAddress peer_;  // unspecified if the socket could not say

  beast::flat_buffer buffer_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  std::deque<Slot> queue_;      // answers in request order; front = oldest unanswered/unsent
  uint64_t first_request_ = 0;  // number of queue_.front()
  uint64_t next_request_ = 0;   // number of the next request read
  bool reading_ = false;
  bool writing_ = false;
  bool closing_ = false;            // read nothing more; close once the queue is written
  std::array<char, 4096> drained_;  // what a closing connection still receives, dropped
};

Result<std::unique_ptr<HttpServer>> HttpServer::create(asio::io_context& io, ServerOptions options,
                                                       Handler handler) {
  const size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    return Error{"bad_listen_address", "http.listen must be host:port, not " + options.listen};
  }
  std::string host = options.listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = -1;
  try {
    port = std::stoi(options.listen.substr(colon + 1));
  } catch (const std::exception&) {
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec || port < 0 || port > 65535) {
    return Error{"bad_listen_address",
                 "http.listen must be host:port with a numeric host, not " + options.listen};
  }
  auto shared = std::make_shared<ServerShared>();
  shared->options = std::move(options);
  shared->handler = std::move(handler);
  std::unique_ptr<HttpServer> server(new HttpServer(io, std::move(shared)));
  const tcp::endpoint endpoint(address, static_cast<uint16_t>(port));
  auto& acceptor = server->acceptor_;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec == asio::error::address_in_use) {
    return Error{"address_in_use",
                 server->shared_->options.listen + " is already in use (" + ec.message() + ")"};
  }
  if (ec) {
    return Error{"listen_failed",
                 "cannot listen on " + server->shared_->options.listen + ": " + ec.message()};
  }
  server->endpoint_ = acceptor.local_endpoint(ec);
  return server;
}

HttpServer::HttpServer(asio::io_context& io, std::shared_ptr<ServerShared> shared)
    : io_(io), shared_(std::move(shared)), acceptor_(asio::make_strand(io)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() { accept(); }

void HttpServer::accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopped_) return;
    if (!ec) {
      tcp::no_delay no_delay(true);
      socket.set_option(no_delay, ec);
      auto session = std::make_shared<Session>(std::move(socket), shared_);
      bool over_limit = false;
      {
        std::lock_guard lock(shared_->mutex);
        over_limit = shared_->count >= shared_->options.max_connections;
        if (!over_limit) {
          session->register_in(shared_->open.insert(shared_->open.end(), session));
          ++shared_->count;
        }
      }
      if (over_limit && shared_->options.on_refused_connection) {
        shared_->options.on_refused_connection();
      }
      session->start(over_limit);
    }
    accept();
  });
}

void HttpServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  beast::error_code ignored;
  acceptor_.close(ignored);
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(shared_->mutex);
    for (auto& weak : shared_->open) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  for (auto& s : open) s->close();
}

size_t HttpServer::open_connections() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->count;
}

}  // namespace caseflow::http
