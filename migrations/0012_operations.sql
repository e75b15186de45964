-- Running it on a server: webhook updates, the generated webhook secret, alert cool-downs.

-- Telegram redelivers a webhook update it got no 2xx for: each update_id is handled once. The
-- update is kept (body) until handled, so one accepted just before a crash is handled at the next
-- start; handled rows are forgotten after a day (Telegram keeps an update at most 24 hours).
CREATE TABLE webhook_updates (
  update_id    INTEGER PRIMARY KEY,
  received_at  INTEGER NOT NULL,
  body         TEXT,                -- the update as received; NULL once handled
  handled_at   INTEGER
);
CREATE INDEX webhook_updates_unhandled ON webhook_updates(update_id) WHERE handled_at IS NULL;
CREATE INDEX webhook_updates_received ON webhook_updates(received_at);

-- Small named values of the running service: the generated webhook secret, the health probe.
CREATE TABLE ops_state (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Alerts to the admins: when each cause (e.g. 'feed-failing:BBC News Asia') last alerted, so
-- that a cause alerts at most once an hour, across restarts.
CREATE TABLE alerts (
  cause         TEXT PRIMARY KEY,
  last_sent_at  INTEGER NOT NULL,
  message       TEXT NOT NULL
);

-- /healthz, /metrics and /stats count today's finished digests every scrape.
CREATE INDEX deliveries_updated ON deliveries(updated_at);
