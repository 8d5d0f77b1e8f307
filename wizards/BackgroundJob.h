#pragma once

#include "jobs/Job.h"

#include <memory>
#include <optional>

namespace vireo {

// Runs `body` (a backend call returning Result<T>) as a job off the UI thread and calls
// `done` with its result on the UI thread. What the wizards and dialogs share.
template <typename T, typename Body, typename Done>
void runJob(QObject* owner, const QString& title, Body body, Done done) {
    auto result = std::make_shared<std::optional<Result<T>>>();
    auto* job = new Job(
        title,
        [result, body](JobContext&) -> Status {
            result->emplace(body());
            return {};
        },
        owner);
    QObject::connect(job, &Job::finished, owner, [job, result, done] {
        done(**result);
        job->deleteLater();
    });
    job->start();
}

} // namespace vireo
