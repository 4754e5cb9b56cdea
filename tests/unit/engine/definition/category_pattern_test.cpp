#include "engine/definition/category_pattern.h"

#include <gtest/gtest.h>

namespace caseflow::definition {
namespace {

TEST(CategoryPattern, ReadsTheThreeForms) {
  const auto exact = CategoryPattern::parse("parking.illegal");
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->kind(), CategoryPattern::Kind::exact);
  const auto prefix = CategoryPattern::parse("parking.*");
  ASSERT_TRUE(prefix);
  EXPECT_EQ(prefix->kind(), CategoryPattern::Kind::prefix);
  EXPECT_EQ(prefix->stem(), "parking");
  const auto any = CategoryPattern::parse("*");
  ASSERT_TRUE(any);
  EXPECT_EQ(any->kind(), CategoryPattern::Kind::any);
}

TEST(CategoryPattern, RefusesMalformedCodes) {
  for (const char* bad : {"", ".", "parking.", ".parking", "parking..x", "Parking", "parking.*.x",
                          "parking*", "*.x", "park ing", "parking.**"})
    EXPECT_FALSE(CategoryPattern::parse(bad)) << "'" << bad << "'";
}

TEST(CategoryPattern, PrefixNeedsSomethingAfterTheDot) {
  const auto prefix = *CategoryPattern::parse("parking.*");
  EXPECT_TRUE(prefix.matches("parking.illegal"));
  EXPECT_TRUE(prefix.matches("parking.illegal.night"));
  EXPECT_FALSE(prefix.matches("parking"));
  EXPECT_FALSE(prefix.matches("parking."));
  EXPECT_FALSE(prefix.matches("parkingx.illegal"));
}

TEST(CategoryPattern, SpecificityOrdersExactThenLongerPrefixThenAny) {
  const int exact = CategoryPattern::parse("a.b.c")->specificity();
  const int long_prefix = CategoryPattern::parse("a.b.*")->specificity();
  const int short_prefix = CategoryPattern::parse("a.*")->specificity();
  const int any = CategoryPattern::parse("*")->specificity();
  EXPECT_GT(exact, long_prefix);
  EXPECT_GT(long_prefix, short_prefix);
  EXPECT_GT(short_prefix, any);
}

}  // namespace
}  // namespace caseflow::definition
