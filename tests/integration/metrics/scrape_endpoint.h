// A minimal HTTP endpoint for tests: answers every GET with the text a function returns, as
// Prometheus text format. It stands in for the engine's own HTTP server so Prometheus can scrape
// a registry in-process. One Asio thread of its own; listens on 127.0.0.1 on an ephemeral port.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace caseflow::testing {

class ScrapeEndpoint {
 public:
  explicit ScrapeEndpoint(std::function<std::string()> body);
  ~ScrapeEndpoint();  // stops the thread
  uint16_t port() const;
  int scrapes() const;  // requests answered so far
  // Waits until more than `seen` requests have been answered; false at the deadline.
  bool wait_for_scrape_after(int seen, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// GET http://127.0.0.1:<port><target>; returns the body, or "" on any error. Blocking.
std::string http_get(uint16_t port, const std::string& target);

// A TCP port on 127.0.0.1 that was free a moment ago (for child processes that need a port number
// up front).
uint16_t free_loopback_port();

}  // namespace caseflow::testing
