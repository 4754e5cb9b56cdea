// The assessment's inbound events (docs/events.md): exemption_requested / _decided,
// invalid_proposed / _decided and return_reviewed decode their fields, and a missing or bad
// field is a bad_data value naming it (the DLQ reason and message).
#include <gtest/gtest.h>

#include "engine/events/case_event_decoder.h"

namespace caseflow::events {
namespace {

std::string dispatcher_event(const std::string& type, const std::string& data) {
  return R"({"specversion":"1.0","id":"e-1","source":"/dispatcher","type":"caseflow.case.)" + type +
         R"(","subject":"c-1","data":)" + data + "}";
}

TEST(AssessmentEvents, AnExemptionRequestNamesItsApplicantAndReason) {
  auto r = decode_case_event(dispatcher_event(
      "exemption_requested", R"({"unit":"grid:G1","reason":"road works, call 13812345678"})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->type, EventType::exemption_requested);
  EXPECT_EQ(r->unit, "grid:G1");
  EXPECT_EQ(r->reason, "road works, call 138****5678");  // phones masked as in other reasons
}

TEST(AssessmentEvents, AnExemptionDecisionMayNameTheApplicant) {
  auto r = decode_case_event(dispatcher_event(
      "exemption_decided",
      R"({"approved":true,"unit":"street:S1","applicant":"grid:G1","reason":"fair"})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->approved);
  EXPECT_EQ(r->unit, "street:S1");
  EXPECT_EQ(r->applicant, "grid:G1");
  EXPECT_EQ(r->reason, "fair");
  r = decode_case_event(
      dispatcher_event("exemption_decided", R"({"approved":false,"applicant":null})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->approved);
  EXPECT_EQ(r->applicant, "");
}

TEST(AssessmentEvents, AnInvalidProposalCarriesOneOfTheFourReasons) {
  for (const char* word : {"malicious", "duplicate", "out_of_scope", "unreachable"}) {
    auto r = decode_case_event(dispatcher_event(
        "invalid_proposed",
        std::string(R"({"unit":"grid:G1","note":"n","reason":")") + word + R"("})"));
    ASSERT_TRUE(r.ok()) << word;
    EXPECT_EQ(parse_invalid_reason(r->reason), parse_invalid_reason(word));
    EXPECT_EQ(to_string(*parse_invalid_reason(r->reason)), word);
    EXPECT_EQ(r->note, "n");
  }
  auto r = decode_case_event(
      dispatcher_event("invalid_decided", R"({"approved":true,"note":"checked"})"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->approved);
  EXPECT_EQ(r->note, "checked");
}

TEST(AssessmentEvents, AReturnReviewSaysWhetherTheReturnWasJustified) {
  auto r = decode_case_event(dispatcher_event(
      "return_reviewed", R"({"justified":true,"returned_by":"grid:G1","unit":"desk"})"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->justified);
  EXPECT_EQ(r->returned_by, "grid:G1");
  r = decode_case_event(dispatcher_event("return_reviewed", R"({"justified":false})"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->justified);
  EXPECT_EQ(r->returned_by, "");
}

TEST(AssessmentEvents, MissingOrBadFieldsAreBadDataNamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {dispatcher_event("exemption_requested", R"({"reason":"r"})"), "data.unit"},
      {dispatcher_event("exemption_requested", R"({"unit":"u","reason":""})"), "data.reason"},
      {dispatcher_event("exemption_requested", R"({"unit":"u","reason":7})"), "data.reason"},
      {dispatcher_event("exemption_decided", R"({})"), "data.approved"},
      {dispatcher_event("exemption_decided", R"({"approved":"yes"})"), "data.approved"},
      {dispatcher_event("exemption_decided", R"({"approved":true,"applicant":1})"),
       "data.applicant"},
      {dispatcher_event("invalid_proposed", R"({})"), "data.reason"},
      {dispatcher_event("invalid_proposed", R"({"reason":"annoying"})"), "data.reason"},
      {dispatcher_event("invalid_decided", R"({"approved":null})"), "data.approved"},
      {dispatcher_event("return_reviewed", R"({})"), "data.justified"},
      {dispatcher_event("return_reviewed", R"({"justified":1})"), "data.justified"},
      {dispatcher_event("return_reviewed", R"({"justified":true,"returned_by":[]})"),
       "data.returned_by"},
  };
  for (const auto& [bytes, field] : cases) {
    auto r = decode_case_event(bytes);
    ASSERT_FALSE(r.ok()) << bytes;
    EXPECT_EQ(r.error().code, "bad_data") << bytes;
    EXPECT_NE(r.error().message.find(field), std::string::npos) << r.error().message;
  }
}

TEST(AssessmentEvents, OtherTypesDropTheNewMembers) {
  auto r = decode_case_event(dispatcher_event(
      "signed", R"({"unit":"u","applicant":"a","returned_by":"b","justified":true})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->applicant, "");
  EXPECT_EQ(r->returned_by, "");
  EXPECT_FALSE(r->justified);
}

}  // namespace
}  // namespace caseflow::events
