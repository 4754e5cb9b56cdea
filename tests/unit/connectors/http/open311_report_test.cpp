// An Open311 report read as a typed value and written once as its caseflow.case.reported event:
// what is refused (and in which order), and that what is accepted decodes as the engine decodes
// it. The server no longer decodes its own event, so these tests stand in for that check.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <vector>

#include "connectors/http/open311_report.h"
#include "connectors/http/utf8.h"
#include "engine/events/case_event_decoder.h"
#include "engine/events/phone_mask.h"

namespace caseflow::http {
namespace {

bool offered(std::string_view code) { return code == "parking.illegal"; }

Result<Open311Report> read(const std::string& form) {
  auto fields = parse_form(form);
  EXPECT_TRUE(fields) << form;
  return read_open311_report(fields ? *fields : FormFields{}, offered);
}

std::string refusal(const std::string& form) {
  auto r = read(form);
  return r ? std::string("accepted") : r.error().message;
}

bool json_parser_accepts(const std::string& text) {
  boost::system::error_code ec;
  boost::json::parse("\"" + text + "\"", ec);
  return !ec;
}

TEST(Utf8, AgreesWithTheJsonParserTheEngineDecodesWith) {
  const std::string ascii_run = "abcdefghijklmnop";  // long enough for the eight-byte steps
  const std::vector<std::string> samples = {
      "",
      "plain words",
      "\xE4\xB8\xAD\xE6\x96\x87",  // 中文
      "\xF0\x9F\x9A\x97",          // U+1F697, four bytes
      "\xC2\xA0",                  // U+00A0, the smallest two-byte form
      "\xEF\xBF\xBF",              // U+FFFF
      "\xF4\x8F\xBF\xBF",          // U+10FFFF, the last code point
      "\xC0\x80",                  // overlong NUL
      "\xC1\xBF",                  // overlong
      "\xE0\x80\x80",              // overlong three-byte form
      "\xE0\x9F\xBF",              // overlong three-byte form
      "\xF0\x8F\xBF\xBF",          // overlong four-byte form
      "\xED\xA0\x80",              // a surrogate (U+D800)
      "\xED\x9F\xBF",              // U+D7FF, just below the surrogates
      "\xF4\x90\x80\x80",          // above U+10FFFF
      "\xF5\x80\x80\x80",          // never a lead byte
      "\xFF",
      "\x80",                      // a continuation byte alone
      "\xE4\xB8",                  // cut short
      "\xE4\x41\xAD",              // a lead byte followed by ASCII
      ascii_run + "\xE4\xB8\xAD",  // valid after the fast path
      ascii_run + "\xFF",          // invalid after the fast path
      ascii_run + "\xE4\xB8",      // cut short after the fast path
  };
  for (const auto& s : samples) {
    EXPECT_EQ(valid_utf8(s), json_parser_accepts(s)) << "bytes: " << testing::PrintToString(s);
  }
  EXPECT_TRUE(valid_utf8("\xE4\xB8\xAD"));
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));
}

TEST(Utf8, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xE4\xB8\xAD\xE6\x96\x87"), 2u);
  EXPECT_EQ(utf8_length("\xF0\x9F\x9A\x97x"), 2u);
}

TEST(Open311Report, ReadsEveryFieldIntoTheTypedValue) {
  auto r = read(
      "service_code=parking.illegal&lat=30.005&long=120.015&attribute[datum]=gcj02"
      "&address_string=East+Square+3&attribute[grid_id]=G01&description=car+on+the+pavement"
      "&attribute[urgency]=urgent&phone=13812345678&attribute[request_type]=help");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->request_type, definition::RequestType::help);
  EXPECT_EQ(r->service_code, "parking.illegal");
  ASSERT_TRUE(r->location);
  EXPECT_DOUBLE_EQ(r->location->lat, 30.005);
  EXPECT_DOUBLE_EQ(r->location->lon, 120.015);
  EXPECT_EQ(r->location->datum, geo::Datum::gcj02);
  EXPECT_EQ(r->address, "East Square 3");
  EXPECT_EQ(r->grid_id, "G01");
  EXPECT_EQ(r->description, "car on the pavement");
  EXPECT_EQ(r->urgency, definition::Urgency::urgent);
  EXPECT_EQ(r->phone, "13812345678");

  auto plain = read("service_code=parking.illegal&attribute[grid_id]=G02");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->location);
  EXPECT_EQ(plain->urgency, definition::Urgency::normal);
  EXPECT_EQ(plain->request_type, definition::RequestType::none);
  EXPECT_EQ(plain->phone, "");
}

TEST(Open311Report, RefusesWhatOpen311AndTheEngineWouldRefuse) {
  EXPECT_EQ(refusal("attribute[grid_id]=G01"), "service_code is required");
  EXPECT_EQ(refusal("service_code=&attribute[grid_id]=G01"), "service_code is required");
  // The service is checked before the rest of the form.
  EXPECT_EQ(refusal("service_code=no.such"), "unknown service_code no.such");
  EXPECT_EQ(refusal("service_code=parking.illegal&lat=30"),
            "lat and long must both be given, as decimal degrees");
  EXPECT_EQ(refusal("service_code=parking.illegal&lat=91&long=120"),
            "lat and long must both be given, as decimal degrees");
  EXPECT_EQ(refusal("service_code=parking.illegal&lat=30&long=east"),
            "lat and long must both be given, as decimal degrees");
  EXPECT_EQ(refusal("service_code=parking.illegal&description=x"),
            "a location is required: lat and long, address_string, or attribute[grid_id]");
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G01&description=" +
                    std::string(4001, 'x')),
            "description is longer than 4000 characters");
  std::string chinese;
  for (int i = 0; i < 4000; ++i) chinese += "%E4%B8%AD";
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G01&description=" + chinese),
            "accepted");
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G01&attribute[urgency]=now"),
            "attribute[urgency] must be normal, urgent or emergency");
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G01"
                    "&attribute[request_type]=praise"),
            "attribute[request_type] must be consultation, help, complaint, suggestion or report");
  EXPECT_EQ(refusal("service_code=parking.illegal&lat=30&long=120&attribute[datum]=GCJ-02"),
            "attribute[datum] must be wgs84, gcj02 or bd09");
  // Bytes that are not UTF-8 would make the event unreadable to the engine.
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G01&description=%FF"),
            "description is not valid UTF-8");
  EXPECT_EQ(refusal("service_code=parking.illegal&address_string=%C0%80"),
            "address_string is not valid UTF-8");
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G%ED%A0%80"),
            "attribute[grid_id] is not valid UTF-8");
  EXPECT_EQ(refusal("service_code=parking.illegal&attribute[grid_id]=G01&phone=%E4%B8"),
            "phone is not valid UTF-8");
  EXPECT_EQ(read("service_code=no.such").error().code, "bad_request");
}

TEST(Open311Report, TheEventIsWrittenOnceInTheFormItHasAlwaysHad) {
  auto r = read(
      "service_code=parking.illegal&lat=30.005&long=120.015&address_string=East+Square+3"
      "&description=say+%22hi%22&attribute[urgency]=emergency");
  ASSERT_TRUE(r);
  std::string event;
  write_reported_event(event, *r,
                       {"t1-20261126-0k3x9q2a000", "/open311", Instant::from_unix_millis(0)});
  EXPECT_EQ(event,
            R"({"specversion":"1.0","id":"t1-20261126-0k3x9q2a000-reported","source":"/open311",)"
            R"("type":"caseflow.case.reported","subject":"t1-20261126-0k3x9q2a000",)"
            R"("time":"1970-01-01T00:00:00Z","datacontenttype":"application/json",)"
            R"("principal":"resident:open311",)"
            R"("data":{"category":"parking.illegal","description":"say \"hi\"",)"
            R"("location":{"lat":30.00500000,"lon":120.01500000,"datum":"wgs84"},)"
            R"("address":"East Square 3","urgency":"emergency","channel":"open311",)"
            R"("reporter":"anonymous"}})");
}

TEST(Open311Report, WhatIsAcceptedDecodesAsTheEngineDecodesIt) {
  const std::vector<std::string> forms = {
      "service_code=parking.illegal&attribute[grid_id]=G01",
      "service_code=parking.illegal&lat=-89.999999999&long=179.9999999999&attribute[datum]=bd09"
      "&description=%E4%B8%AD%F0%9F%9A%97%00%01+tab%09&phone=13812345678",
      "service_code=parking.illegal&address_string=%5C%22quoted%22&attribute[urgency]=urgent",
      "service_code=parking.illegal&attribute[grid_id]=G01&attribute[request_type]=consultation",
  };
  for (const auto& form : forms) {
    auto r = read(form);
    ASSERT_TRUE(r) << form << ": " << r.error().message;
    std::string event;
    write_reported_event(event, *r,
                         {"t1-x", "/open311", Instant::from_unix_millis(1'700'000'000'000)});
    auto decoded = events::decode_case_event(event);
    ASSERT_TRUE(decoded) << form << " -> " << event << ": " << decoded.error().message;
    EXPECT_EQ(decoded->type, events::EventType::reported);
    EXPECT_EQ(decoded->case_id, "t1-x");
    EXPECT_EQ(decoded->event_id, "t1-x-reported");
    EXPECT_EQ(decoded->source, "/open311");
    EXPECT_EQ(decoded->principal, "resident:open311");
    EXPECT_EQ(decoded->category, r->service_code);
    EXPECT_EQ(decoded->grid_id, r->grid_id);
    EXPECT_EQ(decoded->address, r->address);
    EXPECT_EQ(decoded->urgency, r->urgency);
    EXPECT_EQ(decoded->request_type, r->request_type);
    EXPECT_EQ(decoded->channel, "open311");
    EXPECT_EQ(decoded->location.has_value(), r->location.has_value());
    if (r->location) {
      EXPECT_NEAR(decoded->location->lat, r->location->lat, 1e-8);
      EXPECT_NEAR(decoded->location->lon, r->location->lon, 1e-8);
      EXPECT_EQ(decoded->location->datum, static_cast<uint8_t>(r->location->datum));
    }
    // The engine masks phone numbers as it decodes; the reporter is never the raw number.
    EXPECT_EQ(decoded->reporter, r->phone.empty() ? "anonymous" : events::mask_phone(r->phone));
  }
}

TEST(Open311Report, TheNumberGoesToKafkaSealedOrMaskedNeverAsGiven) {
  auto r = read("service_code=parking.illegal&attribute[grid_id]=G01&phone=13812345678");
  ASSERT_TRUE(r);
  const Instant at = Instant::from_unix_millis(1'700'000'000'000);
  std::string masked;
  write_reported_event(masked, *r, {"t1-x", "/open311", at});
  EXPECT_EQ(masked.find("13812345678"), std::string::npos) << masked;
  auto decoded = events::decode_case_event(masked);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->reporter, "138****5678");
  EXPECT_EQ(decoded->resident_phone, "") << "nothing left to seal";

  std::string sealed;
  write_reported_event(sealed, *r, {"t1-x", "/open311", at, "v1:c2VhbGVk"});
  EXPECT_EQ(sealed.find("13812345678"), std::string::npos) << sealed;
  EXPECT_NE(sealed.find(R"("reporter":{"sealed_phone":"v1:c2VhbGVk"})"), std::string::npos)
      << sealed;
  decoded = events::decode_case_event(sealed);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->sealed_phone, "v1:c2VhbGVk");
}

TEST(Open311Report, AnEventSourceMustBeNonEmptyUtf8) {
  EXPECT_TRUE(valid_event_source("/open311"));
  EXPECT_FALSE(valid_event_source(""));
  EXPECT_FALSE(valid_event_source("/\xFF"));
}

}  // namespace
}  // namespace caseflow::http
