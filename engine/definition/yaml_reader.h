// Small helpers that read typed values out of yaml-cpp nodes and report every problem with its
// position, instead of throwing. Private to engine/definition (used by the workflow loader).
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/diagnostic.h"
#include "engine/time/span.h"

namespace caseflow::definition {

// Collects diagnostics for one file. Not thread-safe; one per load.
class Reporter {
 public:
  Reporter(std::string_view file, Diagnostics& out) : file_(file), out_(out) {}

  void error(const YAML::Mark& at, std::string message);
  // Problems reported through this reporter so far.
  size_t count() const { return count_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  Diagnostics& out_;
  size_t count_ = 0;
};

// Joins pieces of a message. Used instead of chains of `"..." + std::string(x) + "..."`, which
// make g++ 12 -O3 report a false -Wrestrict (GCC bug 105329) and cost a copy per step.
std::string concat(std::initializer_list<std::string_view> pieces);

// How a node reads in a message: "a mapping", "a list", "nothing", "'abc'".
std::string describe(const YAML::Node& node);

// One YAML mapping whose keys must come from a fixed list. Construction reports a node that is
// not a mapping, unknown keys (with a did-you-mean) and duplicate keys. `context` completes the
// messages: "in clock 'sign'", "at the top level".
class MapFields {
 public:
  MapFields(const YAML::Node& node, std::string context, std::vector<std::string_view> allowed,
            Reporter& reporter);

  bool is_map() const { return is_map_; }
  const YAML::Mark& mark() const { return mark_; }
  // The value of `key`, or nullopt if absent.
  std::optional<YAML::Node> get(std::string_view key) const;
  // Like get(), but reports "missing required key" at the mapping when absent.
  std::optional<YAML::Node> require(std::string_view key);
  // Keys in file order (unknown and duplicate ones left out).
  const std::vector<std::pair<std::string, YAML::Node>>& entries() const { return entries_; }

 private:
  std::string context_;
  Reporter& reporter_;
  YAML::Mark mark_;
  bool is_map_ = false;
  std::vector<std::pair<std::string, YAML::Node>> entries_;
};

// Each reader returns nullopt after reporting when the value has the wrong type or form.
// `field` names the key in messages ("'version'").
std::optional<std::string> read_text(const YAML::Node& node, std::string_view field, Reporter& r);
std::optional<int> read_count(const YAML::Node& node, std::string_view field, int minimum,
                              Reporter& r);
std::optional<bool> read_flag(const YAML::Node& node, std::string_view field, Reporter& r);
std::optional<Span> read_span(const YAML::Node& node, std::string_view field, Reporter& r);
// A list of anything; a node that is not a list is reported.
std::optional<std::vector<YAML::Node>> read_list(const YAML::Node& node, std::string_view field,
                                                 Reporter& r);
// A list of text items; items of other types are reported and left out.
std::optional<std::vector<std::pair<std::string, YAML::Mark>>> read_text_list(
    const YAML::Node& node, std::string_view field, Reporter& r);

// Kafka's rule for topic names: 1..249 of [A-Za-z0-9._-].
bool is_topic_name(std::string_view name);
// Names of workflows, stages and clocks: [a-z][a-z0-9_-]*, at most 64 characters.
bool is_identifier(std::string_view name);

}  // namespace caseflow::definition
