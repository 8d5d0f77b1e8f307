#include "NewSandboxWizard.h"

#include "BackgroundJob.h"
#include "core/Size.h"
#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxStore.h"
#include "sandbox/SandboxVolumes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWizardPage>

namespace vireo {

namespace {

// Splits a command line as a POSIX shell would for words: 'single' and "double" quotes,
// backslash escapes; no expansion. (QProcess::splitCommand knows double quotes only.)
QStringList splitWords(const QString& line) {
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == QLatin1Char('\'')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
            word += line.at(++i);
            inWord = true;
        } else if (quote == QLatin1Char('"')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord) words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) words << word;
    return words;
}

QString shellWord(const QString& s) {
    static const QString plain =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@+");
    if (!s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return plain.contains(c); }))
        return s;
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
           QLatin1Char('\'');
}

// Everything the pages chose, copied for the job off the UI thread.
struct Choices {
    QString name, image, rootfs, memory, network;
    QStringList command, ports, volumes;
    int pids = 0;
    double cpus = 0;
    bool tty = false;
};

Status createSandbox(const QString& root, const Choices& c) {
    VIREO_TRY(validateSandboxName(c.name));
    const SandboxStore store(root);
    if (store.exists(c.name))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("sandbox '%1' already exists").arg(c.name),
                         QStringLiteral("pick another name"));
    SandboxSpec spec;
    spec.name = c.name;
    spec.tty = c.tty;
    if (!c.image.isEmpty()) {
        auto image = SandboxImages(root).load(c.image);
        if (!image) return image.error();
        applyImage(*image, c.command, &spec);
    } else {
        spec.rootfs = QFileInfo(c.rootfs).absoluteFilePath();
        spec.command = c.command;
    }
    if (!c.memory.isEmpty()) {
        auto bytes = parseSize(c.memory, QStringLiteral("memory limit"));
        if (!bytes) return bytes.error();
        spec.limits.memoryBytes = *bytes;
    }
    spec.limits.pids = std::uint32_t(c.pids);
    spec.limits.cpus = c.cpus;
    setSandboxNetwork(c.network, &spec);
    for (const auto& p : c.ports) {
        auto port = parsePortMapping(p);
        if (!port) return port.error();
        spec.ports.append(*port);
    }
    const SandboxVolumes volumes(root);
    for (const auto& v : c.volumes) {
        auto bind = volumes.bindMount(v);
        if (!bind) return bind.error();
        spec.binds.append(*bind);
    }
    VIREO_TRY(validateSandboxSpec(spec));
    VIREO_TRY(volumes.ensureAll(spec));
    return store.save(spec);
}

QLabel* statusLabel(QWidget* parent, const char* name) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setObjectName(QString::fromLatin1(name));
    return label;
}

} // namespace

NewSandboxWizard::NewSandboxWizard(const QString& libraryRoot, const QStringList& images,
                                   const QStringList& networks, QWidget* parent)
    : QWizard(parent), m_root(libraryRoot) {
    setObjectName(QStringLiteral("newSandboxWizard"));
    setWindowTitle(tr("New Sandbox"));
    buildRootPage(images);
    buildLimitsPage();
    buildNetworkPage(networks);
    buildSummaryPage();
    resize(640, 480);
}

void NewSandboxWizard::buildRootPage(const QStringList& images) {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("What runs"));
    page->setSubTitle(tr("An image of the library (its own command unless you give one) or a "
                         "folder holding the sandbox's /."));
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("sandboxName"));
    m_image = new QComboBox(page);
    m_image->setObjectName(QStringLiteral("sandboxImage"));
    m_image->addItem(tr("None: a folder"), QString());
    for (const auto& i : images)
        m_image->addItem(i, i);
    m_rootfs = new QLineEdit(page);
    m_rootfs->setObjectName(QStringLiteral("sandboxRootfs"));
    m_rootfs->setPlaceholderText(tr("A folder holding the sandbox's /"));
    auto* browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Root folder"));
        if (!dir.isEmpty()) m_rootfs->setText(dir);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_rootfs, 1);
    folderRow->addWidget(browse);
    m_command = new QLineEdit(page);
    m_command->setObjectName(QStringLiteral("sandboxCommand"));
    m_command->setPlaceholderText(tr("Empty: the image's own command"));
    connect(m_image, &QComboBox::currentIndexChanged, this, [this, browse] {
        const bool folder = m_image->currentData().toString().isEmpty();
        m_rootfs->setEnabled(folder);
        browse->setEnabled(folder);
    });
    m_rootStatus = statusLabel(page, "sandboxRootStatus");
    auto* form = new QFormLayout(page);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Image:"), m_image);
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Command:"), m_command);
    form->addRow(m_rootStatus);
    setPage(RootPageId, page);
}

void NewSandboxWizard::buildLimitsPage() {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Limits"));
    page->setSubTitle(tr("Enforced by the kernel's cgroups; the sandbox is stopped, not the "
                         "host, when it goes over."));
    m_memory = new QLineEdit(page);
    m_memory->setObjectName(QStringLiteral("sandboxMemory"));
    m_memory->setPlaceholderText(tr("e.g. 256M; empty: no limit"));
    m_pids = new QSpinBox(page);
    m_pids->setObjectName(QStringLiteral("sandboxPids"));
    m_pids->setRange(0, 1000000);
    m_pids->setSpecialValueText(tr("no limit"));
    m_cpus = new QDoubleSpinBox(page);
    m_cpus->setObjectName(QStringLiteral("sandboxCpus"));
    m_cpus->setRange(0, 1024);
    m_cpus->setDecimals(1);
    m_cpus->setSingleStep(0.5);
    m_cpus->setSpecialValueText(tr("no limit"));
    m_tty = new QCheckBox(tr("Keep a terminal to attach to"), page);
    m_tty->setObjectName(QStringLiteral("sandboxTty"));
    m_limitsStatus = statusLabel(page, "sandboxLimitsStatus");
    auto* form = new QFormLayout(page);
    form->addRow(tr("Memory:"), m_memory);
    form->addRow(tr("Processes:"), m_pids);
    form->addRow(tr("CPUs:"), m_cpus);
    form->addRow(QString(), m_tty);
    form->addRow(m_limitsStatus);
    setPage(LimitsPageId, page);
}

void NewSandboxWizard::buildNetworkPage(const QStringList& networks) {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Network and folders"));
    page->setSubTitle(tr("On a Vireo network the sandbox sits beside the VMs, with DHCP and "
                         "their names."));
    m_network = new QComboBox(page);
    m_network->setObjectName(QStringLiteral("sandboxNetwork"));
    m_network->addItem(tr("None (loopback only)"), QStringLiteral("none"));
    m_network->addItem(tr("NAT (through this computer)"), QStringLiteral("nat"));
    for (const auto& n : networks)
        m_network->addItem(n, n);
    m_ports = new QLineEdit(page);
    m_ports->setObjectName(QStringLiteral("sandboxPorts"));
    m_ports->setPlaceholderText(tr("NAT only: HOST:SANDBOX ports, e.g. 8080:80 2222:22"));
    m_volumes = new QPlainTextEdit(page);
    m_volumes->setObjectName(QStringLiteral("sandboxVolumes"));
    m_volumes->setPlaceholderText(tr("One per line: /host/folder:/inside[:ro] or "
                                     "volume-name:/inside (kept after the sandbox)"));
    connect(m_network, &QComboBox::currentIndexChanged, this, [this] {
        m_ports->setEnabled(m_network->currentData().toString() == QLatin1String("nat"));
    });
    m_ports->setEnabled(false);
    m_networkStatus = statusLabel(page, "sandboxNetworkStatus");
    auto* form = new QFormLayout(page);
    form->addRow(tr("Network:"), m_network);
    form->addRow(tr("Ports:"), m_ports);
    form->addRow(tr("Folders:"), m_volumes);
    form->addRow(m_networkStatus);
    setPage(NetworkPageId, page);
}

void NewSandboxWizard::buildSummaryPage() {
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Summary"));
    page->setSubTitle(tr("The same sandbox from a script, then Finish to create it."));
    m_summary = new QPlainTextEdit(page);
    m_summary->setObjectName(QStringLiteral("sandboxSummary"));
    m_summary->setReadOnly(true);
    m_status = statusLabel(page, "sandboxWizardStatus");
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_status);
    setPage(SummaryPageId, page);
}

QStringList NewSandboxWizard::volumeLines() const {
    QStringList lines;
    for (const auto& l : m_volumes->toPlainText().split(QLatin1Char('\n')))
        if (!l.trimmed().isEmpty()) lines << l.trimmed();
    return lines;
}

QStringList NewSandboxWizard::portWords() const {
    if (!m_ports->isEnabled()) return {};
    return m_ports->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString NewSandboxWizard::commandLine() const {
    QStringList a{QStringLiteral("vireoctl"), QStringLiteral("sandbox"), QStringLiteral("create"),
                  QStringLiteral("--name"), m_name->text().trimmed()};
    const QString image = m_image->currentData().toString();
    if (image.isEmpty())
        a << QStringLiteral("--rootfs") << m_rootfs->text().trimmed();
    else
        a << QStringLiteral("--image") << image;
    if (!m_memory->text().trimmed().isEmpty())
        a << QStringLiteral("--memory") << m_memory->text().trimmed();
    if (m_pids->value() > 0) a << QStringLiteral("--pids") << QString::number(m_pids->value());
    if (m_cpus->value() > 0) a << QStringLiteral("--cpus") << QString::number(m_cpus->value());
    if (m_tty->isChecked()) a << QStringLiteral("--tty");
    a << QStringLiteral("--network") << m_network->currentData().toString();
    for (const auto& p : portWords())
        a << QStringLiteral("-p") << p;
    for (const auto& v : volumeLines())
        a << QStringLiteral("-v") << v;
    const QStringList command = splitWords(m_command->text());
    if (!command.isEmpty()) a << QStringLiteral("--") << command;
    QStringList quoted;
    for (const auto& w : a)
        quoted << shellWord(w);
    return quoted.join(QLatin1Char(' '));
}

void NewSandboxWizard::initializePage(int id) {
    QWizard::initializePage(id);
    if (id == SummaryPageId) m_summary->setPlainText(commandLine());
}

bool NewSandboxWizard::validateCurrentPage() {
    // What can be judged here is judged here, on the page it belongs to.
    auto refuse = [](QLabel* where, const Error& e) {
        where->setText(e.line());
        return false;
    };
    switch (currentId()) {
    case RootPageId: {
        if (auto s = validateSandboxName(m_name->text().trimmed()); !s)
            return refuse(m_rootStatus, s.error());
        if (m_image->currentData().toString().isEmpty()) {
            if (!QFileInfo(m_rootfs->text().trimmed()).isDir())
                return refuse(
                    m_rootStatus,
                    makeError(ErrorCode::NotFound,
                              tr("the folder '%1' does not exist").arg(m_rootfs->text().trimmed()),
                              tr("pick the folder that holds the sandbox's /")));
            if (splitWords(m_command->text()).isEmpty())
                return refuse(m_rootStatus, makeError(ErrorCode::InvalidArgument,
                                                      tr("a folder has no command of its own"),
                                                      tr("give the command to run, e.g. /bin/sh")));
        }
        m_rootStatus->clear();
        return true;
    }
    case LimitsPageId:
        if (!m_memory->text().trimmed().isEmpty())
            if (auto b = parseSize(m_memory->text().trimmed(), tr("memory limit")); !b)
                return refuse(m_limitsStatus, b.error());
        m_limitsStatus->clear();
        return true;
    case NetworkPageId:
        for (const auto& p : portWords())
            if (auto port = parsePortMapping(p); !port)
                return refuse(m_networkStatus, port.error());
        for (const auto& v : volumeLines())
            if (auto bind = parseBindMount(v); !bind) return refuse(m_networkStatus, bind.error());
        m_networkStatus->clear();
        return true;
    case SummaryPageId:
        if (!m_creating) create();
        return false; // the job accepts once the sandbox is stored
    }
    return true;
}

void NewSandboxWizard::create() {
    Choices c;
    c.name = m_name->text().trimmed();
    c.image = m_image->currentData().toString();
    c.rootfs = m_rootfs->text().trimmed();
    c.command = splitWords(m_command->text());
    c.memory = m_memory->text().trimmed();
    c.pids = m_pids->value();
    c.cpus = m_cpus->value();
    c.tty = m_tty->isChecked();
    c.network = m_network->currentData().toString();
    c.ports = portWords();
    c.volumes = volumeLines();
    m_creating = true;
    m_status->setText(tr("Creating…"));
    const QString root = m_root;
    runJob<bool>(
        this, tr("Creating sandbox %1").arg(c.name),
        [root, c]() -> Result<bool> {
            if (auto s = createSandbox(root, c); !s) return s.error();
            return true;
        },
        [this, name = c.name](const Result<bool>& r) {
            m_creating = false;
            if (!r) {
                m_status->setText(r.error().line());
                return;
            }
            m_status->setText(tr("Created."));
            Q_EMIT created(name);
            QWizard::accept();
        });
}

} // namespace vireo
