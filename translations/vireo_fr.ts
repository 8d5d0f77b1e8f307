<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>OsPreset</name>
    <message>
        <source>Debian</source>
        <translation>Debian</translation>
    </message>
    <message>
        <source>Ubuntu</source>
        <translation>Ubuntu</translation>
    </message>
    <message>
        <source>Fedora</source>
        <translation>Fedora</translation>
    </message>
    <message>
        <source>Arch Linux</source>
        <translation>Arch Linux</translation>
    </message>
    <message>
        <source>Windows 10</source>
        <translation>Windows 10</translation>
    </message>
    <message>
        <source>Windows 11</source>
        <translation>Windows 11</translation>
    </message>
    <message>
        <source>FreeBSD</source>
        <translation>FreeBSD</translation>
    </message>
    <message>
        <source>Generic Linux</source>
        <translation>Linux générique</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>PassthroughWizard</name>
    <message>
        <source>Graphics cards</source>
        <translation>Cartes graphiques</translation>
    </message>
    <message>
        <source>Storage controllers (NVMe, SATA)</source>
        <translation>Contrôleurs de stockage (NVMe, SATA)</translation>
    </message>
    <message>
        <source>USB controllers</source>
        <translation>Contrôleurs USB</translation>
    </message>
    <message>
        <source>Network cards</source>
        <translation>Cartes réseau</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>Tous les périphériques</translation>
    </message>
    <message>
        <source>SR-IOV network cards (a VF for each VM)</source>
        <translation>Cartes réseau SR-IOV (une VF par VM)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Vireo: QEMU virtual machines on your desktop.</source>
        <translation>Vireo : des machines virtuelles QEMU sur votre bureau.</translation>
    </message>
    <message>
        <source>The VM library folder.</source>
        <translation>Le dossier de la bibliothèque de VM.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Language of the interface (de, fr, en); default: the system&apos;s.</source>
        <translation>Langue de l&apos;interface (de, fr, en) ; par défaut : celle du système.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
</context>
<context>
    <name>vireo::AddHostDialog</name>
    <message>
        <source>Add Host</source>
        <translation>Ajouter un hôte</translation>
    </message>
    <message>
        <source>e.g. rack1</source>
        <translation>p. ex. rack1</translation>
    </message>
    <message>
        <source>qemu+ssh:// uses your ssh keys or agent; qemu+tls:// the host&apos;s certificates; qemu+tcp:// only on a trusted network</source>
        <translation>qemu+ssh:// utilise vos clés SSH ou l&apos;agent ; qemu+tls:// les certificats de l&apos;hôte ; qemu+tcp:// seulement sur un réseau de confiance</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;URI:</source>
        <translation>&amp;URI :</translation>
    </message>
    <message>
        <source>The connection is tried before the host is added.</source>
        <translation>La connexion est essayée avant l&apos;ajout de l&apos;hôte.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Connexion à %1</translation>
    </message>
    <message>
        <source>Reachable: %1, libvirt %2, QEMU %3, %4 CPUs, %5 MiB free, %6 VMs</source>
        <translation>Joignable : %1, libvirt %2, QEMU %3, %4 CPU, %5 Mio libres, %6 VM</translation>
    </message>
    <message>
        <source>Log in to %1</source>
        <translation>Connexion à %1</translation>
    </message>
</context>
<context>
    <name>vireo::BackupsTab</name>
    <message>
        <source>A folder for this VM&apos;s backups</source>
        <translation>Un dossier pour les sauvegardes de cette VM</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>Non planifiée</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Save Schedule</source>
        <translation>Enregistrer la planification</translation>
    </message>
    <message>
        <source>Back Up Now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>Restore as New VM…</source>
        <translation>Restaurer comme nouvelle VM…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Back up every:</source>
        <translation>Sauvegarder toutes les :</translation>
    </message>
    <message>
        <source>Keep points:</source>
        <translation>Points conservés :</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Dossier de sauvegarde</translation>
    </message>
    <message>
        <source>Restore Backup</source>
        <translation>Restaurer la sauvegarde</translation>
    </message>
    <message>
        <source>Name of the new VM:</source>
        <translation>Nom de la nouvelle VM :</translation>
    </message>
    <message>
        <source>Reading backups in %1</source>
        <translation>Lecture des sauvegardes dans %1</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Complète</translation>
    </message>
    <message>
        <source>Incremental</source>
        <translation>Incrémentielle</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bonne</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Incomplète</translation>
    </message>
    <message>
        <source>Scheduling backups of %1</source>
        <translation>Planification des sauvegardes de %1</translation>
    </message>
    <message>
        <source>Backing up %1</source>
        <translation>Sauvegarde de %1</translation>
    </message>
    <message>
        <source>Restoring %1 as %2</source>
        <translation>Restauration de %1 en %2</translation>
    </message>
    <message>
        <source>Verifying backups in %1</source>
        <translation>Vérification des sauvegardes dans %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n good point(s).</source>
        <translation>
            <numerusform>%n point correct.</numerusform>
            <numerusform>%n points corrects.</numerusform>
        </translation>
    </message>
    <message>
        <source>Damaged: %1</source>
        <translation>Endommagé : %1</translation>
    </message>
</context>
<context>
    <name>vireo::CloneDialog</name>
    <message>
        <source>Clone %1</source>
        <translation>Cloner %1</translation>
    </message>
    <message>
        <source>%1-clone</source>
        <translation>%1-clone</translation>
    </message>
    <message>
        <source>Linked clone (thin overlay on the source&apos;s disks; instant)</source>
        <translation>Clone lié (fine surcouche sur les disques de la source ; instantané)</translation>
    </message>
    <message>
        <source>Clone</source>
        <translation>Cloner</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <source>Invalid name: %1</source>
        <translation>Nom invalide : %1</translation>
    </message>
    <message>
        <source>A VM named %1 already exists.</source>
        <translation>Une VM nommée %1 existe déjà.</translation>
    </message>
</context>
<context>
    <name>vireo::ConsoleTab</name>
    <message>
        <source>Reconnect</source>
        <translation>Reconnecter</translation>
    </message>
    <message>
        <source>Connected to the serial console of %1.</source>
        <translation>Connecté à la console série de %1.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <source>%1 has no serial console.</source>
        <translation>%1 n&apos;a pas de console série.</translation>
    </message>
    <message>
        <source>%1 is not running; its console connects when it starts.</source>
        <translation>%1 n&apos;est pas démarrée ; sa console se connectera au démarrage.</translation>
    </message>
    <message>
        <source>Own Window</source>
        <translation>Fenêtre séparée</translation>
    </message>
    <message>
        <source>%1 — Serial Console</source>
        <translation>%1 — Console série</translation>
    </message>
</context>
<context>
    <name>vireo::DetachableArea</name>
    <message>
        <source>Shown in its own window.</source>
        <translation>Affiché dans sa propre fenêtre.</translation>
    </message>
    <message>
        <source>Bring Back</source>
        <translation>Rapatrier</translation>
    </message>
</context>
<context>
    <name>vireo::DetailsPane</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Matériel</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Instantanés</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Performances</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
</context>
<context>
    <name>vireo::DisplayTab</name>
    <message>
        <source>Send Key</source>
        <translation>Envoyer une touche</translation>
    </message>
    <message>
        <source>Ctrl+Alt+Del</source>
        <translation>Ctrl+Alt+Suppr</translation>
    </message>
    <message>
        <source>Ctrl+Alt+Backspace</source>
        <translation>Ctrl+Alt+Retour arrière</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F1</source>
        <translation>Ctrl+Alt+F1</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F2</source>
        <translation>Ctrl+Alt+F2</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F7</source>
        <translation>Ctrl+Alt+F7</translation>
    </message>
    <message>
        <source>Print Screen</source>
        <translation>Impr. écran</translation>
    </message>
    <message>
        <source>Screenshot…</source>
        <translation>Capture d’écran…</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>Enregistrer la capture d’écran</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Scale to Window</source>
        <translation>Adapter à la fenêtre</translation>
    </message>
    <message>
        <source>Own Window</source>
        <translation>Fenêtre séparée</translation>
    </message>
    <message>
        <source>Could not save the screenshot to %1.</source>
        <translation>Impossible d’enregistrer la capture d’écran dans %1.</translation>
    </message>
    <message>
        <source>Screenshot saved to %1.</source>
        <translation>Capture d’écran enregistrée dans %1.</translation>
    </message>
    <message>
        <source>%1 — Display</source>
        <translation>%1 — Écran</translation>
    </message>
    <message>
        <source>%1 has no display; give it one in the Hardware tab (Display: VNC).</source>
        <translation>%1 n’a pas d’écran ; ajoutez-en un dans l’onglet Matériel (Écran : VNC).</translation>
    </message>
    <message>
        <source>%1 is not running; its display connects when it starts.</source>
        <translation>%1 n’est pas en marche ; son écran se connecte au démarrage.</translation>
    </message>
    <message>
        <source>Connecting to the display of %1…</source>
        <translation>Connexion à l’écran de %1…</translation>
    </message>
    <message>
        <source>Keyboard and mouse go to %1. Press %2 to release them.</source>
        <translation>Le clavier et la souris vont à %1. Appuyez sur %2 pour les libérer.</translation>
    </message>
    <message>
        <source>%1×%2 — click the screen to type into %3.</source>
        <translation>%1×%2 — cliquez sur l’écran pour taper dans %3.</translation>
    </message>
    <message>
        <source>Type Clipboard</source>
        <translation>Taper le presse-papiers</translation>
    </message>
    <message>
        <source>Types the clipboard&apos;s text into the guest as key presses, on the guest&apos;s layout</source>
        <translation>Tape le texte du presse-papiers dans l&apos;invité comme des frappes, selon la disposition de l&apos;invité</translation>
    </message>
    <message>
        <source>Guest keyboard: US</source>
        <translation>Clavier de l&apos;invité : US</translation>
    </message>
    <message>
        <source>Guest keyboard: German</source>
        <translation>Clavier de l&apos;invité : allemand</translation>
    </message>
    <message>
        <source>Typing the clipboard into %1</source>
        <translation>Saisie du presse-papiers dans %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n character(s) from the guest.</source>
        <translation>
            <numerusform>%n caractère copié depuis l’invité.</numerusform>
            <numerusform>%n caractères copiés depuis l’invité.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vireo::HardwareTab</name>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>BIOS (SeaBIOS)</source>
        <translation>BIOS (SeaBIOS)</translation>
    </message>
    <message>
        <source>UEFI (OVMF)</source>
        <translation>UEFI (OVMF)</translation>
    </message>
    <message>
        <source>None (serial console only)</source>
        <translation>Aucun (console série seulement)</translation>
    </message>
    <message>
        <source>VNC</source>
        <translation>VNC</translation>
    </message>
    <message>
        <source>No CD-ROM</source>
        <translation>Pas de CD-ROM</translation>
    </message>
    <message>
        <source>Comma-separated: disk, cdrom, network</source>
        <translation>Séparés par des virgules : disk, cdrom, network</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>vCPUs:</source>
        <translation>vCPU :</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Micrologiciel :</translation>
    </message>
    <message>
        <source>Display:</source>
        <translation>Affichage :</translation>
    </message>
    <message>
        <source>CD-ROM image:</source>
        <translation>Image CD-ROM :</translation>
    </message>
    <message>
        <source>Boot order:</source>
        <translation>Ordre de démarrage :</translation>
    </message>
    <message>
        <source>Disks:</source>
        <translation>Disques :</translation>
    </message>
    <message>
        <source>Network cards:</source>
        <translation>Cartes réseau :</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>%1 on %2, MAC %3</source>
        <translation>%1 sur %2, MAC %3</translation>
    </message>
    <message>
        <source>QEMU is started with this setting; it cannot change while the VM runs. Shut the VM down to change it.</source>
        <translation>QEMU est démarré avec ce réglage ; il ne peut pas changer tant que la VM tourne. Éteignez la VM pour le modifier.</translation>
    </message>
    <message>
        <source>Changing the hardware of %1</source>
        <translation>Modification du matériel de %1</translation>
    </message>
    <message>
        <source>Add Disk…</source>
        <translation>Ajouter un disque…</translation>
    </message>
    <message>
        <source>Remove Disk</source>
        <translation>Retirer le disque</translation>
    </message>
    <message>
        <source>Add Network Card</source>
        <translation>Ajouter une carte réseau</translation>
    </message>
    <message>
        <source>Remove Network Card</source>
        <translation>Retirer la carte réseau</translation>
    </message>
    <message>
        <source>Add Disk Image</source>
        <translation>Ajouter une image disque</translation>
    </message>
    <message>
        <source>Disk images (*.qcow2 *.img *.raw *.vmdk *.vdi *.vhdx);;All files (*)</source>
        <translation>Images disque (*.qcow2 *.img *.raw *.vmdk *.vdi *.vhdx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>NAT (this VM only)</source>
        <translation>NAT (cette VM seulement)</translation>
    </message>
    <message>
        <source>Hot-plugs the image as a virtio disk into the running VM</source>
        <translation>Branche l’image à chaud comme disque virtio dans la VM en marche</translation>
    </message>
    <message>
        <source>Adding disk %1 to %2</source>
        <translation>Ajout du disque %1 à %2</translation>
    </message>
    <message>
        <source>Removing disk %1 from %2</source>
        <translation>Retrait du disque %1 de %2</translation>
    </message>
    <message>
        <source>Adding a network card to %1</source>
        <translation>Ajout d’une carte réseau à %1</translation>
    </message>
    <message>
        <source>Removing a network card from %1</source>
        <translation>Retrait d’une carte réseau de %1</translation>
    </message>
    <message>
        <source>Change Now</source>
        <translation>Changer maintenant</translation>
    </message>
    <message>
        <source>Insert this ISO into the running VM&apos;s CD drive (empty: eject)</source>
        <translation>Insérer cet ISO dans le lecteur CD de la VM en marche (vide : éjecter)</translation>
    </message>
    <message>
        <source>Ejecting the CD of %1</source>
        <translation>Éjection du CD de %1</translation>
    </message>
    <message>
        <source>Inserting %1 into %2</source>
        <translation>Insertion de %1 dans %2</translation>
    </message>
    <message>
        <source>Share a Folder…</source>
        <translation>Partager un dossier…</translation>
    </message>
    <message>
        <source>Stop Sharing</source>
        <translation>Arrêter le partage</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Enforced on the host: the guest cannot change the folder</source>
        <translation>Imposé par l&apos;hôte : l&apos;invité ne peut pas modifier le dossier</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Gaming / low latency</source>
        <translation>Jeux / faible latence</translation>
    </message>
    <message>
        <source>Server / throughput</source>
        <translation>Serveur / débit</translation>
    </message>
    <message>
        <source>Custom (set with vireoctl)</source>
        <translation>Personnalisé (réglé avec vireoctl)</translation>
    </message>
    <message>
        <source>Shared folders:</source>
        <translation>Dossiers partagés :</translation>
    </message>
    <message>
        <source>Performance:</source>
        <translation>Performances :</translation>
    </message>
    <message>
        <source>Share a Folder</source>
        <translation>Partager un dossier</translation>
    </message>
    <message>
        <source>In the guest: %1</source>
        <translation>Dans l&apos;invité : %1</translation>
    </message>
    <message>
        <source>vCPUs pinned to host CPUs %1</source>
        <translation>vCPU épinglés aux CPU hôtes %1</translation>
    </message>
    <message>
        <source>QEMU&apos;s own threads on host CPUs %1</source>
        <translation>Threads propres de QEMU sur les CPU hôtes %1</translation>
    </message>
    <message>
        <source>RAM on %1 hugepages</source>
        <translation>Mémoire sur des pages énormes de %1</translation>
    </message>
    <message>
        <source>2 MiB</source>
        <translation>2 Mio</translation>
    </message>
    <message>
        <source>1 GiB</source>
        <translation>1 Gio</translation>
    </message>
    <message numerus="yes">
        <source>%n I/O thread(s)</source>
        <translation>
            <numerusform>%n thread d&apos;E/S</numerusform>
            <numerusform>%n threads d&apos;E/S</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queue(s) per virtio disk</source>
        <translation>
            <numerusform>%n file par disque virtio</numerusform>
            <numerusform>%n files par disque virtio</numerusform>
        </translation>
    </message>
    <message>
        <source>QEMU&apos;s defaults: no pinning, normal pages</source>
        <translation>Valeurs par défaut de QEMU : pas d&apos;épinglage, pages normales</translation>
    </message>
    <message>
        <source>%1: %2 (read-only)</source>
        <translation>%1 : %2 (lecture seule)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Sharing %1 with %2</source>
        <translation>Partage de %1 avec %2</translation>
    </message>
    <message>
        <source>Removing shared folder %1 from %2</source>
        <translation>Retrait du dossier partagé %1 de %2</translation>
    </message>
    <message>
        <source>Share the clipboard (the guest runs spice-vdagent)</source>
        <translation>Partager le presse-papiers (l’invité exécute spice-vdagent)</translation>
    </message>
    <message>
        <source>Copy and paste text between this computer and the guest. Snapshots of the running VM are then taken without memory.</source>
        <translation>Copier et coller du texte entre cet ordinateur et l’invité. Les instantanés de la VM en marche sont alors pris sans la mémoire.</translation>
    </message>
    <message>
        <source>Move Card to Network</source>
        <translation>Déplacer la carte vers le réseau</translation>
    </message>
    <message>
        <source>Puts the selected card on the chosen network, also while the VM runs: the guest sees its cable unplugged and plugged in again.</source>
        <translation>Place la carte sélectionnée sur le réseau choisi, même pendant que la VM tourne : l&apos;invité voit son câble débranché puis rebranché.</translation>
    </message>
    <message>
        <source>The VM is running: disks can be added and removed (hot-plug) and cards moved to another network; the rest is read-only.</source>
        <translation>La VM tourne : les disques peuvent être ajoutés et retirés (à chaud) et les cartes déplacées vers un autre réseau ; le reste est en lecture seule.</translation>
    </message>
    <message>
        <source>Moving network card %1 of %2 to %3</source>
        <translation>Déplacement de la carte réseau %1 de %2 vers %3</translation>
    </message>
</context>
<context>
    <name>vireo::HistoryChart</name>
    <message>
        <source>no data</source>
        <translation>aucune donnée</translation>
    </message>
</context>
<context>
    <name>vireo::HostCheckDialog</name>
    <message>
        <source>Check &amp;Again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Check This Host</source>
        <translation>Vérifier cet hôte</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Signification</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>&amp;Copy Fix</source>
        <translation>&amp;Copier la correction</translation>
    </message>
    <message>
        <source>What Vireo needs from this computer. A warning limits some features; a failure stops VMs or sandboxes. Each line says how to fix it (the same checks as &lt;tt&gt;vireoctl doctor&lt;/tt&gt;).</source>
        <translation>Ce dont Vireo a besoin sur cet ordinateur. Un avertissement limite certaines fonctions ; un échec empêche les VM ou les bacs à sable. Chaque ligne dit comment corriger (les mêmes vérifications que &lt;tt&gt;vireoctl doctor&lt;/tt&gt;).</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Checking this host</source>
        <translation>Vérification de cet hôte</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed: VMs or sandboxes will not work until they are fixed.</source>
        <translation>
            <numerusform>%n vérification a échoué : les VM ou bacs à sable ne fonctionneront pas avant la correction.</numerusform>
            <numerusform>%n vérifications ont échoué : les VM ou bacs à sable ne fonctionneront pas avant la correction.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vireo works here; %n warning(s) name what some features lack.</source>
        <translation>
            <numerusform>Vireo fonctionne ici ; %n avertissement indique ce qui manque à certaines fonctions.</numerusform>
            <numerusform>Vireo fonctionne ici ; %n avertissements indiquent ce qui manque à certaines fonctions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything Vireo needs is here.</source>
        <translation>Tout ce dont Vireo a besoin est présent.</translation>
    </message>
</context>
<context>
    <name>vireo::MainWindow</name>
    <message>
        <source>Vireo</source>
        <translation>Vireo</translation>
    </message>
    <message>
        <source>Filter by name or state (Ctrl+F)</source>
        <translation>Filtrer par nom ou état (Ctrl+F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the running operations</source>
        <translation>Annuler les opérations en cours</translation>
    </message>
    <message>
        <source>&amp;New VM…</source>
        <translation>&amp;Nouvelle VM…</translation>
    </message>
    <message>
        <source>Create a virtual machine</source>
        <translation>Créer une machine virtuelle</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Start the selected VMs</source>
        <translation>Démarrer les VM sélectionnées</translation>
    </message>
    <message>
        <source>S&amp;hut Down</source>
        <translation>É&amp;teindre</translation>
    </message>
    <message>
        <source>Press the power button (ACPI); forced off if the guest ignores it for a minute</source>
        <translation>Appuyer sur le bouton d&apos;alimentation (ACPI) ; arrêt forcé si l&apos;invité l&apos;ignore pendant une minute</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>&amp;Forcer l’arrêt</translation>
    </message>
    <message>
        <source>Pull the plug: stop QEMU at once</source>
        <translation>Débrancher : arrêter QEMU immédiatement</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause the selected VMs</source>
        <translation>Mettre en pause les VM sélectionnées</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Resume the selected VMs</source>
        <translation>Reprendre les VM sélectionnées</translation>
    </message>
    <message>
        <source>S&amp;ave State</source>
        <translation>&amp;Sauvegarder l’état</translation>
    </message>
    <message>
        <source>Save memory and devices to disk and stop; the next start restores them</source>
        <translation>Sauvegarder la mémoire et les périphériques sur disque et arrêter ; le prochain démarrage les restaure</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>Supp&amp;rimer…</translation>
    </message>
    <message>
        <source>Delete the selected VMs</source>
        <translation>Supprimer les VM sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Clone…</source>
        <translation>&amp;Cloner…</translation>
    </message>
    <message>
        <source>Copy a shut-off VM</source>
        <translation>Copier une VM éteinte</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualis&amp;er</translation>
    </message>
    <message>
        <source>Read the library again</source>
        <translation>Relire la bibliothèque</translation>
    </message>
    <message>
        <source>Starting %1</source>
        <translation>Démarrage de %1</translation>
    </message>
    <message>
        <source>Shutting down %1</source>
        <translation>Extinction de %1</translation>
    </message>
    <message>
        <source>Forcing off %1</source>
        <translation>Arrêt forcé de %1</translation>
    </message>
    <message>
        <source>Pausing %1</source>
        <translation>Mise en pause de %1</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>Reprise de %1</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>Sauvegarde de l&apos;état de %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Machine</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About Vireo</source>
        <translation>À &amp;propos de Vireo</translation>
    </message>
    <message>
        <source>About Vireo</source>
        <translation>À propos de Vireo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vireo %1&lt;/b&gt;&lt;p&gt;QEMU virtual machines for developers and homelabs.&lt;/p&gt;&lt;p&gt;Library: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Vireo %1&lt;/b&gt;&lt;p&gt;Des machines virtuelles QEMU pour les développeurs et les homelabs.&lt;/p&gt;&lt;p&gt;Bibliothèque : %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Machine</translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s)</source>
        <translation>
            <numerusform>%n VM</numerusform>
            <numerusform>%n VM</numerusform>
        </translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n operation(s) running)</source>
        <translation>
            <numerusform>%1… (%n opération en cours)</numerusform>
            <numerusform>%1… (%n opérations en cours)</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating %1</source>
        <translation>Création de %1</translation>
    </message>
    <message>
        <source>Delete VMs</source>
        <translation>Supprimer des VM</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n VM(s): %1?</source>
        <translation>
            <numerusform>Supprimer %n VM : %1 ?</numerusform>
            <numerusform>Supprimer %n VM : %1 ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Their folders, with disks Vireo created, are removed. Running VMs are powered off first.</source>
        <translation>Leurs dossiers sont supprimés, avec les disques créés par Vireo. Les VM en marche sont d&apos;abord éteintes.</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>Suppression de %1</translation>
    </message>
    <message>
        <source>Cloning %1 to %2</source>
        <translation>Clonage de %1 vers %2</translation>
    </message>
    <message>
        <source>&amp;Import Disk…</source>
        <translation>&amp;Importer un disque…</translation>
    </message>
    <message>
        <source>Make a VM from an existing disk (QCOW2, VMDK, VDI, VHDX, raw)</source>
        <translation>Créer une VM à partir d’un disque existant (QCOW2, VMDK, VDI, VHDX, brut)</translation>
    </message>
    <message>
        <source>Import &amp;Appliance…</source>
        <translation>Importer une &amp;appliance…</translation>
    </message>
    <message>
        <source>Make a VM from an OVA or OVF (VirtualBox, VMware)</source>
        <translation>Créer une VM depuis un OVA ou OVF (VirtualBox, VMware)</translation>
    </message>
    <message>
        <source>Scheduled backup of %1</source>
        <translation>Sauvegarde planifiée de %1</translation>
    </message>
    <message>
        <source>&amp;Networks…</source>
        <translation>&amp;Réseaux…</translation>
    </message>
    <message>
        <source>Named networks: NAT network, host-only, internal, bridged; their DHCP leases</source>
        <translation>Réseaux nommés : réseau NAT, hôte uniquement, interne, pont ; leurs baux DHCP</translation>
    </message>
    <message>
        <source>Remote &amp;Hosts…</source>
        <translation>&amp;Hôtes distants…</translation>
    </message>
    <message>
        <source>libvirt hosts: their VMs, live; add a host, migrate a VM between hosts</source>
        <translation>Hôtes libvirt : leurs VM, en direct ; ajouter un hôte, migrer une VM entre hôtes</translation>
    </message>
    <message>
        <source>&amp;Sandboxes…</source>
        <translation>&amp;Bacs à sable…</translation>
    </message>
    <message>
        <source>Container sandboxes: start, stop, their output, memory and CPU</source>
        <translation>Bacs à sable de conteneurs : démarrer, arrêter, leur sortie, mémoire et CPU</translation>
    </message>
    <message>
        <source>&amp;Check This Host…</source>
        <translation>&amp;Vérifier cet hôte…</translation>
    </message>
    <message>
        <source>Pass a &amp;Host Device…</source>
        <translation>Transmettre un périphérique de l&apos;&amp;hôte…</translation>
    </message>
    <message>
        <source>&amp;USB Devices…</source>
        <translation>Périphériques &amp;USB…</translation>
    </message>
    <message>
        <source>New Sand&amp;box…</source>
        <translation>Nouveau &amp;bac à sable…</translation>
    </message>
    <message>
        <source>Create a container sandbox: what runs, its limits, network and folders</source>
        <translation>Créer un bac à sable : ce qui s&apos;exécute, ses limites, son réseau et ses dossiers</translation>
    </message>
</context>
<context>
    <name>vireo::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>Échec de « %1 » : %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n error(s) in total)</source>
        <translation>
            <numerusform>(%n erreur au total)</numerusform>
            <numerusform>(%n erreurs au total)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vireo::MigrateDialog</name>
    <message>
        <source>Migrate %1</source>
        <translation>Migrer %1</translation>
    </message>
    <message>
        <source>&amp;To host:</source>
        <translation>&amp;Vers l&apos;hôte :</translation>
    </message>
    <message>
        <source>&amp;Copy the disks (no shared storage)</source>
        <translation>&amp;Copier les disques (pas de stockage partagé)</translation>
    </message>
    <message>
        <source>&amp;Offline (move a shut-off VM&apos;s definition)</source>
        <translation>&amp;Hors ligne (déplacer la définition d&apos;une VM éteinte)</translation>
    </message>
    <message>
        <source>The VM keeps running while its memory is copied; it pauses only for the switch-over.</source>
        <translation>La VM continue de tourner pendant la copie de sa mémoire ; elle ne s&apos;interrompt que pour la bascule.</translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation>&amp;Migrer</translation>
    </message>
    <message>
        <source>From host: %1</source>
        <translation>Depuis l&apos;hôte : %1</translation>
    </message>
    <message>
        <source>Migrating %1 to %2</source>
        <translation>Migration de %1 vers %2</translation>
    </message>
    <message>
        <source>%1 MiB left, %2 MiB/s, expected downtime %3 ms</source>
        <translation>%1 Mio restants, %2 Mio/s, interruption prévue %3 ms</translation>
    </message>
    <message>
        <source>%1 runs on %2 now (%3 s, downtime %4 ms)</source>
        <translation>%1 tourne maintenant sur %2 (%3 s, interruption %4 ms)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 n&apos;est pas connecté</translation>
    </message>
</context>
<context>
    <name>vireo::NetworksPage</name>
    <message>
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Sous-réseau</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>MAC</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Nom d’hôte</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>NAT network</source>
        <translation>Réseau NAT</translation>
    </message>
    <message>
        <source>Host-only</source>
        <translation>Hôte uniquement</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Interne</translation>
    </message>
    <message>
        <source>Bridged</source>
        <translation>Pont</translation>
    </message>
    <message>
        <source>Serve DHCP and DNS</source>
        <translation>Servir DHCP et DNS</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <source>Subnet:</source>
        <translation>Sous-réseau :</translation>
    </message>
    <message>
        <source>New network</source>
        <translation>Nouveau réseau</translation>
    </message>
    <message>
        <source>DHCP leases of the selected network</source>
        <translation>Baux DHCP du réseau sélectionné</translation>
    </message>
    <message>
        <source>Starting network %1</source>
        <translation>Démarrage du réseau %1</translation>
    </message>
    <message>
        <source>Stopping network %1</source>
        <translation>Arrêt du réseau %1</translation>
    </message>
    <message>
        <source>Deleting network %1</source>
        <translation>Suppression du réseau %1</translation>
    </message>
    <message>
        <source>Guests reach each other and the outside through the host; the outside reaches them only through port forwards.</source>
        <translation>Les invités se joignent entre eux et joignent l’extérieur via l’hôte ; l’extérieur ne les joint que par des redirections de ports.</translation>
    </message>
    <message>
        <source>Guests reach each other and this computer, nothing outside.</source>
        <translation>Les invités se joignent entre eux et joignent cet ordinateur, rien à l’extérieur.</translation>
    </message>
    <message>
        <source>Guests reach only each other; not even this computer.</source>
        <translation>Les invités ne se joignent qu’entre eux ; pas même cet ordinateur.</translation>
    </message>
    <message>
        <source>Reading networks</source>
        <translation>Lecture des réseaux</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Creating network %1</source>
        <translation>Création du réseau %1</translation>
    </message>
    <message>
        <source>Accelerated (DPDK)</source>
        <translation>Accéléré (DPDK)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Received/s</source>
        <translation>Reçus/s</translation>
    </message>
    <message>
        <source>Sent/s</source>
        <translation>Envoyés/s</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>Rejetés</translation>
    </message>
    <message>
        <source>Ports of the selected network (packets per second)</source>
        <translation>Ports du réseau sélectionné (paquets par seconde)</translation>
    </message>
    <message>
        <source>%1 (DPDK)</source>
        <translation>%1 (DPDK)</translation>
    </message>
    <message>
        <source>up</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>down</source>
        <translation>coupé</translation>
    </message>
    <message>
        <source>A host bridge, e.g. br0, or a NIC, e.g. enp3s0</source>
        <translation>Un pont de l&apos;hôte, p. ex. br0, ou une carte réseau, p. ex. enp3s0</translation>
    </message>
    <message>
        <source>It is a NIC: bridge it while the network runs</source>
        <translation>C&apos;est une carte réseau : la ponter tant que le réseau tourne</translation>
    </message>
    <message>
        <source>Vireo puts a bridge over the NIC; the NIC&apos;s address and routes move to the bridge and back when the network stops. Not for Wi-Fi.</source>
        <translation>Vireo pose un pont sur la carte réseau ; son adresse et ses routes passent au pont et reviennent à l&apos;arrêt du réseau. Pas pour le Wi-Fi.</translation>
    </message>
    <message>
        <source>Up to 9000 for jumbo frames; the guests&apos; virtio NICs take it.</source>
        <translation>Jusqu&apos;à 9000 pour les trames jumbo ; les cartes virtio des invités la prennent.</translation>
    </message>
    <message>
        <source>IPv6 too (a private /64; guests reach the host and each other)</source>
        <translation>IPv6 aussi (un /64 privé ; les invités joignent l&apos;hôte et les autres invités)</translation>
    </message>
    <message>
        <source>Uplink:</source>
        <translation>Liaison montante :</translation>
    </message>
    <message>
        <source>MTU:</source>
        <translation>MTU :</translation>
    </message>
    <message>
        <source>Guests join the LAN of a host bridge or NIC and get their addresses from its DHCP server.</source>
        <translation>Les invités rejoignent le LAN d&apos;un pont ou d&apos;une carte réseau de l&apos;hôte et reçoivent leurs adresses de son serveur DHCP.</translation>
    </message>
    <message>
        <source>VM-to-VM traffic is switched in user space by vireo-switch: faster than the kernel bridge. It costs 128 MiB of hugepages and a CPU core while traffic flows, and sleeps when the network is idle. Bridged, the switch sends on the NIC itself.</source>
        <translation>Le trafic entre VM est commuté en espace utilisateur par vireo-switch : plus rapide que le pont du noyau. Cela coûte 128 Mio de hugepages et un cœur de processeur tant que le trafic circule ; au repos, le commutateur dort. En mode pont, le commutateur émet directement sur la carte réseau.</translation>
    </message>
</context>
<context>
    <name>vireo::NewSandboxWizard</name>
    <message>
        <source>New Sandbox</source>
        <translation>Nouveau bac à sable</translation>
    </message>
    <message>
        <source>What runs</source>
        <translation>Ce qui s&apos;exécute</translation>
    </message>
    <message>
        <source>An image of the library (its own command unless you give one) or a folder holding the sandbox&apos;s /.</source>
        <translation>Une image de la bibliothèque (avec sa propre commande si vous n&apos;en donnez pas) ou un dossier contenant le / du bac à sable.</translation>
    </message>
    <message>
        <source>None: a folder</source>
        <translation>Aucune : un dossier</translation>
    </message>
    <message>
        <source>A folder holding the sandbox&apos;s /</source>
        <translation>Un dossier contenant le / du bac à sable</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Root folder</source>
        <translation>Dossier racine</translation>
    </message>
    <message>
        <source>Empty: the image&apos;s own command</source>
        <translation>Vide : la commande propre de l&apos;image</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image :</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Commande :</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limites</translation>
    </message>
    <message>
        <source>Enforced by the kernel&apos;s cgroups; the sandbox is stopped, not the host, when it goes over.</source>
        <translation>Appliquées par les cgroups du noyau ; en cas de dépassement, c&apos;est le bac à sable qui est arrêté, pas l&apos;hôte.</translation>
    </message>
    <message>
        <source>e.g. 256M; empty: no limit</source>
        <translation>p. ex. 256M ; vide : aucune limite</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source>Keep a terminal to attach to</source>
        <translation>Garder un terminal auquel se connecter</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>Processus :</translation>
    </message>
    <message>
        <source>CPUs:</source>
        <translation>Processeurs :</translation>
    </message>
    <message>
        <source>Network and folders</source>
        <translation>Réseau et dossiers</translation>
    </message>
    <message>
        <source>On a Vireo network the sandbox sits beside the VMs, with DHCP and their names.</source>
        <translation>Sur un réseau Vireo, le bac à sable est à côté des VM, avec le DHCP et leurs noms.</translation>
    </message>
    <message>
        <source>None (loopback only)</source>
        <translation>Aucun (boucle locale seulement)</translation>
    </message>
    <message>
        <source>NAT (through this computer)</source>
        <translation>NAT (via cet ordinateur)</translation>
    </message>
    <message>
        <source>NAT only: HOST:SANDBOX ports, e.g. 8080:80 2222:22</source>
        <translation>NAT seulement : ports HÔTE:BAC, p. ex. 8080:80 2222:22</translation>
    </message>
    <message>
        <source>One per line: /host/folder:/inside[:ro] or volume-name:/inside (kept after the sandbox)</source>
        <translation>Un par ligne : /dossier/hôte:/dedans[:ro] ou nom-de-volume:/dedans (gardé après le bac à sable)</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Réseau :</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>Ports :</translation>
    </message>
    <message>
        <source>Folders:</source>
        <translation>Dossiers :</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>The same sandbox from a script, then Finish to create it.</source>
        <translation>Le même bac à sable depuis un script ; Terminer le crée.</translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; does not exist</source>
        <translation>le dossier &apos;%1&apos; n&apos;existe pas</translation>
    </message>
    <message>
        <source>pick the folder that holds the sandbox&apos;s /</source>
        <translation>choisissez le dossier contenant le / du bac à sable</translation>
    </message>
    <message>
        <source>a folder has no command of its own</source>
        <translation>un dossier n&apos;a pas de commande propre</translation>
    </message>
    <message>
        <source>give the command to run, e.g. /bin/sh</source>
        <translation>donnez la commande à exécuter, p. ex. /bin/sh</translation>
    </message>
    <message>
        <source>memory limit</source>
        <translation>limite de mémoire</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Création…</translation>
    </message>
    <message>
        <source>Creating sandbox %1</source>
        <translation>Création du bac à sable %1</translation>
    </message>
    <message>
        <source>Created.</source>
        <translation>Créé.</translation>
    </message>
</context>
<context>
    <name>vireo::NewVmWizard</name>
    <message>
        <source>New Virtual Machine</source>
        <translation>Nouvelle machine virtuelle</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>How will the VM boot?</source>
        <translation>Comment la VM démarre-t-elle ?</translation>
    </message>
    <message>
        <source>Choose where the operating system comes from.</source>
        <translation>Choisissez d&apos;où vient le système d&apos;exploitation.</translation>
    </message>
    <message>
        <source>Install from an ISO image</source>
        <translation>Installer depuis une image ISO</translation>
    </message>
    <message>
        <source>Import an existing disk (QCOW2, VMDK, VDI, VHDX or raw)</source>
        <translation>Importer un disque existant (QCOW2, VMDK, VDI, VHDX ou brut)</translation>
    </message>
    <message>
        <source>Boot a Linux kernel directly</source>
        <translation>Démarrer directement un noyau Linux</translation>
    </message>
    <message>
        <source>Boot media</source>
        <translation>Support de démarrage</translation>
    </message>
    <message>
        <source>ISO image:</source>
        <translation>Image ISO :</translation>
    </message>
    <message>
        <source>Choose an ISO image</source>
        <translation>Choisir une image ISO</translation>
    </message>
    <message>
        <source>ISO images (*.iso)</source>
        <translation>Images ISO (*.iso)</translation>
    </message>
    <message>
        <source>Copy into the VM&apos;s folder as QCOW2 (else use it in place)</source>
        <translation>Copier dans le dossier de la VM en QCOW2 (sinon utiliser sur place)</translation>
    </message>
    <message>
        <source>Disk image:</source>
        <translation>Image disque :</translation>
    </message>
    <message>
        <source>Choose a disk image</source>
        <translation>Choisir une image disque</translation>
    </message>
    <message>
        <source>Disk images (*.qcow2 *.vmdk *.vdi *.vhdx *.img *.raw);;All files (*)</source>
        <translation>Images disque (*.qcow2 *.vmdk *.vdi *.vhdx *.img *.raw);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation>Noyau :</translation>
    </message>
    <message>
        <source>Choose a kernel</source>
        <translation>Choisir un noyau</translation>
    </message>
    <message>
        <source>Initial ramdisk:</source>
        <translation>Ramdisk initial :</translation>
    </message>
    <message>
        <source>Choose an initial ramdisk</source>
        <translation>Choisir un ramdisk initial</translation>
    </message>
    <message>
        <source>Command line:</source>
        <translation>Ligne de commande :</translation>
    </message>
    <message>
        <source>The installer image the VM boots first.</source>
        <translation>L&apos;image d&apos;installation sur laquelle la VM démarre d&apos;abord.</translation>
    </message>
    <message>
        <source>A disk with an installed system.</source>
        <translation>Un disque avec un système installé.</translation>
    </message>
    <message>
        <source>QEMU loads the kernel and ramdisk itself.</source>
        <translation>QEMU charge lui-même le noyau et le ramdisk.</translation>
    </message>
    <message>
        <source>Volume label: %1</source>
        <translation>Nom de volume : %1</translation>
    </message>
    <message>
        <source>Volume label: %1 (looks like %2)</source>
        <translation>Nom de volume : %1 (ressemble à %2)</translation>
    </message>
    <message>
        <source>Name and hardware</source>
        <translation>Nom et matériel</translation>
    </message>
    <message>
        <source>The OS preset fills in recommended values.</source>
        <translation>Le préréglage du système d&apos;exploitation remplit les valeurs recommandées.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>Create a new disk</source>
        <translation>Créer un nouveau disque</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> Gio</translation>
    </message>
    <message>
        <source>BIOS (SeaBIOS)</source>
        <translation>BIOS (SeaBIOS)</translation>
    </message>
    <message>
        <source>UEFI (OVMF)</source>
        <translation>UEFI (OVMF)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>Système d&apos;exploitation :</translation>
    </message>
    <message>
        <source>vCPUs:</source>
        <translation>vCPU :</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Disque :</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Micrologiciel :</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Create the VM with these settings.</source>
        <translation>Créer la VM avec ces réglages.</translation>
    </message>
    <message>
        <source>Installs from %1</source>
        <translation>Installe depuis %1</translation>
    </message>
    <message>
        <source>Copies %1 into its folder</source>
        <translation>Copie %1 dans son dossier</translation>
    </message>
    <message>
        <source>Uses %1 in place</source>
        <translation>Utilise %1 sur place</translation>
    </message>
    <message>
        <source>Boots the kernel %1</source>
        <translation>Démarre le noyau %1</translation>
    </message>
    <message>
        <source>new %1 disk</source>
        <translation>nouveau disque de %1</translation>
    </message>
    <message>
        <source>no new disk</source>
        <translation>pas de nouveau disque</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 vCPU(s), %4 memory, %5, %6 firmware</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 vCPU, %4 de mémoire, %5, micrologiciel %6</translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation>UEFI</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>The name is not valid: %1</source>
        <translation>Le nom n&apos;est pas valide : %1</translation>
    </message>
    <message>
        <source>A VM named %1 already exists.</source>
        <translation>Une VM nommée %1 existe déjà.</translation>
    </message>
    <message>
        <source>The host has only %1 MiB of memory.</source>
        <translation>L&apos;hôte n&apos;a que %1 Mio de mémoire.</translation>
    </message>
    <message>
        <source>Not enough free disk space: %1 available.</source>
        <translation>Pas assez d’espace disque libre : %1 disponible.</translation>
    </message>
    <message>
        <source>From a cloud image (cloud-init: your SSH key, your user data)</source>
        <translation>Depuis une image cloud (cloud-init : votre clé SSH, vos données utilisateur)</translation>
    </message>
    <message>
        <source>Import an appliance (OVA or OVF from VirtualBox or VMware)</source>
        <translation>Importer une appliance (OVA ou OVF de VirtualBox ou VMware)</translation>
    </message>
    <message>
        <source>Default: your ~/.ssh/*.pub</source>
        <translation>Par défaut : vos ~/.ssh/*.pub</translation>
    </message>
    <message>
        <source>Optional #cloud-config or script</source>
        <translation>Facultatif : #cloud-config ou script</translation>
    </message>
    <message>
        <source>Cloud image:</source>
        <translation>Image cloud :</translation>
    </message>
    <message>
        <source>Choose a cloud image</source>
        <translation>Choisir une image cloud</translation>
    </message>
    <message>
        <source>Disk images (*.qcow2 *.img *.raw *.vmdk);;All files (*)</source>
        <translation>Images disque (*.qcow2 *.img *.raw *.vmdk);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>SSH public key:</source>
        <translation>Clé publique SSH :</translation>
    </message>
    <message>
        <source>Choose an SSH public key</source>
        <translation>Choisir une clé publique SSH</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>Clés publiques (*.pub);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>User data:</source>
        <translation>Données utilisateur :</translation>
    </message>
    <message>
        <source>Choose cloud-init user data</source>
        <translation>Choisir les données utilisateur cloud-init</translation>
    </message>
    <message>
        <source>Appliance:</source>
        <translation>Appliance :</translation>
    </message>
    <message>
        <source>Choose an appliance</source>
        <translation>Choisir une appliance</translation>
    </message>
    <message>
        <source>Appliances (*.ova *.ovf)</source>
        <translation>Appliances (*.ova *.ovf)</translation>
    </message>
    <message>
        <source>The image is cached once; the VM gets a thin overlay and a cloud-init seed.</source>
        <translation>L’image est mise en cache une fois ; la VM reçoit une fine surcouche et une graine cloud-init.</translation>
    </message>
    <message>
        <source>An exported virtual machine.</source>
        <translation>Une machine virtuelle exportée.</translation>
    </message>
    <message>
        <source>Boots a thin overlay on %1 with a cloud-init seed</source>
        <translation>Démarre une fine surcouche sur %1 avec une graine cloud-init</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Imports the appliance %2 (its hardware and disks)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Importe l’appliance %2 (son matériel et ses disques)</translation>
    </message>
    <message>
        <source>Its vCPUs, memory, firmware, disks and network cards come from the appliance; devices Vireo has no counterpart for (sound, USB) are left out.</source>
        <translation>Les vCPU, la mémoire, le micrologiciel, les disques et les cartes réseau viennent de l’appliance ; les périphériques sans équivalent dans Vireo (son, USB) sont omis.</translation>
    </message>
</context>
<context>
    <name>vireo::OverviewTab</name>
    <message>
        <source>Notes about this VM</source>
        <translation>Notes sur cette VM</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>Enregistrer les notes</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>UUID:</source>
        <translation>UUID :</translation>
    </message>
    <message>
        <source>Boots from:</source>
        <translation>Démarre depuis :</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes :</translation>
    </message>
    <message>
        <source>No VM selected</source>
        <translation>Aucune VM sélectionnée</translation>
    </message>
    <message>
        <source>Linux kernel %1</source>
        <translation>Noyau Linux %1</translation>
    </message>
    <message>
        <source>Disk, then CD-ROM %1</source>
        <translation>Disque, puis CD-ROM %1</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Disque</translation>
    </message>
    <message>
        <source>Notes are part of the VM&apos;s definition, which cannot change while it runs. Shut it down to edit them.</source>
        <translation>Les notes font partie de la définition de la VM, qui ne peut pas changer tant qu&apos;elle tourne. Éteignez-la pour les modifier.</translation>
    </message>
    <message>
        <source>Saving notes of %1</source>
        <translation>Enregistrement des notes de %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1 h %2 min</source>
        <translation>
            <numerusform>%n jour, %1 h %2 min</numerusform>
            <numerusform>%n jours, %1 h %2 min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>IP address:</source>
        <translation>Adresse IP :</translation>
    </message>
    <message>
        <source>Up for:</source>
        <translation>En marche depuis :</translation>
    </message>
    <message>
        <source>— (not running)</source>
        <translation>— (arrêtée)</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>pas encore connue</translation>
    </message>
</context>
<context>
    <name>vireo::PassthroughWizard</name>
    <message>
        <source>Pass a Host Device to a VM</source>
        <translation>Transmettre un périphérique de l&apos;hôte à une VM</translation>
    </message>
    <message>
        <source>Which device?</source>
        <translation>Quel périphérique ?</translation>
    </message>
    <message>
        <source>Each device says whether it can go to a VM; the reasons show below.</source>
        <translation>Chaque périphérique indique s&apos;il peut aller à une VM ; les raisons s&apos;affichent dessous.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Pilote</translation>
    </message>
    <message>
        <source>%1 — fix: %2</source>
        <translation>%1 — correction : %2</translation>
    </message>
    <message>
        <source>Its IOMMU group</source>
        <translation>Son groupe IOMMU</translation>
    </message>
    <message>
        <source>A VM gets a whole group: every member with its role.</source>
        <translation>Une VM reçoit un groupe entier : chaque membre avec son rôle.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Host changes</source>
        <translation>Modifications de l&apos;hôte</translation>
    </message>
    <message>
        <source>What this computer needs once for the device; Apply journals every file (&apos;vireoctl host rollback&apos; undoes it).</source>
        <translation>Ce dont cet ordinateur a besoin une fois pour le périphérique ; Appliquer journalise chaque fichier (&apos;vireoctl host rollback&apos; l&apos;annule).</translation>
    </message>
    <message>
        <source>&amp;Copy Commands</source>
        <translation>&amp;Copier les commandes</translation>
    </message>
    <message>
        <source>&amp;Apply Now</source>
        <translation>&amp;Appliquer maintenant</translation>
    </message>
    <message>
        <source>Which VM?</source>
        <translation>Quelle VM ?</translation>
    </message>
    <message>
        <source>The device joins the VM&apos;s hardware; it goes to vfio-pci when the VM starts.</source>
        <translation>Le périphérique rejoint le matériel de la VM ; il passe à vfio-pci au démarrage de la VM.</translation>
    </message>
    <message>
        <source>VM:</source>
        <translation>VM :</translation>
    </message>
    <message>
        <source>Reading this host&apos;s devices</source>
        <translation>Lecture des périphériques de cet hôte</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>ce périphérique</translation>
    </message>
    <message>
        <source>goes with it</source>
        <translation>l&apos;accompagne</translation>
    </message>
    <message>
        <source>bridge: stays with the host, does not block</source>
        <translation>pont : reste à l&apos;hôte, ne bloque pas</translation>
    </message>
    <message>
        <source>the host needs it: blocks the group</source>
        <translation>l&apos;hôte en a besoin : bloque le groupe</translation>
    </message>
    <message>
        <source>in the same group</source>
        <translation>dans le même groupe</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Planification…</translation>
    </message>
    <message>
        <source>Planning host changes</source>
        <translation>Planification des modifications de l&apos;hôte</translation>
    </message>
    <message>
        <source>%1 /%2 — %3</source>
        <translation>%1 /%2 — %3</translation>
    </message>
    <message>
        <source>change</source>
        <translation>modifier</translation>
    </message>
    <message>
        <source>create</source>
        <translation>créer</translation>
    </message>
    <message>
        <source>run %1 — %2</source>
        <translation>exécuter %1 — %2</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Rien à changer.</translation>
    </message>
    <message>
        <source>Reboot needed: %1</source>
        <translation>Redémarrage nécessaire : %1</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Application…</translation>
    </message>
    <message>
        <source>Applying host changes</source>
        <translation>Application des modifications de l&apos;hôte</translation>
    </message>
    <message>
        <source>Applied as %1 (undo: vireoctl host rollback %1).%2</source>
        <translation>Appliqué comme %1 (annuler : vireoctl host rollback %1).%2</translation>
    </message>
    <message>
        <source> Reboot before starting the VM.</source>
        <translation> Redémarrez avant de démarrer la VM.</translation>
    </message>
    <message>
        <source>Adding the device to %1</source>
        <translation>Ajout du périphérique à %1</translation>
    </message>
    <message>
        <source>Added.</source>
        <translation>Ajouté.</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>sans étiquette</translation>
    </message>
    <message>
        <source>The VF tags the VM&apos;s frames with this VLAN; the guest sees none.</source>
        <translation>La VF étiquette les trames de la VM avec ce VLAN ; l&apos;invité n&apos;en voit aucun.</translation>
    </message>
    <message>
        <source>VLAN (SR-IOV):</source>
        <translation>VLAN (SR-IOV) :</translation>
    </message>
    <message numerus="yes">
        <source>%n VF(s) for VMs</source>
        <translation>
            <numerusform>%n VF pour les VM</numerusform>
            <numerusform>%n VF pour les VM</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A VM gets any free VF of this card when it starts (%n free now), with its own MAC and VLAN; the VF goes back with its old settings when the VM stops.</source>
        <translation>
            <numerusform>Une VM reçoit au démarrage une VF libre de cette carte (%n libre maintenant), avec sa propre MAC et son VLAN ; la VF retrouve ses anciens réglages quand la VM s&apos;arrête.</numerusform>
            <numerusform>Une VM reçoit au démarrage une VF libre de cette carte (%n libres maintenant), avec sa propre MAC et son VLAN ; la VF retrouve ses anciens réglages quand la VM s&apos;arrête.</numerusform>
        </translation>
    </message>
    <message>
        <source>No VF can go to a VM: %1 — fix: %2</source>
        <translation>Aucune VF ne peut aller à une VM : %1 — correction : %2</translation>
    </message>
    <message>
        <source>This card has no VFs yet — make some with &apos;vireoctl host sriov-vfs %1 N&apos;.</source>
        <translation>Cette carte n&apos;a pas encore de VF — créez-en avec &apos;vireoctl host sriov-vfs %1 N&apos;.</translation>
    </message>
</context>
<context>
    <name>vireo::PerformanceTab</name>
    <message>
        <source>CPU</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Memory (resident)</source>
        <translation>Mémoire (résidente)</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>Mio</translation>
    </message>
    <message>
        <source>Disk read / write</source>
        <translation>Disque lecture / écriture</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>Kio/s</translation>
    </message>
    <message>
        <source>Sampling %1 every second (last five minutes).</source>
        <translation>%1 est mesurée chaque seconde (cinq dernières minutes).</translation>
    </message>
    <message>
        <source>%1 is not running.</source>
        <translation>%1 n’est pas en marche.</translation>
    </message>
    <message>
        <source>%1 stopped.</source>
        <translation>%1 s’est arrêtée.</translation>
    </message>
    <message>
        <source>Network received / sent</source>
        <translation>Réseau reçu / envoyé</translation>
    </message>
    <message>
        <source>Per-VM NAT traffic stays inside QEMU and is not measured; NICs on named networks are.</source>
        <translation>Le trafic du NAT propre à la VM reste dans QEMU et n’est pas mesuré ; celui des cartes sur des réseaux nommés l’est.</translation>
    </message>
</context>
<context>
    <name>vireo::RemoteListPanel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Remote hosts</source>
        <translation>Hôtes distants</translation>
    </message>
    <message>
        <source>&amp;Open in Remote Hosts</source>
        <translation>&amp;Ouvrir dans Hôtes distants</translation>
    </message>
</context>
<context>
    <name>vireo::RemoteScreenWindow</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Opening the screen…</source>
        <translation>Ouverture de l’écran…</translation>
    </message>
    <message>
        <source>The screen of %1 on %2, through the host&apos;s connection.</source>
        <translation>L’écran de %1 sur %2, par la connexion de l’hôte.</translation>
    </message>
    <message>
        <source>%1; opening it again…</source>
        <translation>%1 ; nouvelle ouverture…</translation>
    </message>
</context>
<context>
    <name>vireo::RemotesPage</name>
    <message>
        <source>Remote Hosts</source>
        <translation>Hôtes distants</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>libvirt hosts Vireo drives besides this machine. Their VMs update as the hosts report changes, also changes made with other tools.</source>
        <translation>Hôtes libvirt que Vireo pilote en plus de cette machine. Leurs VM se mettent à jour dès que les hôtes signalent un changement, y compris ceux faits avec d&apos;autres outils.</translation>
    </message>
    <message>
        <source>&amp;Add Host…</source>
        <translation>&amp;Ajouter un hôte…</translation>
    </message>
    <message>
        <source>&amp;Remove Host</source>
        <translation>&amp;Retirer l&apos;hôte</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Shut &amp;Down</source>
        <translation>É&amp;teindre</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>&amp;Forcer l&apos;arrêt</translation>
    </message>
    <message>
        <source>&amp;Migrate…</source>
        <translation>&amp;Migrer…</translation>
    </message>
    <message>
        <source>Starting %1 on %2</source>
        <translation>Démarrage de %1 sur %2</translation>
    </message>
    <message>
        <source>Shutting down %1 on %2</source>
        <translation>Extinction de %1 sur %2</translation>
    </message>
    <message>
        <source>Powering off %1 on %2</source>
        <translation>Arrêt forcé de %1 sur %2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 Mio</translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s)</source>
        <translation>
            <numerusform>%n VM</numerusform>
            <numerusform>%n VM</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 n&apos;est pas connecté</translation>
    </message>
    <message>
        <source>S&amp;creen…</source>
        <translation>É&amp;cran…</translation>
    </message>
    <message>
        <source>Opening the screen of %1 on %2</source>
        <translation>Ouverture de l’écran de %1 sur %2</translation>
    </message>
</context>
<context>
    <name>vireo::SandboxListPanel</name>
    <message>
        <source>Sandboxes</source>
        <translation>Bacs à sable</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Reading sandboxes</source>
        <translation>Lecture des bacs à sable</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
</context>
<context>
    <name>vireo::SandboxTerminalWindow</name>
    <message>
        <source>Terminal of sandbox %1</source>
        <translation>Terminal du bac à sable %1</translation>
    </message>
</context>
<context>
    <name>vireo::SandboxesPage</name>
    <message>
        <source>Sandboxes</source>
        <translation>Bacs à sable</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Root</source>
        <translation>Racine</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>Temps CPU</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Output of the selected sandbox</source>
        <translation>Sortie du bac à sable sélectionné</translation>
    </message>
    <message>
        <source>Starting sandbox %1</source>
        <translation>Démarrage du bac à sable %1</translation>
    </message>
    <message>
        <source>Stopping sandbox %1</source>
        <translation>Arrêt du bac à sable %1</translation>
    </message>
    <message>
        <source>Deleting sandbox %1</source>
        <translation>Suppression du bac à sable %1</translation>
    </message>
    <message>
        <source>Reading sandboxes</source>
        <translation>Lecture des bacs à sable</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marche</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Mémoire épuisée</translation>
    </message>
    <message>
        <source>Exited (%1)</source>
        <translation>Terminé (%1)</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>image %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>The running sandbox&apos;s terminal (sandboxes made with one)</source>
        <translation>Le terminal du bac à sable en cours (pour ceux créés avec un terminal)</translation>
    </message>
    <message>
        <source>New Sandbox…</source>
        <translation>Nouveau bac à sable…</translation>
    </message>
</context>
<context>
    <name>vireo::SnapshotsTab</name>
    <message>
        <source>Snapshot</source>
        <translation>Instantané</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Pris le</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Name of the new snapshot</source>
        <translation>Nom du nouvel instantané</translation>
    </message>
    <message>
        <source>Take snapshot</source>
        <translation>Prendre un instantané</translation>
    </message>
    <message>
        <source>Revert to</source>
        <translation>Revenir à</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>The VM runs: the snapshot includes its memory and devices.</source>
        <translation>La VM tourne : l&apos;instantané inclut sa mémoire et ses périphériques.</translation>
    </message>
    <message>
        <source>The VM is off: the snapshot holds its disks only.</source>
        <translation>La VM est éteinte : l&apos;instantané ne contient que ses disques.</translation>
    </message>
    <message>
        <source>Reading snapshots of %1</source>
        <translation>Lecture des instantanés de %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>The VM currently derives from this snapshot.</source>
        <translation>La VM dérive actuellement de cet instantané.</translation>
    </message>
    <message>
        <source>Taking snapshot %1 of %2</source>
        <translation>Prise de l&apos;instantané %1 de %2</translation>
    </message>
    <message>
        <source>Revert to snapshot</source>
        <translation>Revenir à un instantané</translation>
    </message>
    <message>
        <source>Revert %1 to snapshot %2? Changes since then are lost.</source>
        <translation>Ramener %1 à l&apos;instantané %2 ? Les modifications depuis seront perdues.</translation>
    </message>
    <message>
        <source>Reverting %1 to %2</source>
        <translation>Retour de %1 à %2</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>Supprimer l&apos;instantané</translation>
    </message>
    <message>
        <source>Delete snapshot %1 of %2?</source>
        <translation>Supprimer l&apos;instantané %1 de %2 ?</translation>
    </message>
    <message>
        <source>Deleting snapshot %1 of %2</source>
        <translation>Suppression de l&apos;instantané %1 de %2</translation>
    </message>
    <message>
        <source>Include memory</source>
        <translation>Inclure la mémoire</translation>
    </message>
    <message>
        <source>Also save the running memory and devices, so a revert continues exactly where it was taken.</source>
        <translation>Enregistrer aussi la mémoire et les périphériques en cours, pour qu’un retour reprenne exactement là où l’instantané a été pris.</translation>
    </message>
    <message>
        <source>The VM is off: a snapshot holds its disks only.</source>
        <translation>La VM est arrêtée : un instantané ne contient que ses disques.</translation>
    </message>
    <message>
        <source>The VM runs: the snapshot holds its disks only.</source>
        <translation>La VM est en marche : l’instantané ne contient que ses disques.</translation>
    </message>
</context>
<context>
    <name>vireo::UsbDevicesDialog</name>
    <message>
        <source>USB Devices of %1</source>
        <translation>Périphériques USB de %1</translation>
    </message>
    <message>
        <source>Host USB devices. A device attached here stays with the VM until it is unplugged, detached, or the VM stops.</source>
        <translation>Périphériques USB de l&apos;hôte. Un périphérique attaché ici reste à la VM jusqu&apos;à ce qu&apos;il soit débranché, détaché, ou que la VM s&apos;arrête.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Détenu par</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>&amp;Attacher</translation>
    </message>
    <message>
        <source>&amp;Detach</source>
        <translation>&amp;Détacher</translation>
    </message>
    <message>
        <source>Always Attach This &amp;Kind</source>
        <translation>Toujours attacher ce &amp;type</translation>
    </message>
    <message>
        <source>A filter by vendor and product: any such device goes to this VM when it starts or when plugged in while it runs.</source>
        <translation>Un filtre par fabricant et produit : tout périphérique de ce type va à cette VM au démarrage ou s&apos;il est branché pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>Always Attach This &amp;Device</source>
        <translation>Toujours attacher ce &amp;périphérique</translation>
    </message>
    <message>
        <source>A filter by vendor, product and serial number: only this one device.</source>
        <translation>Un filtre par fabricant, produit et numéro de série : ce seul périphérique.</translation>
    </message>
    <message>
        <source>USB filters of %1:</source>
        <translation>Filtres USB de %1 :</translation>
    </message>
    <message>
        <source>&amp;Remove Filter</source>
        <translation>&amp;Retirer le filtre</translation>
    </message>
    <message>
        <source>Reading USB devices</source>
        <translation>Lecture des périphériques USB</translation>
    </message>
    <message>
        <source>No USB devices are plugged into this host.</source>
        <translation>Aucun périphérique USB n&apos;est branché sur cet hôte.</translation>
    </message>
    <message>
        <source>Start the VM to attach a device now; a filter attaches it at every start.</source>
        <translation>Démarrez la VM pour attacher un périphérique maintenant ; un filtre l&apos;attache à chaque démarrage.</translation>
    </message>
    <message>
        <source>Attaching %1 to %2</source>
        <translation>Attachement de %1 à %2</translation>
    </message>
    <message>
        <source>%1 is attached to %2.</source>
        <translation>%1 est attaché à %2.</translation>
    </message>
    <message>
        <source>Detaching %1 from %2</source>
        <translation>Détachement de %1 de %2</translation>
    </message>
    <message>
        <source>%1 is detached.</source>
        <translation>%1 est détaché.</translation>
    </message>
    <message>
        <source>Adding a USB filter to %1</source>
        <translation>Ajout d&apos;un filtre USB à %1</translation>
    </message>
    <message>
        <source>Added filter %1.</source>
        <translation>Filtre %1 ajouté.</translation>
    </message>
    <message>
        <source>Removing a USB filter from %1</source>
        <translation>Retrait d&apos;un filtre USB de %1</translation>
    </message>
    <message>
        <source>Removed filter %1.</source>
        <translation>Filtre %1 retiré.</translation>
    </message>
</context>
<context>
    <name>vireo::VmListModel</name>
    <message>
        <source>Running</source>
        <translation>En marche</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Sauvegardée</translation>
    </message>
    <message>
        <source>Crashed</source>
        <translation>Plantée</translation>
    </message>
    <message>
        <source>Shut off</source>
        <translation>Éteinte</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>%1% · %2</source>
        <translation>%1 % · %2</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
</context>
<context>
    <name>vireo::VncConnection</name>
    <message>
        <source>cannot allocate a VNC client</source>
        <translation>impossible de créer un client VNC</translation>
    </message>
    <message>
        <source>cannot connect to the display at %1</source>
        <translation>impossible de se connecter à l’écran sur %1</translation>
    </message>
    <message>
        <source>the VM&apos;s display closed</source>
        <translation>l’écran de la VM s’est fermé</translation>
    </message>
    <message>
        <source>the display at %1 closed the connection</source>
        <translation>l’écran sur %1 a fermé la connexion</translation>
    </message>
</context>
<context>
    <name>vireo::VncView</name>
    <message>
        <source>Ctrl+Alt</source>
        <translation>Ctrl+Alt</translation>
    </message>
    <message>
        <source>No display</source>
        <translation>Pas d’écran</translation>
    </message>
</context>
</TS>
