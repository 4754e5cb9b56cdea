#include "engine/events/envelope.h"

#include <cstring>

#include "engine/time/rfc3339.h"

namespace caseflow::events {

void begin_envelope(JsonWriter& w, const EnvelopeAttributes& a) {
  w.begin_object();
  w.field("specversion", "1.0");
  w.field("id", a.id);
  w.field("source", a.source);
  w.field("type", a.type);
  w.field("subject", a.subject);
  w.field("time", a.time, a.utc_offset);
  w.field("datacontenttype", "application/json");
  w.key("data");
}

void end_envelope(JsonWriter& w) { w.end_object(); }

namespace {
constexpr std::string_view kHead = R"({"specversion":"1.0","id":")";
constexpr std::string_view kSubject = R"(","subject":")";
constexpr std::string_view kTime = R"(","time":")";
constexpr std::string_view kTail = R"(","datacontenttype":"application/json","data":)";

char* put(char* p, std::string_view s) {
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
}  // namespace

EnvelopeWriter::EnvelopeWriter(std::string_view source) : source_(source) {
  after_id_ = R"(","source":)";
  append_json_string(after_id_, source);
  after_id_ += R"(,"type":")";
}

void EnvelopeWriter::begin(JsonWriter& w, std::string_view id, std::string_view type,
                           std::string_view subject, Instant time, Duration utc_offset,
                           bool plain) const {
  constexpr size_t kRoom = 512;
  const size_t size = kHead.size() + id.size() + after_id_.size() + type.size() + kSubject.size() +
                      subject.size() + kTime.size() + kMaxRfc3339Length + kTail.size();
  if (size > kRoom || (!plain && (json_safe_prefix(id) != id.size() ||
                                  json_safe_prefix(subject) != subject.size()))) {
    begin_envelope(w, {id, source_, type, subject, time, utc_offset});
    return;
  }
  char buf[kRoom];
  char* p = put(buf, kHead);
  p = put(p, id);
  p = put(p, after_id_);
  p = put(p, type);
  p = put(p, kSubject);
  p = put(p, subject);
  p = put(p, kTime);
  p += write_rfc3339(p, time, utc_offset, ZeroOffset::z);
  p = put(p, kTail);
  w.member_value_follows(std::string_view(buf, static_cast<size_t>(p - buf)));
}

}  // namespace caseflow::events
