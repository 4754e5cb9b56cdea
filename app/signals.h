// Shutdown and reload signals, handled the one safe way: blocked in every thread, and taken
// synchronously with sigwait() by the thread that owns the process (main's).
#pragma once

#include <chrono>
#include <csignal>
#include <optional>

namespace caseflow::app {

// Blocks SIGINT, SIGTERM and SIGHUP in this thread and every thread started after it. Call first
// thing, before any library starts a thread.
sigset_t block_process_signals();

// Waits for one of `signals`; returns its number.
int wait_for_signal(const sigset_t& signals);

// Waits for one of `signals` at most `timeout`; returns its number, or nullopt when none came.
std::optional<int> wait_for_signal_for(const sigset_t& signals, std::chrono::milliseconds timeout);

}  // namespace caseflow::app
