// Forwards a read to the instance that holds a live case and relays its answer, so any instance
// of a deployment answers for every case (docs/http.md, "Several instances").
//
// The forwarded request is the same GET (target with its query, Authorization and Accept) with
// `X-Caseflow-Forwarded: 1`: an instance receiving that header never forwards again, so a stale
// owner record cannot make two instances bounce a request between them.
//
// Thread rules: construct and call forward() on the io_context's thread; `done` runs there too.
// Each forward owns itself (its socket and buffers) until `done` ran; the forwarder may be
// destroyed earlier, as long as the io_context outlives its pending work.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "connectors/http/message.h"
#include "engine/common/result.h"

namespace caseflow::http {

// The header that marks a forwarded read.
inline constexpr std::string_view kForwardedHeader = "X-Caseflow-Forwarded";

// True when `request` was forwarded by another instance (and so must not be forwarded again).
bool is_forwarded(const Request& request);

struct ForwarderOptions {
  // The whole exchange (resolve, connect, send, answer) at most; past it the owner counts as
  // unreachable.
  std::chrono::milliseconds timeout{2'000};
  size_t max_response_bytes = 16 * 1024 * 1024;
};

class ReadForwarder {
 public:
  // The owner's answer, or an Error with code owner_unreachable (message: where and why).
  using Done = std::function<void(Result<Response>)>;

  ReadForwarder(boost::asio::io_context& io, ForwarderOptions options = {});

  // GETs `original`'s target from `address` ("host:port") and calls `done` exactly once.
  void forward(std::string_view address, const Request& original, Done done);

 private:
  boost::asio::io_context& io_;
  const ForwarderOptions options_;
};

}  // namespace caseflow::http
