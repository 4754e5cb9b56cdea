// The outbound JSON writer, envelopes and RFC 3339 times: output must be valid JSON that Boost
// reads back to the same values.
#include "engine/events/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "engine/events/envelope.h"
#include "engine/events/rfc3339.h"

namespace caseflow::events {
namespace {

TEST(JsonWriter, WritesValidJsonWithEscapes) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("s", "quote \" backslash \\ newline \n tab \t bell \x07 中文");
  w.field("n", int64_t{-42});
  w.field("b", true);
  w.key("a");
  w.begin_array();
  w.number(1);
  w.begin_object();
  w.end_object();
  w.null();
  w.end_array();
  w.end_object();
  const auto v = boost::json::parse(out);
  EXPECT_EQ(v.at("s").as_string(), "quote \" backslash \\ newline \n tab \t bell \x07 中文");
  EXPECT_EQ(v.at("n").as_int64(), -42);
  EXPECT_EQ(v.at("b").as_bool(), true);
  EXPECT_EQ(v.at("a").as_array().size(), 3u);
}

TEST(Envelope, IsACloudEvent) {
  std::string out;
  JsonWriter w(out);
  begin_envelope(w, {"c1-3", "/caseflow/engine", "caseflow.case.updated", "c1",
                     Instant::from_unix_seconds(1775527200), Duration::hours(8)});
  w.begin_object();
  w.field("case_id", "c1");
  w.end_object();
  end_envelope(w);
  const auto v = boost::json::parse(out);
  EXPECT_EQ(v.at("specversion").as_string(), "1.0");
  EXPECT_EQ(v.at("id").as_string(), "c1-3");
  EXPECT_EQ(v.at("type").as_string(), "caseflow.case.updated");
  EXPECT_EQ(v.at("subject").as_string(), "c1");
  EXPECT_EQ(v.at("time").as_string(), "2026-04-07T10:00:00+08:00");
  EXPECT_EQ(v.at("time").as_string(), "2026-04-07T10:00:00+08:00");
  EXPECT_EQ(v.at("datacontenttype").as_string(), "application/json");
  EXPECT_EQ(v.at("data").at("case_id").as_string(), "c1");
}

TEST(Rfc3339, FormatsAndParses) {
  const Instant t = Instant::from_unix_seconds(1775527200);  // 2026-04-07T02:00:00Z
  EXPECT_EQ(format_rfc3339(t), "2026-04-07T02:00:00Z");
  EXPECT_EQ(format_rfc3339(t, Duration::hours(8)), "2026-04-07T10:00:00+08:00");
  EXPECT_EQ(format_rfc3339(t + Duration::millis(250), Duration::hours(8)),
            "2026-04-07T10:00:00.250+08:00");
  EXPECT_EQ(format_rfc3339(Instant::from_unix_seconds(0), Duration::hours(-5)),
            "1969-12-31T19:00:00-05:00");
  EXPECT_EQ(parse_rfc3339("2026-04-07T10:00:00+08:00"), t);
  EXPECT_EQ(parse_rfc3339("2026-04-07T02:00:00Z"), t);
  EXPECT_EQ(parse_rfc3339("2026-04-07T10:00:00.250+08:00"), t + Duration::millis(250));
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), Instant::from_unix_seconds(1709164800));
  for (const char* bad : {"", "2026-04-07", "2026-13-01T00:00:00Z", "2026-04-07T10:00:00",
                          "2026-04-07T10:00:00+0800", "2026-04-07T10:00:00Zjunk"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
}

}  // namespace
}  // namespace caseflow::events
