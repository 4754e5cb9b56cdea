// caseflow's HTTP server: Boost.Beast over Boost.Asio, one port, on an io_context the app owns
// (the app runs it on one thread; this class starts no thread).
//
// Sessions own themselves (shared_from_this in every pending operation) and each has its own
// strand. Limits, each with the answer a client gets:
//   - request body larger than max_body_bytes: 413, then the connection closes;
//   - request headers larger than max_header_bytes: 431, then the connection closes;
//   - a request (headers and body) not complete within read_timeout, or a keep-alive connection
//     idle that long: the connection closes — a slow client cannot hold it;
//   - more than max_pipelined requests waiting for their answers on one connection: the session
//     stops reading until answers go out (TCP backpressure), answers leave in request order;
//   - more than max_connections open: new connections get 503 (JSON, code `overloaded`) and
//     are closed, and on_refused_connection counts each.
// A connection the server ends is ended gracefully: its side is shut down first, and what the
// client still sends is read and dropped for up to a second before the socket closes, so the
// client reads the last answer rather than a reset.
//
// Thread rules: construct, start() and stop() on the io_context's thread (or before it runs).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "connectors/http/message.h"
#include "engine/common/result.h"

namespace caseflow::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 = any free port
  size_t max_body_bytes = 64 * 1024;
  size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  size_t max_pipelined = 16;
  size_t max_connections = 10'000;
  // Called on the io_context for each connection refused over max_connections (the app counts
  // them in caseflow_http_denied_total{reason="overloaded"}); empty = not counted.
  std::function<void()> on_refused_connection;
};

struct ServerShared;

class HttpServer {
 public:
  // Binds and listens on options.listen; errors: bad_listen_address, listen_failed.
  static Result<std::unique_ptr<HttpServer>> create(boost::asio::io_context& io,
                                                    ServerOptions options, Handler handler);
  ~HttpServer();

  // Starts accepting (returns at once; the work happens on the io_context).
  void start();
  // Stops accepting and closes every open connection. Idempotent.
  void stop();

  // The bound endpoint (the actual port when options.listen asked for port 0).
  boost::asio::ip::tcp::endpoint endpoint() const { return endpoint_; }
  size_t open_connections() const;

 private:
  HttpServer(boost::asio::io_context& io, std::shared_ptr<ServerShared> shared);
  void accept();

  boost::asio::io_context& io_;
  // Options, handler and the open sessions, shared with the sessions (which may outlive this).
  std::shared_ptr<ServerShared> shared_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ip::tcp::endpoint endpoint_;
  bool stopped_ = false;
};

}  // namespace caseflow::http
