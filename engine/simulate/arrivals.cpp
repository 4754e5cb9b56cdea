#include "engine/simulate/arrivals.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace caseflow::simulate {
namespace {

constexpr uint64_t kArrivalSalt = 0x61727269'76616c73ULL;  // "arrivals"

std::vector<double> weights_of(const std::vector<Weighted>& items) {
  std::vector<double> w;
  for (const auto& i : items) w.push_back(i.weight);
  return w;
}

std::vector<double> weights_of(const std::vector<HotSpot>& items) {
  std::vector<double> w;
  for (const auto& i : items) w.push_back(i.weight);
  return w;
}

}  // namespace

Arrivals::Arrivals(const LoadModel& model, const std::vector<std::string>& grids,
                   const WorkTime& days, uint64_t seed, const std::vector<Arrival>* replay)
    : model_(model),
      grids_(grids),
      days_(days),
      replay_(replay),
      random_(Random::stream(seed, 0, kArrivalSalt)),
      hours_(model.hourly),
      categories_(weights_of(model.categories)),
      urgencies_(model.urgency),
      channels_(weights_of(model.channels)),
      hot_spots_(weights_of(model.hot_spots)) {
  if (replay_) {
    const Instant start = days_.day_start(0);
    while (replay_next_ < replay_->size() && (*replay_)[replay_next_].at < start) ++replay_next_;
  }
}

void Arrivals::fill_day() {
  times_.clear();
  next_ = 0;
  ++day_;
  if (day_ >= days_.days()) return;
  const DayKind kind = days_.kind(day_);
  const double factor = kind == DayKind::holiday   ? model_.holiday_factor
                        : kind == DayKind::weekend ? model_.weekend_factor
                                                   : 1.0;
  const double before = carried_;
  carried_ += std::max(0.0, model_.reports_per_day * factor);
  const auto count = static_cast<size_t>(std::floor(carried_ + 1e-9) - std::floor(before + 1e-9));
  const Instant begin = days_.day_start(day_), end = days_.day_start(day_ + 1);
  times_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const auto hour = static_cast<int64_t>(hours_.pick(random_));
    const auto within = static_cast<int64_t>(random_.uniform() * 3'600'000.0);
    Instant t = begin + Duration::hours(hour) + Duration::millis(within);
    if (t >= end) t = end - Duration::millis(1);  // a 23-hour day (daylight saving)
    times_.push_back(t);
  }
  std::sort(times_.begin(), times_.end());
  const LocalDate date = days_.date(day_);
  date_digits_ = date.to_string();
  std::erase(date_digits_, '-');
}

Instant Arrivals::next_at() {
  if (replay_) {
    if (replay_next_ >= replay_->size()) return Instant::max();
    const Instant at = (*replay_)[replay_next_].at;
    return at < days_.day_start(days_.days()) ? at : Instant::max();
  }
  while (next_ >= times_.size()) {
    if (day_ >= days_.days()) return Instant::max();
    fill_day();
  }
  return times_[next_];
}

void Arrivals::take(events::CaseEvent& out) {
  if (replay_) {
    out = (*replay_)[replay_next_++].report;
    out.type = events::EventType::reported;
    return;
  }
  ++next_;
  ++issued_;
  out.type = events::EventType::reported;
  out.case_id.assign("S-").append(date_digits_).push_back('-');
  // Six digits at least, as the simulator reads them back.
  std::array<char, 20> digits{};
  size_t count = 0;
  for (size_t n = next_; count == 0 || n > 0; n /= 10)
    digits[count++] = static_cast<char>('0' + n % 10);
  for (size_t pad = count; pad < 6; ++pad) out.case_id.push_back('0');
  while (count > 0) out.case_id.push_back(digits[--count]);
  out.event_id.clear();
  out.source = "/simulate";
  out.category = model_.categories.empty() ? std::string("general")
                                           : model_.categories[categories_.pick(random_)].value;
  out.urgency = static_cast<definition::Urgency>(urgencies_.pick(random_));
  out.channel =
      model_.channels.empty() ? std::string() : model_.channels[channels_.pick(random_)].value;
  const bool hot = !model_.hot_spots.empty() && random_.chance(model_.hot_spot_share);
  if (hot || grids_.empty()) {
    out.grid_id = model_.hot_spots.empty() ? std::string()
                                           : model_.hot_spots[hot_spots_.pick(random_)].grid_id;
  } else {
    out.grid_id = grids_[static_cast<size_t>(random_.next() % grids_.size())];
  }
}

}  // namespace caseflow::simulate
