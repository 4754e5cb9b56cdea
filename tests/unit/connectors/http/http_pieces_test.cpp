// The pure pieces of the HTTP layer: form and target decoding, query parameter checks, case ids,
// Open311 record rendering (JSON and XML), error bodies, the status note of a merged duplicate.
#include <gtest/gtest.h>

#include <set>

#include "connectors/http/case_ids.h"
#include "connectors/http/case_render.h"
#include "connectors/http/errors.h"
#include "connectors/http/form.h"
#include "connectors/http/query_params.h"
#include "connectors/http/records.h"

namespace caseflow::http {
namespace {

TEST(Form, DecodesPlusPercentAndRepeatedNames) {
  auto f = parse_form("a=1&b=two+words&c=%E4%B8%AD&attribute%5Burgency%5D=urgent&a=2&empty=&&x");
  ASSERT_TRUE(f);
  EXPECT_EQ(first(*f, "a"), "1");
  EXPECT_EQ(first(*f, "b"), "two words");
  EXPECT_EQ(first(*f, "c"), "\xE4\xB8\xAD");
  EXPECT_EQ(first(*f, "attribute[urgency]"), "urgent");
  EXPECT_EQ(first(*f, "empty"), "");
  EXPECT_EQ(first(*f, "x"), "");
  EXPECT_FALSE(first(*f, "missing"));
  EXPECT_FALSE(parse_form("a=%4"));
  EXPECT_FALSE(parse_form("a=%zz"));
}

TEST(Form, SplitsCommaListsAndTargets) {
  auto t = parse_target("/open311/v2/requests.json?service_request_id=a,b&service_request_id=c");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/open311/v2/requests.json");
  EXPECT_EQ(all_split(t->query, "service_request_id"), (std::vector<std::string>{"a", "b", "c"}));
  auto plus = parse_target("/a+b%20c");
  ASSERT_TRUE(plus);
  EXPECT_EQ(plus->path, "/a+b c") << "a + in a path is a plus";
  std::string enc;
  append_percent_encoded(enc, "a b/中");
  EXPECT_EQ(enc, "a%20b%2F%E4%B8%AD");
}

TEST(QueryParams, AnUnknownNameIsNamedWithTheKnownOnes) {
  const std::vector<QueryParam> known = {{"status"}, {"limit"}};
  EXPECT_FALSE(check_query_names(parse_target("/x?status=open&limit=5")->query, known));
  EXPECT_FALSE(check_query_names(parse_target("/x")->query, known));
  EXPECT_EQ(check_query_names(parse_target("/x?stauts=open")->query, known),
            "unknown query parameter 'stauts'; this path takes status, limit");
  EXPECT_EQ(check_query_names(parse_target("/x?Status=open")->query, known),
            "unknown query parameter 'Status'; this path takes status, limit")
      << "names are case-sensitive";
  EXPECT_EQ(check_query_names(parse_target("/x?a=1")->query, {}),
            "unknown query parameter 'a'; this path takes none");
}

TEST(QueryParams, ARepeatIsRefusedUnlessTheParameterIsAList) {
  const std::vector<QueryParam> known = {{"status"}, {"id", true}};
  EXPECT_FALSE(check_query_names(parse_target("/x?id=a&id=b,c&status=open")->query, known));
  EXPECT_EQ(check_query_names(parse_target("/x?status=open&status=closed")->query, known),
            "status is given more than once; give it once");
  EXPECT_EQ(must_be_one_of("status", {"open", "closed"}), "status must be one of: open, closed");
}

TEST(CaseIds, StrictlyIncreasingAndUniqueEvenWithinOneMillisecond) {
  CaseIdGenerator ids("a-1");  // '-' is not allowed in the instance part
  const Instant t = Instant::from_unix_millis(1'795'654'800'000);  // 2026-11-26T01:00:00Z
  std::set<std::string> seen;
  std::string last;
  for (int i = 0; i < 5'000; ++i) {  // more than the 1,296 per millisecond
    const std::string id = ids.next(t);
    EXPECT_TRUE(seen.insert(id).second) << id;
    EXPECT_GT(id, last);
    last = id;
  }
  EXPECT_EQ(last.rfind("a_1-20261126-", 0), 0u) << last;
  // A clock that steps back does not repeat ids.
  EXPECT_GT(ids.next(t - Duration::seconds(5)), last);
  // Another instance never collides.
  CaseIdGenerator other("b2");
  EXPECT_EQ(seen.count(other.next(t)), 0u);
}

TEST(Records, RenderAsJsonArrayAndXml) {
  const std::vector<FlatRecord> r{{{"id", std::string("x<1>")},
                                   {"n", int64_t{3}},
                                   {"lat", 30.5},
                                   {"ok", true},
                                   {"none", Null{}}}};
  EXPECT_EQ(render_json(r), R"([{"id":"x<1>","n":3,"lat":30.5,"ok":true,"none":null}])");
  EXPECT_EQ(render_xml("items", "item", r),
            R"(<?xml version="1.0" encoding="utf-8"?><items><item><id>x&lt;1&gt;</id><n>3</n>)"
            R"(<lat>30.5</lat><ok>true</ok><none></none></item></items>)");
}

TEST(Errors, ApiAndGeoReportShapes) {
  const Response a = api_error(Status::not_found, "unknown_case", "no case \"x\"");
  EXPECT_EQ(a.result(), Status::not_found);
  EXPECT_EQ(a.body(), R"({"error":{"code":"unknown_case","message":"no case \"x\""}})");
  const Response o = open311_error(Status::forbidden, "invalid api_key");
  EXPECT_EQ(o.body(), R"([{"code":403,"description":"invalid api_key"}])");
  EXPECT_EQ(o[boost::beast::http::field::content_type], "application/json");
}

// The resident of a merged duplicate learns at revisit what became of the case it joined.
TEST(StatusNote, AMergedDuplicateTellsItsMastersOutcome) {
  core::CaseView v;
  v.status = "merged";
  v.merged_into = "a";
  EXPECT_EQ(status_note(v), "merged into a; that case is still open");
  v.master_outcome = "rated_bad_after_max_reopens";
  EXPECT_EQ(status_note(v), "merged into a; that case is closed: rated bad after max reopens");
}

}  // namespace
}  // namespace caseflow::http
