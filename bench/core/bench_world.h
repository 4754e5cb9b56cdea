// The synthetic world the core benchmarks run in: a city of grids, a parking-like workflow with
// three clocks per stage, and builders of inbound events (structured or CloudEvents JSON).
#pragma once

#include <memory>
#include <string>

#include "engine/core/engine.h"
#include "engine/events/case_event.h"

namespace caseflow::bench {

// 16,000 grids "g0".."g15999", 20 grids a community, 10 communities a street.
geo::PlaceDirectoryPtr make_directory();
// parking@1, 3 stages (grid, community, street), clocks sign 1h / contact 4h / resolve 3d all
// from dispatch, warn at 80%, breach escalates; returns max 2 with a fallback unit.
definition::WorkflowPtr make_workflow();
// `encode`: write CloudEvents JSON for every record. Changelog bytes are never inlined: callers
// serialise each changed case once per batch, as the runtime does at commit.
std::unique_ptr<core::Engine> make_engine(bool encode);

events::CaseEvent report_event(const std::string& id, int grid);
events::CaseEvent simple_event(events::EventType type, const std::string& id);
// The same event as CloudEvents JSON bytes.
std::string to_json(const events::CaseEvent& e);

// Resident set size of this process in bytes (from /proc/self/statm).
size_t resident_bytes();

}  // namespace caseflow::bench
