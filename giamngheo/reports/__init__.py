"""Cross-app figures: the official review reports (reports.md), the area dashboard and printed forms."""
