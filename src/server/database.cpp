#include "server/database.hpp"

#include "server/postgres_store.hpp"
#include "server/sqlite_store.hpp"

namespace server {

Database::Reader::~Reader() {
    if (connection) owner.release_reader(connection);
}

core::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file) {
    return SqliteDatabase::open(file);
}

core::Result<std::unique_ptr<Database>> Database::connect(const std::string& url) {
    if (url.rfind("sqlite:", 0) == 0) {
        const std::string path = url.substr(7);
        if (path.empty()) return core::Error{"storage", "sqlite: needs a file, as in sqlite:data/portal.sqlite3"};
        return SqliteDatabase::open(path);
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return PostgresDatabase::open(url);
    return core::Error{"storage", "the database must be sqlite:PATH or postgresql://…, not " + url.substr(0, url.find(':'))};
}

}  // namespace server
