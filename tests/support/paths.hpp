#pragma once
#include <filesystem>
#include <string>

namespace testing_support {
// The project's source tree (for config/sitelead.example.json and friends).
std::filesystem::path source_dir();
// The built sitelead-bot executable, for tests that run it as a process.
std::filesystem::path bot_binary();
// A fresh empty directory under the system temp dir, removed by the caller
// (or left for inspection when a test fails).
std::filesystem::path make_temp_dir(const std::string& prefix);
}  // namespace testing_support
