#include "engine/common/did_you_mean.h"

#include <algorithm>
#include <vector>

namespace caseflow {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// Optimal string alignment distance; three rolling rows are enough for the adjacent swap.
std::size_t osa_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

template <typename Str>
std::optional<std::string> closest(std::string_view word, std::span<const Str> candidates) {
  const std::string w = lowered(word);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::string_view c(candidate);
    if (c == word) return std::nullopt;
    const std::size_t limit = std::max<std::size_t>(1, std::max(w.size(), c.size()) / 3);
    // Lengths alone bound the distance from below: skip hopeless candidates cheaply.
    const std::size_t length_gap = w.size() > c.size() ? w.size() - c.size() : c.size() - w.size();
    if (length_gap > limit) continue;
    const std::size_t d = osa_distance(w, lowered(c));
    if (d <= limit && (!best || d < best_distance)) {
      best = std::string(c);
      best_distance = d;
    }
  }
  return best;
}

template <typename Str>
std::string suggestion(std::string_view word, std::span<const Str> candidates) {
  auto match = closest(word, candidates);
  return match ? "; did you mean '" + *match + "'?" : std::string();
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) { return osa_distance(a, b); }

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
  return closest(word, candidates);
}
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates) {
  return closest(word, candidates);
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return suggestion(word, candidates);
}
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  return suggestion(word, candidates);
}

}  // namespace caseflow
