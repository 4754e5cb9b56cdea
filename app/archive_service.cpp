#include "app/archive_service.h"

namespace caseflow::app {

archive::ArchiveWriterOptions archive_writer_options(const EngineConfig& config,
                                                     const kafka::Properties& kafka) {
  archive::ArchiveWriterOptions o;
  o.kafka = kafka;
  o.topics = kafka::TopicNames(config.kafka.topic_prefix);
  o.group_id = config.archive.group_id;
  o.batch_records = static_cast<size_t>(config.archive.batch_records);
  o.where.path = config.archive.path.lexically_normal().string();
  o.where.url = config.archive.url;
  return o;
}

Result<std::unique_ptr<ArchiveService>> ArchiveService::start(
    archive::ArchiveWriterOptions options, archive::ArchiveProbe& probe,
    std::function<void(const Status&)> on_exit) {
  auto writer = archive::ArchiveWriter::create(std::move(options), probe);
  if (!writer) return writer.error();
  std::unique_ptr<ArchiveService> s(new ArchiveService());
  s->writer_ = std::move(*writer);
  ArchiveService* self = s.get();
  s->thread_ = std::thread([self, on_exit = std::move(on_exit)] {
    self->result_ = self->writer_->run();
    self->exited_.store(true);
    if (!self->stopping_.load() && on_exit) on_exit(self->result_);
  });
  return s;
}

ArchiveService::~ArchiveService() { (void)stop(); }

Status ArchiveService::stop() {
  stopping_.store(true);
  writer_->stop();
  if (thread_.joinable()) thread_.join();
  return result_;
}

void ArchiveService::describe(runtime::Readiness& readiness) const {
  if (exited_.load() && !stopping_.load()) {
    readiness.archive = "degraded";
    readiness.archive_reason = result_ ? "the archive writer stopped"
                                       : "the archive writer stopped: " + result_.error().message;
    return;
  }
  const archive::ArchiveHealth h = writer_->health();
  readiness.archive = h.healthy ? "ok" : "degraded";
  readiness.archive_reason = h.reason;
}

}  // namespace caseflow::app
