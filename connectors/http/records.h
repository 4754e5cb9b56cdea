// Flat records (ordered name/value fields) rendered as Open311 wants them: a JSON array of
// objects, or XML with a root element and one element per record. One description, two formats.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace caseflow::http {

struct Null {};
using FieldValue = std::variant<Null, std::string, int64_t, double, bool>;

struct Field {
  std::string name;
  FieldValue value;
};
using FlatRecord = std::vector<Field>;

// [{"name":value,...},...]
std::string render_json(const std::vector<FlatRecord>& records);
// <?xml ...?><root><item><name>value</name>...</item>...</root>; a null is an empty element.
std::string render_xml(std::string_view root, std::string_view item,
                       const std::vector<FlatRecord>& records);

}  // namespace caseflow::http
