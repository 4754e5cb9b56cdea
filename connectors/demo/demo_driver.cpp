#include "connectors/demo/demo_driver.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <ctime>
#include <iostream>
#include <map>
#include <mutex>
#include <set>

#include "connectors/demo/complaints.h"
#include "connectors/kafka/client_config.h"
#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/handles.h"
#include "connectors/kafka/producer.h"
#include "connectors/privacy/phone_vault.h"
#include "engine/events/phone_mask.h"

namespace caseflow::demo {

namespace asio = boost::asio;
namespace json = boost::json;
using Timer = asio::steady_timer;

struct DemoDriver::Impl : std::enable_shared_from_this<DemoDriver::Impl> {
  struct CaseRun {
    Plan plan = Plan::prompt;
    int dispatches = 0;
  };

  Impl(asio::io_context& io, DemoOptions o, std::string b)
      : io(io),
        options(std::move(o)),
        bootstrap(std::move(b)),
        out(options.out ? *options.out : std::cout),
        source(options.seed, options.grids),
        report_timer(io),
        poll_timer(io),
        run_stamp(std::to_string(std::time(nullptr))) {}

  asio::io_context& io;
  const DemoOptions options;
  const std::string bootstrap;
  std::ostream& out;
  ComplaintSource source;
  Timer report_timer;
  Timer poll_timer;
  const std::string run_stamp;
  std::unique_ptr<kafka::Producer> producer;
  kafka::ClientHandle consumer;
  std::map<std::string, CaseRun> cases;
  std::set<std::shared_ptr<Timer>> pending;
  bool stopped = false;
  uint64_t event_seq = 0;
  mutable std::mutex stats_mutex;  // stats are read from other threads
  DemoStats stats;

  std::string case_id(uint64_t n) const { return "demo-" + run_stamp + "-" + std::to_string(n); }
  std::string events_topic() const { return options.topic_prefix + ".events"; }
  std::chrono::milliseconds scaled(double seconds) const {
    return std::chrono::milliseconds(
        static_cast<int64_t>(seconds * 1000.0 / std::max(options.time_scale, 1e-3)));
  }
  template <typename F>
  void count(F f) {
    std::lock_guard lock(stats_mutex);
    f(stats);
  }

  void produce(const std::string& key, const json::object& event) {
    if (auto err = producer->produce(events_topic(), key, json::serialize(event))) {
      count([](DemoStats& s) { ++s.produce_errors; });
      out << "demo: could not produce for " << key << ": " << err.describe() << std::endl;
    }
  }

  json::object envelope(const std::string& type, const std::string& case_id,
                        const std::string& source_path) {
    json::object e;
    e["specversion"] = "1.0";
    e["id"] = case_id + "-demo-" + std::to_string(++event_seq);
    e["source"] = source_path;
    e["type"] = type;
    e["subject"] = case_id;
    e["datacontenttype"] = "application/json";
    return e;
  }

  void after(double seconds, std::function<void()> action) {
    auto timer = std::make_shared<Timer>(io, scaled(seconds));
    pending.insert(timer);
    timer->async_wait([self = shared_from_this(), timer,
                       action = std::move(action)](const boost::system::error_code& ec) {
      self->pending.erase(timer);
      if (!ec && !self->stopped) action();
    });
  }

  void schedule_report() {
    report_timer.expires_after(scaled(std::chrono::duration<double>(options.report_every).count()));
    report_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec || self->stopped) return;
      self->report();
      uint64_t reported = 0;
      self->count([&](DemoStats& s) { reported = s.reported; });
      if (self->options.max_reports == 0 || reported < self->options.max_reports)
        self->schedule_report();
    });
  }

  void report() {
    const Complaint c = source.next_complaint();
    const Plan plan = source.next_plan();
    uint64_t n = 0;
    count([&](DemoStats& s) { n = ++s.reported; });
    const std::string id = case_id(n);
    cases[id] = CaseRun{plan, 0};
    json::object e = envelope("caseflow.case.reported", id, "/demo/hotline/12345");
    json::object data;
    data["category"] = c.category;
    data["description"] = c.description;
    data["grid_id"] = c.grid_id;
    data["urgency"] = c.urgency;
    data["channel"] = c.channel;
    if (c.reporter == "anonymous") {
      data["reporter"] = c.reporter;
    } else if (options.phone_vault) {
      data["reporter"] = json::object{{"sealed_phone", options.phone_vault->seal(c.reporter, id)}};
    } else {
      data["reporter"] = events::mask_phone(c.reporter);
    }
    e["data"] = std::move(data);
    produce(id, e);
    out << "demo: reported " << id << " " << c.category << " (" << c.urgency << ") in grid "
        << c.grid_id << " — the units will be " << to_string(plan) << std::endl;
  }

  void unit_event(const std::string& type, const std::string& id, const std::string& unit,
                  json::object data) {
    json::object e = envelope(type, id, "/demo/units/" + unit);
    data["unit"] = unit;
    e["data"] = std::move(data);
    produce(id, e);
  }

  void handle_and_resolve(const std::string& id, const std::string& unit, double resolve_after) {
    after(source.seconds(2, 6), [this, id, unit, resolve_after] {
      unit_event("caseflow.case.signed", id, unit, {});
      count([](DemoStats& s) { ++s.signed_; });
      out << "demo: " << unit << " signed " << id << std::endl;
      after(resolve_after, [this, id, unit] {
        json::object data;
        data["note"] = "Handled on site by the demo unit";
        unit_event("caseflow.case.resolved", id, unit, std::move(data));
        count([](DemoStats& s) { ++s.resolved; });
        out << "demo: " << unit << " resolved " << id << std::endl;
        after(source.seconds(3, 8), [this, id] {
          const Rating r = source.next_rating();
          json::object e = envelope("caseflow.case.rated", id, "/demo/revisit");
          json::object data;
          data["solved"] = r.solved;
          data["satisfaction"] = r.satisfaction;
          e["data"] = std::move(data);
          produce(id, e);
          count([](DemoStats& s) { ++s.rated; });
          out << "demo: resident rated " << id << ": " << r.solved << ", " << r.satisfaction
              << std::endl;
        });
      });
    });
  }

  void on_dispatched(const std::string& id, const std::string& unit) {
    auto it = cases.find(id);
    if (it == cases.end()) return;  // not one of this run's cases
    count([](DemoStats& s) { ++s.dispatches_seen; });
    CaseRun& run = it->second;
    const int nth = ++run.dispatches;
    auto ignore = [&] {
      count([](DemoStats& s) { ++s.ignored; });
      out << "demo: " << unit << " ignores " << id << " (watch for the warning and escalation)"
          << std::endl;
    };
    switch (run.plan) {
      case Plan::ignore_all:
        return ignore();
      case Plan::ignore_first:
        if (nth == 1) return ignore();
        return handle_and_resolve(id, unit, source.seconds(8, 25));
      case Plan::return_first:
        if (nth == 1) {
          after(source.seconds(2, 5), [this, id, unit] {
            json::object data;
            data["reason"] = "not_our_area";
            data["note"] = "This address belongs to the next community";
            unit_event("caseflow.case.returned", id, unit, std::move(data));
            count([](DemoStats& s) { ++s.returned; });
            out << "demo: " << unit << " returned " << id << std::endl;
          });
          return;
        }
        return handle_and_resolve(id, unit, source.seconds(8, 25));
      case Plan::slow:
        return handle_and_resolve(id, unit, source.seconds(70, 100));
      case Plan::prompt:
        return handle_and_resolve(id, unit, source.seconds(8, 25));
    }
  }

  void poll() {
    for (int i = 0; i < 500; ++i) {
      kafka::MessageHandle m(rd_kafka_consumer_poll(consumer.get(), 0));
      if (!m) break;
      if (m->err || !m->payload) continue;
      const std::string_view value(static_cast<const char*>(m->payload), m->len);
      if (value.find("\"caseflow.case.dispatched\"") == std::string_view::npos) continue;
      boost::system::error_code ec;
      const json::value event = json::parse(value, ec);
      if (ec || !event.is_object()) continue;
      const auto* subject = event.as_object().if_contains("subject");
      if (!subject || !subject->is_string() || !m->key) continue;
      const std::string unit(static_cast<const char*>(m->key), m->key_len);
      on_dispatched(std::string(subject->as_string()), unit);
    }
    producer->poll();
    poll_timer.expires_after(std::chrono::milliseconds(50));
    poll_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec && !self->stopped) self->poll();
    });
  }
};

std::map<std::string, std::string> demo_producer_properties(const std::string& bootstrap,
                                                            const DemoOptions& options) {
  kafka::Properties props = kafka::producer_properties(options.kafka);
  props["bootstrap.servers"] = bootstrap;
  return props;
}

std::map<std::string, std::string> demo_consumer_properties(const std::string& bootstrap,
                                                            const DemoOptions& options) {
  kafka::Properties props = options.kafka;
  props["bootstrap.servers"] = bootstrap;
  props["group.id"] = "caseflow-demo-units";
  props["enable.auto.commit"] = "false";
  return props;
}

Result<std::unique_ptr<DemoDriver>> DemoDriver::start(asio::io_context& io,
                                                      const std::string& bootstrap,
                                                      DemoOptions options) {
  if (options.unit_topics.empty()) {
    for (const char* level : {"grid", "community", "street"})
      options.unit_topics.push_back(options.topic_prefix + ".stage." + level);
  }
  auto impl = std::make_shared<Impl>(io, std::move(options), bootstrap);
  auto producer = kafka::Producer::create(demo_producer_properties(bootstrap, impl->options));
  if (!producer) return Error{"kafka", "demo producer: " + producer.error().message};
  impl->producer = std::move(*producer);
  auto consumer =
      kafka::make_client(RD_KAFKA_CONSUMER, demo_consumer_properties(bootstrap, impl->options));
  if (!consumer) return Error{"kafka", "demo consumer: " + consumer.error().message};
  impl->consumer = std::move(*consumer);

  // Every partition of the unit topics from the beginning; only this run's cases are answered.
  std::vector<kafka::TopicPartition> all;
  for (const auto& topic : impl->options.unit_topics) {
    rd_kafka_topic_t* t = rd_kafka_topic_new(impl->consumer.get(), topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(impl->consumer.get(), 0, t, &md, 10'000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        for (int p = 0; p < md->topics[0].partition_cnt; ++p)
          all.push_back({topic, p, RD_KAFKA_OFFSET_BEGINNING});
      }
      rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(t);
  }
  if (all.empty()) return Error{"kafka", "demo: none of the unit topics exists on " + bootstrap};
  auto list = kafka::to_list(all);
  if (auto err = rd_kafka_assign(impl->consumer.get(), list.get()))
    return Error{"kafka", std::string("demo: assign: ") + rd_kafka_err2str(err)};

  const std::string first = impl->case_id(1);
  const std::string& base = impl->options.http_base;
  impl->out << "caseflow demo: a complaint every "
            << std::chrono::duration<double>(impl->options.report_every).count() /
                   std::max(impl->options.time_scale, 1e-3)
            << " s; simulated units answer on " << impl->options.unit_topics.front()
            << " and the other stage topics.\n"
            << "  metrics:  " << base << "/metrics\n"
            << "  a case:   " << base << "/api/v1/cases/" << first << "\n"
            << "  a stage:  kcat -b " << bootstrap << " -C -t " << impl->options.unit_topics.front()
            << " -f '%k %s\\n'\n"
            << "  alerts:   kcat -b " << bootstrap << " -C -t " << impl->options.topic_prefix
            << ".alerts -f '%s\\n'\n"
            << "  Warnings, escalations and supervision (督办) follow within a minute or two."
            << std::endl;
  impl->schedule_report();
  impl->poll();
  return std::unique_ptr<DemoDriver>(new DemoDriver(impl));
}

DemoDriver::~DemoDriver() { stop(); }

void DemoDriver::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  impl_->report_timer.cancel();
  impl_->poll_timer.cancel();
  for (const auto& t : impl_->pending) t->cancel();
  impl_->pending.clear();
  impl_->producer->flush(5'000);
  rd_kafka_consumer_close(impl_->consumer.get());
}

DemoStats DemoDriver::stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->stats;
}

std::string DemoDriver::first_case_id() const { return impl_->case_id(1); }

}  // namespace caseflow::demo
