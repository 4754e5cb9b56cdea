// A fixed, typeable bootstrap address for the embedded broker (e.g. 127.0.0.1:9092).
//
// The mock cluster listens on ephemeral ports. Clients only need one address that answers the
// first Metadata request; the metadata then names the brokers' real addresses, which clients use
// from there on. So a plain TCP relay from the fixed port to broker 1 is all it takes.
//
// Thread rules: runs on the io_context it is given; the owner of that io_context runs and stops
// it. Construct, start and destroy from the thread that owns the io_context (or before it runs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/common/result.h"

namespace boost::asio {
class io_context;
}

namespace caseflow::kafka {

class BootstrapForwarder {
 public:
  // Relays connections on `listen` ("127.0.0.1:9092"; port 0 picks a free one) to `target`
  // ("127.0.0.1:40123"). Fails if the address is in use or unparseable.
  static Result<std::unique_ptr<BootstrapForwarder>> start(boost::asio::io_context& io,
                                                           const std::string& listen,
                                                           const std::string& target);
  ~BootstrapForwarder();

  // "127.0.0.1:9092", with the port actually bound.
  const std::string& address() const { return address_; }

 private:
  struct Impl;
  explicit BootstrapForwarder(std::unique_ptr<Impl> impl, std::string address);
  std::unique_ptr<Impl> impl_;
  std::string address_;
};

// Splits "host:port". Fails on a missing or out-of-range port.
Result<std::pair<std::string, uint16_t>> split_host_port(const std::string& address);

}  // namespace caseflow::kafka
