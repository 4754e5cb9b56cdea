#include "engine/geo/feature_positions.h"

#include <string>

namespace caseflow::geo {

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition pos{1, 1};
  const std::size_t end = offset < text.size() ? offset : text.size();
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

std::vector<TextPosition> feature_positions(std::string_view text) {
  // A scan that knows only strings and brackets. It tracks the nesting of containers and the last
  // string read in the root object (the key of the next value).
  std::vector<TextPosition> found;
  std::vector<char> stack;  // '{' or '['
  int features_depth = -1;  // stack size inside the "features" array, once entered
  std::string last_root_string;
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      std::string s;
      std::size_t j = i + 1;
      for (; j < text.size() && text[j] != '"'; ++j) {
        if (text[j] == '\\')
          ++j;
        else
          s += text[j];
      }
      if (stack.size() == 1) last_root_string = std::move(s);
      column += static_cast<int>(j - i + 1);
      i = j;
      continue;
    }
    if (c == '\n') {
      ++line;
      column = 1;
      continue;
    }
    if (c == '{' || c == '[') {
      if (c == '{' && features_depth >= 0 && static_cast<int>(stack.size()) == features_depth)
        found.push_back({line, column});
      stack.push_back(c);
      if (c == '[' && stack.size() == 2 && stack[0] == '{' && last_root_string == "features")
        features_depth = 2;
    } else if (c == '}' || c == ']') {
      if (stack.empty()) break;
      if (static_cast<int>(stack.size()) == features_depth && c == ']') features_depth = -1;
      stack.pop_back();
    }
    ++column;
  }
  return found;
}

}  // namespace caseflow::geo
