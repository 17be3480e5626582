"""A report's named graph written by concern; graph.build puts the parts together (its ReportBuilder)."""
