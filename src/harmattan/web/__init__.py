"""The dashboard: static HTML, JavaScript and CSS that the API serves (`static/`)."""
