-- Customer models: the latest-activity look-up (insights are computed as of it) needs an index on event time.
CREATE INDEX IF NOT EXISTS events_at ON events(at);
