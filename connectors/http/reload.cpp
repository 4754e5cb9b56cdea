#include "connectors/http/reload.h"

#include <chrono>
#include <future>

#include "connectors/log/log.h"
#include "engine/definition/catalog.h"
#include "engine/definition/workflow_loader.h"

namespace caseflow::http {
namespace {

constexpr std::string_view kLog = "reload";

// One log line per outcome (one per problem when refused), written here rather than by the
// callers so that HTTP, SIGHUP and the folder watcher all leave the same trace.
void log_outcome(const ReloadOutcome& outcome) {
  switch (outcome.kind) {
    case ReloadOutcome::Kind::reloaded: {
      std::string versions;
      for (const auto& id : outcome.workflows) {
        if (!versions.empty()) versions += ", ";
        versions += id;
      }
      logging::info(kLog, "workflows reloaded: " + versions);
      return;
    }
    case ReloadOutcome::Kind::problems:
      if (outcome.problems.empty()) {
        logging::warning(kLog, "refused, nothing changed: " + outcome.message);
      }
      for (const auto& problem : outcome.problems) {
        logging::warning(kLog, "refused, nothing changed: " + problem.to_string());
      }
      return;
    case ReloadOutcome::Kind::busy:
      logging::warning(kLog, "refused, nothing changed: " + outcome.message);
      return;
    case ReloadOutcome::Kind::failed:
      logging::error(kLog, "failed, nothing changed: " + outcome.message);
      return;
  }
}

}  // namespace

Reloader::Reloader(runtime::EngineSetupOptions options,
                   std::shared_ptr<const runtime::EngineSetup> initial,
                   runtime::ProcessingLoop& loop, Publish publish)
    : options_(std::move(options)),
      loop_(loop),
      publish_(std::move(publish)),
      current_(std::move(initial)) {}

std::shared_ptr<const runtime::EngineSetup> Reloader::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

void Reloader::install(std::shared_ptr<const runtime::EngineSetup> setup) {
  std::lock_guard lock(mutex_);
  current_ = std::move(setup);
}

void Reloader::reload_async(Done done) {
  if (busy_.exchange(true)) {
    ReloadOutcome outcome{ReloadOutcome::Kind::busy, "another reload is running", {}, {}};
    log_outcome(outcome);
    done(std::move(outcome));
    return;
  }
  auto finish = [this, &done](ReloadOutcome outcome) {
    remember(outcome);
    busy_ = false;
    log_outcome(outcome);
    done(std::move(outcome));
  };

  runtime::EngineSetupOptions options = options_;
  const auto in_force = current();
  if (in_force) {
    for (const auto& [id, text] : in_force->workflow_texts) {
      options.retained_workflows.emplace_back("in-force:" + id, text);
    }
  }
  Diagnostics problems;
  auto loaded = runtime::load_engine_setup(options, problems);
  if (!loaded) {
    finish({ReloadOutcome::Kind::problems,
            std::to_string(problems.size()) + " problem(s); the definitions in force are kept",
            std::move(problems),
            {}});
    return;
  }
  std::shared_ptr<const runtime::EngineSetup> setup = *loaded;
  if (publish_) {
    if (auto published = publish_(*setup); !published) {
      finish({ReloadOutcome::Kind::failed, published.error().message, {}, {}});
      return;
    }
  }
  // The job owns `done`; if the loop refuses the job, answer through the shared copy.
  auto answer = std::make_shared<Done>(std::move(done));
  auto swap = [this, setup, answer](runtime::StreamProcessor& processor) {
    processor.reload([setup] { return setup->make_engine(); },
                     [&setup](core::Engine& engine) {
                       engine.replace_definitions(setup->router, setup->calendars,
                                                  setup->directory);
                     });
    {
      std::lock_guard lock(mutex_);
      current_ = setup;
    }
    ReloadOutcome outcome{ReloadOutcome::Kind::reloaded, "reloaded", {}, {}};
    for (const auto& wf : setup->catalog->all()) outcome.workflows.push_back(wf->id());
    remember(outcome);
    busy_ = false;
    log_outcome(outcome);
    (*answer)(std::move(outcome));
  };
  if (!loop_.submit_control(std::move(swap))) {
    busy_ = false;
    ReloadOutcome outcome{ReloadOutcome::Kind::failed, "the processing loop has stopped", {}, {}};
    remember(outcome);
    log_outcome(outcome);
    (*answer)(std::move(outcome));
  }
}

void Reloader::remember(const ReloadOutcome& outcome) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  std::lock_guard lock(mutex_);
  last_ = ReloadRecord{Instant::from_unix_millis(ms.count()), outcome};
}

std::optional<ReloadRecord> Reloader::last_reload() const {
  std::lock_guard lock(mutex_);
  return last_;
}

ReloadOutcome Reloader::reload() {
  auto promise = std::make_shared<std::promise<ReloadOutcome>>();
  auto future = promise->get_future();
  reload_async([promise](ReloadOutcome outcome) { promise->set_value(std::move(outcome)); });
  return future.get();
}

Diagnostics Reloader::validate(const std::string& file, const std::string& text,
                               std::string* id) const {
  Diagnostics problems;
  const auto in_force = current();
  definition::LoadContext context;
  context.topic_prefix = options_.topic_prefix;
  auto wf = definition::load_workflow(file, text, context, problems);
  if (!wf) return problems;
  if (id != nullptr) *id = wf->id();
  if (!in_force) return problems;
  if (!wf->calendar.empty() && !in_force->calendars->find(wf->calendar)) {
    problems.push_back({file, wf->location.line, wf->location.column,
                        "calendar '" + wf->calendar + "' is not among the calendars in force"});
  }
  // How it fits with the workflows in force: the same version with other content, ambiguous
  // routing (the catalog compares latest versions only, so a new version replaces its older one).
  std::vector<definition::WorkflowPtr> all = in_force->catalog->all();
  all.push_back(wf);
  definition::Catalog::build(std::move(all), problems);
  return problems;
}

}  // namespace caseflow::http
