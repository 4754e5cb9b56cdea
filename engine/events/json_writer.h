// A small, fast writer of JSON text into a std::string, for outbound CloudEvents. Building a
// boost::json::value first and serialising it costs about three times as much; outbound events
// are written on the engine's hot path (docs/engine.md "Where the time goes").
//
// Speed comes from writing each token with one append: a member name, its punctuation and a short
// value are put together on the stack first, strings are scanned for bytes that need escaping
// eight bytes at a time, and times are formatted without going through the string byte by byte.
// The output is the same byte for byte as the plain way of writing it.
// Not thread-safe; one writer per output string.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/time/instant.h"

namespace caseflow::events {

// Appends `text` as a JSON string literal (quotes, escapes, control characters as \u00XX).
// Bytes >= 0x80 are copied unchanged: the input is expected to be UTF-8.
void append_json_string(std::string& out, std::string_view text);

// The length of the longest prefix of `text` that can go into a JSON string unescaped.
size_t json_safe_prefix(std::string_view text);

class JsonWriter {
 public:
  // Writes into `out` (appends; the writer does not own it). Every call leaves `out` complete up
  // to the token written: nothing is buffered inside the writer.
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() {
    if (need_comma_) out_.push_back(',');
    out_.push_back('{');
    need_comma_ = false;
  }
  void end_object() {
    out_.push_back('}');
    need_comma_ = true;
  }
  void begin_array();
  void end_array();
  // Writes a member name. Names are identifiers chosen by caseflow ([a-z_]+): not escaped.
  void key(std::string_view name);
  void string(std::string_view value);
  void number(int64_t value);
  // The shortest text that reads back as the same double (deterministic); null if not finite.
  // (Not an overload of number: number(1) must stay unambiguous.)
  void decimal(double value);
  void boolean(bool value);
  void null();
  // Inserts already-valid JSON text as one value (e.g. a nested object written elsewhere).
  void raw(std::string_view json);

  // An instant as an RFC 3339 string value in the given UTC offset, a zero offset written "Z"
  // (engine/time/rfc3339.h).
  void time(Instant t, Duration utc_offset);

  // key + value in one call (and one append when the value is short and needs no escaping).
  // Inline: the names are literals, so putting the key together costs a few stores.
  void field(std::string_view name, std::string_view value) {
    if (name.size() + value.size() + 6 <= kScratch && json_safe_prefix(value) == value.size()) {
      char buf[kScratch];
      char* p = put_key(buf, need_comma_, name);
      *p++ = '"';
      if (!value.empty()) std::memcpy(p, value.data(), value.size());
      p += value.size();
      *p++ = '"';
      out_.append(buf, static_cast<size_t>(p - buf));
      need_comma_ = true;
      return;
    }
    key(name);
    string(value);
  }
  void field(std::string_view name, const char* value) { field(name, std::string_view(value)); }
  // field() for a value the caller knows needs no escaping (json_safe_prefix(value) ==
  // value.size(): a constant word, or a text checked once and remembered), skipping the check.
  void field_unescaped(std::string_view name, std::string_view value) {
    if (name.size() + value.size() + 6 > kScratch) {
      field(name, value);
      return;
    }
    char buf[kScratch];
    char* p = put_key(buf, need_comma_, name);
    *p++ = '"';
    if (!value.empty()) std::memcpy(p, value.data(), value.size());
    p += value.size();
    *p++ = '"';
    out_.append(buf, static_cast<size_t>(p - buf));
    need_comma_ = true;
  }
  void field(std::string_view name, int64_t value);
  void field(std::string_view name, bool value);
  void field(std::string_view name, Instant t, Duration utc_offset);

  // Appends `json`, text that ends with a member name and its colon (`{"a":1,"b":`), as the
  // start of a value: the writer is left ready for that member's value. Used by writers of fixed
  // structures (EnvelopeWriter) that put several tokens together themselves.
  void member_value_follows(std::string_view json) {
    comma();
    out_.append(json);
    need_comma_ = false;
  }
  std::string& out() { return out_; }

 private:
  // Short pieces are put together here and appended once.
  static constexpr size_t kScratch = 256;
  // Writes `,"name":` (the comma only when `comma`) at `p`; returns the end.
  static char* put_key(char* p, bool comma, std::string_view name) {
    if (comma) *p++ = ',';
    *p++ = '"';
    if (!name.empty()) std::memcpy(p, name.data(), name.size());
    p += name.size();
    *p++ = '"';
    *p++ = ':';
    return p;
  }
  void comma() {
    if (need_comma_) out_.push_back(',');
  }
  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace caseflow::events
