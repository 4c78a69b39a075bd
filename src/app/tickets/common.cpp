#include "app/tickets/common.hpp"

#include <algorithm>

#include "core/url.hpp"

namespace app {

std::vector<PendingFile> uploads_to(const AppState& state, const std::string& ticket) {
    const RequestPurpose purpose = ticket.empty() ? RequestPurpose::upload : RequestPurpose::thread_upload;
    std::vector<PendingFile> files;
    for (const auto& [id, request] : state.in_flight)
        if (request.purpose == purpose && request.ticket == ticket && request.file) files.push_back(*request.file);
    return files;
}

bool downloading(const AppState& state, const std::string& attachment_id) {
    return std::any_of(state.in_flight.begin(), state.in_flight.end(), [&](const auto& entry) {
        return entry.second.download && entry.second.download->id == attachment_id;
    });
}

namespace tickets {

const std::string& token(const AppState& state) { return state.session.access_token; }

std::string stored(const AppState& state, const std::string& key) {
    auto it = state.environment.stored.find(key);
    return it == state.environment.stored.end() ? "" : it->second;
}

core::Text message_of(const HttpResponded& e, core::Text fallback) {
    if (e.status == 0) return core::Text::of("error.offline");
    return core::server_message(e.body, std::move(fallback));
}

core::Text file_problem(const char* key, const std::string& name, const HttpResponded& e, core::Text fallback) {
    const core::Text reason = message_of(e, std::move(fallback));
    core::Text problem = core::Text::of(key, {{"file", name}});
    if (reason.key.empty()) problem.args.emplace_back("reason", reason.literal);
    else {
        problem.keyed.emplace_back("reason", reason.key);
        problem.args.insert(problem.args.end(), reason.args.begin(), reason.args.end());
    }
    return problem;
}

std::string ticket_path(const std::string& id) { return "/api/tickets/" + core::percent_encode(id); }

std::string ticket_key(const AppState& state, const char* what, const std::string& ticket_id) {
    if (state.session.status != SessionStatus::signed_in || ticket_id.empty()) return "";
    return std::string("portal.") + what + "." + state.session.email + "." + ticket_id;
}

Effects start_uploads(AppState& state, const std::vector<ChosenFile>& files, size_t present, RequestPurpose purpose,
                      const std::string& ticket, const std::string& path, std::vector<core::Text>& errors) {
    Effects effects;
    size_t on_their_way = uploads_to(state, ticket).size();
    for (const ChosenFile& file : files) {
        if (auto problem = core::check_attachment(state.limits, file.name, file.size, present + on_their_way)) {
            errors.push_back(*problem);
            continue;
        }
        const int id = state.next_request_id++;
        state.in_flight[id] = InFlight{purpose, ticket, PendingFile{file.handle, file.name, file.size}};
        ++on_their_way;
        effects.push_back(UploadFile{id, file.handle, path, token(state)});
    }
    return effects;
}

std::optional<core::StoredAttachment> upload_answered(const PendingFile& file, const HttpResponded& e,
                                                      std::vector<core::Text>& errors) {
    if (e.status == 201)
        if (auto stored = core::parse_stored_attachment(e.body)) return std::move(stored).value();
    errors.push_back(file_problem("file.error.not_attached", file.name, e, core::Text::of("file.error.not_stored")));
    return std::nullopt;
}

}  // namespace tickets
}  // namespace app
