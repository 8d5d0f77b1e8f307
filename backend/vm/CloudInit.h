#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

namespace vireo {

struct CloudInitOptions {
    QString image;             // the cloud image (qcow2, raw, ...)
    QString sshKeyFile;        // a public key; empty = the user's ~/.ssh/*.pub
    QString userDataFile;      // the user's own user-data, merged (multipart) after ours
    QString networkConfigFile; // network-config v2; empty = DHCP on every NIC
    bool passwordLogin = false;
};

// Imports a cloud image into the library's image cache once (qcow2, named by the
// source's SHA-256, written atomically) and returns the cached file.
Result<QString> cachedCloudImage(const Library& library, const QString& image);

// Writes the NoCloud seed (an ISO 9660 volume labelled "cidata", made by xorriso) for a
// VM: meta-data with a fresh instance-id and the VM's name as hostname; user-data with the
// image's default user plus one named like the VM holding the SSH key, and the user's own
// user-data as a second MIME part; network-config v2 (DHCP on every NIC unless given).
Status writeNoCloudSeed(const VmSpec& spec, const CloudInitOptions& options,
                        const QString& isoPath);

// Writes a seed for `spec` from another VM's seed (a template's): the same user-data and
// network-config, with a fresh instance-id and the new VM's name as hostname, so cloud-init
// runs its first-boot steps again and the instance is a new machine.
Status reseedNoCloud(const QString& sourceIso, const VmSpec& spec, const QString& isoPath);

// Creates a VM from a cloud image: a linked qcow2 overlay on the cached image as its disk
// (instant, whatever the image size) and the seed in its CD drive. Returns the stored spec.
Result<VmSpec> createCloudVm(const Library& library, VmSpec spec, const CloudInitOptions& options);

} // namespace vireo
