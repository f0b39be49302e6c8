package cn.xiaoneng.ingestion.mapping;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;

/** The mapping of one departmental system (one file in {@code mappings/}). */
public final class SourceMapping implements Serializable {
    private static final long serialVersionUID = 1L;
    final String file;
    final String sourceId;
    final String description;
    final String centerId;
    final String departmentId;
    final ZoneId zone;
    /** Qualified table name ({@code schema.table} or {@code db.table}) to its mapping. */
    final Map<String, TableMapping> tables;

    SourceMapping(String file, String sourceId, String description, String centerId, String departmentId, ZoneId zone, Map<String, TableMapping> tables) {
        this.file = file;
        this.sourceId = sourceId;
        this.description = description;
        this.centerId = centerId;
        this.departmentId = departmentId;
        this.zone = zone;
        this.tables = tables;
    }

    public String sourceId() {
        return sourceId;
    }

    /** The center this source belongs to. */
    public String centerId() {
        return centerId;
    }

    /** The department whose system this is (the silence detector's department for the source). */
    public String departmentId() {
        return departmentId;
    }

    public String description() {
        return description;
    }

    public String file() {
        return file;
    }

    public java.util.Set<String> tableNames() {
        return tables.keySet();
    }
}
