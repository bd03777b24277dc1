"""The REST API over the store (`app.create_app`), and the dashboard it serves."""
