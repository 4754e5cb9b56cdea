// One record the engine published on caseflow.updates or caseflow.alerts (a CloudEvents JSON
// object, docs/events.md "Outbound"), read as what the archive stores: the case as of that record
// and one history entry.
//
// Records written before the engine published `reported_at`, `place` and `report` are read too:
// members a record does not carry stay unset, so they never overwrite what an earlier record said.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "connectors/archive/archive_store.h"
#include "engine/common/result.h"

namespace caseflow::archive {

struct ArchiveRecord {
  CaseRow row;  // every member the record says; `seq` and `updated_at` are the record's
  HistoryRow history;
};

// The case sequence of a CloudEvents id "<case id>-<seq>": the number after the last '-'.
std::optional<uint64_t> case_sequence(std::string_view cloudevents_id);

// Reads one record; `key` is its Kafka key (the case id; empty = not checked). Errors have a
// stable code: not_json, not_cloudevent (not an object, or a required attribute missing or not a
// string), unknown_type (not a record the archive keeps), key_mismatch (key is not the subject),
// bad_id (not "<subject>-<number>"), bad_time (`time` or a time in `data` is not RFC 3339),
// bad_data (`data` is not an object or a member has the wrong type).
Result<ArchiveRecord> parse_archive_record(std::string_view key, std::string_view value);

// One transaction's worth: one CaseRow per case, from its newest record in `records` (by seq),
// with optional members the newest did not say filled from older records of the batch (the
// report arrives once; a breach stays a breach); one history row per (case, seq).
Batch batch_of(std::vector<ArchiveRecord> records);

}  // namespace caseflow::archive
