// Records kept as one buffer and their end offsets: the same bytes for every repetition, without
// a heap block (and its cache miss) per record.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::bench {

class RecordSet {
 public:
  void add(std::string_view record) {
    bytes_.append(record);
    ends_.push_back(bytes_.size());
  }
  size_t size() const { return ends_.size(); }
  size_t bytes() const { return bytes_.size(); }
  std::string_view operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string bytes_;
  std::vector<size_t> ends_;
};

}  // namespace caseflow::bench
