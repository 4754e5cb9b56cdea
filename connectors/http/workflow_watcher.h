// Watches the definition folders with inotify on the io_context (no thread) and calls back once
// things have been quiet for a moment after a change — so an editor's save (write, rename,
// delete of a backup) triggers one reload, not five. Optional: config `workflows.watch`.
//
// Thread rules: create and destroy on the io_context's thread; the callback runs there.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "engine/common/result.h"

namespace caseflow::http {

class WorkflowWatcher {
 public:
  // Watches every folder of `paths` (for a file: its folder). `on_change` runs `quiet` after the
  // last change seen. Errors: watch_failed (inotify unavailable, a folder missing).
  static Result<std::unique_ptr<WorkflowWatcher>> create(
      boost::asio::io_context& io, const std::vector<std::filesystem::path>& paths,
      std::function<void()> on_change,
      std::chrono::milliseconds quiet = std::chrono::milliseconds(300));
  ~WorkflowWatcher();

 private:
  WorkflowWatcher(boost::asio::io_context& io, std::function<void()> on_change,
                  std::chrono::milliseconds quiet);
  void read();

  boost::asio::posix::stream_descriptor inotify_;
  boost::asio::steady_timer quiet_timer_;
  const std::function<void()> on_change_;
  const std::chrono::milliseconds quiet_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  char buffer_[4096];
};

}  // namespace caseflow::http
