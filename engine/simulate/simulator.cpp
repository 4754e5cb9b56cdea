// simulate::run: the real Engine on virtual time. One loop merges three streams in time order —
// the arrivals, the agenda of units', residents' and the dispatcher's actions, and the engine's
// own clocks (next_due) — and closes each local day at its end. Before anything is applied at
// time t, the clocks due by t fire (in batches, as the runtime does), so consequences come in
// the order they would in production.
#include "engine/simulate/simulator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <unordered_map>

#include "engine/core/engine.h"
#include "engine/core/stop_point.h"
#include "engine/definition/workflow_loader.h"
#include "engine/simulate/agenda.h"
#include "engine/simulate/arrivals.h"
#include "engine/simulate/random.h"
#include "engine/simulate/tally.h"
#include "engine/simulate/units.h"
#include "engine/simulate/work_time.h"

namespace caseflow::simulate {
namespace {

constexpr uint64_t kCaseSalt = 0x63617365'73747265ULL;  // "casestre"
constexpr uint32_t kNoCase = UINT32_MAX;

// Appends `n` in decimal with at least six digits ("000042"), as arrivals.cpp writes them.
void append_number(std::string& out, uint64_t n) {
  std::array<char, 20> digits{};
  size_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  for (size_t pad = count; pad < 6; ++pad) out.push_back('0');
  while (count > 0) out.push_back(digits[--count]);
}

// Case ids and arrival numbers, both ways. Generated ids ("S-20261101-000001") are read and
// written arithmetically (no string kept per case); replayed ids are kept, with a map back.
class CaseNumbers {
 public:
  CaseNumbers(LocalDate from, int days, bool generated)
      : from_(from), generated_(generated), day_first_(static_cast<size_t>(days), kNoCase) {}

  void add(const std::string& id, uint32_t n) {
    if (!generated_) {
      by_id_.emplace(id, n);
      ids_.push_back(id);
      return;
    }
    const auto [day, number] = parse(id);
    if (day >= 0 && number == 1) {
      day_first_[static_cast<size_t>(day)] = n;
      starts_.push_back({n, day, id.substr(0, 11)});
    }
  }

  uint32_t find(std::string_view id) const {
    if (!generated_) {
      auto it = by_id_.find(std::string(id));
      return it == by_id_.end() ? kNoCase : it->second;
    }
    const auto [day, number] = parse(id);
    if (day < 0 || number < 1 || day_first_[static_cast<size_t>(day)] == kNoCase) return kNoCase;
    return day_first_[static_cast<size_t>(day)] + static_cast<uint32_t>(number - 1);
  }

  // The id of case `n`; valid until the next call.
  const std::string& id(uint32_t n) {
    if (!generated_) return ids_[n];
    auto it = std::upper_bound(starts_.begin(), starts_.end(), n,
                               [](uint32_t x, const DayStart& d) { return x < d.first; });
    if (it == starts_.begin()) return buffer_.assign("");  // not ours: cannot happen
    --it;
    buffer_.assign(it->prefix);
    append_number(buffer_, n - it->first + 1);
    return buffer_;
  }

 private:
  struct DayStart {
    uint32_t first = 0;  // arrival number of the day's first case
    int day = 0;
    std::string prefix;  // "S-20261101-"
  };
  // {day index, number within the day}; {-1, 0} if `id` is not one of ours.
  std::pair<int, uint64_t> parse(std::string_view id) const {
    if (id.size() < 17 || id.substr(0, 2) != "S-" || id[10] != '-') return {-1, 0};
    int y = 0, m = 0, d = 0;
    uint64_t number = 0;
    const char* p = id.data();
    if (std::from_chars(p + 2, p + 6, y).ptr != p + 6 ||
        std::from_chars(p + 6, p + 8, m).ptr != p + 8 ||
        std::from_chars(p + 8, p + 10, d).ptr != p + 10 ||
        std::from_chars(p + 11, p + id.size(), number).ptr != p + id.size())
      return {-1, 0};
    const std::optional<LocalDate> date = LocalDate::from_ymd(y, m, d);
    if (!date) return {-1, 0};
    const int day = *date - from_;
    if (day < 0 || static_cast<size_t>(day) >= day_first_.size()) return {-1, 0};
    return {day, number};
  }

  LocalDate from_;
  bool generated_;
  std::vector<uint32_t> day_first_;
  std::vector<DayStart> starts_;
  std::string buffer_;
  std::unordered_map<std::string, uint32_t> by_id_;
  std::vector<std::string> ids_;
};

// A record's case: its CloudEvents id is "<case id>-<sequence>".
std::string_view case_of(const core::Record& r) {
  const size_t dash = r.id.rfind('-');
  return dash == std::string::npos ? std::string_view(r.id)
                                   : std::string_view(r.id).substr(0, dash);
}

class Simulation {
 public:
  Simulation(const World& world, const LoadModel& model, const RunOptions& options,
             const WorkingCalendar& calendar)
      : world_(world),
        model_(model),
        options_(options),
        work_(calendar, options.from, options.days),
        agenda_(work_.day_start(0), work_.day_start(std::max(options.days, 0))),
        units_(model, work_, agenda_),
        arrivals_(model, world.grids, work_, options.seed, options.replay),
        numbers_(options.from, options.days, options.replay == nullptr),
        engine_(engine_options(), world.router, world.calendars, world.directory),
        batch_(std::max<size_t>(options.timer_batch, 1)),
        solved_(model.revisit.solved),
        satisfaction_(model.revisit.satisfaction) {}

  Figures run();

 private:
  static core::EngineOptions engine_options() {
    core::EngineOptions o;
    o.encode = false;  // nobody reads the JSON: the simulator looks at types, keys and state
    o.changelog_bytes = false;
    o.metrics = false;
    return o;
  }

  void fire_due(Instant now);
  // `known`: the case every record is about (an apply for one case), or kNoCase (timers).
  void absorb(Instant now, uint32_t known = kNoCase);
  void on_dispatched(uint32_t c, const core::Record& r, Instant now);
  bool apply(uint32_t c, Instant now);  // action_ for case c; false when refused
  void report(Instant now);
  void act(const Action& a);
  void resolve(uint32_t c, Instant now);
  void assign(uint32_t c, Instant now);
  definition::Level level_of(const core::CaseState& c, std::string_view topic) const;
  bool may_return(const core::CaseState& c) const;
  uint32_t unit_of(const core::CaseState& c, const std::string& unit, definition::Level level);
  bool sign_on_time(const core::CaseState& c) const;
  void start_action(uint32_t c, events::EventType type);

  const World& world_;
  const LoadModel& model_;
  const RunOptions& options_;
  WorkTime work_;
  Agenda agenda_;
  Units units_;
  Tally tally_;
  Arrivals arrivals_;
  CaseNumbers numbers_;
  core::Engine engine_;
  core::Effects fx_;
  events::CaseEvent report_;
  events::CaseEvent action_;
  std::vector<Random> random_;  // each case's stream
  uint32_t case_count_ = 0;
  std::vector<uint32_t> unit_by_symbol_;  // the engine's unit symbols to unit indexes
  size_t batch_;
  WeightedPick solved_, satisfaction_;
  uint64_t events_ = 0, rejected_ = 0;
  std::string rejection_note_;
  core::Topics topics_ = core::Topics::with_prefix("caseflow");
};

void Simulation::fire_due(Instant now) {
  for (;;) {
    fx_.clear();
    const size_t fired = engine_.fire_due(now, batch_, fx_);
    events_ += fired;
    absorb(now);
    if (fired < batch_) return;
  }
}

definition::Level Simulation::level_of(const core::CaseState& c, std::string_view topic) const {
  const definition::Workflow* wf = engine_.workflow_of(c);
  if (!wf || wf->stages.empty()) return definition::Level::grid;
  if (c.stage < wf->stages.size() && wf->stages[c.stage].topic == topic)
    return wf->stages[c.stage].level;
  for (const auto& s : wf->stages)
    if (s.topic == topic) return s.level;
  return wf->stages[std::min<size_t>(c.stage, wf->stages.size() - 1)].level;
}

// The unit a dispatch names. Usually the case's lead unit: then the engine's symbol finds it
// without hashing the name (a cascade of escalations in one batch names earlier units too).
uint32_t Simulation::unit_of(const core::CaseState& c, const std::string& unit,
                             definition::Level level) {
  if (c.lead_unit.empty() || engine_.text(c.lead_unit) != unit)
    return units_.unit_index(unit, level);
  const uint32_t symbol = c.lead_unit.index;
  if (symbol >= unit_by_symbol_.size()) unit_by_symbol_.resize(symbol + 1024, kNoUnit);
  if (unit_by_symbol_[symbol] == kNoUnit) unit_by_symbol_[symbol] = units_.unit_index(unit, level);
  return unit_by_symbol_[symbol];
}

bool Simulation::may_return(const core::CaseState& c) const {
  return c.status == core::Status::dispatched && (c.flags & core::CaseState::kForcedOwner) == 0;
}

bool Simulation::sign_on_time(const core::CaseState& c) const {
  const definition::Workflow* wf = engine_.workflow_of(c);
  if (!wf) return true;
  return std::none_of(c.clocks.begin(), c.clocks.end(), [&](const core::Clock& k) {
    if (k.owner != core::Clock::kLead || k.kind != core::ClockKind::stage || !k.breached())
      return false;
    if (k.stage >= wf->stages.size() || k.def >= wf->stages[k.stage].clocks.size()) return false;
    return core::stop_point(wf->stages[k.stage].clocks[k.def]) == core::StopPoint::sign;
  });
}

void Simulation::on_dispatched(uint32_t c, const core::Record& r, Instant now) {
  const core::CaseState* state = engine_.find(numbers_.id(c));
  if (!state) return;
  const definition::Level level = level_of(*state, r.topic);
  tally_.dispatched(c, level);
  units_.dispatched(c, unit_of(*state, r.key, level), level, may_return(*state), now, random_[c]);
}

void Simulation::absorb(Instant now, uint32_t known) {
  for (const core::Rejection& r : fx_.rejections) {
    ++rejected_;
    if (rejection_note_.empty()) rejection_note_ = r.reason + ": " + r.message;
  }
  for (const core::Record& r : fx_.records) {
    using core::OutType;
    if (r.type == OutType::updated || r.type == OutType::supervised ||
        r.type == OutType::reassigned)
      continue;
    const uint32_t c = known != kNoCase ? known : numbers_.find(case_of(r));
    if (c == kNoCase) continue;
    switch (r.type) {
      case OutType::dispatched:
        on_dispatched(c, r, now);
        break;
      case OutType::unrouted:
        tally_.queued_for_dispatcher(c);
        units_.left(c, now);
        agenda_.push(now + Duration::millis(static_cast<int64_t>(
                               random_[c].hours(model_.dispatcher_delay) * 3'600'000.0)),
                     ActionKind::assign, c, units_.generation(c));
        break;
      case OutType::sla_warning:
        if (r.topic == topics_.alerts) tally_.warning(c);
        break;
      case OutType::sla_breached:
        if (r.topic == topics_.alerts) tally_.breach(c);
        break;
      case OutType::escalated:
        if (r.topic == topics_.alerts) tally_.escalation(c);
        break;
      case OutType::closed:
        if (r.topic == topics_.updates) {
          tally_.closed(c);
          units_.left(c, now);
        }
        break;
      default:
        break;
    }
  }
}

void Simulation::start_action(uint32_t c, events::EventType type) {
  action_.type = type;
  action_.case_id = numbers_.id(c);
  action_.event_id.clear();
  action_.unit.clear();
}

bool Simulation::apply(uint32_t c, Instant now) {
  fx_.clear();
  engine_.apply(action_, now, fx_);
  ++events_;
  const bool accepted = fx_.rejections.empty();
  absorb(now, c);
  return accepted;
}

void Simulation::report(Instant now) {
  arrivals_.take(report_);
  const uint32_t c = case_count_++;
  numbers_.add(report_.case_id, c);
  random_.push_back(Random::stream(options_.seed, c + 1, kCaseSalt));
  units_.add_case();
  fx_.clear();
  engine_.apply(report_, now, fx_);
  ++events_;
  const core::CaseState* state = engine_.find(report_.case_id);
  tally_.reported(state ? engine_.text(state->street) : std::string_view(), now);
  absorb(now, c);
}

void Simulation::resolve(uint32_t c, Instant now) {
  const uint32_t u = units_.holder(c);
  if (u == kNoUnit) return;
  start_action(c, events::EventType::resolved);
  action_.unit = units_.unit(u).id;
  if (!apply(c, now)) return;
  tally_.resolved(c, now);
  units_.left(c, now);
  Random& random = random_[c];
  if (!random.chance(model_.revisit.p_rated)) return;
  const auto delay = static_cast<int64_t>(random.hours(model_.revisit.delay) * 3'600'000.0);
  agenda_.push(now + Duration::millis(delay), ActionKind::rate, c, units_.generation(c));
}

// The dispatcher gives a waiting case to the unit its place has at the case's stage (for a
// report, the workflow's first stage). A case with no workflow, no place or no such unit stays
// in the queue: the dispatcher has nobody to give it to.
void Simulation::assign(uint32_t c, Instant now) {
  const core::CaseState* state = engine_.find(numbers_.id(c));
  if (!state || state->status != core::Status::received) return;
  const definition::Workflow* wf = engine_.workflow_of(*state);
  if (!wf || state->stage >= wf->stages.size()) return;
  const definition::StageDef& stage = wf->stages[state->stage];
  std::optional<std::string> unit;
  if (stage.level == definition::Level::department) {
    unit = world_.directory ? world_.directory->department_unit(stage.department)
                            : std::optional(stage.department);
  } else if (!state->grid.empty()) {
    const geo::Place place{
        std::string(engine_.text(state->grid)), std::string(engine_.text(state->community)),
        std::string(engine_.text(state->street)), std::string(engine_.text(state->district))};
    if (world_.directory) {
      unit = world_.directory->unit_for(stage.level, place);
    } else if (stage.level == definition::Level::grid) {
      unit = place.grid_id;
    }
  }
  if (!unit || unit->empty()) return;
  const uint64_t dispatches_before = tally_.dispatches_of(c);
  start_action(c, events::EventType::assigned);
  action_.unit = *unit;
  if (!apply(c, now)) return;
  // Given back to the unit that returned it, the case resumes its clocks with no new work order
  // (docs/engine.md "Returns"): for the unit it is a dispatch all the same.
  if (tally_.dispatches_of(c) != dispatches_before) return;
  state = engine_.find(numbers_.id(c));
  if (!state || state->status != core::Status::dispatched) return;
  tally_.dispatched(c, stage.level);
  units_.dispatched(c, units_.unit_index(*unit, stage.level), stage.level, may_return(*state), now,
                    random_[c]);
}

void Simulation::act(const Action& a) {
  const Instant now = a.at;
  if (a.kind == ActionKind::turn) {
    const uint32_t c = units_.turn(a.case_index, a.generation, now);
    if (c != Units::kNoCase) resolve(c, now);
    return;
  }
  const uint32_t c = a.case_index;
  if (!units_.current(c, a.generation)) return;  // the case moved since this was planned
  switch (a.kind) {
    case ActionKind::sign: {
      const core::CaseState* state = engine_.find(numbers_.id(c));
      if (!state) return;
      const bool on_time = sign_on_time(*state);
      start_action(c, events::EventType::signed_for);
      action_.unit = units_.unit(units_.holder(c)).id;
      if (apply(c, now)) {
        tally_.signed_for(c, on_time);
        units_.signed_for(c, now, random_[c]);
      }
      return;
    }
    case ActionKind::give_back:
      start_action(c, events::EventType::returned);
      action_.unit = units_.unit(units_.holder(c)).id;
      action_.reason = "not ours";
      apply(c, now);
      action_.reason.clear();
      return;
    case ActionKind::contact:
      start_action(c, events::EventType::contacted);
      action_.unit = units_.unit(units_.holder(c)).id;
      if (apply(c, now)) units_.contacted(c, now, random_[c]);
      return;
    case ActionKind::resolve:
      resolve(c, now);
      return;
    case ActionKind::rate: {
      if (!tally_.awaiting_rating(c)) return;
      Random& random = random_[c];
      static constexpr events::Solved kSolved[] = {events::Solved::solved, events::Solved::partly,
                                                   events::Solved::not_solved};
      static constexpr events::Satisfaction kSatisfied[] = {events::Satisfaction::satisfied,
                                                            events::Satisfaction::basically,
                                                            events::Satisfaction::unsatisfied};
      start_action(c, events::EventType::rated);
      action_.solved = kSolved[solved_.pick(random)];
      action_.satisfaction = kSatisfied[satisfaction_.pick(random)];
      if (!apply(c, now)) return;
      const core::CaseState* state = engine_.find(numbers_.id(c));
      if (state && core::is_terminal(state->status))
        tally_.rated_final(c, action_.solved, action_.satisfaction);
      return;
    }
    case ActionKind::assign:
      assign(c, now);
      return;
    case ActionKind::turn:
      return;
  }
}

Figures Simulation::run() {
  const int days = std::max(options_.days, 0);
  const int week_start = std::max(0, days - 7);
  for (int day = 0; day < days; ++day) {
    if (day == week_start) units_.mark_week_start();
    tally_.begin_day(work_.date(day).to_string());
    const Instant end = work_.day_start(day + 1);
    for (;;) {
      const Instant next_arrival = arrivals_.next_at();
      const Instant next_action = agenda_.next_at();
      const Instant next_clock = engine_.next_due().value_or(Instant::max());
      const Instant t = std::min({next_arrival, next_action, next_clock});
      if (t >= end) break;
      if (next_clock <= t) fire_due(t);
      if (next_arrival == t) {
        report(t);
      } else if (next_action == t) {
        act(agenda_.pop());
      }
    }
    fire_due(end - Duration::millis(1));
    const DayFigures& figures = tally_.end_day();
    if (options_.on_day) options_.on_day(figures);
  }

  Figures out;
  out.label = options_.label;
  out.from = options_.from.to_string();
  out.days = days;
  out.seed = options_.seed;
  tally_.fill(out);
  out.events = events_;
  out.rejected = rejected_;
  out.rejection_note = rejection_note_;
  std::vector<const Unit*> growing;
  for (const Unit& u : units_.all())
    if (u.signed_unfinished > u.at_week_start) growing.push_back(&u);
  std::sort(growing.begin(), growing.end(), [](const Unit* a, const Unit* b) {
    const uint64_t ga = a->signed_unfinished - a->at_week_start;
    const uint64_t gb = b->signed_unfinished - b->at_week_start;
    return ga != gb ? ga > gb : a->id < b->id;
  });
  if (growing.size() > 20) growing.resize(20);
  for (const Unit* u : growing)
    out.growing_queues.push_back({u->id, std::string(definition::to_string(u->level)),
                                  u->at_week_start, u->signed_unfinished, u->capacity_per_day});
  return out;
}

}  // namespace

Result<Figures> run(const World& world, const LoadModel& model, const RunOptions& options) {
  if (!world.router || !world.calendars)
    return Error{"no_world", "the simulation needs workflows and calendars"};
  const CalendarPtr calendar = world.calendars->find(model.calendar);
  if (!calendar)
    return Error{"unknown_calendar", "the load model's calendar " + model.calendar +
                                         " is not among the configured calendars"};
  if (!options.replay && world.grids.empty() && model.hot_spots.empty())
    return Error{"no_grids", "there are no grids to draw reports from (and no --replay)"};
  Simulation simulation(world, model, options, *calendar);
  return simulation.run();
}

}  // namespace caseflow::simulate
