// A PostgreSQL array literal ({"a","b",NULL}) built element by element, so a whole batch travels
// as one parameter per column and one prepared statement serves any batch size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caseflow::archive::postgres {

class PgArray {
 public:
  void add(std::string_view text);
  void add(const std::optional<std::string>& text);
  void add(int64_t number);
  void add(std::optional<int64_t> number);
  void add(std::optional<double> number);
  void add(std::optional<bool> flag);
  void add_null();

  // The literal, e.g. {"x",NULL,"y"}.
  std::string finish() &&;

 private:
  void separate();
  std::string out_ = "{";
  bool first_ = true;
};

}  // namespace caseflow::archive::postgres
