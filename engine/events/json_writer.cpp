#include "engine/events/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "engine/time/rfc3339.h"

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

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// True when one of the eight bytes of `w` is a control character, '"' or '\\' (the classic
// "has a byte less than n" / "has a zero byte" tests; bytes >= 0x80 never match).
bool word_needs_escape(uint64_t w) {
  const uint64_t control = (w - kOnes * 0x20) & ~w;
  const uint64_t q = w ^ (kOnes * '"');
  const uint64_t b = w ^ (kOnes * '\\');
  const uint64_t quote = (q - kOnes) & ~q;
  const uint64_t backslash = (b - kOnes) & ~b;
  return ((control | quote | backslash) & kHighs) != 0;
}

}  // namespace

size_t json_safe_prefix(std::string_view text) {
  const char* const begin = text.data();
  const char* p = begin;
  const char* const end = p + text.size();
  bool clean = true;
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (word_needs_escape(w)) {
      clean = false;
      break;
    }
    p += 8;
  }
  if (clean && p < end && text.size() >= 8) {
    // The last, partial word: check the eight bytes that end the text (overlapping some already
    // checked) in one go.
    uint64_t w;
    std::memcpy(&w, end - 8, 8);
    if (!word_needs_escape(w)) return text.size();
  }
  while (p < end && !kNeedsEscape[static_cast<unsigned char>(*p)]) ++p;
  return static_cast<size_t>(p - begin);
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  while (!text.empty()) {
    const size_t safe = json_safe_prefix(text);
    out.append(text.data(), safe);
    if (safe == text.size()) break;
    const auto c = static_cast<unsigned char>(text[safe]);
    text.remove_prefix(safe + 1);
    switch (c) {
      case '"':
        out.append("\\\"", 2);
        break;
      case '\\':
        out.append("\\\\", 2);
        break;
      case '\n':
        out.append("\\n", 2);
        break;
      case '\r':
        out.append("\\r", 2);
        break;
      case '\t':
        out.append("\\t", 2);
        break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, 6);
      }
    }
  }
  out.push_back('"');
}

void JsonWriter::begin_array() {
  if (need_comma_) {
    out_.append(",[", 2);
  } else {
    out_.push_back('[');
  }
  need_comma_ = false;
}

void JsonWriter::end_array() {
  out_.push_back(']');
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  if (name.size() + 4 > kScratch) {  // never for caseflow's own names; kept correct anyway
    comma();
    out_.push_back('"');
    out_.append(name);
    out_.append("\":", 2);
  } else {
    char buf[kScratch];
    out_.append(buf, static_cast<size_t>(put_key(buf, need_comma_, name) - buf));
  }
  need_comma_ = false;
}

void JsonWriter::string(std::string_view value) {
  comma();
  append_json_string(out_, value);
  need_comma_ = true;
}

void JsonWriter::number(int64_t value) {
  char buf[24];
  char* p = buf;
  if (need_comma_) *p++ = ',';
  p = std::to_chars(p, buf + sizeof buf, value).ptr;
  out_.append(buf, static_cast<size_t>(p - buf));
  need_comma_ = true;
}

void JsonWriter::decimal(double value) {
  if (!std::isfinite(value)) {
    null();
    return;
  }
  char buf[40];
  char* p = buf;
  if (need_comma_) *p++ = ',';
  p = std::to_chars(p, buf + sizeof buf, value).ptr;
  out_.append(buf, static_cast<size_t>(p - buf));
  need_comma_ = true;
}

void JsonWriter::boolean(bool value) {
  comma();
  if (value) {
    out_.append("true", 4);
  } else {
    out_.append("false", 5);
  }
  need_comma_ = true;
}

void JsonWriter::null() {
  comma();
  out_.append("null", 4);
  need_comma_ = true;
}

void JsonWriter::raw(std::string_view json) {
  comma();
  out_.append(json);
  need_comma_ = true;
}

void JsonWriter::time(Instant t, Duration utc_offset) {
  char buf[kMaxRfc3339Length + 3];
  char* p = buf;
  if (need_comma_) *p++ = ',';
  *p++ = '"';
  p += write_rfc3339(p, t, utc_offset, ZeroOffset::z);
  *p++ = '"';
  out_.append(buf, static_cast<size_t>(p - buf));
  need_comma_ = true;
}

void JsonWriter::field(std::string_view name, int64_t value) {
  if (name.size() + 4 + 20 > kScratch) {
    key(name);
    number(value);
    return;
  }
  char buf[kScratch];
  char* p = put_key(buf, need_comma_, name);
  p = std::to_chars(p, buf + sizeof buf, value).ptr;
  out_.append(buf, static_cast<size_t>(p - buf));
  need_comma_ = true;
}

void JsonWriter::field(std::string_view name, bool value) {
  if (name.size() + 4 + 5 > kScratch) {
    key(name);
    boolean(value);
    return;
  }
  char buf[kScratch];
  char* p = put_key(buf, need_comma_, name);
  if (value) {
    std::memcpy(p, "true", 4);
    p += 4;
  } else {
    std::memcpy(p, "false", 5);
    p += 5;
  }
  out_.append(buf, static_cast<size_t>(p - buf));
  need_comma_ = true;
}

void JsonWriter::field(std::string_view name, Instant t, Duration utc_offset) {
  if (name.size() + 4 + kMaxRfc3339Length + 2 > kScratch) {
    key(name);
    time(t, utc_offset);
    return;
  }
  char buf[kScratch];
  char* p = put_key(buf, need_comma_, name);
  *p++ = '"';
  p += write_rfc3339(p, t, utc_offset, ZeroOffset::z);
  *p++ = '"';
  out_.append(buf, static_cast<size_t>(p - buf));
  need_comma_ = true;
}

}  // namespace caseflow::events
