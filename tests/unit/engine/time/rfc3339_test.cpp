#include "engine/time/rfc3339.h"

#include <gtest/gtest.h>

namespace caseflow {
namespace {

// 2026-11-26T01:30:00Z, counted by hand: 2026-01-01 is day 20,454 after 1970-01-01, and
// 2026-11-26 is 304 + 25 days later (January to October have 304 days).
constexpr Instant kThursdayMorning =
    Instant::from_unix_seconds(int64_t{20'454 + 304 + 25} * 86'400 + 5'400);

TEST(Rfc3339, FormatsAtAnOffset) {
  EXPECT_EQ(format_rfc3339(kThursdayMorning, Duration::hours(8)), "2026-11-26T09:30:00+08:00");
  EXPECT_EQ(format_rfc3339(kThursdayMorning, Duration()), "2026-11-26T01:30:00+00:00");
  EXPECT_EQ(format_rfc3339(kThursdayMorning, Duration::hours(-5)), "2026-11-25T20:30:00-05:00");
  EXPECT_EQ(format_rfc3339(kThursdayMorning, Duration::minutes(5 * 60 + 45)),
            "2026-11-26T07:15:00+05:45");
  EXPECT_EQ(format_rfc3339_utc(kThursdayMorning), "2026-11-26T01:30:00Z");
  EXPECT_EQ(format_rfc3339_utc(kThursdayMorning + Duration::millis(250)),
            "2026-11-26T01:30:00.250Z");
  EXPECT_EQ(format_rfc3339_utc(Instant()), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(Instant::from_unix_millis(-1)), "1969-12-31T23:59:59.999Z");
}

TEST(Rfc3339, ParsesAnyOffsetToTheSameInstant) {
  for (const char* text :
       {"2026-11-26T09:30:00+08:00", "2026-11-26T01:30:00Z", "2026-11-26T01:30:00z",
        "2026-11-26t01:30:00+00:00", "2026-11-26 01:30:00-00:00", "2026-11-25T20:30:00-05:00",
        "2026-11-26T07:15:00+05:45", "2026-11-26T01:30:00.000Z"}) {
    const auto parsed = parse_rfc3339(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
    EXPECT_EQ(*parsed, kThursdayMorning) << text;
  }
}

TEST(Rfc3339, FractionsAreTruncatedToMilliseconds) {
  EXPECT_EQ(*parse_rfc3339("2026-11-26T01:30:00.5Z"), kThursdayMorning + Duration::millis(500));
  EXPECT_EQ(*parse_rfc3339("2026-11-26T01:30:00.123999Z"),
            kThursdayMorning + Duration::millis(123));
}

TEST(Rfc3339, RoundTrips) {
  for (int64_t ms : {int64_t{0}, int64_t{1'767'225'600'000}, int64_t{1'798'761'599'999},
                     int64_t{951'782'400'123}, int64_t{-86'400'000}}) {
    const Instant t = Instant::from_unix_millis(ms);
    for (Duration offset :
         {Duration(), Duration::hours(8), Duration::hours(-11), Duration::minutes(330)}) {
      const std::string text = format_rfc3339(t, offset);
      const auto back = parse_rfc3339(text);
      ASSERT_TRUE(back.ok()) << text;
      EXPECT_EQ(*back, t) << text;
    }
    EXPECT_EQ(*parse_rfc3339(format_rfc3339_utc(t)), t);
  }
}

TEST(Rfc3339, LeapDayExistsOnlyInLeapYears) {
  EXPECT_TRUE(parse_rfc3339("2028-02-29T00:00:00Z").ok());
  EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z").ok());
  EXPECT_FALSE(parse_rfc3339("2100-02-29T00:00:00Z").ok());
  EXPECT_TRUE(parse_rfc3339("2000-02-29T00:00:00Z").ok());
}

TEST(Rfc3339, RefusesWhatIsNotATimestamp) {
  for (const char* text : {"", "2026-11-26", "2026-11-26T09:30:00", "2026-11-26T09:30+08:00",
                           "2026-11-26T09:30:00+0800", "2026-11-26T09:30:00+08",
                           "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-26T24:00:00Z",
                           "2026-11-26T09:60:00Z", "2026-12-31T23:59:60Z", "2026-11-26T09:30:00.Z",
                           "2026-11-26T09:30:00Z ", "2026-11-26T09:30:00+24:00",
                           "26-11-26T09:30:00Z", "2026/11/26T09:30:00Z", "2026-11-26X09:30:00Z"}) {
    const auto parsed = parse_rfc3339(text);
    EXPECT_FALSE(parsed.ok()) << "'" << text << "' was accepted";
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().code, "bad_timestamp");
    }
  }
  EXPECT_EQ(parse_rfc3339("2026-12-31T23:59:60Z").error().message,
            "'2026-12-31T23:59:60Z' is not an RFC 3339 timestamp: leap seconds are not supported");
}

TEST(Rfc3339, AZeroOffsetIsWrittenAsEachWriterChooses) {
  // Records on Kafka say "Z"; a calendar's view says "+00:00". Other offsets read the same.
  std::string events;
  append_rfc3339(events, kThursdayMorning, Duration(), ZeroOffset::z);
  EXPECT_EQ(events, "2026-11-26T01:30:00Z");
  std::string view;
  append_rfc3339(view, kThursdayMorning, Duration(), ZeroOffset::numeric);
  EXPECT_EQ(view, format_rfc3339(kThursdayMorning, Duration()));
  for (ZeroOffset zero : {ZeroOffset::z, ZeroOffset::numeric}) {
    char buf[kMaxRfc3339Length];
    const std::size_t n = write_rfc3339(buf, kThursdayMorning, Duration::hours(8), zero);
    EXPECT_EQ(std::string(buf, n), "2026-11-26T09:30:00+08:00");
  }
}

TEST(Rfc3339, TheEndsOfTheTimelineAreClampedToYearsRfc3339CanWrite) {
  char buf[kMaxRfc3339Length];
  std::size_t n = write_rfc3339(buf, Instant::max(), Duration::hours(8), ZeroOffset::z);
  EXPECT_EQ(std::string(buf, n), "9999-12-31T23:59:59.999+08:00");
  n = write_rfc3339(buf, Instant::from_unix_millis(INT64_MIN), Duration::hours(-8), ZeroOffset::z);
  EXPECT_EQ(std::string(buf, n), "0000-01-01T00:00:00-08:00");
}

TEST(Rfc3339, OffsetsBeyondAnHourAndMinuteAreRefused) {
  for (const char* text : {"2026-11-26T09:30:00+08:60", "2026-11-26T09:30:00-24:00"}) {
    const auto parsed = parse_rfc3339(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().message,
              "'" + std::string(text) + "' is not an RFC 3339 timestamp: offset out of range");
  }
}

}  // namespace
}  // namespace caseflow
