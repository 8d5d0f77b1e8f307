#!/usr/bin/env python3
"""verify.py OUTDIR [SCENARIO...] [--runs N] — boots the built guest under TCG and checks every marker.

Scenarios (each run N times, median printed):
  kernel   direct PVH boot of vmlinux + virtio-net: ready ip=10.0.2.15
  disk     SeaBIOS + syslinux boot of disk.qcow2 on virtio-blk: ready
           (disk-virtio-net: the same with virtio-net instead of q35's default e1000e)
  hotplug  blockdev-add + device_add virtio-blk-pci on a pcie-root-port: disk-added,
           device_del: disk-removed
  every run ends with QMP system_powerdown: acpi-power-button, powered-off, QEMU exits.
Only the Python standard library; this is the tool the README's numbers came from.
"""
import json, os, re, socket, statistics, subprocess, sys, tempfile, threading, time

QEMU = ["qemu-system-x86_64", "-machine", "q35", "-accel", "tcg", "-m", "256",
        "-nographic", "-no-reboot"]
CMDLINE = os.environ.get("VIREO_GUEST_CMDLINE", "console=ttyS0 quiet")


class Guest:
    def __init__(self, args, tmp):
        self.qmp_path = os.path.join(tmp, "qmp.sock")
        self.lines, self.cv = [], threading.Condition()
        self.t0 = time.monotonic()
        self.p = subprocess.Popen(QEMU + args + ["-qmp", f"unix:{self.qmp_path},server=on,wait=off"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
        threading.Thread(target=self._reader, daemon=True).start()
        self.qmp = None

    def _reader(self):
        buf = b""
        while True:
            b = self.p.stdout.read1(4096)
            if not b:
                break
            buf += b
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                with self.cv:
                    self.lines.append((time.monotonic() - self.t0,
                                       line.decode(errors="replace").rstrip("\r")))
                    self.cv.notify_all()

    def wait(self, pattern, timeout=60):
        rx, seen, end = re.compile(pattern), 0, time.monotonic() + timeout
        with self.cv:
            while True:
                for t, line in self.lines[seen:]:
                    m = rx.search(line)
                    if m:
                        return t, m
                seen = len(self.lines)
                left = end - time.monotonic()
                if left <= 0 or self.p.poll() is not None and seen == len(self.lines):
                    raise TimeoutError(f"no /{pattern}/; console:\n" +
                                       "\n".join(l for _, l in self.lines[-40:]))
                self.cv.wait(min(left, 0.5))

    def cmd(self, execute, **arguments):
        if self.qmp is None:
            s = socket.socket(socket.AF_UNIX)
            for _ in range(100):
                try:
                    s.connect(self.qmp_path)
                    break
                except OSError:
                    time.sleep(0.05)
            self.qmp = s.makefile("rw")
            json.loads(self.qmp.readline())            # greeting
            self.cmd("qmp_capabilities")
        msg = {"execute": execute}
        if arguments:
            msg["arguments"] = arguments
        self.qmp.write(json.dumps(msg) + "\n")
        self.qmp.flush()
        while True:                                    # skip asynchronous events
            r = json.loads(self.qmp.readline())
            if "return" in r:
                return r["return"]
            if "error" in r:
                raise RuntimeError(f"{execute}: {r['error']}")

    def powerdown(self):
        """system_powerdown -> markers -> QEMU exits by itself; returns seconds to exit."""
        t = time.monotonic()
        self.cmd("system_powerdown")
        self.wait(r"^VIREO-GUEST: acpi-power-button$", 30)
        self.wait(r"^VIREO-GUEST: powered-off$", 30)
        rc = self.p.wait(timeout=30)
        assert rc == 0, f"qemu exit status {rc}"
        return time.monotonic() - t

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def run(name, out, tmp):
    r = {}
    if name == "kernel":
        g = Guest(["-kernel", f"{out}/vmlinux", "-initrd", f"{out}/initramfs.cpio.gz",
                   "-append", CMDLINE, "-netdev", "user,id=n0",
                   "-device", "virtio-net-pci,netdev=n0"], tmp)
    elif name == "disk":
        # q35's default NIC (e1000e, ~3 s to carrier) comes along: the README's command
        g = Guest(["-drive", f"file={out}/disk.qcow2,if=virtio,snapshot=on"], tmp)
    elif name == "disk-virtio-net":
        g = Guest(["-drive", f"file={out}/disk.qcow2,if=virtio,snapshot=on",
                   "-netdev", "user,id=n0", "-device", "virtio-net-pci,netdev=n0"], tmp)
    else:
        g = Guest(["-kernel", f"{out}/vmlinux", "-initrd", f"{out}/initramfs.cpio.gz",
                   "-append", CMDLINE, "-netdev", "user,id=n0", "-device", "virtio-net-pci,netdev=n0",
                   "-device", "pcie-root-port,id=rp1,chassis=1,slot=1"], tmp)
    try:
        g.wait(r"^VIREO-GUEST: booted$")
        r["ready"], m = g.wait(r"^VIREO-GUEST: ready ip=(\S+)$")
        if name == "kernel" and m.group(1) != "10.0.2.15":
            raise AssertionError(f"ip={m.group(1)}")
        if name == "hotplug":
            img = os.path.join(tmp, "hot.qcow2")
            subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", img, "64M"], check=True)
            t = time.monotonic()
            g.cmd("blockdev-add", driver="file", filename=img, **{"node-name": "hot0-file"})
            g.cmd("blockdev-add", driver="qcow2", file="hot0-file", **{"node-name": "hot0"})
            g.cmd("device_add", driver="virtio-blk-pci", drive="hot0", id="hot0-dev", bus="rp1")
            _, m = g.wait(r"^VIREO-GUEST: disk-added (\S+) size=(\d+)$", 30)
            assert m.group(2) == str(64 * 2048), m.group(0)
            r["added"] = time.monotonic() - t
            t = time.monotonic()
            g.cmd("device_del", id="hot0-dev")
            g.wait(rf"^VIREO-GUEST: disk-removed {m.group(1)}$", 30)
            r["removed"] = time.monotonic() - t
            # blockdev-del only succeeds once the guest has released the device
            for _ in range(100):
                try:
                    g.cmd("blockdev-del", **{"node-name": "hot0"})
                    break
                except RuntimeError:
                    time.sleep(0.1)
            g.cmd("blockdev-del", **{"node-name": "hot0-file"})
        r["powerdown"] = g.powerdown()
        return r
    finally:
        g.kill()


def main():
    out = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    all_names = ["kernel", "disk", "disk-virtio-net", "hotplug"]
    names = [a for a in sys.argv[2:] if a in all_names] or all_names
    for name in names:
        results = []
        for i in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                results.append(run(name, out, tmp))
            print(f"{name} run {i + 1}: " + " ".join(f"{k}={v:.2f}s" for k, v in results[-1].items()), flush=True)
        print(f"{name} median: " + " ".join(
            f"{k}={statistics.median(r[k] for r in results):.2f}s" for k in results[0]), flush=True)


if __name__ == "__main__":
    main()
