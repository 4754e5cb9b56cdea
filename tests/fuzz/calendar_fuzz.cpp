// A calendar file (config/calendars/*.yaml). A calendar that loads is then asked for deadlines,
// as every SLA clock of a workflow that names it will be: none of that may hang or crash.
#include "engine/time/calendar_loader.h"
#include "tests/fuzz/fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caseflow;
  Diagnostics problems;
  const CalendarPtr calendar = load_calendar("fuzz.yaml", fuzz::as_text(data, size), problems);
  fuzz::require((calendar != nullptr) == problems.empty(),
                "load_calendar returned a calendar and problems, or neither");
  if (!calendar) return 0;
  const Instant start = Instant::from_unix_seconds(1'772'413'200);  // 2026-03-02 09:00 +08:00
  for (const Span& span :
       {Span{Span::Unit::workhours, 8}, Span{Span::Unit::workdays, 3}, Span{Span::Unit::days, 1}}) {
    const Instant due = calendar->deadline(start, span);
    const Instant warn = calendar->deadline(start, span, 800);
    fuzz::require(warn <= due, "the 80% mark of a span lies after its end");
    (void)calendar->working_time_between(start, due);
  }
  (void)calendar->add_working_time(start, Duration::hours(40));
  (void)calendar->is_working_time(start);
  (void)calendar->utc_offset(start);
  return 0;
}
