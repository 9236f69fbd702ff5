#pragma once
#include <filesystem>
#include <string>

namespace testing_support {
// The project's source tree (for config/sitelead.example.json and friends).
std::filesystem::path source_dir();
// The built sitelead-bot executable, for tests that run it as a process.
std::filesystem::path bot_binary();

// A fresh empty directory under the system temp dir, removed with all it holds
// when the value goes (also when a constructor throws after it was made), unless
// the running test has failed: then it stays for inspection and its path is
// printed.
class TempDir {
public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    operator const std::filesystem::path&() const { return path_; }
    std::filesystem::path operator/(const std::filesystem::path& name) const {
        return path_ / name;
    }

private:
    std::filesystem::path path_;
};
}  // namespace testing_support
