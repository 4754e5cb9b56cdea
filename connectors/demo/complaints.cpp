#include "connectors/demo/complaints.h"

namespace caseflow::demo {
namespace {

struct Kind {
  const char* category;
  int weight;
  const char* urgency;  // "" = mostly normal, sometimes urgent
  std::vector<const char*> descriptions;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"parking.illegal",
       30,
       "",
       {"Car parked on the pavement blocking the kerb ramp",
        "Van parked across the fire lane behind block 3",
        "Cars double-parked at the school gate every morning"}},
      {"ev_charging.shortage",
       12,
       "",
       {"Only two charging points for the whole estate, queues every evening",
        "Charging bay occupied by a petrol car all day"}},
      {"ev_charging.corridor",
       10,
       "emergency",
       {"E-bike battery charging in the stairwell on the 4th floor",
        "Extension cable run through the corridor to charge scooters"}},
      {"noise.night",
       14,
       "",
       {"Loud music from the bar after midnight", "Delivery trucks unloading at 2 am"}},
      {"noise.construction", 8, "", {"Drilling on the building site after 10 pm"}},
      {"litter.street",
       14,
       "",
       {"Rubbish dumped beside the bus stop", "Broken glass on the footpath near the market"}},
      {"litter.bins", 12, "", {"Bins overflowing at the north gate for three days"}},
  };
  return k;
}

}  // namespace

const char* to_string(Plan p) {
  switch (p) {
    case Plan::prompt:
      return "prompt";
    case Plan::slow:
      return "slow";
    case Plan::ignore_first:
      return "ignore_first";
    case Plan::return_first:
      return "return_first";
    case Plan::ignore_all:
      return "ignore_all";
  }
  return "?";
}

ComplaintSource::ComplaintSource(uint32_t seed, std::vector<std::string> grids)
    : random_(seed), grids_(std::move(grids)) {
  if (grids_.empty()) grids_.push_back("G01");
}

size_t ComplaintSource::pick(const std::vector<int>& weights) {
  std::discrete_distribution<size_t> d(weights.begin(), weights.end());
  return d(random_);
}

double ComplaintSource::seconds(double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(random_);
}

Complaint ComplaintSource::next_complaint() {
  std::vector<int> weights;
  for (const auto& k : kinds()) weights.push_back(k.weight);
  const Kind& kind = kinds()[pick(weights)];
  Complaint c;
  c.category = kind.category;
  c.urgency = *kind.urgency ? kind.urgency : (pick({4, 1}) == 0 ? "normal" : "urgent");
  c.description = kind.descriptions[pick(std::vector<int>(kind.descriptions.size(), 1))];
  const char* channels[] = {"hotline", "app", "grid_patrol"};
  c.channel = channels[pick({5, 3, 2})];
  if (pick({2, 1}) == 0) {
    c.reporter = "13" + std::to_string(100'000'000 + random_() % 900'000'000);
  } else {
    c.reporter = "anonymous";
  }
  c.grid_id = grids_[random_() % grids_.size()];
  return c;
}

Plan ComplaintSource::next_plan() {
  static const Plan plans[] = {Plan::prompt, Plan::slow, Plan::ignore_first, Plan::return_first,
                               Plan::ignore_all};
  return plans[pick({40, 10, 25, 10, 15})];
}

Rating ComplaintSource::next_rating() {
  switch (pick({60, 20, 10, 10})) {
    case 0:
      return {"solved", "satisfied"};
    case 1:
      return {"partly", "basically"};
    case 2:
      return {"not_solved", "unsatisfied"};
    default:
      return {"solved", "no_answer"};
  }
}

}  // namespace caseflow::demo
