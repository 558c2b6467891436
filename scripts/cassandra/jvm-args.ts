/**
 * The `java` command lines of a Cassandra node and of nodetool: the flags of Cassandra's own bin/cassandra,
 * conf/cassandra-env.sh and conf/jvm*-server.options, written out, since we run the jars without the tarball's
 * scripts. Pure (unit-tested in jvm-args.test.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodePaths } from './layout';

export const DAEMON_CLASS = 'org.apache.cassandra.service.CassandraDaemon';
const NODETOOL_CLASS = 'org.apache.cassandra.tools.NodeTool';

/** JPMS flags of Cassandra 5.0's conf/jvm17-server.options (harmless on 11). */
const JPMS_FLAGS: readonly string[] = [
  '-Djdk.attach.allowAttachSelf=true',
  ...[
    'java.base/jdk.internal.misc',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi',
    'java.rmi/sun.rmi.registry',
    'java.rmi/sun.rmi.server',
    'java.sql/java.sql',
    'java.base/java.lang.ref',
    'jdk.unsupported/sun.misc',
    'jdk.compiler/com.sun.tools.javac.file',
    'jdk.attach/sun.tools.attach',
  ].map((m) => `--add-exports=${m}=ALL-UNNAMED`),
  ...[
    'java.base/java.lang.module',
    'java.base/jdk.internal.loader',
    'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect',
    'java.base/jdk.internal.math',
    'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar',
    'jdk.management/com.sun.management.internal',
    'java.base/sun.nio.ch',
    'java.base/java.io',
    'java.base/java.lang.reflect',
    'jdk.compiler/com.sun.tools.javac',
    'java.base/java.lang',
    'java.base/java.util',
  ].map((m) => `--add-opens=${m}=ALL-UNNAMED`),
];

/** `-Dcassandra.storagedir=<node dir>`: also how isOurNode recognises this node's JVM in /proc/<pid>/cmdline. */
export const storageDirFlag = (nodeDir: string): string => `-Dcassandra.storagedir=${nodeDir}`;

export function serverJvmArgs(p: {
  libDir: string;
  jammJar: string;
  paths: Pick<NodePaths, 'dir' | 'conf' | 'logs' | 'yamlFile' | 'logbackFile'>;
  heap: string;
  initialHeap: string;
  jmxPort: number;
}): string[] {
  return [
    // conf/jvm-server.options (minus -XX:+AlwaysPreTouch, so RSS reflects use, and heap dumps)
    '-ea',
    '-da:net.openhft...',
    '-XX:+UseThreadPriorities',
    '-Xss256k',
    '-XX:+UseTLAB',
    '-XX:+ResizeTLAB',
    '-XX:+PerfDisableSharedMem',
    '-Djava.net.preferIPv4Stack=true',
    `-Xms${p.initialHeap}`,
    `-Xmx${p.heap}`,
    '-XX:+ExitOnOutOfMemoryError',
    `-XX:ErrorFile=${path.join(p.paths.logs, 'hs_err_pid%p.log')}`,
    // conf/jvm17-server.options
    '-XX:+UseG1GC',
    '-XX:+ParallelRefProcEnabled',
    '-XX:MaxTenuringThreshold=1',
    '-XX:G1RSetUpdatingPauseTimePercent=5',
    '-XX:MaxGCPauseMillis=300',
    '-XX:InitiatingHeapOccupancyPercent=70',
    ...JPMS_FLAGS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dio.netty.allocator.useCacheForAllThreads=true',
    '-Dio.netty.allocator.maxOrder=11',
    // bin/cassandra + conf/cassandra-env.sh (local JMX, no auth)
    `-javaagent:${p.jammJar}`,
    `-Dcassandra.jmx.local.port=${p.jmxPort}`,
    '-XX:+DisableExplicitGC',
    `-Dcassandra.config=${pathToFileURL(p.paths.yamlFile).href}`,
    `-Dlogback.configurationFile=${pathToFileURL(p.paths.logbackFile).href}`,
    `-Dcassandra.logdir=${p.paths.logs}`,
    storageDirFlag(p.paths.dir),
    '-Dcassandra-foreground=yes',
    // dev start-up speed
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.ring_delay_ms=1000',
    '-cp',
    `${p.paths.conf}${path.delimiter}${path.join(p.libDir, '*')}`,
    DAEMON_CLASS,
  ];
}

/** nodetool's own logging: warnings only, to stderr (without a config logback prints DEBUG to the console). */
export const NODETOOL_LOGBACK_XML =
  `<configuration><appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>` +
  `<encoder><pattern>%-5level %logger{0} - %msg%n</pattern></encoder></appender>` +
  `<root level="WARN"><appender-ref ref="STDERR"/></root></configuration>\n`;

/** `NodeTool -h 127.0.0.1 -p <jmxPort> <args…>` in a small JVM (JMX is on 127.0.0.1 whatever the node's address). */
export function nodetoolJvmArgs(p: {
  libDir: string;
  logbackFile: string;
  /** -Dcassandra.storagedir, which bin/nodetool sets too; a scratch dir will do. */
  storageDir: string;
  jmxPort: number;
  args: readonly string[];
}): string[] {
  return [
    '-Xmx128m',
    '-Xss256k',
    '-XX:+UseSerialGC',
    '-Djava.net.preferIPv4Stack=true',
    ...JPMS_FLAGS,
    storageDirFlag(p.storageDir),
    `-Dlogback.configurationFile=${pathToFileURL(p.logbackFile).href}`,
    '-cp',
    path.join(p.libDir, '*'),
    NODETOOL_CLASS,
    '-h',
    '127.0.0.1',
    '-p',
    String(p.jmxPort),
    ...p.args,
  ];
}
