#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vireo {

// Asks for the clone's name (validated inline) and full or linked.
class CloneDialog : public QDialog {
    Q_OBJECT
public:
    CloneDialog(const QString& libraryRoot, const QString& source, QWidget* parent = nullptr);
    QString targetName() const;
    bool linked() const;

private:
    void validate();
    QString m_root;
    QLineEdit* m_name;
    QCheckBox* m_linked;
    QLabel* m_error;
    QPushButton* m_ok;
};

} // namespace vireo
