// Recorded arrivals for `caseflow simulate --replay FILE` (docs/simulate.md): the reports a city
// really got, read from a dump of caseflow.events, so a what-if runs on a real month instead of
// the load model's draws. Pure: the caller reads the file and passes its text.
//
// Two formats, told apart by the file's first non-blank line:
//   kcat        `kcat -C -t caseflow.events -f '%T %k %s\n' -e`: the record's timestamp (Unix
//               milliseconds), its key, and its value (a CloudEvent) on one line. The record's
//               timestamp is the arrival time.
//   JSON lines  one CloudEvent per line (a line that starts with `{`); its `time` attribute
//               (RFC 3339) is the arrival time.
// Every value is decoded with the engine's own decoder (events/case_event_decoder.h), so a replay
// accepts exactly what the engine would. `caseflow.case.reported` events become arrivals; events
// of any other type (signed, resolved, rated, ... which the simulated units produce themselves)
// are counted by type and skipped. A line that cannot be read is a problem at FILE:LINE:COL, never
// dropped silently: a replay with a hole in it would answer a different question.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/diagnostic.h"
#include "engine/simulate/simulator.h"

namespace caseflow::simulate {

enum class ReplayFormat : uint8_t { kcat, json_lines };

std::string_view to_string(ReplayFormat format);  // "kcat", "JSON lines"

struct Replay {
  ReplayFormat format = ReplayFormat::kcat;
  std::vector<Arrival> arrivals;            // by time; ties keep the file's order
  std::map<std::string, uint64_t> skipped;  // events of other types, by CloudEvents type
  uint64_t lines = 0;                       // non-blank lines read
};

// At most this many undecodable lines are listed one by one; the rest are counted in one more
// problem, so a file in the wrong format does not bury the terminal.
inline constexpr size_t kMaxListedReplayProblems = 50;

// nullopt when any line could not be read (every such line appended to `problems`, as FILE:LINE:COL
// with the column where the unreadable part starts). An empty file is a problem too: a replay of
// nothing is a mistake, not a quiet month.
std::optional<Replay> read_replay(const std::string& file, std::string_view text,
                                  Diagnostics& problems);

}  // namespace caseflow::simulate
