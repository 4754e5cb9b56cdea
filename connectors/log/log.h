// The engine's log: one line per event on standard error, "caseflow: LEVEL: COMPONENT: message".
// Journald, Docker and Kubernetes add the time and the host, so a line carries neither.
//
// Lines below the threshold are dropped. The threshold is the one setting of this module; the app
// sets it once from the config (`log.level`) before it starts any thread, and it is read with
// relaxed atomics after that. write() is thread-safe: each line is one write(2), so lines from
// different threads never interleave.
#pragma once

#include <optional>
#include <string_view>

namespace caseflow::logging {

enum class Level { debug, info, warning, error };

// "debug", "info", "warning" (or "warn"), "error"; nullopt for anything else.
std::optional<Level> parse_level(std::string_view name);
std::string_view level_name(Level level);

// Lines at `level` and above are written; the default is info.
void set_threshold(Level level);
bool enabled(Level level);

// Writes "caseflow: <level>: <component>: <message>\n" (the component part is left out when
// empty) if `level` passes the threshold.
void write(Level level, std::string_view component, std::string_view message);

inline void debug(std::string_view component, std::string_view message) {
  write(Level::debug, component, message);
}
inline void info(std::string_view component, std::string_view message) {
  write(Level::info, component, message);
}
inline void warning(std::string_view component, std::string_view message) {
  write(Level::warning, component, message);
}
inline void error(std::string_view component, std::string_view message) {
  write(Level::error, component, message);
}

}  // namespace caseflow::logging
