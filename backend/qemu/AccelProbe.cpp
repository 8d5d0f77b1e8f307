#include "qemu/AccelProbe.h"

#include "core/ProcessRunner.h"
#include "store/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/utsname.h>
#include <unistd.h>

namespace vireo {

namespace {

QString cachePath() {
    QString base = QString::fromLocal8Bit(qgetenv("XDG_CACHE_HOME"));
    if (base.isEmpty()) base = QDir::homePath() + QStringLiteral("/.cache");
    return base + QStringLiteral("/vireo/accel.json");
}

// Identifies the things the verdict depends on without running anything: starting QEMU
// just to read its version costs ~0.2 s, which every `vm start` would pay.
QString hostKey(const QString& qemuBinary) {
    struct utsname u {};
    ::uname(&u);
    const QFileInfo kvm(QStringLiteral("/dev/kvm"));
    const QFileInfo qemu(QStandardPaths::findExecutable(qemuBinary));
    return QStringLiteral("%1|%2:%3:%4|%5|%6")
        .arg(QString::fromLatin1(u.release), qemu.canonicalFilePath())
        .arg(qemu.size())
        .arg(qemu.lastModified().toSecsSinceEpoch())
        .arg(kvm.exists() ? QString::number(kvm.lastModified().toSecsSinceEpoch())
                          : QStringLiteral("none"),
             QFileInfo::exists(QStringLiteral("/sys/module/kvm_pvm")) ? QStringLiteral("pvm")
                                                                      : QString());
}

bool cpuHasVirtualizationFlags() {
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly)) return false;
    const QByteArray info = f.readAll();
    return info.contains(" vmx") || info.contains(" svm");
}

AccelChoice probe(const QString& qemuBinary) {
    if (::access("/dev/kvm", R_OK | W_OK) != 0)
        return {QStringLiteral("tcg"),
                QStringLiteral(
                    "/dev/kvm is missing or not accessible: using TCG (slow software emulation)"),
                false};
    QTemporaryDir dir;
    const QString debugLog = dir.path() + QStringLiteral("/seabios.log");
    // SeaBIOS runs real guest code on the vCPU and prints to port 0x402 as it goes: a
    // working KVM reaches "No bootable device" in well under a second.
    auto run = runProcessAllowFailure(
        {{qemuBinary, QStringLiteral("-accel"), QStringLiteral("kvm"), QStringLiteral("-cpu"),
          QStringLiteral("host"), QStringLiteral("-machine"), QStringLiteral("q35"),
          QStringLiteral("-nodefaults"), QStringLiteral("-display"), QStringLiteral("none"),
          QStringLiteral("-m"), QStringLiteral("64"), QStringLiteral("-no-reboot"),
          QStringLiteral("-chardev"), QStringLiteral("file,id=dbg,path=") + debugLog,
          QStringLiteral("-device"), QStringLiteral("isa-debugcon,iobase=0x402,chardev=dbg"),
          QStringLiteral("-boot"), QStringLiteral("strict=on")},
         4000,
         {},
         nullptr});
    QFile log(debugLog);
    const QByteArray bios = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    const bool booted = bios.contains("No bootable device") || bios.contains("Booting from");
    const QString flags =
        cpuHasVirtualizationFlags()
            ? QString()
            : QStringLiteral(" (the CPU shows no vmx/svm flags%1)")
                  .arg(QFileInfo::exists(QStringLiteral("/sys/module/kvm_pvm"))
                           ? QStringLiteral("; /dev/kvm is the paravirtual kvm_pvm backend")
                           : QString());
    if (booted && flags.isEmpty())
        return {QStringLiteral("kvm"),
                QStringLiteral("KVM ran a probe guest: using hardware acceleration"), false};
    QString why;
    if (!run)
        why = run.error().message;
    else if (run->exitCode != 0)
        why = QStringLiteral("QEMU with KVM failed: %1").arg(lastLine(run->stderrData));
    else if (!booted)
        why = QStringLiteral("a KVM probe guest made no progress");
    else
        why = QStringLiteral("KVM starts firmware but is not hardware virtualization");
    return {QStringLiteral("tcg"),
            QStringLiteral("KVM does not work here (%1)%2: using TCG (slow software emulation)")
                .arg(why, flags),
            false};
}

} // namespace

AccelChoice chooseAccelerator(const QString& qemuBinary) {
    const QByteArray forced = qgetenv("VIREO_ACCEL");
    if (forced == "tcg" || forced == "kvm")
        return {QString::fromLatin1(forced), QStringLiteral("set by VIREO_ACCEL"), false};
    const QString key = hostKey(qemuBinary);
    if (auto bytes = readWholeFile(cachePath())) {
        const auto o = QJsonDocument::fromJson(*bytes).object();
        if (o.value(QStringLiteral("key")).toString() == key)
            return {o.value(QStringLiteral("accel")).toString(),
                    o.value(QStringLiteral("reason")).toString(), true};
    }
    AccelChoice choice = probe(qemuBinary);
    QDir().mkpath(QFileInfo(cachePath()).absolutePath());
    (void)writeFileAtomically(cachePath(),
                              QJsonDocument(QJsonObject{{QStringLiteral("key"), key},
                                                        {QStringLiteral("accel"), choice.accel},
                                                        {QStringLiteral("reason"), choice.reason}})
                                  .toJson());
    return choice;
}

} // namespace vireo
