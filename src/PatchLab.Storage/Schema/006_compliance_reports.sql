-- PutComplianceItems (issue 8): one report per resource and compliance type, replaced as a whole; its items in order.
CREATE TABLE compliance_reports (
  resource_id TEXT NOT NULL, compliance_type TEXT NOT NULL, execution_time TEXT NOT NULL, execution_id TEXT, execution_type TEXT,
  content_hash TEXT, PRIMARY KEY (resource_id, compliance_type));

CREATE TABLE compliance_report_items (
  resource_id TEXT NOT NULL, compliance_type TEXT NOT NULL, seq INTEGER NOT NULL, item_id TEXT, title TEXT, severity TEXT NOT NULL,
  status TEXT NOT NULL, details_json TEXT NOT NULL, PRIMARY KEY (resource_id, compliance_type, seq));
