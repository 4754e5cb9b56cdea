// `caseflow simulate`: the workflows run on virtual time against a load model (or a recorded
// month, --replay), optionally side by side with other workflows (--against), and a report of what
// happened (docs/simulate.md). This file is the wiring: read the files, check them against each
// other (a category no workflow routes, a hot spot the city does not have), run, write.
//
// Exit codes: 0 done; 1 a problem in a file (every one printed as FILE:LINE:COL, nothing written)
// or a run that failed; 2 usage (a bad flag, a file named by a flag that cannot be read).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "app/engine_config.h"
#include "app/startup_errors.h"
#include "connectors/runtime/engine_setup.h"
#include "engine/core/router.h"
#include "engine/geo/city_directory.h"
#include "engine/simulate/load_model_loader.h"
#include "engine/simulate/replay_reader.h"
#include "engine/simulate/report.h"
#include "engine/simulate/simulator.h"
#include "engine/time/local_date.h"

namespace caseflow::app {
namespace {

namespace fs = std::filesystem;

constexpr int kProblems = 1;
constexpr int kUsage = 2;

struct SimulateFlags {
  std::string config = "config/caseflow.yaml";
  std::string load;
  std::string against;  // "" = one run
  std::string from;     // YYYY-MM-DD, checked by CLI11
  int days = 30;
  uint64_t seed = 7;
  std::string out;
  std::string json;    // "" = no JSON
  std::string replay;  // "" = arrivals from the load model
};

// One set of workflows and the world it runs in.
struct Side {
  std::string label;  // the workflows folder, as the report names the run
  std::shared_ptr<const runtime::EngineSetup> setup;
};

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A path as the user would type it from here: "workflows", not "config/../workflows"; a path
// outside this folder stays as it is ("/tmp/workflows-5d", not "../../tmp/workflows-5d").
std::string shown(const fs::path& path) {
  std::error_code ec;
  const fs::path normal = path.lexically_normal();
  const fs::path near = normal.lexically_proximate(fs::current_path(ec));
  const bool outside = near.empty() || *near.begin() == "..";
  return (outside ? normal : near).string();
}

std::string shown(const std::vector<fs::path>& paths) {
  std::string joined;
  for (const auto& p : paths) joined += (joined.empty() ? "" : ", ") + shown(p);
  return joined;
}

// Where `value` is written in the load file, for a problem only this command can see (the loader
// knows neither the workflows nor the city): its first occurrence as a whole YAML token after the
// top-level key `section`. {0, 0} when it cannot be found.
std::pair<int, int> position_of(std::string_view text, std::string_view section,
                                std::string_view value) {
  const auto opens_section = [&](size_t at) {
    return text.substr(at, section.size()) == section &&
           text.substr(at + section.size()).starts_with(":");
  };
  size_t from = opens_section(0) ? 0 : std::string_view::npos;
  for (size_t nl = text.find('\n'); from == std::string_view::npos && nl != std::string_view::npos;
       nl = text.find('\n', nl + 1)) {
    if (opens_section(nl + 1)) from = nl + 1;
  }
  if (from == std::string_view::npos) return {0, 0};
  constexpr std::string_view kBefore = " \t-{[,\"'\n";
  constexpr std::string_view kAfter = " \t:}],\"'#\r\n";
  for (size_t at = text.find(value, from); at != std::string_view::npos;
       at = text.find(value, at + 1)) {
    const size_t end = at + value.size();
    const bool starts = at == 0 || kBefore.find(text[at - 1]) != std::string_view::npos;
    const bool ends = end == text.size() || kAfter.find(text[end]) != std::string_view::npos;
    if (!starts || !ends) continue;
    const size_t line_start = text.rfind('\n', at);
    const int column =
        static_cast<int>(at - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    return {line, column};
  }
  return {0, 0};
}

void add_problem(Diagnostics& problems, const std::string& file, std::string_view text,
                 std::string_view section, std::string_view value, std::string message) {
  const auto [line, column] = position_of(text, section, value);
  problems.push_back({file, line, column, std::move(message)});
}

// A category that no workflow claims would go to the dispatcher queue on every draw: almost
// always a typo or the wrong workflows folder, so it is refused rather than simulated.
void check_categories(const simulate::LoadModel& model, std::string_view text, const Side& side,
                      Diagnostics& problems) {
  for (const auto& category : model.categories) {
    bool routed = false;
    for (const auto& workflow : side.setup->catalog->current()) {
      for (const auto& pattern : workflow->match.categories) {
        routed = routed || core::category_matches(pattern.code, category.value);
      }
    }
    if (!routed) {
      add_problem(problems, model.file, text, "categories", category.value,
                  "category '" + category.value + "' is routed by no workflow in " + side.label +
                      " (each category of the load must match a workflow's match.categories)");
    }
  }
}

void check_places(const simulate::LoadModel& model, std::string_view text,
                  const runtime::EngineSetup& setup, Diagnostics& problems) {
  if (!setup.calendars->find(model.calendar)) {
    add_problem(problems, model.file, text, "calendar", model.calendar,
                "calendar '" + model.calendar + "' is not among the calendars of the config");
  }
  if (!setup.directory) return;  // no boundaries: any grid id is a place of its own
  for (const auto& spot : model.hot_spots) {
    if (!setup.directory->place_of_grid(spot.grid_id)) {
      add_problem(problems, model.file, text, "hot_spots", spot.grid_id,
                  "hot spot grid '" + spot.grid_id + "' is not a grid of the city's boundaries");
    }
  }
}

// Every grid of the city, in id order; empty when the config names no boundaries.
std::vector<std::string> city_grids(const geo::PlaceDirectoryPtr& directory) {
  std::vector<std::string> ids;
  const auto* city = dynamic_cast<const geo::CityDirectory*>(directory.get());
  if (!city) return ids;
  ids.reserve(city->grids().size());
  for (const auto& grid : city->grids().grids()) ids.push_back(grid.place.grid_id);
  return ids;
}

// A line on stderr per simulated week, so a long run shows it is moving.
class WeeklyProgress {
 public:
  WeeklyProgress(std::string label, int days) : label_(std::move(label)), days_(days) {}

  void day(const simulate::DayFigures& d) {
    if (day_ % 7 == 0) first_date_ = d.date;
    ++day_;
    arrivals_ += d.arrivals;
    breaches_ += d.breaches;
    escalations_ += d.escalations;
    if (day_ % 7 != 0 && day_ != days_) return;
    uint64_t open = 0;
    for (uint64_t n : d.open_by_level) open += n;
    std::cerr << "simulate " << label_ << ": week " << (day_ + 6) / 7 << "/" << (days_ + 6) / 7
              << " (" << first_date_ << ".." << d.date << "): " << arrivals_ << " reports, "
              << breaches_ << " breaches, " << escalations_ << " escalations, " << open << " open"
              << std::endl;
    arrivals_ = breaches_ = escalations_ = 0;
  }

 private:
  std::string label_;
  int days_;
  int day_ = 0;
  std::string first_date_;
  uint64_t arrivals_ = 0, breaches_ = 0, escalations_ = 0;
};

std::string percent(double rate) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", 100 * rate);
  return text;
}

std::string fixed(double value, const char* format = "%.1f") {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// "+3", "-2", "0": a difference reads at a glance.
std::string signed_text(int64_t n) { return (n > 0 ? "+" : "") + std::to_string(n); }
std::string signed_text(double x) {
  const std::string text = fixed(x, "%+.1f");
  return text == "+0.0" || text == "-0.0" ? "0.0" : text;
}

void print_summary_line(const char* run, const simulate::Figures& f) {
  std::cout << "  " << run << " " << f.label << ": " << f.cases << " cases, " << f.closed
            << " closed, " << f.open_at_end << " open at the end, " << f.breaches << " breaches, "
            << f.escalations << " escalations; response " << percent(f.rates.response_rate())
            << ", resolution " << percent(f.rates.resolution_rate()) << ", satisfaction "
            << percent(f.rates.satisfaction_rate()) << ", score " << fixed(f.rates.score()) << "; "
            << fixed(f.wall_seconds) << " s\n";
  if (f.rejected > 0) {
    std::cout << "    " << f.rejected
              << " inputs refused by the engine, the first: " << f.rejection_note << "\n";
  }
}

void print_difference(const simulate::Figures& a, const simulate::Figures& b) {
  const auto delta = [](uint64_t from, uint64_t to) {
    return signed_text(static_cast<int64_t>(to) - static_cast<int64_t>(from));
  };
  std::cout << "  B minus A: " << delta(a.breaches, b.breaches) << " breaches, "
            << delta(a.escalations, b.escalations) << " escalations, "
            << delta(a.open_at_end, b.open_at_end) << " open at the end, score "
            << signed_text(b.rates.score() - a.rates.score()) << "\n";
}

Status write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Error{"write", "cannot write " + path};
  return ok_status();
}

class Simulation {
 public:
  explicit Simulation(const SimulateFlags& flags) : flags_(flags) {}

  int run() {
    if (int code = load(); code != 0) return code;
    simulate::Comparison comparison;
    auto a = run_side(sides_[0]);
    if (!a) return fail(a.error().message);
    comparison.a = std::move(*a);
    if (sides_.size() > 1) {
      auto b = run_side(sides_[1]);
      if (!b) return fail(b.error().message);
      comparison.b.push_back(std::move(*b));
    }
    return report(comparison);
  }

 private:
  static int fail(const std::string& message) {
    std::cerr << "caseflow simulate: " << message << "\n";
    return kProblems;
  }

  // Reads and checks every input; prints every problem. 0 when the runs may start.
  int load() {
    Diagnostics problems;
    auto config = load_engine_config(flags_.config, problems);
    if (!config) return print(problems);
    if (!config->boundaries.empty() && !fs::exists(config->boundaries)) {
      return fail(missing_boundaries(config->boundaries, config->file));
    }
    if (!config->compounds.empty() && !fs::exists(config->compounds)) {
      return fail(missing_compounds(config->compounds, config->file));
    }

    const auto load_text = read_text(flags_.load);
    if (!load_text) return usage("cannot read the load file " + flags_.load + " (--load)");
    std::optional<std::string> replay_text;
    if (!flags_.replay.empty()) {
      replay_text = read_text(flags_.replay);
      if (!replay_text)
        return usage("cannot read the replay file " + flags_.replay + " (--replay)");
    }
    if (!flags_.against.empty() && !fs::exists(flags_.against)) {
      return usage("--against " + flags_.against + ": no such file or folder");
    }

    model_ = simulate::load_load_model(flags_.load, *load_text, problems);

    runtime::EngineSetupOptions options;
    options.workflows = config->workflows;
    options.calendars = config->calendars;
    options.units = config->units;
    options.boundaries = config->boundaries;
    options.compounds = config->compounds;
    options.topic_prefix = config->kafka.topic_prefix;
    add_side(shown(config->workflows), options, problems);
    if (!flags_.against.empty()) {
      options.workflows = {flags_.against};
      add_side(shown(fs::path(flags_.against)), options, problems);
    }

    if (model_) {
      for (const auto& side : sides_) check_categories(*model_, *load_text, side, problems);
      if (!sides_.empty()) check_places(*model_, *load_text, *sides_.front().setup, problems);
    }
    if (replay_text) replay_ = simulate::read_replay(flags_.replay, *replay_text, problems);
    if (!problems.empty()) return print(problems);

    grids_ = city_grids(sides_.front().setup->directory);
    if (grids_.empty() && model_->hot_spots.empty() && !replay_) {
      return fail("the config (" + config->file.string() +
                  ") names no grid boundaries, so there are no grids to draw reports from: set "
                  "`boundaries`, or give recorded arrivals with --replay");
    }
    return 0;
  }

  void add_side(std::string label, const runtime::EngineSetupOptions& options,
                Diagnostics& problems) {
    auto setup = runtime::load_engine_setup(options, problems);
    if (setup) sides_.push_back({std::move(label), std::move(*setup)});
  }

  static int print(const Diagnostics& problems) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    std::cerr << problems.size() << (problems.size() == 1 ? " problem" : " problems")
              << " found; nothing was simulated\n";
    return kProblems;
  }

  static int usage(const std::string& message) {
    std::cerr << "caseflow simulate: " << message << "\n";
    return kUsage;
  }

  Result<simulate::Figures> run_side(const Side& side) {
    simulate::World world;
    world.router = side.setup->router;
    world.calendars = side.setup->calendars;
    world.directory = side.setup->directory;
    world.grids = grids_;

    simulate::RunOptions options;
    options.from = *LocalDate::parse(flags_.from);  // checked when the flags were parsed
    options.days = flags_.days;
    options.seed = flags_.seed;
    options.label = side.label;
    if (replay_) options.replay = &replay_->arrivals;
    WeeklyProgress progress(side.label, flags_.days);
    options.on_day = [&progress](const simulate::DayFigures& d) { progress.day(d); };

    const auto started = std::chrono::steady_clock::now();
    auto figures = simulate::run(world, *model_, options);
    if (!figures) {
      return Error{figures.error().code, side.label + ": " + figures.error().message};
    }
    figures->wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return figures;
  }

  int report(const simulate::Comparison& comparison) {
    if (auto written = write_file(flags_.out, simulate::report_html(comparison)); !written) {
      return fail(written.error().message);
    }
    if (!flags_.json.empty()) {
      if (auto written = write_file(flags_.json, simulate::report_json(comparison)); !written) {
        return fail(written.error().message);
      }
    }
    std::cout << "caseflow simulate: " << flags_.days << " days from " << flags_.from << ", seed "
              << flags_.seed << ", "
              << (replay_ ? "arrivals replayed from " + flags_.replay : "load " + flags_.load)
              << "\n";
    if (replay_) {
      std::cout << "  replay: " << replay_->arrivals.size() << " reports read ("
                << simulate::to_string(replay_->format) << ")";
      for (const auto& [type, count] : replay_->skipped) std::cout << ", " << count << " " << type;
      std::cout << (replay_->skipped.empty() ? "" : " skipped") << "\n";
    }
    print_summary_line("A", comparison.a);
    for (const auto& b : comparison.b) {
      print_summary_line("B", b);
      print_difference(comparison.a, b);
    }
    std::cout << "report: " << flags_.out << "\n";
    if (!flags_.json.empty()) std::cout << "json: " << flags_.json << "\n";
    return 0;
  }

  const SimulateFlags& flags_;
  std::optional<simulate::LoadModel> model_;
  std::vector<Side> sides_;  // A, then B with --against
  std::optional<simulate::Replay> replay_;
  std::vector<std::string> grids_;
};

}  // namespace

void add_simulate_command(CLI::App& cli, CommandRunner& chosen) {
  auto flags = std::make_shared<SimulateFlags>();
  auto* cmd = cli.add_subcommand(
      "simulate",
      "Run the workflows on virtual time against a load model and write a report: how many "
      "cases breach and escalate, which units fall behind (docs/simulate.md). Exit 0 done, 1 "
      "problems in a file (FILE:LINE:COL, nothing written), 2 usage.");
  cmd->add_option("--config", flags->config,
                  "Engine config: workflows, calendars, units, boundaries (default: "
                  "config/caseflow.yaml)");
  cmd->add_option("--load", flags->load, "The load model (LOAD.yaml, docs/simulate.md)")
      ->required();
  cmd->add_option("--against", flags->against,
                  "Other workflows (file or folder) to run side by side with the config's, on "
                  "the same city, calendars, reports and seed");
  cmd->add_option("--from", flags->from, "First simulated day, YYYY-MM-DD (the load's calendar)")
      ->required()
      ->check([](const std::string& text) -> std::string {
        return LocalDate::parse(text) ? "" : "expected a date YYYY-MM-DD, got " + text;
      });
  cmd->add_option("--days", flags->days, "Simulated days, 1 to 400 (default 30)")
      ->check(CLI::Range(1, 400));
  cmd->add_option("--seed", flags->seed,
                  "Seed of every random draw: the same inputs and seed give the same report "
                  "(default 7)");
  cmd->add_option("--out", flags->out, "The report for people (HTML, one self-contained file)")
      ->required();
  cmd->add_option("--json", flags->json, "The report for machines (JSON)");
  cmd->add_option("--replay", flags->replay,
                  "Recorded arrivals instead of the load model's: a kcat dump of caseflow.events "
                  "(kcat -f '%T %k %s\\n') or CloudEvents as JSON lines");
  cmd->callback([&chosen, flags] { chosen = [flags] { return Simulation(*flags).run(); }; });
}

}  // namespace caseflow::app
