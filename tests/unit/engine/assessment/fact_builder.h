// Builds a case's fact records the way the engine writes them: each record's `data.assessment`
// object as compact JSON text, with the record type and change the contract puts it on
// (docs/events.md "The assessment's facts").
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "engine/assessment/assessment.h"
#include "engine/time/rfc3339.h"

namespace caseflow::assessment::testing {

// A local time in Asia/Shanghai (+08:00), the zone of the test city: "2026-11-05 10:00".
inline Instant cst(const std::string& local) {
  auto t = parse_rfc3339(local + ":00+08:00");
  if (!t) throw std::runtime_error(t.error().message);
  return *t;
}
// The units of the fixture's places: communities C1 and C2, street S1.
inline const std::string A = "community:C1", B = "community:C2", C = "street:S1";

// The month the fixtures happen in.
inline Period november() { return *month_period("2026-11", "Asia/Shanghai"); }

// The row of `key` in a report; throws when there is none.
inline const Row& row(const Report& r, const std::string& key) {
  for (const Row& x : r.rows) {
    if (x.key == key) return x;
  }
  throw std::runtime_error("no row " + key);
}

// 10:00 on a November 2026 day, local.
inline Instant nov(int day) {
  return cst("2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + " 10:00");
}

class CaseBuilder {
 public:
  CaseBuilder(std::string id, std::string street, std::string community) {
    c_.case_id = std::move(id);
    c_.street = std::move(street);
    c_.community = std::move(community);
  }

  // The deciding moment of a holding: contact (what "contacted"), or the record that took the
  // case away before contact ("escalated", "assigned").
  CaseBuilder& response(Instant at, const std::string& unit, const std::string& stage, bool on_time,
                        const std::string& what = "contacted") {
    return add(at, "updated", what, R"({"response":)" + response_json(unit, stage, on_time) + "}");
  }
  // A return before contact: its record decides the holding (late) and names who returned.
  CaseBuilder& returned(Instant at, const std::string& unit, const std::string& stage) {
    return add(at, "updated", "returned",
               R"({"response":)" + response_json(unit, stage, false) + R"(,"returned_by":")" +
                   unit + R"("})");
  }
  CaseBuilder& return_review(Instant at, const std::string& unit, bool justified) {
    return add(at, "updated", justified ? "return_justified" : "return_unjustified",
               R"({"return_review":{"unit":")" + unit + R"(","justified":)" +
                   (justified ? "true" : "false") + "}}");
  }
  CaseBuilder& rated(Instant at, const std::string& unit, const std::string& solved,
                     const std::string& satisfaction, const std::string& outcome = "rated") {
    return add(at, "closed", outcome,
               R"({"rating":{"unit":")" + unit + R"(","solved":")" + solved +
                   R"(","satisfaction":")" + satisfaction + R"("}})");
  }
  CaseBuilder& unrated(Instant at, const std::string& unit) {
    return add(at, "closed", "unrated", R"({"unrated":{"unit":")" + unit + R"("}})");
  }
  CaseBuilder& exemption(Instant at, const std::string& unit, const std::string& step) {
    return add(at, "updated", "exemption_" + step,
               R"({"exemption":{"unit":")" + unit + R"(","step":")" + step +
                   R"(","reason":"the owner is abroad"}})");
  }
  // step proposed / refused on an updated record; confirmed on the closed record (outcome invalid).
  CaseBuilder& invalid(Instant at, const std::string& unit, const std::string& step) {
    const bool confirmed = step == "confirmed";
    return add(
        at, confirmed ? "closed" : "updated", confirmed ? "invalid" : "invalid_" + step,
        R"({"invalid":{"unit":")" + unit + R"(","step":")" + step + R"(","reason":"duplicate"}})");
  }
  CaseBuilder& plan(Instant at, const std::string& unit, const std::string& step,
                    const std::string& until) {
    return add(at, "updated", "plan_" + step,
               R"({"plan":{"unit":")" + unit + R"(","step":")" + step + R"(","until":")" + until +
                   R"("}})");
  }
  CaseBuilder& answered_at_intake(Instant at) {
    return add(at, "closed", "answered_at_intake", R"({"answered_at_intake":true})");
  }
  // A record with any facts text (for the reader's errors).
  CaseBuilder& raw(Instant at, const std::string& type, const std::string& what,
                   const std::string& json) {
    return add(at, type, what, json);
  }

  operator CaseFacts() const { return c_; }  // NOLINT: reads as a fixture's list

 private:
  static std::string response_json(const std::string& unit, const std::string& stage,
                                   bool on_time) {
    return R"({"unit":")" + unit + R"(","stage":")" + stage + R"(","on_time":)" +
           (on_time ? "true" : "false") + "}";
  }
  CaseBuilder& add(Instant at, std::string type, std::string what, std::string json) {
    // Records without facts come between (signed, progress, ...): sequences have gaps.
    seq_ += 3;
    c_.records.push_back({at, seq_, std::move(type), std::move(what), std::move(json)});
    return *this;
  }

  CaseFacts c_;
  uint64_t seq_ = 0;
};

}  // namespace caseflow::assessment::testing
