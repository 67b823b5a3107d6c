-- Maintenance windows (issue 3): a task's AlarmConfiguration is stored and echoed (PatchLab has no CloudWatch alarms to poll).
ALTER TABLE window_tasks ADD COLUMN alarm_configuration_json TEXT;
