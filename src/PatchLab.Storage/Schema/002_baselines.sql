-- Patch baselines (issue 4): custom baselines, the account default per OS, patch-group registrations, frozen snapshots.
-- AWS-owned baselines are code (PatchLab.Domain PredefinedBaselines), never rows.
CREATE TABLE patch_baselines (
  baseline_id TEXT PRIMARY KEY, name TEXT NOT NULL, operating_system TEXT NOT NULL, definition_json TEXT NOT NULL,
  client_token TEXT, created_date TEXT NOT NULL, modified_date TEXT NOT NULL, seq INTEGER NOT NULL);

CREATE TABLE default_patch_baselines (operating_system TEXT PRIMARY KEY, baseline_id TEXT NOT NULL);

-- One baseline per (patch group, OS): AlreadyExistsException for a second one of the same OS.
CREATE TABLE patch_groups (
  patch_group TEXT NOT NULL, operating_system TEXT NOT NULL, baseline_id TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (patch_group, operating_system));
CREATE INDEX ix_patch_groups_baseline ON patch_groups(baseline_id);

-- Same SnapshotId => same approved set for every node (reference 4.2): the baseline and the evaluation instant are frozen
-- on first use per (snapshot, baseline).
CREATE TABLE patch_snapshots (
  snapshot_id TEXT NOT NULL, baseline_id TEXT NOT NULL, definition_json TEXT NOT NULL, evaluated_at TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, baseline_id));
