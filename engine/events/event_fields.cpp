#include "engine/events/event_fields.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

namespace caseflow::events::detail {
namespace {

namespace json = boost::json;
using boost::system::error_code;

// What the parser is inside of.
enum class Context : uint8_t { root, data, location, reporter, ignored, array };

struct Names {
  std::string_view name;
  Field field;
};
constexpr Names kRoot[] = {{"specversion", kSpecversion},
                           {"id", kId},
                           {"source", kSource},
                           {"type", kType},
                           {"subject", kSubject},
                           {"datacontenttype", kDataContentType},
                           {"data", kData},
                           {"principal", kPrincipal}};
constexpr Names kDataMembers[] = {{"unit", kUnit},
                                  {"note", kNote},
                                  {"reason", kReason},
                                  {"category", kCategory},
                                  {"description", kDescription},
                                  {"grid_id", kGridId},
                                  {"address", kAddress},
                                  {"location", kLocation},
                                  {"channel", kChannel},
                                  {"urgency", kUrgency},
                                  {"reporter", kReporter},
                                  {"suggested_unit", kSuggestedUnit},
                                  {"clock", kClock},
                                  {"extend_by", kExtendBy},
                                  {"approved", kApproved},
                                  {"department", kDepartment},
                                  {"status", kStatus},
                                  {"solved", kSolved},
                                  {"satisfaction", kSatisfaction},
                                  {"into", kInto},
                                  {"stage", kStage},
                                  {"workflow", kWorkflow},
                                  {"request_type", kRequestType},
                                  {"answered_at_intake", kAnsweredAtIntake},
                                  {"until", kUntil},

                                  {"applicant", kApplicant},
                                  {"returned_by", kReturnedBy},
                                  {"justified", kJustified},
                                  {"duplicate", kDuplicate},
                                  {"master", kMaster},
                                  {"accepted", kAccepted},
                                  {"outcome", kOutcome}};
constexpr Names kLocationMembers[] = {
    {"lat", kLat}, {"lon", kLon}, {"long", kLong}, {"datum", kDatum}};
constexpr Names kReporterMembers[] = {{"phone", kPhone}, {"sealed_phone", kSealedPhone}};

constexpr Field kNone = kFieldCount;

template <size_t N>
Field lookup(const Names (&names)[N], std::string_view key) {
  for (const Names& n : names)
    if (n.name == key) return n.field;
  return kNone;
}

// The Boost.JSON SAX handler: keeps a stack of contexts and the member whose value comes next.
class Collector {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  explicit Collector(EventFields& f) : f_(f) {}

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    if (depth_ == 0) {
      f_.root_is_object = true;
      return push(Context::root);
    }
    const Field f = take();
    if (f == kNone) return push(Context::ignored);
    f_.kind[f] = Kind::object;
    switch (f) {
      case kData:
        reset(kUnit, kFieldCount);  // a second `data` replaces the first, as in a document tree
        return push(Context::data);
      case kLocation:
        reset(kLat, kPhone);
        return push(Context::location);
      case kReporter:
        reset(kPhone, kFieldCount);
        return push(Context::reporter);
      default:
        return push(Context::ignored);
    }
  }
  bool on_object_end(std::size_t, error_code&) { return pop(); }
  bool on_array_begin(error_code&) {
    const Field f = take();
    if (f != kNone) f_.kind[f] = Kind::array;
    return push(Context::array);
  }
  bool on_array_end(std::size_t, error_code&) { return pop(); }

  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    if (key_.size() + s.size() <= kLongestName)
      key_.append(s.data(), s.size());
    else
      key_too_long_ = true;
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code&) {
    std::string_view key(s.data(), s.size());
    if (!key_.empty() || key_too_long_) {
      on_key_part(s, 0, ec_unused_);
      key = key_too_long_ ? std::string_view() : std::string_view(key_);
    }
    next_ = key.empty() ? kNone : field_of(key);
    key_.clear();
    key_too_long_ = false;
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, error_code&) {
    if (!in_string_) {
      in_string_ = true;
      string_field_ = take();
      if (string_field_ != kNone) {
        f_.kind[string_field_] = Kind::string;
        if (std::string* t = f_.text[string_field_]) t->clear();
      }
    }
    if (string_field_ != kNone)
      if (std::string* t = f_.text[string_field_]) t->append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t n, error_code& ec) {
    if (in_string_) {
      on_string_part(s, n, ec);
      in_string_ = false;
      return true;
    }
    const Field f = take();
    if (f == kNone) return true;
    f_.kind[f] = Kind::string;
    if (std::string* t = f_.text[f]) t->assign(s.data(), s.size());
    return true;
  }

  bool on_number_part(json::string_view, error_code&) { return true; }
  bool on_int64(int64_t i, json::string_view, error_code&) {
    return number(static_cast<double>(i));
  }
  bool on_uint64(uint64_t u, json::string_view, error_code&) {
    return number(static_cast<double>(u));
  }
  bool on_double(double d, json::string_view, error_code&) { return number(d); }
  bool on_bool(bool b, error_code&) {
    const Field f = take();
    if (f != kNone) {
      f_.kind[f] = Kind::boolean;
      f_.boolean[f] = b;
    }
    return true;
  }
  bool on_null(error_code&) {
    const Field f = take();
    if (f != kNone) f_.kind[f] = Kind::null;
    return true;
  }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

 private:
  static constexpr size_t kLongestName = 18;  // "answered_at_intake"
  static constexpr size_t kMaxDepth = 64;     // above parse_options::max_depth (32)

  Context context() const { return depth_ == 0 ? Context::ignored : stack_[depth_ - 1]; }

  Field field_of(std::string_view key) const {
    switch (context()) {
      case Context::root:
        return lookup(kRoot, key);
      case Context::data:
        return lookup(kDataMembers, key);
      case Context::location:
        return lookup(kLocationMembers, key);
      case Context::reporter:
        return lookup(kReporterMembers, key);
      default:
        return kNone;
    }
  }
  // The member the current value belongs to (kNone inside arrays and unknown objects).
  Field take() {
    const Field f = next_;
    next_ = kNone;
    return f;
  }
  bool push(Context c) {
    if (depth_ == kMaxDepth) return false;  // unreachable: the parser stops at max_depth
    stack_[depth_++] = c;
    return true;
  }
  bool pop() {
    if (depth_ > 0) --depth_;
    next_ = kNone;
    return true;
  }
  bool number(double v) {
    const Field f = take();
    if (f != kNone) {
      f_.kind[f] = Kind::number;
      f_.number[f] = v;
    }
    return true;
  }
  // Forgets the members in [from, to): their object is given again.
  void reset(Field from, Field to) {
    for (int i = from; i < to; ++i) {
      f_.kind[i] = Kind::absent;
      if (std::string* t = f_.text[i]) t->clear();
    }
  }

  EventFields& f_;
  std::array<Context, kMaxDepth> stack_{};
  size_t depth_ = 0;
  Field next_ = kNone;
  bool in_string_ = false;
  Field string_field_ = kNone;
  std::string key_;  // a key given in parts (escapes); names longer than kLongestName never match
  bool key_too_long_ = false;
  error_code ec_unused_;
};

}  // namespace

error_code read_event_fields(std::string_view bytes, EventFields& fields) {
  json::basic_parser<Collector> parser(json::parse_options{}, fields);
  error_code ec;
  const size_t n = parser.write_some(false, bytes.data(), bytes.size(), ec);
  if (!ec && n < bytes.size()) ec = json::error::extra_data;
  return ec;
}

}  // namespace caseflow::events::detail
