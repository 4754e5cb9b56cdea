// Shared by the calendar tests: load the shipped calendar files and write instants as people do.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/time/calendar_loader.h"
#include "engine/time/rfc3339.h"

namespace caseflow::testing {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The calendar in config/calendars/<name>.yaml; fails the test if it does not load.
inline CalendarPtr shipped_calendar(const std::string& name) {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/config/calendars/" + name + ".yaml";
  Diagnostics problems;
  CalendarPtr calendar = load_calendar(path, read_text(path), problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return calendar;
}

// "2026-02-13T10:00:00+08:00" -> Instant; fails the test on a typo.
inline Instant at(const std::string& text) {
  const auto t = parse_rfc3339(text);
  if (!t.ok()) {
    ADD_FAILURE() << t.error().message;
    return Instant();
  }
  return *t;
}

}  // namespace caseflow::testing
