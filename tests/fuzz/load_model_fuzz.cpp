// The load model of `caseflow simulate` (LOAD.yaml), through the bounded YAML reader.
#include "engine/simulate/load_model_loader.h"
#include "tests/fuzz/fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caseflow;
  Diagnostics problems;
  const std::optional<simulate::LoadModel> model =
      simulate::load_load_model("fuzz.yaml", fuzz::as_text(data, size), problems);
  fuzz::require(model.has_value() == problems.empty(),
                "load_load_model returned a model and problems, or neither");
  return 0;
}
