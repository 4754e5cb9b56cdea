// Hot reload of the definitions (workflows, calendars, units, boundaries): load everything anew
// off the processing thread; if anything has a problem change nothing and say every FILE:LINE:COL;
// otherwise swap atomically on the processing thread between two cycles (StreamProcessor::reload
// + Engine::replace_definitions). Running cases keep the version they started with; new cases
// take the new one. Triggers: POST /api/v1/workflows/reload, SIGHUP (the app's signal loop calls
// reload()), and optionally a change in the workflow folders (workflow_watcher.h).
//
// Versions in force stay loadable: every workflow text of the setup in force is passed to the
// new load as a retained version, so a version a live case is pinned to survives a reload that
// drops its file, and a file that changes a version without bumping `version:` is refused (same
// name and version, different content) instead of silently changing running cases.
//
// Every outcome leaves a line in the engine's log (connectors/log/log.h, component "reload"):
// info with the versions loaded, a warning per problem when refused, an error when it failed.
//
// Thread rules: every public method is thread-safe. One reload runs at a time; another asked for
// meanwhile is answered "busy".
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/processing_loop.h"
#include "engine/common/diagnostic.h"
#include "engine/time/instant.h"

namespace caseflow::http {

struct ReloadOutcome {
  enum class Kind {
    reloaded,  // the new definitions are in force
    problems,  // the files have problems (see `problems`); nothing changed
    busy,      // another reload is running; nothing changed
    failed,    // publishing failed or the processing loop has stopped; nothing changed
  };
  Kind kind = Kind::failed;
  std::string message;
  Diagnostics problems;                // kind == problems
  std::vector<std::string> workflows;  // kind == reloaded: every version now loaded ("parking@2")

  bool ok() const { return kind == Kind::reloaded; }
};

// The outcome of the latest reload that ran (a busy refusal ran none), and when it ended.
struct ReloadRecord {
  Instant at;
  ReloadOutcome outcome;
};

class Reloader {
 public:
  // Called with the checked new setup before it goes live (e.g. to store its workflow versions in
  // caseflow.definitions and create new dispatch topics). An error cancels the reload.
  using Publish = std::function<caseflow::Status(const runtime::EngineSetup&)>;
  using Done = std::function<void(ReloadOutcome)>;

  // `options` are the same the app loaded `initial` with. `loop` must outlive this object.
  Reloader(runtime::EngineSetupOptions options, std::shared_ptr<const runtime::EngineSetup> initial,
           runtime::ProcessingLoop& loop, Publish publish = {});

  // The definitions in force (changes when a reload is swapped in).
  std::shared_ptr<const runtime::EngineSetup> current() const;

  // Puts `setup` in force without a swap on the processing thread: only before the processing
  // loop runs (the app, once it has read the versions live cases use from Kafka).
  void install(std::shared_ptr<const runtime::EngineSetup> setup);

  // Loads on the calling thread, then hands the swap to the processing thread; `done` runs once,
  // on the processing thread after the swap, or on the calling thread when nothing changes.
  void reload_async(Done done);

  // reload_async that waits for the outcome (for the app's SIGHUP handling). Blocks until the
  // processing loop has swapped (about one commit interval).
  ReloadOutcome reload();

  // Checks a single workflow text against the definitions in force without changing anything:
  // its own rules, its calendar, and how it fits the catalog (duplicates, ambiguous routing).
  // Returns every problem (file name `file` in the messages); empty = valid. Sets `id` to
  // "name@version" when the text could be read that far.
  Diagnostics validate(const std::string& file, const std::string& text, std::string* id) const;

  // The latest reload that ran, from HTTP, SIGHUP or the folder watcher alike; nullopt before
  // the first. Its problems stay readable (GET /api/v1/workflows) after the answer is gone.
  std::optional<ReloadRecord> last_reload() const;

 private:
  void remember(const ReloadOutcome& outcome);

  const runtime::EngineSetupOptions options_;
  runtime::ProcessingLoop& loop_;
  const Publish publish_;
  std::atomic<bool> busy_{false};
  mutable std::mutex mutex_;  // guards current_
  std::shared_ptr<const runtime::EngineSetup> current_;
  std::optional<ReloadRecord> last_;  // guarded by mutex_
};

}  // namespace caseflow::http
