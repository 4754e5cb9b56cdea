// The bytes a client writes to caseflow's HTTP port: Beast's request parser with the server's
// limits (server.cpp reads each request the same way), then, for each request that parses, the
// API handler. Pipelined requests are read one after another, as a session does.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "connectors/http/server.h"
#include "tests/fuzz/api_harness.h"

namespace {

using namespace caseflow;
namespace beast = boost::beast;

// One request off the front of `bytes`; nullopt when the bytes end first or do not parse (the
// session then answers 400/413/431 itself or closes). Advances `bytes` past what was read.
std::optional<http::Request> read_request(std::string_view& bytes,
                                          const http::ServerOptions& limits) {
  http::beast_http::request_parser<http::beast_http::string_body> parser;
  parser.body_limit(limits.max_body_bytes);
  parser.header_limit(static_cast<uint32_t>(limits.max_header_bytes));
  parser.eager(true);
  beast::error_code ec;
  while (!parser.is_done()) {
    if (bytes.empty()) {
      if (!parser.got_some()) return std::nullopt;  // the client sent nothing more
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return std::nullopt;
      break;
    }
    const size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == http::beast_http::error::need_more) {
      // Everything there is was given; the parser waits for bytes that never come.
      bytes = {};
      continue;
    }
    if (ec) return std::nullopt;
    bytes.remove_prefix(used);
  }
  return parser.release();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz::as_text(data, size);
  const http::ServerOptions limits;
  fuzz::ApiHarness api;
  for (size_t n = 0; n < limits.max_pipelined; ++n) {
    std::optional<http::Request> request = read_request(bytes, limits);
    if (!request) break;
    const http::Response response = api.answer(std::move(*request));
    fuzz::require(response.result_int() >= 100 && response.result_int() <= 599,
                  "an answer without a valid status");
  }
  return 0;
}
