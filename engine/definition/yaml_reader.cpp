#include "engine/definition/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "engine/common/did_you_mean.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow::definition {

void Reporter::error(const YAML::Mark& at, std::string message) {
  out_.push_back(yaml::diagnostic_at(file_, at, std::move(message)));
  ++count_;
}

std::string concat(std::initializer_list<std::string_view> pieces) {
  size_t size = 0;
  for (auto piece : pieces) size += piece.size();
  std::string out;
  out.reserve(size);
  for (auto piece : pieces) out.append(piece);
  return out;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return concat({"'", node.Scalar(), "'"});
    default:
      return "nothing";
  }
}

MapFields::MapFields(const YAML::Node& node, std::string context,
                     std::vector<std::string_view> allowed, Reporter& reporter)
    : context_(std::move(context)), reporter_(reporter), mark_(node.Mark()) {
  if (!node.IsMap()) {
    reporter_.error(mark_, "expected a mapping " + context_ + ", got " + describe(node));
    return;
  }
  is_map_ = true;
  std::vector<std::pair<std::string, YAML::Mark>> seen;
  for (const auto& item : node) {
    const YAML::Node& key = item.first;
    if (!key.IsScalar()) {
      reporter_.error(key.Mark(), "keys must be plain words " + context_);
      continue;
    }
    const std::string& name = key.Scalar();
    bool duplicate = false;
    for (const auto& [seen_name, seen_mark] : seen) {
      if (seen_name == name) {
        reporter_.error(key.Mark(), "duplicate key '" + name + "' " + context_ +
                                        " (first at line " + std::to_string(seen_mark.line + 1) +
                                        ")");
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    seen.emplace_back(name, key.Mark());
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      reporter_.error(key.Mark(),
                      "unknown key '" + name + "' " + context_ + did_you_mean(name, allowed));
      continue;
    }
    entries_.emplace_back(name, item.second);
  }
}

std::optional<YAML::Node> MapFields::get(std::string_view key) const {
  for (const auto& [name, value] : entries_)
    if (name == key) return value;
  return std::nullopt;
}

std::optional<YAML::Node> MapFields::require(std::string_view key) {
  auto value = get(key);
  if (!value && is_map_)
    reporter_.error(mark_, concat({"missing required key '", key, "' ", context_}));
  return value;
}

std::optional<std::string> read_text(const YAML::Node& node, std::string_view field, Reporter& r) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    r.error(node.Mark(), concat({"'", field, "' must be text, got ", describe(node)}));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<int> read_count(const YAML::Node& node, std::string_view field, int minimum,
                              Reporter& r) {
  if (!node.IsScalar()) {
    r.error(node.Mark(), concat({"'", field, "' must be a whole number, got ", describe(node)}));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || node.Tag() == "!") {
    r.error(node.Mark(), concat({"'", field, "' must be a whole number, got ", describe(node)}));
    return std::nullopt;
  }
  if (value < minimum) {
    r.error(node.Mark(), concat({"'", field, "' must be at least ", std::to_string(minimum),
                                 ", got ", std::to_string(value)}));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> read_flag(const YAML::Node& node, std::string_view field, Reporter& r) {
  if (node.IsScalar() && node.Tag() != "!") {
    const std::string& text = node.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  r.error(node.Mark(), concat({"'", field, "' must be true or false, got ", describe(node)}));
  return std::nullopt;
}

std::optional<Span> read_span(const YAML::Node& node, std::string_view field, Reporter& r) {
  if (node.IsScalar()) {
    if (auto span = parse_span(node.Scalar())) return span;
  }
  r.error(node.Mark(), concat({"'", field,
                               "' must be a duration such as 30m, 2h, 3d, 1 workday or 4 "
                               "workhours, got ",
                               describe(node)}));
  return std::nullopt;
}

std::optional<std::vector<YAML::Node>> read_list(const YAML::Node& node, std::string_view field,
                                                 Reporter& r) {
  if (!node.IsSequence()) {
    r.error(node.Mark(), concat({"'", field, "' must be a list, got ", describe(node)}));
    return std::nullopt;
  }
  std::vector<YAML::Node> items;
  for (const auto& item : node) items.push_back(item);
  return items;
}

std::optional<std::vector<std::pair<std::string, YAML::Mark>>> read_text_list(
    const YAML::Node& node, std::string_view field, Reporter& r) {
  auto items = read_list(node, field, r);
  if (!items) return std::nullopt;
  std::vector<std::pair<std::string, YAML::Mark>> texts;
  for (const auto& item : *items) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      r.error(item.Mark(), concat({"items of '", field, "' must be text, got ", describe(item)}));
      continue;
    }
    texts.emplace_back(item.Scalar(), item.Mark());
  }
  return texts;
}

bool is_topic_name(std::string_view name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace caseflow::definition
