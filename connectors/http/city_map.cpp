#include "connectors/http/city_map.h"

#include <cmath>

#include "engine/events/json_writer.h"
#include "engine/geo/grid_map.h"

namespace caseflow::http {
namespace {

// One ring as [x0,y0,x1,y1,...], without the closing point (a canvas path closes itself).
template <typename Ring>
void write_ring(events::JsonWriter& w, const Ring& ring, const geo::Point& origin) {
  w.begin_array();
  const size_t n = ring.size() > 1 ? ring.size() - 1 : ring.size();
  for (size_t i = 0; i < n; ++i) {
    w.number(std::llround((ring[i].x() - origin.x()) * kMapScale));
    w.number(std::llround((ring[i].y() - origin.y()) * kMapScale));
  }
  w.end_array();
}

}  // namespace

std::string city_grids_json(const geo::GridMap& grids) {
  std::string out;
  out.reserve(grids.size() * 160 + 256);
  events::JsonWriter w(out);
  const geo::Box& box = grids.bounds();
  const geo::Point& origin = box.min_corner();
  w.begin_object();
  w.key("bbox");
  w.begin_array();
  w.decimal(box.min_corner().x());
  w.decimal(box.min_corner().y());
  w.decimal(box.max_corner().x());
  w.decimal(box.max_corner().y());
  w.end_array();
  w.field("scale", static_cast<int64_t>(kMapScale));
  w.key("columns");
  w.begin_array();
  for (const char* column : {"grid", "community", "street", "district", "rings"}) w.string(column);
  w.end_array();
  w.key("grids");
  w.begin_array();
  for (const geo::Grid& g : grids.grids()) {
    w.begin_array();
    w.string(g.place.grid_id);
    w.string(g.place.community_id);
    w.string(g.place.street_id);
    w.string(g.place.district_id);
    w.begin_array();
    for (const geo::Polygon& part : g.shape) {
      write_ring(w, part.outer(), origin);
      for (const geo::Ring& hole : part.inners()) write_ring(w, hole, origin);
    }
    w.end_array();
    w.end_array();
  }
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace caseflow::http
