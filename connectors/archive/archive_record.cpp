#include "connectors/archive/archive_record.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <string>
#include <tuple>

#include "engine/time/rfc3339.h"

namespace caseflow::archive {
namespace {

namespace json = boost::json;

constexpr std::string_view kTypePrefix = "caseflow.case.";

// The record types the archive keeps, without the prefix. Anything else on these topics is not
// a record of the contract.
bool kept_type(std::string_view t) {
  return t == "updated" || t == "closed" || t == "archived" || t == "sla_warning" ||
         t == "sla_breached" || t == "escalated" || t == "supervised";
}

Error fail(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

// Reads members of one JSON object; the first member of the wrong type is remembered, so the
// reader can go on and report once at the end.
class Members {
 public:
  Members(const json::object& o, std::string where) : o_(o), where_(std::move(where)) {}

  // A string member; absent or null = nullopt.
  std::optional<std::string> text(std::string_view name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (const auto* s = v->if_string()) return std::string(*s);
    wrong(name, "a string");
    return std::nullopt;
  }

  std::string text_or_empty(std::string_view name) { return text(name).value_or(""); }

  std::optional<double> number(std::string_view name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_number()) return v->to_number<double>();
    wrong(name, "a number");
    return std::nullopt;
  }

  std::optional<bool> boolean(std::string_view name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (const bool* b = v->if_bool()) return *b;
    wrong(name, "true or false");
    return std::nullopt;
  }

  const json::object* object(std::string_view name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return nullptr;
    if (const auto* o = v->if_object()) return o;
    wrong(name, "an object");
    return nullptr;
  }

  std::optional<Instant> time(std::string_view name) {
    auto s = text(name);
    if (!s) return std::nullopt;
    auto t = parse_rfc3339(*s);
    if (!t) {
      if (!error_) error_ = fail("bad_time", where_ + name_of(name) + ": " + t.error().message);
      return std::nullopt;
    }
    return *t;
  }

  // A clock is its name, or an object with a `name`.
  std::string clock_name(std::string_view name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return "";
    if (const auto* s = v->if_string()) return std::string(*s);
    if (const auto* o = v->if_object()) {
      Members clock(*o, where_ + name_of(name) + ".");
      std::string n = clock.text_or_empty("name");
      if (clock.error_ && !error_) error_ = clock.error_;
      return n;
    }
    wrong(name, "a string or an object");
    return "";
  }

  const std::optional<Error>& error() const { return error_; }
  void take(const Members& inner) {
    if (inner.error_ && !error_) error_ = inner.error_;
  }

 private:
  static std::string name_of(std::string_view name) { return std::string(name); }
  void wrong(std::string_view name, std::string_view expected) {
    if (!error_)
      error_ = fail("bad_data", where_ + std::string(name) + " is not " + std::string(expected));
  }

  const json::object& o_;
  std::string where_;
  std::optional<Error> error_;
};

void read_place(Members& data, CaseRow& row) {
  const json::object* place = data.object("place");
  if (place == nullptr) return;
  Members p(*place, "data.place.");
  row.grid = p.text("grid");
  row.community = p.text("community");
  row.street = p.text("street");
  row.district = p.text("district");
  data.take(p);
}

void read_report(Members& data, CaseRow& row) {
  const json::object* report = data.object("report");
  if (report == nullptr) return;
  Members r(*report, "data.report.");
  row.description = r.text("description");
  row.channel = r.text("channel");
  row.reporter = r.text("reporter");
  row.address = r.text("address");
  row.request_type = r.text("request_type");
  if (const json::object* at = r.object("location")) {
    Members l(*at, "data.report.location.");
    row.lat = l.number("lat");
    row.lon = l.number("lon");
    r.take(l);
  }
  data.take(r);
}

// The sealed phone is ciphertext kept as it came; an empty one says nothing. A record that both
// carries one and erases it is taken as the erasure: keeping a phone the engine let go is the
// worse mistake.
void read_phone(Members& data, CaseRow& row) {
  row.sealed_phone = data.text("sealed_phone");
  if (row.sealed_phone && row.sealed_phone->empty()) row.sealed_phone.reset();
  row.phone_erased = data.boolean("phone_erased").value_or(false);
  if (row.phone_erased) row.sealed_phone.reset();
}

// What the history says the record was about.
void describe(std::string_view type, Members& data, HistoryRow& h) {
  if (type == "updated") {
    h.what = data.text_or_empty("change");
    h.note = data.text_or_empty("note");
  } else if (type == "closed" || type == "archived") {
    h.what = data.text_or_empty("outcome");
    if (auto into = data.text("merged_into")) h.note = "merged into " + *into;
  } else if (type == "escalated") {
    h.what = data.clock_name("clock");
    h.note = data.text_or_empty("from_stage") + "/" + data.text_or_empty("from_unit") + " -> " +
             data.text_or_empty("to_stage") + "/" + data.text_or_empty("to_unit");
  } else if (type == "supervised") {
    h.what = data.clock_name("clock");
    h.note = data.text_or_empty("reason") + ": " + data.text_or_empty("supervised_unit");
  } else {  // sla_warning, sla_breached
    h.what = data.clock_name("clock");
  }
}

}  // namespace

std::optional<uint64_t> case_sequence(std::string_view id) {
  const size_t dash = id.rfind('-');
  if (dash == std::string_view::npos || dash + 1 >= id.size()) return std::nullopt;
  const std::string_view digits = id.substr(dash + 1);
  uint64_t seq = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return seq;
}

Result<ArchiveRecord> parse_archive_record(std::string_view key, std::string_view value) {
  boost::system::error_code ec;
  const json::value doc = json::parse(json::string_view(value.data(), value.size()), ec);
  if (ec) return fail("not_json", "the record is not JSON: " + ec.message());
  const json::object* event = doc.if_object();
  if (event == nullptr) return fail("not_cloudevent", "the record is not a JSON object");

  Members attrs(*event, "");
  const auto type = attrs.text("type");
  const auto id = attrs.text("id");
  const auto subject = attrs.text("subject");
  const auto time_text = attrs.text("time");
  const json::object* data_object = attrs.object("data");
  if (attrs.error() || !type || !id || !subject || !time_text || data_object == nullptr) {
    return fail("not_cloudevent",
                "a CloudEvent needs the strings type, id, subject, time and the object data");
  }
  if (type->rfind(kTypePrefix, 0) != 0 || !kept_type(type->substr(kTypePrefix.size()))) {
    return fail("unknown_type", "the archive keeps no record of type '" + *type + "'");
  }
  const std::string short_type = type->substr(kTypePrefix.size());
  if (!key.empty() && key != *subject) {
    return fail("key_mismatch",
                "the key '" + std::string(key) + "' is not the subject '" + *subject + "'");
  }
  const auto seq = case_sequence(*id);
  if (!seq || id->rfind('-') != subject->size() || id->compare(0, subject->size(), *subject) != 0) {
    return fail("bad_id", "the id '" + *id + "' is not '" + *subject + "-<sequence>'");
  }
  auto at = parse_rfc3339(*time_text);
  if (!at) return fail("bad_time", "time: " + at.error().message);

  ArchiveRecord out;
  CaseRow& row = out.row;
  Members data(*data_object, "data.");
  row.id = *subject;
  row.seq = *seq;
  row.updated_at = *at;
  row.status = data.text_or_empty("status");
  row.workflow = data.text_or_empty("workflow");
  row.stage = data.text_or_empty("stage");
  row.unit = data.text_or_empty("unit");
  row.category = data.text_or_empty("category");
  row.urgency = data.text_or_empty("urgency");
  row.reported_at = data.time("reported_at");
  read_place(data, row);
  read_report(data, row);
  if (short_type == "closed" || short_type == "archived") {
    row.closed_at = short_type == "closed" ? std::optional<Instant>(*at) : data.time("closed_at");
    row.outcome = data.text("outcome");
    row.merged_into = data.text("merged_into");
  }
  read_phone(data, row);
  if (short_type == "archived") row.archived_at = *at;
  if (short_type == "sla_breached") row.breached = true;

  HistoryRow& h = out.history;
  h.case_id = row.id;
  h.seq = row.seq;
  h.at = *at;
  h.type = short_type;
  h.stage = row.stage;
  h.unit = row.unit;
  describe(short_type, data, h);
  if (const json::object* facts = data.object("assessment")) h.facts = json::serialize(*facts);
  if (auto by = data.text("by"); by && !by->empty()) h.actor = std::move(*by);
  if (data.error()) return *data.error();
  if (row.status.empty()) return fail("bad_data", "data.status is missing");
  return out;
}

namespace {

template <typename T>
void keep_known(std::optional<T>& newer, const std::optional<T>& older) {
  if (!newer && older) newer = older;
}

// `newer` keeps everything it says and takes from `older` what it does not.
void fill_from_older(CaseRow& newer, const CaseRow& older) {
  keep_known(newer.request_type, older.request_type);
  keep_known(newer.grid, older.grid);
  keep_known(newer.community, older.community);
  keep_known(newer.street, older.street);
  keep_known(newer.district, older.district);
  keep_known(newer.reported_at, older.reported_at);
  keep_known(newer.closed_at, older.closed_at);
  keep_known(newer.outcome, older.outcome);
  keep_known(newer.merged_into, older.merged_into);
  keep_known(newer.description, older.description);
  keep_known(newer.channel, older.channel);
  keep_known(newer.reporter, older.reporter);
  keep_known(newer.address, older.address);
  keep_known(newer.lat, older.lat);
  keep_known(newer.lon, older.lon);
  keep_known(newer.breached, older.breached);
  keep_known(newer.archived_at, older.archived_at);
  // An erasure is what the phone last became: a later record that does not mention the phone
  // keeps it erased, and never brings back a phone an older record carried.
  if (!newer.sealed_phone && !newer.phone_erased) {
    newer.sealed_phone = older.sealed_phone;
    newer.phone_erased = older.phone_erased;
  }
}

}  // namespace

Batch batch_of(std::vector<ArchiveRecord> records) {
  std::sort(records.begin(), records.end(), [](const ArchiveRecord& a, const ArchiveRecord& b) {
    return std::tie(a.row.id, a.row.seq) < std::tie(b.row.id, b.row.seq);
  });
  Batch out;
  for (ArchiveRecord& r : records) {
    // A record read twice (a replay) is one history entry.
    if (!out.history.empty() && out.history.back().case_id == r.row.id &&
        out.history.back().seq == r.row.seq) {
      continue;
    }
    out.history.push_back(std::move(r.history));
    if (!out.cases.empty() && out.cases.back().id == r.row.id) {
      fill_from_older(r.row, out.cases.back());
      out.cases.back() = std::move(r.row);
    } else {
      out.cases.push_back(std::move(r.row));
    }
  }
  return out;
}

}  // namespace caseflow::archive
