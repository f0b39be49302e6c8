package cn.xiaoneng.incident;

/**
 * What kind of sudden event hit the hall (附录C 政务中心应对突发公共事件应急预案). The list follows DOMAIN.md §4: the
 * four national classes of the 2005–06 总体应急预案 (自然灾害, 事故灾难, 公共卫生事件, 社会安全事件), narrowed to what
 * actually happens in a service hall — 网络/业务系统故障 comes first in the Shanghai enterprise standard's list.
 */
public enum IncidentType {
    /** 停电 (a substation or the building's supply; 沈阳出入境, DOMAIN.md §4). */
    POWER_OUTAGE("停电", NationalClass.ACCIDENT),
    /** 网络/业务系统故障, including an upstream provincial platform (佛山高明 行程卡, DOMAIN.md §4). */
    SYSTEM_FAILURE("网络/业务系统故障", NationalClass.ACCIDENT),
    /** 火灾/疏散 (福州: handled by a separate 消防疏散预案, but the hall still records it). */
    FIRE_EVACUATION("火灾/疏散", NationalClass.ACCIDENT),
    /** 电梯/设备故障, also a single window's terminal. */
    EQUIPMENT_FAILURE("电梯/设备故障", NationalClass.ACCIDENT),
    /** 群体性聚集/闹访. */
    CROWD_DISTURBANCE("群体性聚集/闹访", NationalClass.SOCIAL_SECURITY),
    /** 治安事件. */
    PUBLIC_SECURITY("治安事件", NationalClass.SOCIAL_SECURITY),
    /** 公共卫生/传染病. */
    PUBLIC_HEALTH("公共卫生/传染病", NationalClass.PUBLIC_HEALTH),
    /** 服务对象突发疾病/受伤: no service is interrupted, so workaround and restoration targets do not apply by default. */
    VISITOR_ILL_INJURED("服务对象突发疾病/受伤", NationalClass.PUBLIC_HEALTH),
    /** 自然灾害 (flood, ice storm — 湖南 2008). */
    NATURAL_DISASTER("自然灾害", NationalClass.NATURAL_DISASTER);

    /** The four classes of the national 总体应急预案. */
    public enum NationalClass {
        NATURAL_DISASTER("自然灾害"), ACCIDENT("事故灾难"), PUBLIC_HEALTH("公共卫生事件"), SOCIAL_SECURITY("社会安全事件");

        private final String label;

        NationalClass(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String label;
    private final NationalClass nationalClass;

    IncidentType(String label, NationalClass nationalClass) {
        this.label = label;
        this.nationalClass = nationalClass;
    }

    /** The Chinese name users read. */
    public String label() {
        return label;
    }

    public NationalClass nationalClass() {
        return nationalClass;
    }

    /** Parses the enum name; the error lists the known names. */
    public static IncidentType parse(String name) {
        try {
            return valueOf(name.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' is not an incident type (" + java.util.Arrays.toString(values()) + ")");
        }
    }
}
