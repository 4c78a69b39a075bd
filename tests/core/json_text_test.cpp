// core::parse_json: one JSON document or a discarded value, never an exception, whatever the text.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "core/json_text.hpp"

using core::parse_json;

TEST_CASE("one JSON document parses; anything else is a discarded value") {
    const auto doc = parse_json(R"( {"a": [1, -2, 3.25, 1e3, "x\u00e9", true, null], "b": {"c": 18446744073709551615}} )");
    REQUIRE(doc.is_object());
    CHECK(doc["a"][0] == 1);
    CHECK(doc["a"][1] == -2);
    CHECK(doc["a"][2].get<double>() == 3.25);
    CHECK(doc["a"][3].get<double>() == 1000.0);
    CHECK(doc["a"][4] == "x\xC3\xA9");
    CHECK(doc["a"][5] == true);
    CHECK(doc["a"][6].is_null());
    CHECK(doc["b"]["c"].get<unsigned long long>() == 18446744073709551615ull);
    CHECK(parse_json("7").get<int>() == 7);
    CHECK(parse_json("\"\"").get<std::string>().empty());
    for (const char* bad : {"", " ", "{", "[1,]", "{\"a\":1}x", "{\"a\":1} {}", "nul", "01", "1.", "\"\\u12\"", "[1 2]",
                            "{\"a\" 1}", "\"\x01\"", "\xFF", "-", "1e", "[", "]"}) {
        CAPTURE(bad);
        CHECK(parse_json(bad).is_discarded());
    }
}

TEST_CASE("numbers with a fraction or an exponent parse to the nearest double") {
    // Values a shortest round trip prints; each needs the correctly rounded conversion.
    const std::pair<const char*, double> cases[] = {
        {"0.1", 0.1}, {"0.3", 0.3}, {"2.5e-3", 2.5e-3}, {"1.7976931348623157e308", 1.7976931348623157e308},
        {"4.9406564584124654e-324", 4.9406564584124654e-324}, {"2.2250738585072014e-308", 2.2250738585072014e-308},
        {"9007199254740993.0", 9007199254740992.0}, {"0.30000000000000004", 0.30000000000000004},
        {"123456789012345678901234567890e-10", 12345678901234567890.1234567890}, {"-0.0", -0.0}, {"1e-400", 0.0},
        {"3.141592653589793238462643383279", 3.141592653589793}, {"1.00000000000000011102230246251565404236316680908203125", 1.0},
        {"1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002}};
    for (const auto& c : cases) {  // not a structured binding: clang 14 cannot CAPTURE one
        CAPTURE(c.first);
        const auto doc = parse_json(c.first);
        REQUIRE(doc.is_number_float());
        CHECK(doc.get<double>() == c.second);
    }
    CHECK(parse_json("1e400").is_discarded());  // beyond a double: nlohmann_json refuses the document
    CHECK(parse_json("-1e400").is_discarded());
}
