// The Boost.Geometry types grid boundaries are kept in.
//
// Coordinates are WGS-84 longitude (x) and latitude (y) in degrees, treated as a flat cartesian
// plane. At city scale (tens of kilometres) the error of that is far below the width of a street,
// and point-in-polygon needs only a consistent plane, not distances. Rings are counter-clockwise
// outside and clockwise for holes (GeoJSON RFC 7946) and stored closed (first point repeated).
#pragma once

#include <cstdint>
#include <utility>

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/register/ring.hpp>
#include <boost/geometry/geometries/ring.hpp>
#include <boost/range/iterator_range.hpp>

namespace caseflow::geo {

using Point = boost::geometry::model::d2::point_xy<double>;  // x = lon, y = lat
using Ring = boost::geometry::model::ring<Point, /*ClockWise=*/false, /*Closed=*/true>;
using Polygon = boost::geometry::model::polygon<Point, /*ClockWise=*/false, /*Closed=*/true>;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;
using Box = boost::geometry::model::box<Point>;

// A read-only closed counter-clockwise ring over points stored elsewhere (GridMap keeps the
// outlines of simple grids in one contiguous array, so a lookup reads one cache-friendly run).
using RingView = boost::iterator_range<const Point*>;

}  // namespace caseflow::geo

BOOST_GEOMETRY_REGISTER_RING(caseflow::geo::RingView)

namespace boost::geometry::traits {
template <>
struct point_order<caseflow::geo::RingView> {
  static const order_selector value = counterclockwise;
};
template <>
struct closure<caseflow::geo::RingView> {
  static const closure_selector value = closed;
};
}  // namespace boost::geometry::traits
