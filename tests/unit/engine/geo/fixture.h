// Reads the hand-made fixture city of tests/data/geo for the geo tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "engine/geo/boundary_loader.h"

namespace caseflow::geo::testing {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CASEFLOW_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string fixture_city_text() {
  return read_source_file("tests/data/geo/fixture_city.geojson");
}
inline std::string fixture_units_text() {
  return read_source_file("tests/data/geo/fixture_units.yaml");
}

inline std::string all(const Diagnostics& ds) {
  std::string s;
  for (const Diagnostic& d : ds) s += d.to_string() + "\n";
  return s;
}

}  // namespace caseflow::geo::testing
