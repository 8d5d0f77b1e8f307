#include "Progress.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace vireo::cli {

namespace {
std::atomic_bool g_cancel{false};
void onInterrupt(int) {
    g_cancel.store(true);
}
} // namespace

ProgressLine::ProgressLine(QString label)
    : m_label(std::move(label)), m_tty(::isatty(STDERR_FILENO)) {
    g_cancel.store(false);
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

ProgressLine::~ProgressLine() {
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

std::function<void(double)> ProgressLine::callback() {
    return [this](double percent) {
        const int shown = static_cast<int>(percent);
        if (!m_tty || shown == m_lastShown) return;
        m_lastShown = shown;
        std::fprintf(stderr, "\r%s: %3d%%", qPrintable(m_label), shown);
        std::fflush(stderr);
    };
}

const std::atomic_bool* ProgressLine::cancelFlag() const {
    return &g_cancel;
}

void ProgressLine::finish() {
    if (m_tty && m_lastShown >= 0) std::fprintf(stderr, "\r%s: 100%%\n", qPrintable(m_label));
}

} // namespace vireo::cli
