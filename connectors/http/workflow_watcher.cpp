#include "connectors/http/workflow_watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <set>

namespace caseflow::http {

namespace asio = boost::asio;

Result<std::unique_ptr<WorkflowWatcher>> WorkflowWatcher::create(
    asio::io_context& io, const std::vector<std::filesystem::path>& paths,
    std::function<void()> on_change, std::chrono::milliseconds quiet) {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Error{"watch_failed", "inotify_init1 failed"};
  std::unique_ptr<WorkflowWatcher> w(new WorkflowWatcher(io, std::move(on_change), quiet));
  w->inotify_.assign(fd);
  std::set<std::filesystem::path> folders;
  for (const auto& p : paths) {
    std::error_code ec;
    folders.insert(std::filesystem::is_directory(p, ec) ? p : p.parent_path());
  }
  for (const auto& folder : folders) {
    const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;
    if (inotify_add_watch(fd, folder.c_str(), mask) < 0) {
      return Error{"watch_failed", "cannot watch " + folder.string()};
    }
  }
  w->read();
  return w;
}

WorkflowWatcher::WorkflowWatcher(asio::io_context& io, std::function<void()> on_change,
                                 std::chrono::milliseconds quiet)
    : inotify_(io), quiet_timer_(io), on_change_(std::move(on_change)), quiet_(quiet) {}

WorkflowWatcher::~WorkflowWatcher() {
  *alive_ = false;
  boost::system::error_code ignored;
  quiet_timer_.cancel();
  inotify_.close(ignored);
}

void WorkflowWatcher::read() {
  inotify_.async_read_some(
      asio::buffer(buffer_), [this, alive = alive_](boost::system::error_code ec, size_t) {
        if (!*alive || ec) return;
        // Any event counts; names do not matter (a reload reads everything anyway).
        quiet_timer_.expires_after(quiet_);
        quiet_timer_.async_wait([this, alive](boost::system::error_code wait_ec) {
          if (*alive && !wait_ec) on_change_();
        });
        read();
      });
}

}  // namespace caseflow::http
