package dev.kg.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs Neo4j Community embedded, serving Bolt on loopback only.
 *
 * <p>Usage: {@code Neo4jLocal <dataDir> <boltPort> [--exit-on-stdin-close]}. Prints exactly one line starting
 * with {@code NEO4J_READY bolt://} once Bolt accepts connections, and shuts down cleanly on SIGTERM/SIGINT.
 * With {@code --exit-on-stdin-close} it also stops when its parent goes away (stdin reaches EOF), so a killed
 * parent never leaves a JVM behind.
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Neo4jLocal <dataDir> <boltPort> [--exit-on-stdin-close]");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    boolean watchStdin = args.length > 2 && "--exit-on-stdin-close".equals(args[2]);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        // Loopback only, so authentication adds nothing; any credentials are accepted.
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(30))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "neo4j-local-shutdown"));

    // Wait until the default database accepts transactions before announcing readiness.
    var db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    while (!db.isAvailable(1000)) {
      System.err.println("neo4j-local: waiting for the database to become available");
    }
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (watchStdin) {
      Thread watcher = new Thread(() -> {
        try (InputStream in = System.in) {
          while (in.read() != -1) {
            // Nothing is read from the parent; EOF means it has gone.
          }
        } catch (IOException ignored) {
          // A broken pipe means the same thing as EOF.
        }
        System.exit(0);
      }, "neo4j-local-parent-watch");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }
}
