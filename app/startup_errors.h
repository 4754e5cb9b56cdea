// The one-line errors of a first hour with caseflow: each says what is wrong, which config key
// (in which file) to change, and how, so nobody has to read the source to get going.
#pragma once

#include <filesystem>
#include <string>

#include "engine/common/result.h"

namespace caseflow::app {

// A listener that could not be opened: `key` is the config key naming the address
// ("kafka.embedded_listen", "http.listen"). Says when the port is taken by someone else.
std::string listen_failure(const Error& error, const std::string& key,
                           const std::filesystem::path& config_file);

// The grid boundaries file named by `boundaries` does not exist.
std::string missing_boundaries(const std::filesystem::path& boundaries,
                               const std::filesystem::path& config_file);

// The residential compounds file named by `compounds` does not exist.
std::string missing_compounds(const std::filesystem::path& compounds,
                              const std::filesystem::path& config_file);

}  // namespace caseflow::app
