// "Did you mean ...?" for misspelt names in files admins write (keys, time zones, stage names).
// Pure functions on strings; safe to call from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace caseflow {

// The edit distance between two strings: insertions, deletions and substitutions of one byte,
// and swaps of two adjacent bytes (so "tmie" is 1 from "time"). Case-sensitive.
// Costs O(|a| * |b|) time and O(|b|) memory.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most a third
// of the longer string's length apart (and at least 1), compared ignoring ASCII case. Ties go to
// the earlier candidate. Returns nullopt when nothing is close, or when `word` is itself a
// candidate. The result is a copy; `candidates` is not kept.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

// "; did you mean 'time_zone'?" when closest_match finds one, else "" — ready to append to a
// diagnostic message.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace caseflow
