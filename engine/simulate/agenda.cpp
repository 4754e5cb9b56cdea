#include "engine/simulate/agenda.h"

#include <algorithm>

namespace caseflow::simulate {
namespace {
constexpr int64_t kBucketMs = 60'000;
}  // namespace

Agenda::Agenda(Instant start, Instant end) : start_(start), end_(std::max(start, end)) {
  const auto n = static_cast<size_t>((end_ - start_).millis() / kBucketMs + 1);
  buckets_.resize(n);
  sorted_.assign(n, false);
}

size_t Agenda::bucket_of(Instant at) const {
  if (at <= start_) return 0;
  return static_cast<size_t>((at - start_).millis() / kBucketMs);
}

void Agenda::push(Instant at, ActionKind kind, uint32_t index, uint32_t generation) {
  if (at >= end_) return;  // after the run: never taken
  const Action action{at, next_order_++, kind, index, generation};
  const size_t b = bucket_of(at);
  std::vector<Action>& bucket = buckets_[b];
  if (sorted_[b]) {
    bucket.insert(std::upper_bound(bucket.begin(), bucket.end(), action, later), action);
  } else {
    bucket.push_back(action);
  }
  cursor_ = std::min(cursor_, b);
}

void Agenda::settle() {
  while (cursor_ < buckets_.size() && buckets_[cursor_].empty()) {
    std::vector<Action>().swap(buckets_[cursor_]);  // a drained minute keeps no memory
    ++cursor_;
  }
  if (cursor_ < buckets_.size() && !sorted_[cursor_]) {
    std::sort(buckets_[cursor_].begin(), buckets_[cursor_].end(), later);
    sorted_[cursor_] = true;
  }
}

Instant Agenda::next_at() {
  settle();
  return cursor_ < buckets_.size() ? buckets_[cursor_].back().at : Instant::max();
}

Action Agenda::pop() {
  settle();
  const Action a = buckets_[cursor_].back();
  buckets_[cursor_].pop_back();
  return a;
}

}  // namespace caseflow::simulate
