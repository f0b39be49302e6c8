package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.IncidentPlans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The centers' emergency plans from a directory of {@code <center>.properties} files (the job's
 * {@code incident.plan.dir}); a center without a file there gets {@link IncidentPlan#forCenter} (the class path, else
 * the built-in plan). {@link #validated} parses every file at start-up, so a bad plan stops the job naming the file, the
 * line and the key before any card is computed with it.
 */
final class PlanDirectory implements IncidentPlans {
    private static final long serialVersionUID = 1L;
    private final String dir;
    private transient Map<String, IncidentPlan> cache;

    private PlanDirectory(String dir) {
        this.dir = dir;
    }

    /** @throws IllegalArgumentException naming {@code source}, {@code key} and the plan file's own error */
    static PlanDirectory validated(Path dir, String source, String key) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(source + ": " + key + ": '" + dir + "' is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted()::iterator) {
                IncidentPlan plan;
                try {
                    plan = IncidentPlan.load(f);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(source + ": " + key + ": " + e.getMessage(), e);
                }
                String name = f.getFileName().toString();
                String center = name.substring(0, name.length() - ".properties".length());
                if (!plan.center().equals(center)) {
                    throw new IllegalArgumentException(source + ": " + key + ": " + f + " is named for center '" + center + "' but says center = "
                            + plan.center());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + key + ": cannot list '" + dir + "': " + e.getMessage(), e);
        }
        return new PlanDirectory(dir.toString());
    }

    @Override
    public IncidentPlan forCenter(String centerId) {
        Map<String, IncidentPlan> c = cache;
        if (c == null) {
            c = new ConcurrentHashMap<>();
            cache = c;
        }
        return c.computeIfAbsent(centerId == null ? "" : centerId, id -> {
            Path f = Path.of(dir, (id.isEmpty() ? "_" : id) + ".properties");
            boolean plainId = id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") && !id.contains("..");
            return plainId && Files.isRegularFile(f) ? IncidentPlan.load(f) : IncidentPlan.forCenter(id);
        });
    }
}
