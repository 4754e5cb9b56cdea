// The wrong-credential throttle on an injected clock: when an address is locked out, for how
// long, how the penalty grows and is forgiven, and that memory stays bounded.
#include "connectors/http/auth/failure_throttle.h"

#include <gtest/gtest.h>

namespace caseflow::http::auth {
namespace {

namespace ip = boost::asio::ip;

const ip::address kGuesser = ip::make_address("203.0.113.7");
const ip::address kOther = ip::make_address("198.51.100.20");
const Instant kStart = Instant::from_unix_seconds(1'800'000'000);

ThrottleOptions ten_a_minute() {
  ThrottleOptions o;
  o.threshold = 10;
  o.window = Duration::seconds(60);
  o.first_penalty = Duration::seconds(60);
  o.max_penalty = Duration::seconds(300);
  return o;
}

// `n` failures from `who`, one a second from `from`; returns the time of the last.
Instant fail(FailureThrottle& t, const ip::address& who, int n, Instant from) {
  Instant at = from;
  for (int i = 0; i < n; ++i) {
    at = from + Duration::seconds(i);
    t.record_failure(who, at);
  }
  return at;
}

TEST(FailureThrottle, LocksAnAddressOutAtTheThresholdWithinTheWindow) {
  FailureThrottle t(ten_a_minute());
  Instant last = fail(t, kGuesser, 9, kStart);
  EXPECT_FALSE(t.retry_after(kGuesser, last)) << "nine failures are below the threshold";
  t.record_failure(kGuesser, last + Duration::seconds(1));
  const auto wait = t.retry_after(kGuesser, last + Duration::seconds(1));
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->whole_seconds(), 60);
  // Counting down, in whole seconds rounded up, until the lockout ends.
  EXPECT_EQ(t.retry_after(kGuesser, last + Duration::millis(30'500))->whole_seconds(), 31);
  EXPECT_FALSE(t.retry_after(kGuesser, last + Duration::seconds(61)));
}

TEST(FailureThrottle, FailuresOlderThanTheWindowDoNotCount) {
  FailureThrottle t(ten_a_minute());
  // Nine failures, then a pause longer than the window, then nine more: never ten in a minute.
  fail(t, kGuesser, 9, kStart);
  const Instant last = fail(t, kGuesser, 9, kStart + Duration::seconds(120));
  EXPECT_FALSE(t.retry_after(kGuesser, last));
  // A slow guesser, one failure every seven seconds, never has ten within a minute either.
  FailureThrottle slow(ten_a_minute());
  for (int i = 0; i < 50; ++i) slow.record_failure(kGuesser, kStart + Duration::seconds(7 * i));
  EXPECT_FALSE(slow.retry_after(kGuesser, kStart + Duration::seconds(7 * 49)));
}

TEST(FailureThrottle, OtherAddressesAreUnaffected) {
  FailureThrottle t(ten_a_minute());
  const Instant last = fail(t, kGuesser, 10, kStart);
  EXPECT_TRUE(t.retry_after(kGuesser, last));
  EXPECT_FALSE(t.retry_after(kOther, last));
  EXPECT_FALSE(t.retry_after(ip::make_address("203.0.113.8"), last));
}

TEST(FailureThrottle, ThePenaltyDoublesOnContinuedFailuresUpToTheCap) {
  FailureThrottle t(ten_a_minute());
  Instant at = fail(t, kGuesser, 10, kStart);
  ASSERT_EQ(t.retry_after(kGuesser, at)->whole_seconds(), 60);
  // Each time the lockout ends, one more wrong guess within the window locks it again, for
  // twice as long: 120, 240, then the cap of 300.
  for (int64_t expected : {120, 240, 300, 300}) {
    at = at + *t.retry_after(kGuesser, at);
    ASSERT_FALSE(t.retry_after(kGuesser, at));
    t.record_failure(kGuesser, at + Duration::seconds(5));
    const auto wait = t.retry_after(kGuesser, at + Duration::seconds(5));
    ASSERT_TRUE(wait) << "a failure right after a lockout locks again at once";
    EXPECT_EQ(wait->whole_seconds(), expected);
    at = at + Duration::seconds(5);
  }
}

TEST(FailureThrottle, AQuietWindowAfterALockoutForgivesIt) {
  FailureThrottle t(ten_a_minute());
  Instant at = fail(t, kGuesser, 10, kStart);
  at = at + *t.retry_after(kGuesser, at);  // the lockout ends
  // A window without failures, then one failure: not locked, and the next lockout is short.
  at = at + Duration::seconds(61);
  t.record_failure(kGuesser, at);
  EXPECT_FALSE(t.retry_after(kGuesser, at));
  at = fail(t, kGuesser, 9, at + Duration::seconds(1));
  ASSERT_TRUE(t.retry_after(kGuesser, at));
  EXPECT_EQ(t.retry_after(kGuesser, at)->whole_seconds(), 60);
}

TEST(FailureThrottle, FailuresDuringALockoutDoNotLengthenIt) {
  FailureThrottle t(ten_a_minute());
  const Instant at = fail(t, kGuesser, 10, kStart);
  fail(t, kGuesser, 30, at + Duration::seconds(1));
  EXPECT_EQ(t.retry_after(kGuesser, at)->whole_seconds(), 60);
}

TEST(FailureThrottle, IPv6CountsByItsSlash64AndMappedIPv4AsIPv4) {
  FailureThrottle t(ten_a_minute());
  // Ten failures from ten addresses of one /64: one host rotating its interface id.
  for (int i = 0; i < 10; ++i) {
    t.record_failure(ip::make_address("2001:db8:1:2::" + std::to_string(i + 1)),
                     kStart + Duration::seconds(i));
  }
  const Instant at = kStart + Duration::seconds(10);
  EXPECT_TRUE(t.retry_after(ip::make_address("2001:db8:1:2:ffff::9"), at));
  EXPECT_FALSE(t.retry_after(ip::make_address("2001:db8:1:3::1"), at));
  // The same IPv4 client seen through a dual-stack socket.
  fail(t, ip::make_address("::ffff:203.0.113.7"), 10, kStart);
  EXPECT_TRUE(t.retry_after(kGuesser, at));
}

TEST(FailureThrottle, TracksAtMostMaxAddressesEvictingTheLeastRecentlySeen) {
  ThrottleOptions o = ten_a_minute();
  o.max_addresses = 100;
  FailureThrottle t(o);
  const Instant locked_at = fail(t, kGuesser, 10, kStart);
  ASSERT_TRUE(t.retry_after(kGuesser, locked_at));
  for (int i = 0; i < 1'000; ++i) {
    t.record_failure(ip::address_v4(0x0a000000u + static_cast<uint32_t>(i)), locked_at);
    ASSERT_LE(t.tracked_addresses(), 100u);
  }
  EXPECT_EQ(t.tracked_addresses(), 100u);
  EXPECT_FALSE(t.retry_after(kGuesser, locked_at)) << "the oldest address was evicted";
  // The most recent ones are still tracked.
  t.record_failure(ip::address_v4(0x0a000000u + 999), locked_at);
  EXPECT_EQ(t.tracked_addresses(), 100u);
}

TEST(FailureThrottle, AThresholdOfZeroNeverLocksOut) {
  ThrottleOptions o = ten_a_minute();
  o.threshold = 0;
  FailureThrottle t(o);
  const Instant at = fail(t, kGuesser, 1'000, kStart);
  EXPECT_FALSE(t.retry_after(kGuesser, at));
  EXPECT_EQ(t.tracked_addresses(), 0u);
}

}  // namespace
}  // namespace caseflow::http::auth
