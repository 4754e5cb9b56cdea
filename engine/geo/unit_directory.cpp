#include "engine/geo/unit_directory.h"

namespace caseflow::geo {

const Department* UnitDirectory::department(std::string_view code) const {
  for (const Department& d : departments)
    if (d.code == code) return &d;
  return nullptr;
}

std::string_view level_name(definition::Level level) {
  switch (level) {
    case definition::Level::grid:
      return "grid";
    case definition::Level::community:
      return "community";
    case definition::Level::street:
      return "street";
    case definition::Level::district:
      return "district";
    case definition::Level::department:
      return "department";
    case definition::Level::property:
      return "property";
  }
  return "grid";
}

std::string expand_unit_pattern(std::string_view pattern, std::string_view id, const Place& place) {
  std::string out;
  out.reserve(pattern.size() + 16);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view token = pattern.substr(i + 1, close - i - 1);
        const std::string* value = nullptr;
        if (token == "grid")
          value = &place.grid_id;
        else if (token == "community")
          value = &place.community_id;
        else if (token == "street")
          value = &place.street_id;
        else if (token == "district")
          value = &place.district_id;
        if (token == "id") {
          out += id;
          i = close + 1;
          continue;
        }
        if (value != nullptr) {
          out += *value;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

std::optional<std::string> unit_of(const UnitDirectory& directory, definition::Level level,
                                   const Place& place) {
  const std::string* id = nullptr;
  switch (level) {
    case definition::Level::grid:
      id = &place.grid_id;
      break;
    case definition::Level::community:
      id = &place.community_id;
      break;
    case definition::Level::street:
      id = &place.street_id;
      break;
    case definition::Level::district:
      id = &place.district_id;
      break;
    case definition::Level::department:
    case definition::Level::property:
      return std::nullopt;
  }
  if (id->empty()) return std::nullopt;
  const LevelUnits& rules = directory.level(level);
  auto it = rules.overrides.find(*id);
  const std::string& pattern = it != rules.overrides.end() ? it->second.pattern : rules.pattern;
  return expand_unit_pattern(pattern, *id, place);
}

}  // namespace caseflow::geo
