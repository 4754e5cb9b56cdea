// One libpq connection, as errors-as-values calls: connect, run a statement (plain or prepared)
// and hand back an owned result. A connection the server dropped is noticed on the failing call
// (archive_unavailable) and made again by the next ensure_connected().
//
// Thread rules: one PgConnection is one session; use it from one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"

namespace caseflow::archive::postgres {

struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};

// Parameters as libpq takes them in text form; nullopt is SQL NULL.
using PgParams = std::vector<std::optional<std::string>>;

class PgConnection {
 public:
  // Connects to `url` (postgresql://user:pass@host:port/db?...). Errors: archive_open, with
  // where (never the password) and the server's or libpq's reason.
  static Result<std::unique_ptr<PgConnection>> connect(std::string_view url);

  // Reconnects when the server dropped the session. Errors: archive_unavailable.
  Status ensure_connected();

  // One statement (or several separated by ';' when there are no parameters). `code` names the
  // error when the server refuses it; a dropped connection is archive_unavailable instead.
  Result<PgResult> exec(std::string_view sql, std::string_view code);
  Result<PgResult> exec(std::string_view sql, const PgParams& params, std::string_view code);
  // A statement prepared once per session under `name` and then executed by name.
  Result<PgResult> exec_prepared(const std::string& name, std::string_view sql,
                                 const PgParams& params, std::string_view code);

  // "PostgreSQL at host:port/db as user", for messages.
  const std::string& where() const { return where_; }

 private:
  PgConnection(std::string url, std::string where)
      : url_(std::move(url)), where_(std::move(where)) {}
  Status open(std::string_view code);
  Result<PgResult> check(PGresult* raw, std::string_view code);

  std::string url_;
  std::string where_;
  std::unique_ptr<PGconn, PgConnDeleter> conn_;
  std::set<std::string> prepared_;  // statement names prepared in the current session
};

}  // namespace caseflow::archive::postgres
