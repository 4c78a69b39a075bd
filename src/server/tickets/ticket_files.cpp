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
        return error_reply(size > limits_.max_file_bytes ? Outcome::too_large : Outcome::invalid, "invalid_attachment",
                           core::english(*problem));
    const std::string digest = crypto::hex(crypto::sha256(file.bytes));
    const std::filesystem::path path = files_dir / digest.substr(0, 2) / digest;
    const core::StoredAttachment stored{{"a_" + crypto::random_token(12), name, size, digest}, attachment_mime(name)};
    const bool in_database = TicketStore::keeps_file_bytes(db.engine());
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
                return error_reply(Outcome::storage_full, "storage_full",
                                   written.error().code == "disk_full"
                                       ? "The server has no room for this file right now. Your draft and its other "
                                         "files are kept; try again later."
                                       : "The file could not be stored right now. Your draft is kept; try again in a "
                                         "moment.");
            }
        }
        bool file_gone = false;
        const bool committed = db.write([&](Connection& c) {
            TicketStore store(c);
            if (!ticket_id.empty()) {
                const auto attached = static_cast<size_t>(store.file_count(ticket_id).value_or(0));
                if (auto problem = core::check_attachment(limits_, name, size, attached)) {
                    reply = error_reply(Outcome::invalid, "invalid_attachment", core::english(*problem));
                    return false;
                }
            } else {
                const DraftUsage drafts = store.draft_usage(user_id);
                if (drafts.files + 1 > draft_quota_files || drafts.bytes + size > draft_quota_bytes()) {
                    reply = error_reply(Outcome::too_many, "draft_quota",
                                        "You have " + std::to_string(drafts.files) + " files (" +
                                            core::format_bytes(drafts.bytes) +
                                            ") waiting for a ticket. Submit or discard a draft first; files not "
                                            "attached to a ticket are cleared after a day.");
                    return false;
                }
            }
            std::error_code missing;
            if (in_database) {
                if (const std::string failed = store.put_file_bytes(digest, file.bytes); !failed.empty()) {
                    reply = tickets::storage_failed(failed);
                    return false;
                }
            } else if (!std::filesystem::exists(path, missing)) {
                file_gone = true;
                return false;
            }
            if (const std::string failed = store.insert_attachment(stored, account, user_id, ticket_id, clock());
                !failed.empty()) {
                reply = tickets::storage_failed(failed);
                return false;
            }
            if (std::string failed; !ticket_id.empty() && !record_ticket_event(c, ticket_id, "file", clock(), failed)) {
                reply = tickets::storage_failed(failed);
                return false;
            }
            reply = Reply{Outcome::created, core::to_json(stored), std::nullopt};
            return true;
        });
        if (!committed) return tickets::storage_failed("an upload's row did not commit");
        if (reply.outcome == Outcome::created && !ticket_id.empty()) tell_watchers();
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
            return error_reply(Outcome::conflict, "ticket_closed",
                               "This ticket is closed. Open a follow-up ticket to send more files.");
        account = row->account;
    }
    return store_upload(user_id, account, ticket_id, file);
}

std::variant<Download, Reply> TicketService::download(const std::string& user_id, const std::string& attachment_id) {
    auto c = db.reader();
    TicketStore store(*c);
    const auto file = store.attachment(attachment_id);
    const Reply missing = error_reply(Outcome::not_found, "not_found", "There is no such file on your accounts.");
    if (!file || !membership(*c, user_id, file->account)) return missing;
    // A draft's file is its uploader's alone; a ticket's, whoever may see the ticket.
    if (file->ticket.empty() ? file->uploader != user_id : !load_for(*c, user_id, file->ticket)) return missing;
    if (store.keeps_file_bytes()) {
        auto bytes = store.file_bytes(file->sha256);
        if (!bytes)
            return error_reply(Outcome::unavailable, "storage",
                               "The file cannot be read right now. Try again in a moment.");
        return Download{file->name, file->mime, {}, std::move(*bytes)};
    }
    return Download{file->name, file->mime, files_dir / file->sha256.substr(0, 2) / file->sha256, std::nullopt};
}

Reply TicketService::limits() const {
    return Reply{Outcome::ok, json::parse(core::attachment_limits_json(limits_)), std::nullopt};
}

}  // namespace server
