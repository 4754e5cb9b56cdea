// A case's state as the changelog topic holds it: the engine restores every record of its
// partitions at start-up, from a topic it does not own alone. Whatever the bytes, the engine must
// not crash restoring them, nor afterwards while it runs the case (clocks firing, units
// answering). A state it accepts must also survive its own round trip: what it writes of the
// case, it reads back, and writes again byte for byte.
//
// The engine is the one the codec's unit tests and checked-in changelog files use
// (engine_fixture.h: the parking@1 workflow and a fake city), so those files restore here.
#include "engine/core/engine.h"
#include "tests/fuzz/fuzz_text.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace {

using namespace caseflow;
using core::testing::FakeDirectory;
using events::EventType;

// What units and the dispatcher could send the restored case next.
void answer(core::Engine& engine, const std::string& id, Instant now) {
  const core::CaseState* state = engine.find(id);
  if (!state) return;
  const std::string lead(engine.text(state->lead_unit));
  for (EventType type : {EventType::signed_for, EventType::progress, EventType::returned,
                         EventType::extension_requested, EventType::assist_requested,
                         EventType::resolved, EventType::rated, EventType::withdrawn}) {
    events::CaseEvent e = core::testing::event(type, id, lead);
    e.extend_by = "1d";
    e.department = "transport";
    e.solved = events::Solved::solved;
    e.satisfaction = events::Satisfaction::satisfied;
    (void)engine.apply(e, now);
    if (!engine.find(id)) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  core::Engine engine(core::EngineOptions{},
                      std::make_shared<core::SimpleRouter>(
                          std::vector<definition::WorkflowPtr>{core::testing::parking_workflow()}),
                      std::make_shared<core::MapCalendarRegistry>(),
                      std::make_shared<FakeDirectory>());
  const Result<std::string> restored = engine.restore_case(fuzz::as_text(data, size));
  if (!restored) return 0;
  const std::string id = *restored;

  // The round trip. Only the engine's own output is held to it: a hand-made record may use an
  // older format, which the engine rewrites in its current one.
  const std::string written = engine.serialize_case(id);
  fuzz::require(!written.empty(), "a restored case cannot be written");
  const Result<std::string> again = engine.restore_case(written);
  fuzz::require(again.ok(), again.ok() ? "" : again.error().message);
  fuzz::require(engine.serialize_case(id) == written, "a case's bytes change on a round trip");

  (void)engine.check_invariants();
  (void)engine.view(id);
  Instant now = core::testing::at("2026-03-02T09:00:00+08:00");
  answer(engine, id, now);
  // A month of deadlines, a day at a time.
  core::Effects effects;
  for (int day = 0; day < 31; ++day) {
    now = now + Duration::days(1);
    while (engine.fire_due(now, 100, effects) == 100) effects.clear();
    effects.clear();
  }
  answer(engine, id, now);
  (void)engine.view(id);
  return 0;
}
