// The JSON floor of the core's JSON stream: what any engine that reads CloudEvents JSON and writes
// JSON records must at least spend. boost::json's parser, on a memory resource reset per record,
// parses the very input records the stream fed the engine, and its serializer writes the very
// output records the engine produced, into one reused buffer; the changelog states, which are
// binary (docs/engine.md), are copied into that buffer, the least that writing them costs.
// Nothing else: no routing, no state, no clocks. engine rate / floor rate is how close the engine
// runs to JSON.
#pragma once

#include "bench/common/measure.h"
#include "bench/core/record_set.h"

namespace caseflow::bench {

// What a repetition did: members of the parsed inputs and bytes serialised (which also keeps the
// work observable, so the optimiser cannot drop it), and records that did not parse.
struct FloorTally {
  size_t members = 0;
  size_t bytes_out = 0;
  size_t failed = 0;
};

// One repetition over all of `inputs` (parsed, timed), `outputs` (JSON records: parsed untimed in
// chunks, then serialised, timed) and `states` (copied, timed). Work = inputs.size(), so its rate
// compares with the engine's events/s.
Run json_floor(const RecordSet& inputs, const RecordSet& outputs, const RecordSet& states,
               FloorTally& tally);

}  // namespace caseflow::bench
