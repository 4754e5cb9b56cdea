// Parts of GET /api/v1/workflows: a version's stages as a page draws them (each stage with its
// clocks, and whether a breach moves the case on), and the latest reload's outcome with its
// problems as FILE:LINE:COL lines. Pure; thread-safe.
#pragma once

#include <optional>

#include "connectors/http/reload.h"
#include "engine/definition/workflow.h"
#include "engine/events/json_writer.h"

namespace caseflow::http {

// "stages": [{name, level, department, clocks: [{name, starts_at, limit, warn_at_percent,
// escalate, supervise}], max_returns}] as the value of the current key.
void write_stages(events::JsonWriter& w, const definition::Workflow& wf);

// {at, reloaded, message, diagnostics: [FILE:LINE:COL...], workflows: [...]} or null.
void write_last_reload(events::JsonWriter& w, const std::optional<ReloadRecord>& last);

}  // namespace caseflow::http
