// The top-level fields that name a workflow: `workflow`, `version`, `title` and `calendar`.
// Private to engine/definition (a section reader of the workflow loader). Pure.
#pragma once

#include "engine/definition/workflow.h"
#include "engine/definition/workflow_loader.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {

// Reads them from the top-level mapping, in that order; a missing `title` takes the name.
// The calendar is checked against the context's calendars when it lists them.
void read_identity(MapFields& top, Workflow& wf, const LoadContext& context, Reporter& r);

}  // namespace caseflow::definition
