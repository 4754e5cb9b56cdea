#include "engine/geo/unit_loader.h"

#include <cctype>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include <yaml-cpp/yaml.h>

#include "engine/yaml/bounded_yaml.h"

namespace caseflow::geo {
namespace {

using definition::Level;

// A unit directory may override the unit of every grid of a large city, one line each: tens of
// thousands of lines. The limits leave room for ten times that and still stop a hostile file early.
constexpr yaml::YamlLimits kUnitYaml{std::size_t{16} << 20, 32, 1'000'000};

class Reader {
 public:
  Reader(std::string_view file, Diagnostics& problems) : file_(file), problems_(problems) {}

  void error(const YAML::Mark& mark, std::string message) {
    problems_.push_back({file_, mark.line + 1, mark.column + 1, std::move(message)});
    ++errors_;
  }
  int errors() const { return errors_; }

  // A scalar as a string, or an error naming `what`.
  std::optional<std::string> scalar(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
      error(node.Mark(), std::string(what) + " must be a plain value");
      return std::nullopt;
    }
    return node.Scalar();
  }

  // Complains about every key of `map` not in `allowed`.
  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                 std::string_view where) {
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      bool known = false;
      for (std::string_view a : allowed) known = known || key == a;
      if (!known) error(kv.first.Mark(), "unknown key \"" + key + "\" in " + std::string(where));
    }
  }

 private:
  std::string file_;
  Diagnostics& problems_;
  int errors_ = 0;
};

// Coarseness: grid 0 .. district 3. A pattern at level L may use tokens of levels >= L.
int rank_of_token(std::string_view token) {
  if (token == "grid") return 0;
  if (token == "community") return 1;
  if (token == "street") return 2;
  if (token == "district") return 3;
  return -1;
}

// Checks a unit pattern for `level`; returns an explanation of what is wrong, or "".
std::string pattern_problem(std::string_view pattern, Level level) {
  if (pattern.empty()) return "a unit id pattern must not be empty";
  for (char c : pattern)
    if (std::isspace(static_cast<unsigned char>(c))) return "a unit id must not contain spaces";
  std::size_t i = 0;
  while ((i = pattern.find_first_of("{}", i)) != std::string_view::npos) {
    if (pattern[i] == '}') return "unbalanced '}' in unit pattern";
    const std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) return "unclosed '{' in unit pattern";
    const std::string_view token = pattern.substr(i + 1, close - i - 1);
    const int rank = rank_of_token(token);
    if (token != "id" && rank < 0) {
      return "unknown placeholder {" + std::string(token) +
             "} (use {id}, {grid}, {community}, {street} or {district})";
    }
    if (token != "id" && rank < static_cast<int>(level)) {
      return "placeholder {" + std::string(token) + "} is finer than the " +
             std::string(level_name(level)) + " level";
    }
    i = close + 1;
  }
  return {};
}

bool valid_code(std::string_view code) {
  if (code.empty()) return false;
  for (char c : code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

void read_level(const YAML::Node& node, Level level, LevelUnits& into, Reader& r) {
  const std::string where = std::string(level_name(level)) + " level";
  if (!node.IsMap()) {
    r.error(node.Mark(), where + " must be a map with `default` and/or `overrides`");
    return;
  }
  r.only_keys(node, {"default", "overrides"}, where);
  if (const YAML::Node d = node["default"]) {
    if (std::optional<std::string> p = r.scalar(d, "default")) {
      const std::string why = pattern_problem(*p, level);
      if (why.empty())
        into.pattern = *p;
      else
        r.error(d.Mark(), why);
    }
  }
  const YAML::Node overrides = node["overrides"];
  if (!overrides) return;
  if (!overrides.IsMap()) {
    r.error(overrides.Mark(), "overrides must map place ids to unit ids");
    return;
  }
  for (const auto& kv : overrides) {
    std::optional<std::string> place = r.scalar(kv.first, "a place id");
    std::optional<std::string> unit = r.scalar(kv.second, "a unit id");
    if (!place || !unit) continue;
    const std::string why = pattern_problem(*unit, level);
    if (!why.empty()) {
      r.error(kv.second.Mark(), why);
      continue;
    }
    into.overrides[*place] = {*unit, {kv.first.Mark().line + 1, kv.first.Mark().column + 1}};
  }
}

void read_units(const YAML::Node& node, UnitDirectory& dir, Reader& r, std::set<std::string>& ids) {
  if (!node.IsSequence()) {
    r.error(node.Mark(), "units must be a list of {id, name}");
    return;
  }
  for (const YAML::Node& u : node) {
    if (!u.IsMap()) {
      r.error(u.Mark(), "a unit must be a map {id, name}");
      continue;
    }
    r.only_keys(u, {"id", "name"}, "a unit");
    const YAML::Node id = u["id"];
    if (!id) {
      r.error(u.Mark(), "a unit needs an `id`");
      continue;
    }
    std::optional<std::string> text = r.scalar(id, "id");
    if (!text) continue;
    if (text->empty() || text->find_first_of(" \t{}") != std::string::npos) {
      r.error(id.Mark(), "unit id \"" + *text + "\" must be non-empty without spaces or braces");
      continue;
    }
    if (!ids.insert(*text).second) {
      r.error(id.Mark(), "unit id \"" + *text + "\" is listed twice");
      continue;
    }
    NamedUnit unit{*text, {}};
    if (const YAML::Node n = u["name"]) unit.name = r.scalar(n, "name").value_or("");
    dir.units.push_back(std::move(unit));
  }
}

void read_departments(const YAML::Node& node, UnitDirectory& dir, Reader& r,
                      std::set<std::string>& ids) {
  if (!node.IsSequence()) {
    r.error(node.Mark(), "departments must be a list of {code, name, unit, topic}");
    return;
  }
  std::set<std::string> codes;
  for (const YAML::Node& d : node) {
    if (!d.IsMap()) {
      r.error(d.Mark(), "a department must be a map {code, name, unit, topic}");
      continue;
    }
    r.only_keys(d, {"code", "name", "unit", "topic"}, "a department");
    const YAML::Node code = d["code"];
    if (!code) {
      r.error(d.Mark(), "a department needs a `code`");
      continue;
    }
    std::optional<std::string> text = r.scalar(code, "code");
    if (!text) continue;
    if (!valid_code(*text)) {
      r.error(code.Mark(),
              "department code \"" + *text + "\" must be lower-case letters, digits and '_'");
      continue;
    }
    if (!codes.insert(*text).second) {
      r.error(code.Mark(), "department code \"" + *text + "\" is listed twice");
      continue;
    }
    Department dept{*text, {}, "department:" + *text, "caseflow.dept." + *text};
    if (const YAML::Node n = d["name"]) dept.name = r.scalar(n, "name").value_or("");
    if (const YAML::Node t = d["topic"]) {
      std::optional<std::string> topic = r.scalar(t, "topic");
      if (topic && !topic->empty())
        dept.topic = *topic;
      else if (topic)
        r.error(t.Mark(), "topic must not be empty");
    }
    YAML::Mark unit_mark = code.Mark();
    if (const YAML::Node u = d["unit"]) {
      unit_mark = u.Mark();
      std::optional<std::string> unit = r.scalar(u, "unit");
      if (unit && !unit->empty())
        dept.unit = *unit;
      else if (unit)
        r.error(u.Mark(), "unit must not be empty");
    }
    if (!ids.insert(dept.unit).second) {
      r.error(unit_mark, "unit id \"" + dept.unit + "\" is used twice");
      continue;
    }
    dir.departments.push_back(std::move(dept));
  }
}

}  // namespace

UnitDirectoryPtr load_unit_directory(std::string_view file, std::string_view text,
                                     Diagnostics& problems) {
  Reader r(file, problems);
  auto dir = std::make_shared<UnitDirectory>();
  dir->source_file = std::string(file);
  for (Level level : kPlaceLevels)
    dir->levels[static_cast<std::size_t>(level)].pattern = std::string(level_name(level)) + ":{id}";
  yaml::BoundedYaml parsed = yaml::read_bounded_yaml(file, text, kUnitYaml);
  if (const auto* refusal = std::get_if<yaml::YamlRefusal>(&parsed)) {
    r.error(refusal->mark, refusal->rule == yaml::YamlRefusal::Rule::syntax
                               ? "not valid YAML: " + refusal->detail
                               : refusal->diagnostic.message);
    return nullptr;
  }
  try {
    const YAML::Node& root = std::get<YAML::Node>(parsed);
    if (!root.IsMap()) {
      r.error(root.Mark(),
              "the unit directory must be a map with `levels`, `units`, "
              "`departments`");
      return nullptr;
    }
    r.only_keys(root, {"levels", "units", "departments"}, "the unit directory");
    if (const YAML::Node levels = root["levels"]) {
      if (!levels.IsMap()) {
        r.error(levels.Mark(), "levels must be a map of grid/community/street/district");
      } else {
        r.only_keys(levels, {"grid", "community", "street", "district"}, "levels");
        for (Level level : kPlaceLevels) {
          if (const YAML::Node l = levels[std::string(level_name(level))])
            read_level(l, level, dir->levels[static_cast<std::size_t>(level)], r);
        }
      }
    }
    std::set<std::string> unit_ids;
    if (const YAML::Node units = root["units"]) read_units(units, *dir, r, unit_ids);
    if (const YAML::Node depts = root["departments"]) read_departments(depts, *dir, r, unit_ids);
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "not valid YAML: " + e.msg);
  }
  if (r.errors() > 0) return nullptr;
  return dir;
}

}  // namespace caseflow::geo
