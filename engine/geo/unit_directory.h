// The unit directory (config/units.yaml): who handles each place, and the city departments.
//
// A city has 16,000+ grids, so units are given by RULE with exceptions rather than listed: each
// level (grid, community, street, district) has a unit pattern, "<level>:{id}" by default, and
// optional per-place overrides. A pattern may use {id} (the place's own id at that level) and the
// ids of the place's own or coarser levels: {grid} (grid level only), {community}, {street},
// {district}. Example: `grid: {default: "community:{community}"}` gives every grid to its
// community office. The format is documented in docs/geography.md.
//
// Plain immutable data once loaded (unit_loader.h); safe to share between threads.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/geo/place.h"

namespace caseflow::geo {

struct SourcePos {  // where an entry was written, for messages
  int line = 0;
  int column = 0;
};

struct LevelUnits {
  std::string pattern;  // e.g. "grid:{id}"
  struct Override {
    std::string pattern;  // a pattern like the default; usually a fixed unit id
    SourcePos where;
  };
  std::map<std::string, Override, std::less<>> overrides;  // place id -> unit pattern
};

struct Department {
  std::string code;   // "transport"; what workflows name in `department:`
  std::string name;   // "Municipal Transport Bureau"
  std::string unit;   // unit id; default "department:<code>"
  std::string topic;  // dispatch topic; default "caseflow.dept.<code>"
};

struct NamedUnit {  // a unit that is neither a place office nor a department ("dispatcher")
  std::string id;
  std::string name;
};

struct UnitDirectory {
  std::string source_file;
  std::array<LevelUnits, 4> levels;  // indexed by definition::Level grid..district
  std::vector<NamedUnit> units;
  std::vector<Department> departments;  // in file order; codes unique

  // The department with this code, or nullptr.
  const Department* department(std::string_view code) const;
  // The rules for a level (grid..district). Precondition: level != department.
  const LevelUnits& level(definition::Level level) const {
    return levels[static_cast<std::size_t>(level)];
  }
};

using UnitDirectoryPtr = std::shared_ptr<const UnitDirectory>;

// The unit of the place at `level` under `directory`: the override for the place's id at that
// level if there is one, else the level's pattern, expanded with `place`'s ids. nullopt if the
// place has no id at that level or `level` is department.
std::optional<std::string> unit_of(const UnitDirectory& directory, definition::Level level,
                                   const Place& place);

// Expands {id}, {grid}, {community}, {street}, {district} in `pattern`. Unknown braces are kept
// as written (the loader rejects them).
std::string expand_unit_pattern(std::string_view pattern, std::string_view id, const Place& place);

// The text name of a place level: "grid", "community", "street", "district", "department".
std::string_view level_name(definition::Level level);

}  // namespace caseflow::geo
