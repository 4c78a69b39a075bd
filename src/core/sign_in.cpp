#include "core/sign_in.hpp"

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "core/pkce.hpp"
#include "core/url.hpp"

namespace core {

using nlohmann::json;

namespace {

bool looks_like_email(const std::string& s) {
    const auto at = s.find('@');
    return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos && s.find(' ') == std::string::npos;
}

bool six_digits(const std::string& s) {
    return s.size() == 6 && s.find_first_not_of("0123456789") == std::string::npos;
}


}  // namespace

SignInFlow::SignInFlow(SignInMethod m, std::string redirect) : method(m), redirect_uri(std::move(redirect)) {
    step = m == SignInMethod::email_code ? SignInStep::email : SignInStep::password;
}

std::optional<ApiRequest> SignInFlow::begin(Call call, ApiRequest request) {
    if (in_flight) return std::nullopt;  // one request at a time; the button shows it is busy
    in_flight = call;
    error.clear();
    return request;
}

std::optional<ApiRequest> SignInFlow::start_transaction(const PkceSecrets& secrets, Call then) {
    verifier = secrets.verifier;
    state = secrets.state;
    after_transaction = then;
    json body = {{"client_id", "support-portal"}, {"redirect_uri", redirect_uri},
                 {"code_challenge", code_challenge(verifier)}, {"code_challenge_method", "S256"}, {"state", state}};
    return begin(Call::transaction, ApiRequest{"POST", "/api/auth/transactions", body.dump()});
}

ApiRequest SignInFlow::email_code_request() const {
    return ApiRequest{"POST", "/api/auth/transactions/" + transaction_id + "/email-code", json{{"email", email}}.dump()};
}

ApiRequest SignInFlow::password_request() const {
    return ApiRequest{"POST", "/api/auth/transactions/" + transaction_id + "/password",
                      json{{"email", email}, {"password", password}}.dump()};
}

ApiRequest SignInFlow::token_request(const std::string& authorization_code) const {
    return ApiRequest{"POST", "/oauth/token",
                      "grant_type=authorization_code&code=" + percent_encode(authorization_code) +
                          "&code_verifier=" + percent_encode(verifier) + "&client_id=support-portal&redirect_uri=" +
                          percent_encode(redirect_uri),
                      "application/x-www-form-urlencoded"};
}

std::optional<ApiRequest> SignInFlow::send_code(const PkceSecrets& secrets) {
    if (!looks_like_email(email)) {
        error = Text::of("sign_in.error.email_code_email");
        return std::nullopt;
    }
    notice.clear();
    // Each request for a code starts a fresh transaction: a locked or expired one is left behind.
    return start_transaction(secrets, Call::email_code);
}

std::optional<ApiRequest> SignInFlow::verify_code() {
    if (!six_digits(code)) {
        error = Text::of("sign_in.error.email_code_digits");
        return std::nullopt;
    }
    return begin(Call::verify_code, ApiRequest{"POST", "/api/auth/transactions/" + transaction_id + "/email-code/verify",
                                               json{{"code", code}}.dump()});
}

std::optional<ApiRequest> SignInFlow::submit_password(const PkceSecrets& secrets) {
    if (!looks_like_email(email)) {
        error = Text::of("sign_in.error.password_email");
        return std::nullopt;
    }
    if (password.empty()) {
        error = Text::of("sign_in.error.password_missing");
        return std::nullopt;
    }
    return start_transaction(secrets, Call::password);
}

std::optional<ApiRequest> SignInFlow::choose_factor(Factor chosen) {
    factor = chosen;
    error.clear();
    if (chosen == Factor::totp) return std::nullopt;
    return begin(Call::sms, ApiRequest{"POST", "/api/auth/transactions/" + transaction_id + "/sms", "{}"});
}

std::optional<ApiRequest> SignInFlow::verify_factor() {
    if (!six_digits(code)) {
        error = Text::of(factor == Factor::totp ? "sign_in.error.totp_digits" : "sign_in.error.sms_digits");
        return std::nullopt;
    }
    return begin(Call::mfa, ApiRequest{"POST", "/api/auth/transactions/" + transaction_id + "/mfa",
                                       json{{"method", factor == Factor::totp ? "totp" : "sms"}, {"code", code}}.dump()});
}

std::optional<ApiRequest> SignInFlow::continue_with_google(const PkceSecrets& secrets) {
    notice.clear();
    return start_transaction(secrets, Call::google);
}

void SignInFlow::popup_blocked() {
    error = Text::of("sign_in.error.popup_blocked");
}

std::optional<ApiRequest> SignInFlow::google_returned(const std::string& authorization_code, const std::string& returned_state,
                                                      const std::string& error_description, const std::string& error_code,
                                                      const std::string& error_email) {
    if (step != SignInStep::google || returned_state != state) return std::nullopt;  // not ours: ignored
    popup_path.reset();
    if (!error_description.empty() || authorization_code.empty()) {
        if (!error_code.empty() && known_key("server." + error_code))
            error = Text::of("server." + error_code, {{"email", error_email}});
        else error = error_description.empty() ? Text::of("sign_in.error.google_unfinished") : Text::words(error_description);
        return std::nullopt;
    }
    notice.clear();
    return begin(Call::token, token_request(authorization_code));
}

std::optional<ApiRequest> SignInFlow::on_response(int status, std::string_view text) {
    if (!in_flight) return std::nullopt;
    const Call call = *in_flight;
    in_flight.reset();
    if (status == 0) {
        error = Text::of("sign_in.error.offline");
        return std::nullopt;
    }
    json body = parse_json(text);
    if (!body.is_object()) {
        error = Text::of("error.not_understood", {{"status", std::to_string(status)}});
        return std::nullopt;
    }
    if (status >= 400) {
        error = server_message(text, Text::of("sign_in.error.failed", {{"status", std::to_string(status)}}));
        if (body.contains("tries_left") && body["tries_left"].is_number_integer()) tries_left = body["tries_left"].get<int>();
        const std::string reason = text_member(body, "error");
        if (reason == "transaction_locked" || reason == "transaction_expired" || reason == "unknown_transaction") {
            // Start over from the first step, keeping what was typed.
            step = method == SignInMethod::email_code ? SignInStep::email : SignInStep::password;
            code.clear();
            transaction_id.clear();
        }
        return std::nullopt;
    }
    switch (call) {
        case Call::transaction: {
            if (!body.contains("transaction_id") || !body["transaction_id"].is_string()) {
                error = Text::of("sign_in.error.not_started");
                return std::nullopt;
            }
            transaction_id = body["transaction_id"].get<std::string>();
            auto then = after_transaction.value_or(Call::email_code);
            after_transaction.reset();
            if (then == Call::google) {
                step = SignInStep::google;
                popup_path = "/oauth/authorize?transaction_id=" + transaction_id + "&provider=google";
                notice = Text::of("sign_in.notice.google_window");
                return std::nullopt;
            }
            return begin(then, then == Call::password ? password_request() : email_code_request());
        }
        case Call::email_code:
            step = SignInStep::code;
            code.clear();
            tries_left.reset();
            notice = Text::of("sign_in.notice.code_sent", {{"email", email}});
            return std::nullopt;
        case Call::password: {
            factors.clear();
            if (body.contains("methods") && body["methods"].is_array())
                for (auto& m : body["methods"]) {
                    if (m == "totp") factors.push_back(Factor::totp);
                    if (m == "sms") factors.push_back(Factor::sms);
                }
            if (factors.empty()) {
                error = Text::of("sign_in.error.no_factor");
                return std::nullopt;
            }
            password.clear();  // not kept in memory once it has done its job
            step = SignInStep::factor;
            code.clear();
            factor = factors.front();
            if (factor == Factor::sms) return choose_factor(Factor::sms);
            return std::nullopt;
        }
        case Call::sms:
            sms_sent = true;
            notice = body.contains("last_digits") && body["last_digits"].is_string()
                         ? Text::of("sign_in.notice.sms_sent_to", {{"last_digits", body["last_digits"].get<std::string>()}})
                         : Text::of("sign_in.notice.sms_sent");
            return std::nullopt;
        case Call::verify_code:
        case Call::mfa: {
            if (!body.contains("code") || !body["code"].is_string() || text_member(body, "state") != state) {
                error = Text::of("sign_in.error.state_mismatch");
                return std::nullopt;
            }
            return begin(Call::token, token_request(body["code"].get<std::string>()));
        }
        case Call::google: return std::nullopt;  // never a request of its own
        case Call::token:
            if (!body.contains("access_token") || !body["access_token"].is_string()) {
                error = Text::of("sign_in.error.incomplete");
                return std::nullopt;
            }
            access_token = body["access_token"].get<std::string>();
            step = SignInStep::done;
            code.clear();
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace core
