// Where a GET of a case this instance does not hold is answered: by the instance that owns the
// case's partition (forwarded, read_forwarder.h), or here from what this instance can still read
// (the archive) when the request was forwarded already, the owner is not known or does not
// answer in time.
//
// Thread rules: route() on the io_context's thread; `respond` and `fallback` are called there,
// exactly one of them, once. The router must outlive the io_context's pending work and every
// lookup it started (stop the owner lookup's thread first).
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <optional>
#include <string>

#include "connectors/http/read_forwarder.h"

namespace caseflow::http {

class CaseReadRouter {
 public:
  using Found = std::function<void(std::optional<std::string>)>;
  // Looks up the address of the instance owning `case_id`; calls `found` once, on any thread,
  // with nullopt when unknown (PartitionOwners::find_owner).
  using FindOwner = std::function<void(std::string case_id, Found found)>;
  // Answers from this instance. `owner_problem`: why the owner was not asked or did not answer
  // (code owner_unreachable), to be answered as 503 when this instance has nothing either;
  // nullopt when the request was forwarded here (then this instance's answer is final).
  using Fallback = std::function<void(std::optional<Error> owner_problem, Responder respond)>;

  CaseReadRouter(boost::asio::io_context& io, FindOwner find_owner, ForwarderOptions options = {});

  void route(const Request& request, std::string case_id, Responder respond, Fallback fallback);

 private:
  boost::asio::io_context& io_;
  FindOwner find_owner_;
  ReadForwarder forwarder_;
};

}  // namespace caseflow::http
