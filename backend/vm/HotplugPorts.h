#pragma once

#include "core/Result.h"

#include <QJsonObject>

namespace vireo {

class QmpClient;

// device_add of `device` (its driver, id and the rest) on the first free one of the VM's
// empty PCIe root ports. A port that is taken is skipped; any other refusal is reported,
// and "no free slot" names the fix when every port is taken.
Status plugIntoFreePort(QmpClient& qmp, QJsonObject device, const QString& vm);

} // namespace vireo
