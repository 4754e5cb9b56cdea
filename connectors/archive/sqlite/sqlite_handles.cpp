#include "connectors/archive/sqlite/sqlite_handles.h"

#include <algorithm>

namespace caseflow::archive::sqlite {

std::string last_error(sqlite3* db) { return db == nullptr ? "out of memory" : sqlite3_errmsg(db); }

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql, std::string_view code) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    const auto head = sql.substr(0, std::min<size_t>(sql.size(), 60));
    return Error{std::string(code),
                 "cannot prepare \"" + std::string(head) + "...\": " + last_error(db)};
  }
  return Statement(raw);
}

void Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}
void Statement::bind(int index, int64_t value) { sqlite3_bind_int64(get(), index, value); }
void Statement::bind(int index, double value) { sqlite3_bind_double(get(), index, value); }
void Statement::bind_null(int index) { sqlite3_bind_null(get(), index); }
void Statement::bind(int index, const std::optional<std::string>& text) {
  if (text) {
    bind(index, std::string_view(*text));
  } else {
    bind_null(index);
  }
}
void Statement::bind(int index, const std::optional<int64_t>& value) {
  if (value) {
    bind(index, *value);
  } else {
    bind_null(index);
  }
}
void Statement::bind(int index, const std::optional<double>& value) {
  if (value) {
    bind(index, *value);
  } else {
    bind_null(index);
  }
}

int Statement::step() { return sqlite3_step(get()); }

void Statement::reset() {
  sqlite3_reset(get());
  sqlite3_clear_bindings(get());
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(get(), column) == SQLITE_NULL;
}
std::string_view Statement::view(int column) const {
  const auto* bytes = sqlite3_column_text(get(), column);
  const int size = sqlite3_column_bytes(get(), column);
  return bytes == nullptr
             ? std::string_view()
             : std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(get(), column);
  const int size = sqlite3_column_bytes(get(), column);
  return bytes == nullptr
             ? std::string()
             : std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
}
int64_t Statement::integer(int column) const { return sqlite3_column_int64(get(), column); }
double Statement::real(int column) const { return sqlite3_column_double(get(), column); }
std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}
std::optional<int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}
std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

Status exec(sqlite3* db, std::string_view sql, std::string_view code) {
  char* message = nullptr;
  const std::string text(sql);  // sqlite3_exec wants a terminated string
  if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string reason = message != nullptr ? message : last_error(db);
    sqlite3_free(message);
    return Error{std::string(code), reason};
  }
  return ok_status();
}

}  // namespace caseflow::archive::sqlite
