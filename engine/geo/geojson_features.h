// What the grid and compound layers share when they read a GeoJSON FeatureCollection of polygons:
// problems tagged with the feature's index, id and FILE:LINE:COL; ids and names from properties;
// Polygon/MultiPolygon geometries checked and repaired (unclosed rings closed, wrong windings
// reversed); and the pairwise check that no two features' interiors overlap.
// Pure; reentrant.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/common/diagnostic.h"
#include "engine/geo/feature_positions.h"
#include "engine/geo/shapes.h"

namespace caseflow::geo {

// Collects the problems and repairs of one load, each tagged with the feature it is about:
// "feature 12 (grid G00013): ..." at the feature's line and column.
class FeatureReporter {
 public:
  // `noun` names what a feature is ("grid", "compound").
  FeatureReporter(std::string_view file, std::string_view text, std::string_view noun,
                  Diagnostics& problems, Diagnostics* repairs);

  void file_error(TextPosition pos, std::string message);
  void error(int feature, std::string_view id, const std::string& message);
  void repaired(int feature, std::string_view id, const std::string& message);
  int errors() const { return errors_; }
  // Where feature `feature` begins in the text ({0, 0} if unknown).
  TextPosition where(int feature) const;
  std::string_view noun() const { return noun_; }
  const std::string& file() const { return file_; }

 private:
  std::string label(int feature, std::string_view id) const;

  std::string file_;
  std::string noun_;
  std::vector<TextPosition> positions_;
  Diagnostics& problems_;
  Diagnostics* repairs_;
  int errors_ = 0;
};

// The feature being read, for messages.
struct FeatureRef {
  FeatureReporter& out;
  int index;
  std::string id;
  void error(const std::string& m) const { out.error(index, id, m); }
  void repaired(const std::string& m) const { out.repaired(index, id, m); }
};

// The features of a FeatureCollection text; nullopt (the problem reported) when the text is not
// JSON, not a FeatureCollection or has no features. `what` names the features in the message
// ("grids").
std::optional<boost::json::array> read_feature_collection(std::string_view text,
                                                          std::string_view what,
                                                          FeatureReporter& out);

// A feature's "properties" object, or nullptr (reported).
const boost::json::object* feature_properties(const boost::json::value& feature,
                                              const FeatureRef& f);

// A property as an id: a non-empty string, or an integer (written in decimal).
std::optional<std::string> id_property(const boost::json::object& props, std::string_view key);
// A string property, "" when absent or not a string.
std::string name_property(const boost::json::object& props, std::string_view key);

// The feature's geometry as a valid MultiPolygon (a Polygon is a one-part MultiPolygon).
std::optional<MultiPolygon> read_geometry(const boost::json::object& feature, const FeatureRef& f);

// The envelope of a shape's outer rings (its holes lie inside them). Written out point by point:
// Boost.Geometry's envelope strategy trips GCC 12's -Wmaybe-uninitialized at -O2.
Box bounds_of(const MultiPolygon& shape);

// A point inside the shape's first polygon (not on its boundary, not in a hole): the middle of
// the widest inside span of the horizontal line through the middle of that polygon's envelope.
// Boost.Geometry's point_on_surface would do, but trips the same GCC warning.
Point interior_point(const MultiPolygon& shape);

// One shape for the overlap check.
struct ShapeEntry {
  const MultiPolygon* shape;
  Box bounds;
  int feature_index;
  std::string_view id;
};
// Neighbours may share edges and corners; their interiors must not meet. Each overlapping pair is
// reported on the later feature, the first `max_reported` of them; then a count of the rest.
void report_overlaps(std::span<const ShapeEntry> shapes, FeatureReporter& out, int max_reported);

}  // namespace caseflow::geo
