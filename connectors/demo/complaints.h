// What the demo's residents complain about, and how its simulated units behave — plain data and a
// seeded random choice, so a demo run is reproducible. Not thread-safe (one per driver).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace caseflow::demo {

struct Complaint {
  std::string category;  // a category of demo/workflows
  std::string urgency;   // normal | urgent | emergency
  std::string description;
  std::string channel;   // hotline | app | grid_patrol
  std::string reporter;  // "anonymous" or a phone number (sealed or masked before it is sent)
  std::string grid_id;
};

// How the units treat one case.
enum class Plan {
  prompt,        // sign, resolve on time; the resident rates it
  slow,          // sign on time, resolve late: resolve warnings and breaches
  ignore_first,  // the first unit never signs: warning, breach, escalation, supervision
  return_first,  // the first unit returns it (wrong area); the next one handles it
  ignore_all,    // nobody signs: the case climbs every stage
};
const char* to_string(Plan p);

struct Rating {
  std::string solved;        // solved | partly | not_solved
  std::string satisfaction;  // satisfied | basically | unsatisfied | no_answer
};

class ComplaintSource {
 public:
  ComplaintSource(uint32_t seed, std::vector<std::string> grids);
  Complaint next_complaint();
  Plan next_plan();
  Rating next_rating();
  // A delay in [lo, hi] seconds.
  double seconds(double lo, double hi);

 private:
  size_t pick(const std::vector<int>& weights);
  std::mt19937 random_;
  std::vector<std::string> grids_;
};

}  // namespace caseflow::demo
