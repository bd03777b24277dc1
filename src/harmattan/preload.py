"""Imported by the ingest workers' fork server (see `service.WorkerPool`), nowhere else.

Loading the pipeline's resources here, once, means every worker forked from the server
starts with the spaCy models and gazetteer in memory, shared copy-on-write, instead of
each loading its own (1.3 s of CPU per worker, on the cores the other workers need).
"""

from harmattan.pipeline import process_resources

process_resources()
