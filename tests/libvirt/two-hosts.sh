#!/bin/bash
# Two independent libvirt "hosts" on this machine, for the remote and migration tests and
# benchmarks (root only): network namespaces vlh1/vlh2 at 10.77.0.1/.2 on a bridge
# (10.77.0.254), each with its own /etc/libvirt, /run/libvirt, /var/lib/libvirt,
# /var/log/libvirt, /etc/hosts, hostname and host UUID, running virtlogd and
# `libvirtd --listen` (tcp, auth_tcp="none": for tests only) and a "default" dir pool.
#
#   two-hosts.sh up STATE_DIR        build both (tears down a previous run first)
#   two-hosts.sh down STATE_DIR      end every process and remove every interface
#   two-hosts.sh stop-daemon STATE_DIR N / start-daemon STATE_DIR N
#                                    end / start host N's libvirtd (guests keep running)
#   two-hosts.sh sshd STATE_DIR N AUTHORIZED_KEYS
#                                    an ssh server on host N (dropbear, that key only)
#   two-hosts.sh sasl STATE_DIR N USER < PASSWORD
#                                    host N's libvirtd asks for a SASL login
#   two-hosts.sh tls STATE_DIR N     host N's libvirtd also listens for TLS (port 16514) with
#                                    a certificate of a test CA; the client's certificate,
#                                    key and the CA are left in STATE_DIR/pki-N (pkipath=)
set -euo pipefail

cmd=${1:?usage: two-hosts.sh up|down|stop-daemon|start-daemon STATE_DIR [N]}
state=${2:?STATE_DIR missing}
bridge=vlbr0

host_dir() { echo "$state/h$1"; }

write_config() {
  local n=$1 dir
  dir=$(host_dir "$n")
  mkdir -p "$dir/etc" "$dir/run" "$dir/lib/images" "$dir/log/qemu"
  # The whole file: libvirt takes the first occurrence of a key.
  cat > "$dir/etc/libvirtd.conf" <<CONF
listen_tls = 0
listen_tcp = 1
listen_addr = "10.77.0.$n"
auth_tcp = "none"
auth_unix_rw = "none"
host_uuid = "00000000-0000-4000-8000-00000000077$n"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
keepalive_interval = 2
CONF
  cat > "$dir/etc/qemu.conf" <<CONF
security_driver = "none"
user = "root"
group = "root"
dynamic_ownership = 0
cgroup_controllers = [ ]
migration_port_min = 49152
migration_port_max = 49215
CONF
  : > "$dir/etc/virtlogd.conf"
  printf '127.0.0.1 localhost\n10.77.0.1 vh1\n10.77.0.2 vh2\n' > "$dir/hosts"
}

# Runs the shell script $2 as host $1: its network and mount namespaces and hostname, with
# its folders bound over libvirt's (`ip netns exec` gives a private mount namespace, so the
# binds are this host's own). Further arguments are the script's $3, $4, ...
as_host() {
  local n=$1 script=$2 dir
  shift 2
  dir=$(host_dir "$n")
  ip netns exec "vlh$n" unshare --uts sh -c '
    set -e
    hostname "vh$1"
    mount --bind "$2/etc" /etc/libvirt
    mount --bind "$2/run" /run/libvirt
    mount --bind "$2/lib" /var/lib/libvirt
    mount --bind "$2/log" /var/log/libvirt
    mount --bind "$2/hosts" /etc/hosts
    [ ! -d "$2/sasl2" ] || mount --bind "$2/sasl2" /etc/sasl2
    shift 2
    '"$script" sh "$n" "$dir" "$@"
}

start_daemon() {
  local n=$1
  rm -f "$(host_dir "$n")/run/libvirtd.pid"
  as_host "$n" '
    [ -f /run/libvirt/virtlogd.pid ] && kill -0 "$(cat /run/libvirt/virtlogd.pid)" 2>/dev/null ||
      virtlogd -d -p /run/libvirt/virtlogd.pid
    libvirtd -d --listen -p /run/libvirt/libvirtd.pid'
  # Listening (a SASL host answers virsh only after a login).
  local i=0
  until (exec 3<>"/dev/tcp/10.77.0.$n/16509") 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "libvirtd of host $n did not come up" >&2; exit 1; }
    sleep 0.1
  done
}

# Host N's libvirtd asks for a SASL login (DIGEST-MD5) as USER with the password read
# from stdin, instead of letting anyone in; restarted (its guests keep running). Over
# plain tcp libvirt wants a SASL security layer (SSF >= 56): DIGEST-MD5 gives one, SCRAM not.
enable_sasl() {
  local n=$1 user=$2 dir
  dir=$(host_dir "$n")
  mkdir -p "$dir/sasl2"
  printf 'mech_list: digest-md5\nsasldb_path: /etc/libvirt/passwd.db\n' > "$dir/sasl2/libvirt.conf"
  # The realm is the host's own name (libvirtd runs with hostname vhN).
  saslpasswd2 -p -c -a libvirt -u "vh$n" -f "$dir/etc/passwd.db" "$user"
  sed -i 's/^auth_tcp = .*/auth_tcp = "sasl"/' "$dir/etc/libvirtd.conf"
  stop_daemon "$n"
  start_daemon "$n"
}

# An ssh server (dropbear) on host N's port 22 that lets in the key AUTHORIZED (root,
# key only); it logs each login to STATE_DIR/hN/ssh.log.
start_sshd() {
  local n=$1 authorized=$2 dir
  dir=$(host_dir "$n")
  # dropbear reads root's ~/.ssh: a folder of the test's own is bound there, on a mount
  # point made (and removed again by `down`) only when root has none.
  [ -d /root/.ssh ] || { mkdir /root/.ssh && : > "$state/made-root-ssh"; }
  mkdir -p "$dir/ssh"
  chmod 700 "$dir/ssh"
  cp "$authorized" "$dir/ssh/authorized_keys"
  chmod 600 "$dir/ssh/authorized_keys"
  [ -f "$dir/hostkey" ] || dropbearkey -t ed25519 -f "$dir/hostkey" >/dev/null 2>&1
  as_host "$n" '
    mount --bind "$1/ssh" /root/.ssh
    dropbear -F -E -s -r "$1/hostkey" -p "10.77.0.$2:22" -P "$1/run/dropbear.pid" 2>>"$1/ssh.log" &' "$dir" "$n"
  local i=0
  until [ -f "$dir/run/dropbear.pid" ]; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "dropbear of host $n did not come up" >&2; exit 1; }
    sleep 0.05
  done
}

# A test CA, a server certificate for host N (its address and name) and a client one, all
# ECDSA P-256 (quick to make); libvirtd restarted with TLS on beside tcp.
enable_tls() {
  local n=$1 dir ca pki
  dir=$(host_dir "$n")
  ca="$state/ca"
  pki="$state/pki-$n"
  mkdir -p "$ca" "$pki" "$dir/etc/pki"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  [ -f "$ca/cacert.pem" ] ||
    openssl req -x509 "${ec[@]}" -keyout "$ca/ca.key" -out "$ca/cacert.pem" -days 2 \
      -subj "/CN=Vireo test CA" 2>/dev/null
  sign() { # CSR-KEY CERT SUBJECT EXTENSIONS
    openssl req "${ec[@]}" -keyout "$1" -out "$1.csr" -subj "$3" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$ca/cacert.pem" -CAkey "$ca/ca.key" -CAcreateserial \
      -out "$2" -days 2 -extfile <(printf '%b' "$4") 2>/dev/null
    rm -f "$1.csr"
  }
  sign "$dir/etc/pki/serverkey.pem" "$dir/etc/pki/servercert.pem" "/CN=vh$n" \
    "subjectAltName=IP:10.77.0.$n,DNS:vh$n\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment"
  sign "$pki/clientkey.pem" "$pki/clientcert.pem" "/CN=vireo-test" \
    "extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment"
  cp "$ca/cacert.pem" "$dir/etc/pki/cacert.pem"
  cp "$ca/cacert.pem" "$pki/cacert.pem"
  sed -i 's/^listen_tls = .*/listen_tls = 1/' "$dir/etc/libvirtd.conf"
  grep -q '^key_file' "$dir/etc/libvirtd.conf" || cat >> "$dir/etc/libvirtd.conf" <<CONF
key_file = "/etc/libvirt/pki/serverkey.pem"
cert_file = "/etc/libvirt/pki/servercert.pem"
ca_file = "/etc/libvirt/pki/cacert.pem"
CONF
  stop_daemon "$n"
  start_daemon "$n"
  local i=0
  until (exec 3<>"/dev/tcp/10.77.0.$n/16514") 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "libvirtd of host $n does not listen for TLS" >&2; exit 1; }
    sleep 0.1
  done
}

stop_daemon() {
  local pidfile
  pidfile="$(host_dir "$1")/run/libvirtd.pid"
  [ -f "$pidfile" ] || return 0
  kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

down() {
  for n in 1 2; do
    if ip netns list | grep -qw "vlh$n"; then
      # Every process of the host (daemons, QEMU), by pid: namespace teardown is lazy.
      for pid in $(ip netns pids "vlh$n"); do kill -9 "$pid" 2>/dev/null || true; done
      ip link del "vlv$n" 2>/dev/null || true
      ip netns del "vlh$n"
    fi
  done
  ip link del "$bridge" 2>/dev/null || true
  [ ! -f "$state/made-root-ssh" ] || rmdir /root/.ssh 2>/dev/null || true
  rm -rf "$state"
}

up() {
  down
  mkdir -p "$state" /run/libvirt /var/lib/libvirt /var/log/libvirt /etc/libvirt /etc/sasl2
  # libvirt's QEMU driver resolves its built-in default user before it reads qemu.conf:
  # without libvirt-daemon-system (which makes it) the driver does not start at all.
  getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
  getent passwd libvirt-qemu >/dev/null ||
    useradd --system --gid libvirt-qemu --no-create-home --home-dir /var/lib/libvirt \
      --shell /usr/sbin/nologin libvirt-qemu
  # libvirt re-probes QEMU on every call when /dev/kvm is not root:kvm 0660.
  if [ -c /dev/kvm ] && getent group kvm >/dev/null; then chgrp kvm /dev/kvm; chmod 0660 /dev/kvm; fi
  ip link add "$bridge" type bridge
  ip addr add 10.77.0.254/24 dev "$bridge"
  ip link set "$bridge" up
  for n in 1 2; do
    ip netns add "vlh$n"
    ip link add "vlv$n" type veth peer name eth0 netns "vlh$n"
    ip link set "vlv$n" master "$bridge" up
    ip -n "vlh$n" addr add "10.77.0.$n/24" dev eth0
    ip -n "vlh$n" link set eth0 up
    ip -n "vlh$n" link set lo up
    write_config "$n"
    start_daemon "$n"
    virsh -q -c "qemu+tcp://10.77.0.$n/system" pool-define-as default dir --target /var/lib/libvirt/images >/dev/null
    virsh -q -c "qemu+tcp://10.77.0.$n/system" pool-start default >/dev/null
  done
}

case $cmd in
  up) up ;;
  down) down ;;
  stop-daemon) stop_daemon "${3:?N}" ;;
  start-daemon) start_daemon "${3:?N}" ;;
  sshd) start_sshd "${3:?N}" "${4:?AUTHORIZED_KEYS}" ;;
  sasl) enable_sasl "${3:?N}" "${4:?USER}" ;;
  tls) enable_tls "${3:?N}" ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
