// Every schema change, in order, in each engine's words. The SQLite texts are those every existing
// database went through and must not change; the PostgreSQL texts build the same tables with its types
// (BIGINT for times and counts, identity columns for numbers, BYTEA for bytes, a case-insensitive ICU
// collation where SQLite says COLLATE NOCASE).
#include "server/database.hpp"

namespace server {

namespace {

constexpr const char* sqlite_installation =
    "CREATE TABLE installation ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "INSERT INTO installation (id) VALUES (1);";
constexpr const char* pg_installation =
    "CREATE TABLE installation ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    ");"
    "INSERT INTO installation (id) VALUES (1);";

// Users, store accounts, License Manager roles and resources; sign-in transactions, one-time codes
// (hashed), authorization codes and refresh-token families (hashed); the dev outbox.
constexpr const char* sqlite_identity =
    "CREATE TABLE server_keys (name TEXT PRIMARY KEY, value BLOB NOT NULL);"
    "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,"
    "  password_hash TEXT, totp_secret TEXT, totp_last_step INTEGER NOT NULL DEFAULT 0, phone TEXT);"
    "CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL);"
    "CREATE TABLE roles (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE role_resources (role_id TEXT NOT NULL REFERENCES roles(id), product TEXT NOT NULL,"
    "  resource TEXT NOT NULL, PRIMARY KEY (role_id, product, resource));"
    "CREATE TABLE memberships (user_id TEXT NOT NULL REFERENCES users(id), account_id TEXT NOT NULL REFERENCES accounts(id),"
    "  role_id TEXT NOT NULL REFERENCES roles(id), PRIMARY KEY (user_id, account_id, role_id));"
    "CREATE TABLE auth_transactions (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,"
    "  code_challenge TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
    "  user_id TEXT REFERENCES users(id), stage TEXT NOT NULL DEFAULT 'start', failed_attempts INTEGER NOT NULL DEFAULT 0,"
    "  email_code_hash TEXT, email_code_user TEXT, email_code_expires INTEGER, sms_code_hash TEXT,"
    "  sms_code_expires INTEGER, completed INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE authorization_codes (code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),"
    "  client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL, expires_at INTEGER NOT NULL,"
    "  used INTEGER NOT NULL DEFAULT 0, family_id TEXT);"
    "CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, user_id TEXT NOT NULL,"
    "  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);"
    "CREATE TABLE outbox (id INTEGER PRIMARY KEY, recipient TEXT NOT NULL COLLATE NOCASE, channel TEXT NOT NULL,"
    "  subject TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);"
    "CREATE TABLE message_sends (key TEXT NOT NULL, sent_at INTEGER NOT NULL);"
    "CREATE INDEX message_sends_key ON message_sends (key, sent_at);";
// portal_nocase compares as SQLite's NOCASE does for the addresses it holds: case aside, equal.
constexpr const char* pg_identity =
    "CREATE COLLATION portal_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
    "CREATE TABLE server_keys (name TEXT PRIMARY KEY, value BYTEA NOT NULL);"
    "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT COLLATE portal_nocase NOT NULL UNIQUE, name TEXT NOT NULL,"
    "  password_hash TEXT, totp_secret TEXT, totp_last_step BIGINT NOT NULL DEFAULT 0, phone TEXT);"
    "CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL);"
    "CREATE TABLE roles (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE role_resources (role_id TEXT NOT NULL REFERENCES roles(id), product TEXT NOT NULL,"
    "  resource TEXT NOT NULL, PRIMARY KEY (role_id, product, resource));"
    "CREATE TABLE memberships (user_id TEXT NOT NULL REFERENCES users(id), account_id TEXT NOT NULL REFERENCES accounts(id),"
    "  role_id TEXT NOT NULL REFERENCES roles(id), PRIMARY KEY (user_id, account_id, role_id));"
    "CREATE TABLE auth_transactions (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,"
    "  code_challenge TEXT NOT NULL, state TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
    "  user_id TEXT REFERENCES users(id), stage TEXT NOT NULL DEFAULT 'start', failed_attempts BIGINT NOT NULL DEFAULT 0,"
    "  email_code_hash TEXT, email_code_user TEXT, email_code_expires BIGINT, sms_code_hash TEXT,"
    "  sms_code_expires BIGINT, completed BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE authorization_codes (code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),"
    "  client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL, expires_at BIGINT NOT NULL,"
    "  used BIGINT NOT NULL DEFAULT 0, family_id TEXT);"
    "CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, user_id TEXT NOT NULL,"
    "  expires_at BIGINT NOT NULL, used BIGINT NOT NULL DEFAULT 0, revoked BIGINT NOT NULL DEFAULT 0);"
    "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);"
    "CREATE TABLE outbox (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  recipient TEXT COLLATE portal_nocase NOT NULL, channel TEXT NOT NULL,"
    "  subject TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL);"
    "CREATE TABLE message_sends (key TEXT NOT NULL, sent_at BIGINT NOT NULL);"
    "CREATE INDEX message_sends_key ON message_sends (key, sent_at);";

// The relying party's own state, nonce and PKCE verifier towards the identity provider.
constexpr const char* google_sign_in =
    "ALTER TABLE auth_transactions ADD COLUMN google_state TEXT;"
    "ALTER TABLE auth_transactions ADD COLUMN google_nonce TEXT;"
    "ALTER TABLE auth_transactions ADD COLUMN google_verifier TEXT;"
    "CREATE UNIQUE INDEX auth_transactions_google_state ON auth_transactions (google_state);";

// Tickets with their form fields, priority and first-response deadline; public comments; attachments
// (metadata here, bytes by SHA-256); idempotency keys of creations; satisfaction surveys. Times are
// Unix seconds (UTC). Ticket numbers start at 1001.
constexpr const char* sqlite_tickets =
    "CREATE TABLE tickets (number INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
    "  account_id TEXT NOT NULL REFERENCES accounts(id), requester_id TEXT NOT NULL REFERENCES users(id),"
    "  kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, users TEXT, impact TEXT,"
    "  environment TEXT, experience TEXT, agency TEXT NOT NULL DEFAULT '', cc TEXT NOT NULL DEFAULT '[]',"
    "  status TEXT NOT NULL DEFAULT 'open', priority TEXT NOT NULL, opened_at INTEGER NOT NULL,"
    "  due_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, solved_at INTEGER, reopen_until INTEGER,"
    "  follow_up_of TEXT REFERENCES tickets(id));"
    "CREATE INDEX tickets_account ON tickets (account_id, number);"
    "CREATE INDEX tickets_account_status ON tickets (account_id, status, number);"
    "UPDATE sqlite_sequence SET seq = 1000 WHERE name = 'tickets';"
    "INSERT INTO sqlite_sequence (name, seq) SELECT 'tickets', 1000 WHERE NOT EXISTS"
    "  (SELECT 1 FROM sqlite_sequence WHERE name = 'tickets');"
    "CREATE TABLE ticket_comments (id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL, body TEXT NOT NULL,"
    "  public INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);"
    "CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);"
    "CREATE TABLE attachments (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),"
    "  uploader_id TEXT NOT NULL REFERENCES users(id), ticket_id TEXT REFERENCES tickets(id), name TEXT NOT NULL,"
    "  mime TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, created_at INTEGER NOT NULL);"
    "CREATE INDEX attachments_ticket ON attachments (ticket_id);"
    "CREATE TABLE ticket_idempotency (user_id TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,"
    "  request_hash TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets(id), created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (user_id, account_id, key));"
    "CREATE TABLE surveys (ticket_id TEXT PRIMARY KEY REFERENCES tickets(id), rating TEXT NOT NULL,"
    "  reason TEXT NOT NULL DEFAULT '', rated_at INTEGER NOT NULL);";
// The number comes from a sequence: unique and increasing whichever node takes it; a transaction that
// rolls back leaves a gap (a sequence is not transactional, which is what lets nodes not wait).
constexpr const char* pg_tickets =
    "CREATE TABLE tickets (number BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1001) PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  account_id TEXT NOT NULL REFERENCES accounts(id), requester_id TEXT NOT NULL REFERENCES users(id),"
    "  kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, users TEXT, impact TEXT,"
    "  environment TEXT, experience TEXT, agency TEXT NOT NULL DEFAULT '', cc TEXT NOT NULL DEFAULT '[]',"
    "  status TEXT NOT NULL DEFAULT 'open', priority TEXT NOT NULL, opened_at BIGINT NOT NULL,"
    "  due_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, solved_at BIGINT, reopen_until BIGINT,"
    "  follow_up_of TEXT REFERENCES tickets(id));"
    "CREATE INDEX tickets_account ON tickets (account_id, number);"
    "CREATE INDEX tickets_account_status ON tickets (account_id, status, number);"
    "CREATE TABLE ticket_comments (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL, body TEXT NOT NULL,"
    "  public BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL);"
    "CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);"
    "CREATE TABLE attachments (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),"
    "  uploader_id TEXT NOT NULL REFERENCES users(id), ticket_id TEXT REFERENCES tickets(id), name TEXT NOT NULL,"
    "  mime TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, created_at BIGINT NOT NULL);"
    "CREATE INDEX attachments_ticket ON attachments (ticket_id);"
    "CREATE TABLE ticket_idempotency (user_id TEXT NOT NULL, account_id TEXT NOT NULL, key TEXT NOT NULL,"
    "  request_hash TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets(id), created_at BIGINT NOT NULL,"
    "  PRIMARY KEY (user_id, account_id, key));"
    "CREATE TABLE surveys (ticket_id TEXT PRIMARY KEY REFERENCES tickets(id), rating TEXT NOT NULL,"
    "  reason TEXT NOT NULL DEFAULT '', rated_at BIGINT NOT NULL);";

// The signing key moves to the key file (identity/keys.hpp): the row that held it goes. Rate limits
// count events of any kind (sends, starts, wrong codes) by key; what the sweep purges by age is indexed
// by its time.
constexpr const char* sqlite_limits =
    "DROP TABLE server_keys;"
    "CREATE TABLE rate_events (key TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX rate_events_key ON rate_events (key, at);"
    "CREATE INDEX rate_events_at ON rate_events (at);"
    "INSERT INTO rate_events (key, at) SELECT key, sent_at FROM message_sends;"
    "DROP TABLE message_sends;"
    "CREATE INDEX auth_transactions_expires ON auth_transactions (expires_at);"
    "CREATE INDEX authorization_codes_expires ON authorization_codes (expires_at);"
    "CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);"
    "CREATE INDEX outbox_created ON outbox (created_at);"
    "CREATE INDEX ticket_idempotency_created ON ticket_idempotency (created_at);"
    "CREATE INDEX attachments_drafts ON attachments (uploader_id, created_at) WHERE ticket_id IS NULL;"
    "CREATE INDEX attachments_sha256 ON attachments (sha256);";
constexpr const char* pg_limits =
    "DROP TABLE server_keys;"
    "CREATE TABLE rate_events (key TEXT NOT NULL, at BIGINT NOT NULL);"
    "CREATE INDEX rate_events_key ON rate_events (key, at);"
    "CREATE INDEX rate_events_at ON rate_events (at);"
    "INSERT INTO rate_events (key, at) SELECT key, sent_at FROM message_sends;"
    "DROP TABLE message_sends;"
    "CREATE INDEX auth_transactions_expires ON auth_transactions (expires_at);"
    "CREATE INDEX authorization_codes_expires ON authorization_codes (expires_at);"
    "CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);"
    "CREATE INDEX outbox_created ON outbox (created_at);"
    "CREATE INDEX ticket_idempotency_created ON ticket_idempotency (created_at);"
    "CREATE INDEX attachments_drafts ON attachments (uploader_id, created_at) WHERE ticket_id IS NULL;"
    "CREATE INDEX attachments_sha256 ON attachments (sha256);";

// The search reads a folded copy of the title (core::search_fold, written with the ticket), so that
// neither engine needs the folding as an SQL function. On PostgreSQL the attachments' bytes live in
// the database too (attachment_files, by SHA-256): every node serves every file, and a file and its
// row commit together.
constexpr const char* sqlite_search =
    "ALTER TABLE tickets ADD COLUMN title_folded TEXT NOT NULL DEFAULT '';"
    "UPDATE tickets SET title_folded = search_fold(title);";
constexpr const char* pg_search =
    "ALTER TABLE tickets ADD COLUMN title_folded TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE attachment_files (sha256 TEXT PRIMARY KEY, bytes BYTEA NOT NULL);";

// Notifications by email: each one written in the transaction of the change that causes it (the
// outbox: the recipient, what happened, the reply it tells of), put in words and sent by a worker that
// claims it for a while (so that one node sends it), retried with backoff, and marked sent; the people who asked to hear no more about a ticket; the language a user
// last used in the portal (their emails are written in it).
constexpr const char* sqlite_notifications =
    "ALTER TABLE users ADD COLUMN language TEXT;"
    "CREATE TABLE notifications (id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  recipient TEXT NOT NULL COLLATE NOCASE, kind TEXT NOT NULL, language TEXT NOT NULL,"
    "  comment_id INTEGER REFERENCES ticket_comments(id), created_at INTEGER NOT NULL,"
    "  next_attempt_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, claimed_until INTEGER NOT NULL DEFAULT 0,"
    "  sent_at INTEGER, gave_up_at INTEGER, last_error TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;"
    "CREATE INDEX notifications_created ON notifications (created_at);"
    "CREATE TABLE notification_stops (ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  recipient TEXT NOT NULL COLLATE NOCASE, stopped_at INTEGER NOT NULL, PRIMARY KEY (ticket_id, recipient));";
constexpr const char* pg_notifications =
    "ALTER TABLE users ADD COLUMN language TEXT;"
    "CREATE TABLE notifications (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  recipient TEXT COLLATE portal_nocase NOT NULL, kind TEXT NOT NULL, language TEXT NOT NULL,"
    "  comment_id BIGINT REFERENCES ticket_comments(id), created_at BIGINT NOT NULL,"
    "  next_attempt_at BIGINT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, claimed_until BIGINT NOT NULL DEFAULT 0,"
    "  sent_at BIGINT, gave_up_at BIGINT, last_error TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;"
    "CREATE INDEX notifications_created ON notifications (created_at);"
    "CREATE TABLE notification_stops (ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  recipient TEXT COLLATE portal_nocase NOT NULL, stopped_at BIGINT NOT NULL, PRIMARY KEY (ticket_id, recipient));";

// What changed on which ticket, in order: the events an open page hears at once (GET /api/events),
// written in the change's transaction, read by every node, resumed from by id (Last-Event-ID): never
// reused, even once the sweep emptied the table (AUTOINCREMENT; an identity on PostgreSQL).
constexpr const char* sqlite_events =
    "CREATE TABLE ticket_events (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  change TEXT NOT NULL, created_at INTEGER NOT NULL);"
    "CREATE INDEX ticket_events_created ON ticket_events (created_at);";
constexpr const char* pg_events =
    "CREATE TABLE ticket_events (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  ticket_id TEXT NOT NULL REFERENCES tickets(id), change TEXT NOT NULL, created_at BIGINT NOT NULL);"
    "CREATE INDEX ticket_events_created ON ticket_events (created_at);";

// The time zone a user's browser is in (its IANA name), for telling them a deadline on their own clock.
constexpr const char* user_time_zone = "ALTER TABLE users ADD COLUMN time_zone TEXT;";

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, "installation", sqlite_installation, pg_installation},
        {2, "identity", sqlite_identity, pg_identity},
        {3, "google sign-in", google_sign_in, google_sign_in},
        {4, "tickets", sqlite_tickets, pg_tickets},
        {5, "keys off the database, limits and retention", sqlite_limits, pg_limits},
        {6, "folded titles for the search; files in PostgreSQL", sqlite_search, pg_search},
        {7, "notifications by email", sqlite_notifications, pg_notifications},
        {8, "ticket events for open pages", sqlite_events, pg_events},
        {9, "the users' time zones", user_time_zone, user_time_zone},
    };
    return list;
}

int latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

core::Error newer_schema(int found) {
    return core::Error{"storage", "the database has schema version " + std::to_string(found) +
                                      ", newer than this server knows (" + std::to_string(latest_schema_version()) +
                                      "): run a newer portal-server"};
}

}  // namespace server
