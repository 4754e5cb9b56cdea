#include "engine/geo/geojson_features.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/assign.hpp>
#include <boost/geometry/algorithms/equals.hpp>
#include <boost/geometry/algorithms/expand.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/algorithms/relate.hpp>
#include <boost/geometry/algorithms/reverse.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <boost/json/parser.hpp>

namespace caseflow::geo {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
namespace json = boost::json;

FeatureReporter::FeatureReporter(std::string_view file, std::string_view text,
                                 std::string_view noun, Diagnostics& problems, Diagnostics* repairs)
    : file_(file),
      noun_(noun),
      positions_(feature_positions(text)),
      problems_(problems),
      repairs_(repairs) {}

void FeatureReporter::file_error(TextPosition pos, std::string message) {
  problems_.push_back({file_, pos.line, pos.column, std::move(message)});
  ++errors_;
}

void FeatureReporter::error(int feature, std::string_view id, const std::string& message) {
  const TextPosition pos = where(feature);
  problems_.push_back({file_, pos.line, pos.column, label(feature, id) + message});
  ++errors_;
}

void FeatureReporter::repaired(int feature, std::string_view id, const std::string& message) {
  if (repairs_ == nullptr) return;
  const TextPosition pos = where(feature);
  repairs_->push_back({file_, pos.line, pos.column, label(feature, id) + message});
}

TextPosition FeatureReporter::where(int feature) const {
  return feature >= 0 && static_cast<std::size_t>(feature) < positions_.size()
             ? positions_[static_cast<std::size_t>(feature)]
             : TextPosition{0, 0};
}

std::string FeatureReporter::label(int feature, std::string_view id) const {
  std::string s = "feature " + std::to_string(feature);
  if (!id.empty()) s += " (" + noun_ + " " + std::string(id) + ")";
  return s + ": ";
}

std::optional<json::array> read_feature_collection(std::string_view text, std::string_view what,
                                                   FeatureReporter& out) {
  json::parser parser;
  boost::system::error_code ec;
  const std::size_t used = parser.write(text.data(), text.size(), ec);
  if (ec) {
    out.file_error(position_of(text, used), "not valid JSON: " + ec.message());
    return std::nullopt;
  }
  json::value root = parser.release();
  json::object* collection = root.if_object();
  const json::value* type = collection ? collection->if_contains("type") : nullptr;
  if (type == nullptr || !type->is_string() || type->get_string() != "FeatureCollection") {
    out.file_error({1, 1}, "expected a GeoJSON FeatureCollection");
    return std::nullopt;
  }
  json::value* features_value = collection->if_contains("features");
  json::array* features = features_value ? features_value->if_array() : nullptr;
  if (features == nullptr || features->empty()) {
    out.file_error({1, 1},
                   "the FeatureCollection has no \"features\" (no " + std::string(what) + ")");
    return std::nullopt;
  }
  return std::move(*features);
}

const json::object* feature_properties(const json::value& v, const FeatureRef& f) {
  const json::object* feature = v.if_object();
  if (feature == nullptr) {
    f.error("a feature must be a JSON object");
    return nullptr;
  }
  const json::value* p = feature->if_contains("properties");
  const json::object* props = p ? p->if_object() : nullptr;
  if (props == nullptr) f.error("has no \"properties\" object");
  return props;
}

namespace {

std::optional<double> number_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_:
      return v.get_double();
    case json::kind::int64:
      return static_cast<double>(v.get_int64());
    case json::kind::uint64:
      return static_cast<double>(v.get_uint64());
    default:
      return std::nullopt;
  }
}

std::string where_in(int polygon, int ring) {
  return "polygon " + std::to_string(polygon) + ", ring " + std::to_string(ring);
}

// Reads one ring, closing it if needed. `outer` says which winding it must have.
std::optional<Ring> read_ring(const json::value& v, const FeatureRef& f, int polygon, int ring_no,
                              bool outer) {
  const std::string where = where_in(polygon, ring_no);
  if (!v.is_array()) {
    f.error(where + ": a ring must be an array of positions");
    return std::nullopt;
  }
  Ring ring;
  for (const json::value& pos : v.get_array()) {
    const json::array* a = pos.if_array();
    std::optional<double> lon = a && a->size() >= 2 ? number_of((*a)[0]) : std::nullopt;
    std::optional<double> lat = a && a->size() >= 2 ? number_of((*a)[1]) : std::nullopt;
    if (!lon || !lat) {
      f.error(where + ": a position must be an array [lon, lat] of numbers");
      return std::nullopt;
    }
    if (!std::isfinite(*lon) || !std::isfinite(*lat) || std::abs(*lon) > 180 ||
        std::abs(*lat) > 90) {
      f.error(where + ": position [" + std::to_string(*lon) + ", " + std::to_string(*lat) +
              "] is not a longitude/latitude in degrees");
      return std::nullopt;
    }
    ring.emplace_back(*lon, *lat);
  }
  if (ring.size() >= 2 && !bg::equals(ring.front(), ring.back())) {
    ring.push_back(ring.front());
    f.repaired(where + ": ring was not closed; closed it");
  }
  if (ring.size() < 4) {
    f.error(where + ": a ring needs at least 3 distinct points (" + std::to_string(ring.size()) +
            " positions given)");
    return std::nullopt;
  }
  const double area = bg::area(ring);  // positive = counter-clockwise for Ring
  if (area == 0) {
    f.error(where + ": ring encloses no area (all points on a line)");
    return std::nullopt;
  }
  if ((area > 0) != outer) {
    bg::reverse(ring);
    f.repaired(where + (outer ? ": outer ring was clockwise; reversed it to counter-clockwise"
                              : ": hole was counter-clockwise; reversed it to clockwise"));
  }
  return ring;
}

std::optional<Polygon> read_polygon(const json::value& v, const FeatureRef& f, int polygon_no) {
  const json::array* rings = v.if_array();
  if (rings == nullptr || rings->empty()) {
    f.error("polygon " + std::to_string(polygon_no) + ": must be a non-empty array of rings");
    return std::nullopt;
  }
  Polygon polygon;
  bool ok = true;
  for (std::size_t r = 0; r < rings->size(); ++r) {
    std::optional<Ring> ring = read_ring((*rings)[r], f, polygon_no, static_cast<int>(r), r == 0);
    if (!ring) {
      ok = false;
      continue;
    }
    if (r == 0) {
      polygon.outer().assign(ring->begin(), ring->end());
    } else {
      polygon.inners().emplace_back(ring->begin(), ring->end());
    }
  }
  if (!ok) return std::nullopt;
  return polygon;
}

}  // namespace

// A property as an id: a non-empty string, or an integer (written in decimal).
std::optional<std::string> id_property(const json::object& props, std::string_view key) {
  const json::value* v = props.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    std::string s(v->get_string());
    if (s.empty()) return std::nullopt;
    return s;
  }
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return std::nullopt;
}

std::string name_property(const json::object& props, std::string_view key) {
  const json::value* v = props.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<MultiPolygon> read_geometry(const json::object& feature, const FeatureRef& f) {
  const json::value* g = feature.if_contains("geometry");
  const json::object* geometry = g ? g->if_object() : nullptr;
  if (geometry == nullptr) {
    f.error("has no \"geometry\" object");
    return std::nullopt;
  }
  const json::value* type = geometry->if_contains("type");
  const json::value* coords = geometry->if_contains("coordinates");
  if (type == nullptr || !type->is_string() || coords == nullptr) {
    f.error("geometry needs \"type\" and \"coordinates\"");
    return std::nullopt;
  }
  MultiPolygon shape;
  if (type->get_string() == "Polygon") {
    std::optional<Polygon> p = read_polygon(*coords, f, 0);
    if (!p) return std::nullopt;
    shape.push_back(std::move(*p));
  } else if (type->get_string() == "MultiPolygon") {
    const json::array* polys = coords->if_array();
    if (polys == nullptr || polys->empty()) {
      f.error("MultiPolygon coordinates must be a non-empty array of polygons");
      return std::nullopt;
    }
    bool ok = true;
    for (std::size_t i = 0; i < polys->size(); ++i) {
      std::optional<Polygon> p = read_polygon((*polys)[i], f, static_cast<int>(i));
      if (p)
        shape.push_back(std::move(*p));
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
  } else {
    f.error("geometry type \"" + std::string(type->get_string()) +
            "\" is not supported (use Polygon or MultiPolygon)");
    return std::nullopt;
  }
  std::string why;
  if (!bg::is_valid(shape, why)) {
    f.error("invalid polygon: " + why);
    return std::nullopt;
  }
  return shape;
}

Box bounds_of(const MultiPolygon& shape) {
  Box box;
  bg::assign_inverse(box);
  for (const Polygon& polygon : shape)
    for (const Point& p : polygon.outer()) bg::expand(box, p);
  return box;
}

Point interior_point(const MultiPolygon& shape) {
  const Polygon& polygon = shape.front();
  double low = polygon.outer().front().y(), high = low;
  for (const Point& p : polygon.outer()) {
    low = std::min(low, p.y());
    high = std::max(high, p.y());
  }
  const double y = (low + high) / 2;
  // Where the line crosses the rings' edges (half-open in y, so a vertex on it counts once).
  std::vector<double> crossings;
  auto cross = [&](const auto& ring) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const Point& a = ring[i];
      const Point& b = ring[i + 1];
      if ((a.y() <= y) == (b.y() <= y)) continue;
      crossings.push_back(a.x() + (y - a.y()) * (b.x() - a.x()) / (b.y() - a.y()));
    }
  };
  cross(polygon.outer());
  for (const auto& hole : polygon.inners()) cross(hole);
  std::sort(crossings.begin(), crossings.end());
  double best_width = -1, best_x = polygon.outer().front().x();
  for (std::size_t i = 0; i + 1 < crossings.size(); i += 2) {
    const double width = crossings[i + 1] - crossings[i];
    if (width > best_width) {
      best_width = width;
      best_x = (crossings[i] + crossings[i + 1]) / 2;
    }
  }
  return Point(best_x, y);
}

void report_overlaps(std::span<const ShapeEntry> shapes, FeatureReporter& out, int max_reported) {
  using Entry = std::pair<Box, std::size_t>;
  std::vector<Entry> entries;
  entries.reserve(shapes.size());
  for (std::size_t i = 0; i < shapes.size(); ++i) entries.emplace_back(shapes[i].bounds, i);
  const bgi::rtree<Entry, bgi::quadratic<16>> tree(entries);
  const bg::de9im::mask interiors_meet("T********");
  int found = 0;
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    tree.query(bgi::intersects(shapes[i].bounds),
               boost::make_function_output_iterator([&](const Entry& e) {
                 const std::size_t j = e.second;
                 if (j <= i || !bg::relate(*shapes[i].shape, *shapes[j].shape, interiors_meet))
                   return;
                 ++found;
                 if (found > max_reported) return;
                 const ShapeEntry& later = shapes[std::max(i, j)];
                 const ShapeEntry& earlier = shapes[std::min(i, j)];
                 out.error(later.feature_index, later.id,
                           "overlaps " + std::string(out.noun()) + " " + std::string(earlier.id) +
                               " (feature " + std::to_string(earlier.feature_index) + ")");
               }));
  }
  if (found > max_reported) {
    out.file_error({0, 0}, std::to_string(found - max_reported) + " more overlapping pairs of " +
                               std::string(out.noun()) + "s not listed");
  }
}

}  // namespace caseflow::geo
