#include "connectors/archive/postgres/pg_array.h"

#include <charconv>
#include <cstdio>

namespace caseflow::archive::postgres {

void PgArray::separate() {
  if (!first_) out_.push_back(',');
  first_ = false;
}

void PgArray::add(std::string_view text) {
  separate();
  out_.push_back('"');
  for (char c : text) {
    // PostgreSQL text cannot hold NUL; a JSON "\u0000" in a description is dropped rather than
    // failing the whole batch.
    if (c == '\0') continue;
    if (c == '"' || c == '\\') out_.push_back('\\');
    out_.push_back(c);
  }
  out_.push_back('"');
}

void PgArray::add(const std::optional<std::string>& text) {
  if (text) {
    add(std::string_view(*text));
  } else {
    add_null();
  }
}

void PgArray::add(int64_t number) {
  separate();
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, number).ptr;
  out_.append(buf, end);
}

void PgArray::add(std::optional<int64_t> number) {
  if (number) {
    add(*number);
  } else {
    add_null();
  }
}

void PgArray::add(std::optional<double> number) {
  if (!number) return add_null();
  separate();
  char buf[32];
  // Shortest text that reads back as the same double.
  const auto end = std::to_chars(buf, buf + sizeof buf, *number).ptr;
  out_.append(buf, end);
}

void PgArray::add(std::optional<bool> flag) {
  if (!flag) return add_null();
  separate();
  out_.push_back(*flag ? 't' : 'f');
}

void PgArray::add_null() {
  separate();
  out_ += "NULL";
}

std::string PgArray::finish() && {
  out_.push_back('}');
  return std::move(out_);
}

}  // namespace caseflow::archive::postgres
