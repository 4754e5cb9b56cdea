// Owners of SQLite's C handles, and a prepared statement with typed binds and reads. A statement
// is prepared once and reset after each use, so the hot path never parses SQL.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/common/result.h"

namespace caseflow::archive::sqlite {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

// SQLite's own words for the last failure on `db`.
std::string last_error(sqlite3* db);

class Statement {
 public:
  Statement() = default;
  // Errors: `code`, with the statement's first words and SQLite's reason.
  static Result<Statement> prepare(sqlite3* db, std::string_view sql, std::string_view code);

  // Binds (1-based index). Strings are copied by SQLite, so temporaries are fine.
  void bind(int index, std::string_view text);
  void bind(int index, int64_t value);
  void bind(int index, double value);
  void bind_null(int index);
  void bind(int index, const std::optional<std::string>& text);
  void bind(int index, const std::optional<int64_t>& value);
  void bind(int index, const std::optional<double>& value);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();
  // Ready for the next use: binds cleared too.
  void reset();

  bool is_null(int column) const;
  std::string text(int column) const;
  // The column's text without a copy: valid until the next step or reset.
  std::string_view view(int column) const;
  int64_t integer(int column) const;
  double real(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<int64_t> optional_integer(int column) const;
  std::optional<double> optional_real(int column) const;

  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

// Resets a statement when it leaves scope, so an early return cannot leave it mid-step (a
// statement mid-step keeps a read transaction open).
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& s) : s_(s) {}
  ~ResetOnExit() { s_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& s_;
};

// Runs statements that return no rows (schema scripts, PRAGMAs, BEGIN/COMMIT).
Status exec(sqlite3* db, std::string_view sql, std::string_view code);

}  // namespace caseflow::archive::sqlite
