#include "connectors/metrics/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>

namespace caseflow::metrics {
namespace {

prometheus::MetricFamily one_value(const char* name, const char* help, prometheus::MetricType type,
                                   double value) {
  prometheus::MetricFamily f;
  f.name = name;
  f.help = help;
  f.type = type;
  prometheus::ClientMetric m;
  if (type == prometheus::MetricType::Counter) {
    m.counter.value = value;
  } else {
    m.gauge.value = value;
  }
  f.metric.push_back(m);
  return f;
}

// The fields of /proc/self/stat after the command name (which may hold spaces), so that
// fields[0] is field 3 ("state") of proc(5).
std::optional<std::vector<std::string>> stat_fields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

double number(const std::string& s) {
  double value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

std::optional<double> boot_time_seconds() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double value = 0;
      if (in >> value) return value;
      return std::nullopt;
    }
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return std::nullopt;
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessMetrics::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> out;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  // proc(5) field numbers minus 3: utime 14, stime 15, starttime 22, vsize 23, rss 24.
  if (auto f = stat_fields(); f && f->size() > 21 && ticks > 0) {
    const double cpu = (number((*f)[11]) + number((*f)[12])) / ticks;
    out.push_back(one_value("process_cpu_seconds_total",
                            "Total user and system CPU time spent "
                            "in seconds.",
                            MetricType::Counter, cpu));
    out.push_back(one_value("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                            MetricType::Gauge, number((*f)[20])));
    out.push_back(one_value("process_resident_memory_bytes", "Resident memory size in bytes.",
                            MetricType::Gauge, number((*f)[21]) * page));
    if (auto boot = boot_time_seconds()) {
      out.push_back(one_value("process_start_time_seconds",
                              "Start time of the process since unix epoch in seconds.",
                              MetricType::Gauge, *boot + number((*f)[19]) / ticks));
    }
  }
  std::error_code ec;
  double fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++fds;
  }
  if (!ec) {
    out.push_back(
        one_value("process_open_fds", "Number of open file descriptors.", MetricType::Gauge, fds));
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    out.push_back(one_value("process_max_fds", "Maximum number of open file descriptors.",
                            MetricType::Gauge, static_cast<double>(limit.rlim_cur)));
  }
  return out;
}

}  // namespace caseflow::metrics
