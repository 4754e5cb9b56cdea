// Where things are in a GeoJSON text, so that problems can be reported as FILE:LINE:COL.
// Boost.JSON gives values without positions; these helpers recover them with a light scan.
// Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace caseflow::geo {

struct TextPosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

// The line and column of byte `offset` of `text` (offsets past the end give the end).
TextPosition position_of(std::string_view text, std::size_t offset);

// The position of the opening '{' of each element of the root object's "features" array, in
// order. Tolerant: on malformed text it returns what it found so far.
std::vector<TextPosition> feature_positions(std::string_view text);

}  // namespace caseflow::geo
