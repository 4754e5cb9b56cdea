#include "connectors/kafka/bootstrap_forwarder.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <charconv>

namespace caseflow::kafka {

namespace asio = boost::asio;
using asio::ip::tcp;

Result<std::pair<std::string, uint16_t>> split_host_port(const std::string& address) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error{"bad_address", "'" + address + "' is not HOST:PORT"};
  }
  unsigned port = 0;
  const char* first = address.data() + colon + 1;
  const char* last = address.data() + address.size();
  auto [end, ec] = std::from_chars(first, last, port);
  if (ec != std::errc() || end != last || port > 65535) {
    return Error{"bad_address", "'" + address + "' has no valid port"};
  }
  return std::make_pair(address.substr(0, colon), static_cast<uint16_t>(port));
}

namespace {

// Copies bytes one way until either side closes, then closes both so the other direction ends.
asio::awaitable<void> pump(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
  std::array<char, 16384> buffer;
  boost::system::error_code ec;
  for (;;) {
    const size_t n = co_await from->async_read_some(asio::buffer(buffer),
                                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    co_await asio::async_write(*to, asio::buffer(buffer.data(), n),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  from->close(ec);
  to->close(ec);
}

asio::awaitable<void> relay(tcp::socket client, tcp::endpoint target) {
  auto downstream = std::make_shared<tcp::socket>(std::move(client));
  auto upstream = std::make_shared<tcp::socket>(downstream->get_executor());
  boost::system::error_code ec;
  co_await upstream->async_connect(target, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    downstream->close(ec);
    co_return;
  }
  auto exec = downstream->get_executor();
  asio::co_spawn(exec, pump(downstream, upstream), asio::detached);
  asio::co_spawn(exec, pump(upstream, downstream), asio::detached);
}

asio::awaitable<void> accept_loop(std::shared_ptr<tcp::acceptor> acceptor, tcp::endpoint target) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket client =
        co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
    if (ec) continue;  // a failed accept (e.g. out of descriptors) must not stop the listener
    asio::co_spawn(acceptor->get_executor(), relay(std::move(client), target), asio::detached);
  }
}

}  // namespace

struct BootstrapForwarder::Impl {
  std::shared_ptr<tcp::acceptor> acceptor;
};

BootstrapForwarder::BootstrapForwarder(std::unique_ptr<Impl> impl, std::string address)
    : impl_(std::move(impl)), address_(std::move(address)) {}

BootstrapForwarder::~BootstrapForwarder() {
  boost::system::error_code ec;
  impl_->acceptor->close(ec);
}

Result<std::unique_ptr<BootstrapForwarder>> BootstrapForwarder::start(asio::io_context& io,
                                                                      const std::string& listen,
                                                                      const std::string& target) {
  auto from = split_host_port(listen);
  if (!from) return from.error();
  auto to = split_host_port(target);
  if (!to) return to.error();

  boost::system::error_code ec;
  const auto listen_ip = asio::ip::make_address(from->first, ec);
  if (ec) return Error{"bad_address", "'" + listen + "': " + ec.message()};
  const auto target_ip = asio::ip::make_address(to->first, ec);
  if (ec) return Error{"bad_address", "'" + target + "': " + ec.message()};

  auto acceptor = std::make_shared<tcp::acceptor>(io);
  const tcp::endpoint endpoint(listen_ip, from->second);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec == asio::error::address_in_use) {
    return Error{"address_in_use", listen + " is already in use (" + ec.message() + ")"};
  }
  if (ec) return Error{"listen", "cannot listen on " + listen + ": " + ec.message()};

  const auto bound = acceptor->local_endpoint(ec);
  std::string address = from->first + ":" + std::to_string(bound.port());
  asio::co_spawn(io, accept_loop(acceptor, tcp::endpoint(target_ip, to->second)), asio::detached);

  auto impl = std::make_unique<Impl>();
  impl->acceptor = std::move(acceptor);
  return std::unique_ptr<BootstrapForwarder>(new BootstrapForwarder(std::move(impl), address));
}

}  // namespace caseflow::kafka
