-- PatchLab schema v1. Instants are ISO-8601 UTC text (yyyy-MM-ddTHH:mm:ss.fffZ), sortable as text.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE windows (
  window_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, schedule TEXT NOT NULL, schedule_timezone TEXT,
  schedule_offset INTEGER, start_date TEXT, end_date TEXT, duration INTEGER NOT NULL, cutoff INTEGER NOT NULL,
  allow_unassociated_targets INTEGER NOT NULL, enabled INTEGER NOT NULL, client_token TEXT, created_date TEXT NOT NULL,
  modified_date TEXT NOT NULL, next_run TEXT);

CREATE TABLE tags (resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (resource_type, resource_id, key));

CREATE TABLE window_targets (
  window_target_id TEXT PRIMARY KEY, window_id TEXT NOT NULL, resource_type TEXT NOT NULL, targets_json TEXT NOT NULL,
  owner_information TEXT, name TEXT, description TEXT, client_token TEXT, seq INTEGER NOT NULL);
CREATE INDEX ix_window_targets_window ON window_targets(window_id);

CREATE TABLE window_tasks (
  window_task_id TEXT PRIMARY KEY, window_id TEXT NOT NULL, task_type TEXT NOT NULL, task_arn TEXT NOT NULL,
  targets_json TEXT NOT NULL, service_role_arn TEXT, task_parameters_json TEXT, invocation_parameters_json TEXT,
  priority INTEGER NOT NULL, max_concurrency TEXT, max_errors TEXT, logging_info_json TEXT, name TEXT, description TEXT,
  cutoff_behavior TEXT NOT NULL, client_token TEXT, seq INTEGER NOT NULL);
CREATE INDEX ix_window_tasks_window ON window_tasks(window_id);

CREATE TABLE window_executions (
  window_execution_id TEXT PRIMARY KEY, window_id TEXT NOT NULL, status TEXT NOT NULL, status_details TEXT,
  scheduled_time TEXT, start_time TEXT NOT NULL, end_time TEXT);
CREATE INDEX ix_window_executions_window ON window_executions(window_id, start_time);

CREATE TABLE task_executions (
  task_execution_id TEXT PRIMARY KEY, window_execution_id TEXT NOT NULL, window_task_id TEXT NOT NULL, task_arn TEXT NOT NULL,
  task_type TEXT NOT NULL, status TEXT NOT NULL, status_details TEXT, start_time TEXT, end_time TEXT, priority INTEGER NOT NULL,
  max_concurrency TEXT, max_errors TEXT, service_role TEXT, task_parameters_json TEXT, resolved_targets_json TEXT);
CREATE INDEX ix_task_executions_exec ON task_executions(window_execution_id);

CREATE TABLE task_invocations (
  invocation_id TEXT PRIMARY KEY, window_execution_id TEXT NOT NULL, task_execution_id TEXT NOT NULL, execution_id TEXT,
  task_type TEXT NOT NULL, parameters TEXT, status TEXT NOT NULL, status_details TEXT, start_time TEXT, end_time TEXT,
  owner_information TEXT, window_target_id TEXT, instance_id TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX ix_task_invocations_task ON task_invocations(window_execution_id, task_execution_id);

CREATE TABLE instances (
  instance_id TEXT PRIMARY KEY, os TEXT NOT NULL, token_hash TEXT NOT NULL, state TEXT NOT NULL, age_days INTEGER NOT NULL,
  launched_at TEXT NOT NULL, computer_name TEXT, platform_type TEXT, platform_name TEXT, platform_version TEXT,
  agent_version TEXT, registration_date TEXT, last_ping TEXT, last_boot TEXT);

CREATE TABLE commands (
  command_id TEXT PRIMARY KEY, document_name TEXT NOT NULL, document_version TEXT NOT NULL, comment TEXT NOT NULL,
  parameters_json TEXT NOT NULL, instance_ids_json TEXT NOT NULL, targets_json TEXT NOT NULL, requested_at TEXT NOT NULL,
  expires_after TEXT NOT NULL, status TEXT NOT NULL, status_details TEXT NOT NULL, max_concurrency TEXT NOT NULL,
  max_errors TEXT NOT NULL, timeout_seconds INTEGER NOT NULL, service_role TEXT NOT NULL, target_count INTEGER NOT NULL,
  completed_count INTEGER NOT NULL, error_count INTEGER NOT NULL, delivery_timed_out_count INTEGER NOT NULL,
  cancel_requested INTEGER NOT NULL DEFAULT 0, window_execution_id TEXT);
CREATE INDEX ix_commands_requested ON commands(requested_at);

CREATE TABLE invocations (
  command_id TEXT NOT NULL, instance_id TEXT NOT NULL, status_details TEXT NOT NULL, requested_at TEXT NOT NULL,
  start_time TEXT, end_time TEXT, response_code INTEGER NOT NULL DEFAULT -1, delivered_at TEXT, acked INTEGER NOT NULL DEFAULT 0,
  last_sequence INTEGER NOT NULL DEFAULT -1, reboot_requested INTEGER NOT NULL DEFAULT 0, plugins_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (command_id, instance_id));
CREATE INDEX ix_invocations_instance ON invocations(instance_id, status_details);

CREATE TABLE patch_states (
  instance_id TEXT PRIMARY KEY, patch_group TEXT NOT NULL, baseline_id TEXT NOT NULL, snapshot_id TEXT,
  install_override_list TEXT, installed INTEGER NOT NULL, installed_other INTEGER NOT NULL, installed_pending_reboot INTEGER NOT NULL,
  installed_rejected INTEGER NOT NULL, missing INTEGER NOT NULL, failed INTEGER NOT NULL, not_applicable INTEGER NOT NULL,
  unreported_not_applicable INTEGER NOT NULL, operation TEXT NOT NULL, operation_start TEXT NOT NULL, operation_end TEXT NOT NULL,
  reboot_option TEXT, last_no_reboot_install TEXT, critical_non_compliant INTEGER NOT NULL, security_non_compliant INTEGER NOT NULL,
  other_non_compliant INTEGER NOT NULL, command_id TEXT);

CREATE TABLE instance_patches (
  instance_id TEXT NOT NULL, kb_id TEXT NOT NULL, title TEXT NOT NULL, classification TEXT NOT NULL, severity TEXT NOT NULL,
  state TEXT NOT NULL, installed_time TEXT, cve_ids TEXT NOT NULL, compliance_level TEXT NOT NULL,
  PRIMARY KEY (instance_id, kb_id));

CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL);
