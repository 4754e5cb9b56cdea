// The label values of the live assessment counters that must exist at 0 from the start: a series
// born at 1 hides its first event from increase(), so every (street, unit) the unit directory can
// give a case is declared before any case arrives (docs/operations.md "The assessment").
//
// The bounded scheme: one pair per community unit (with its community's street), per street unit,
// per district unit and each of its district's streets, and per department unit and every street
// of the city (a department handles cases anywhere; the street label stays the case's street, so
// a street's rates include the department cases in it). A grid never has a pair of its own: the
// engine counts grid stages under their community's unit (Engine::assessed_unit).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/geo/place.h"

namespace caseflow::metrics {

struct StreetUnit {
  std::string street;
  std::string unit;
  friend auto operator<=>(const StreetUnit&, const StreetUnit&) = default;
};

// Every pair of `directory`, sorted, without duplicates; empty when the directory is null or is
// not a city directory (a test double): then series appear as cases are counted.
std::vector<StreetUnit> assessment_label_pairs(const geo::PlaceDirectory* directory);

}  // namespace caseflow::metrics
