// CloudEvents structured-mode decoding of inbound case events, and its error values.
#include "engine/events/case_event_decoder.h"

#include <gtest/gtest.h>

#include "engine/events/phone_mask.h"

namespace caseflow::events {
namespace {

std::string envelope(const std::string& type, const std::string& data,
                     const std::string& extra = R"("subject":"c-1",)") {
  return R"({"specversion":"1.0","id":"e-1","source":"/hotline/12345","type":")" + type + R"(",)" +
         extra +
         R"("time":"2026-11-26T09:30:00+08:00","datacontenttype":"application/json","data":)" +
         data + "}";
}

TEST(Decoder, AReportWithEverything) {
  auto r = decode_case_event(envelope(
      "caseflow.case.reported",
      R"({"category":"parking.illegal","description":"car on the fire lane, call 13812345678",
          "location":{"lat":39.9,"lon":116.4,"datum":"gcj02"},"grid_id":"g1","urgency":"urgent",
          "channel":"hotline","reporter":{"phone":"13812345678"}})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->type, EventType::reported);
  EXPECT_EQ(r->case_id, "c-1");
  EXPECT_EQ(r->event_id, "e-1");
  EXPECT_EQ(r->source, "/hotline/12345");
  EXPECT_EQ(r->category, "parking.illegal");
  EXPECT_EQ(r->description, "car on the fire lane, call 138****5678");
  EXPECT_EQ(r->reporter, "138****5678");
  // The number itself only for the runtime to seal; the engine never keeps it.
  EXPECT_EQ(r->resident_phone, "13812345678");
  EXPECT_EQ(r->sealed_phone, "");
  ASSERT_TRUE(r->location);
  EXPECT_DOUBLE_EQ(r->location->lat, 39.9);
  EXPECT_EQ(r->location->datum, 1);
  EXPECT_EQ(r->grid_id, "g1");
  EXPECT_EQ(r->urgency, definition::Urgency::urgent);
  EXPECT_EQ(r->channel, "hotline");
}

TEST(Decoder, EveryInboundTypeDecodes) {
  for (int i = 0; i < kEventTypeCount; ++i) {
    const auto type = static_cast<EventType>(i);
    std::string data = "{}";
    switch (type) {
      case EventType::reported:
        data = R"({"category":"x"})";
        break;
      case EventType::extension_requested:
        data = R"({"extend_by":"2 workdays"})";
        break;
      case EventType::extension_decided:
        data = R"({"approved":true})";
        break;
      case EventType::assist_requested:
      case EventType::assist_reported:
        data = R"({"department":"transport"})";
        break;
      case EventType::rated:
        data = R"({"solved":"partly","satisfaction":"basically"})";
        break;
      case EventType::merged:
        data = R"({"into":"c-0"})";
        break;
      case EventType::assigned:
        data = R"({"unit":"u1"})";
        break;
      case EventType::plan_filed:
        data = R"({"until":"2027-04-30T17:00:00+08:00","note":"rebuild the car park"})";
        break;
      case EventType::plan_decided:
        data = R"({"approved":false})";
        break;
      case EventType::exemption_requested:
        data = R"({"unit":"u1","reason":"the site is a building site"})";
        break;
      case EventType::exemption_decided:
      case EventType::invalid_decided:
        data = R"({"approved":false})";
        break;
      case EventType::invalid_proposed:
        data = R"({"reason":"duplicate"})";
        break;
      case EventType::return_reviewed:
        data = R"({"justified":true})";
        break;
      case EventType::merge_link:
        data = R"({"duplicate":"c-2"})";
        break;
      case EventType::merge_answer:
        data = R"({"master":"c-0","accepted":true})";
        break;
      case EventType::master_closed:
        data = R"({"master":"c-0","outcome":"withdrawn"})";
        break;
      default:
        break;
    }
    auto r = decode_case_event(envelope(std::string(type_name(type)), data));
    ASSERT_TRUE(r.ok()) << type_name(type) << ": " << r.error().message;
    EXPECT_EQ(r->type, type);
    EXPECT_EQ(parse_event_type(type_name(type)), type);
  }
}

TEST(Decoder, RequestTypesAndAnswersAtIntake) {
  auto r = decode_case_event(
      envelope("caseflow.case.reported",
               R"({"category":"x","request_type":"consultation","answered_at_intake":true,
          "note":"free after 19:00, call 13812345678"})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->request_type, definition::RequestType::consultation);
  EXPECT_TRUE(r->answered_at_intake);
  EXPECT_EQ(r->note, "free after 19:00, call 138****5678");
  for (const char* word : {"help", "complaint", "suggestion", "report"}) {
    auto typed = decode_case_event(
        envelope("caseflow.case.reported",
                 std::string(R"({"category":"x","request_type":")") + word + R"("})"));
    ASSERT_TRUE(typed.ok()) << word;
    EXPECT_EQ(to_string(typed->request_type), word);
    EXPECT_FALSE(typed->answered_at_intake);
  }
  auto plain = decode_case_event(envelope("caseflow.case.reported", R"({"category":"x"})"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->request_type, definition::RequestType::none);

  // An unknown request type names the allowed ones; an answer needs its note.
  auto unknown = decode_case_event(
      envelope("caseflow.case.reported", R"({"category":"x","request_type":"praise"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "bad_data");
  EXPECT_NE(unknown.error().message.find("praise"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("consultation, help, complaint, suggestion"),
            std::string::npos);
  auto silent = decode_case_event(
      envelope("caseflow.case.reported", R"({"category":"x","answered_at_intake":true})"));
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().code, "bad_data");
  auto not_bool = decode_case_event(
      envelope("caseflow.case.reported", R"({"category":"x","answered_at_intake":"yes"})"));
  EXPECT_FALSE(not_bool.ok());
  // Only a report carries them.
  auto signed_for = decode_case_event(
      envelope("caseflow.case.signed", R"({"request_type":"help","answered_at_intake":true})"));
  ASSERT_TRUE(signed_for.ok());
  EXPECT_EQ(signed_for->request_type, definition::RequestType::none);
  EXPECT_FALSE(signed_for->answered_at_intake);
}

TEST(Decoder, Plans) {
  auto filed = decode_case_event(
      envelope("caseflow.case.plan_filed",
               R"({"unit":"street:S1","until":"2027-04-30T17:00:00+08:00","note":"rebuild"})"));
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  ASSERT_TRUE(filed->until.has_value());
  EXPECT_EQ(*filed->until, Instant::from_unix_millis(1809075600000));
  EXPECT_EQ(filed->note, "rebuild");
  EXPECT_EQ(filed->unit, "street:S1");
  for (const char* data :
       {R"({"note":"rebuild"})", R"({"until":"next spring","note":"rebuild"})",
        R"({"until":"2027-04-30T17:00:00+08:00"})", R"({"until":7,"note":"rebuild"})"}) {
    auto bad = decode_case_event(envelope("caseflow.case.plan_filed", data));
    ASSERT_FALSE(bad.ok()) << data;
    EXPECT_EQ(bad.error().code, "bad_data") << data;
  }
  auto decided = decode_case_event(envelope("caseflow.case.plan_decided", R"({"approved":true})"));
  ASSERT_TRUE(decided.ok());
  EXPECT_TRUE(decided->approved);
  EXPECT_FALSE(decided->until.has_value());
  EXPECT_FALSE(decode_case_event(envelope("caseflow.case.plan_decided", "{}")).ok());
}

TEST(Decoder, ThePrincipalAttributeSaysWhoActs) {
  auto r = decode_case_event(
      envelope("caseflow.case.signed", "{}", R"("subject":"c-1","principal":"unit:grid:G02",)"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->principal, "unit:grid:G02");
  EXPECT_EQ(r->source, "/hotline/12345");
  // Absent, or not a string: none (the engine then takes the source as the actor).
  r = decode_case_event(envelope("caseflow.case.signed", "{}"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->principal, "");
  r = decode_case_event(envelope("caseflow.case.signed", "{}",
                                 R"("subject":"c-1","principal":"unit:a","principal":7,)"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->principal, "");
  // Inside `data` it is no attribute.
  r = decode_case_event(envelope("caseflow.case.signed", R"({"principal":"admin:x"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->principal, "");
  // A reused event forgets the previous record's.
  CaseEvent e;
  ASSERT_TRUE(
      decode_case_event(
          envelope("caseflow.case.signed", "{}", R"("subject":"c-1","principal":"unit:a",)"), e)
          .ok());
  ASSERT_TRUE(decode_case_event(envelope("caseflow.case.signed", "{}"), e).ok());
  EXPECT_EQ(e.principal, "");
}

TEST(Decoder, FieldsOfLaterEvents) {
  auto r = decode_case_event(
      envelope("caseflow.case.rated", R"({"solved":"not_solved","satisfaction":"unsatisfied"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->solved, Solved::not_solved);
  EXPECT_EQ(r->satisfaction, Satisfaction::unsatisfied);
  r = decode_case_event(envelope("caseflow.case.returned",
                                 R"({"unit":"grid-g1","reason":"not ours","grid_id":"g2"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unit, "grid-g1");
  EXPECT_EQ(r->reason, "not ours");
  EXPECT_EQ(r->grid_id, "g2");
  r = decode_case_event(
      envelope("caseflow.case.assist_reported", R"({"department":"transport","status":"done"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->assist_step, AssistStep::done);
  r = decode_case_event(envelope("caseflow.case.merged", R"({"into":"c-0"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->merged_into, "c-0");
}

TEST(Decoder, ErrorsAreValuesWithAStableReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json at all", "not_json"},
      {"[1,2]", "not_object"},
      {R"({"id":"e","source":"s","type":"caseflow.case.signed","subject":"c"})",
       "missing_attribute"},
      {R"({"specversion":"0.3","id":"e","source":"s","type":"caseflow.case.signed","subject":"c"})",
       "bad_specversion"},
      {R"({"specversion":"1.0","source":"s","type":"caseflow.case.signed","subject":"c"})",
       "missing_attribute"},
      {R"({"specversion":"1.0","id":"e","source":"s","type":"caseflow.case.eaten","subject":"c"})",
       "unknown_type"},
      {R"({"specversion":"1.0","id":"e","source":"s","type":"caseflow.case.signed"})",
       "missing_subject"},
      {R"({"specversion":"1.0","id":"e","source":"s","type":"caseflow.case.signed","subject":"c",
          "datacontenttype":"text/xml"})",
       "bad_content_type"},
      {envelope("caseflow.case.reported", R"({"description":"no category"})"), "bad_data"},
      {envelope("caseflow.case.reported", R"({"category":"x","urgency":"panic"})"), "bad_data"},
      {envelope("caseflow.case.reported", R"({"category":"x","location":{"lat":91,"lon":0}})"),
       "bad_data"},
      {envelope("caseflow.case.reported", R"({"category":7})"), "bad_data"},
      {envelope("caseflow.case.rated", R"({"solved":"maybe"})"), "bad_data"},
      {envelope("caseflow.case.extension_decided", R"({})"), "bad_data"},
      {envelope("caseflow.case.signed", R"("a string")"), "bad_data"},
  };
  for (const auto& [bytes, reason] : cases) {
    auto r = decode_case_event(bytes);
    ASSERT_FALSE(r.ok()) << bytes;
    EXPECT_EQ(r.error().code, reason) << bytes;
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(Decoder, NastyInputNeverCrashes) {
  std::string deep(10000, '[');
  EXPECT_FALSE(decode_case_event(deep).ok());
  EXPECT_FALSE(decode_case_event("").ok());
  EXPECT_FALSE(decode_case_event(std::string("\0\xff\xfe", 3)).ok());
  const std::string big =
      envelope("caseflow.case.reported",
               R"({"category":"x","description":")" + std::string(100'000, 'a') + R"("})");
  auto r = decode_case_event(big);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->description.size(), 100'000u);
}

TEST(Decoder, AReusedEventHoldsOnlyTheNewRecord) {
  CaseEvent e;
  ASSERT_TRUE(decode_case_event(
                  envelope("caseflow.case.reported",
                           R"({"category":"x","description":"d","grid_id":"g1","urgency":"urgent",
                               "location":{"lat":1,"lon":2},"reporter":"13812345678"})"),
                  e)
                  .ok());
  EXPECT_EQ(e.urgency, definition::Urgency::urgent);
  ASSERT_TRUE(decode_case_event(envelope("caseflow.case.signed", R"({"unit":"u1"})"), e).ok());
  auto fresh = decode_case_event(envelope("caseflow.case.signed", R"({"unit":"u1"})"));
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(e.type, EventType::signed_for);
  EXPECT_EQ(e.unit, "u1");
  EXPECT_TRUE(e.category.empty());
  EXPECT_TRUE(e.description.empty());
  EXPECT_TRUE(e.grid_id.empty());
  EXPECT_TRUE(e.reporter.empty());
  EXPECT_FALSE(e.location);
  EXPECT_EQ(e.urgency, definition::Urgency::normal);
  EXPECT_EQ(e.unit, fresh->unit);
  // Errors are the same values either way.
  auto error = decode_case_event("[1]", e);
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error(), decode_case_event("[1]").error());
}

TEST(Decoder, RepeatedMembersKeepTheLastValueLikeADocumentTree) {
  auto r = decode_case_event(
      R"({"specversion":"1.0","id":"e","source":"s","type":"caseflow.case.reported","subject":"a",
          "subject":"b","data":{"category":"x","grid_id":"g1","description":"first"},
          "data":{"category":"y"}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->case_id, "b");
  EXPECT_EQ(r->category, "y");
  EXPECT_EQ(r->grid_id, "");  // only the members of the last `data`
  EXPECT_EQ(r->description, "");
  // A member that turns into another type counts as that type.
  auto bad =
      decode_case_event(envelope("caseflow.case.reported", R"({"category":"x","category":1})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_data");
  // Escaped names are names: "\u0064ata" is "data".
  auto escaped = decode_case_event(
      R"({"specversion":"1.0","id":"e","source":"s","type":"caseflow.case.merged","subject":"a",
          "\u0064ata":{"in\u0074o":"c-\n9"}})");
  ASSERT_TRUE(escaped.ok()) << escaped.error().message;
  EXPECT_EQ(escaped->merged_into, "c-\n9");
  // Members nested deeper, or inside arrays, are not the event's.
  auto nested = decode_case_event(envelope(
      "caseflow.case.progress", R"({"x":{"unit":"no"},"y":[{"unit":"no"}],"note":"yes"})"));
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested->unit, "");
  EXPECT_EQ(nested->note, "yes");
  // `lon` given as null is not replaced by `long`.
  auto lon = decode_case_event(envelope(
      "caseflow.case.reported", R"({"category":"x","location":{"lat":1,"lon":null,"long":2}})"));
  ASSERT_FALSE(lon.ok());
  EXPECT_EQ(lon.error().code, "bad_data");
  auto lng = decode_case_event(
      envelope("caseflow.case.reported", R"({"category":"x","location":{"lat":1,"long":2}})"));
  ASSERT_TRUE(lng.ok());
  EXPECT_EQ(lng->location->lon, 2);
}

TEST(Decoder, TrailingTextAndTruncationAreNotJson) {
  const std::string good = envelope("caseflow.case.signed", "{}");
  EXPECT_TRUE(decode_case_event(good).ok());
  EXPECT_EQ(decode_case_event(good + " x").error().code, "not_json");
  EXPECT_EQ(decode_case_event(good.substr(0, good.size() - 1)).error().code, "not_json");
  EXPECT_TRUE(decode_case_event(good + " \n").ok());
}

TEST(Decoder, ASealedPhoneIsKeptAsItCameAndNeverWithAPlainOne) {
  auto sealed = decode_case_event(envelope(
      "caseflow.case.reported",
      R"({"category":"parking.illegal","grid_id":"g1","reporter":{"sealed_phone":"v1:AAAA"}})"));
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  EXPECT_EQ(sealed->sealed_phone, "v1:AAAA");
  EXPECT_EQ(sealed->resident_phone, "");
  EXPECT_EQ(sealed->reporter, "") << "masked once the runtime opens it";
  auto both = decode_case_event(envelope("caseflow.case.reported",
                                         R"({"category":"parking.illegal","grid_id":"g1",
          "reporter":{"phone":"13812345678","sealed_phone":"v1:AAAA"}})"));
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, "bad_data");
  auto wrong = decode_case_event(
      envelope("caseflow.case.reported",
               R"({"category":"parking.illegal","grid_id":"g1","reporter":{"sealed_phone":7}})"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("reporter.sealed_phone"), std::string::npos);
  // Only a report carries a phone.
  auto signed_event = decode_case_event(
      envelope("caseflow.case.signed", R"({"reporter":{"sealed_phone":"v1:AAAA"}})"));
  ASSERT_TRUE(signed_event.ok());
  EXPECT_EQ(signed_event->sealed_phone, "");
}

TEST(Decoder, APhoneShowingCarriesNothingButWhoSawIt) {
  auto shown = decode_case_event(R"({"specversion":"1.0","id":"x","source":"/caseflow/http",
      "type":"caseflow.case.phone_revealed","subject":"c-1","principal":"unit:grid:G01",
      "data":{}})");
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_EQ(shown->type, EventType::phone_revealed);
  EXPECT_EQ(shown->principal, "unit:grid:G01");
}

TEST(PhoneMask, MasksNumbers) {
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone("+86 138-1234-5678"), "861******5678");
  EXPECT_EQ(mask_phone("010-12345678"), "010****5678");
  EXPECT_EQ(mask_phone("12345"), "***45");
  EXPECT_EQ(mask_phone("call me"), "***");
  // A masked number (as caseflow's intake writes it without a key) masks to itself.
  EXPECT_EQ(mask_phone("138****5678"), "138****5678");
  EXPECT_EQ(mask_phone("***45"), "***45");
  EXPECT_EQ(mask_phones_in_text("a 13812345678 b 12345 c 23812345678"),
            "a 138****5678 b 12345 c 23812345678");
  EXPECT_EQ(mask_phones_in_text("138123456789"), "138123456789");  // 12 digits: not a mobile
}

}  // namespace
}  // namespace caseflow::events

namespace caseflow::events {
namespace {

// The events the engine sends between cases (merged duplicates) decode like any other.
TEST(Decoder, MergeEvents) {
  auto link = decode_case_event(
      envelope("caseflow.case.merge_link",
               R"({"duplicate":"c-2","category":"parking.illegal","unit":"u1"})"));
  ASSERT_TRUE(link.ok()) << link.error().message;
  EXPECT_EQ(link->duplicate, "c-2");
  EXPECT_EQ(link->category, "parking.illegal");
  EXPECT_EQ(link->unit, "u1");
  EXPECT_EQ(decode_case_event(envelope("caseflow.case.merge_link", "{}")).error().code,
            std::string("bad_data"));

  auto refused = decode_case_event(envelope(
      "caseflow.case.merge_answer", R"({"master":"c-0","accepted":false,"reason":"case_closed"})"));
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_EQ(refused->master, "c-0");
  EXPECT_FALSE(refused->accepted);
  EXPECT_EQ(refused->reason, "case_closed");
  for (const char* bad :
       {R"({"master":"c-0"})", R"({"accepted":true})", R"({"master":"c-0","accepted":false})",
        R"({"master":"c-0","accepted":false,"reason":"tired"})"}) {
    auto r = decode_case_event(envelope("caseflow.case.merge_answer", bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, std::string("bad_data")) << bad;
  }

  auto closed = decode_case_event(envelope(
      "caseflow.case.master_closed",
      R"({"master":"c-0","outcome":"rated","solved":"partly","satisfaction":"basically"})"));
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->master, "c-0");
  EXPECT_EQ(closed->outcome, "rated");
  EXPECT_TRUE(closed->rated);
  EXPECT_EQ(closed->solved, Solved::partly);
  EXPECT_EQ(closed->satisfaction, Satisfaction::basically);
  auto unrated = decode_case_event(
      envelope("caseflow.case.master_closed", R"({"master":"c-0","outcome":"withdrawn"})"));
  ASSERT_TRUE(unrated.ok());
  EXPECT_FALSE(unrated->rated);
  EXPECT_FALSE(
      decode_case_event(envelope("caseflow.case.master_closed", R"({"master":"c-0"})")).ok());
  EXPECT_FALSE(decode_case_event(envelope("caseflow.case.master_closed",
                                          R"({"master":"c-0","outcome":"rated","solved":"maybe"})"))
                   .ok());
  // Members of other types are dropped.
  auto merged = decode_case_event(
      envelope("caseflow.case.merged", R"({"into":"c-0","master":"x","duplicate":"y"})"));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->master, "");
  EXPECT_EQ(merged->duplicate, "");
}

}  // namespace
}  // namespace caseflow::events
