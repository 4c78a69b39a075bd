// Attachments: bytes addressed by their SHA-256, uploaded to an account for a draft or straight to a
// ticket, and read back by whoever may see them. Beside SQLite they are files on disk (written and
// fsynced before their row). On PostgreSQL they are rows of attachment_files (BYTEA), written in the
// transaction of their attachment row: every node serves every file, and a file and its row commit
// together. BYTEA rather than large objects: a file is at most max_file_bytes (a few megabytes, far
// under BYTEA's limit), a plain DELETE frees it (large objects need lo_unlink and their own clean-up),
// and dumps and replicas carry it with its table.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/i18n.hpp"
#include "server/identity/crypto.hpp"
#include "server/tickets/attachment_name.hpp"
#include "server/events/ticket_events.hpp"
#include "server/tickets/ticket_row.hpp"

namespace server {

using nlohmann::json;

namespace {

core::Error write_failed(int error) {
    return core::Error{error == ENOSPC ? "disk_full" : "storage",
                       std::string("cannot write a file: ") + std::strerror(error)};
}

// Writes the bytes to `path` through a temporary file, fsynced, then renamed: a crash leaves either
// the whole file or none. An Error says why (a full disk among them).
core::Result<bool> write_durably(const std::filesystem::path& path, const std::string& bytes) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return core::Error{"storage", "cannot create " + path.parent_path().string() + ": " + ec.message()};
    const std::string temp = path.string() + ".part" + std::to_string(::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return core::Error{"storage", std::string("cannot create a file: ") + std::strerror(errno)};
    size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            return write_failed(error);
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int error = errno;
        ::unlink(temp.c_str());
        return write_failed(error);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        ::unlink(temp.c_str());
        return core::Error{"storage", std::string("cannot store a file: ") + std::strerror(errno)};
    }
    return true;
}

}  // namespace

// The file is written (fsynced, by SHA-256) before its row, outside the writer; the row's work then
// checks again what may have changed meanwhile (the ticket's count, the draft quota) and that the file
// is still there (the retention sweep removes files no row names).
Reply TicketService::store_upload(const std::string& user_id, const std::string& account,
                                  const std::string& ticket_id, const Upload& file) {
    const std::string name = attachment_name(file.name);
    const auto size = static_cast<std::int64_t>(file.bytes.size());
    if (auto problem = core::check_attachment(limits_, name, size, 0))
        return error_reply(size > limits_.max_file_bytes ? 413 : 400, "invalid_attachment", core::english(*problem));
    const std::string digest = crypto::hex(crypto::sha256(file.bytes));
    const std::filesystem::path path = files_dir / digest.substr(0, 2) / digest;
    const core::StoredAttachment stored{{"a_" + crypto::random_token(12), name, size, digest}, attachment_mime(name)};
    const bool in_database = db.engine() == Engine::postgresql;
    Reply reply;
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::error_code ec;
        if (in_database) {
            // Stored with the row below.
        } else if (!std::filesystem::exists(path, ec) ||
            std::filesystem::file_size(path, ec) != static_cast<std::uintmax_t>(size)) {
            auto written = write_durably(path, file.bytes);
            if (!written) {
                std::fprintf(stderr, "portal-server: attachments: %s\n", written.error().message.c_str());
                return error_reply(507, "storage_full",
                                   written.error().code == "disk_full"
                                       ? "The server has no room for this file right now. Your draft and its other "
                                         "files are kept; try again later."
                                       : "The file could not be stored right now. Your draft is kept; try again in a "
                                         "moment.");
            }
        }
        bool file_gone = false;
        const bool committed = db.write([&](Connection& c) {
            if (!ticket_id.empty()) {
                Statement count(c, "SELECT count(*) FROM attachments WHERE ticket_id = ?");
                const size_t attached = count.bind(1, ticket_id).step() ? static_cast<size_t>(count.integer(0)) : 0;
                if (auto problem = core::check_attachment(limits_, name, size, attached)) {
                    reply = error_reply(400, "invalid_attachment", core::english(*problem));
                    return false;
                }
            } else {
                Statement drafts(c, "SELECT count(*), coalesce(sum(size), 0) FROM attachments WHERE uploader_id = ?"
                                    " AND ticket_id IS NULL");
                drafts.bind(1, user_id).step();
                if (drafts.integer(0) + 1 > draft_quota_files || drafts.integer(1) + size > draft_quota_bytes()) {
                    reply = error_reply(429, "draft_quota",
                                        "You have " + std::to_string(drafts.integer(0)) + " files (" +
                                            core::format_bytes(drafts.integer(1)) +
                                            ") waiting for a ticket. Submit or discard a draft first; files not "
                                            "attached to a ticket are cleared after a day.");
                    return false;
                }
            }
            std::error_code missing;
            if (in_database) {
                Statement bytes(c, "INSERT INTO attachment_files (sha256, bytes) VALUES (?, ?) ON CONFLICT DO NOTHING");
                if (!bytes.bind(1, digest).bind_blob(2, file.bytes).run()) {
                    reply = tickets::storage_failed(bytes.error());
                    return false;
                }
            } else if (!std::filesystem::exists(path, missing)) {
                file_gone = true;
                return false;
            }
            Statement insert(c, "INSERT INTO attachments (id, account_id, uploader_id, ticket_id, name, mime, size,"
                                " sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.bind(1, stored.id).bind(2, account).bind(3, user_id)
                .bind_optional(4, ticket_id.empty() ? std::nullopt : std::optional<std::string_view>(ticket_id))
                .bind(5, name).bind(6, stored.mime).bind(7, size).bind(8, digest).bind(9, clock());
            if (!insert.run()) {
                reply = tickets::storage_failed(insert.error());
                return false;
            }
            if (std::string failed; !ticket_id.empty() && !record_ticket_event(c, ticket_id, "file", clock(), failed)) {
                reply = tickets::storage_failed(failed);
                return false;
            }
            reply = Reply{201, core::to_json(stored), std::nullopt};
            return true;
        });
        if (!committed) return tickets::storage_failed("an upload's row did not commit");
        if (reply.status == 201 && !ticket_id.empty()) tell_watchers();
        if (!file_gone) return reply;
    }
    return reply;
}

Reply TicketService::upload_to_account(const std::string& user_id, const std::string& account, const Upload& file) {
    {
        auto c = db.reader();
        auto member = membership(*c, user_id, account);
        if (!member) return tickets::no_account(account);
        if (!member->can_open) return missing_resource(account);
    }
    return store_upload(user_id, account, "", file);
}

Reply TicketService::upload_to_ticket(const std::string& user_id, const std::string& ticket_id, const Upload& file) {
    std::string account;
    {
        auto c = db.reader();
        auto row = load_for(*c, user_id, ticket_id);
        if (!row) return tickets::not_found(ticket_id);
        if (row->status_at(clock()) == core::TicketStatus::closed)
            return error_reply(409, "ticket_closed",
                               "This ticket is closed. Open a follow-up ticket to send more files.");
        account = row->account;
    }
    return store_upload(user_id, account, ticket_id, file);
}

std::variant<Download, Reply> TicketService::download(const std::string& user_id, const std::string& attachment_id) {
    auto c = db.reader();
    Statement s(*c, "SELECT account_id, name, mime, sha256, uploader_id, coalesce(ticket_id, '') FROM attachments"
                    " WHERE id = ?");
    const Reply missing = error_reply(404, "not_found", "There is no such file on your accounts.");
    if (!s.bind(1, attachment_id).step() || !membership(*c, user_id, s.text(0))) return missing;
    // A draft's file is its uploader's alone; a ticket's, whoever may see the ticket.
    const std::string ticket = s.text(5);
    if (ticket.empty() ? s.text(4) != user_id : !load_for(*c, user_id, ticket)) return missing;
    const std::string digest = s.text(3);
    if (c->engine() == Engine::postgresql) {
        Statement bytes(*c, "SELECT bytes FROM attachment_files WHERE sha256 = ?");
        if (!bytes.bind(1, digest).step())
            return error_reply(503, "storage", "The file cannot be read right now. Try again in a moment.");
        return Download{s.text(1), s.text(2), {}, bytes.blob(0)};
    }
    return Download{s.text(1), s.text(2), files_dir / digest.substr(0, 2) / digest, std::nullopt};
}

Reply TicketService::limits() const {
    return Reply{200, json::parse(core::attachment_limits_json(limits_)), std::nullopt};
}

}  // namespace server
