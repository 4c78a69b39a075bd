#pragma once
// Time zones beyond the five the regions use, for telling a person a deadline on their own clock: read
// from the system's tz database (Debian's tzdata, /usr/share/zoneinfo, in TZif form, RFC 8536) the first
// time a zone is asked for, and kept. The portal names the reader's zone as the browser knows it
// (Intl's IANA name); a name that is not one, or a zone the system lacks, is no zone.
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "core/time_zone.hpp"

namespace server {

// The zone called `name` (built in, else from `root`); nullptr when there is none.
const core::TimeZone* find_zone(std::string_view name, const std::filesystem::path& root = "/usr/share/zoneinfo");

// A TZif file's transitions (its 64-bit block when it has one), each with its UTC offset, the first from
// before them all; nullopt for a file that is missing or not TZif.
std::optional<std::vector<core::ZoneTransition>> read_tzif(const std::filesystem::path& file);

// Whether `name` can be an IANA zone name ("America/Sao_Paulo", "Etc/GMT+3", "UTC"): letters, digits and
// "/_+-", no "..", not absolute, at most 64 characters.
bool plausible_zone_name(std::string_view name);

}  // namespace server
