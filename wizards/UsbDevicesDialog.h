#pragma once

#include "spec/VmSpec.h"
#include "usb/UsbDevice.h"

#include <QDialog>
#include <QMap>

class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace vireo {

// Machine > USB Devices for one VM: the host's USB devices with the VM holding each;
// attach the selected one to the VM while it runs, or detach it; the VM's USB filters,
// added from a device (its vendor and product, or that one device by its serial) and
// removed. The same backend calls as vireoctl usb attach | detach and vm edit
// --usb-filter, run off the UI thread.
class UsbDevicesDialog : public QDialog {
    Q_OBJECT
public:
    UsbDevicesDialog(const QString& libraryRoot, const QString& vm, QWidget* parent = nullptr);

    QTreeWidget* devices() const { return m_devices; }
    QListWidget* filters() const { return m_filters; }
    QLabel* status() const { return m_status; }

    void refresh();
    void attachSelected();
    void detachSelected();
    // A filter for the selected device: vendor and product, plus its serial when asked.
    void addFilterFromSelected(bool withSerial);
    void removeSelectedFilter();

Q_SIGNALS:
    void refreshed();
    void changed(bool ok);

private:
    struct State {
        QVector<UsbDevice> devices;
        QMap<QString, QStringList> held;
        VmSpec spec;
        bool running = false;
    };
    void display(const State& state);
    const UsbDevice* selectedDevice() const;
    void finish(const Status& result, const QString& done);
    void updateButtons();

    QString m_root;
    QString m_vm;
    State m_state;
    QTreeWidget* m_devices = nullptr;
    QListWidget* m_filters = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_attach = nullptr;
    QPushButton* m_detach = nullptr;
    QPushButton* m_addFilter = nullptr;
    QPushButton* m_addSerialFilter = nullptr;
    QPushButton* m_removeFilter = nullptr;
};

} // namespace vireo
