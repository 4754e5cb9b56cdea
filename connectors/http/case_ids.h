// Case ids for reports that arrive over HTTP, unique across instances and restarts without any
// coordination:
//
//   <instance>-<YYYYMMDD>-<millis><seq>     e.g.  "a1-20261126-0k3x9q2a01"
//
// `instance` is the instance's stable id (config; distinct per instance of one deployment), the
// date is the UTC day (for people), and (millis, seq) is strictly increasing per generator: the
// Unix time in milliseconds (base 36, 9 digits) and a 2-digit base-36 sequence within that
// millisecond (1,296 ids per ms; the 1,297th borrows the next millisecond). A restarted instance
// continues after the last id it could have made as long as the wall clock did not step back by
// more than the restart took; ids stay short enough for SMS and phone calls.
// Not thread-safe: one generator per thread (the io_context's).
#pragma once

#include <cstdint>
#include <string>

#include "engine/time/instant.h"

namespace caseflow::http {

class CaseIdGenerator {
 public:
  // `instance`: letters, digits and '_' only (anything else is replaced by '_').
  explicit CaseIdGenerator(std::string instance);

  // The next id at wall-clock time `now`.
  std::string next(Instant now);

 private:
  std::string instance_;
  int64_t last_millis_ = 0;
  int seq_ = 0;
};

}  // namespace caseflow::http
