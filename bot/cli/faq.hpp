#pragma once
// `sitelead-bot faq import FILE` and `sitelead-bot faq export [--out FILE]`:
// the FAQ as a JSON file (the format of config/faq.json), so that a site can
// keep it in version control. Importing is by key and idempotent.

#include <ostream>
#include <string>

#include "config/config.hpp"

namespace bot {

// Adds and changes entries from `file`; reports added, changed and unchanged.
int faq_import(const config::Config& cfg, const std::string& file, std::ostream& out);
// Writes every entry, in a stable order, to `path` ("" or "-": `out`).
int faq_export(const config::Config& cfg, const std::string& path, std::ostream& out);

}  // namespace bot
