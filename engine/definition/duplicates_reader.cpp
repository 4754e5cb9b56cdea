#include "engine/definition/duplicates_reader.h"

#include <charconv>
#include <cmath>

#include "engine/definition/reader_support.h"

namespace caseflow::definition {

std::optional<int> parse_distance_m(std::string_view text) {
  double scale = 0;
  if (text.ends_with("km")) {
    scale = 1000;
    text.remove_suffix(2);
  } else if (text.ends_with("m")) {
    scale = 1;
    text.remove_suffix(1);
  } else {
    return std::nullopt;
  }
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  // Plain decimal digits with at most one '.', as spans are written: no signs, no exponents.
  if (text.empty() || text.size() > 12 || text.front() == '.' || text.back() == '.')
    return std::nullopt;
  int dots = 0;
  for (char ch : text) {
    if (ch == '.')
      ++dots;
    else if (ch < '0' || ch > '9')
      return std::nullopt;
  }
  if (dots > 1) return std::nullopt;
  double count = 0;
  if (std::from_chars(text.data(), text.data() + text.size(), count).ptr !=
      text.data() + text.size())
    return std::nullopt;
  const double metres = count * scale;
  const long rounded = std::lround(metres);
  if (rounded < 1 || rounded > kMaxDuplicateDistanceM) return std::nullopt;
  return static_cast<int>(rounded);
}

void read_duplicates(const YAML::Node& node, std::optional<DuplicatePolicy>& duplicates,
                     Reporter& r) {
  MapFields fields(node, "in 'duplicates'", {"distance", "window"}, r);
  if (!fields.is_map()) return;
  DuplicatePolicy policy;
  bool ok = true;
  if (auto distance = fields.require("distance")) {
    std::optional<int> metres;
    if (distance->IsScalar()) metres = parse_distance_m(distance->Scalar());
    if (metres) {
      policy.distance_m = *metres;
    } else {
      r.error(distance->Mark(),
              concat({"'distance' must be a distance such as 200m or 1.5km, at most 5km, got ",
                      describe(*distance)}));
      ok = false;
    }
  } else {
    ok = false;
  }
  if (auto window = fields.require("window")) {
    if (auto span = read_span(*window, "window", r)) {
      if (span->is_working_time()) {
        r.error(window->Mark(), concat({"'window' must be calendar time such as 72h or 3d, got ",
                                        describe(*window)}));
        ok = false;
      } else {
        policy.window = *span;
      }
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  if (ok) duplicates = policy;
}

}  // namespace caseflow::definition
