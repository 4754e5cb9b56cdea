// GET /api/v1/assessment: the assessment (考核) of a month from the case archive, the same JSON as
// `caseflow report assessment --format json` (docs/http.md); by=property, the star rating of
// property companies; by=grid, patrol and resident reports per grid and the idle grids. Like
// every GET, no token is needed.
#include <boost/json/serialize.hpp>

#include "connectors/http/api.h"
#include "connectors/http/assessment_query.h"
#include "connectors/report/assessment_formats.h"
#include "connectors/report/assessment_read.h"
#include "connectors/report/grid_formats.h"
#include "connectors/report/grid_read.h"
#include "connectors/report/stars_formats.h"
#include "connectors/report/survey_csv.h"
#include "engine/assessment/period.h"
#include "engine/geo/city_directory.h"

namespace caseflow::http {
namespace {

using StarAnswer = std::function<void(Responder)>;

// by=property, on the reader's thread: the month's survey file from the survey folder (a bad one
// is the configuration's fault: 503), the assessment by unit, then the stars.
Result<StarAnswer> star_rating_answer(archive::ArchiveStore& store,
                                      const assessment::Period& period,
                                      const assessment::Weights& weights,
                                      const assessment::StarRules& rules,
                                      const std::filesystem::path& survey_dir) {
  const auto file = report::month_survey_file(survey_dir, period.label);
  std::optional<std::vector<assessment::SurveyScore>> survey;
  if (file) {
    auto read = report::read_survey_file(*file);
    if (!read) {
      return StarAnswer([problem = read.error()](Responder answer) {
        answer(api_error(Status::service_unavailable, "assessment_unavailable",
                         "the month's survey cannot be used: " + problem.message));
      });
    }
    survey = std::move(*read);
  }
  auto reports = report::read_and_assess(store, period, {assessment::By::unit}, weights);
  if (!reports) return reports.error();
  auto rating = assessment::rate_stars(reports->front(), survey, rules);
  if (file) rating.survey_source = file->filename().string();
  std::string body = boost::json::serialize(report::stars_json(rating));
  return StarAnswer([body = std::move(body)](Responder answer) mutable {
    answer(make_response(Status::ok, kJson, std::move(body)));
  });
}

// by=grid, on the reader's thread: every grid of the city joined with the month's counts.
Result<StarAnswer> grid_activity_answer(archive::ArchiveStore& store,
                                        const assessment::Period& period,
                                        const geo::CityDirectory& city) {
  const auto grids = report::city_grids(city);
  auto activity = report::read_grid_activity(store, period, grids);
  if (!activity) return activity.error();
  std::string body = boost::json::serialize(report::grid_json(*activity));
  return StarAnswer([body = std::move(body)](Responder answer) mutable {
    answer(make_response(Status::ok, kJson, std::move(body)));
  });
}

}  // namespace

void Api::admin_assessment(const Target& target, Responder respond) {
  auto parsed = parse_assessment_query(target.query);
  if (!parsed) return respond(api_error(Status::bad_request, "bad_query", parsed.error().message));
  const AssessmentSettings& settings = settings_.assessment;
  if (settings.time_zone.empty()) {
    return respond(
        api_error(Status::service_unavailable, "assessment_unavailable", settings.unavailable));
  }
  // by=grid lists every grid of the city, from its boundaries: without them there is no list.
  std::shared_ptr<const geo::CityDirectory> city;
  if (parsed->grid) {
    const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
    if (setup) city = std::dynamic_pointer_cast<const geo::CityDirectory>(setup->directory);
    if (!city) {
      return respond(api_error(Status::service_unavailable, "assessment_unavailable",
                               "no grid boundaries are configured (config `boundaries`): the "
                               "grid report lists every grid of the city from them"));
    }
  }
  read_archive(
      std::move(respond),
      [q = *parsed, zone = settings.time_zone, weights = settings.weights, stars = settings.stars,
       survey_dir = settings.survey_dir, city](archive::ArchiveStore& store) -> Result<Next> {
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
        if (q.property) return star_rating_answer(store, *period, weights, stars, survey_dir);
        if (q.grid) return grid_activity_answer(store, *period, *city);
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
