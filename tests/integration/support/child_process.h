// Runs the real binary (or kcat) from a test: start it, read its output until a line appears,
// signal it, and collect its exit status. No sleeps: every wait is on a condition with a deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::testing {

class ChildProcess {
 public:
  // Starts `argv` with stdout and stderr merged into a pipe this object reads.
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();  // kills the child if it is still running

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads output until a line contains `marker`; returns the rest of that line after the marker,
  // or nullopt at the deadline or when the child closes its output. (std::regex is avoided: g++ 12
  // warns falsely inside it under sanitizers.) Everything read is kept in output().
  std::optional<std::string> wait_for_line(std::string_view marker,
                                           std::chrono::milliseconds timeout);

  // Reads what is left of the output until the child closes it, or the timeout.
  void drain(std::chrono::milliseconds timeout);

  void signal(int sig);
  // Waits for the child to exit; returns its exit code, 128+signal if killed, nullopt at timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  const std::string& output() const { return output_; }
  pid_t pid() const { return pid_; }

 private:
  bool read_some(std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string output_;
  size_t scanned_ = 0;  // output_ before this offset has been matched line by line
  std::string last_line_;
  std::optional<int> exit_code_;
};

// Runs a command to completion and returns its stdout+stderr and exit code.
struct CommandResult {
  int exit_code;
  std::string output;
};
CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

}  // namespace caseflow::testing
