// The outbound JSON writer, envelopes and RFC 3339 times: output must be valid JSON that Boost
// reads back to the same values.
#include "engine/events/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <optional>
#include <random>

#include "engine/events/envelope.h"
#include "engine/time/rfc3339.h"

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

// The plain way of escaping, one byte at a time: the fast writer must give the same bytes.
std::string reference_json_string(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

TEST(JsonWriter, EscapesLikeTheByteByByteReferenceAtEveryPosition) {
  std::mt19937 rng(7);
  const char alphabet[] = {'a',    'Z',    ' ',    '"',    '\\',   '\n', '\t', '\x01',
                           '\x1f', '\x7f', '\x80', '\xe4', '\xff', '/',  '0'};
  for (int round = 0; round < 2000; ++round) {
    std::string text(rng() % 40, 'x');
    for (char& c : text)
      if (rng() % 3 == 0) c = alphabet[rng() % sizeof alphabet];
    std::string out;
    append_json_string(out, text);
    ASSERT_EQ(out, reference_json_string(text)) << round;
    std::string field;
    JsonWriter w(field);
    w.field("k", text);
    ASSERT_EQ(field, "\"k\":" + reference_json_string(text)) << round;
  }
  EXPECT_EQ(json_safe_prefix("abcdefghij\"kl"), 10u);
  EXPECT_EQ(json_safe_prefix("abcdefghijkl"), 12u);
}

TEST(JsonWriter, FusedFieldsEqualKeyThenValue) {
  const Instant t = Instant::from_unix_seconds(1775527200) + Duration::millis(5);
  std::string fused, plain;
  JsonWriter a(fused), b(plain);
  a.begin_object();
  b.begin_object();
  a.field("t", t, Duration::hours(8));
  b.key("t");
  b.time(t, Duration::hours(8));
  a.field("n", int64_t{-7});
  b.key("n");
  b.number(-7);
  a.field("b", false);
  b.key("b");
  b.boolean(false);
  a.field(std::string(300, 'k'), std::string(300, 'v'));  // longer than the scratch space
  b.key(std::string(300, 'k'));
  b.string(std::string(300, 'v'));
  a.end_object();
  b.end_object();
  EXPECT_EQ(fused, plain);
  EXPECT_NE(fused.find("\"t\":\"2026-04-07T10:00:00.005+08:00\""), std::string::npos);
  EXPECT_TRUE(boost::json::parse(fused).is_object());
}

TEST(JsonWriter, DecimalsReadBackExactly) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.decimal(39.9);
  w.decimal(0.1 + 0.2);
  w.decimal(std::nan(""));
  w.end_array();
  EXPECT_EQ(out, "[39.9,0.30000000000000004,null]");
}

TEST(Envelope, TheEnvelopeWriterWritesWhatBeginEnvelopeWrites) {
  const Instant t = Instant::from_unix_seconds(1775527200);
  for (const std::string_view source : {"/caseflow/engine", "/with \"quotes\""}) {
    const EnvelopeWriter writer(source);
    for (const std::string_view subject : {"c1", "c \"odd\" \n id", ""}) {
      const std::string id = std::string(subject) + "-3";
      std::string fast, plain;
      JsonWriter a(fast), b(plain);
      writer.begin(a, id, "caseflow.case.updated", subject, t, Duration::hours(8));
      begin_envelope(b, {id, source, "caseflow.case.updated", subject, t, Duration::hours(8)});
      for (JsonWriter* w : {&a, &b}) {
        w->begin_object();
        w->field("x", int64_t{1});
        w->end_object();
        end_envelope(*w);
      }
      EXPECT_EQ(fast, plain) << subject;
      EXPECT_EQ(boost::json::parse(fast).at("subject").as_string(), subject);
    }
  }
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

// Events write times as envelopes do (a zero offset as "Z"); they read them with the one parser.
std::string event_time(Instant t, Duration utc_offset = {}) {
  std::string out;
  append_rfc3339(out, t, utc_offset, ZeroOffset::z);
  return out;
}

std::optional<Instant> parsed(std::string_view text) {
  const auto result = parse_rfc3339(text);
  return result.ok() ? std::optional<Instant>(*result) : std::nullopt;
}

TEST(Rfc3339, FormatsAndParses) {
  const Instant t = Instant::from_unix_seconds(1775527200);  // 2026-04-07T02:00:00Z
  EXPECT_EQ(event_time(t), "2026-04-07T02:00:00Z");
  EXPECT_EQ(event_time(t, Duration::hours(8)), "2026-04-07T10:00:00+08:00");
  EXPECT_EQ(event_time(t + Duration::millis(250), Duration::hours(8)),
            "2026-04-07T10:00:00.250+08:00");
  EXPECT_EQ(event_time(Instant::from_unix_seconds(0), Duration::hours(-5)),
            "1969-12-31T19:00:00-05:00");
  EXPECT_EQ(parsed("2026-04-07T10:00:00+08:00"), t);
  EXPECT_EQ(parsed("2026-04-07T02:00:00Z"), t);
  EXPECT_EQ(parsed("2026-04-07T10:00:00.250+08:00"), t + Duration::millis(250));
  EXPECT_EQ(parsed("2024-02-29T00:00:00Z"), Instant::from_unix_seconds(1709164800));
  for (const char* bad : {"", "2026-04-07", "2026-13-01T00:00:00Z", "2026-04-07T10:00:00",
                          "2026-04-07T10:00:00+0800", "2026-04-07T10:00:00Zjunk"})
    EXPECT_FALSE(parsed(bad)) << bad;
}

}  // namespace
}  // namespace caseflow::events
