#pragma once
// The names of an enum's values where they cross a boundary (SQL, the
// configuration, what people type): one table per enum, in the order of its
// values, read both ways.

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace core {

template <typename E, std::size_t N>
class Names {
public:
    constexpr explicit Names(std::array<std::string_view, N> names) : names_(names) {}

    constexpr std::string_view of(E value) const { return names_[static_cast<std::size_t>(value)]; }
    constexpr std::optional<E> find(std::string_view name) const {
        for (std::size_t i = 0; i < N; ++i)
            if (names_[i] == name) return static_cast<E>(i);
        return std::nullopt;
    }
    // As find(), or std::invalid_argument naming `what` ("PTO status").
    E parse(std::string_view name, std::string_view what) const {
        if (auto value = find(name)) return *value;
        throw std::invalid_argument("unknown " + std::string(what) + " \"" + std::string(name) +
                                    "\"");
    }
    constexpr const std::array<std::string_view, N>& all() const { return names_; }

private:
    std::array<std::string_view, N> names_;
};

}  // namespace core
