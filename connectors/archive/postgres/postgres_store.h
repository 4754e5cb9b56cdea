// The archive in PostgreSQL through libpq: one connection per store, the schema in
// connectors/archive/postgres/schema/vN.sql applied at open under an advisory lock, a batch as
// one transaction of two statements whatever its size (columns travel as arrays).
#pragma once

#include <span>
#include <string_view>

#include "connectors/archive/archive_store.h"
#include "connectors/archive/schema_migrations.h"
#include "engine/common/result.h"

namespace caseflow::archive {

// The schema files, in version order (generated from schema/).
std::span<const Migration> postgres_migrations();

// Connects to `url` (postgresql://user:pass@host:port/db) and migrates to `target_version`
// (0 = the latest; tests stop early to check upgrades). Errors as open_archive(). The role
// needs CREATE on the database's public schema the first time (it creates the tables).
Result<ArchiveStorePtr> open_postgres_archive(std::string_view url, int target_version = 0);

}  // namespace caseflow::archive
