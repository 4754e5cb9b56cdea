// A batch of archive rows that carry assessment facts, for tests that fill an archive with a
// month's facts by hand and read the assessment back (the report command, the HTTP API).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "connectors/archive/archive_store.h"

namespace caseflow::testing {

class FactBatch {
 public:
  // A closed case at `at`, placed in `street` and `community`.
  void place(std::string id, std::string street, std::string community, Instant at) {
    archive::CaseRow row;
    row.id = std::move(id);
    row.seq = 9;
    row.status = "closed";
    row.street = std::move(street);
    row.community = std::move(community);
    row.reported_at = at;
    row.updated_at = at;
    batch_.cases.push_back(std::move(row));
  }

  // A history entry of record `type` ("updated", "closed") and change `what`, with `facts` the
  // record's `data.assessment` as JSON text.
  void fact(std::string id, uint64_t seq, Instant at, std::string type, std::string what,
            std::string facts) {
    batch_.history.push_back(archive::HistoryRow{.case_id = std::move(id),
                                                 .seq = seq,
                                                 .at = at,
                                                 .type = std::move(type),
                                                 .what = std::move(what),
                                                 .stage = "",
                                                 .unit = "",
                                                 .note = "",
                                                 .facts = std::move(facts)});
  }

  const archive::Batch& batch() const { return batch_; }

 private:
  archive::Batch batch_;
};

}  // namespace caseflow::testing
