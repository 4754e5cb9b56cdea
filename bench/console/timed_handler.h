// The time the server spends on each request, for the console benchmark's account of where a
// page load's time goes: from the handler's call to its answer (reading the engine and writing
// the body; not the socket's write), and the CPU time the serving thread got meanwhile, one line
// on standard error per request:
//   request GET /api/v1/overview 200 171.8 ms (cpu 168.0 ms) 284441 B
// A wall time far above the CPU time means the thread waited for a core (another process had it).
// The CPU time is the I/O thread's, which both calls the handler and delivers the answer here.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include "connectors/http/message.h"

namespace caseflow::bench {

inline double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

inline http::Handler timed(http::Handler inner) {
  return [inner = std::move(inner)](http::Request&& request, const http::ClientAddress& from,
                                    http::Responder respond) {
    const auto started = std::chrono::steady_clock::now();
    const double cpu_started = thread_cpu_ms();
    std::string line = std::string(request.method_string()) + " " + std::string(request.target());
    inner(std::move(request), from,
          [started, cpu_started, line = std::move(line),
           respond = std::move(respond)](http::Response r) {
            const double ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
            std::fprintf(stderr, "request %s %u %.1f ms (cpu %.1f ms) %zu B\n", line.c_str(),
                         r.result_int(), ms, thread_cpu_ms() - cpu_started, r.body().size());
            std::fflush(stderr);
            respond(std::move(r));
          });
  };
}

}  // namespace caseflow::bench
