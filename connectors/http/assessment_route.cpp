// GET /api/v1/assessment: the assessment (考核) of a month from the case archive, the same JSON as
// `caseflow report assessment --format json` (docs/http.md). Like every GET, no token is needed.
#include <boost/json/serialize.hpp>

#include "connectors/http/api.h"
#include "connectors/http/assessment_query.h"
#include "connectors/report/assessment_formats.h"
#include "connectors/report/assessment_read.h"
#include "engine/assessment/period.h"

namespace caseflow::http {

void Api::admin_assessment(const Target& target, Responder respond) {
  auto parsed = parse_assessment_query(target.query);
  if (!parsed) return respond(api_error(Status::bad_request, "bad_query", parsed.error().message));
  const AssessmentSettings& settings = settings_.assessment;
  if (settings.time_zone.empty()) {
    return respond(
        api_error(Status::service_unavailable, "assessment_unavailable", settings.unavailable));
  }
  read_archive(
      std::move(respond),
      [q = *parsed, zone = settings.time_zone,
       weights = settings.weights](archive::ArchiveStore& store) -> Result<Next> {
        // The zone's rules come from the time zone database's files on first use: read here, off
        // the io_context. Only the store's errors are returned as errors (they drop its
        // connection); a zone that cannot be used is the configuration's fault.
        auto period = assessment::month_period(q.month.year, q.month.month, zone);
        if (!period) {
          return Next([problem = period.error()](Responder answer) {
            answer(api_error(Status::service_unavailable, "assessment_unavailable",
                             "the assessment's time zone cannot be used: " + problem.message));
          });
        }
        auto reports = report::read_and_assess(store, *period, {q.by}, weights);
        if (!reports) return reports.error();
        // A month of a large city is megabytes of JSON (the cases behind every figure): written
        // on the reader's thread, so the io_context only sends it.
        std::string body = boost::json::serialize(report::assessment_json(reports->front()));
        return Next([body = std::move(body)](Responder answer) mutable {
          answer(make_response(Status::ok, kJson, std::move(body)));
        });
      },
      false, Format::json);
}

}  // namespace caseflow::http
