#include "engine/geo/boundary_loader.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "engine/geo/geojson_features.h"

namespace caseflow::geo {
namespace json = boost::json;

namespace {

std::optional<Grid> read_feature(const json::value& v, FeatureReporter& out, int index) {
  FeatureRef f{out, index, {}};
  const json::object* props = feature_properties(v, f);
  if (props == nullptr) return std::nullopt;
  Grid grid;
  grid.feature_index = index;
  std::optional<std::string> grid_id = id_property(*props, "grid_id");
  if (!grid_id) {
    f.error("property \"grid_id\" is missing or empty");
    return std::nullopt;
  }
  f.id = *grid_id;
  grid.place.grid_id = std::move(*grid_id);
  bool ok = true;
  auto required = [&](std::string_view key, std::string& into, std::string_view what) {
    std::optional<std::string> id = id_property(*props, key);
    if (id) {
      into = std::move(*id);
    } else {
      f.error(std::string("grid without a ") + std::string(what) + ": property \"" +
              std::string(key) + "\" is missing or empty");
      ok = false;
    }
  };
  required("community_id", grid.place.community_id, "community");
  required("street_id", grid.place.street_id, "street");
  required("district_id", grid.place.district_id, "district");
  grid.names = {name_property(*props, "grid_name"), name_property(*props, "community_name"),
                name_property(*props, "street_name"), name_property(*props, "district_name")};
  std::optional<MultiPolygon> shape = read_geometry(v.get_object(), f);
  if (!shape || !ok) return std::nullopt;
  grid.shape = std::move(*shape);
  grid.bounds = bounds_of(grid.shape);
  return grid;
}

// Each grid id once; each community in one street; each street in one district.
void check_hierarchy(const std::vector<Grid>& grids, FeatureReporter& out) {
  std::map<std::string_view, const Grid*> by_id;
  std::map<std::string_view, const Grid*> community_first;  // first grid naming the community
  std::map<std::string_view, const Grid*> street_first;
  for (const Grid& g : grids) {
    auto [it, fresh] = by_id.try_emplace(g.place.grid_id, &g);
    if (!fresh) {
      out.error(
          g.feature_index, g.place.grid_id,
          "duplicate grid id (also feature " + std::to_string(it->second->feature_index) + ")");
    }
    auto [c, c_fresh] = community_first.try_emplace(g.place.community_id, &g);
    if (!c_fresh && c->second->place.street_id != g.place.street_id) {
      out.error(g.feature_index, g.place.grid_id,
                "community " + g.place.community_id + " is put in street " + g.place.street_id +
                    " here but in street " + c->second->place.street_id + " by feature " +
                    std::to_string(c->second->feature_index));
    }
    auto [s, s_fresh] = street_first.try_emplace(g.place.street_id, &g);
    if (!s_fresh && s->second->place.district_id != g.place.district_id) {
      out.error(g.feature_index, g.place.grid_id,
                "street " + g.place.street_id + " is put in district " + g.place.district_id +
                    " here but in district " + s->second->place.district_id + " by feature " +
                    std::to_string(s->second->feature_index));
    }
  }
}

void check_overlaps(const std::vector<Grid>& grids, FeatureReporter& out,
                    const BoundaryOptions& options) {
  std::vector<ShapeEntry> shapes;
  shapes.reserve(grids.size());
  for (const Grid& g : grids)
    shapes.push_back({&g.shape, g.bounds, g.feature_index, g.place.grid_id});
  report_overlaps(shapes, out, options.max_overlaps_reported);
}

}  // namespace

GridMapPtr load_boundaries(std::string_view file, std::string_view text, Diagnostics& problems,
                           Diagnostics* repairs, const BoundaryOptions& options) {
  FeatureReporter out(file, text, "grid", problems, repairs);
  const std::optional<json::array> features = read_feature_collection(text, "grids", out);
  if (!features) return nullptr;

  std::vector<Grid> grids;
  grids.reserve(features->size());
  for (std::size_t i = 0; i < features->size(); ++i) {
    std::optional<Grid> grid = read_feature((*features)[i], out, static_cast<int>(i));
    if (grid) grids.push_back(std::move(*grid));
  }
  check_hierarchy(grids, out);
  if (options.check_overlaps) check_overlaps(grids, out, options);
  if (out.errors() > 0) return nullptr;
  return std::make_shared<const GridMap>(std::move(grids));
}

}  // namespace caseflow::geo
