#include "connectors/log/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

namespace caseflow::logging {
namespace {

// The one piece of process-wide state: set before threads start, read everywhere after.
std::atomic<Level> threshold{Level::info};

}  // namespace

std::optional<Level> parse_level(std::string_view name) {
  if (name == "debug") return Level::debug;
  if (name == "info") return Level::info;
  if (name == "warning" || name == "warn") return Level::warning;
  if (name == "error") return Level::error;
  return std::nullopt;
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warning:
      return "warning";
    case Level::error:
      return "error";
  }
  return "info";
}

void set_threshold(Level level) { threshold.store(level, std::memory_order_relaxed); }

bool enabled(Level level) { return level >= threshold.load(std::memory_order_relaxed); }

void write(Level level, std::string_view component, std::string_view message) {
  if (!enabled(level)) return;
  std::string line;
  line.reserve(32 + component.size() + message.size());
  line.append("caseflow: ").append(level_name(level)).append(": ");
  if (!component.empty()) line.append(component).append(": ");
  line.append(message);
  while (!line.empty() && line.back() == '\n') line.pop_back();
  line.push_back('\n');
  // One write(2) per line; a short write (a full pipe) is finished rather than interleaved.
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) return;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace caseflow::logging
