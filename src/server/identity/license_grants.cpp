#include "server/identity/license_grants.hpp"

#include "server/statement.hpp"

namespace server {

std::vector<core::LicenseResource> granted_resources(Connection& c, const std::string& user_id,
                                                     const std::string& account) {
    Statement s(c, "SELECT DISTINCT r.product, r.resource FROM memberships m JOIN role_resources r"
                   " ON r.role_id = m.role_id WHERE m.user_id = ? AND m.account_id = ?"
                   " ORDER BY r.product, r.resource");
    s.bind(1, user_id).bind(2, account);
    std::vector<core::LicenseResource> granted;
    while (s.step()) granted.push_back({s.text(0), s.text(1)});
    return granted;
}

}  // namespace server
