#include "server/identity/messaging.hpp"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace server {

namespace {

class SmtpConnection {
public:
    explicit SmtpConnection(int socket_fd) : fd(socket_fd) {}
    ~SmtpConnection() {
        if (fd >= 0) close(fd);
    }
    bool send(const std::string& line) {
        size_t sent = 0;
        while (sent < line.size()) {
            ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<size_t>(n);
        }
        return true;
    }
    // Reads a (possibly multi-line) reply and returns its code, 0 on a broken connection.
    int reply() {
        for (;;) {
            size_t end;
            while ((end = buffer.find("\r\n")) == std::string::npos) {
                char chunk[512];
                ssize_t n = recv(fd, chunk, sizeof chunk, 0);
                if (n <= 0) return 0;
                buffer.append(chunk, static_cast<size_t>(n));
            }
            std::string line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            if (line.size() < 3) return 0;
            if (line.size() == 3 || line[3] == ' ') return std::atoi(line.substr(0, 3).c_str());
        }
    }

private:
    int fd;
    std::string buffer;
};

core::Error smtp_failed(const std::string& step) {
    return core::Error{"delivery_failed", "the email could not be sent (" + step + ")"};
}

}  // namespace

core::Result<bool> send_email_smtp(const MessagingSettings& settings, const std::string& to, const std::string& subject,
                                   const std::string& body) {
    if (to.find_first_of("\r\n<>") != std::string::npos) return smtp_failed("bad address");
    addrinfo hints{}, *found = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(settings.smtp_host.c_str(), std::to_string(settings.smtp_port).c_str(), &hints, &found) != 0)
        return smtp_failed("unknown relay host");
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        timeval timeout{10, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0) return smtp_failed("relay unreachable");
    SmtpConnection smtp(fd);
    // Sends a line (none for the greeting) and checks the class of the reply (2xx, 3xx).
    auto step = [&](const std::string& line, int expected) {
        return (line.empty() || smtp.send(line)) && smtp.reply() / 100 == expected / 100;
    };
    if (!step("", 220)) return smtp_failed("greeting");
    if (!step("EHLO portal-server\r\n", 250)) return smtp_failed("EHLO");
    if (!step("MAIL FROM:<" + settings.mail_from + ">\r\n", 250)) return smtp_failed("MAIL FROM");
    if (!step("RCPT TO:<" + to + ">\r\n", 250)) return smtp_failed("RCPT TO");
    if (!step("DATA\r\n", 354)) return smtp_failed("DATA");
    std::string message = "From: VTEX Support <" + settings.mail_from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject +
                          "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    size_t start = 0;
    while (start <= body.size()) {  // dot-stuffing: a line starting with "." gets another
        size_t end = body.find('\n', start);
        std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        message += (line.rfind('.', 0) == 0 ? "." : "") + line + "\r\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (!step(message + ".\r\n", 250)) return smtp_failed("message refused");
    smtp.send("QUIT\r\n");
    return true;
}

core::Result<bool> send_sms_http(const MessagingSettings& settings, const std::string& to, const std::string& body) {
    const size_t scheme = settings.sms_api_url.find("://");
    const size_t path_at = scheme == std::string::npos ? std::string::npos : settings.sms_api_url.find('/', scheme + 3);
    if (path_at == std::string::npos) return core::Error{"delivery_failed", "the SMS provider URL is not valid"};
    httplib::Client client(settings.sms_api_url.substr(0, path_at));
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto res = client.Post(settings.sms_api_url.substr(path_at), {{"Authorization", "Bearer " + settings.sms_api_key}},
                           nlohmann::json{{"to", to}, {"body", body}}.dump(), "application/json");
    if (!res) return core::Error{"delivery_failed", "the SMS provider could not be reached"};
    if (res->status / 100 != 2)
        return core::Error{"delivery_failed", "the SMS provider refused the message (HTTP " + std::to_string(res->status) + ")"};
    return true;
}

}  // namespace server
