"""The group deliberation of a report at a station (分组审议) and its summary (审议意见汇总)."""
