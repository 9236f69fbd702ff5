#include "tests/support/paths.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <random>

namespace testing_support {

std::filesystem::path source_dir() {
    return SITELEAD_SOURCE_DIR;
}
std::filesystem::path bot_binary() {
    return SITELEAD_BINARY;
}

TempDir::TempDir(const std::string& prefix) {
    std::random_device rd;
    for (;;) {
        path_ = std::filesystem::temp_directory_path() /
                (prefix + "-" + std::to_string(rd()) + std::to_string(rd()));
        if (std::filesystem::create_directory(path_)) return;
    }
}

TempDir::~TempDir() {
    if (::testing::Test::HasFailure()) {
        std::cerr << "kept for inspection: " << path_.string() << '\n';
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace testing_support
