#include "engine/definition/match_reader.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/definition/category_pattern.h"
#include "engine/definition/reader_support.h"

namespace caseflow::definition {
namespace {

void read_category(const YAML::Node& item, Match& match, Reporter& r) {
  CategoryDef category;
  YAML::Node code_node;
  if (item.IsScalar()) {
    code_node = item;
  } else {
    MapFields fields(item, "in a category", {"code", "name", "description"}, r);
    if (!fields.is_map()) return;
    auto code = fields.require("code");
    if (!code) return;
    code_node = *code;
    if (auto name = fields.get("name"))
      if (auto text = read_text(*name, "name", r)) category.name = *text;
    if (auto description = fields.get("description"))
      if (auto text = read_text(*description, "description", r)) category.description = *text;
  }
  auto code = read_text(code_node, "code", r);
  if (!code) return;
  if (!CategoryPattern::parse(*code)) {
    r.error(code_node.Mark(),
            "category " + quoted(*code) +
                " is not a category code or pattern; write lowercase words joined by dots, "
                "optionally ending in .* (parking.illegal, parking.*), or * for any");
    return;
  }
  for (const auto& other : match.categories) {
    if (other.code == *code) {
      r.error(code_node.Mark(), "category " + quoted(*code) + " is listed twice (first at line " +
                                    std::to_string(other.location.line) + ")");
      return;
    }
  }
  category.code = *code;
  category.location = location_of(code_node.Mark());
  match.categories.push_back(std::move(category));
}

std::optional<Urgency> parse_urgency(const std::string& text, const YAML::Mark& mark, Reporter& r) {
  for (size_t i = 0; i < kUrgencyNames.size(); ++i)
    if (text == kUrgencyNames[i]) return static_cast<Urgency>(i);
  r.error(mark, "unknown urgency " + quoted(text) + suggest_or_expect(text, kUrgencyNames));
  return std::nullopt;
}

}  // namespace

void read_match(const YAML::Node& node, Match& match, Reporter& r) {
  MapFields fields(node, "in 'match'", {"categories", "urgencies", "request_types", "places"}, r);
  if (!fields.is_map()) return;
  if (auto categories = fields.require("categories")) {
    if (auto items = read_list(*categories, "categories", r)) {
      if (items->empty())
        r.error(categories->Mark(), "'categories' must list at least one category");
      for (const auto& item : *items) read_category(item, match, r);
    }
  }
  if (auto urgencies = fields.get("urgencies")) {
    if (auto items = read_text_list(*urgencies, "urgencies", r)) {
      if (items->empty())
        r.error(urgencies->Mark(),
                "'urgencies' must list at least one urgency (leave it out to take any)");
      for (const auto& [text, mark] : *items) {
        auto urgency = parse_urgency(text, mark, r);
        if (urgency && std::find(match.urgencies.begin(), match.urgencies.end(), *urgency) ==
                           match.urgencies.end())
          match.urgencies.push_back(*urgency);
      }
    }
  }
  if (auto types = fields.get("request_types")) {
    if (auto items = read_text_list(*types, "request_types", r)) {
      if (items->empty())
        r.error(types->Mark(),
                "'request_types' must list at least one request type (leave it out to take any)");
      for (const auto& [text, mark] : *items) {
        auto type = parse_request_type(text, mark, r);
        if (type && std::find(match.request_types.begin(), match.request_types.end(), *type) ==
                        match.request_types.end())
          match.request_types.push_back(*type);
      }
    }
  }
  if (auto places = fields.get("places")) {
    if (auto items = read_text_list(*places, "places", r)) {
      if (items->empty())
        r.error(places->Mark(),
                "'places' must list at least one place (leave it out to "
                "take any place)");
      for (const auto& item : *items) match.places.push_back(item.first);
    }
  }
}

}  // namespace caseflow::definition
