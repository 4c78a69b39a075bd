#pragma once
// The JSON of POST /api/sla/preview, shared by the server and any client. The contract is fixed:
//   request  {"region":"brazil","priority":"high","opened_at":"2026-03-06T22:15:00Z"}
//            (or "answers":{"kind":"incident","users":"buyers","impact":"critical"} instead of "priority")
//   response {"region","priority","opened_at","due_at","team_open","next_open_at"} (RFC 3339 UTC;
//            next_open_at null while the team is open)
#include <optional>
#include <string>
#include <string_view>

#include "core/priority.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "core/sla.hpp"
#include "core/time.hpp"

namespace core {

struct SlaPreviewRequest {
    RegionId region = RegionId::brazil;
    Priority priority = Priority::normal;   // given, or derived from the answers
    std::optional<UtcSeconds> opened_at;    // absent: now
};

// An Error's message names the field: "region: ...", "answers.impact: ...", "opened_at: ...".
Result<SlaPreviewRequest> parse_sla_preview_request(std::string_view body);
std::string sla_preview_json(const SlaPreview& preview);

}  // namespace core
