// Reads a calendar file (config/calendars/*.yaml) into a WorkingCalendar.
// Pure: takes the file's name (for messages) and its text; never touches the file system.
#pragma once

#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/time/working_calendar.h"

namespace caseflow {

// On success returns the calendar and leaves `problems` untouched. On failure returns nullptr and
// appends every problem found (not only the first) as FILE:LINE:COL diagnostics.
CalendarPtr load_calendar(std::string_view file, std::string_view text, Diagnostics& problems);

}  // namespace caseflow
