// POST /api/sla/preview: the body as the server reads it (core::parse_sla_preview_request), then the
// preview on the built-in regions and its JSON, as the route answers. Checks: the answer is JSON whose
// times are RFC 3339 and read back to the instants computed (opened_at the one asked for); the deadline
// is not before the opening; a closed team names when it opens, not before; no exception.
#include <nlohmann/json.hpp>

#include "core/assets.hpp"
#include "core/sla_api.hpp"
#include "fuzz.hpp"

namespace {

const core::SupportRegions& regions() {
    static const core::SupportRegions built_in = core::parse_regions(core::assets::regions_json()).value();
    return built_in;
}

core::UtcSeconds read_time(const nlohmann::json& value) {
    FUZZ_CHECK(value.is_string());
    const auto instant = core::parse_rfc3339(value.get<std::string>());
    FUZZ_CHECK(instant.has_value());
    return *instant;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    fuzz::guard([&] {
        auto request = core::parse_sla_preview_request(fuzz::bytes(data, size));
        if (!request) {
            FUZZ_CHECK(!request.error().code.empty() && !request.error().message.empty());
            return;
        }
        const core::UtcSeconds now = 1772835300;  // 2026-03-06T22:15:00Z, the contract's example
        const core::UtcSeconds opened_at = request.value().opened_at.value_or(now);
        const auto preview = core::preview_sla(regions().get(request.value().region), request.value().priority, opened_at);
        const auto answer = nlohmann::json::parse(core::sla_preview_json(preview), nullptr, false);
        FUZZ_CHECK(answer.is_object());
        FUZZ_CHECK(answer["region"] == core::region_key(request.value().region));
        FUZZ_CHECK(answer["priority"] == core::key(request.value().priority));
        FUZZ_CHECK(read_time(answer["opened_at"]) == opened_at);
        FUZZ_CHECK(read_time(answer["due_at"]) >= opened_at);
        FUZZ_CHECK(answer["team_open"].is_boolean());
        if (answer["team_open"].get<bool>()) FUZZ_CHECK(answer["next_open_at"].is_null());
        else FUZZ_CHECK(read_time(answer["next_open_at"]) > opened_at);
    });
    return 0;
}
