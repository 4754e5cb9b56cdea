// The HTTP floor: a Beast server that reads each request whole and answers 200 with a fixed body,
// nothing else (no parsing of the form, no Kafka). Beside caseflow's Open311 intake on the same
// client, connections and request bytes, it says what HTTP alone costs on this machine.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <thread>

namespace caseflow::bench {

class OkServer {
 public:
  // Listens on 127.0.0.1 (a free port) and serves on one thread of its own, as caseflow's HTTP
  // server does on its io_context thread. Every answer: 200, `content_type`, `body`.
  OkServer(std::string content_type, std::string body);
  ~OkServer();
  OkServer(const OkServer&) = delete;
  OkServer& operator=(const OkServer&) = delete;

  uint16_t port() const { return port_; }

 private:
  void accept();

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::string content_type_, body_;
  uint16_t port_ = 0;
  std::thread thread_;
};

}  // namespace caseflow::bench
