#include "connectors/files/definition_files.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <system_error>

#include "engine/definition/workflow_loader.h"
#include "engine/simulate/load_model_loader.h"
#include "engine/time/calendar_loader.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow::files {
namespace fs = std::filesystem;
namespace {

constexpr uintmax_t kMaxFileBytes = uintmax_t{1} << 20;

struct FoundFile {
  fs::path path;
  bool named_directly;
};

bool has_yaml_extension(const fs::path& path) {
  const auto ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

bool inside_folder_named(const fs::path& path, std::string_view folder) {
  for (const auto& part : path.parent_path())
    if (part == folder) return true;
  return false;
}

// Collects files to read, reporting paths that do not exist or cannot be listed.
std::vector<FoundFile> find_files(const std::vector<fs::path>& paths,
                                  std::vector<std::string>& unreadable) {
  std::vector<FoundFile> found;
  for (const auto& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      unreadable.push_back(path.string() + ": no such file or folder");
      continue;
    }
    if (fs::is_regular_file(status)) {
      found.push_back({path, true});
      continue;
    }
    if (!fs::is_directory(status)) {
      unreadable.push_back(path.string() + ": not a file or folder");
      continue;
    }
    std::vector<fs::path> in_folder;
    fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_regular_file(type_ec) && has_yaml_extension(it->path()))
        in_folder.push_back(it->path());
    }
    if (ec) {
      unreadable.push_back(path.string() + ": " + ec.message());
      continue;
    }
    std::sort(in_folder.begin(), in_folder.end());
    for (auto& file : in_folder) found.push_back({std::move(file), false});
  }
  return found;
}

// Reads a whole file, refusing one above the size limit before reading any of it.
std::optional<std::string> read_file(const fs::path& path, Diagnostics& problems,
                                     std::vector<std::string>& unreadable) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    unreadable.push_back(path.string() + ": " + ec.message());
    return std::nullopt;
  }
  if (size > kMaxFileBytes) {
    problems.push_back(Diagnostic{path.string(), 1, 1,
                                  "file is too large (" + std::to_string(size) +
                                      " bytes; the limit is " + std::to_string(kMaxFileBytes) +
                                      ")"});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    unreadable.push_back(path.string() + ": cannot open for reading");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Department codes from the unit directory: `departments: [{code, name, topic?}, ...]`.
void read_department_codes(const std::string& file, const std::string& text,
                           std::set<std::string, std::less<>>& codes, Diagnostics& problems) {
  auto root = yaml::parse_bounded_yaml(file, text, problems);
  if (!root) return;
  const YAML::Node departments = root->IsMap() ? (*root)["departments"] : YAML::Node();
  if (!departments.IsDefined() || !departments.IsSequence()) {
    problems.push_back(yaml::diagnostic_at(
        file, root->Mark(), "the unit directory needs a 'departments' list of {code, name}"));
    return;
  }
  for (const auto& entry : departments) {
    const YAML::Node code = entry.IsMap() ? entry["code"] : YAML::Node();
    if (!code.IsDefined() || !code.IsScalar() || code.Scalar().empty()) {
      problems.push_back(yaml::diagnostic_at(file, entry.Mark(), "a department needs a 'code'"));
      continue;
    }
    codes.insert(code.Scalar());
  }
}

// A file no rule recognises: its YAML syntax error if it has one, otherwise what each kind needs.
void report_unknown(const std::string& file, const std::string& text, Diagnostics& problems) {
  if (!yaml::parse_bounded_yaml(file, text, problems)) return;
  problems.push_back(Diagnostic{
      file, 1, 1,
      "not a workflow, calendar, unit directory, engine config or load model: a workflow has a "
      "top-level 'workflow' key, a calendar 'time_zone', the unit directory 'departments', the "
      "engine config 'kafka', a simulate load model 'reports_per_day'"});
}

}  // namespace

FileKind classify(const fs::path& path, const std::string& text, bool named_directly) {
  if (inside_folder_named(path, "calendars")) return FileKind::calendar;
  const auto name = path.filename().string();
  if (name == "units.yaml" || name == "units.yml") return FileKind::unit_directory;
  Diagnostics ignored;  // a broken file is reported by the loader it goes to
  const auto parsed = yaml::parse_bounded_yaml(path.string(), text, ignored);
  const auto has_any = [&parsed](std::initializer_list<const char*> keys) {
    if (!parsed || !parsed->IsMap()) return false;
    const YAML::Node& root = *parsed;
    return std::any_of(keys.begin(), keys.end(),
                       [&root](const char* key) { return root[key].IsDefined(); });
  };
  if (has_any({"workflow"})) return FileKind::workflow;
  if (has_any({"time_zone"})) return FileKind::calendar;
  if (has_any({"departments"})) return FileKind::unit_directory;
  // Keys only the engine config has; `workflows` is left out, as it is one letter from a
  // workflow's `workflow`.
  if (has_any({"kafka", "http", "processing"}) || name == "caseflow.yaml" || name == "caseflow.yml")
    return FileKind::engine_config;
  if (has_any({"reports_per_day", "hourly", "hot_spots", "weekend_factor"}))
    return FileKind::load_model;
  if (named_directly || inside_folder_named(path, "workflows")) return FileKind::workflow;
  // Keys no other kind has: the file is that kind with its naming key misspelt or missing.
  if (has_any({"stages", "match"})) return FileKind::workflow;
  if (has_any({"working_hours", "working_weekdays", "years"})) return FileKind::calendar;
  if (has_any({"levels", "units"})) return FileKind::unit_directory;
  return FileKind::unknown;
}

LoadedDefinitions load_definitions(const std::vector<fs::path>& paths, const LoadOptions& options) {
  LoadedDefinitions out;
  struct Pending {
    std::string file;
    std::string text;
  };
  std::vector<Pending> workflows;
  bool any_calendar_file = false;
  bool any_unit_directory = false;

  for (const auto& found : find_files(paths, out.unreadable)) {
    auto text = read_file(found.path, out.problems, out.unreadable);
    if (!text) continue;
    ++out.files_read;
    const std::string file = found.path.string();
    switch (classify(found.path, *text, found.named_directly)) {
      case FileKind::calendar: {
        any_calendar_file = true;
        if (auto calendar = load_calendar(file, *text, out.problems)) {
          const std::string name = calendar->name();
          if (!out.calendars.emplace(name, std::move(calendar)).second)
            out.problems.push_back(
                Diagnostic{file, 1, 1, "calendar '" + name + "' is defined in more than one file"});
        }
        break;
      }
      case FileKind::unit_directory:
        any_unit_directory = true;
        read_department_codes(file, *text, out.departments, out.problems);
        break;
      case FileKind::workflow:
        workflows.push_back({file, std::move(*text)});
        break;
      case FileKind::engine_config:
        out.skipped.push_back(found.path);
        break;
      case FileKind::load_model:
        ++out.load_models;
        simulate::load_load_model(file, *text, out.problems);
        break;
      case FileKind::unknown:
        report_unknown(file, *text, out.problems);
        break;
    }
  }

  definition::LoadContext context;
  context.topic_prefix = options.topic_prefix;
  if (any_calendar_file) {
    context.calendars.emplace();
    for (const auto& [name, calendar] : out.calendars) context.calendars->insert(name);
  }
  // An empty department set means "do not check" (LoadContext's rule), also when the unit
  // directory lists none.
  if (any_unit_directory) context.departments = out.departments;

  for (const auto& pending : workflows) {
    if (auto wf = definition::load_workflow(pending.file, pending.text, context, out.problems))
      out.workflows.push_back(std::move(wf));
  }
  Diagnostics catalog_problems;
  auto catalog = definition::Catalog::build(out.workflows, catalog_problems);
  out.problems.insert(out.problems.end(), catalog_problems.begin(), catalog_problems.end());
  if (out.problems.empty()) out.catalog = std::move(catalog);
  return out;
}

}  // namespace caseflow::files
