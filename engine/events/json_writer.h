// A small, fast writer of JSON text into a std::string, for outbound CloudEvents. Building a
// boost::json::value first and serialising it costs about three times as much; outbound events
// are written on the engine's hot path. Not thread-safe; one writer per output string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/time/instant.h"

namespace caseflow::events {

// Appends `text` as a JSON string literal (quotes, escapes, control characters as \u00XX).
// Bytes >= 0x80 are copied unchanged: the input is expected to be UTF-8.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  // Writes into `out` (appends; the writer does not own it).
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // Writes a member name. Names are identifiers chosen by caseflow ([a-z_]+): not escaped.
  void key(std::string_view name);
  void string(std::string_view value);
  void number(int64_t value);
  void boolean(bool value);
  void null();
  // Inserts already-valid JSON text as one value (e.g. a nested object written elsewhere).
  void raw(std::string_view json);

  // An instant as an RFC 3339 string value in the given UTC offset (see rfc3339.h).
  void time(Instant t, Duration utc_offset);

  // key + value in one call.
  void field(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void field(std::string_view name, const char* value) { field(name, std::string_view(value)); }
  void field(std::string_view name, int64_t value) {
    key(name);
    number(value);
  }
  void field(std::string_view name, bool value) {
    key(name);
    boolean(value);
  }

  std::string& out() { return out_; }

 private:
  void comma();
  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace caseflow::events
