// What every grouping of `caseflow report assessment` does first and last: open the config, the
// month in the city's time zone and the archive (read only: a missing SQLite file is an error,
// never created), and write the text to --output or standard output.
#pragma once

#include <string>
#include <variant>

#include "app/engine_config.h"
#include "app/report_options.h"
#include "connectors/archive/archive_store.h"
#include "engine/assessment/period.h"

namespace caseflow::app {

struct ReportSource {
  EngineConfig config;
  assessment::YearMonth month;
  assessment::Period period;
  archive::ArchiveStorePtr store;
};

// The source, or the command's exit code once it has said why on standard error: 2 a bad
// --month, 1 the config, the calendars' time zone or the archive.
std::variant<ReportSource, int> open_report_source(const ReportOptions& options);

// "caseflow report: MESSAGE" on standard error; 1, the exit code of a failed report.
int report_failure(const std::string& message);

// `text` to --output (replaced) or to standard output; 0, or 1 when it cannot be written.
int write_report_text(const ReportOptions& options, const std::string& text);

}  // namespace caseflow::app
