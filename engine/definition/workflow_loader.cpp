#include "engine/definition/workflow_loader.h"

#include <algorithm>
#include <array>
#include <map>

#include "engine/common/did_you_mean.h"
#include "engine/definition/bounded_yaml.h"
#include "engine/definition/category_pattern.h"
#include "engine/definition/yaml_reader.h"

namespace caseflow::definition {
namespace {

constexpr std::array<std::string_view, 3> kUrgencyNames{"normal", "urgent", "emergency"};
constexpr std::array<std::string_view, 5> kLevelNames{"grid", "community", "street", "district",
                                                      "department"};
constexpr std::array<std::string_view, 3> kClockStartNames{"dispatch", "sign", "resolve"};

std::vector<std::string_view> names_of(const auto& array) {
  return std::vector<std::string_view>(array.begin(), array.end());
}

std::string quoted(std::string_view s) { return concat({"'", s, "'"}); }

std::string either(const std::vector<std::string_view>& words);

// "; did you mean 'x'?" for a plausible typo, otherwise `otherwise`.
std::string suggest_or(std::string_view word, const std::vector<std::string_view>& known,
                       std::string otherwise) {
  std::string suggestion = did_you_mean(word, known);
  return suggestion.empty() ? otherwise : suggestion;
}

// "; did you mean 'x'?" for a plausible typo, otherwise "; expected a, b or c".
std::string suggest_or_expect(std::string_view word, const std::vector<std::string_view>& known) {
  std::string suggestion = did_you_mean(word, known);
  return suggestion.empty() ? "; expected " + either(known) : suggestion;
}

// "a, b or c"
std::string either(const std::vector<std::string_view>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

// A reference to a stage, a unit or the dispatcher, written as text; stage names are resolved
// once every stage is known.
struct OwnerReference {
  std::string field;  // "fallback_owner" or "approver"
  std::string text;
  YAML::Mark mark;
  size_t stage_index;
};

class WorkflowReader {
 public:
  WorkflowReader(Reporter& reporter, const LoadContext& context)
      : r_(reporter), context_(context) {}

  void read(const YAML::Node& root, Workflow& wf) {
    MapFields top(root, "at the top level of a workflow",
                  {"workflow", "version", "title", "calendar", "match", "stages", "revisit"}, r_);
    if (!top.is_map()) return;
    if (auto node = top.require("workflow")) {
      wf.location = location_of(node->Mark());
      if (auto name = read_text(*node, "workflow", r_)) {
        if (is_identifier(*name))
          wf.name = *name;
        else
          r_.error(node->Mark(), "workflow name " + quoted(*name) +
                                     " must be lowercase letters, digits, _ and -, starting "
                                     "with a letter");
      }
    }
    if (auto node = top.require("version")) {
      if (auto version = read_count(*node, "version", 1, r_)) wf.version = *version;
    }
    if (auto node = top.get("title")) {
      if (auto title = read_text(*node, "title", r_)) wf.title = *title;
    } else {
      wf.title = wf.name;
    }
    if (auto node = top.require("calendar")) read_calendar(*node, wf);
    if (auto node = top.require("match")) read_match(*node, wf.match);
    if (auto node = top.require("stages")) read_stages(*node, wf);
    if (auto node = top.get("revisit")) read_revisit(*node, wf.revisit);
  }

 private:
  static SourceLocation location_of(const YAML::Mark& mark) {
    if (mark.line < 0) return {};
    return SourceLocation{mark.line + 1, mark.column + 1};
  }

  void read_calendar(const YAML::Node& node, Workflow& wf) {
    auto name = read_text(node, "calendar", r_);
    if (!name) return;
    wf.calendar = *name;
    if (!context_.calendars || context_.calendars->count(*name) > 0) return;
    std::vector<std::string_view> known(context_.calendars->begin(), context_.calendars->end());
    r_.error(node.Mark(),
             "unknown calendar " + quoted(*name) +
                 (known.empty() ? "; no calendars are loaded" : did_you_mean(*name, known)));
  }

  void read_match(const YAML::Node& node, Match& match) {
    MapFields fields(node, "in 'match'", {"categories", "urgencies", "places"}, r_);
    if (!fields.is_map()) return;
    if (auto categories = fields.require("categories")) {
      if (auto items = read_list(*categories, "categories", r_)) {
        if (items->empty())
          r_.error(categories->Mark(), "'categories' must list at least one category");
        for (const auto& item : *items) read_category(item, match);
      }
    }
    if (auto urgencies = fields.get("urgencies")) {
      if (auto items = read_text_list(*urgencies, "urgencies", r_)) {
        if (items->empty())
          r_.error(urgencies->Mark(),
                   "'urgencies' must list at least one urgency (leave it out to take any)");
        for (const auto& [text, mark] : *items) {
          auto urgency = parse_urgency(text, mark);
          if (urgency && std::find(match.urgencies.begin(), match.urgencies.end(), *urgency) ==
                             match.urgencies.end())
            match.urgencies.push_back(*urgency);
        }
      }
    }
    if (auto places = fields.get("places")) {
      if (auto items = read_text_list(*places, "places", r_)) {
        if (items->empty())
          r_.error(places->Mark(),
                   "'places' must list at least one place (leave it out to "
                   "take any place)");
        for (const auto& item : *items) match.places.push_back(item.first);
      }
    }
  }

  void read_category(const YAML::Node& item, Match& match) {
    CategoryDef category;
    YAML::Node code_node;
    if (item.IsScalar()) {
      code_node = item;
    } else {
      MapFields fields(item, "in a category", {"code", "name", "description"}, r_);
      if (!fields.is_map()) return;
      auto code = fields.require("code");
      if (!code) return;
      code_node = *code;
      if (auto name = fields.get("name"))
        if (auto text = read_text(*name, "name", r_)) category.name = *text;
      if (auto description = fields.get("description"))
        if (auto text = read_text(*description, "description", r_)) category.description = *text;
    }
    auto code = read_text(code_node, "code", r_);
    if (!code) return;
    if (!CategoryPattern::parse(*code)) {
      r_.error(code_node.Mark(),
               "category " + quoted(*code) +
                   " is not a category code or pattern; write lowercase words joined by dots, "
                   "optionally ending in .* (parking.illegal, parking.*), or * for any");
      return;
    }
    for (const auto& other : match.categories) {
      if (other.code == *code) {
        r_.error(code_node.Mark(), "category " + quoted(*code) +
                                       " is listed twice (first at line " +
                                       std::to_string(other.location.line) + ")");
        return;
      }
    }
    category.code = *code;
    category.location = location_of(code_node.Mark());
    match.categories.push_back(std::move(category));
  }

  std::optional<Urgency> parse_urgency(const std::string& text, const YAML::Mark& mark) {
    for (size_t i = 0; i < kUrgencyNames.size(); ++i)
      if (text == kUrgencyNames[i]) return static_cast<Urgency>(i);
    r_.error(mark,
             "unknown urgency " + quoted(text) + suggest_or_expect(text, names_of(kUrgencyNames)));
    return std::nullopt;
  }

  void read_stages(const YAML::Node& node, Workflow& wf) {
    auto items = read_list(node, "stages", r_);
    if (!items) return;
    if (items->empty()) {
      r_.error(node.Mark(), "'stages' must list at least one stage");
      return;
    }
    const size_t errors_before = r_.count();
    escalate_marks_.assign(items->size(), std::nullopt);
    escalate_clocks_.assign(items->size(), std::string());
    for (size_t i = 0; i < items->size(); ++i) {
      StageDef stage;
      read_stage((*items)[i], i, stage);
      for (const auto& other : wf.stages) {
        if (!stage.name.empty() && other.name == stage.name) {
          r_.error((*items)[i].Mark(),
                   "duplicate stage name " + quoted(stage.name) + " (first at line " +
                       std::to_string(other.location.line) + "); give one of them a 'name'");
          break;
        }
      }
      wf.stages.push_back(std::move(stage));
    }
    resolve_owners(wf);
    // Reachability is derived from the stages as read: only meaningful when they read cleanly.
    if (r_.count() == errors_before) check_escalation(wf, *items);
  }

  void read_stage(const YAML::Node& node, size_t index, StageDef& stage) {
    stage.location = location_of(node.Mark());
    const std::string fallback_context = "in stage " + std::to_string(index + 1);
    MapFields fields(
        node, fallback_context,
        {"name", "level", "department", "topic", "clocks", "returns", "extensions", "assists"}, r_);
    if (!fields.is_map()) return;

    bool level_ok = false;
    if (auto level = fields.require("level")) level_ok = read_level(*level, stage.level);
    auto department = fields.get("department");
    if (level_ok && stage.level == Level::department) {
      if (!department) {
        r_.error(node.Mark(), "missing required key 'department' " + fallback_context +
                                  " (level 'department' needs a department code)");
      } else if (auto code = read_text(*department, "department", r_)) {
        if (check_department(*code, department->Mark())) stage.department = *code;
      }
    } else if (level_ok && department) {
      r_.error(department->Mark(), "'department' is only for stages with level 'department'");
    }

    if (auto name = fields.get("name")) {
      if (auto text = read_text(*name, "name", r_)) {
        if (is_identifier(*text))
          stage.name = *text;
        else
          r_.error(name->Mark(), "stage name " + quoted(*text) +
                                     " must be lowercase letters, digits, _ and -, starting "
                                     "with a letter");
      }
    } else if (level_ok) {
      stage.name =
          stage.level == Level::department ? stage.department : std::string(to_string(stage.level));
    }
    const std::string context =
        stage.name.empty() ? fallback_context : "in stage " + quoted(stage.name);

    if (auto topic = fields.get("topic")) {
      if (auto text = read_text(*topic, "topic", r_)) {
        if (is_topic_name(*text))
          stage.topic = *text;
        else
          r_.error(topic->Mark(), "topic " + quoted(*text) +
                                      " is not a Kafka topic name (1 to 249 of A-Z a-z 0-9 . _ -)");
      }
    } else if (level_ok) {
      stage.topic = stage.level == Level::department
                        ? context_.topic_prefix + ".dept." + stage.department
                        : context_.topic_prefix + ".stage." + std::string(to_string(stage.level));
    }

    if (auto clocks = fields.get("clocks")) read_clocks(*clocks, index, stage);
    if (auto returns = fields.get("returns")) read_returns(*returns, index, stage.returns, context);
    if (auto extensions = fields.get("extensions"))
      read_extensions(*extensions, index, stage.extensions, context);
    if (auto assists = fields.get("assists")) read_assists(*assists, stage.assists, context);
  }

  bool read_level(const YAML::Node& node, Level& level) {
    auto text = read_text(node, "level", r_);
    if (!text) return false;
    for (size_t i = 0; i < kLevelNames.size(); ++i) {
      if (*text != kLevelNames[i]) continue;
      level = static_cast<Level>(i);
      if (context_.levels.count(level) == 0) {
        r_.error(node.Mark(), "level " + quoted(*text) + " has no units in this city");
        return false;
      }
      return true;
    }
    r_.error(node.Mark(),
             "unknown level " + quoted(*text) + suggest_or_expect(*text, names_of(kLevelNames)));
    return false;
  }

  bool check_department(const std::string& code, const YAML::Mark& mark) {
    if (!is_identifier(code)) {
      r_.error(mark, "department code " + quoted(code) +
                         " must be lowercase letters, digits, _ and -, starting with a letter");
      return false;
    }
    if (context_.departments.empty() || context_.departments.count(code) > 0) return true;
    std::vector<std::string_view> known(context_.departments.begin(), context_.departments.end());
    r_.error(mark, "unknown department " + quoted(code) + did_you_mean(code, known));
    return false;
  }

  void read_clocks(const YAML::Node& node, size_t stage_index, StageDef& stage) {
    if (!node.IsMap()) {
      r_.error(node.Mark(),
               "'clocks' must be a mapping of clock names to clocks, got " + describe(node));
      return;
    }
    for (const auto& item : node) {
      const YAML::Node& key = item.first;
      if (!key.IsScalar() || !is_identifier(key.Scalar())) {
        r_.error(key.Mark(), "clock name " + describe(key) +
                                 " must be lowercase letters, digits, _ and -, starting with a "
                                 "letter");
        continue;
      }
      const std::string& name = key.Scalar();
      auto same = std::find_if(stage.clocks.begin(), stage.clocks.end(),
                               [&](const ClockDef& c) { return c.name == name; });
      if (same != stage.clocks.end()) {
        r_.error(key.Mark(), "duplicate clock " + quoted(name) + " in stage " + quoted(stage.name) +
                                 " (first at line " +
                                 std::to_string(clock_lines_[stage_index][name]) + ")");
        continue;
      }
      clock_lines_[stage_index][name] = key.Mark().line + 1;
      ClockDef clock;
      clock.name = name;
      read_clock(item.second, stage_index, clock);
      stage.clocks.push_back(std::move(clock));
    }
  }

  void read_clock(const YAML::Node& node, size_t stage_index, ClockDef& clock) {
    const std::string context = "in clock " + quoted(clock.name);
    MapFields fields(node, context,
                     {"starts_at", "limit", "urgent", "emergency", "warn_at", "on_breach"}, r_);
    if (!fields.is_map()) return;
    if (auto start = fields.get("starts_at")) {
      if (auto text = read_text(*start, "starts_at", r_)) {
        auto at = std::find(kClockStartNames.begin(), kClockStartNames.end(), *text);
        if (at != kClockStartNames.end())
          clock.starts_at = static_cast<ClockStart>(at - kClockStartNames.begin());
        else
          r_.error(start->Mark(), "unknown start " + quoted(*text) +
                                      suggest_or_expect(*text, names_of(kClockStartNames)));
      }
    }
    if (auto limit = fields.require("limit"))
      if (auto span = read_span(*limit, "limit", r_)) clock.limit = *span;
    if (auto urgent = fields.get("urgent")) clock.urgent_limit = read_span(*urgent, "urgent", r_);
    if (auto emergency = fields.get("emergency"))
      clock.emergency_limit = read_span(*emergency, "emergency", r_);
    if (auto warn = fields.get("warn_at")) read_percent(*warn, clock.warn_at_percent);
    if (auto breach = fields.get("on_breach")) read_on_breach(*breach, stage_index, clock);
  }

  void read_percent(const YAML::Node& node, int& percent) {
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      if (text.size() >= 2 && text.size() <= 5 && text.back() == '%' &&
          std::all_of(text.begin(), text.end() - 1, [](char c) { return c >= '0' && c <= '9'; })) {
        const int value = std::stoi(text.substr(0, text.size() - 1));
        if (value >= 1 && value <= 99) {
          percent = value;
          return;
        }
        r_.error(node.Mark(), "'warn_at' must be between 1% and 99%, got " + quoted(text));
        return;
      }
    }
    r_.error(node.Mark(), "'warn_at' must be a percentage such as 80%, got " + describe(node));
  }

  void read_on_breach(const YAML::Node& node, size_t stage_index, ClockDef& clock) {
    auto items = read_list(node, "on_breach", r_);
    if (!items) return;
    static const std::vector<std::string_view> kActions{"escalate", "supervise", "notify"};
    for (const auto& item : *items) {
      if (item.IsScalar() && item.Scalar() == "escalate") {
        clock.on_breach.escalate = true;
        if (!escalate_marks_[stage_index]) {
          escalate_marks_[stage_index] = item.Mark();
          escalate_clocks_[stage_index] = clock.name;
        }
      } else if (item.IsScalar() && item.Scalar() == "supervise") {
        clock.on_breach.supervise = true;
      } else if (item.IsScalar()) {
        r_.error(item.Mark(), "unknown breach action " + quoted(item.Scalar()) +
                                  suggest_or_expect(item.Scalar(), kActions));
      } else if (item.IsMap()) {
        MapFields notify(item, "in a breach action", {"notify"}, r_);
        auto topics = notify.require("notify");
        if (!topics) continue;
        // One topic or a list of them.
        std::vector<std::pair<std::string, YAML::Mark>> names;
        if (topics->IsScalar()) {
          names.emplace_back(topics->Scalar(), topics->Mark());
        } else if (auto list = read_text_list(*topics, "notify", r_)) {
          names = std::move(*list);
        }
        for (const auto& [topic, mark] : names) {
          if (is_topic_name(topic))
            clock.on_breach.notify_topics.push_back(topic);
          else
            r_.error(mark, "topic " + quoted(topic) +
                               " is not a Kafka topic name (1 to 249 of A-Z a-z 0-9 . _ -)");
        }
      } else {
        r_.error(item.Mark(),
                 "a breach action must be escalate, supervise or notify: [topics], got " +
                     describe(item));
      }
    }
  }

  void read_returns(const YAML::Node& node, size_t stage_index, ReturnPolicy& returns,
                    const std::string& context) {
    MapFields fields(node, "in 'returns' " + context, {"max", "fallback_owner"}, r_);
    if (!fields.is_map()) return;
    if (auto max = fields.get("max"))
      if (auto value = read_count(*max, "max", 0, r_)) returns.max_returns = *value;
    if (auto owner = fields.get("fallback_owner"))
      if (auto text = read_text(*owner, "fallback_owner", r_))
        owners_.push_back(OwnerReference{"fallback_owner", *text, owner->Mark(), stage_index});
  }

  void read_extensions(const YAML::Node& node, size_t stage_index, ExtensionPolicy& extensions,
                       const std::string& context) {
    MapFields fields(node, "in 'extensions' " + context, {"max", "max_length", "approver"}, r_);
    if (!fields.is_map()) return;
    if (auto max = fields.require("max"))
      if (auto value = read_count(*max, "max", 0, r_)) extensions.max_requests = *value;
    if (extensions.max_requests > 0) {
      if (auto length = fields.require("max_length"))
        extensions.max_extension = read_span(*length, "max_length", r_);
    }
    if (auto approver = fields.get("approver"))
      if (auto text = read_text(*approver, "approver", r_))
        owners_.push_back(OwnerReference{"approver", *text, approver->Mark(), stage_index});
  }

  void read_assists(const YAML::Node& node, AssistPolicy& assists, const std::string& context) {
    MapFields fields(node, "in 'assists' " + context,
                     {"departments", "report_within", "resolve_within", "lead_may_resolve_alone"},
                     r_);
    if (!fields.is_map()) return;
    if (auto departments = fields.require("departments")) {
      if (auto codes = read_text_list(*departments, "departments", r_)) {
        if (codes->empty())
          r_.error(departments->Mark(), "'departments' must list at least one department");
        for (const auto& [code, mark] : *codes)
          if (check_department(code, mark)) assists.departments.push_back(code);
      }
    }
    if (auto report = fields.get("report_within"))
      if (auto span = read_span(*report, "report_within", r_)) assists.report_within = *span;
    if (auto resolve = fields.get("resolve_within"))
      assists.resolve_within = read_span(*resolve, "resolve_within", r_);
    if (auto alone = fields.get("lead_may_resolve_alone"))
      if (auto flag = read_flag(*alone, "lead_may_resolve_alone", r_))
        assists.lead_may_resolve_alone = *flag;
  }

  void read_revisit(const YAML::Node& node, RevisitPolicy& revisit) {
    MapFields fields(node, "in 'revisit'", {"within", "reopen_on", "max_reopens"}, r_);
    if (!fields.is_map()) return;
    if (auto within = fields.get("within"))
      if (auto span = read_span(*within, "within", r_)) revisit.within = *span;
    if (auto reopen = fields.get("reopen_on")) {
      if (auto reasons = read_text_list(*reopen, "reopen_on", r_)) {
        static const std::vector<std::string_view> kReasons{"not_solved", "unsatisfied"};
        revisit.reopen_on_not_solved = false;
        revisit.reopen_on_unsatisfied = false;
        for (const auto& [reason, mark] : *reasons) {
          if (reason == "not_solved")
            revisit.reopen_on_not_solved = true;
          else if (reason == "unsatisfied")
            revisit.reopen_on_unsatisfied = true;
          else
            r_.error(mark, "unknown reopen reason " + quoted(reason) +
                               suggest_or_expect(reason, kReasons));
        }
      }
    }
    if (auto max = fields.get("max_reopens"))
      if (auto value = read_count(*max, "max_reopens", 0, r_)) revisit.max_reopens = *value;
  }

  // fallback_owner and approver: "dispatcher", "unit:<id>" or a stage of this workflow.
  void resolve_owners(Workflow& wf) {
    std::vector<std::string_view> stage_names;
    for (const auto& s : wf.stages)
      if (!s.name.empty()) stage_names.push_back(s.name);
    for (const auto& ref : owners_) {
      OwnerKind kind = OwnerKind::dispatcher;
      std::string target;
      if (ref.text == "dispatcher") {
        kind = OwnerKind::dispatcher;
      } else if (ref.text.rfind("unit:", 0) == 0) {
        target = ref.text.substr(5);
        if (target.empty()) {
          r_.error(ref.mark, concat({"'", ref.field, "' unit: needs a unit id after the colon"}));
          continue;
        }
        kind = OwnerKind::unit;
      } else if (std::find(stage_names.begin(), stage_names.end(), ref.text) != stage_names.end()) {
        kind = OwnerKind::stage;
        target = ref.text;
      } else {
        r_.error(ref.mark, "unknown stage " + quoted(ref.text) + " in '" + ref.field + "'" +
                               suggest_or(ref.text, stage_names,
                                          "; write a stage of this workflow, dispatcher, or "
                                          "unit:<id>"));
        continue;
      }
      StageDef& stage = wf.stages[ref.stage_index];
      if (ref.field == "fallback_owner") {
        stage.returns.fallback_kind = kind;
        stage.returns.fallback_owner = kind == OwnerKind::unit ? target : "";
        stage.returns.fallback_stage = kind == OwnerKind::stage ? target : "";
      } else {
        stage.extensions.approver_kind = kind;
        stage.extensions.approver = kind == OwnerKind::dispatcher ? "dispatcher" : target;
      }
    }
  }

  // A case starts at the first stage and moves on only by escalation (to the next stage) or by
  // running out of returns (to the fallback stage). A stage no case can get to is an error, and
  // so is an escalation from the last stage.
  void check_escalation(const Workflow& wf, const std::vector<YAML::Node>& nodes) {
    const size_t n = wf.stages.size();
    std::vector<bool> reachable(n, false);
    reachable[0] = true;
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < n; ++i) {
        if (!reachable[i]) continue;
        auto mark = [&](size_t j) {
          if (!reachable[j]) reachable[j] = changed = true;
        };
        if (escalate_marks_[i] && i + 1 < n) mark(i + 1);
        const std::string& fallback = wf.stages[i].returns.fallback_stage;
        for (size_t j = 0; j < n && !fallback.empty(); ++j)
          if (wf.stages[j].name == fallback) mark(j);
      }
    }
    for (size_t j = 1; j < n; ++j) {
      if (reachable[j]) continue;
      const std::string& before = wf.stages[j - 1].name;
      const std::string why =
          escalate_marks_[j - 1]
              ? "stage " + quoted(before) + " before it cannot be reached either"
              : "stage " + quoted(before) + " before it never escalates (no clock has " +
                    "on_breach: escalate)";
      r_.error(nodes[j].Mark(), "stage " + quoted(wf.stages[j].name) + " cannot be reached: " +
                                    why + ", and no stage names it as fallback_owner");
    }
    if (escalate_marks_[n - 1])
      r_.error(*escalate_marks_[n - 1], "clock " + quoted(escalate_clocks_[n - 1]) +
                                            " escalates, but stage " +
                                            quoted(wf.stages[n - 1].name) +
                                            " is the last stage: there is none to escalate to");
  }

  Reporter& r_;
  const LoadContext& context_;
  std::vector<OwnerReference> owners_;
  std::vector<std::optional<YAML::Mark>> escalate_marks_;  // first escalate action per stage
  std::vector<std::string> escalate_clocks_;               // and the clock it belongs to
  std::map<size_t, std::map<std::string, int>> clock_lines_;
};

}  // namespace

uint64_t fnv1a_64(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string_view to_string(Urgency urgency) { return kUrgencyNames[static_cast<size_t>(urgency)]; }
std::string_view to_string(Level level) { return kLevelNames[static_cast<size_t>(level)]; }

WorkflowPtr load_workflow(std::string_view file, std::string_view text, const LoadContext& context,
                          Diagnostics& problems) {
  Reporter reporter(file, problems);
  try {
    auto root = parse_bounded_yaml(file, text, problems);
    if (!root) return nullptr;
    if (root->IsNull()) {
      reporter.error(root->Mark(), "the file is empty; expected a workflow");
      return nullptr;
    }
    auto workflow = std::make_shared<Workflow>();
    WorkflowReader(reporter, context).read(*root, *workflow);
    if (reporter.count() > 0) return nullptr;
    workflow->source_file = std::string(file);
    workflow->content_hash = fnv1a_64(text);
    return workflow;
  } catch (const std::exception& e) {
    // yaml-cpp may throw on access it considers invalid; it must not escape the loader.
    reporter.error(YAML::Mark::null_mark(),
                   std::string("could not read the workflow: ") + e.what());
    return nullptr;
  }
}

}  // namespace caseflow::definition
