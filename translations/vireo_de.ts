<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
        <translation>Linux (allgemein)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Anderes</translation>
    </message>
</context>
<context>
    <name>PassthroughWizard</name>
    <message>
        <source>Graphics cards</source>
        <translation>Grafikkarten</translation>
    </message>
    <message>
        <source>Storage controllers (NVMe, SATA)</source>
        <translation>Speicher-Controller (NVMe, SATA)</translation>
    </message>
    <message>
        <source>USB controllers</source>
        <translation>USB-Controller</translation>
    </message>
    <message>
        <source>Network cards</source>
        <translation>Netzwerkkarten</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>Alle Geräte</translation>
    </message>
    <message>
        <source>SR-IOV network cards (a VF for each VM)</source>
        <translation>SR-IOV-Netzwerkkarten (eine VF je VM)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Vireo: QEMU virtual machines on your desktop.</source>
        <translation>Vireo: virtuelle QEMU-Maschinen auf Ihrem Desktop.</translation>
    </message>
    <message>
        <source>The VM library folder.</source>
        <translation>Der Ordner der VM-Bibliothek.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>ordner</translation>
    </message>
    <message>
        <source>Language of the interface (de, fr, en); default: the system&apos;s.</source>
        <translation>Sprache der Oberfläche (de, fr, en); Standard: die des Systems.</translation>
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
        <translation>Host hinzufügen</translation>
    </message>
    <message>
        <source>e.g. rack1</source>
        <translation>z. B. rack1</translation>
    </message>
    <message>
        <source>qemu+ssh:// uses your ssh keys or agent; qemu+tls:// the host&apos;s certificates; qemu+tcp:// only on a trusted network</source>
        <translation>qemu+ssh:// nutzt Ihre SSH-Schlüssel oder den Agenten; qemu+tls:// die Zertifikate des Hosts; qemu+tcp:// nur in einem vertrauenswürdigen Netz</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;URI:</source>
        <translation>&amp;URI:</translation>
    </message>
    <message>
        <source>The connection is tried before the host is added.</source>
        <translation>Die Verbindung wird geprüft, bevor der Host hinzugefügt wird.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbinde mit %1</translation>
    </message>
    <message>
        <source>Reachable: %1, libvirt %2, QEMU %3, %4 CPUs, %5 MiB free, %6 VMs</source>
        <translation>Erreichbar: %1, libvirt %2, QEMU %3, %4 CPUs, %5 MiB frei, %6 VMs</translation>
    </message>
    <message>
        <source>Log in to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
</context>
<context>
    <name>vireo::BackupsTab</name>
    <message>
        <source>A folder for this VM&apos;s backups</source>
        <translation>Ein Ordner für die Sicherungen dieser VM</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>Nicht geplant</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Save Schedule</source>
        <translation>Zeitplan speichern</translation>
    </message>
    <message>
        <source>Back Up Now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>Restore as New VM…</source>
        <translation>Als neue VM wiederherstellen…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Back up every:</source>
        <translation>Sichern alle:</translation>
    </message>
    <message>
        <source>Keep points:</source>
        <translation>Punkte behalten:</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>Restore Backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Name of the new VM:</source>
        <translation>Name der neuen VM:</translation>
    </message>
    <message>
        <source>Reading backups in %1</source>
        <translation>Lese Sicherungen in %1</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Voll</translation>
    </message>
    <message>
        <source>Incremental</source>
        <translation>Inkrementell</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <source>Scheduling backups of %1</source>
        <translation>Plane Sicherungen von %1</translation>
    </message>
    <message>
        <source>Backing up %1</source>
        <translation>Sichere %1</translation>
    </message>
    <message>
        <source>Restoring %1 as %2</source>
        <translation>Stelle %1 als %2 wieder her</translation>
    </message>
    <message>
        <source>Verifying backups in %1</source>
        <translation>Prüfe Sicherungen in %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n good point(s).</source>
        <translation>
            <numerusform>%n guter Punkt.</numerusform>
            <numerusform>%n gute Punkte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Damaged: %1</source>
        <translation>Beschädigt: %1</translation>
    </message>
</context>
<context>
    <name>vireo::CloneDialog</name>
    <message>
        <source>Clone %1</source>
        <translation>%1 klonen</translation>
    </message>
    <message>
        <source>%1-clone</source>
        <translation>%1-klon</translation>
    </message>
    <message>
        <source>Linked clone (thin overlay on the source&apos;s disks; instant)</source>
        <translation>Verknüpfter Klon (dünne Schicht über den Festplatten der Quelle; sofort)</translation>
    </message>
    <message>
        <source>Clone</source>
        <translation>Klonen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Invalid name: %1</source>
        <translation>Ungültiger Name: %1</translation>
    </message>
    <message>
        <source>A VM named %1 already exists.</source>
        <translation>Es gibt bereits eine VM namens %1.</translation>
    </message>
</context>
<context>
    <name>vireo::ConsoleTab</name>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Connected to the serial console of %1.</source>
        <translation>Mit der seriellen Konsole von %1 verbunden.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>%1 has no serial console.</source>
        <translation>%1 hat keine serielle Konsole.</translation>
    </message>
    <message>
        <source>%1 is not running; its console connects when it starts.</source>
        <translation>%1 läuft nicht; die Konsole verbindet sich beim Start.</translation>
    </message>
    <message>
        <source>Own Window</source>
        <translation>Eigenes Fenster</translation>
    </message>
    <message>
        <source>%1 — Serial Console</source>
        <translation>%1 — Serielle Konsole</translation>
    </message>
</context>
<context>
    <name>vireo::DetachableArea</name>
    <message>
        <source>Shown in its own window.</source>
        <translation>Wird in einem eigenen Fenster angezeigt.</translation>
    </message>
    <message>
        <source>Bring Back</source>
        <translation>Zurückholen</translation>
    </message>
</context>
<context>
    <name>vireo::DetailsPane</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Bildschirm</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
</context>
<context>
    <name>vireo::DisplayTab</name>
    <message>
        <source>Send Key</source>
        <translation>Taste senden</translation>
    </message>
    <message>
        <source>Ctrl+Alt+Del</source>
        <translation>Strg+Alt+Entf</translation>
    </message>
    <message>
        <source>Ctrl+Alt+Backspace</source>
        <translation>Strg+Alt+Rücktaste</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F1</source>
        <translation>Strg+Alt+F1</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F2</source>
        <translation>Strg+Alt+F2</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F7</source>
        <translation>Strg+Alt+F7</translation>
    </message>
    <message>
        <source>Print Screen</source>
        <translation>Druck</translation>
    </message>
    <message>
        <source>Screenshot…</source>
        <translation>Bildschirmfoto…</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>Bildschirmfoto speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Scale to Window</source>
        <translation>An Fenster anpassen</translation>
    </message>
    <message>
        <source>Own Window</source>
        <translation>Eigenes Fenster</translation>
    </message>
    <message>
        <source>Could not save the screenshot to %1.</source>
        <translation>Das Bildschirmfoto konnte nicht unter %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>Screenshot saved to %1.</source>
        <translation>Bildschirmfoto unter %1 gespeichert.</translation>
    </message>
    <message>
        <source>%1 — Display</source>
        <translation>%1 — Bildschirm</translation>
    </message>
    <message>
        <source>%1 has no display; give it one in the Hardware tab (Display: VNC).</source>
        <translation>%1 hat keinen Bildschirm; geben Sie ihr einen im Reiter Hardware (Bildschirm: VNC).</translation>
    </message>
    <message>
        <source>%1 is not running; its display connects when it starts.</source>
        <translation>%1 läuft nicht; ihr Bildschirm verbindet sich beim Start.</translation>
    </message>
    <message>
        <source>Connecting to the display of %1…</source>
        <translation>Verbinde mit dem Bildschirm von %1…</translation>
    </message>
    <message>
        <source>Keyboard and mouse go to %1. Press %2 to release them.</source>
        <translation>Tastatur und Maus gehen an %1. Drücken Sie %2, um sie freizugeben.</translation>
    </message>
    <message>
        <source>%1×%2 — click the screen to type into %3.</source>
        <translation>%1×%2 — klicken Sie auf den Bildschirm, um in %3 zu tippen.</translation>
    </message>
    <message>
        <source>Type Clipboard</source>
        <translation>Zwischenablage tippen</translation>
    </message>
    <message>
        <source>Types the clipboard&apos;s text into the guest as key presses, on the guest&apos;s layout</source>
        <translation>Tippt den Text der Zwischenablage als Tastendrücke in den Gast, mit dessen Tastaturbelegung</translation>
    </message>
    <message>
        <source>Guest keyboard: US</source>
        <translation>Gast-Tastatur: US</translation>
    </message>
    <message>
        <source>Guest keyboard: German</source>
        <translation>Gast-Tastatur: Deutsch</translation>
    </message>
    <message>
        <source>Typing the clipboard into %1</source>
        <translation>Tippe die Zwischenablage in %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n character(s) from the guest.</source>
        <translation>
            <numerusform>%n Zeichen aus dem Gast kopiert.</numerusform>
            <numerusform>%n Zeichen aus dem Gast kopiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vireo::HardwareTab</name>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
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
        <translation>Keine (nur serielle Konsole)</translation>
    </message>
    <message>
        <source>VNC</source>
        <translation>VNC</translation>
    </message>
    <message>
        <source>No CD-ROM</source>
        <translation>Keine CD-ROM</translation>
    </message>
    <message>
        <source>Comma-separated: disk, cdrom, network</source>
        <translation>Durch Kommas getrennt: disk, cdrom, network</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>vCPUs:</source>
        <translation>vCPUs:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <source>Display:</source>
        <translation>Anzeige:</translation>
    </message>
    <message>
        <source>CD-ROM image:</source>
        <translation>CD-ROM-Abbild:</translation>
    </message>
    <message>
        <source>Boot order:</source>
        <translation>Startreihenfolge:</translation>
    </message>
    <message>
        <source>Disks:</source>
        <translation>Festplatten:</translation>
    </message>
    <message>
        <source>Network cards:</source>
        <translation>Netzwerkkarten:</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>%1 on %2, MAC %3</source>
        <translation>%1 an %2, MAC %3</translation>
    </message>
    <message>
        <source>QEMU is started with this setting; it cannot change while the VM runs. Shut the VM down to change it.</source>
        <translation>QEMU wird mit dieser Einstellung gestartet; sie kann sich nicht ändern, solange die VM läuft. Fahren Sie die VM herunter, um sie zu ändern.</translation>
    </message>
    <message>
        <source>Changing the hardware of %1</source>
        <translation>Hardware von %1 wird geändert</translation>
    </message>
    <message>
        <source>Add Disk…</source>
        <translation>Datenträger hinzufügen…</translation>
    </message>
    <message>
        <source>Remove Disk</source>
        <translation>Datenträger entfernen</translation>
    </message>
    <message>
        <source>Add Network Card</source>
        <translation>Netzwerkkarte hinzufügen</translation>
    </message>
    <message>
        <source>Remove Network Card</source>
        <translation>Netzwerkkarte entfernen</translation>
    </message>
    <message>
        <source>Add Disk Image</source>
        <translation>Datenträgerabbild hinzufügen</translation>
    </message>
    <message>
        <source>Disk images (*.qcow2 *.img *.raw *.vmdk *.vdi *.vhdx);;All files (*)</source>
        <translation>Datenträgerabbilder (*.qcow2 *.img *.raw *.vmdk *.vdi *.vhdx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>NAT (this VM only)</source>
        <translation>NAT (nur diese VM)</translation>
    </message>
    <message>
        <source>Hot-plugs the image as a virtio disk into the running VM</source>
        <translation>Steckt das Abbild als virtio-Datenträger in die laufende VM</translation>
    </message>
    <message>
        <source>Adding disk %1 to %2</source>
        <translation>Füge Datenträger %1 zu %2 hinzu</translation>
    </message>
    <message>
        <source>Removing disk %1 from %2</source>
        <translation>Entferne Datenträger %1 aus %2</translation>
    </message>
    <message>
        <source>Adding a network card to %1</source>
        <translation>Füge %1 eine Netzwerkkarte hinzu</translation>
    </message>
    <message>
        <source>Removing a network card from %1</source>
        <translation>Entferne eine Netzwerkkarte aus %1</translation>
    </message>
    <message>
        <source>Change Now</source>
        <translation>Jetzt wechseln</translation>
    </message>
    <message>
        <source>Insert this ISO into the running VM&apos;s CD drive (empty: eject)</source>
        <translation>Dieses ISO in das CD-Laufwerk der laufenden VM einlegen (leer: auswerfen)</translation>
    </message>
    <message>
        <source>Ejecting the CD of %1</source>
        <translation>Werfe die CD von %1 aus</translation>
    </message>
    <message>
        <source>Inserting %1 into %2</source>
        <translation>Lege %1 in %2 ein</translation>
    </message>
    <message>
        <source>Share a Folder…</source>
        <translation>Ordner freigeben…</translation>
    </message>
    <message>
        <source>Stop Sharing</source>
        <translation>Freigabe beenden</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <source>Enforced on the host: the guest cannot change the folder</source>
        <translation>Vom Host erzwungen: der Gast kann den Ordner nicht ändern</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Gaming / low latency</source>
        <translation>Spiele / geringe Latenz</translation>
    </message>
    <message>
        <source>Server / throughput</source>
        <translation>Server / Durchsatz</translation>
    </message>
    <message>
        <source>Custom (set with vireoctl)</source>
        <translation>Benutzerdefiniert (mit vireoctl gesetzt)</translation>
    </message>
    <message>
        <source>Shared folders:</source>
        <translation>Freigegebene Ordner:</translation>
    </message>
    <message>
        <source>Performance:</source>
        <translation>Leistung:</translation>
    </message>
    <message>
        <source>Share a Folder</source>
        <translation>Ordner freigeben</translation>
    </message>
    <message>
        <source>In the guest: %1</source>
        <translation>Im Gast: %1</translation>
    </message>
    <message>
        <source>vCPUs pinned to host CPUs %1</source>
        <translation>vCPUs an Host-CPUs %1 gebunden</translation>
    </message>
    <message>
        <source>QEMU&apos;s own threads on host CPUs %1</source>
        <translation>QEMUs eigene Threads auf Host-CPUs %1</translation>
    </message>
    <message>
        <source>RAM on %1 hugepages</source>
        <translation>Arbeitsspeicher auf %1-Hugepages</translation>
    </message>
    <message>
        <source>2 MiB</source>
        <translation>2 MiB</translation>
    </message>
    <message>
        <source>1 GiB</source>
        <translation>1 GiB</translation>
    </message>
    <message numerus="yes">
        <source>%n I/O thread(s)</source>
        <translation>
            <numerusform>%n E/A-Thread</numerusform>
            <numerusform>%n E/A-Threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queue(s) per virtio disk</source>
        <translation>
            <numerusform>%n Warteschlange pro virtio-Datenträger</numerusform>
            <numerusform>%n Warteschlangen pro virtio-Datenträger</numerusform>
        </translation>
    </message>
    <message>
        <source>QEMU&apos;s defaults: no pinning, normal pages</source>
        <translation>QEMU-Standard: keine Bindung, normale Seiten</translation>
    </message>
    <message>
        <source>%1: %2 (read-only)</source>
        <translation>%1: %2 (schreibgeschützt)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Sharing %1 with %2</source>
        <translation>Gebe %1 für %2 frei</translation>
    </message>
    <message>
        <source>Removing shared folder %1 from %2</source>
        <translation>Entferne freigegebenen Ordner %1 aus %2</translation>
    </message>
    <message>
        <source>Share the clipboard (the guest runs spice-vdagent)</source>
        <translation>Zwischenablage teilen (im Gast läuft spice-vdagent)</translation>
    </message>
    <message>
        <source>Copy and paste text between this computer and the guest. Snapshots of the running VM are then taken without memory.</source>
        <translation>Text zwischen diesem Computer und dem Gast kopieren und einfügen. Snapshots der laufenden VM werden dann ohne Arbeitsspeicher erstellt.</translation>
    </message>
    <message>
        <source>Move Card to Network</source>
        <translation>Karte in anderes Netzwerk</translation>
    </message>
    <message>
        <source>Puts the selected card on the chosen network, also while the VM runs: the guest sees its cable unplugged and plugged in again.</source>
        <translation>Legt die gewählte Karte in das gewählte Netzwerk, auch während die VM läuft: der Gast sieht sein Kabel aus- und wieder eingesteckt.</translation>
    </message>
    <message>
        <source>The VM is running: disks can be added and removed (hot-plug) and cards moved to another network; the rest is read-only.</source>
        <translation>Die VM läuft: Festplatten können hinzugefügt und entfernt (Hot-Plug) und Karten in ein anderes Netzwerk gelegt werden; der Rest ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Moving network card %1 of %2 to %3</source>
        <translation>Netzwerkkarte %1 von %2 wird nach %3 gelegt</translation>
    </message>
</context>
<context>
    <name>vireo::HistoryChart</name>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
</context>
<context>
    <name>vireo::HostCheckDialog</name>
    <message>
        <source>Check &amp;Again</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Check This Host</source>
        <translation>Diesen Rechner prüfen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <source>&amp;Copy Fix</source>
        <translation>Behebung &amp;kopieren</translation>
    </message>
    <message>
        <source>What Vireo needs from this computer. A warning limits some features; a failure stops VMs or sandboxes. Each line says how to fix it (the same checks as &lt;tt&gt;vireoctl doctor&lt;/tt&gt;).</source>
        <translation>Was Vireo von diesem Computer braucht. Eine Warnung schränkt einzelne Funktionen ein; ein Fehler verhindert VMs oder Sandboxen. Jede Zeile sagt, wie es sich beheben lässt (dieselben Prüfungen wie &lt;tt&gt;vireoctl doctor&lt;/tt&gt;).</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Checking this host</source>
        <translation>Dieser Rechner wird geprüft</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed: VMs or sandboxes will not work until they are fixed.</source>
        <translation>
            <numerusform>%n Prüfung ist fehlgeschlagen: VMs oder Sandboxen funktionieren erst nach der Behebung.</numerusform>
            <numerusform>%n Prüfungen sind fehlgeschlagen: VMs oder Sandboxen funktionieren erst nach der Behebung.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vireo works here; %n warning(s) name what some features lack.</source>
        <translation>
            <numerusform>Vireo funktioniert hier; %n Warnung nennt, was einzelnen Funktionen fehlt.</numerusform>
            <numerusform>Vireo funktioniert hier; %n Warnungen nennen, was einzelnen Funktionen fehlt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything Vireo needs is here.</source>
        <translation>Alles, was Vireo braucht, ist vorhanden.</translation>
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
        <translation>Nach Name oder Zustand filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running operations</source>
        <translation>Die laufenden Vorgänge abbrechen</translation>
    </message>
    <message>
        <source>&amp;New VM…</source>
        <translation>&amp;Neue VM…</translation>
    </message>
    <message>
        <source>Create a virtual machine</source>
        <translation>Eine virtuelle Maschine anlegen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start the selected VMs</source>
        <translation>Die ausgewählten VMs starten</translation>
    </message>
    <message>
        <source>S&amp;hut Down</source>
        <translation>&amp;Herunterfahren</translation>
    </message>
    <message>
        <source>Press the power button (ACPI); forced off if the guest ignores it for a minute</source>
        <translation>Den Ein-/Ausschalter drücken (ACPI); wird hart ausgeschaltet, wenn der Gast ihn eine Minute lang ignoriert</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>&amp;Ausschalten erzwingen</translation>
    </message>
    <message>
        <source>Pull the plug: stop QEMU at once</source>
        <translation>Stecker ziehen: QEMU sofort beenden</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause the selected VMs</source>
        <translation>Die ausgewählten VMs pausieren</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the selected VMs</source>
        <translation>Die ausgewählten VMs fortsetzen</translation>
    </message>
    <message>
        <source>S&amp;ave State</source>
        <translation>Zustand s&amp;ichern</translation>
    </message>
    <message>
        <source>Save memory and devices to disk and stop; the next start restores them</source>
        <translation>Speicher und Geräte auf die Festplatte sichern und anhalten; der nächste Start stellt sie wieder her</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected VMs</source>
        <translation>Die ausgewählten VMs löschen</translation>
    </message>
    <message>
        <source>&amp;Clone…</source>
        <translation>&amp;Klonen…</translation>
    </message>
    <message>
        <source>Copy a shut-off VM</source>
        <translation>Eine ausgeschaltete VM kopieren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Read the library again</source>
        <translation>Die Bibliothek neu einlesen</translation>
    </message>
    <message>
        <source>Starting %1</source>
        <translation>%1 wird gestartet</translation>
    </message>
    <message>
        <source>Shutting down %1</source>
        <translation>%1 wird heruntergefahren</translation>
    </message>
    <message>
        <source>Forcing off %1</source>
        <translation>%1 wird hart ausgeschaltet</translation>
    </message>
    <message>
        <source>Pausing %1</source>
        <translation>%1 wird pausiert</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>%1 wird fortgesetzt</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>Zustand von %1 wird gesichert</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Maschine</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Vireo</source>
        <translation>&amp;Über Vireo</translation>
    </message>
    <message>
        <source>About Vireo</source>
        <translation>Über Vireo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vireo %1&lt;/b&gt;&lt;p&gt;QEMU virtual machines for developers and homelabs.&lt;/p&gt;&lt;p&gt;Library: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Vireo %1&lt;/b&gt;&lt;p&gt;Virtuelle QEMU-Maschinen für Entwickler und Homelabs.&lt;/p&gt;&lt;p&gt;Bibliothek: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Maschine</translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s)</source>
        <translation>
            <numerusform>%n VM</numerusform>
            <numerusform>%n VMs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n operation(s) running)</source>
        <translation>
            <numerusform>%1… (%n Vorgang läuft)</numerusform>
            <numerusform>%1… (%n Vorgänge laufen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating %1</source>
        <translation>%1 wird angelegt</translation>
    </message>
    <message>
        <source>Delete VMs</source>
        <translation>VMs löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n VM(s): %1?</source>
        <translation>
            <numerusform>%n VM löschen: %1?</numerusform>
            <numerusform>%n VMs löschen: %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Their folders, with disks Vireo created, are removed. Running VMs are powered off first.</source>
        <translation>Ihre Ordner werden samt der von Vireo angelegten Festplatten entfernt. Laufende VMs werden zuerst ausgeschaltet.</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>%1 wird gelöscht</translation>
    </message>
    <message>
        <source>Cloning %1 to %2</source>
        <translation>%1 wird nach %2 geklont</translation>
    </message>
    <message>
        <source>&amp;Import Disk…</source>
        <translation>Datenträger &amp;importieren…</translation>
    </message>
    <message>
        <source>Make a VM from an existing disk (QCOW2, VMDK, VDI, VHDX, raw)</source>
        <translation>Eine VM aus einem vorhandenen Datenträger erstellen (QCOW2, VMDK, VDI, VHDX, raw)</translation>
    </message>
    <message>
        <source>Import &amp;Appliance…</source>
        <translation>&amp;Appliance importieren…</translation>
    </message>
    <message>
        <source>Make a VM from an OVA or OVF (VirtualBox, VMware)</source>
        <translation>Eine VM aus einer OVA oder OVF erstellen (VirtualBox, VMware)</translation>
    </message>
    <message>
        <source>Scheduled backup of %1</source>
        <translation>Geplante Sicherung von %1</translation>
    </message>
    <message>
        <source>&amp;Networks…</source>
        <translation>&amp;Netzwerke…</translation>
    </message>
    <message>
        <source>Named networks: NAT network, host-only, internal, bridged; their DHCP leases</source>
        <translation>Benannte Netzwerke: NAT-Netzwerk, Host-only, intern, überbrückt; ihre DHCP-Leases</translation>
    </message>
    <message>
        <source>Remote &amp;Hosts…</source>
        <translation>Entfernte &amp;Hosts…</translation>
    </message>
    <message>
        <source>libvirt hosts: their VMs, live; add a host, migrate a VM between hosts</source>
        <translation>libvirt-Hosts: ihre VMs, live; Host hinzufügen, VM zwischen Hosts migrieren</translation>
    </message>
    <message>
        <source>&amp;Sandboxes…</source>
        <translation>&amp;Sandboxen…</translation>
    </message>
    <message>
        <source>Container sandboxes: start, stop, their output, memory and CPU</source>
        <translation>Container-Sandboxen: starten, stoppen, ihre Ausgabe, Speicher und CPU</translation>
    </message>
    <message>
        <source>&amp;Check This Host…</source>
        <translation>Diesen Rechner &amp;prüfen…</translation>
    </message>
    <message>
        <source>Pass a &amp;Host Device…</source>
        <translation>&amp;Hostgerät durchreichen…</translation>
    </message>
    <message>
        <source>&amp;USB Devices…</source>
        <translation>&amp;USB-Geräte…</translation>
    </message>
    <message>
        <source>New Sand&amp;box…</source>
        <translation>Neue Sand&amp;box…</translation>
    </message>
    <message>
        <source>Create a container sandbox: what runs, its limits, network and folders</source>
        <translation>Eine Container-Sandbox anlegen: was läuft, ihre Grenzen, Netzwerk und Ordner</translation>
    </message>
</context>
<context>
    <name>vireo::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n error(s) in total)</source>
        <translation>
            <numerusform>(insgesamt %n Fehler)</numerusform>
            <numerusform>(insgesamt %n Fehler)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vireo::MigrateDialog</name>
    <message>
        <source>Migrate %1</source>
        <translation>%1 migrieren</translation>
    </message>
    <message>
        <source>&amp;To host:</source>
        <translation>&amp;Zum Host:</translation>
    </message>
    <message>
        <source>&amp;Copy the disks (no shared storage)</source>
        <translation>Festplatten &amp;kopieren (kein gemeinsamer Speicher)</translation>
    </message>
    <message>
        <source>&amp;Offline (move a shut-off VM&apos;s definition)</source>
        <translation>&amp;Offline (die Definition einer ausgeschalteten VM verschieben)</translation>
    </message>
    <message>
        <source>The VM keeps running while its memory is copied; it pauses only for the switch-over.</source>
        <translation>Die VM läuft weiter, während ihr Speicher kopiert wird; sie hält nur für die Umschaltung an.</translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation>&amp;Migrieren</translation>
    </message>
    <message>
        <source>From host: %1</source>
        <translation>Vom Host: %1</translation>
    </message>
    <message>
        <source>Migrating %1 to %2</source>
        <translation>Migriere %1 nach %2</translation>
    </message>
    <message>
        <source>%1 MiB left, %2 MiB/s, expected downtime %3 ms</source>
        <translation>%1 MiB übrig, %2 MiB/s, erwartete Ausfallzeit %3 ms</translation>
    </message>
    <message>
        <source>%1 runs on %2 now (%3 s, downtime %4 ms)</source>
        <translation>%1 läuft jetzt auf %2 (%3 s, Ausfallzeit %4 ms)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 ist nicht verbunden</translation>
    </message>
</context>
<context>
    <name>vireo::NetworksPage</name>
    <message>
        <source>Networks</source>
        <translation>Netzwerke</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Subnetz</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
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
        <translation>Hostname</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>NAT network</source>
        <translation>NAT-Netzwerk</translation>
    </message>
    <message>
        <source>Host-only</source>
        <translation>Host-only</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Intern</translation>
    </message>
    <message>
        <source>Bridged</source>
        <translation>Überbrückt</translation>
    </message>
    <message>
        <source>Serve DHCP and DNS</source>
        <translation>DHCP und DNS anbieten</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Subnet:</source>
        <translation>Subnetz:</translation>
    </message>
    <message>
        <source>New network</source>
        <translation>Neues Netzwerk</translation>
    </message>
    <message>
        <source>DHCP leases of the selected network</source>
        <translation>DHCP-Leases des gewählten Netzwerks</translation>
    </message>
    <message>
        <source>Starting network %1</source>
        <translation>Starte Netzwerk %1</translation>
    </message>
    <message>
        <source>Stopping network %1</source>
        <translation>Stoppe Netzwerk %1</translation>
    </message>
    <message>
        <source>Deleting network %1</source>
        <translation>Lösche Netzwerk %1</translation>
    </message>
    <message>
        <source>Guests reach each other and the outside through the host; the outside reaches them only through port forwards.</source>
        <translation>Gäste erreichen einander und über den Host die Außenwelt; von außen sind sie nur über Portweiterleitungen erreichbar.</translation>
    </message>
    <message>
        <source>Guests reach each other and this computer, nothing outside.</source>
        <translation>Gäste erreichen einander und diesen Computer, nichts außerhalb.</translation>
    </message>
    <message>
        <source>Guests reach only each other; not even this computer.</source>
        <translation>Gäste erreichen nur einander; nicht einmal diesen Computer.</translation>
    </message>
    <message>
        <source>Reading networks</source>
        <translation>Lese Netzwerke</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Creating network %1</source>
        <translation>Lege Netzwerk %1 an</translation>
    </message>
    <message>
        <source>Accelerated (DPDK)</source>
        <translation>Beschleunigt (DPDK)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Received/s</source>
        <translation>Empfangen/s</translation>
    </message>
    <message>
        <source>Sent/s</source>
        <translation>Gesendet/s</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Ports of the selected network (packets per second)</source>
        <translation>Ports des gewählten Netzwerks (Pakete pro Sekunde)</translation>
    </message>
    <message>
        <source>%1 (DPDK)</source>
        <translation>%1 (DPDK)</translation>
    </message>
    <message>
        <source>up</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>down</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>A host bridge, e.g. br0, or a NIC, e.g. enp3s0</source>
        <translation>Eine Host-Bridge, z. B. br0, oder eine Netzwerkkarte, z. B. enp3s0</translation>
    </message>
    <message>
        <source>It is a NIC: bridge it while the network runs</source>
        <translation>Es ist eine Netzwerkkarte: sie überbrücken, solange das Netzwerk läuft</translation>
    </message>
    <message>
        <source>Vireo puts a bridge over the NIC; the NIC&apos;s address and routes move to the bridge and back when the network stops. Not for Wi-Fi.</source>
        <translation>Vireo legt eine Bridge über die Netzwerkkarte; ihre Adresse und Routen wandern zur Bridge und zurück, wenn das Netzwerk stoppt. Nicht für WLAN.</translation>
    </message>
    <message>
        <source>Up to 9000 for jumbo frames; the guests&apos; virtio NICs take it.</source>
        <translation>Bis 9000 für Jumbo-Frames; die virtio-Karten der Gäste übernehmen sie.</translation>
    </message>
    <message>
        <source>IPv6 too (a private /64; guests reach the host and each other)</source>
        <translation>Auch IPv6 (ein privates /64; Gäste erreichen den Host und einander)</translation>
    </message>
    <message>
        <source>Uplink:</source>
        <translation>Uplink:</translation>
    </message>
    <message>
        <source>MTU:</source>
        <translation>MTU:</translation>
    </message>
    <message>
        <source>Guests join the LAN of a host bridge or NIC and get their addresses from its DHCP server.</source>
        <translation>Gäste treten dem LAN einer Host-Bridge oder Netzwerkkarte bei und erhalten ihre Adressen von dessen DHCP-Server.</translation>
    </message>
    <message>
        <source>VM-to-VM traffic is switched in user space by vireo-switch: faster than the kernel bridge. It costs 128 MiB of hugepages and a CPU core while traffic flows, and sleeps when the network is idle. Bridged, the switch sends on the NIC itself.</source>
        <translation>Der Verkehr zwischen VMs wird von vireo-switch im Userspace vermittelt: schneller als die Kernel-Bridge. Das kostet 128 MiB Hugepages und einen CPU-Kern, solange Verkehr fließt; ohne Verkehr ruht der Switch. Im Bridge-Modus sendet der Switch direkt über die Netzwerkkarte.</translation>
    </message>
</context>
<context>
    <name>vireo::NewSandboxWizard</name>
    <message>
        <source>New Sandbox</source>
        <translation>Neue Sandbox</translation>
    </message>
    <message>
        <source>What runs</source>
        <translation>Was läuft</translation>
    </message>
    <message>
        <source>An image of the library (its own command unless you give one) or a folder holding the sandbox&apos;s /.</source>
        <translation>Ein Abbild der Bibliothek (mit seinem eigenen Befehl, wenn Sie keinen angeben) oder ein Ordner mit dem / der Sandbox.</translation>
    </message>
    <message>
        <source>None: a folder</source>
        <translation>Keines: ein Ordner</translation>
    </message>
    <message>
        <source>A folder holding the sandbox&apos;s /</source>
        <translation>Ein Ordner mit dem / der Sandbox</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Root folder</source>
        <translation>Wurzelordner</translation>
    </message>
    <message>
        <source>Empty: the image&apos;s own command</source>
        <translation>Leer: der eigene Befehl des Abbilds</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Abbild:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>Enforced by the kernel&apos;s cgroups; the sandbox is stopped, not the host, when it goes over.</source>
        <translation>Durch die cgroups des Kernels durchgesetzt; wird eine Grenze überschritten, wird die Sandbox gestoppt, nicht der Rechner.</translation>
    </message>
    <message>
        <source>e.g. 256M; empty: no limit</source>
        <translation>z. B. 256M; leer: keine Grenze</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Keep a terminal to attach to</source>
        <translation>Ein Terminal zum Verbinden behalten</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>Prozesse:</translation>
    </message>
    <message>
        <source>CPUs:</source>
        <translation>CPUs:</translation>
    </message>
    <message>
        <source>Network and folders</source>
        <translation>Netzwerk und Ordner</translation>
    </message>
    <message>
        <source>On a Vireo network the sandbox sits beside the VMs, with DHCP and their names.</source>
        <translation>In einem Vireo-Netzwerk steht die Sandbox neben den VMs, mit DHCP und deren Namen.</translation>
    </message>
    <message>
        <source>None (loopback only)</source>
        <translation>Keines (nur Loopback)</translation>
    </message>
    <message>
        <source>NAT (through this computer)</source>
        <translation>NAT (über diesen Rechner)</translation>
    </message>
    <message>
        <source>NAT only: HOST:SANDBOX ports, e.g. 8080:80 2222:22</source>
        <translation>Nur NAT: Ports HOST:SANDBOX, z. B. 8080:80 2222:22</translation>
    </message>
    <message>
        <source>One per line: /host/folder:/inside[:ro] or volume-name:/inside (kept after the sandbox)</source>
        <translation>Einer pro Zeile: /host/ordner:/innen[:ro] oder volume-name:/innen (bleibt nach der Sandbox)</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Netzwerk:</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>Ports:</translation>
    </message>
    <message>
        <source>Folders:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>The same sandbox from a script, then Finish to create it.</source>
        <translation>Dieselbe Sandbox aus einem Skript; Fertigstellen legt sie an.</translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; does not exist</source>
        <translation>der Ordner &apos;%1&apos; existiert nicht</translation>
    </message>
    <message>
        <source>pick the folder that holds the sandbox&apos;s /</source>
        <translation>wählen Sie den Ordner mit dem / der Sandbox</translation>
    </message>
    <message>
        <source>a folder has no command of its own</source>
        <translation>ein Ordner hat keinen eigenen Befehl</translation>
    </message>
    <message>
        <source>give the command to run, e.g. /bin/sh</source>
        <translation>geben Sie den auszuführenden Befehl an, z. B. /bin/sh</translation>
    </message>
    <message>
        <source>memory limit</source>
        <translation>Speichergrenze</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird angelegt…</translation>
    </message>
    <message>
        <source>Creating sandbox %1</source>
        <translation>Sandbox %1 wird angelegt</translation>
    </message>
    <message>
        <source>Created.</source>
        <translation>Angelegt.</translation>
    </message>
</context>
<context>
    <name>vireo::NewVmWizard</name>
    <message>
        <source>New Virtual Machine</source>
        <translation>Neue virtuelle Maschine</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>How will the VM boot?</source>
        <translation>Wie startet die VM?</translation>
    </message>
    <message>
        <source>Choose where the operating system comes from.</source>
        <translation>Wählen Sie, woher das Betriebssystem kommt.</translation>
    </message>
    <message>
        <source>Install from an ISO image</source>
        <translation>Von einem ISO-Abbild installieren</translation>
    </message>
    <message>
        <source>Import an existing disk (QCOW2, VMDK, VDI, VHDX or raw)</source>
        <translation>Eine vorhandene Festplatte importieren (QCOW2, VMDK, VDI, VHDX oder raw)</translation>
    </message>
    <message>
        <source>Boot a Linux kernel directly</source>
        <translation>Einen Linux-Kernel direkt starten</translation>
    </message>
    <message>
        <source>Boot media</source>
        <translation>Startmedium</translation>
    </message>
    <message>
        <source>ISO image:</source>
        <translation>ISO-Abbild:</translation>
    </message>
    <message>
        <source>Choose an ISO image</source>
        <translation>Ein ISO-Abbild wählen</translation>
    </message>
    <message>
        <source>ISO images (*.iso)</source>
        <translation>ISO-Abbilder (*.iso)</translation>
    </message>
    <message>
        <source>Copy into the VM&apos;s folder as QCOW2 (else use it in place)</source>
        <translation>Als QCOW2 in den Ordner der VM kopieren (sonst an Ort und Stelle verwenden)</translation>
    </message>
    <message>
        <source>Disk image:</source>
        <translation>Festplattenabbild:</translation>
    </message>
    <message>
        <source>Choose a disk image</source>
        <translation>Ein Festplattenabbild wählen</translation>
    </message>
    <message>
        <source>Disk images (*.qcow2 *.vmdk *.vdi *.vhdx *.img *.raw);;All files (*)</source>
        <translation>Festplattenabbilder (*.qcow2 *.vmdk *.vdi *.vhdx *.img *.raw);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation>Kernel:</translation>
    </message>
    <message>
        <source>Choose a kernel</source>
        <translation>Einen Kernel wählen</translation>
    </message>
    <message>
        <source>Initial ramdisk:</source>
        <translation>Initiale Ramdisk:</translation>
    </message>
    <message>
        <source>Choose an initial ramdisk</source>
        <translation>Eine initiale Ramdisk wählen</translation>
    </message>
    <message>
        <source>Command line:</source>
        <translation>Kommandozeile:</translation>
    </message>
    <message>
        <source>The installer image the VM boots first.</source>
        <translation>Das Installationsabbild, von dem die VM zuerst startet.</translation>
    </message>
    <message>
        <source>A disk with an installed system.</source>
        <translation>Eine Festplatte mit einem installierten System.</translation>
    </message>
    <message>
        <source>QEMU loads the kernel and ramdisk itself.</source>
        <translation>QEMU lädt Kernel und Ramdisk selbst.</translation>
    </message>
    <message>
        <source>Volume label: %1</source>
        <translation>Datenträgerbezeichnung: %1</translation>
    </message>
    <message>
        <source>Volume label: %1 (looks like %2)</source>
        <translation>Datenträgerbezeichnung: %1 (sieht nach %2 aus)</translation>
    </message>
    <message>
        <source>Name and hardware</source>
        <translation>Name und Hardware</translation>
    </message>
    <message>
        <source>The OS preset fills in recommended values.</source>
        <translation>Die Betriebssystem-Vorgabe setzt empfohlene Werte ein.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Create a new disk</source>
        <translation>Eine neue Festplatte anlegen</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
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
        <translation>Name:</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>Betriebssystem:</translation>
    </message>
    <message>
        <source>vCPUs:</source>
        <translation>vCPUs:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Festplatte:</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Create the VM with these settings.</source>
        <translation>Die VM mit diesen Einstellungen anlegen.</translation>
    </message>
    <message>
        <source>Installs from %1</source>
        <translation>Installiert von %1</translation>
    </message>
    <message>
        <source>Copies %1 into its folder</source>
        <translation>Kopiert %1 in ihren Ordner</translation>
    </message>
    <message>
        <source>Uses %1 in place</source>
        <translation>Verwendet %1 an Ort und Stelle</translation>
    </message>
    <message>
        <source>Boots the kernel %1</source>
        <translation>Startet den Kernel %1</translation>
    </message>
    <message>
        <source>new %1 disk</source>
        <translation>neue Festplatte mit %1</translation>
    </message>
    <message>
        <source>no new disk</source>
        <translation>keine neue Festplatte</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 vCPU(s), %4 memory, %5, %6 firmware</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 vCPU(s), %4 Arbeitsspeicher, %5, Firmware %6</translation>
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
        <translation>Der Name ist ungültig: %1</translation>
    </message>
    <message>
        <source>A VM named %1 already exists.</source>
        <translation>Es gibt bereits eine VM namens %1.</translation>
    </message>
    <message>
        <source>The host has only %1 MiB of memory.</source>
        <translation>Der Host hat nur %1 MiB Arbeitsspeicher.</translation>
    </message>
    <message>
        <source>Not enough free disk space: %1 available.</source>
        <translation>Nicht genug freier Speicherplatz: %1 verfügbar.</translation>
    </message>
    <message>
        <source>From a cloud image (cloud-init: your SSH key, your user data)</source>
        <translation>Aus einem Cloud-Image (cloud-init: Ihr SSH-Schlüssel, Ihre Benutzerdaten)</translation>
    </message>
    <message>
        <source>Import an appliance (OVA or OVF from VirtualBox or VMware)</source>
        <translation>Eine Appliance importieren (OVA oder OVF aus VirtualBox oder VMware)</translation>
    </message>
    <message>
        <source>Default: your ~/.ssh/*.pub</source>
        <translation>Standard: Ihre ~/.ssh/*.pub</translation>
    </message>
    <message>
        <source>Optional #cloud-config or script</source>
        <translation>Optional: #cloud-config oder Skript</translation>
    </message>
    <message>
        <source>Cloud image:</source>
        <translation>Cloud-Image:</translation>
    </message>
    <message>
        <source>Choose a cloud image</source>
        <translation>Ein Cloud-Image wählen</translation>
    </message>
    <message>
        <source>Disk images (*.qcow2 *.img *.raw *.vmdk);;All files (*)</source>
        <translation>Datenträgerabbilder (*.qcow2 *.img *.raw *.vmdk);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>SSH public key:</source>
        <translation>Öffentlicher SSH-Schlüssel:</translation>
    </message>
    <message>
        <source>Choose an SSH public key</source>
        <translation>Einen öffentlichen SSH-Schlüssel wählen</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>Öffentliche Schlüssel (*.pub);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>User data:</source>
        <translation>Benutzerdaten:</translation>
    </message>
    <message>
        <source>Choose cloud-init user data</source>
        <translation>cloud-init-Benutzerdaten wählen</translation>
    </message>
    <message>
        <source>Appliance:</source>
        <translation>Appliance:</translation>
    </message>
    <message>
        <source>Choose an appliance</source>
        <translation>Eine Appliance wählen</translation>
    </message>
    <message>
        <source>Appliances (*.ova *.ovf)</source>
        <translation>Appliances (*.ova *.ovf)</translation>
    </message>
    <message>
        <source>The image is cached once; the VM gets a thin overlay and a cloud-init seed.</source>
        <translation>Das Image wird einmal zwischengespeichert; die VM erhält eine dünne Schicht und ein cloud-init-Seed.</translation>
    </message>
    <message>
        <source>An exported virtual machine.</source>
        <translation>Eine exportierte virtuelle Maschine.</translation>
    </message>
    <message>
        <source>Boots a thin overlay on %1 with a cloud-init seed</source>
        <translation>Startet eine dünne Schicht über %1 mit einem cloud-init-Seed</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Imports the appliance %2 (its hardware and disks)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Importiert die Appliance %2 (ihre Hardware und Festplatten)</translation>
    </message>
    <message>
        <source>Its vCPUs, memory, firmware, disks and network cards come from the appliance; devices Vireo has no counterpart for (sound, USB) are left out.</source>
        <translation>vCPUs, Arbeitsspeicher, Firmware, Festplatten und Netzwerkkarten kommen aus der Appliance; Geräte ohne Gegenstück in Vireo (Sound, USB) werden weggelassen.</translation>
    </message>
</context>
<context>
    <name>vireo::OverviewTab</name>
    <message>
        <source>Notes about this VM</source>
        <translation>Notizen zu dieser VM</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>Notizen speichern</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>UUID:</source>
        <translation>UUID:</translation>
    </message>
    <message>
        <source>Boots from:</source>
        <translation>Startet von:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>No VM selected</source>
        <translation>Keine VM ausgewählt</translation>
    </message>
    <message>
        <source>Linux kernel %1</source>
        <translation>Linux-Kernel %1</translation>
    </message>
    <message>
        <source>Disk, then CD-ROM %1</source>
        <translation>Festplatte, dann CD-ROM %1</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <source>Notes are part of the VM&apos;s definition, which cannot change while it runs. Shut it down to edit them.</source>
        <translation>Notizen gehören zur Definition der VM, die sich nicht ändern kann, solange sie läuft. Fahren Sie sie herunter, um sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Saving notes of %1</source>
        <translation>Notizen von %1 werden gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1 h %2 min</source>
        <translation>
            <numerusform>%n Tag, %1 h %2 min</numerusform>
            <numerusform>%n Tage, %1 h %2 min</numerusform>
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
        <translation>IP-Adresse:</translation>
    </message>
    <message>
        <source>Up for:</source>
        <translation>Läuft seit:</translation>
    </message>
    <message>
        <source>— (not running)</source>
        <translation>— (läuft nicht)</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>noch nicht bekannt</translation>
    </message>
</context>
<context>
    <name>vireo::PassthroughWizard</name>
    <message>
        <source>Pass a Host Device to a VM</source>
        <translation>Ein Hostgerät an eine VM durchreichen</translation>
    </message>
    <message>
        <source>Which device?</source>
        <translation>Welches Gerät?</translation>
    </message>
    <message>
        <source>Each device says whether it can go to a VM; the reasons show below.</source>
        <translation>Jedes Gerät sagt, ob es an eine VM gehen kann; die Gründe stehen darunter.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Treiber</translation>
    </message>
    <message>
        <source>%1 — fix: %2</source>
        <translation>%1 — Behebung: %2</translation>
    </message>
    <message>
        <source>Its IOMMU group</source>
        <translation>Seine IOMMU-Gruppe</translation>
    </message>
    <message>
        <source>A VM gets a whole group: every member with its role.</source>
        <translation>Eine VM bekommt eine ganze Gruppe: jedes Mitglied mit seiner Rolle.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Host changes</source>
        <translation>Änderungen am Host</translation>
    </message>
    <message>
        <source>What this computer needs once for the device; Apply journals every file (&apos;vireoctl host rollback&apos; undoes it).</source>
        <translation>Was dieser Computer einmalig für das Gerät braucht; Anwenden protokolliert jede Datei (&apos;vireoctl host rollback&apos; macht es rückgängig).</translation>
    </message>
    <message>
        <source>&amp;Copy Commands</source>
        <translation>Befehle &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Apply Now</source>
        <translation>Jetzt &amp;anwenden</translation>
    </message>
    <message>
        <source>Which VM?</source>
        <translation>Welche VM?</translation>
    </message>
    <message>
        <source>The device joins the VM&apos;s hardware; it goes to vfio-pci when the VM starts.</source>
        <translation>Das Gerät wird Teil der Hardware der VM; beim Start der VM geht es an vfio-pci.</translation>
    </message>
    <message>
        <source>VM:</source>
        <translation>VM:</translation>
    </message>
    <message>
        <source>Reading this host&apos;s devices</source>
        <translation>Geräte dieses Hosts werden gelesen</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>dieses Gerät</translation>
    </message>
    <message>
        <source>goes with it</source>
        <translation>geht mit</translation>
    </message>
    <message>
        <source>bridge: stays with the host, does not block</source>
        <translation>Brücke: bleibt beim Host, blockiert nicht</translation>
    </message>
    <message>
        <source>the host needs it: blocks the group</source>
        <translation>der Host braucht es: blockiert die Gruppe</translation>
    </message>
    <message>
        <source>in the same group</source>
        <translation>in derselben Gruppe</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Wird geplant…</translation>
    </message>
    <message>
        <source>Planning host changes</source>
        <translation>Änderungen am Host werden geplant</translation>
    </message>
    <message>
        <source>%1 /%2 — %3</source>
        <translation>%1 /%2 — %3</translation>
    </message>
    <message>
        <source>change</source>
        <translation>ändern</translation>
    </message>
    <message>
        <source>create</source>
        <translation>anlegen</translation>
    </message>
    <message>
        <source>run %1 — %2</source>
        <translation>ausführen %1 — %2</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Nichts zu ändern.</translation>
    </message>
    <message>
        <source>Reboot needed: %1</source>
        <translation>Neustart nötig: %1</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wird angewendet…</translation>
    </message>
    <message>
        <source>Applying host changes</source>
        <translation>Änderungen am Host werden angewendet</translation>
    </message>
    <message>
        <source>Applied as %1 (undo: vireoctl host rollback %1).%2</source>
        <translation>Angewendet als %1 (rückgängig: vireoctl host rollback %1).%2</translation>
    </message>
    <message>
        <source> Reboot before starting the VM.</source>
        <translation> Vor dem Start der VM neu starten.</translation>
    </message>
    <message>
        <source>Adding the device to %1</source>
        <translation>Gerät wird %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Added.</source>
        <translation>Hinzugefügt.</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>ohne Tag</translation>
    </message>
    <message>
        <source>The VF tags the VM&apos;s frames with this VLAN; the guest sees none.</source>
        <translation>Die VF versieht die Frames der VM mit diesem VLAN; der Gast sieht keines.</translation>
    </message>
    <message>
        <source>VLAN (SR-IOV):</source>
        <translation>VLAN (SR-IOV):</translation>
    </message>
    <message numerus="yes">
        <source>%n VF(s) for VMs</source>
        <translation>
            <numerusform>%n VF für VMs</numerusform>
            <numerusform>%n VFs für VMs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A VM gets any free VF of this card when it starts (%n free now), with its own MAC and VLAN; the VF goes back with its old settings when the VM stops.</source>
        <translation>
            <numerusform>Eine VM bekommt beim Start eine freie VF dieser Karte (jetzt %n frei) mit eigener MAC und eigenem VLAN; die VF kehrt mit ihren alten Einstellungen zurück, wenn die VM stoppt.</numerusform>
            <numerusform>Eine VM bekommt beim Start eine freie VF dieser Karte (jetzt %n frei) mit eigener MAC und eigenem VLAN; die VF kehrt mit ihren alten Einstellungen zurück, wenn die VM stoppt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No VF can go to a VM: %1 — fix: %2</source>
        <translation>Keine VF kann an eine VM gehen: %1 — Abhilfe: %2</translation>
    </message>
    <message>
        <source>This card has no VFs yet — make some with &apos;vireoctl host sriov-vfs %1 N&apos;.</source>
        <translation>Diese Karte hat noch keine VFs — legen Sie welche an mit &apos;vireoctl host sriov-vfs %1 N&apos;.</translation>
    </message>
</context>
<context>
    <name>vireo::PerformanceTab</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Memory (resident)</source>
        <translation>Arbeitsspeicher (belegt)</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>Disk read / write</source>
        <translation>Datenträger lesen / schreiben</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>Sampling %1 every second (last five minutes).</source>
        <translation>%1 wird jede Sekunde gemessen (letzte fünf Minuten).</translation>
    </message>
    <message>
        <source>%1 is not running.</source>
        <translation>%1 läuft nicht.</translation>
    </message>
    <message>
        <source>%1 stopped.</source>
        <translation>%1 wurde beendet.</translation>
    </message>
    <message>
        <source>Network received / sent</source>
        <translation>Netzwerk empfangen / gesendet</translation>
    </message>
    <message>
        <source>Per-VM NAT traffic stays inside QEMU and is not measured; NICs on named networks are.</source>
        <translation>Der Verkehr der VM-eigenen NAT bleibt in QEMU und wird nicht gemessen; Netzwerkkarten in benannten Netzen schon.</translation>
    </message>
</context>
<context>
    <name>vireo::RemoteListPanel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Remote hosts</source>
        <translation>Entfernte Hosts</translation>
    </message>
    <message>
        <source>&amp;Open in Remote Hosts</source>
        <translation>In „Entfernte Hosts“ ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>vireo::RemoteScreenWindow</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Opening the screen…</source>
        <translation>Bildschirm wird geöffnet…</translation>
    </message>
    <message>
        <source>The screen of %1 on %2, through the host&apos;s connection.</source>
        <translation>Der Bildschirm von %1 auf %2, über die Verbindung des Hosts.</translation>
    </message>
    <message>
        <source>%1; opening it again…</source>
        <translation>%1; wird erneut geöffnet…</translation>
    </message>
</context>
<context>
    <name>vireo::RemotesPage</name>
    <message>
        <source>Remote Hosts</source>
        <translation>Entfernte Hosts</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPUs</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>libvirt hosts Vireo drives besides this machine. Their VMs update as the hosts report changes, also changes made with other tools.</source>
        <translation>libvirt-Hosts, die Vireo neben diesem Rechner steuert. Ihre VMs aktualisieren sich, sobald die Hosts Änderungen melden, auch solche aus anderen Werkzeugen.</translation>
    </message>
    <message>
        <source>&amp;Add Host…</source>
        <translation>Host &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove Host</source>
        <translation>Host &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Shut &amp;Down</source>
        <translation>&amp;Herunterfahren</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>&amp;Ausschalten erzwingen</translation>
    </message>
    <message>
        <source>&amp;Migrate…</source>
        <translation>&amp;Migrieren…</translation>
    </message>
    <message>
        <source>Starting %1 on %2</source>
        <translation>Starte %1 auf %2</translation>
    </message>
    <message>
        <source>Shutting down %1 on %2</source>
        <translation>Fahre %1 auf %2 herunter</translation>
    </message>
    <message>
        <source>Powering off %1 on %2</source>
        <translation>Schalte %1 auf %2 aus</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s)</source>
        <translation>
            <numerusform>%n VM</numerusform>
            <numerusform>%n VMs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 ist nicht verbunden</translation>
    </message>
    <message>
        <source>S&amp;creen…</source>
        <translation>Bild&amp;schirm…</translation>
    </message>
    <message>
        <source>Opening the screen of %1 on %2</source>
        <translation>Bildschirm von %1 auf %2 wird geöffnet</translation>
    </message>
</context>
<context>
    <name>vireo::SandboxListPanel</name>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Reading sandboxes</source>
        <translation>Sandboxen werden gelesen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
</context>
<context>
    <name>vireo::SandboxTerminalWindow</name>
    <message>
        <source>Terminal of sandbox %1</source>
        <translation>Terminal der Sandbox %1</translation>
    </message>
</context>
<context>
    <name>vireo::SandboxesPage</name>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Root</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>CPU-Zeit</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Output of the selected sandbox</source>
        <translation>Ausgabe der gewählten Sandbox</translation>
    </message>
    <message>
        <source>Starting sandbox %1</source>
        <translation>Sandbox %1 wird gestartet</translation>
    </message>
    <message>
        <source>Stopping sandbox %1</source>
        <translation>Sandbox %1 wird gestoppt</translation>
    </message>
    <message>
        <source>Deleting sandbox %1</source>
        <translation>Sandbox %1 wird gelöscht</translation>
    </message>
    <message>
        <source>Reading sandboxes</source>
        <translation>Sandboxen werden gelesen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Speicher erschöpft</translation>
    </message>
    <message>
        <source>Exited (%1)</source>
        <translation>Beendet (%1)</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>Image %1</translation>
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
        <translation>Das Terminal der laufenden Sandbox (bei Sandboxen, die eines haben)</translation>
    </message>
    <message>
        <source>New Sandbox…</source>
        <translation>Neue Sandbox…</translation>
    </message>
</context>
<context>
    <name>vireo::SnapshotsTab</name>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Name of the new snapshot</source>
        <translation>Name des neuen Snapshots</translation>
    </message>
    <message>
        <source>Take snapshot</source>
        <translation>Snapshot erstellen</translation>
    </message>
    <message>
        <source>Revert to</source>
        <translation>Zurückkehren zu</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The VM runs: the snapshot includes its memory and devices.</source>
        <translation>Die VM läuft: Der Snapshot enthält ihren Arbeitsspeicher und ihre Geräte.</translation>
    </message>
    <message>
        <source>The VM is off: the snapshot holds its disks only.</source>
        <translation>Die VM ist aus: Der Snapshot enthält nur ihre Festplatten.</translation>
    </message>
    <message>
        <source>Reading snapshots of %1</source>
        <translation>Snapshots von %1 werden gelesen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>The VM currently derives from this snapshot.</source>
        <translation>Die VM basiert derzeit auf diesem Snapshot.</translation>
    </message>
    <message>
        <source>Taking snapshot %1 of %2</source>
        <translation>Snapshot %1 von %2 wird erstellt</translation>
    </message>
    <message>
        <source>Revert to snapshot</source>
        <translation>Zu Snapshot zurückkehren</translation>
    </message>
    <message>
        <source>Revert %1 to snapshot %2? Changes since then are lost.</source>
        <translation>%1 auf Snapshot %2 zurücksetzen? Änderungen seitdem gehen verloren.</translation>
    </message>
    <message>
        <source>Reverting %1 to %2</source>
        <translation>%1 wird auf %2 zurückgesetzt</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>Snapshot löschen</translation>
    </message>
    <message>
        <source>Delete snapshot %1 of %2?</source>
        <translation>Snapshot %1 von %2 löschen?</translation>
    </message>
    <message>
        <source>Deleting snapshot %1 of %2</source>
        <translation>Snapshot %1 von %2 wird gelöscht</translation>
    </message>
    <message>
        <source>Include memory</source>
        <translation>Arbeitsspeicher einschließen</translation>
    </message>
    <message>
        <source>Also save the running memory and devices, so a revert continues exactly where it was taken.</source>
        <translation>Auch den laufenden Arbeitsspeicher und die Geräte sichern, damit ein Zurücksetzen genau dort weitermacht, wo der Snapshot entstand.</translation>
    </message>
    <message>
        <source>The VM is off: a snapshot holds its disks only.</source>
        <translation>Die VM ist aus: ein Snapshot enthält nur ihre Datenträger.</translation>
    </message>
    <message>
        <source>The VM runs: the snapshot holds its disks only.</source>
        <translation>Die VM läuft: der Snapshot enthält nur ihre Datenträger.</translation>
    </message>
</context>
<context>
    <name>vireo::UsbDevicesDialog</name>
    <message>
        <source>USB Devices of %1</source>
        <translation>USB-Geräte von %1</translation>
    </message>
    <message>
        <source>Host USB devices. A device attached here stays with the VM until it is unplugged, detached, or the VM stops.</source>
        <translation>USB-Geräte des Hosts. Ein hier angeschlossenes Gerät bleibt bei der VM, bis es abgezogen oder getrennt wird oder die VM anhält.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Anschluss</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Gehört zu</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>&amp;Anschließen</translation>
    </message>
    <message>
        <source>&amp;Detach</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Always Attach This &amp;Kind</source>
        <translation>Diese &amp;Art immer anschließen</translation>
    </message>
    <message>
        <source>A filter by vendor and product: any such device goes to this VM when it starts or when plugged in while it runs.</source>
        <translation>Ein Filter nach Hersteller und Produkt: jedes solche Gerät geht beim Start oder beim Einstecken während des Laufs an diese VM.</translation>
    </message>
    <message>
        <source>Always Attach This &amp;Device</source>
        <translation>Dieses &amp;Gerät immer anschließen</translation>
    </message>
    <message>
        <source>A filter by vendor, product and serial number: only this one device.</source>
        <translation>Ein Filter nach Hersteller, Produkt und Seriennummer: nur genau dieses Gerät.</translation>
    </message>
    <message>
        <source>USB filters of %1:</source>
        <translation>USB-Filter von %1:</translation>
    </message>
    <message>
        <source>&amp;Remove Filter</source>
        <translation>Filter &amp;entfernen</translation>
    </message>
    <message>
        <source>Reading USB devices</source>
        <translation>USB-Geräte werden gelesen</translation>
    </message>
    <message>
        <source>No USB devices are plugged into this host.</source>
        <translation>An diesem Host sind keine USB-Geräte angeschlossen.</translation>
    </message>
    <message>
        <source>Start the VM to attach a device now; a filter attaches it at every start.</source>
        <translation>Starten Sie die VM, um ein Gerät jetzt anzuschließen; ein Filter schließt es bei jedem Start an.</translation>
    </message>
    <message>
        <source>Attaching %1 to %2</source>
        <translation>%1 wird an %2 angeschlossen</translation>
    </message>
    <message>
        <source>%1 is attached to %2.</source>
        <translation>%1 ist an %2 angeschlossen.</translation>
    </message>
    <message>
        <source>Detaching %1 from %2</source>
        <translation>%1 wird von %2 getrennt</translation>
    </message>
    <message>
        <source>%1 is detached.</source>
        <translation>%1 ist getrennt.</translation>
    </message>
    <message>
        <source>Adding a USB filter to %1</source>
        <translation>USB-Filter wird zu %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Added filter %1.</source>
        <translation>Filter %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Removing a USB filter from %1</source>
        <translation>USB-Filter wird von %1 entfernt</translation>
    </message>
    <message>
        <source>Removed filter %1.</source>
        <translation>Filter %1 entfernt.</translation>
    </message>
</context>
<context>
    <name>vireo::VmListModel</name>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gesichert</translation>
    </message>
    <message>
        <source>Crashed</source>
        <translation>Abgestürzt</translation>
    </message>
    <message>
        <source>Shut off</source>
        <translation>Ausgeschaltet</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Unlesbar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPUs</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>%1% · %2</source>
        <translation>%1 % · %2</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
</context>
<context>
    <name>vireo::VncConnection</name>
    <message>
        <source>cannot allocate a VNC client</source>
        <translation>kann keinen VNC-Client anlegen</translation>
    </message>
    <message>
        <source>cannot connect to the display at %1</source>
        <translation>keine Verbindung zum Bildschirm unter %1</translation>
    </message>
    <message>
        <source>the VM&apos;s display closed</source>
        <translation>der Bildschirm der VM wurde geschlossen</translation>
    </message>
    <message>
        <source>the display at %1 closed the connection</source>
        <translation>der Bildschirm unter %1 hat die Verbindung geschlossen</translation>
    </message>
</context>
<context>
    <name>vireo::VncView</name>
    <message>
        <source>Ctrl+Alt</source>
        <translation>Strg+Alt</translation>
    </message>
    <message>
        <source>No display</source>
        <translation>Kein Bildschirm</translation>
    </message>
</context>
</TS>
