#include "tests/acceptance/acceptance_support.h"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace caseflow::testing {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read_repo_file(const std::string& relative) {
  std::ifstream in(fs::path(CASEFLOW_SOURCE_DIR) / relative);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

fs::path fresh_dir() {
  static int counter = 0;
  const auto dir = fs::temp_directory_path() / ("caseflow-acceptance-" + std::to_string(getpid()) +
                                                "-" + std::to_string(++counter));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

YAML::Node absolute(const YAML::Node& node, const fs::path& base) {
  if (node.IsSequence()) {
    YAML::Node out(YAML::NodeType::Sequence);
    for (const auto& item : node) out.push_back(absolute(item, base));
    return out;
  }
  const std::string text = node.as<std::string>();
  if (text.empty() || fs::path(text).is_absolute()) return YAML::Node(text);
  return YAML::Node((base / text).lexically_normal().string());
}

}  // namespace

fs::path copy_config(const std::string& relative, const std::map<std::string, std::string>& set) {
  const fs::path source = fs::path(CASEFLOW_SOURCE_DIR) / relative;
  YAML::Node config = YAML::LoadFile(source.string());
  for (const char* key : {"workflows", "calendars", "units", "boundaries", "compounds"}) {
    if (config[key]) config[key] = absolute(config[key], source.parent_path());
  }
  for (const auto& [dotted, value] : set) {
    const auto dot = dotted.find('.');
    if (dot == std::string::npos) {
      config[dotted] = value;
    } else {
      config[dotted.substr(0, dot)][dotted.substr(dot + 1)] = value;
    }
  }
  const fs::path dir = fresh_dir();
  // Each copy archives into its own file: parallel tests never share one.
  if (!set.count("archive.path")) config["archive"]["path"] = (dir / "archive.sqlite").string();
  const fs::path copy = dir / "caseflow.yaml";
  std::ofstream(copy) << YAML::Dump(config) << "\n";
  return copy;
}

std::vector<std::string> run_sh_arguments(const std::vector<std::string>& extra) {
  std::istringstream lines(read_repo_file("scripts/run.sh"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("exec ", 0) != 0 || line.find("/caseflow ") == std::string::npos) continue;
    std::istringstream words(line.substr(line.find("/caseflow ") + 10));
    std::vector<std::string> args;
    std::string word;
    while (words >> word) {
      if (word == "\"$@\"") {
        args.insert(args.end(), extra.begin(), extra.end());
      } else {
        args.push_back(word);
      }
    }
    return args;
  }
  throw std::runtime_error("scripts/run.sh has no `exec .../caseflow ...` line");
}

std::string readme_produce_example() {
  std::istringstream lines(read_repo_file("README.md"));
  std::string line;
  std::string command;
  bool in_example = false;
  while (std::getline(lines, line)) {
    if (!in_example && line.rfind("echo '", 0) == 0) in_example = true;
    if (!in_example) continue;
    std::string part = line;
    const bool continued = !part.empty() && part.back() == '\\';
    if (continued) part.pop_back();
    command += part;
    if (!continued) {
      if (command.find("kcat") != std::string::npos && command.find(" -P") != std::string::npos)
        return command;
      command.clear();
      in_example = false;
    }
  }
  throw std::runtime_error("README.md has no `echo '...' | kcat ... -P` example");
}

std::optional<std::string> banner_value(ChildProcess& process, const std::string& label,
                                        std::chrono::milliseconds timeout) {
  auto rest = process.wait_for_line(label, timeout);
  if (!rest) return std::nullopt;
  std::istringstream words(*rest);
  std::string first;
  words >> first;
  return first;
}

std::string kcat_consume(const std::string& bootstrap, const std::string& topic,
                         const std::string& format) {
  return run_command({"kcat", "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q",
                      "-f", format},
                     std::chrono::seconds(30))
      .output;
}

bool eventually(ChildProcess& process, std::chrono::milliseconds timeout,
                const std::function<bool()>& check) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (check()) return true;
    if (Clock::now() >= deadline) return false;
    process.drain(std::chrono::milliseconds(250));
  }
}

}  // namespace caseflow::testing
