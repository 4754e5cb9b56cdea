#include "connectors/archive/archive_store.h"

#include "connectors/archive/sqlite/sqlite_archive.h"
#ifdef CASEFLOW_ARCHIVE_POSTGRES
#include "connectors/archive/postgres/postgres_store.h"
#endif

namespace caseflow::archive {

Result<ArchiveStorePtr> open_archive(const ArchiveLocation& where) {
  if (!where.url.empty()) {
    // The URL is not repeated: it may carry a password.
#ifdef CASEFLOW_ARCHIVE_POSTGRES
    if (where.url.starts_with("postgresql://") || where.url.starts_with("postgres://")) {
      return open_postgres_archive(where.url);
    }
    return Error{"archive_open",
                 "archive.url is not a PostgreSQL URL: it starts postgresql://user@host:5432/db"};
#else
    return Error{"archive_open",
                 "cannot open the archive at archive.url: PostgreSQL support is not built in"};
#endif
  }
  return open_sqlite_archive(where.path);
}

}  // namespace caseflow::archive
