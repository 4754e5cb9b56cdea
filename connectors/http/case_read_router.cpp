#include "connectors/http/case_read_router.h"

#include <boost/asio/post.hpp>
#include <memory>

namespace caseflow::http {

CaseReadRouter::CaseReadRouter(boost::asio::io_context& io, FindOwner find_owner,
                               ForwarderOptions options)
    : io_(io), find_owner_(std::move(find_owner)), forwarder_(io, std::move(options)) {}

void CaseReadRouter::route(const Request& request, std::string case_id, Responder respond,
                           Fallback fallback) {
  // A forwarded request is never forwarded again: two instances that both believe the other
  // owns the case would otherwise bounce it between them.
  if (is_forwarded(request) || !find_owner_) return fallback(std::nullopt, std::move(respond));
  struct Pending {
    Request request;
    std::string case_id;
    Responder respond;
    Fallback fallback;
  };
  auto pending =
      std::make_shared<Pending>(Pending{request, case_id, std::move(respond), std::move(fallback)});
  find_owner_(std::move(case_id), [this, pending](std::optional<std::string> owner) {
    boost::asio::post(io_, [this, pending, owner = std::move(owner)] {
      if (!owner) {
        return pending->fallback(
            Error{"owner_unreachable", "no instance is recorded as holding case " +
                                           pending->case_id + " (partitions are being moved?)"},
            std::move(pending->respond));
      }
      forwarder_.forward(*owner, pending->request, [pending](Result<Response> answer) {
        if (answer) return pending->respond(std::move(*answer));
        pending->fallback(answer.error(), std::move(pending->respond));
      });
    });
  });
}

}  // namespace caseflow::http
