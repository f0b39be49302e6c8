package cn.xiaoneng.app;

import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.MigrationReport;
import cn.xiaoneng.warehouse.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies the warehouse migrations to a ClickHouse server or cluster (production uses this; the demo does it itself). */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the ClickHouse migrations of warehouse-schema.")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--clickhouse-url", required = true, description = "HTTP endpoint, e.g. http://127.0.0.1:8123")
    String url;

    @Option(names = "--user", defaultValue = "default")
    String user;

    @Option(names = "--password-env", description = "name of the environment variable holding the password")
    String passwordEnv;

    @Option(names = "--database", defaultValue = ClickHouseConnection.DEFAULT_DATABASE)
    String database;

    @Override
    public Integer call() {
        String password = passwordEnv == null ? "" : System.getenv().getOrDefault(passwordEnv, "");
        MigrationReport report = new Migrator(ClickHouseConnection.builder(url).username(user).password(password).database(database).build()).migrate();
        System.out.println(report);
        return 0;
    }
}
