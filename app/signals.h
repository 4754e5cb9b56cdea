// Shutdown and reload signals, handled the one safe way: blocked in every thread, and taken
// synchronously with sigwait() by the thread that owns the process (main's).
#pragma once

#include <csignal>

namespace caseflow::app {

// Blocks SIGINT, SIGTERM and SIGHUP in this thread and every thread started after it. Call first
// thing, before any library starts a thread.
sigset_t block_process_signals();

// Waits for one of `signals`; returns its number.
int wait_for_signal(const sigset_t& signals);

}  // namespace caseflow::app
