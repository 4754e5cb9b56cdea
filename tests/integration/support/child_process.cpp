#include "tests/integration/support/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

namespace caseflow::testing {

using Clock = std::chrono::steady_clock;

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    // The test runner may block signals; the child must start with a clean mask.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd_ = fds[0];
}

ChildProcess::~ChildProcess() {
  if (!exit_code_) {
    kill(pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
}

bool ChildProcess::read_some(std::chrono::milliseconds timeout) {
  pollfd p{out_fd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return true;  // nothing yet
  char buf[4096];
  const ssize_t n = read(out_fd_, buf, sizeof buf);
  if (n <= 0) return false;  // closed
  output_.append(buf, static_cast<size_t>(n));
  return true;
}

std::optional<std::string> ChildProcess::wait_for_line(std::string_view marker,
                                                       std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  bool open = true;
  for (;;) {
    size_t eol;
    while ((eol = output_.find('\n', scanned_)) != std::string::npos) {
      last_line_ = output_.substr(scanned_, eol - scanned_);
      scanned_ = eol + 1;
      const size_t at = last_line_.find(marker);
      if (at != std::string::npos) return last_line_.substr(at + marker.size());
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!open || left.count() <= 0) return std::nullopt;
    open = read_some(std::min(left, std::chrono::milliseconds(100)));
  }
}

void ChildProcess::drain(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline && read_some(std::chrono::milliseconds(20))) {
  }
}

void ChildProcess::signal(int sig) { kill(pid_, sig); }

std::optional<int> ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (exit_code_) return exit_code_;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    // Drain output meanwhile so a chatty child never blocks on a full pipe; this also paces us.
    read_some(std::chrono::milliseconds(20));
  }
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  ChildProcess child(argv);
  auto code = child.wait_exit(timeout);
  child.drain(std::chrono::milliseconds(1000));
  return {code.value_or(-1), child.output()};
}

}  // namespace caseflow::testing
