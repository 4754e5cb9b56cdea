// The open located cases by category and map cell (0.01 degree, about 1.1 km north-south), so
// the possible duplicates of a report (docs/engine.md "Possible duplicates") come from the few
// cells around it instead of a scan of every open case. One index can be shared by the engines of
// one process (one per input partition, all on the processing thread), so a report finds its
// neighbours whichever partition holds them; each entry names the engine that put it in. Pure; not
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/geo/datum.h"
#include "engine/time/instant.h"

namespace caseflow::core {

class DuplicateIndex {
 public:
  struct Entry {
    std::string case_id;
    std::string category;
    geo::LonLat at;  // WGS-84
    Instant reported_at;
    const void* owner = nullptr;  // the engine that holds the case
  };
  struct Near {
    double metres = 0;
    const Entry* entry = nullptr;
  };

  void add(const void* owner, std::string_view category, std::string_view case_id,
           geo::LonLat wgs84, Instant reported_at);
  // Removes what `owner` added with the same category, id and point (nothing if absent).
  void remove(const void* owner, std::string_view category, std::string_view case_id,
              geo::LonLat wgs84);
  // The entries of `category` at most `metres` (haversine) from `wgs84`, nearest first (ties by
  // id). Valid until the next add or remove.
  std::vector<Near> near(std::string_view category, geo::LonLat wgs84, double metres) const;
  size_t size() const { return size_; }

 private:
  std::unordered_map<uint64_t, std::vector<Entry>> cells_;
  size_t size_ = 0;
};

}  // namespace caseflow::core
