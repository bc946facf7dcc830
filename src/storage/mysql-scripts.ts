/**
 * The shell scripts of the replicated MySQL StatefulSet (from the Kubernetes "Run a Replicated
 * Stateful Application" tutorial, as the workshop ships them). Peers are addressed as
 * `<name>-<ordinal>.<service>`, so the names are parameters.
 */

/** @internal init-mysql: writes server-id.cnf from the pod ordinal and copies the primary or replica config. */
export function initMysqlScript(): string {
  return `set -ex
# Generate mysql server-id from pod ordinal index.
[[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1
ordinal=\${BASH_REMATCH[1]}
echo [mysqld] > /mnt/conf.d/server-id.cnf
# Add an offset to avoid reserved server-id=0 value.
echo server-id=$((100 + $ordinal)) >> /mnt/conf.d/server-id.cnf
# Copy appropriate conf.d files from config-map to emptyDir.
if [[ $ordinal -eq 0 ]]; then
  cp /mnt/config-map/primary.cnf /mnt/conf.d/
else
  cp /mnt/config-map/replica.cnf /mnt/conf.d/
fi
`;
}

/** @internal clone-mysql: clones the data of the previous peer with xtrabackup (not on the primary). */
export function cloneMysqlScript(name: string, service: string): string {
  return `set -ex
# Skip the clone if data already exists.
[[ -d /var/lib/mysql/mysql ]] && exit 0
# Skip the clone on primary (ordinal index 0).
[[ \`hostname\` =~ -([0-9]+)$ ]] || exit 1
ordinal=\${BASH_REMATCH[1]}
[[ $ordinal -eq 0 ]] && exit 0
# Clone data from previous peer.
ncat --recv-only ${name}-$(($ordinal-1)).${service} 3307 | xbstream -x -C /var/lib/mysql
# Prepare the backup.
xtrabackup --prepare --target-dir=/var/lib/mysql
`;
}

/**
 * @internal xtrabackup sidecar: starts replication from the clone position and serves backups to peers
 * on 3307. With `passwordEnv`, root's password is in that environment variable (the mysql
 * client reads `MYSQL_PWD` itself; replication and xtrabackup are given it). With `user`, the
 * mysql client connects as that user: a client run by a user other than root (the hardened
 * profile's) would otherwise log in as its operating-system user.
 */
export function xtrabackupScript(name: string, service: string, passwordEnv?: string, user?: string): string {
  const masterPassword = passwordEnv === undefined ? '' : `\${${passwordEnv}}`;
  const client = user === undefined ? 'mysql -h 127.0.0.1' : `mysql -h 127.0.0.1 -u ${user}`;
  // Escaped so that the shell ncat starts reads the variable, whatever characters it holds.
  const backupPassword = passwordEnv === undefined ? '' : ' --password=\\"\\$' + passwordEnv + '\\"';
  return `set -ex
cd /var/lib/mysql

# Determine binlog position of cloned data, if any.
if [[ -f xtrabackup_slave_info && "x$(<xtrabackup_slave_info)" != "x" ]]; then
  # XtraBackup already generated a partial "CHANGE MASTER TO" query
  # because we're cloning from an existing replica. (Need to remove the tailing semicolon!)
  cat xtrabackup_slave_info | sed -E 's/;$//g' > change_master_to.sql.in
  # Ignore xtrabackup_binlog_info in this case (it's useless).
  rm -f xtrabackup_slave_info xtrabackup_binlog_info
elif [[ -f xtrabackup_binlog_info ]]; then
  # We're cloning directly from primary. Parse binlog position.
  [[ \`cat xtrabackup_binlog_info\` =~ ^(.*?)[[:space:]]+(.*?)$ ]] || exit 1
  rm -f xtrabackup_binlog_info xtrabackup_slave_info
  echo "CHANGE MASTER TO MASTER_LOG_FILE='\${BASH_REMATCH[1]}',\\
        MASTER_LOG_POS=\${BASH_REMATCH[2]}" > change_master_to.sql.in
fi

# Check if we need to complete a clone by starting replication.
if [[ -f change_master_to.sql.in ]]; then
  echo "Waiting for mysqld to be ready (accepting connections)"
  until ${client} -e "SELECT 1"; do sleep 1; done

  echo "Initializing replication from clone position"
  ${client} \\
        -e "$(<change_master_to.sql.in), \\
                MASTER_HOST='${name}-0.${service}', \\
                MASTER_USER='root', \\
                MASTER_PASSWORD='${masterPassword}', \\
                MASTER_CONNECT_RETRY=10; \\
              START SLAVE;" || exit 1
  # In case of container restart, attempt this at-most-once.
  mv change_master_to.sql.in change_master_to.sql.orig
fi

# Start a server to send backups when requested by peers.
exec ncat --listen --keep-open --send-only --max-conns=1 3307 -c \\
  "xtrabackup --backup --slave-info --stream=xbstream --host=127.0.0.1 --user=root${backupPassword}"
`;
}

/**
 * @internal A command that passes while something listens on TCP `port` in the pod, read from
 * `/proc/net/tcp` and `/proc/net/tcp6` without connecting: a connection to the xtrabackup
 * sidecar's port starts a backup and takes ncat's only connection slot, which a cloning peer needs.
 */
export function listenerCheck(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['bash', '-c', 'for f in /proc/net/tcp /proc/net/tcp6; do [[ -r $f ]] || continue; while read -r _ local _ state _; do '
    + `[[ $local == *:${hex} && $state == 0A ]] && exit 0; done < "$f"; done; exit 1`];
}
