package cn.xiaoneng.console;

import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.DayInfo;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.incident.impact.DayClass;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Writes names into dim_center and dim_department (columns as in migration V004) so that the console and BI tools
 * show 市场监管局 rather than {@code lc}, and each center's working calendar into dim_work_day (V009), which the
 * incident impact views need to skip holidays and 调休 days in their baseline. All three tables are
 * ReplacingMergeTree(updated_at) keyed by the ids (and date), so loading again is an upsert: the newest row wins. The
 * demo loads its simulated center and departments; production loads the center's catalogue the same way.
 */
public final class DimensionLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INSERT_TIMEOUT_SECONDS = 60;

    private final ClickHouseConnection connection;

    public DimensionLoader(ClickHouseConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** A government service center (政务服务中心). */
    public record Center(String centerId, String name, String regionCode) {
        public Center {
            requireText(centerId, "centerId");
            requireText(name, "name");
            regionCode = regionCode == null ? "" : regionCode;
        }
    }

    /** A department stationed in a center (进驻部门) and the departmental system its events come from. */
    public record Department(String centerId, String departmentId, String name, String sourceId) {
        public Department {
            requireText(centerId, "centerId");
            requireText(departmentId, "departmentId");
            requireText(name, "name");
            sourceId = sourceId == null ? "" : sourceId;
        }
    }

    /**
     * Names the centers, and loads each one's working calendar ({@link CenterCalendars#forCenter}: the 国办 notices
     * plus the center's override file) for its published years, so that a center is never in the warehouse without
     * the calendar its incident baselines need.
     */
    public void upsertCenters(List<Center> centers) {
        insert(Tables.DIM_CENTER, centers.stream().map(c -> {
            ObjectNode row = JSON.createObjectNode();
            row.put("center_id", c.centerId());
            row.put("name", c.name());
            row.put("region_code", c.regionCode());
            return row;
        }).toList());
        for (Center c : centers) {
            upsertWorkDays(c.centerId(), CenterCalendars.forCenter(c.centerId()));
        }
    }

    /**
     * Every date of the calendar's published years (1 January of the first to 31 December of the last) into
     * dim_work_day: working or not, {@link DayClass}, the calendar's label. Dates outside fall back to the weekend
     * rule in the views, as in {@link WorkCalendar}. Nothing is written for a calendar without a published year.
     */
    public void upsertWorkDays(String centerId, WorkCalendar calendar) {
        requireText(centerId, "centerId");
        if (calendar.publishedYears().isEmpty()) {
            return;
        }
        int first = calendar.publishedYears().stream().min(Integer::compare).orElseThrow();
        int last = calendar.publishedYears().stream().max(Integer::compare).orElseThrow();
        upsertWorkDays(centerId, calendar, LocalDate.of(first, 1, 1), LocalDate.of(last, 12, 31));
    }

    /** The dates {@code from} … {@code to} (both included) of a calendar into dim_work_day. */
    public void upsertWorkDays(String centerId, WorkCalendar calendar, LocalDate from, LocalDate to) {
        requireText(centerId, "centerId");
        List<ObjectNode> rows = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            DayInfo info = calendar.describe(d);
            ObjectNode row = JSON.createObjectNode();
            row.put("center_id", centerId);
            row.put("day", d.toString());
            row.put("working", info.working() ? 1 : 0);
            row.put("day_class", DayClass.of(calendar, d).name());
            row.put("label", info.label());
            row.put("provisional", info.provisional() ? 1 : 0);
            row.put("calendar_id", calendar.id());
            rows.add(row);
        }
        insert(Tables.DIM_WORK_DAY, rows);
    }

    public void upsertDepartments(List<Department> departments) {
        insert(Tables.DIM_DEPARTMENT, departments.stream().map(d -> {
            ObjectNode row = JSON.createObjectNode();
            row.put("center_id", d.centerId());
            row.put("department_id", d.departmentId());
            row.put("name", d.name());
            row.put("source_id", d.sourceId());
            return row;
        }).toList());
    }

    /** One JSONEachRow insert; updated_at takes its default (now), which makes the newest load win. */
    private void insert(String table, List<ObjectNode> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        try {
            for (ObjectNode row : rows) {
                body.append(JSON.writeValueAsString(row)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode rows for " + table, e);
        }
        try (Client client = connection.newClient();
             InsertResponse ignored = client.insert(table, new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)),
                     ClickHouseFormat.JSONEachRow).get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // inserted synchronously (async_insert=0 on every client from ClickHouseConnection)
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("loading " + rows.size() + " rows into " + connection.database() + "." + table
                    + " at " + connection.endpoint() + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
