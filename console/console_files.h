// The console's files (console/web), embedded in the binary at build time by
// console/embed_files.cmake; `caseflow run` serves them at /console/ (docs/console.md).
#pragma once

#include <span>

#include "connectors/http/static_files.h"

namespace caseflow::console {

// Every file under console/web, by its path relative to that folder ("index.html", "app.js").
std::span<const http::StaticFile> files();

}  // namespace caseflow::console
