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

// A viewer's static token for engines the tests start from a config file: the config names it
// by kTestViewerSha256 (http.auth.tokens; kTestViewerConfig is that entry as YAML flow text).
inline constexpr const char* kTestViewerToken = "test-viewer-token";
inline constexpr const char* kTestViewerSha256 =
    "04afacc947b28c94e15578a9db68c1d1bf775b3ff82bc88e31d4465f26bc0b42";
inline constexpr const char* kTestViewerConfig =
    "{tokens: [{name: test-viewer, role: viewer, "
    "sha256: 04afacc947b28c94e15578a9db68c1d1bf775b3ff82bc88e31d4465f26bc0b42}]}";

// A GET with the test viewer's token: reads under /api/v1 need a credential.
inline HttpReply http_get_as_viewer(const std::string& address, const std::string& target) {
  return http_request("GET", address, target, "",
                      {{"Authorization", std::string("Bearer ") + kTestViewerToken}});
}

// The sum of every sample of `family` (e.g. "caseflow_sla_warnings_total") in Prometheus text.
double metric_sum(const std::string& exposition, const std::string& family);

// A TCP port on 127.0.0.1 that was free a moment ago.
uint16_t free_port();

}  // namespace caseflow::testing
