#include "bench/assessment/month_city.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "connectors/report/grid_read.h"
#include "engine/geo/city_directory.h"
#include "tools/citygen/city_generator.h"

namespace caseflow::bench {

double month_uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

double month_normal(std::mt19937_64& rng) {
  const double u1 = 1.0 - month_uniform(rng);  // (0, 1]: log is finite
  const double u2 = month_uniform(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

size_t month_pick(std::mt19937_64& rng, const std::vector<double>& cumulative) {
  const double r = month_uniform(rng) * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), r);
  return std::min(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

namespace {

double month_clamp(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }

// A log-normal factor of median `median` and spread `sigma`, kept within [lo, hi].
double month_lognormal(std::mt19937_64& rng, double median, double sigma, double lo, double hi) {
  return month_clamp(median * std::exp(sigma * month_normal(rng)), lo, hi);
}

std::string month_unit_of(const geo::CityDirectory::UnitIndex& units, const std::string& id,
                          const char* level) {
  const auto it = units.find(id);
  return it != units.end() ? it->second : std::string(level) + ":" + id;
}

}  // namespace

Result<MonthCity> make_month_city(std::mt19937_64& rng, int64_t patrol_reports) {
  const citygen::City generated = citygen::generate_city({});
  Diagnostics problems;
  const auto city = geo::load_city_directory(
      "grids.geojson", generated.grids_geojson, "units.yaml", generated.units_yaml, problems,
      nullptr, geo::BoundaryOptions{.check_overlaps = false},
      geo::CompoundSource{.file = "compounds.geojson", .text = generated.compounds_geojson});
  if (!city) {
    std::string message = "the sample city does not load:";
    for (const auto& p : problems) message += "\n  " + p.to_string();
    return Error{"bench_city", message};
  }

  MonthCity out;
  const auto& communities = city->units_of_places(definition::Level::community);
  const auto& streets = city->units_of_places(definition::Level::street);
  std::map<std::string, size_t, std::less<>> grid_index;
  for (const assessment::CityGrid& g : report::city_grids(*city)) {
    MonthGrid m;
    m.id = g.id;
    m.community = g.community;
    m.street = g.street;
    m.district = g.district;
    m.unit = g.unit;
    m.community_unit = month_unit_of(communities, g.community, "community");
    m.street_unit = month_unit_of(streets, g.street, "street");
    grid_index.emplace(m.id, out.grids.size());
    out.grids.push_back(std::move(m));
  }

  // Every grid's character. Patrol: ~8% of the workers never report; the others at least once,
  // more where the worker is keen (a log-normal factor), so the counts vary several-fold.
  std::vector<double> keen(out.grids.size(), 0);
  double keen_total = 0;
  for (size_t i = 0; i < out.grids.size(); ++i) {
    MonthGrid& g = out.grids[i];
    g.idle = month_uniform(rng) < 0.08;
    g.busy = month_lognormal(rng, 0.85, 0.6, 0.1, 8);
    g.on_time = 0.70 + 0.28 * month_uniform(rng);
    g.sign_hours = month_lognormal(rng, 2, 0.8, 0.2, 20);
    g.resolve_hours = month_lognormal(rng, 18, 0.6, 1, 120);
    if (!g.idle) keen[i] = month_lognormal(rng, 1, 0.8, 0.05, 20);
    keen_total += keen[i];
  }
  double running = 0;
  for (size_t i = 0; i < out.grids.size(); ++i) {
    MonthGrid& g = out.grids[i];
    if (!g.idle) {
      const double share = keen[i] / keen_total * static_cast<double>(patrol_reports);
      g.patrol = std::max(1, static_cast<int>(std::lround(share)));
    }
    running += g.busy;
    out.grid_weights.push_back(running);
  }

  // Property companies in unit id order, each with a quality from poor to excellent, more of
  // them good than poor (u^0.7): the three rates follow it (with some noise), so composites run
  // from about 45 to about 97 and every star count occurs.
  std::map<std::string, size_t, std::less<>> company_index;
  const geo::CompoundMap* compounds = city->compounds();
  if (compounds == nullptr) return Error{"bench_city", "the sample city has no compounds"};
  for (const geo::Compound& c : compounds->compounds()) company_index.emplace(c.property_unit, 0);
  for (auto& [unit, index] : company_index) {
    index = out.companies.size();
    MonthCompany company;
    company.unit = unit;
    company.quality = std::pow(month_uniform(rng), 0.7);
    const double q = company.quality;
    company.on_time = month_clamp(0.45 + 0.53 * q + 0.03 * month_normal(rng), 0.05, 0.995);
    company.solved = month_clamp(0.35 + 0.60 * q + 0.04 * month_normal(rng), 0.05, 0.99);
    company.satisfied = month_clamp(0.30 + 0.65 * q + 0.04 * month_normal(rng), 0.05, 0.99);
    out.companies.push_back(std::move(company));
  }
  // Each compound lies in one grid: the one holding the middle of its boundary box.
  for (const geo::Compound& c : compounds->compounds()) {
    const double lon = (c.bounds.min_corner().x() + c.bounds.max_corner().x()) / 2;
    const double lat = (c.bounds.min_corner().y() + c.bounds.max_corner().y()) / 2;
    const auto place = city->locate(lat, lon, geo::Datum::wgs84);
    if (!place || place->compound_id != c.id) {
      return Error{"bench_city", "compound " + c.id + ": its middle is not inside it"};
    }
    out.compounds.push_back(MonthCompound{.id = c.id,
                                          .grid = grid_index.at(place->grid_id),
                                          .company = company_index.at(c.property_unit)});
  }
  return out;
}

std::string month_survey_csv(std::mt19937_64& rng, const MonthCity& city) {
  std::string csv = "company,score,sample\n";
  for (const MonthCompany& company : city.companies) {
    const double r = month_uniform(rng);
    if (r < 0.04) continue;  // the survey did not reach it this month
    const double score = month_clamp(40 + 55 * company.quality + 4 * month_normal(rng), 0, 100);
    // A few with too few respondents for a score (assessment.stars.min_sample, 30 by default).
    const uint64_t sample = r < 0.08 ? 8 + rng() % 20 : 60 + rng() % 300;
    char line[96];
    std::snprintf(line, sizeof line, "%s,%.1f,%llu\n", company.unit.c_str(), score,
                  static_cast<unsigned long long>(sample));
    csv += line;
  }
  return csv;
}

}  // namespace caseflow::bench
