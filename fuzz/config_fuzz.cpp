// A configuration file's bytes through the loader: JSON that does not parse
// is a message, and a document that parses is either a configuration or a
// ConfigError listing every problem. Nothing else may escape.

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return 0;
    try {
        const config::Config cfg = config::parse(doc);
        (void)config::validate(cfg);
    } catch (const config::ConfigError&) {
    }
    return 0;
}
