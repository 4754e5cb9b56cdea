// The HTTP API as the fuzz targets drive it: Api::handle with no engine, broker, archive or
// reloader behind it (those answer 503), two static tokens so the authenticated paths are
// reached, a fixed clock and a one-file console. Each request must be answered exactly once
// (message.h), and synchronously or by what is posted to the io_context: nothing else runs here.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "connectors/http/api.h"
#include "connectors/http/auth/static_tokens.h"
#include "tests/fuzz/fuzz_text.h"

namespace caseflow::fuzz {

// The tokens the dictionaries hold: "Authorization: Bearer fuzz-admin" and "... fuzz-unit".
inline std::shared_ptr<const http::auth::Authenticator> fuzz_authenticator() {
  using http::auth::Principal;
  using http::auth::Role;
  const std::vector<http::auth::StaticToken> tokens{
      {"fuzz-admin", http::auth::sha256_hex("fuzz-admin"),
       Principal{Role::admin, "", "fuzz-admin"}},
      {"fuzz-unit", http::auth::sha256_hex("fuzz-unit"),
       Principal{Role::unit, "grid:G00001", "fuzz-unit"}}};
  Result<http::auth::StaticTokens> known = http::auth::StaticTokens::create(tokens);
  require(known.ok(), "the fuzz tokens are refused");
  return std::make_shared<const http::auth::Authenticator>(std::move(*known),
                                                           http::auth::JwtVerifier{});
}

class ApiHarness {
 public:
  ApiHarness() : api_(io_, settings(), dependencies()) {}

  // Hands `request` to the API and runs what it posted; returns the one answer.
  http::Response answer(http::Request&& request) {
    std::vector<http::Response> answers;
    api_.handle(std::move(request),
                [&answers](http::Response response) { answers.push_back(std::move(response)); });
    io_.restart();
    io_.poll();
    require(answers.size() == 1, "a request was not answered exactly once");
    return std::move(answers.front());
  }

 private:
  static http::ApiSettings settings() {
    http::ApiSettings s;
    s.authenticator = fuzz_authenticator();
    s.assessment.time_zone = "Asia/Shanghai";
    return s;
  }
  static http::ApiDependencies dependencies() {
    static constexpr http::StaticFile kConsole[] = {
        {"index.html", "<!doctype html><title>console</title>", "\"c1\""}};
    http::ApiDependencies d;
    d.clock = [] { return Instant::from_unix_seconds(1'772'413'200); };
    d.metrics = [] { return std::string("caseflow_up 1\n"); };
    d.console = kConsole;
    return d;
  }

  boost::asio::io_context io_;
  http::Api api_;
};

}  // namespace caseflow::fuzz
