package io.pqcfhe.launcher.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.pqcfhe.launcher.cluster.state.FheStateMaps;
import io.pqcfhe.launcher.config.ClusterSettings;
import io.pqcfhe.launcher.config.InvalidSettingException;
import io.pqcfhe.launcher.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Hazelcast configuration of a node: the operator's XML file or the built-in {@code conf/cluster.xml},
 * then the {@code cluster.*} settings over it. Multicast and auto-detection stay off whatever the file says:
 * members are only those the operator lists. The FHE state maps keep what the store relies on whatever the file
 * says ({@link #enforceStateMaps}).
 */
public final class HazelcastConfigs {
  /** The built-in configuration, copied from {@code conf/cluster.xml} at build time. */
  static final String BUILT_IN = "cluster.xml";
  /** Synchronous backups of each FHE state entry at least: one member may die without losing any. */
  static final int MIN_STATE_BACKUPS = 1;
  /** Hazelcast's limit on synchronous and asynchronous backups together. */
  private static final int MAX_BACKUPS = 6;

  private HazelcastConfigs() {}

  public static Config of(ClusterSettings settings) {
    Config config = settings.hazelcastConfig().map(HazelcastConfigs::readFile).orElseGet(HazelcastConfigs::builtIn);
    config.setClusterName(settings.name());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port());
    network.getInterfaces().setEnabled(true).clear().addInterface(address(settings.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).clear();
    settings.members().forEach(join.getTcpIpConfig()::addMember);
    enforceStateMaps(config, settings.stateTimeToLive());
    return config;
  }

  /**
   * What the FHE state maps must be for the store to be right, over any file: at least
   * {@value #MIN_STATE_BACKUPS} synchronous backup (a write has reached another member when it returns, so a
   * worker's death loses nothing it acknowledged); values kept serialized (compare-and-set compares bytes); no
   * eviction and no idle expiry (an entry of a live session never disappears: the quotas bound the memory); and
   * a time to live no session outlives, so that the state of sessions whose gateway died without ending them
   * does not stay forever. Reading from backups is off: a compare-and-set loop must see the owner's value.
   */
  static void enforceStateMaps(Config config, Duration timeToLive) {
    int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeToLive.toSeconds()));
    for (String name : FheStateMaps.NAMES) {
      durable(config.getMapConfig(name)).setTimeToLiveSeconds(seconds);
    }
    // The state key's check value lives as long as the cluster (ClusterStateKey#verifyAgainst).
    durable(config.getMapConfig(ClusterStateKey.CHECK_MAP)).setTimeToLiveSeconds(0);
  }

  private static MapConfig durable(MapConfig map) {
    if (map.getBackupCount() < MIN_STATE_BACKUPS) {
      map.setAsyncBackupCount(Math.min(map.getAsyncBackupCount(), MAX_BACKUPS - MIN_STATE_BACKUPS));
      map.setBackupCount(MIN_STATE_BACKUPS);
    }
    map.setInMemoryFormat(InMemoryFormat.BINARY);
    map.getEvictionConfig().setEvictionPolicy(EvictionPolicy.NONE);
    map.setMaxIdleSeconds(0);
    map.setReadBackupData(false);
    return map;
  }

  /** Hazelcast binds interfaces by IP address; a host name is resolved once, here. */
  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new InvalidSettingException(Setting.CLUSTER_HOST, "unknown host: " + host);
    }
  }

  private static Config readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidSettingException(Setting.CLUSTER_CONFIG, "file not found: " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new InvalidSettingException(Setting.CLUSTER_CONFIG, "cannot read " + file + ": "
          + e.getClass().getSimpleName());
    } catch (InvalidConfigurationException e) {
      throw new InvalidSettingException(Setting.CLUSTER_CONFIG, "not a valid Hazelcast XML configuration: " + file);
    }
  }

  private static Config builtIn() {
    try (InputStream in = HazelcastConfigs.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the launcher was built without " + BUILT_IN);
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
    }
  }
}
