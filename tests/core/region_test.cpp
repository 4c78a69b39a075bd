#include <doctest/doctest.h>

#include "core/region.hpp"

TEST_CASE("region ids round-trip and unknown ids are refused") {
    for (core::RegionId region : core::all_regions) {
        auto parsed = core::parse_region(core::region_key(region));
        REQUIRE(parsed.has_value());
        CHECK(*parsed == region);
    }
    CHECK(core::region_key(core::RegionId::latam) == "latam");
    CHECK(core::region_name(core::RegionId::emea) == "EMEA");
    CHECK_FALSE(core::parse_region("Brazil").has_value());  // ids are lower case, exactly
    CHECK_FALSE(core::parse_region("").has_value());
    CHECK_FALSE(core::parse_region("europe").has_value());
}
