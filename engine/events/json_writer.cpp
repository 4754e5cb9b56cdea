#include "engine/events/json_writer.h"

#include <charconv>

#include "engine/events/rfc3339.h"

namespace caseflow::events {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t plain_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + plain_start, i - plain_start);
    plain_start = i + 1;
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
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(text.data() + plain_start, text.size() - plain_start);
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
  append_json_string(out_, name);
  out_.push_back(':');
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
