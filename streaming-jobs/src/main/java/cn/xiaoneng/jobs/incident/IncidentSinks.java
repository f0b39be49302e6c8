package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the incident job's outputs go: Kafka and ClickHouse in production, collecting sinks in tests. */
public interface IncidentSinks {
    /** Facts the job produced (mapped from the operations log, written by the detectors): to the incident facts topic. */
    void newFacts(DataStream<IncidentFact> facts);

    /** Operations-log records that could not be mapped, with their reasons. */
    void deadLetters(DataStream<DeadLetter> deadLetters);

    /** Incident cards, raised and retracted, in the order the tracker emitted them per incident. */
    void cards(DataStream<IncidentCard> cards);

    /** Each incident after every change. */
    void incidents(DataStream<IncidentRow> incidents);

    /** Each fact the first time it changed an incident's timeline. */
    void timeline(DataStream<IncidentFact> facts);

    /** The plan-deadline checks after every change of a timeline. */
    void checks(DataStream<PlanCheckRow> checks);

    /** Declared pauses as SUSPENDED/RESUMED canonical events for the affected open cases. */
    void pauseEvents(DataStream<CaseEvent> events);
}
