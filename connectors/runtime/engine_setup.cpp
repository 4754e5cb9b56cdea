#include "connectors/runtime/engine_setup.h"

#include <fstream>
#include <set>
#include <sstream>

#include "connectors/files/definition_files.h"
#include "engine/core/catalog_router.h"
#include "engine/definition/workflow_loader.h"
#include "engine/geo/city_directory.h"

namespace caseflow::runtime {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back({path.string(), 0, 0, "cannot read this file"});
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<std::string> EngineSetup::workflow_topics() const {
  std::set<std::string> topics;
  for (const auto& wf : catalog->all()) {
    for (const auto& stage : wf->stages) {
      if (!stage.topic.empty()) topics.insert(stage.topic);
      // Departments summoned to assist (吹哨) get their work orders on their department topic.
      for (const auto& code : stage.assists.departments)
        topics.insert(definition::assist_topic(topic_prefix, code));
      // The compound's parties called to the joint meeting get theirs on their stage topics.
      for (const auto& party : stage.assists.compound_parties)
        topics.insert(definition::assist_topic(topic_prefix, party));
      for (const auto& clock : stage.clocks) {
        topics.insert(clock.on_breach.notify_topics.begin(), clock.on_breach.notify_topics.end());
        for (definition::Level level : clock.on_breach.notify_units)
          topics.insert(topic_prefix + ".stage." + std::string(definition::to_string(level)));
      }
    }
  }
  return {topics.begin(), topics.end()};
}

std::unique_ptr<core::Engine> EngineSetup::make_engine() const {
  core::EngineOptions options;
  options.topic_prefix = topic_prefix;
  options.topics = core::Topics::with_prefix(topic_prefix);
  // The runtime serialises each changed case once per commit, not once per event.
  options.changelog_bytes = false;
  options.retain_closed_for = retain_closed_for;
  options.dispatcher_queue = dispatcher_queue;
  return std::make_unique<core::Engine>(options, router, calendars, directory);
}

Result<std::shared_ptr<const EngineSetup>> load_engine_setup(const EngineSetupOptions& options,
                                                             Diagnostics& problems) {
  const size_t before = problems.size();
  auto setup = std::make_shared<EngineSetup>();
  setup->topic_prefix = options.topic_prefix;
  setup->retain_closed_for = options.retain_closed_for;
  setup->dispatcher_queue = options.dispatcher_queue;

  std::vector<std::filesystem::path> paths = options.calendars;
  paths.insert(paths.end(), options.workflows.begin(), options.workflows.end());
  if (!options.units.empty()) paths.push_back(options.units);
  files::LoadOptions load_options;
  load_options.topic_prefix = options.topic_prefix;
  auto loaded = files::load_definitions(paths, load_options);
  problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
  for (const auto& u : loaded.unreadable) problems.push_back({u, 0, 0, "cannot read"});

  auto calendars = std::make_shared<core::MapCalendarRegistry>();
  for (const auto& [name, calendar] : loaded.calendars) calendars->add(calendar);
  setup->calendars = calendars;

  // Older versions that live cases are pinned to, checked against the same calendars.
  std::vector<definition::WorkflowPtr> workflows = loaded.workflows;
  definition::LoadContext context;
  context.calendars.emplace();
  for (const auto& [name, calendar] : loaded.calendars) context.calendars->insert(name);
  context.topic_prefix = options.topic_prefix;
  for (const auto& wf : workflows) {
    if (auto text = read_file(wf->source_file, problems)) setup->workflow_texts[wf->id()] = *text;
  }
  for (const auto& [file, text] : options.retained_workflows) {
    if (auto wf = definition::load_workflow(file, text, context, problems)) {
      setup->workflow_texts.emplace(wf->id(), text);
      workflows.push_back(wf);
    }
  }
  if (problems.size() == before) {
    setup->catalog = definition::Catalog::build(std::move(workflows), problems);
  }

  if (!options.boundaries.empty()) {
    auto boundaries = read_file(options.boundaries, problems);
    auto units =
        options.units.empty() ? std::optional<std::string>("") : read_file(options.units, problems);
    std::optional<std::string> compounds;
    if (!options.compounds.empty()) compounds = read_file(options.compounds, problems);
    const std::string compound_file = options.compounds.string();
    if (boundaries && units && (compounds || options.compounds.empty())) {
      setup->directory = geo::load_city_directory(
          options.boundaries.string(), *boundaries, options.units.string(), *units, problems,
          nullptr, {},
          compounds ? std::optional(geo::CompoundSource{compound_file, *compounds}) : std::nullopt);
    }
  }

  if (problems.size() != before || !setup->catalog) {
    return Error{"definitions", std::to_string(problems.size() - before) + " problem(s)"};
  }
  setup->router = std::make_shared<core::CatalogRouter>(setup->catalog);
  return std::shared_ptr<const EngineSetup>(setup);
}

}  // namespace caseflow::runtime
