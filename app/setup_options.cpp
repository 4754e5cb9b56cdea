#include "app/setup_options.h"

namespace caseflow::app {

runtime::EngineSetupOptions setup_options(const EngineConfig& config) {
  runtime::EngineSetupOptions o;
  o.workflows = config.workflows;
  o.calendars = config.calendars;
  o.units = config.units;
  o.boundaries = config.boundaries;
  o.compounds = config.compounds;
  o.topic_prefix = config.kafka.topic_prefix;
  o.retain_closed_for = config.retention.closed_for;
  if (config.dispatcher_queue.limit)
    o.dispatcher_queue = core::QueueClockPolicy{*config.dispatcher_queue.limit,
                                                config.dispatcher_queue.warn_at_percent};
  return o;
}

}  // namespace caseflow::app
