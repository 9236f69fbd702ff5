#include "tests/support/paths.hpp"

#include <random>

namespace testing_support {

std::filesystem::path source_dir() {
    return SITELEAD_SOURCE_DIR;
}
std::filesystem::path bot_binary() {
    return SITELEAD_BINARY;
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
    std::random_device rd;
    for (;;) {
        auto dir = std::filesystem::temp_directory_path() /
                   (prefix + "-" + std::to_string(rd()) + std::to_string(rd()));
        if (std::filesystem::create_directory(dir)) return dir;
    }
}

}  // namespace testing_support
