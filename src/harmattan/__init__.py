"""harmattan: trustworthy political event data from dated news reports."""

import logging

from harmattan.records import SCHEMA

__version__ = "0.1.0"
__all__ = ["SCHEMA", "__version__"]

# A library only adds a NullHandler; applications decide where logs go.
logging.getLogger(__name__).addHandler(logging.NullHandler())
