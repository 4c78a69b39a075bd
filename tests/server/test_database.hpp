#pragma once
// The database of one test server. By default SQLite in the server's data folder; with
// PORTAL_TEST_DATABASE=postgresql://… (scripts/test-postgres.sh sets it, over a throwaway cluster) a
// schema of its own on that PostgreSQL, named in the URL's search_path and dropped at the end, so that
// every server starts empty as it does on SQLite.
#include <filesystem>
#include <string>

class TestDatabase {
public:
    explicit TestDatabase(const std::filesystem::path& data_dir);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    // True when the suites run on PostgreSQL (PORTAL_TEST_DATABASE names one).
    static bool postgres();
    std::string url;  // for Database::connect and --database

private:
    std::string base, schema;
};
