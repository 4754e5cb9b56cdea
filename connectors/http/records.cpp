#include "connectors/http/records.h"

#include <charconv>
#include <cmath>

#include "connectors/http/xml_writer.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {
namespace {

std::string number_text(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

}  // namespace

std::string render_json(const std::vector<FlatRecord>& records) {
  std::string out;
  out.reserve(256 * records.size() + 2);
  events::JsonWriter w(out);
  w.begin_array();
  for (const auto& record : records) {
    w.begin_object();
    for (const auto& f : record) {
      w.key(f.name);
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>) {
              w.null();
            } else if constexpr (std::is_same_v<T, std::string>) {
              w.string(v);
            } else if constexpr (std::is_same_v<T, int64_t>) {
              w.number(v);
            } else if constexpr (std::is_same_v<T, double>) {
              w.raw(number_text(v));
            } else {
              w.boolean(v);
            }
          },
          f.value);
    }
    w.end_object();
  }
  w.end_array();
  return out;
}

std::string render_xml(std::string_view root, std::string_view item,
                       const std::vector<FlatRecord>& records) {
  std::string out;
  out.reserve(256 * records.size() + 64);
  XmlWriter x(out);
  x.open(root);
  for (const auto& record : records) {
    x.open(item);
    for (const auto& f : record) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>) {
              x.element(f.name, "");
            } else if constexpr (std::is_same_v<T, std::string>) {
              x.element(f.name, v);
            } else if constexpr (std::is_same_v<T, int64_t>) {
              x.element(f.name, std::to_string(v));
            } else if constexpr (std::is_same_v<T, double>) {
              x.element(f.name, number_text(v));
            } else {
              x.element(f.name, v ? "true" : "false");
            }
          },
          f.value);
    }
    x.close(item);
  }
  x.close(root);
  return out;
}

}  // namespace caseflow::http
