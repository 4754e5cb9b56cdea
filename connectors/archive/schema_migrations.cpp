#include "connectors/archive/schema_migrations.h"

#include <string>

namespace caseflow::archive {
namespace {

Status check_order(std::span<const Migration> all, std::string_view where) {
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].version != static_cast<int>(i + 1)) {
      return Error{"archive_migrate", std::string(where) +
                                          ": the schema files are not v1, v2, ... "
                                          "in order (found v" +
                                          std::to_string(all[i].version) + " at place " +
                                          std::to_string(i + 1) + ")"};
    }
  }
  return ok_status();
}

}  // namespace

int latest_version(std::span<const Migration> all) { return all.empty() ? 0 : all.back().version; }

Result<int> migrate(const MigrationSteps& steps, std::span<const Migration> all,
                    std::string_view where, int target) {
  if (auto ordered = check_order(all, where); !ordered) return ordered.error();
  const int latest = latest_version(all);
  if (target <= 0 || target > latest) target = latest;
  for (;;) {
    if (auto began = steps.begin(); !began) return began.error();
    auto current = steps.current_version();
    if (!current) {
      steps.rollback();
      return current.error();
    }
    if (*current > latest) {
      steps.rollback();
      return Error{"archive_too_new",
                   std::string(where) + " has schema version " + std::to_string(*current) +
                       ", newer than the " + std::to_string(latest) +
                       " this caseflow knows: run a caseflow at least as new as the one that "
                       "wrote it"};
    }
    if (*current >= target) {
      steps.rollback();  // nothing was written
      return *current;
    }
    const Migration& next = all[static_cast<size_t>(*current)];
    if (auto applied = steps.apply(next); !applied) {
      steps.rollback();
      return applied.error();
    }
    if (auto committed = steps.commit(); !committed) {
      steps.rollback();
      return committed.error();
    }
  }
}

}  // namespace caseflow::archive
