#include "engine/simulate/replay_reader.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>

#include "engine/events/case_event_decoder.h"
#include "engine/time/rfc3339.h"

namespace caseflow::simulate {
namespace {

constexpr std::string_view kReportedType = "caseflow.case.reported";

// One non-blank line of the file: its 1-based number and text without the line break.
struct Line {
  int number = 0;
  std::string_view text;
};

// What a line says once its framing (kcat's timestamp and key, or nothing) is taken off.
struct Record {
  std::optional<Instant> at;  // the kcat timestamp; nullopt for JSON lines (`time` says)
  std::string_view value;
  int value_column = 1;  // 1-based, for problems inside the value
};

// Collects problems, listing the first kMaxListedReplayProblems and counting the rest.
class Problems {
 public:
  Problems(const std::string& file, Diagnostics& out) : file_(file), out_(out) {}

  void add(int line, int column, std::string message) {
    ++count_;
    if (count_ <= kMaxListedReplayProblems)
      out_.push_back({file_, line, column, std::move(message)});
  }
  size_t count() const { return count_; }
  void finish() {
    if (count_ > kMaxListedReplayProblems) {
      out_.push_back({file_, 0, 0,
                      std::to_string(count_ - kMaxListedReplayProblems) +
                          " more unreadable lines not listed (" + std::to_string(count_) +
                          " in all)"});
    }
  }

 private:
  const std::string& file_;
  Diagnostics& out_;
  size_t count_ = 0;
};

std::vector<Line> non_blank_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    lines.push_back({number, line});
  }
  return lines;
}

ReplayFormat format_of(const Line& first) {
  const size_t start = first.text.find_first_not_of(" \t");
  return first.text[start] == '{' ? ReplayFormat::json_lines : ReplayFormat::kcat;
}

// "%T %k %s": timestamp, one space, key (possibly empty), one space, value.
std::optional<Record> split_kcat(const Line& line, Problems& problems) {
  const std::string_view text = line.text;
  const size_t space = text.find(' ');
  const std::string_view stamp = text.substr(0, space);
  int64_t millis = -1;
  const auto [end, ec] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), millis);
  if (ec != std::errc{} || end != stamp.data() + stamp.size() || millis < 0) {
    problems.add(line.number, 1,
                 "expected a kcat line `TIMESTAMP KEY VALUE` (kcat -f '%T %k %s\\n'), with the "
                 "timestamp in Unix milliseconds; found \"" +
                     std::string(stamp.substr(0, 40)) + "\"");
    return std::nullopt;
  }
  const size_t key_end = space == std::string_view::npos ? space : text.find(' ', space + 1);
  if (key_end == std::string_view::npos || key_end + 1 >= text.size()) {
    problems.add(line.number, static_cast<int>(stamp.size()) + 1,
                 "the record has no value (a kcat line is `TIMESTAMP KEY VALUE`)");
    return std::nullopt;
  }
  return Record{Instant::from_unix_millis(millis), text.substr(key_end + 1),
                static_cast<int>(key_end) + 2};
}

Record whole_line(const Line& line) {
  const size_t start = line.text.find_first_not_of(" \t");
  return Record{std::nullopt, line.text.substr(start), static_cast<int>(start) + 1};
}

const boost::json::string* string_member(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value ? value->if_string() : nullptr;
}

}  // namespace

std::string_view to_string(ReplayFormat format) {
  return format == ReplayFormat::kcat ? "kcat" : "JSON lines";
}

std::optional<Replay> read_replay(const std::string& file, std::string_view text,
                                  Diagnostics& problems) {
  const std::vector<Line> lines = non_blank_lines(text);
  if (lines.empty()) {
    problems.push_back({file, 0, 0, "the replay file holds no events"});
    return std::nullopt;
  }
  Replay replay;
  replay.format = format_of(lines.front());
  replay.lines = lines.size();
  Problems found(file, problems);

  for (const Line& line : lines) {
    const std::optional<Record> record =
        replay.format == ReplayFormat::kcat ? split_kcat(line, found) : whole_line(line);
    if (!record) continue;

    // The type is read first: events of other types are skipped whatever their data holds.
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(record->value, ec);
    if (ec) {
      found.add(line.number, record->value_column, "the value is not JSON (" + ec.message() + ")");
      continue;
    }
    const auto* object = json.if_object();
    const auto* type = object ? string_member(*object, "type") : nullptr;
    if (!type) {
      found.add(line.number, record->value_column,
                "the value is not a CloudEvent (no string `type` attribute)");
      continue;
    }
    if (*type != kReportedType) {
      ++replay.skipped[std::string(*type)];
      continue;
    }

    auto report = events::decode_case_event(record->value);
    if (!report) {
      found.add(line.number, record->value_column,
                "a report the engine would refuse: " + report.error().code + ": " +
                    report.error().message);
      continue;
    }
    std::optional<Instant> at = record->at;
    if (!at) {
      const auto* time = string_member(*object, "time");
      if (time) {
        const auto parsed = parse_rfc3339(std::string_view(time->data(), time->size()));
        if (parsed.ok()) at = *parsed;
      }
      if (!at) {
        found.add(line.number, record->value_column,
                  "the event has no RFC 3339 `time` attribute, so its arrival is unknown (JSON "
                  "lines take the time of each event from it)");
        continue;
      }
    }
    replay.arrivals.push_back({*at, std::move(*report)});
  }

  found.finish();
  if (found.count() > 0) return std::nullopt;
  std::stable_sort(replay.arrivals.begin(), replay.arrivals.end(),
                   [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
  return replay;
}

}  // namespace caseflow::simulate
