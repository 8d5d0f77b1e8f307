#pragma once

// Sizes as users type and read them ("512M", "1.5G", "64.0 MiB"). Qt-free and header-only:
// the backend's parseSize/formatSize and vireoctl's Qt-free front share it.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace vireo {

// "NUMBER[.FRACTION] [K|M|G|T][i][B]", binary units, surrounding blanks allowed; nullopt when
// it is not that form or outside 1 byte .. 1 PiB (larger is a typo on a workstation).
inline std::optional<std::uint64_t> parseSizeText(std::string_view text) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    // By hand, not strtod: the decimal point must not depend on the user's locale.
    size_t i = 0;
    double number = 0;
    double scale = 1;
    bool fraction = false;
    size_t count = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            if (fraction) scale /= 10;
            number = fraction ? number + (c - '0') * scale : number * 10 + (c - '0');
            ++count;
        } else if (c == '.' && !fraction && count > 0) {
            fraction = true;
            count = 0;
        } else {
            break;
        }
    }
    if (count == 0) return std::nullopt; // no digits, or none after the point
    while (i < text.size() && blank(text[i]))
        ++i;
    int shift = 0;
    if (i < text.size()) {
        switch (text[i]) {
        case 'k':
        case 'K':
            shift = 10;
            ++i;
            break;
        case 'm':
        case 'M':
            shift = 20;
            ++i;
            break;
        case 'g':
        case 'G':
            shift = 30;
            ++i;
            break;
        case 't':
        case 'T':
            shift = 40;
            ++i;
            break;
        default:
            break;
        }
    }
    std::string_view suffix = text.substr(i);
    if (suffix == "iB" || suffix == "ib" || suffix == "B" || suffix == "b") suffix = {};
    if (!suffix.empty()) return std::nullopt;
    const double bytes = number * static_cast<double>(1ull << shift);
    if (bytes < 1 || bytes > static_cast<double>(1ull << 50)) return std::nullopt;
    return static_cast<std::uint64_t>(bytes);
}

// "512 B", "64.0 MiB", "1.5 GiB".
inline std::string formatSizeText(std::uint64_t bytes) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char out[32];
    std::snprintf(out, sizeof out, "%.*f %s", u == 0 ? 0 : 1, v, units[u]);
    return out;
}

} // namespace vireo
