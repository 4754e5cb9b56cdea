#include "engine/yaml/bounded_yaml.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace caseflow::yaml {
namespace {

// Thrown from inside the event handler to stop yaml-cpp's recursive parser early.
struct LimitBroken {
  YamlRefusal::Rule rule;
  YAML::Mark mark;
  std::string message;
  int depth = 0;
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
      throw LimitBroken{YamlRefusal::Rule::alias_cycle, mark,
                        "an alias refers to a node that contains it (a cycle)"};
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
      throw LimitBroken{YamlRefusal::Rule::too_many_nodes, mark,
                        "the document expands to more than " + std::to_string(limits_.max_nodes) +
                            " nodes once aliases are resolved (an alias bomb?)"};
    if (!stack_.empty()) stack_.back().size += nodes;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      throw LimitBroken{YamlRefusal::Rule::too_deep, mark,
                        "YAML nests deeper than " + std::to_string(limits_.max_depth) + " levels",
                        static_cast<int>(stack_.size()) + 1};
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

BoundedYaml read_bounded_yaml(std::string_view file, std::string_view text,
                              const YamlLimits& limits) {
  using Rule = YamlRefusal::Rule;
  const auto refuse = [file](Rule rule, const YAML::Mark& mark, std::string message,
                             std::string detail = {}, int depth = 0) {
    return YamlRefusal{rule, mark, diagnostic_at(file, mark, std::move(message)), std::move(detail),
                       depth};
  };
  if (text.size() > limits.max_bytes) {
    return refuse(Rule::too_large, YAML::Mark::null_mark(),
                  "file is too large (" + std::to_string(text.size()) + " bytes; the limit is " +
                      std::to_string(limits.max_bytes) + ")");
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
        return refuse(Rule::several_documents, second.document_start(),
                      "the file holds more than one YAML document; write one per file");
      }
    }
    return YAML::Load(std::string(text));
  } catch (const LimitBroken& broken) {
    return refuse(broken.rule, broken.mark, broken.message, {}, broken.depth);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard on its recursion, for limits deeper than the guard.
    return refuse(Rule::too_deep, e.mark,
                  "YAML nests deeper than " + std::to_string(e.depth() - 1) + " levels", {},
                  e.depth());
  } catch (const YAML::Exception& e) {
    return refuse(Rule::syntax, e.mark, "invalid YAML: " + e.msg, e.msg);
  } catch (const std::exception& e) {
    return refuse(Rule::unreadable, YAML::Mark::null_mark(),
                  std::string("could not read the YAML: ") + e.what(), e.what());
  }
}

std::optional<YAML::Node> parse_bounded_yaml(std::string_view file, std::string_view text,
                                             Diagnostics& problems, const YamlLimits& limits) {
  BoundedYaml read = read_bounded_yaml(file, text, limits);
  if (auto* refusal = std::get_if<YamlRefusal>(&read)) {
    problems.push_back(std::move(refusal->diagnostic));
    return std::nullopt;
  }
  return std::get<YAML::Node>(std::move(read));
}

}  // namespace caseflow::yaml
