#include "server/admin.hpp"

#include <cstdio>

#include "core/assets.hpp"
#include "server/config.hpp"
#include "server/database.hpp"
#include "server/failed_step.hpp"
#include "server/identity/auth_service.hpp"
#include "server/identity/keys.hpp"
#include "server/tickets/ticket_service.hpp"

namespace server {

const char* const admin_usage_text =
    "usage: portal-server admin [--data DIR] [--database URL] COMMAND\n"
    "  reply TICKET TEXT [--as NAME]   reply as support, signed by NAME or by the team (the ticket then\n"
    "                                  awaits the merchant's reply)\n"
    "  status TICKET STATUS            open, awaiting_reply, solved or closed\n"
    "  priority TICKET PRIORITY        urgent, high, normal or low (the deadline follows)\n"
    "  rotate-keys                     a new key signs access tokens from now on (running servers take it\n"
    "                                  within seconds); the old one verifies its tokens until they expire\n"
    "TICKET is the ticket's number (1001) or id (t_...). DIR defaults to ./data.\n";

int run_admin(const std::vector<std::string>& args) {
    std::filesystem::path data = "data";
    std::string database_url;  // empty: sqlite:DIR/portal.sqlite3
    std::string agent;  // none: the support team as a whole
    std::vector<std::string> words;
    for (size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "--data" || args[i] == "--as" || args[i] == "--database") && i + 1 < args.size()) {
            if (args[i] == "--data") data = args[i + 1];
            else if (args[i] == "--database") database_url = args[i + 1];
            else agent = args[i + 1];
            ++i;
        } else if (args[i] == "--help" || args[i] == "-h") {
            std::fputs(admin_usage_text, stdout);
            return 0;
        } else {
            words.push_back(args[i]);
        }
    }
    if (words.size() == 1 && words[0] == "rotate-keys") {
        auto rotated = KeyRing::rotate(data / "keys.json", ServerConfig::system_now(), AuthService::access_token_seconds);
        if (failed(rotated, "portal-server admin")) return 1;
        std::printf("%s\n", rotated.value().c_str());
        return 0;
    }
    if (words.size() != 3 || (words[0] != "reply" && words[0] != "status" && words[0] != "priority")) {
        std::fputs(admin_usage_text, stderr);
        return 2;
    }
    auto database = database_url.empty() ? Database::open(data / "portal.sqlite3") : Database::connect(database_url);
    if (failed(database, "portal-server admin")) return 1;
    auto regions = core::parse_regions(core::assets::regions_json());
    if (failed(regions, "portal-server admin")) return 1;
    // Support's changes never ask who may open tickets: the default resource stands in for the server's.
    TicketService tickets(*database.value(), regions.value(), ServerConfig::system_now, data / "attachments",
                          default_ticket_resource);
    core::Result<std::string> done = words[0] == "reply"      ? tickets.agent_reply(words[1], words[2], agent)
                                     : words[0] == "status"   ? tickets.set_status(words[1], words[2])
                                                              : tickets.set_priority(words[1], words[2]);
    if (failed(done, "portal-server admin")) return 1;
    std::printf("%s\n", done.value().c_str());
    return 0;
}

}  // namespace server
