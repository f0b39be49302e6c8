package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.Holder;
import cn.xiaoneng.deadline.engine.StepRow;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.jobs.clickhouse.JsonRow;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.model.Times;

/** Row encoders binding the deadline engine's outputs to their ClickHouse tables (V006). */
public final class DeadlineRows {
    private DeadlineRows() {}

    /** {@code dwd_deadline_card}: the main columns, and the whole card as published ({@code card_json}). */
    public static final class CardRow implements JsonRowEncoder<Card> {
        private static final long serialVersionUID = 1L;
        private final CardCodec codec = new CardCodec();

        @Override
        public void encode(Card c, JsonRow row) {
            Holder h = c.holder != null ? c.holder : new Holder();
            row.put("card_id", c.cardId)
                    .put("status", c.status.name())
                    .put("kind", c.kind.name())
                    .put("kind_label", c.kind.label())
                    .put("qualifier", orEmpty(c.qualifier))
                    .put("instant", Times.format(c.instant))
                    .put("center_id", orEmpty(c.centerId))
                    .put("case_id", c.caseId)
                    .put("item_code", orEmpty(c.itemCode))
                    .put("item_name", orEmpty(c.itemName))
                    .put("case_kind", c.caseKind == null ? "" : c.caseKind.name())
                    .put("department_id", orEmpty(h.departmentId))
                    .put("window_id", orEmpty(h.windowId))
                    .put("handler", orEmpty(h.handler))
                    .put("step_name", orEmpty(h.stepName))
                    .put("due_at", c.due == null ? null : Times.format(c.due));
            if (c.remainingMillis != null) {
                row.put("remaining_ms", c.remainingMillis.longValue());
            }
            row.put("rule_version", orEmpty(c.ruleVersion))
                    .put("clause", orEmpty(c.clause))
                    .put("provisional", c.provisional ? 1 : 0)
                    .put("card_json", codec.encodeToString(c))
                    .put("emitted_at", Times.format(c.instant));
        }
    }

    /** {@code dws_case_clock}: the case's clock and outcome as of the engine's clock. */
    public static final class ClockRow implements JsonRowEncoder<TrackingTable> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(TrackingTable t, JsonRow row) {
            row.put("center_id", orEmpty(t.centerId))
                    .put("case_id", t.caseId)
                    .put("item_code", orEmpty(t.itemCode))
                    .put("item_name", orEmpty(t.itemName))
                    .put("case_kind", t.caseKind == null ? "" : t.caseKind.name())
                    .put("department_id", orEmpty(t.departmentId))
                    .put("window_id", orEmpty(t.windowId))
                    .put("accepted_at", t.accepted == null ? null : Times.format(t.accepted))
                    .put("due_at", t.due == null ? null : Times.format(t.due))
                    .put("limit_text", t.limit == null ? "" : t.limit.toString())
                    .put("limit_basis", t.limitBasis == null ? "" : t.limitBasis.name());
            if (t.usedMillis != null) {
                row.put("used_ms", t.usedMillis.longValue());
            }
            if (t.remainingMillis != null) {
                row.put("remaining_ms", t.remainingMillis.longValue());
            }
            row.put("steps", t.steps == null ? 0 : t.steps.length)
                    .put("outcome", t.outcome == null ? "" : t.outcome.kind.name())
                    .put("closed_at", t.outcome == null ? null : Times.format(t.outcome.closedAt))
                    .put("overdue_ms", t.outcome == null ? 0 : t.outcome.overdueMillis)
                    .put("as_of", Times.format(t.asOf));
        }
    }

    /** {@code dwd_case_step_ledger}: one step of the 跟踪表. */
    public static final class StepLedgerRow implements JsonRowEncoder<LedgerRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(LedgerRow r, JsonRow row) {
            StepRow s = r.step;
            row.put("center_id", orEmpty(r.centerId))
                    .put("case_id", r.caseId)
                    .put("step_key", s.key)
                    .put("step_id", orEmpty(s.stepId))
                    .put("step_name", orEmpty(s.stepName))
                    .put("department_id", orEmpty(s.departmentId))
                    .put("window_id", orEmpty(s.windowId))
                    .put("handler", orEmpty(s.handler))
                    .put("started_at", Times.format(s.started))
                    .put("start_inferred", s.startInferred ? 1 : 0)
                    .put("ended_at", s.ended == null ? null : Times.format(s.ended))
                    .put("result", orEmpty(s.result))
                    .put("used_ms", s.usedMillis)
                    .put("budget", orEmpty(s.budget));
            if (s.budgetMillis != null) {
                row.put("budget_ms", s.budgetMillis.longValue());
            }
            row.put("over_budget_ms", s.overBudgetMillis).put("as_of", Times.format(r.asOf));
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
