// Versioned archive schemas: each backend ships its schema as files v1.sql, v2.sql, ... (embedded
// in the binary by caseflow_archive_schema() in CMake) and records the versions applied in a
// `schema_version` table. At open, the missing versions are applied in order, each in a
// transaction of its own, so a crash between two leaves the database at a version it can resume
// from. A database newer than the binary is refused: this binary cannot know what changed.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "engine/common/result.h"

namespace caseflow::archive {

struct Migration {
  int version = 0;
  std::string_view sql;  // one or more statements
};

// What the runner needs of a database connection. Each step answers archive_migrate on failure.
struct MigrationSteps {
  // Starts a transaction that excludes other writers (so two processes opening the same database
  // at once apply each migration once).
  std::function<Status()> begin;
  // The highest version recorded, 0 for a database without the table; read inside the transaction.
  std::function<Result<int>()> current_version;
  // Runs the migration's statements and records its version.
  std::function<Status(const Migration&)> apply;
  std::function<Status()> commit;
  std::function<void()> rollback;
};

// The last version of `all` (0 when empty).
int latest_version(std::span<const Migration> all);

// Brings the database to `target` (0 = the latest of `all`) and returns the version it is at.
// Errors: archive_migrate (a step failed, or `all` is not 1, 2, ... in order; the message names
// `where` and the version), archive_too_new (the database is past the latest version of `all`).
Result<int> migrate(const MigrationSteps& steps, std::span<const Migration> all,
                    std::string_view where, int target = 0);

}  // namespace caseflow::archive
