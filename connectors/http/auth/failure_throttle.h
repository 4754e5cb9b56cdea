// Slows down guessing: a client address that keeps presenting wrong credentials (tokens, JWTs,
// Open311 api_keys) is locked out for a while, and every request from it that needs a credential
// answers 429 with Retry-After until the lockout ends (docs/security.md, "Wrong credentials").
//
// The rules, for one address:
//   - `threshold` failures within `window` lock it out for `first_penalty`;
//   - a failure within `window` after a lockout ended locks it out again at once, for twice the
//     previous penalty, up to `max_penalty`; a window without failures after a lockout forgives
//     it (the next lockout starts at `first_penalty` again);
//   - a success does not end a lockout early: the address cannot learn, while locked out, which
//     of its guesses would have worked (it is never asked, see Api::authenticate).
// IPv4-mapped IPv6 addresses count as their IPv4 address, and IPv6 addresses by their /64, which
// one host usually holds whole.
//
// Memory is bounded: at most `max_addresses` addresses are tracked; a new one evicts the one
// seen least recently (a flood of fresh addresses can make the throttle forget a guesser, never
// grow without bound). Pure: time is passed in. Not thread-safe: use it from one thread (the
// HTTP io_context's).
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <deque>
#include <list>
#include <map>
#include <optional>

#include "engine/time/instant.h"

namespace caseflow::http::auth {

struct ThrottleOptions {
  size_t threshold = 10;  // failures within `window` that lock an address out; 0 = never
  Duration window = Duration::seconds(60);
  Duration first_penalty = Duration::seconds(60);
  Duration max_penalty = Duration::minutes(15);
  size_t max_addresses = 10'000;
};

class FailureThrottle {
 public:
  explicit FailureThrottle(ThrottleOptions options);

  // Notes a wrong credential from `address` at `now`.
  void record_failure(const boost::asio::ip::address& address, Instant now);
  // While `address` is locked out: the whole seconds until it may try again (at least 1);
  // nullopt when it may try now.
  std::optional<Duration> retry_after(const boost::asio::ip::address& address, Instant now) const;

  size_t tracked_addresses() const { return by_address_.size(); }
  const ThrottleOptions& options() const { return options_; }

 private:
  // The key of `address`: IPv4, or the /64 of an IPv6 address (v4-mapped ones as IPv4).
  using Key = boost::asio::ip::address;
  static Key key_of(const boost::asio::ip::address& address);

  struct Entry {
    Key key;
    std::deque<Instant> failures;  // within the window, oldest first; fewer than threshold
    Duration penalty;              // of the last lockout; zero = none to remember
    Instant locked_until;
  };
  using Recency = std::list<Entry>;  // least recently seen first

  // The entry of `key`, made (evicting the least recently seen at the cap) if absent, and
  // moved to the most recent end.
  Entry& touch(const Key& key);

  ThrottleOptions options_;
  Recency recency_;
  std::map<Key, Recency::iterator> by_address_;
};

}  // namespace caseflow::http::auth
