"""Alerts: rules an analyst stores, fired on every committed batch (see README.md)."""
