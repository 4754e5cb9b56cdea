// Everything an Engine needs, loaded from the files of the config: workflows (plus the older
// versions live cases still use), calendars, the city's boundaries and unit directory. Loaded as a
// whole and immutable once built; a reload builds a new EngineSetup and keeps the old one if the
// new one has problems.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/diagnostic.h"
#include "engine/core/calendar_registry.h"
#include "engine/core/engine.h"
#include "engine/core/router.h"
#include "engine/definition/catalog.h"
#include "engine/geo/place.h"
#include "engine/time/span.h"

namespace caseflow::runtime {

struct EngineSetupOptions {
  std::vector<std::filesystem::path> workflows;  // files or folders
  std::vector<std::filesystem::path> calendars;  // files or folders
  std::filesystem::path units;                   // the unit directory; "" = none
  std::filesystem::path boundaries;  // grid polygons (GeoJSON); "" = route by grid_id only
  std::filesystem::path compounds;   // residential compounds (GeoJSON); "" = none
  std::string topic_prefix = "caseflow";
  // How long a closed case stays in memory before it leaves for the archive; nullopt = its
  // workflow's revisit.within + 1 day (config retention.closed_for).
  std::optional<Span> retain_closed_for;
  // The clock of a case waiting in the dispatcher queue; nullopt = none (config dispatcher_queue).
  std::optional<core::QueueClockPolicy> dispatcher_queue;
  // Workflow versions that live cases use but the files no longer hold (from the definitions
  // topic): file name (for messages) and text.
  std::vector<std::pair<std::string, std::string>> retained_workflows;
};

struct EngineSetup {
  core::CalendarRegistryPtr calendars;
  geo::PlaceDirectoryPtr directory;  // null when no boundaries are configured
  definition::CatalogPtr catalog;
  core::WorkflowRouterPtr router;
  std::string topic_prefix;
  std::optional<Span> retain_closed_for;                   // EngineSetupOptions::retain_closed_for
  std::optional<core::QueueClockPolicy> dispatcher_queue;  // EngineSetupOptions::dispatcher_queue
  // The text of every workflow version in the catalog, by id ("parking@1"), for the definitions
  // topic.
  std::map<std::string, std::string> workflow_texts;

  // Every topic a workflow can write besides the fixed ones: stage and department dispatch
  // topics, the department topics of assists, and the topics a clock's breach notifies. They are
  // created at start and at reload, never left to a broker's auto-creation.
  std::vector<std::string> workflow_topics() const;
  // A fresh Engine on this setup (one per input partition).
  std::unique_ptr<core::Engine> make_engine() const;
};

// Loads and checks everything. On any problem returns an error and appends every problem
// (FILE:LINE:COL) to `problems`. Reads files; call it off the processing hot path.
Result<std::shared_ptr<const EngineSetup>> load_engine_setup(const EngineSetupOptions& options,
                                                             Diagnostics& problems);

}  // namespace caseflow::runtime
