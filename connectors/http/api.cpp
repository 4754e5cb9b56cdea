#include "connectors/http/api.h"

#include "connectors/http/archived_case.h"

#include <boost/asio/post.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

namespace caseflow::http {

Api::Api(boost::asio::io_context& io, ApiSettings settings, ApiDependencies deps)
    : io_(io),
      settings_(std::move(settings)),
      deps_(std::move(deps)),
      ids_(settings_.instance_id),
      throttle_(settings_.throttle) {}

Instant Api::now() const {
  if (deps_.clock) return deps_.clock();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Instant::from_unix_millis(ms.count());
}

std::optional<std::string> Api::not_ready() const {
  if (!deps_.readiness) return std::nullopt;
  runtime::Readiness r = deps_.readiness();
  if (r.ready) return std::nullopt;
  return r.reason.empty() ? std::string("not ready") : r.reason;
}

void Api::handle(Request&& request, const ClientAddress& from, Responder respond) {
  auto target = parse_target(request.target());
  if (!target) {
    respond(api_error(Status::bad_request, "bad_target", "the request target is not valid"));
    return;
  }
  const std::string& path = target->path;
  if (path.rfind("/open311/", 0) == 0) {
    open311(std::move(request), *target, from, std::move(respond));
  } else if (path.rfind("/api/v1/", 0) == 0) {
    admin(std::move(request), *target, from, std::move(respond));
  } else if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
    if (request.method() != beast_http::verb::get) {
      Response r =
          api_error(Status::method_not_allowed, "method_not_allowed", path + " answers GET only");
      r.set(beast_http::field::allow, "GET");
      respond(std::move(r));
      return;
    }
    health(*target, respond);
  } else if (path == "/console" || path.rfind("/console/", 0) == 0) {
    respond(serve_static(request, path, "/console", deps_.console));
  } else {
    respond(api_error(Status::not_found, "not_found", "no such path: " + path));
  }
}

void Api::health(const Target& t, Responder& respond) {
  if (t.path == "/healthz") {
    respond(make_response(Status::ok, kJson, R"({"status":"ok"})"));
    return;
  }
  if (t.path == "/readyz") {
    if (auto reason = not_ready()) {
      respond(api_error(Status::service_unavailable, "not_ready", *reason));
      return;
    }
    const runtime::Readiness r = deps_.readiness ? deps_.readiness() : runtime::Readiness{};
    if (r.archive.empty()) {
      respond(make_response(Status::ok, kJson, R"({"status":"ready"})"));
      return;
    }
    // The archive never makes intake unready: a degraded archive only delays history.
    boost::json::object archive{{"status", r.archive}};
    if (!r.archive_reason.empty()) archive["reason"] = r.archive_reason;
    const boost::json::object body{{"status", "ready"}, {"archive", std::move(archive)}};
    respond(make_response(Status::ok, kJson, boost::json::serialize(body)));
    return;
  }
  // /metrics
  if (!deps_.metrics) {
    respond(make_response(Status::ok, kPrometheusText, ""));
    return;
  }
  respond(make_response(Status::ok, kPrometheusText, deps_.metrics()));
}

void Api::read_engines(Responder respond, ReadJob job, bool open311, Format format) {
  read_engines_then(
      std::move(respond),
      [job = std::move(job)](const runtime::EngineReader& reader) -> Next {
        return [render = job(reader)](Responder answer) { answer(render()); };
      },
      open311, format);
}

void Api::read_engines_then(Responder respond, ReadThenJob job, bool open311, Format format) {
  auto fail = [&](Status status, std::string_view code, const std::string& message) {
    respond(open311 ? open311_error(status, message, format) : api_error(status, code, message));
  };
  if (deps_.engines == nullptr) {
    fail(Status::service_unavailable, "not_ready", "engine state is not available here");
    return;
  }
  if (pending_reads_ >= settings_.max_pending_reads) {
    fail(Status::service_unavailable, "overloaded",
         "overloaded: " + std::to_string(settings_.max_pending_reads) +
             " reads are waiting for the engine; try again shortly");
    return;
  }
  ++pending_reads_;
  auto counter = pending_reads_counter_;
  auto answer = std::make_shared<Responder>(std::move(respond));
  boost::asio::io_context* io = &io_;
  const bool queued = deps_.engines->submit(
      [job = std::move(job), answer, counter, io](const runtime::EngineReader& reader) {
        --*counter;
        Next next = job(reader);
        // Rendering (JSON/XML text) happens on the io_context, not on the processing thread.
        boost::asio::post(*io, [next = std::move(next), answer] { next(std::move(*answer)); });
      });
  if (!queued) {
    --pending_reads_;
    const Response r =
        open311 ? open311_error(Status::service_unavailable, "the engine has stopped", format)
                : api_error(Status::service_unavailable, "stopped", "the engine has stopped");
    (*answer)(r);
  }
}

void Api::read_archive(Responder respond, ArchiveJob job, bool open311, Format format) {
  auto error = [open311, format](std::string_view code, const std::string& message) {
    return open311 ? open311_error(Status::service_unavailable, message, format)
                   : api_error(Status::service_unavailable, code, message);
  };
  if (deps_.archive == nullptr) {
    respond(error("archive_unavailable", "no case archive is configured here"));
    return;
  }
  auto answer = std::make_shared<Responder>(std::move(respond));
  const auto submitted = deps_.archive->read<Next>(
      io_.get_executor(), std::move(job), [answer, error](Result<Next> next) {
        if (!next) {
          (*answer)(error("archive_unavailable",
                          "the case archive cannot be read: " + next.error().message));
          return;
        }
        (*next)(std::move(*answer));
      });
  switch (submitted) {
    case ArchiveReader::Submitted::queued:
      return;
    case ArchiveReader::Submitted::full:
      (*answer)(error("overloaded",
                      "overloaded: too many reads are waiting for the case archive; "
                      "try again shortly"));
      return;
    case ArchiveReader::Submitted::stopped:
      (*answer)(error("stopped", "the case archive reader has stopped"));
      return;
  }
}

void Api::case_on_other_instance(std::shared_ptr<const Request> origin, const std::string& id,
                                 bool open311, Format format, bool with_history, RenderCase render,
                                 Responder respond) {
  if (deps_.router == nullptr || origin == nullptr) {
    return case_not_held(id, true, open311, format, with_history, std::move(render),
                         std::move(respond));
  }
  deps_.router->route(*origin, id, std::move(respond),
                      [this, id, open311, format, with_history, render = std::move(render)](
                          std::optional<Error> owner_problem, Responder answer) {
                        case_not_held(id, true, open311, format, with_history, render,
                                      std::move(answer), std::move(owner_problem));
                      });
}

void Api::case_not_held(const std::string& id, bool elsewhere, bool open311, Format format,
                        bool with_history, RenderCase render, Responder respond,
                        std::optional<Error> owner_problem) {
  auto unknown = [id, open311, format] {
    return open311 ? open311_error(Status::not_found, "no request " + id, format)
                   : api_error(Status::not_found, "unknown_case", "no case " + id);
  };
  if (deps_.archive == nullptr) {
    if (elsewhere) return case_elsewhere(id, open311, format, std::move(respond), owner_problem);
    return respond(unknown());
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_archive(
      std::move(respond),
      [this, id, elsewhere, open311, format, with_history, setup, render = std::move(render),
       unknown, owner_problem](archive::ArchiveStore& store) -> Result<Next> {
        auto row = store.find(id);
        if (!row) return row.error();
        if (!*row) {
          return Next(
              [this, id, elsewhere, open311, format, unknown, owner_problem](Responder answer) {
                if (elsewhere) {
                  return case_elsewhere(id, open311, format, std::move(answer), owner_problem);
                }
                answer(unknown());
              });
        }
        std::vector<archive::HistoryRow> history;
        if (with_history) {
          auto read = store.history(id);
          if (!read) return read.error();
          history = std::move(*read);
        }
        return Next([info = archived_case(**row, history, setup.get()), render](Responder answer) {
          answer(render(info));
        });
      },
      open311, format);
}

void Api::case_elsewhere(const std::string& id, bool open311, Format format, Responder respond,
                         const std::optional<Error>& owner_problem) {
  if (owner_problem) {
    const std::string message = "case " + id + " is held by another instance, which cannot be " +
                                "asked now (" + owner_problem->message + "); try again shortly";
    if (open311) return respond(open311_error(Status::service_unavailable, message, format));
    return respond(api_error(Status::service_unavailable, "owner_unreachable", message));
  }
  if (open311) {
    return respond(open311_error(Status::not_found,
                                 "request " + id +
                                     " is not on this instance (its partition is owned by "
                                     "another instance, or not restored yet)",
                                 format));
  }
  respond(api_error(Status::not_found, "not_on_this_instance",
                    "case " + id +
                        " is not on this instance: its partition is owned by another "
                        "instance (or not restored yet); ask that instance"));
}

}  // namespace caseflow::http
