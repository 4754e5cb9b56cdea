// The unit directory (config/units.yaml): levels, naming patterns, departments and overrides.
#include "engine/geo/unit_loader.h"
#include "tests/fuzz/fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caseflow;
  Diagnostics problems;
  const geo::UnitDirectoryPtr units =
      geo::load_unit_directory("fuzz.yaml", fuzz::as_text(data, size), problems);
  fuzz::require((units != nullptr) == problems.empty(),
                "load_unit_directory returned a directory and problems, or neither");
  return 0;
}
