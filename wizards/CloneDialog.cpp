#include "CloneDialog.h"

#include "spec/VmSpecValidation.h"
#include "store/Library.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace vireo {

CloneDialog::CloneDialog(const QString& libraryRoot, const QString& source, QWidget* parent)
    : QDialog(parent), m_root(libraryRoot) {
    setWindowTitle(tr("Clone %1").arg(source));
    m_name = new QLineEdit(tr("%1-clone").arg(source), this);
    m_linked =
        new QCheckBox(tr("Linked clone (thin overlay on the source's disks; instant)"), this);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Clone"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("New name:"), m_name);
    form->addRow(QString(), m_linked);
    form->addRow(QString(), m_error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CloneDialog::validate);
    validate();
}

QString CloneDialog::targetName() const {
    return m_name->text().trimmed();
}
bool CloneDialog::linked() const {
    return m_linked->isChecked();
}

void CloneDialog::validate() {
    const QString name = targetName();
    const Status valid = validateVmName(name);
    QString error;
    if (!valid.ok())
        error = tr("Invalid name: %1").arg(valid.error().line());
    else if (Library(m_root).exists(name))
        error = tr("A VM named %1 already exists.").arg(name);
    m_error->setText(error);
    m_ok->setEnabled(error.isEmpty());
}

} // namespace vireo
