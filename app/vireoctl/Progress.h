#pragma once

#include <QString>
#include <atomic>
#include <functional>

namespace vireo::cli {

// A progress line on stderr when it is a terminal, and Ctrl-C turned into a cancel
// request for the running job (so it can clean up instead of dying half-way).
class ProgressLine {
public:
    explicit ProgressLine(QString label);
    ~ProgressLine();

    std::function<void(double)> callback();
    const std::atomic_bool* cancelFlag() const;
    void finish();

private:
    QString m_label;
    bool m_tty = false;
    int m_lastShown = -1;
};

} // namespace vireo::cli
