// The HTTP messages caseflow's server exchanges, and the shape of a request handler.
//
// Handling is a plain function from a request to a response, apart from the session code
// (server.h). Because some answers wait for something (a Kafka acknowledgement, a read on the
// processing thread), the handler gets a Responder to call exactly once, from any thread.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace caseflow::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;

// Delivers the response of one request. Thread-safe; call it exactly once. Calling it after the
// connection closed is harmless (the response is dropped).
using Responder = std::function<void(Response)>;

// The address a request came from: the TCP peer's (behind a proxy or load balancer, the
// proxy's: headers such as X-Forwarded-For are not trusted).
using ClientAddress = boost::asio::ip::address;

// Turns a request from a client address into a response, now or later. Runs on the server's
// io_context thread.
using Handler = std::function<void(Request&&, const ClientAddress&, Responder)>;

// A response with `body` of `content_type`. `keep_alive` and `version` are set by the session.
Response make_response(Status status, std::string_view content_type, std::string body);

inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kXml = "text/xml; charset=utf-8";
inline constexpr std::string_view kText = "text/plain; charset=utf-8";
inline constexpr std::string_view kPrometheusText = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace caseflow::http
