CREATE VIEW IF NOT EXISTS test_event_ids AS SELECT event_id FROM test_events;
