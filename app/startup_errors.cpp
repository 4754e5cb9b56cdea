#include "app/startup_errors.h"

namespace caseflow::app {

std::string listen_failure(const Error& error, const std::string& key,
                           const std::filesystem::path& config_file) {
  if (error.code == "address_in_use") {
    std::string hint = key == "kafka.embedded_listen" ? " (\"\" turns the fixed address off)" : "";
    return error.message + " — is another caseflow or a Kafka broker running? Stop it, or set " +
           key + " in " + config_file.string() + " to a free address" + hint;
  }
  return error.message + " (" + key + " in " + config_file.string() + ")";
}

std::string missing_boundaries(const std::filesystem::path& boundaries,
                               const std::filesystem::path& config_file) {
  return "the city's grid boundaries (GeoJSON) are not at " + boundaries.string() +
         " (config key `boundaries` in " + config_file.string() +
         "). For the sample city, build them: cmake --preset release && cmake --build --preset "
         "release --target caseflow_city (scripts/run.sh does this); for your own city, point "
         "`boundaries` at its GeoJSON (docs/geography.md)";
}

std::string missing_compounds(const std::filesystem::path& compounds,
                              const std::filesystem::path& config_file) {
  return "the city's residential compounds (GeoJSON) are not at " + compounds.string() +
         " (config key `compounds` in " + config_file.string() +
         "). For the sample city, build them with the grids: cmake --preset release && cmake "
         "--build --preset release --target caseflow_city (scripts/run.sh does this); for your "
         "own city, point `compounds` at its GeoJSON, or remove the key (docs/geography.md)";
}

}  // namespace caseflow::app
