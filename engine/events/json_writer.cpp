#include "engine/events/json_writer.h"

#include <array>
#include <charconv>
#include <cstdint>

#include "engine/events/rfc3339.h"

namespace caseflow::events {

namespace {
// 1 for bytes that must be escaped inside a JSON string.
constexpr auto kNeedsEscape = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t['"'] = 1;
  t['\\'] = 1;
  return t;
}();
}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kNeedsEscape[static_cast<unsigned char>(*p)]) ++p;
    out.append(run, static_cast<size_t>(p - run));
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p++);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, 6);
      }
    }
  }
  out.push_back('"');
}

void JsonWriter::comma() {
  if (need_comma_) out_.push_back(',');
}

void JsonWriter::begin_object() {
  comma();
  out_.push_back('{');
  need_comma_ = false;
}

void JsonWriter::end_object() {
  out_.push_back('}');
  need_comma_ = true;
}

void JsonWriter::begin_array() {
  comma();
  out_.push_back('[');
  need_comma_ = false;
}

void JsonWriter::end_array() {
  out_.push_back(']');
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  comma();
  out_.push_back('"');
  out_.append(name);  // keys are identifiers written by caseflow: nothing to escape
  out_.append("\":", 2);
  need_comma_ = false;
}

void JsonWriter::string(std::string_view value) {
  comma();
  append_json_string(out_, value);
  need_comma_ = true;
}

void JsonWriter::number(int64_t value) {
  comma();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, end);
  need_comma_ = true;
}

void JsonWriter::boolean(bool value) {
  comma();
  out_ += value ? "true" : "false";
  need_comma_ = true;
}

void JsonWriter::null() {
  comma();
  out_ += "null";
  need_comma_ = true;
}

void JsonWriter::raw(std::string_view json) {
  comma();
  out_.append(json);
  need_comma_ = true;
}

}  // namespace caseflow::events

namespace caseflow::events {
void JsonWriter::time(Instant t, Duration utc_offset) {
  comma();
  out_.push_back('"');
  append_rfc3339(out_, t, utc_offset);
  out_.push_back('"');
  need_comma_ = true;
}
}  // namespace caseflow::events
