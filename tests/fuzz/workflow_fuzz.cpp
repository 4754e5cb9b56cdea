// A workflow file as an admin might write it (workflows/*.yaml), through the bounded YAML reader
// and every rule of the language; a file that loads then goes into a catalog, as `caseflow
// validate` and a reload do.
#include "engine/definition/catalog.h"
#include "engine/definition/workflow_loader.h"
#include "tests/fuzz/fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caseflow;
  definition::LoadContext context;
  context.calendars.emplace();
  context.calendars->insert({"cn-mainland", "always"});
  context.departments = {"transport", "housing", "public_security", "environment"};
  Diagnostics problems;
  const definition::WorkflowPtr workflow =
      definition::load_workflow("fuzz.yaml", fuzz::as_text(data, size), context, problems);
  fuzz::require((workflow != nullptr) == problems.empty(),
                "load_workflow returned a workflow and problems, or neither");
  if (workflow) {
    Diagnostics catalog_problems;
    (void)definition::Catalog::build({workflow}, catalog_problems);
  }
  return 0;
}
