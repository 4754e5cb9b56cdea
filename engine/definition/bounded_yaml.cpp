#include "engine/definition/bounded_yaml.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace caseflow::definition {
namespace {

// Thrown from inside the event handler to stop yaml-cpp's recursive parser early.
struct LimitBroken {
  YAML::Mark mark;
  std::string message;
};

// Walks the parser's events once, before any node is built: tracks nesting depth and the number
// of nodes the document holds once every alias is expanded (an alias counts as the whole subtree
// of its anchor). Both are checked as events arrive, so the parse stops at the first excess.
class LimitChecker : public YAML::EventHandler {
 public:
  explicit LimitChecker(const YamlLimits& limits) : limits_(limits) {}

  const YAML::Mark& document_start() const { return document_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { document_start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchor_sizes_.find(anchor);
    if (found == anchor_sizes_.end())
      throw LimitBroken{mark, "an alias refers to a node that contains it (a cycle)"};
    add(mark, found->second);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YAML::anchor_t anchor;
    size_t size;  // nodes in this collection so far, itself included, aliases expanded
  };

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) anchor_sizes_[anchor] = 1;
    add(mark, 1);
  }
  void add(const YAML::Mark& mark, size_t nodes) {
    total_ += nodes;
    if (total_ > limits_.max_nodes)
      throw LimitBroken{mark, "the document expands to more than " +
                                  std::to_string(limits_.max_nodes) +
                                  " nodes once aliases are resolved (an alias bomb?)"};
    if (!stack_.empty()) stack_.back().size += nodes;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      throw LimitBroken{mark,
                        "YAML nests deeper than " + std::to_string(limits_.max_depth) + " levels"};
    add(mark, 1);
    stack_.push_back(Frame{anchor, 1});
  }
  void close() {
    const Frame done = stack_.back();
    stack_.pop_back();
    if (done.anchor != YAML::NullAnchor) anchor_sizes_[done.anchor] = done.size;
    // The collection's own node was already counted in total_ when it opened; its children were
    // counted as they came. Only the parent's running size needs the subtree.
    if (!stack_.empty()) stack_.back().size += done.size - 1;
  }

  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, size_t> anchor_sizes_;
  size_t total_ = 0;
  YAML::Mark document_start_ = YAML::Mark::null_mark();
};

}  // namespace

Diagnostic diagnostic_at(std::string_view file, const YAML::Mark& mark, std::string message) {
  const bool known = mark.line >= 0 && mark.column >= 0;
  return Diagnostic{std::string(file), known ? mark.line + 1 : 1, known ? mark.column + 1 : 1,
                    std::move(message)};
}

std::optional<YAML::Node> parse_bounded_yaml(std::string_view file, std::string_view text,
                                             Diagnostics& problems, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    problems.push_back(Diagnostic{std::string(file), 1, 1,
                                  "file is too large (" + std::to_string(text.size()) +
                                      " bytes; the limit is " + std::to_string(limits.max_bytes) +
                                      ")"});
    return std::nullopt;
  }
  try {
    // Pass 1: limits, on events only. Pass 2: build the node tree, now known to be small.
    {
      std::istringstream in{std::string(text)};
      YAML::Parser parser(in);
      LimitChecker first(limits);
      parser.HandleNextDocument(first);
      LimitChecker second(limits);
      if (parser.HandleNextDocument(second)) {
        problems.push_back(
            diagnostic_at(file, second.document_start(),
                          "the file holds more than one YAML document; write one per file"));
        return std::nullopt;
      }
    }
    return YAML::Load(std::string(text));
  } catch (const LimitBroken& broken) {
    problems.push_back(diagnostic_at(file, broken.mark, broken.message));
  } catch (const YAML::ParserException& e) {
    problems.push_back(diagnostic_at(file, e.mark, "invalid YAML: " + e.msg));
  } catch (const YAML::Exception& e) {
    problems.push_back(diagnostic_at(file, e.mark, "invalid YAML: " + e.msg));
  } catch (const std::exception& e) {
    problems.push_back(diagnostic_at(file, YAML::Mark::null_mark(),
                                     std::string("could not read the YAML: ") + e.what()));
  }
  return std::nullopt;
}

}  // namespace caseflow::definition
