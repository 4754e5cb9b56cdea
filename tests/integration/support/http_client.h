// A plain HTTP/1.1 client for tests that talk to a caseflow process as a person's tools would:
// one request per connection, to an address as the engine's banner prints it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace caseflow::testing {

struct HttpReply {
  int status = 0;  // 0 = no answer (connection refused, timeout)
  std::string body;
  std::string error;  // why there was no answer
};

// `address` is "127.0.0.1:8080" or "http://127.0.0.1:8080"; `target` starts with '/'. Never
// throws. Blocking, with `timeout` for the whole exchange.
HttpReply http_request(const std::string& method, const std::string& address,
                       const std::string& target, const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {},
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

inline HttpReply http_get(const std::string& address, const std::string& target) {
  return http_request("GET", address, target);
}

// The sum of every sample of `family` (e.g. "caseflow_sla_warnings_total") in Prometheus text.
double metric_sum(const std::string& exposition, const std::string& family);

// A TCP port on 127.0.0.1 that was free a moment ago.
uint16_t free_port();

}  // namespace caseflow::testing
