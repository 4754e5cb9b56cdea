// The unit directory as a list to search (GET /api/v1/units?q=): every unit the city directory
// knows — the office of each grid, community, street and district (after the directory's rules
// and overrides), each department and each named unit — so the dispatcher can find the unit to
// assign a case to by its id or its name. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/geo/city_directory.h"

namespace caseflow::http {

struct DirectoryUnit {
  std::string id;     // "grid:G00001", "department:transport"
  std::string name;   // the place's, department's or unit's name; "" when the files give none
  std::string level;  // grid, community, street, district, department, unit
  std::string place;  // the first place it serves (grid..district), the department code, or ""
};

struct UnitSearch {
  std::vector<DirectoryUnit> units;  // by id, at most `limit`
  size_t total = 0;                  // every unit that matched
};

// The units whose id or name contains `query` (ASCII letters compared without case; "" matches
// every unit), ordered by id.
UnitSearch search_units(const geo::CityDirectory& directory, std::string_view query, size_t limit);

std::string unit_search_json(const UnitSearch& found);

}  // namespace caseflow::http
