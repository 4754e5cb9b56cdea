// A problem found in a file an admin wrote, located the way compilers do: FILE:LINE:COL.
#pragma once

#include <string>
#include <vector>

namespace caseflow {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is about the whole file
  int column = 0;  // 1-based; 0 when unknown
  std::string message;

  // "FILE:LINE:COL: error: MESSAGE", as gcc prints it.
  std::string to_string() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message;
  }
};

using Diagnostics = std::vector<Diagnostic>;

// Every problem as Diagnostic::to_string() gives it, each on its own line.
inline std::string to_lines(const Diagnostics& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

}  // namespace caseflow
