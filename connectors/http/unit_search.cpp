#include "connectors/http/unit_search.h"

#include <algorithm>
#include <array>
#include <map>

#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

using definition::Level;

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains(std::string_view text, std::string_view query) {
  if (query.empty()) return true;
  return std::search(text.begin(), text.end(), query.begin(), query.end(),
                     [](char a, char b) { return fold(a) == fold(b); }) != text.end();
}

}  // namespace

UnitSearch search_units(const geo::CityDirectory& directory, std::string_view query, size_t limit) {
  // By id: a unit serving several places (one office for a lake's grids) is listed once, with
  // the first place it serves.
  std::map<std::string, DirectoryUnit, std::less<>> found;
  auto offer = [&](std::string_view id, std::string_view name, std::string_view level,
                   std::string_view place) {
    if (found.find(id) != found.end()) return;
    if (!contains(id, query) && !contains(name, query)) return;
    found.emplace(std::string(id), DirectoryUnit{std::string(id), std::string(name),
                                                 std::string(level), std::string(place)});
  };
  const geo::UnitDirectory& units = directory.units();
  for (const geo::NamedUnit& u : units.units) offer(u.id, u.name, "unit", "");
  for (const geo::Department& d : units.departments) offer(d.unit, d.name, "department", d.code);
  constexpr std::array<Level, 4> kLevels = {Level::grid, Level::community, Level::street,
                                            Level::district};
  for (const Level level : kLevels) {
    for (const auto& [place, unit] : directory.units_of_places(level)) {
      offer(unit, directory.grids().name_of(level, place), geo::level_name(level), place);
    }
  }
  UnitSearch out;
  out.total = found.size();
  for (auto& [id, unit] : found) {
    if (out.units.size() >= limit) break;
    out.units.push_back(std::move(unit));
  }
  return out;
}

std::string unit_search_json(const UnitSearch& found) {
  std::string out;
  events::JsonWriter w(out);
  w.begin_object();
  w.key("units");
  w.begin_array();
  for (const DirectoryUnit& u : found.units) {
    w.begin_object();
    w.field("id", u.id);
    w.field("name", u.name);
    w.field("level", u.level);
    w.field("place", u.place);
    w.end_object();
  }
  w.end_array();
  w.field("count", static_cast<int64_t>(found.units.size()));
  w.field("total", static_cast<int64_t>(found.total));
  w.end_object();
  return out;
}

}  // namespace caseflow::http
