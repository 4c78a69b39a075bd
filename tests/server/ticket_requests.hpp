#pragma once
// What the ticket tests open: an incident on a production store, as the form sends it.
#include <nlohmann/json.hpp>
#include <string>

inline nlohmann::json incident_request(const std::string& title = "Checkout fails",
                                       nlohmann::json cc = nlohmann::json::array()) {
    return nlohmann::json{{"kind", "incident"}, {"title", title}, {"description", "Every order fails at payment."},
                          {"users", "buyers"}, {"impact", "critical"}, {"environment", "production"},
                          {"experience", "advanced"}, {"cc", std::move(cc)}, {"attachments", nlohmann::json::array()}};
}
