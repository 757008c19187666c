"""Widgets of the 任务 page: evidence picker, checklist items, outreach lists."""
