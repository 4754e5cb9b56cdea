// Hostile YAML texts shared by the loaders' tests: each loader must refuse them at a position,
// in bounded time and memory, whatever it reads.
#pragma once

#include <string>

namespace caseflow::testing {

// Billion laughs under the key `key`: ten anchors, each listing the previous one ten times, so
// the last expands to 10^10 scalars while the text stays under a kilobyte.
inline std::string billion_laughs(const std::string& key) {
  std::string text = key + ":\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    // Appended piece by piece: g++ 12 -O3 warns falsely (-Wrestrict) on long operator+ chains.
    const std::string prev = "*a" + std::to_string(i - 1);
    text.append("  a").append(std::to_string(i)).append(": &a").append(std::to_string(i));
    text.append(" [").append(prev);
    for (int k = 1; k < 10; ++k) text.append(", ").append(prev);
    text.append("]\n");
  }
  return text;
}

// `levels` block sequences nested under the key `key`, written compactly on one line
// ("key:\n- - - ... x"): 10,000 levels take 20 KB.
inline std::string nested_lists(const std::string& key, int levels) {
  std::string text = key + ":\n";
  for (int i = 0; i < levels; ++i) text += "- ";
  text += "x\n";
  return text;
}

}  // namespace caseflow::testing
