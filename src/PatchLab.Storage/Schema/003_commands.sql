-- Run Command (issue 5): SendCommand's stored request fields, rate-controlled dispatch, cancel delivery.
ALTER TABLE commands ADD COLUMN output_s3_region TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN output_s3_bucket_name TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN output_s3_key_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN notification_arn TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN notification_events_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE commands ADD COLUMN notification_type TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN cloudwatch_log_group_name TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN cloudwatch_output_enabled INTEGER NOT NULL DEFAULT 0;

-- An invocation the dispatcher has not started yet (MaxConcurrency ramp) has dispatched=0; the agent never sees it.
-- Rows written before this migration, and window-task commands, are dispatched at creation (default 1).
ALTER TABLE invocations ADD COLUMN dispatched INTEGER NOT NULL DEFAULT 1;
-- CancelCommand on a delivered invocation: a Cancel message goes to the agent until it acknowledges it.
ALTER TABLE invocations ADD COLUMN cancel_delivered_at TEXT;
ALTER TABLE invocations ADD COLUMN cancel_acked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_invocations_command ON invocations(command_id, dispatched);
