#include "connectors/http/listener_policy.h"

#include <boost/asio/ip/address.hpp>

namespace caseflow::http {

bool is_loopback_listen(const std::string& listen) {
  // The host is what precedes the last ':' (the port), as HttpServer reads it.
  const size_t colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return false;  // a name other than localhost may resolve to any interface
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .is_loopback();
  }
  return address.is_loopback();
}

caseflow::Status check_listener_security(const std::string& listen,
                                         const std::vector<std::string>& api_keys) {
  if (!api_keys.empty() || is_loopback_listen(listen)) return ok_status();
  return Error{"insecure_listener",
               "http.listen is " + listen +
                   " (not loopback) but http.api_keys is empty: anyone who can reach the port "
                   "could file reports; set http.api_keys or listen on 127.0.0.1"};
}

}  // namespace caseflow::http
