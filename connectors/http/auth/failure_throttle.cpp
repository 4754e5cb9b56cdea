#include "connectors/http/auth/failure_throttle.h"

#include <algorithm>

namespace caseflow::http::auth {

namespace ip = boost::asio::ip;

FailureThrottle::FailureThrottle(ThrottleOptions options) : options_(options) {
  options_.max_addresses = std::max<size_t>(options_.max_addresses, 1);
  options_.max_penalty = std::max(options_.max_penalty, options_.first_penalty);
}

FailureThrottle::Key FailureThrottle::key_of(const ip::address& address) {
  if (!address.is_v6()) return address;
  const ip::address_v6 v6 = address.to_v6();
  if (v6.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, v6);
  ip::address_v6::bytes_type bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);  // the /64
  return ip::address_v6(bytes);
}

FailureThrottle::Entry& FailureThrottle::touch(const Key& key) {
  if (auto found = by_address_.find(key); found != by_address_.end()) {
    recency_.splice(recency_.end(), recency_, found->second);
    return recency_.back();
  }
  if (by_address_.size() >= options_.max_addresses) {
    by_address_.erase(recency_.front().key);
    recency_.pop_front();
  }
  recency_.push_back(Entry{key, {}, Duration(), Instant()});
  by_address_.emplace(key, std::prev(recency_.end()));
  return recency_.back();
}

void FailureThrottle::record_failure(const ip::address& address, Instant now) {
  if (options_.threshold == 0) return;
  Entry& e = touch(key_of(address));
  if (now < e.locked_until) return;  // locked out already; its requests are not checked
  if (e.penalty > Duration()) {
    if (now - e.locked_until < options_.window) {
      // Guessing on right after a lockout: locked out again at once, for longer.
      e.penalty = std::min(e.penalty * 2, options_.max_penalty);
      e.locked_until = now + e.penalty;
      e.failures.clear();
      return;
    }
    e.penalty = Duration();  // a quiet window after the lockout: forgiven
  }
  while (!e.failures.empty() && now - e.failures.front() >= options_.window) {
    e.failures.pop_front();
  }
  e.failures.push_back(now);
  if (e.failures.size() >= options_.threshold) {
    e.penalty = options_.first_penalty;
    e.locked_until = now + e.penalty;
    e.failures.clear();
  }
}

std::optional<Duration> FailureThrottle::retry_after(const ip::address& address,
                                                     Instant now) const {
  const auto found = by_address_.find(key_of(address));
  if (found == by_address_.end()) return std::nullopt;
  const Entry& e = *found->second;
  if (now >= e.locked_until) return std::nullopt;
  const int64_t ms = (e.locked_until - now).millis();
  return Duration::seconds((ms + 999) / 1000);  // rounded up: a client waiting this long may try
}

}  // namespace caseflow::http::auth
