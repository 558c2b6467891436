import { describe, expect, it } from 'vitest';
import { DAEMON_CLASS, NODETOOL_LOGBACK_XML, nodetoolJvmArgs, serverJvmArgs, storageDirFlag } from './jvm-args';
import { nodePaths } from './layout';

const paths = nodePaths('/data/cass', 2);

describe('serverJvmArgs', () => {
  const args = serverJvmArgs({
    libDir: '/cache/lib',
    jammJar: '/cache/lib/jamm-0.4.0.jar',
    paths,
    heap: '1G',
    initialHeap: '256M',
    jmxPort: 8000,
  });

  it("runs CassandraDaemon with the node's conf dir ahead of the jars on the classpath", () => {
    expect(args.slice(-3)).toEqual(['-cp', '/data/cass/node2/conf:/cache/lib/*', DAEMON_CLASS]);
  });
  it("points Cassandra at the node's generated config, logs and storage dir", () => {
    expect(args).toContain('-Dcassandra.config=file:///data/cass/node2/conf/cassandra.yaml');
    expect(args).toContain('-Dlogback.configurationFile=file:///data/cass/node2/conf/logback.xml');
    expect(args).toContain('-Dcassandra.logdir=/data/cass/node2/logs');
    expect(args).toContain(storageDirFlag('/data/cass/node2'));
    expect(args).toContain('-XX:ErrorFile=/data/cass/node2/logs/hs_err_pid%p.log');
  });
  it('sets the heap, the JMX port and the jamm agent', () => {
    expect(args).toContain('-Xms256M');
    expect(args).toContain('-Xmx1G');
    expect(args).toContain('-Dcassandra.jmx.local.port=8000');
    expect(args).toContain('-javaagent:/cache/lib/jamm-0.4.0.jar');
  });
  it("carries Java 17's module flags and leaves out the pre-touch of the heap", () => {
    expect(args).toContain('--add-opens=java.base/java.lang=ALL-UNNAMED');
    expect(args).toContain('--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED');
    expect(args).not.toContain('-XX:+AlwaysPreTouch');
  });
});

describe('nodetoolJvmArgs', () => {
  it("asks the node's JMX port on 127.0.0.1, with the arguments last", () => {
    const args = nodetoolJvmArgs({
      libDir: '/cache/lib',
      logbackFile: '/tmp/logback-tools.xml',
      storageDir: '/tmp/cassandra-nodetool',
      jmxPort: 8001,
      args: ['status', '-r'],
    });
    expect(args.slice(0, 3)).toEqual(['-Xmx128m', '-Xss256k', '-XX:+UseSerialGC']);
    expect(args).toContain('-Dlogback.configurationFile=file:///tmp/logback-tools.xml');
    expect(args).toContain(storageDirFlag('/tmp/cassandra-nodetool'));
    expect(args).toContain('--add-opens=java.base/java.lang=ALL-UNNAMED');
    expect(args.slice(-9)).toEqual([
      '-cp',
      '/cache/lib/*',
      'org.apache.cassandra.tools.NodeTool',
      '-h',
      '127.0.0.1',
      '-p',
      '8001',
      'status',
      '-r',
    ]);
  });
  it("keeps nodetool's own logging to warnings on stderr", () => {
    expect(NODETOOL_LOGBACK_XML).toContain('<target>System.err</target>');
    expect(NODETOOL_LOGBACK_XML).toContain('<root level="WARN">');
  });
});
