#pragma once
// The sign-in state machine of the portal, for the email-code and the password + second-factor
// methods. It holds what the person typed and where they are, turns actions into API requests
// (the contract of issue 4), and turns responses into the next step or an error a person can act on.
// Pure: the app sends the requests and feeds back the responses.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"

namespace core {

struct ApiRequest {
    std::string method = "POST";
    std::string path;
    std::string body;
    std::string content_type = "application/json";
};

enum class SignInMethod { email_code, password };
enum class SignInStep { email, code, password, factor, google, done };
enum class Factor { totp, sms };

struct PkceSecrets {
    std::string verifier;  // 43+ characters of base64url randomness
    std::string state;     // random, bound to the transaction
};

class SignInFlow {
public:
    SignInFlow() = default;
    SignInFlow(SignInMethod method, std::string redirect_uri);

    SignInMethod method = SignInMethod::email_code;
    SignInStep step = SignInStep::email;
    std::string email, code, password;
    Factor factor = Factor::totp;
    std::vector<Factor> factors;  // offered after the password
    Text error;                   // what went wrong and what to do next
    Text notice;                  // what happened ("A code is on its way ...")
    std::optional<int> tries_left;
    bool sms_sent = false;

    bool busy() const { return in_flight.has_value(); }
    // Set when the flow is done: the access token for the session.
    std::optional<std::string> access_token;

    // The person's actions; each returns the request to send, or nullopt with `error` set.
    std::optional<ApiRequest> send_code(const PkceSecrets& secrets);
    std::optional<ApiRequest> verify_code();
    std::optional<ApiRequest> submit_password(const PkceSecrets& secrets);
    std::optional<ApiRequest> choose_factor(Factor chosen);  // SMS sends its code
    std::optional<ApiRequest> verify_factor();
    // Google: a transaction, then the provider in a popup at `popup_path`; its result comes back by
    // postMessage from the portal's callback page.
    std::optional<ApiRequest> continue_with_google(const PkceSecrets& secrets);
    std::optional<std::string> popup_path;  // set when the popup should open (again)
    void popup_blocked();
    // `error_code`: the server's reason (google_cancelled, unknown_user, ...), said in the reader's
    // language when the catalog knows it (server.<code>, with `error_email`); else the description.
    std::optional<ApiRequest> google_returned(const std::string& code, const std::string& returned_state,
                                              const std::string& error_description, const std::string& error_code = "",
                                              const std::string& error_email = "");
    // A response to the request in flight (status 0: no connection); may ask for the next request.
    std::optional<ApiRequest> on_response(int status, std::string_view body);

private:
    enum class Call { transaction, email_code, verify_code, password, sms, mfa, token, google };
    std::optional<ApiRequest> begin(Call call, ApiRequest request);
    std::optional<ApiRequest> start_transaction(const PkceSecrets& secrets, Call then);
    ApiRequest email_code_request() const;
    ApiRequest password_request() const;
    ApiRequest token_request(const std::string& authorization_code) const;

    std::optional<Call> in_flight;
    std::optional<Call> after_transaction;
    std::string redirect_uri, transaction_id, verifier, state;
};

}  // namespace core
