-- Issue 14: the catch-up pass at start writes a record for every chat owed a digest (a million
-- chats: 400,000 pending, 600,000 skipped as too late), and every record went into
-- deliveries_status_due (status, due_at, chat_id, topic_id) whatever its status. The pass writes
-- the records group by group (zone and time), so their due times and chat ids land all over that
-- index: past a few hundred thousand records each batch of 500 dirtied about as many pages of it
-- as it wrote rows, and the checkpoints copying them back (and syncing the file) were most of the
-- pass's time. Every reader of that index asks for pending records only (the sender, the catch-up
-- limit, /health's backlog): an index of the pending records alone serves them, in the same
-- order, and holds only what is still to be sent, so skipped records never enter it and sent ones
-- leave it.
DROP INDEX IF EXISTS deliveries_status_due;
CREATE INDEX deliveries_pending_due ON deliveries(due_at, chat_id, topic_id) WHERE status = 'pending';
