#pragma once

#include "passthrough/PciInventory.h"

namespace vireo {

// Fills vendorName/deviceName from the pci.ids database of the machine running Vireo
// (Debian: package pci.ids; Fedora: hwdata). Names are a courtesy: without the file
// they stay empty and nothing else changes.
void fillPciNames(QList<PciDevice>& devices);

} // namespace vireo
