// The repository's root, for tests that read its files (tests/CMakeLists.txt defines
// CASEFLOW_SOURCE_DIR for every test). One definition, so files built together share it.
#pragma once

#include <filesystem>

namespace caseflow::testing {

inline const std::filesystem::path kSourceRoot = CASEFLOW_SOURCE_DIR;

}  // namespace caseflow::testing
