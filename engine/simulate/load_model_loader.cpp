#include "engine/simulate/load_model_loader.h"

#include <algorithm>
#include <array>
#include <functional>
#include <utility>
#include <vector>

#include "engine/definition/category_pattern.h"
#include "engine/definition/yaml_reader.h"
#include "engine/simulate/load_hourly.h"
#include "engine/simulate/load_values.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow::simulate {
namespace {

using definition::concat;
using definition::describe;
using definition::MapFields;
using definition::Reporter;

// In the order of definition::Level, so an index is a level.
constexpr std::array<std::string_view, 5> kLevelNames{"grid", "community", "street", "district",
                                                      "department"};
constexpr std::array<std::string_view, 3> kUrgencyNames{"normal", "urgent", "emergency"};
constexpr std::array<std::string_view, 3> kSolvedNames{"solved", "partly", "not_solved"};
constexpr std::array<std::string_view, 3> kSatisfactionNames{"satisfied", "basically",
                                                             "unsatisfied"};
// Bounds the work of one simulated day; the busiest city hotlines get some tens of thousands.
constexpr double kMaxReportsPerDay = 1'000'000;
constexpr double kMaxDayFactor = 10;

std::vector<std::string_view> names_of(const auto& array) {
  return std::vector<std::string_view>(array.begin(), array.end());
}

// "units.grid" + "sign" -> "units.grid.sign": every message names the full path of its value.
std::string child(std::string_view parent, std::string_view key) {
  return concat({parent, ".", key});
}

std::string in(std::string_view field) { return concat({"in '", field, "'"}); }

// A mapping of names to weights as read, in file order.
using NamedWeights = std::vector<std::pair<std::string, double>>;
// What is wrong with a name in a NamedWeights mapping; "" when nothing.
using NameCheck = std::function<std::string(const std::string&)>;

class LoadReader {
 public:
  explicit LoadReader(Reporter& reporter) : r_(reporter) {}

  void read(const YAML::Node& root, LoadModel& model) {
    MapFields top(
        root, "at the top level of the load model",
        {"reports_per_day", "hourly", "weekend_factor", "holiday_factor", "calendar", "categories",
         "urgency", "channels", "hot_spots", "units", "dispatcher", "revisit"},
        r_);
    if (!top.is_map()) return;
    if (auto node = top.get("reports_per_day")) read_reports_per_day(*node, model.reports_per_day);
    if (auto node = top.get("hourly")) read_hourly(*node, model.hourly);
    if (auto node = top.get("weekend_factor"))
      if (auto v = factor(*node, "weekend_factor")) model.weekend_factor = *v;
    if (auto node = top.get("holiday_factor"))
      if (auto v = factor(*node, "holiday_factor")) model.holiday_factor = *v;
    if (auto node = top.get("calendar"))
      if (auto name = definition::read_text(*node, "calendar", r_)) model.calendar = *name;
    if (auto node = top.require("categories")) read_categories(*node, model.categories);
    if (auto node = top.get("urgency"))
      read_fixed_weights(*node, "urgency", kUrgencyNames, model.urgency);
    if (auto node = top.get("channels")) read_channels(*node, model.channels);
    if (auto node = top.get("hot_spots")) read_hot_spots(*node, model);
    if (auto node = top.get("units")) read_units(*node, model);
    if (auto node = top.get("dispatcher"))
      read_distribution(*node, "dispatcher", model.dispatcher_delay);
    if (auto node = top.get("revisit")) read_revisit(*node, model.revisit);
  }

 private:
  // --- scalars -------------------------------------------------------------------------------

  // Quoted digits are text, as they are to the JSON Schema; say so, or "must be a number, got
  // '30000'" reads as nonsense.
  static std::string_view quoted_hint(const YAML::Node& node) {
    if (node.IsScalar() && node.Tag() == "!" && parse_number(node.Scalar()))
      return " (in quotes it is text: leave the quotes out)";
    return "";
  }

  // A plain number.
  std::optional<double> number(const YAML::Node& node, std::string_view field) {
    if (node.IsScalar() && node.Tag() != "!")
      if (auto value = parse_number(node.Scalar())) return value;
    r_.error(node.Mark(),
             concat({"'", field, "' must be a number, got ", describe(node), quoted_hint(node)}));
    return std::nullopt;
  }

  std::optional<double> non_negative(const YAML::Node& node, std::string_view field) {
    auto value = number(node, field);
    if (value && *value < 0) {
      r_.error(node.Mark(), concat({"'", field, "' must not be negative, got ", node.Scalar()}));
      return std::nullopt;
    }
    return value;
  }

  // A day's reports relative to a working day's, bounded as reports_per_day is.
  std::optional<double> factor(const YAML::Node& node, std::string_view field) {
    auto value = non_negative(node, field);
    if (value && *value > kMaxDayFactor) {
      r_.error(node.Mark(), concat({"'", field, "' must be at most 10, got ", node.Scalar()}));
      return std::nullopt;
    }
    return value;
  }

  // A number or a percentage ("2%"), unchecked for range.
  std::optional<double> share(const YAML::Node& node, std::string_view field,
                              std::string_view expected) {
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      const bool percent = !text.empty() && text.back() == '%';
      if (percent || node.Tag() != "!")
        if (auto value = parse_share(text)) return value;
    }
    r_.error(node.Mark(), concat({"'", field, "' must be ", expected, ", got ", describe(node),
                                  quoted_hint(node)}));
    return std::nullopt;
  }

  std::optional<double> probability(const YAML::Node& node, std::string_view field) {
    auto value = share(node, field, "a probability such as 2% or 0.02");
    if (value && (*value < 0 || *value > 1)) {
      r_.error(node.Mark(), concat({"'", field, "' must be between 0% and 100% (0 and 1), got ",
                                    node.Scalar()}));
      return std::nullopt;
    }
    return value;
  }

  // A relative weight: any non-negative number, or a percentage.
  std::optional<double> weight(const YAML::Node& node, std::string_view field) {
    auto value = share(node, field, "a weight such as 30, 0.3 or 30%");
    if (value && *value < 0) {
      r_.error(node.Mark(), concat({"'", field, "' must not be negative, got ", node.Scalar()}));
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> hours(const YAML::Node& node, std::string_view field) {
    if (node.IsScalar()) {
      if (auto value = parse_hours(node.Scalar())) {
        if (*value < 0) {
          r_.error(node.Mark(),
                   concat({"'", field, "' must not be negative, got ", node.Scalar()}));
          return std::nullopt;
        }
        if (*value > kMaxLoadHours) {
          r_.error(node.Mark(),
                   concat({"'", field, "' must be at most 3650d, got ", node.Scalar()}));
          return std::nullopt;
        }
        return value;
      }
    }
    r_.error(node.Mark(), concat({"'", field,
                                  "' must be an elapsed duration such as 45s, 30m, 2h, 1.5h or "
                                  "3d, got ",
                                  describe(node)}));
    return std::nullopt;
  }

  // --- arrivals ------------------------------------------------------------------------------

  void read_reports_per_day(const YAML::Node& node, double& out) {
    auto value = non_negative(node, "reports_per_day");
    if (!value) return;
    if (*value <= 0 || *value > kMaxReportsPerDay) {
      r_.error(node.Mark(), concat({"'reports_per_day' must be more than 0 and at most "
                                    "1000000, got ",
                                    node.Scalar()}));
      return;
    }
    out = *value;
  }

  void read_hourly(const YAML::Node& node, std::array<double, 24>& out) {
    auto items = definition::read_list(node, "hourly", r_);
    if (!items) return;
    if (items->size() != out.size()) {
      r_.error(node.Mark(),
               concat({"'hourly' must list 24 weights, one per hour from 0:00 to 23:00, got ",
                       std::to_string(items->size())}));
      return;
    }
    std::array<double, 24> weights{};
    bool ok = true;
    for (size_t hour = 0; hour < items->size(); ++hour) {
      auto value = weight((*items)[hour], concat({"hourly[", std::to_string(hour), "]"}));
      if (value)
        weights[hour] = *value;
      else
        ok = false;
    }
    if (!ok) return;
    if (all_zero(weights)) {
      r_.error(node.Mark(), "'hourly' weights are all zero; give at least one hour a weight");
      return;
    }
    out = weights;
  }

  // --- weights -------------------------------------------------------------------------------

  static bool all_zero(const auto& weights) {
    return std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; });
  }

  // A mapping with the fixed keys `names`; a key left out weighs 0.
  void read_fixed_weights(const YAML::Node& node, std::string_view field,
                          const std::array<std::string_view, 3>& names,
                          std::array<double, 3>& out) {
    MapFields fields(node, in(field), names_of(names), r_);
    if (!fields.is_map()) return;
    std::array<double, 3> weights{};
    bool ok = true;
    for (size_t i = 0; i < names.size(); ++i) {
      auto value_node = fields.get(names[i]);
      if (!value_node) continue;
      if (auto value = weight(*value_node, child(field, names[i])))
        weights[i] = *value;
      else
        ok = false;
    }
    if (!ok) return;
    if (all_zero(weights)) {
      r_.error(node.Mark(),
               concat({"'", field, "' weights are all zero; give at least one of them a weight"}));
      return;
    }
    out = weights;
  }

  // A mapping of names an admin chooses (categories, channels, grids) to weights. `what` names
  // one of them in messages ("category").
  std::optional<NamedWeights> read_named_weights(const YAML::Node& node, std::string_view field,
                                                 std::string_view what, const NameCheck& check) {
    if (!node.IsMap()) {
      r_.error(node.Mark(), concat({"'", field, "' must be a mapping of each ", what,
                                    " to its weight, got ", describe(node)}));
      return std::nullopt;
    }
    NamedWeights weights;
    std::vector<int> lines;  // of each entry of `weights`, for the duplicate message
    bool ok = true;
    for (const auto& item : node) {
      const YAML::Node& key = item.first;
      if (!key.IsScalar() || key.Scalar().empty()) {
        r_.error(key.Mark(), concat({"keys must be plain words ", in(field)}));
        ok = false;
        continue;
      }
      const std::string& name = key.Scalar();
      auto same = std::find_if(weights.begin(), weights.end(),
                               [&](const auto& entry) { return entry.first == name; });
      if (same != weights.end()) {
        const auto first_line = lines[static_cast<size_t>(same - weights.begin())];
        r_.error(key.Mark(), concat({what, " '", name, "' is listed twice ", in(field),
                                     " (first at line ", std::to_string(first_line), ")"}));
        ok = false;
        continue;
      }
      if (std::string problem = check(name); !problem.empty()) {
        r_.error(key.Mark(), std::move(problem));
        ok = false;
        continue;
      }
      auto value = weight(item.second, child(field, name));
      if (!value) {
        ok = false;
        continue;
      }
      weights.emplace_back(name, *value);
      lines.push_back(key.Mark().line + 1);
    }
    if (!ok) return std::nullopt;
    if (weights.empty()) {
      r_.error(node.Mark(), concat({"'", field, "' must list at least one ", what}));
      return std::nullopt;
    }
    if (std::all_of(weights.begin(), weights.end(), [](const auto& w) { return w.second == 0; })) {
      r_.error(node.Mark(), concat({"'", field, "' weights are all zero; give at least one ", what,
                                    " a weight"}));
      return std::nullopt;
    }
    return weights;
  }

  void read_categories(const YAML::Node& node, std::vector<Weighted>& out) {
    auto weights = read_named_weights(node, "categories", "category", [](const std::string& code) {
      if (definition::is_category_code(code)) return std::string();
      return concat({"'", code,
                     "' is not a category code; write lowercase words joined by dots, such as "
                     "parking.illegal (a report has one category: no patterns here)"});
    });
    if (!weights) return;
    out.clear();
    for (auto& [code, w] : *weights) out.push_back(Weighted{code, w});
  }

  void read_channels(const YAML::Node& node, std::vector<Weighted>& out) {
    auto weights = read_named_weights(node, "channels", "channel", [](const std::string& name) {
      if (definition::is_identifier(name)) return std::string();
      return concat({"channel '", name,
                     "' must be lowercase letters, digits, _ and -, starting with a letter"});
    });
    if (!weights) return;
    out.clear();
    for (auto& [name, w] : *weights) out.push_back(Weighted{name, w});
  }

  void read_hot_spots(const YAML::Node& node, LoadModel& model) {
    MapFields fields(node, in("hot_spots"), {"share", "grids"}, r_);
    if (!fields.is_map()) return;
    auto share_node = fields.require("share");
    auto grids_node = fields.require("grids");
    if (!share_node || !grids_node) return;
    auto share_value = probability(*share_node, "hot_spots.share");
    auto grids = read_named_weights(*grids_node, "hot_spots.grids", "grid",
                                    [](const std::string&) { return std::string(); });
    if (!share_value || !grids) return;
    model.hot_spot_share = *share_value;
    model.hot_spots.clear();
    for (auto& [grid, w] : *grids) model.hot_spots.push_back(HotSpot{grid, w});
  }

  // --- behaviour -----------------------------------------------------------------------------

  // "2h" (fixed), {fixed: 2h}, {median: 2h, p90: 8h} (lognormal) or {min: 2h, max: 20h}.
  void read_distribution(const YAML::Node& node, const std::string& field,
                         DurationDistribution& out) {
    if (node.IsScalar()) {
      if (auto value = hours(node, field))
        out = DurationDistribution{DurationDistribution::Kind::fixed, *value, *value, 0, 0};
      return;
    }
    const size_t problems_before = r_.count();
    MapFields fields(node, in(field), {"median", "p90", "fixed", "min", "max"}, r_);
    // After an unknown key (reported with its did-you-mean) any further message is noise.
    if (!fields.is_map() || r_.count() > problems_before) return;
    const bool lognormal = fields.get("median") || fields.get("p90");
    const bool fixed = fields.get("fixed").has_value();
    const bool uniform = fields.get("min") || fields.get("max");
    const int kinds = int{lognormal} + int{fixed} + int{uniform};
    if (kinds != 1) {
      r_.error(node.Mark(),
               concat({"'", field, kinds == 0 ? "' gives no duration" : "' mixes two forms",
                       "; write {median, p90}, {fixed} or {min, max}"}));
      return;
    }
    if (fixed) {
      if (auto value = hours(*fields.get("fixed"), child(field, "fixed")))
        out = DurationDistribution{DurationDistribution::Kind::fixed, *value, *value, 0, 0};
      return;
    }
    const bool is_lognormal = lognormal;
    auto low_node = fields.require(is_lognormal ? "median" : "min");
    auto high_node = fields.require(is_lognormal ? "p90" : "max");
    if (!low_node || !high_node) return;
    auto low = hours(*low_node, child(field, is_lognormal ? "median" : "min"));
    auto high = hours(*high_node, child(field, is_lognormal ? "p90" : "max"));
    if (!low || !high) return;
    if (is_lognormal && *low <= 0) {
      r_.error(low_node->Mark(),
               concat({"'", child(field, "median"),
                       "' must be more than 0 (write {fixed: 0s} for no time at all)"}));
      return;
    }
    if (*high < *low) {
      r_.error(high_node->Mark(),
               concat({"'", child(field, is_lognormal ? "p90" : "max"), "' (", high_node->Scalar(),
                       ") must not be less than its ", is_lognormal ? "median" : "min", " (",
                       low_node->Scalar(), ")"}));
      return;
    }
    if (is_lognormal)
      out = DurationDistribution{DurationDistribution::Kind::lognormal, *low, *high, 0, 0};
    else
      // median and p90 of a uniform draw, for anyone who summarises it
      out = DurationDistribution{DurationDistribution::Kind::uniform, (*low + *high) / 2,
                                 *low + 0.9 * (*high - *low), *low, *high};
  }

  void read_unit(const YAML::Node& node, const std::string& field, UnitBehaviour& unit) {
    MapFields fields(node, in(field),
                     {"sign", "ignore", "return", "contact", "handling", "capacity_per_day"}, r_);
    if (!fields.is_map()) return;
    if (auto n = fields.get("sign")) read_distribution(*n, child(field, "sign"), unit.time_to_sign);
    if (auto n = fields.get("ignore"))
      if (auto p = probability(*n, child(field, "ignore"))) unit.p_ignore = *p;
    if (auto n = fields.get("return"))
      if (auto p = probability(*n, child(field, "return"))) unit.p_return = *p;
    if (auto n = fields.get("contact")) {
      if (n->IsScalar() && n->Scalar() == "never") {
        unit.contacts = false;
      } else if (n->IsScalar() && !parse_hours(n->Scalar())) {
        r_.error(n->Mark(), concat({"'", child(field, "contact"),
                                    "' must be never or how long contact takes, such as 1h or "
                                    "{median: 1h, p90: 4h}, got ",
                                    describe(*n)}));
      } else {
        unit.contacts = true;
        read_distribution(*n, child(field, "contact"), unit.time_to_contact);
      }
    }
    if (auto n = fields.get("handling"))
      read_distribution(*n, child(field, "handling"), unit.handling);
    if (auto n = fields.get("capacity_per_day"))
      if (auto v = non_negative(*n, child(field, "capacity_per_day"))) unit.capacity_per_day = *v;
    if (unit.p_ignore + unit.p_return > 1)
      r_.error(node.Mark(), concat({"in '", field,
                                    "', 'ignore' and 'return' add up to more than 100%: a unit "
                                    "cannot both ignore and return a case"}));
  }

  // A level left out behaves as `default`; a level given starts from `default` too, so it need
  // only say how it differs.
  void read_units(const YAML::Node& node, LoadModel& model) {
    std::vector<std::string_view> allowed{"default"};
    allowed.insert(allowed.end(), kLevelNames.begin(), kLevelNames.end());
    MapFields fields(node, in("units"), allowed, r_);
    if (!fields.is_map()) return;
    if (auto n = fields.get("default")) read_unit(*n, "units.default", model.default_behaviour);
    for (size_t i = 0; i < kLevelNames.size(); ++i) {
      auto n = fields.get(kLevelNames[i]);
      if (!n) continue;
      UnitBehaviour unit = model.default_behaviour;
      read_unit(*n, child("units", kLevelNames[i]), unit);
      model.behaviour[static_cast<definition::Level>(i)] = unit;
    }
  }

  void read_revisit(const YAML::Node& node, RevisitBehaviour& revisit) {
    MapFields fields(node, in("revisit"), {"rated", "solved", "satisfaction", "delay"}, r_);
    if (!fields.is_map()) return;
    if (auto n = fields.get("rated"))
      if (auto p = probability(*n, "revisit.rated")) revisit.p_rated = *p;
    if (auto n = fields.get("solved"))
      read_fixed_weights(*n, "revisit.solved", kSolvedNames, revisit.solved);
    if (auto n = fields.get("satisfaction"))
      read_fixed_weights(*n, "revisit.satisfaction", kSatisfactionNames, revisit.satisfaction);
    if (auto n = fields.get("delay")) read_distribution(*n, "revisit.delay", revisit.delay);
  }

  Reporter& r_;
};

}  // namespace

std::optional<LoadModel> load_load_model(const std::string& file, std::string_view text,
                                         Diagnostics& problems) {
  Reporter reporter(file, problems);
  try {
    auto root = yaml::parse_bounded_yaml(file, text, problems);
    if (!root) return std::nullopt;
    if (root->IsNull()) {
      reporter.error(root->Mark(),
                     "the file is empty; expected a load model (at least "
                     "'categories')");
      return std::nullopt;
    }
    LoadModel model;
    model.file = file;
    model.hourly = default_hourly_profile();
    LoadReader(reporter).read(*root, model);
    if (reporter.count() > 0) return std::nullopt;
    return model;
  } catch (const std::exception& e) {
    // yaml-cpp may throw on access it considers invalid; it must not escape the loader.
    reporter.error(YAML::Mark::null_mark(),
                   std::string("could not read the load model: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace caseflow::simulate
