"""Minimal qemu-guest-agent client for benchmarks (standard library only).

Usage: qga.py SOCKET -- CMD ARGS...   runs CMD in the guest, prints its stdout, exits with
its exit code; stderr gets the wall-clock seconds of the guest command, as seen from here.
"""
import base64, json, random, socket, sys, time


def main():
    sock = sys.argv[1]
    argv = sys.argv[sys.argv.index("--") + 1:]
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock)
    buf = b""

    def line():
        nonlocal buf
        while b"\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                raise SystemExit("agent channel closed")
            buf += chunk
        l, buf = buf.split(b"\n", 1)
        return json.loads(l.lstrip(b"\xff"))

    i = random.randint(1, 1 << 30)
    s.sendall(b"\xff" + json.dumps({"execute": "guest-sync-delimited", "arguments": {"id": i}}).encode() + b"\n")
    while line().get("return") != i:
        pass

    def call(c, a):
        s.sendall(json.dumps({"execute": c, "arguments": a}).encode() + b"\n")
        r = line()
        if "error" in r:
            raise SystemExit(r["error"].get("desc"))
        return r["return"]

    t0 = time.monotonic()
    pid = call("guest-exec", {"path": argv[0], "arg": argv[1:], "capture-output": True})["pid"]
    w = 0.001
    while True:
        st = call("guest-exec-status", {"pid": pid})
        if st["exited"]:
            break
        time.sleep(w)
        w = min(w * 2, 0.05)
    sys.stderr.write("%.3f\n" % (time.monotonic() - t0))
    sys.stdout.write(base64.b64decode(st.get("out-data", "")).decode(errors="replace"))
    sys.exit(st.get("exitcode", 1))


main()
