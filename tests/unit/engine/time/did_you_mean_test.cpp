#include "engine/common/did_you_mean.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {
namespace {

constexpr std::array<std::string_view, 5> kKeys{"name", "time_zone", "working_hours",
                                                "working_weekdays", "years"};

TEST(EditDistance, CountsEditsAndAdjacentSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("tmie", "time"), 1u);
  EXPECT_EQ(edit_distance("time", "time"), 0u);
}

TEST(DidYouMean, SuggestsTheClosePlausibleName) {
  EXPECT_EQ(did_you_mean("time_zon", kKeys), "; did you mean 'time_zone'?");
  EXPECT_EQ(did_you_mean("timezone", kKeys), "; did you mean 'time_zone'?");
  EXPECT_EQ(did_you_mean("Years", kKeys), "; did you mean 'years'?");
  EXPECT_EQ(did_you_mean("workng_hours", kKeys), "; did you mean 'working_hours'?");
  EXPECT_EQ(did_you_mean("yaers", kKeys), "; did you mean 'years'?");
  EXPECT_EQ(closest_match("working_weekday", kKeys), "working_weekdays");
}

TEST(DidYouMean, StaysQuietWhenNothingIsClose) {
  EXPECT_EQ(did_you_mean("colour", kKeys), "");
  EXPECT_EQ(did_you_mean("x", kKeys), "");
  EXPECT_EQ(did_you_mean("name", kKeys), "");  // already right
  EXPECT_EQ(did_you_mean("anything", std::span<const std::string_view>()), "");
}

TEST(DidYouMean, WorksOnOwnedStrings) {
  const std::vector<std::string> zones{"Asia/Shanghai", "Asia/Singapore", "Europe/Berlin"};
  EXPECT_EQ(did_you_mean("Asia/Shangai", zones), "; did you mean 'Asia/Shanghai'?");
  EXPECT_EQ(closest_match("asia/shanghai", zones), "Asia/Shanghai");
}

}  // namespace
}  // namespace caseflow
