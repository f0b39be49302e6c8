package cn.xiaoneng.app;

import cn.xiaoneng.console.ConsoleServer;
import cn.xiaoneng.console.DimensionLoader;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import java.util.List;

/** Starts the console for the demo, after loading the simulated center and departments into the dimensions. */
final class ConsoleLauncher {
    static final String DEMO_CENTER = "hn-cs-zwzx";
    private final ConsoleServer server;

    private ConsoleLauncher(ConsoleServer server) {
        this.server = server;
    }

    static ConsoleLauncher start(ClickHouseConnection ch, int port, List<Department> departments) {
        DimensionLoader dims = new DimensionLoader(ch);
        dims.upsertCenters(List.of(new DimensionLoader.Center(DEMO_CENTER, "长沙市政务服务中心（模拟）", "430100")));
        dims.upsertDepartments(departments.stream()
                .map(d -> new DimensionLoader.Department(DEMO_CENTER, d.departmentId(), d.name(), d.sourceId()))
                .toList());
        return new ConsoleLauncher(ConsoleServer.start(ch, port));
    }

    String url() {
        return server.url();
    }

    void stop() {
        server.stop();
    }
}
