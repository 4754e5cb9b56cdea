#include "engine/time/span.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace caseflow {
namespace {

using U = Span::Unit;

struct SpanCase {
  const char* text;
  std::optional<Span> expected;
};

TEST(ParseSpan, ReadsEveryUnitAndRefusesEverythingElse) {
  const SpanCase cases[] = {
      {"45s", Span{U::seconds, 45}},
      {"30m", Span{U::minutes, 30}},
      {"2h", Span{U::hours, 2}},
      {"3d", Span{U::days, 3}},
      {"1 workday", Span{U::workdays, 1}},
      {"5 workdays", Span{U::workdays, 5}},
      {"1workday", Span{U::workdays, 1}},
      {"4 workhours", Span{U::workhours, 4}},
      {"1 workhour", Span{U::workhours, 1}},
      {"2 h", Span{U::hours, 2}},
      {"3650d", Span{U::days, 3650}},
      {"87600 workhours", Span{U::workhours, 87600}},
      {"0h", std::nullopt},
      {"-2h", std::nullopt},
      {"+2h", std::nullopt},
      {"2", std::nullopt},
      {"h", std::nullopt},
      {"", std::nullopt},
      {"2H", std::nullopt},
      {"2 hours", std::nullopt},
      {"1.5h", std::nullopt},
      {" 2h", std::nullopt},
      {"2h ", std::nullopt},
      {"2 work days", std::nullopt},
      {"3651d", std::nullopt},
      {"3651 workdays", std::nullopt},
      {"99999999999999999999s", std::nullopt},
      {"2h30m", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parse_span(c.text), c.expected) << "input: '" << c.text << "'";
  }
}

TEST(SpanToString, IsCanonicalAndReadsBack) {
  EXPECT_EQ(to_string(Span{U::seconds, 45}), "45s");
  EXPECT_EQ(to_string(Span{U::minutes, 30}), "30m");
  EXPECT_EQ(to_string(Span{U::hours, 2}), "2h");
  EXPECT_EQ(to_string(Span{U::days, 3}), "3d");
  EXPECT_EQ(to_string(Span{U::workdays, 1}), "1 workday");
  EXPECT_EQ(to_string(Span{U::workdays, 5}), "5 workdays");
  EXPECT_EQ(to_string(Span{U::workhours, 1}), "1 workhour");
  EXPECT_EQ(to_string(Span{U::workhours, 4}), "4 workhours");
  for (const char* text : {"45s", "30m", "2h", "3d", "1 workday", "13 workdays", "4 workhours"}) {
    const auto span = parse_span(text);
    ASSERT_TRUE(span.has_value()) << text;
    EXPECT_EQ(to_string(*span), text);
    EXPECT_EQ(parse_span(to_string(*span)), span);
  }
}

TEST(SpanIsValid, MatchesWhatParseAccepts) {
  EXPECT_TRUE((Span{U::days, 3650}).is_valid());
  EXPECT_FALSE((Span{U::days, 3651}).is_valid());
  EXPECT_TRUE((Span{U::seconds, 3650 * 86400}).is_valid());
  EXPECT_FALSE((Span{U::workhours, 0}).is_valid());
  EXPECT_FALSE((Span{U::workdays, -1}).is_valid());
}

TEST(SpanCalendarDuration, IsTheFixedLength) {
  EXPECT_EQ(parse_span("45s")->calendar_duration(), Duration::seconds(45));
  EXPECT_EQ(parse_span("30m")->calendar_duration(), Duration::minutes(30));
  EXPECT_EQ(parse_span("2h")->calendar_duration(), Duration::hours(2));
  EXPECT_EQ(parse_span("7d")->calendar_duration(), Duration::days(7));
  EXPECT_FALSE(parse_span("7d")->is_working_time());
  EXPECT_TRUE(parse_span("1 workday")->is_working_time());
  EXPECT_TRUE(parse_span("4 workhours")->is_working_time());
  // Nominal sizes for working spans, good for comparing limits only.
  EXPECT_EQ(parse_span("4 workhours")->calendar_duration(), Duration::hours(4));
  EXPECT_EQ(parse_span("2 workdays")->calendar_duration(), Duration::days(2));
}

}  // namespace
}  // namespace caseflow
