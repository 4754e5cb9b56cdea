#include "engine/geo/compound_loader.h"

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

// A unit id property that must begin with `prefix` ("property:PC0001").
bool read_unit_property(const json::object& props, std::string_view key, std::string_view prefix,
                        const FeatureRef& f, std::string& into) {
  std::optional<std::string> unit = id_property(props, key);
  if (!unit) {
    f.error("property \"" + std::string(key) + "\" is missing or empty");
    return false;
  }
  if (!unit->starts_with(prefix) || unit->size() == prefix.size()) {
    f.error("property \"" + std::string(key) + "\" is \"" + *unit + "\"; it must be a unit id " +
            "beginning with \"" + std::string(prefix) + "\"");
    return false;
  }
  into = std::move(*unit);
  return true;
}

std::optional<Compound> read_compound(const json::value& v, FeatureReporter& out, int index) {
  FeatureRef f{out, index, {}};
  const json::object* props = feature_properties(v, f);
  if (props == nullptr) return std::nullopt;
  Compound c;
  c.feature_index = index;
  c.where = out.where(index);
  std::optional<std::string> id = id_property(*props, "compound_id");
  if (!id) {
    f.error("property \"compound_id\" is missing or empty");
    return std::nullopt;
  }
  f.id = *id;
  c.id = std::move(*id);
  bool ok = true;
  if (std::optional<std::string> community = id_property(*props, "community_id")) {
    c.community_id = std::move(*community);
  } else {
    f.error("compound without a community: property \"community_id\" is missing or empty");
    ok = false;
  }
  ok = read_unit_property(*props, "property_unit", kPropertyUnitPrefix, f, c.property_unit) && ok;
  if (props->contains("owners_unit")) {
    ok = read_unit_property(*props, "owners_unit", kOwnersUnitPrefix, f, c.owners_unit) && ok;
  } else {
    c.owners_unit = std::string(kOwnersUnitPrefix) + c.id;
  }
  c.name = name_property(*props, "compound_name");
  if (const json::value* red = props->if_contains("red_property")) {
    if (red->is_bool()) {
      c.red_property_model = red->get_bool();
    } else {
      f.error("property \"red_property\" must be true or false");
      ok = false;
    }
  }
  std::optional<MultiPolygon> shape = read_geometry(v.get_object(), f);
  if (!shape || !ok) return std::nullopt;
  c.shape = std::move(*shape);
  c.bounds = bounds_of(c.shape);
  return c;
}

}  // namespace

CompoundMapPtr load_compounds(std::string_view file, std::string_view text, Diagnostics& problems,
                              Diagnostics* repairs, const BoundaryOptions& options) {
  FeatureReporter out(file, text, "compound", problems, repairs);
  const std::optional<json::array> features = read_feature_collection(text, "compounds", out);
  if (!features) return nullptr;
  std::vector<Compound> compounds;
  compounds.reserve(features->size());
  std::map<std::string_view, int> first_index;
  for (std::size_t i = 0; i < features->size(); ++i) {
    if (std::optional<Compound> c = read_compound((*features)[i], out, static_cast<int>(i)))
      compounds.push_back(std::move(*c));
  }
  for (const Compound& c : compounds) {
    auto [it, fresh] = first_index.try_emplace(c.id, c.feature_index);
    if (!fresh)
      out.error(c.feature_index, c.id,
                "duplicate compound id (also feature " + std::to_string(it->second) + ")");
  }
  if (options.check_overlaps) {
    std::vector<ShapeEntry> shapes;
    shapes.reserve(compounds.size());
    for (const Compound& c : compounds)
      shapes.push_back({&c.shape, c.bounds, c.feature_index, c.id});
    report_overlaps(shapes, out, options.max_overlaps_reported);
  }
  if (out.errors() > 0) return nullptr;
  return std::make_shared<const CompoundMap>(std::move(compounds));
}

}  // namespace caseflow::geo
