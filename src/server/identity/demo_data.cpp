#include "server/identity/demo_data.hpp"

#include "server/identity/crypto.hpp"
#include "server/statement.hpp"

namespace server {

const char* const demo_accounts_text =
    "Demo accounts (development data):\n"
    "  ana@demo.store    password demo-password-1, authenticator secret JBSWY3DPEHPK3PXP\n"
    "                    owner of lojadaana (Brazil, may open tickets) and anashop-us (US)\n"
    "  bruno@demo.store  password demo-password-2, SMS +5511900000002\n"
    "                    on lojadaana without the \"Open Support Ticket\" resource\n"
    "  carol@demo.store  password demo-password-3, SMS +15550000003\n"
    "                    on carolshop (US) and carol-eu (EMEA)\n"
    "  Codes sent by email or SMS: GET /dev/outbox?to=<email or phone>\n";

core::Result<bool> seed_demo_data(Database& database, const core::LicenseResource& ticket_resource) {
    if (!crypto::init()) return core::Error{"crypto", "libsodium could not start"};
    struct User {
        const char *id, *email, *name, *password, *totp, *phone;
    };
    const User users[] = {
        {"u-ana", "ana@demo.store", "Ana Souza", "demo-password-1", "JBSWY3DPEHPK3PXP", nullptr},
        {"u-bruno", "bruno@demo.store", "Bruno Lima", "demo-password-2", nullptr, "+5511900000002"},
        {"u-carol", "carol@demo.store", "Carol Smith", "demo-password-3", nullptr, "+15550000003"},
    };
    auto fail = [](const std::string& what) { return core::Error{"storage", "seeding demo data: " + what}; };
    std::string problem;
    const bool committed = database.write([&](Connection& c) {
        for (const User& u : users) {
            Statement exists(c, "SELECT 1 FROM users WHERE id = ?");
            if (exists.bind(1, u.id).step()) continue;
            auto hash = crypto::hash_password(u.password);
            if (!hash) {
                problem = "cannot hash a password";
                return false;
            }
            Statement insert(c, "INSERT INTO users (id, email, name, password_hash, totp_secret, phone) VALUES (?, ?, ?, ?, ?, ?)");
            insert.bind(1, u.id).bind(2, u.email).bind(3, u.name).bind(4, *hash)
                .bind_optional(5, u.totp ? std::optional<std::string_view>(u.totp) : std::nullopt)
                .bind_optional(6, u.phone ? std::optional<std::string_view>(u.phone) : std::nullopt);
            if (!insert.run()) {
                problem = insert.error();
                return false;
            }
        }
        const char* rows =
            "INSERT INTO accounts (id, name, region) VALUES ('lojadaana', 'Loja da Ana', 'brazil'),"
            " ('anashop-us', 'Ana Shop US', 'us'), ('carolshop', 'Carol Shop', 'us'), ('carol-eu', 'Carol Shop EU', 'emea')"
            " ON CONFLICT DO NOTHING;"
            "INSERT INTO roles (id, name) VALUES ('owner', 'Owner (Admin Super)'),"
            " ('user-admin-restricted', 'User Administrator - Restricted'), ('operator', 'Store Operator')"
            " ON CONFLICT DO NOTHING;"
            "INSERT INTO memberships (user_id, account_id, role_id) VALUES ('u-ana', 'lojadaana', 'owner'),"
            " ('u-ana', 'anashop-us', 'owner'), ('u-bruno', 'lojadaana', 'operator'),"
            " ('u-carol', 'carolshop', 'operator'), ('u-carol', 'carol-eu', 'operator') ON CONFLICT DO NOTHING;";
        auto done = c.exec(rows);
        if (!done) {
            problem = done.error().message;
            return false;
        }
        Statement grant(c, "INSERT INTO role_resources (role_id, product, resource) VALUES ('owner', ?, ?)"
                           " ON CONFLICT DO NOTHING");
        if (!grant.bind(1, ticket_resource.product).bind(2, ticket_resource.resource).run()) {
            problem = grant.error();
            return false;
        }
        return true;
    });
    if (!committed || !problem.empty()) return fail(problem.empty() ? "the transaction did not commit" : problem);
    return true;
}

}  // namespace server
