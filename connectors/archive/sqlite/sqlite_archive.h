// The archive in a SQLite file: the embedded default (docs/archive.md).
//
// Settings: WAL journal (readers never block the writer, nor it them), synchronous=NORMAL (a
// commit survives a crash of the process; an OS crash may lose the last commits, which the writer
// re-reads from Kafka because it commits offsets only after the database), a busy timeout so two
// connections wait for each other instead of failing. One SqliteArchive is one connection.
#pragma once

#include <span>
#include <string>

#include "connectors/archive/archive_store.h"
#include "connectors/archive/schema_migrations.h"

namespace caseflow::archive {

struct SqliteOptions {
  // The schema version to migrate to; 0 = the latest. Tests stop early to build an old database.
  int schema_version = 0;
  // How long a statement waits for another connection's write lock before failing.
  int busy_timeout_ms = 5000;
  // The connection's page cache. SQLite's default (2 MiB) makes every batch re-read the index
  // pages it touched in the batch before; memory is taken only as pages are read.
  int cache_kib = 64 * 1024;
};

// Opens `path` (creating the file and its folders when missing) and migrates it. Errors:
// archive_open (the message names the path and the reason: folder not creatable, file read-only,
// not a database), archive_migrate, archive_too_new.
Result<ArchiveStorePtr> open_sqlite_archive(const std::string& path,
                                            const SqliteOptions& options = {});

// The schema files schema/v1.sql, v2.sql, ... as embedded in the binary.
std::span<const Migration> sqlite_migrations();

}  // namespace caseflow::archive
