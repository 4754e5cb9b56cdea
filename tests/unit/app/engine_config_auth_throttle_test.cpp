// http.auth's wrong-credential throttle keys: read, checked where they are written, and turned
// into the throttle's options (the first lockout lasts one window).
#include <gtest/gtest.h>

#include "app/auth_setup.h"
#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

TEST(AuthThrottleConfig, DefaultsToTenFailuresAMinuteAndAQuarterHourAtMost) {
  const http::auth::ThrottleOptions o = throttle_options(AuthSettings{});
  EXPECT_EQ(o.threshold, 10u);
  EXPECT_EQ(o.window, Duration::seconds(60));
  EXPECT_EQ(o.first_penalty, Duration::seconds(60));
  EXPECT_EQ(o.max_penalty, Duration::seconds(900));
}

TEST(AuthThrottleConfig, ReadsTheKeysUnderHttpAuth) {
  TempFolder folder;
  Diagnostics problems;
  const auto config =
      load_engine_config(folder.write("c.yaml",
                                      "http:\n  auth: {failure_threshold: 5, failure_window_s: 30, "
                                      "max_lockout_s: 600}\n"),
                         problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  const auto o = throttle_options(config->http.auth);
  EXPECT_EQ(o.threshold, 5u);
  EXPECT_EQ(o.window, Duration::seconds(30));
  EXPECT_EQ(o.first_penalty, Duration::seconds(30));
  EXPECT_EQ(o.max_penalty, Duration::seconds(600));
}

TEST(AuthThrottleConfig, ZeroTurnsItOff) {
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(
      folder.write("c.yaml", "http:\n  auth: {failure_threshold: 0}\n"), problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_EQ(throttle_options(config->http.auth).threshold, 0u);
}

TEST(AuthThrottleConfig, ValuesOutOfRangeAreErrorsAtTheirPosition) {
  TempFolder folder;
  Diagnostics problems;
  const auto file = folder.write("c.yaml",
                                 "http:\n  auth:\n    failure_threshold: -1\n"
                                 "    failure_window_s: 120\n    max_lockout_s: 60\n");
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  ASSERT_EQ(problems.size(), 2u) << to_lines(problems);
  EXPECT_EQ(problems[0].to_string(),
            file.string() +
                ":3:24: error: failure_threshold must be between 0 (never lock out) and 1000000");
  EXPECT_EQ(problems[1].to_string(),
            file.string() +
                ":5:20: error: max_lockout_s must be between failure_window_s (the first "
                "lockout) and 86400");
}

}  // namespace
}  // namespace caseflow::app
